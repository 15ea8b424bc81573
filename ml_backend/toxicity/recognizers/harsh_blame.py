"""Harsh blame at people without a rude word: "The devs should be ashamed of this update", "The referee was blind
tonight, awful calls", "Management has no idea what they're doing", "The council is completely useless".

The guideline's level 1 ("slight, or toxic to some people") covers a harsh, disrespectful verdict on people, but
the head and alt-profanity-check see no rude word in it. A sentence is picked here when it names people in a
role (:data:`ROLES`: "the devs", "the referee", "management", "the council", "the landlord", "these politicians",
"whoever designed this", ...) shortly before a harsh verdict (:data:`VERDICT`: "should be ashamed", "shame on",
"a disgrace", "incompetent", "useless", "was blind", "has no idea what they're doing", "should never work ...
again", "awful calls", ...), and the speaker does not blame themself (:data:`SELF`: "I'm ashamed ..."). Its
P(toxic) becomes at least level 1, never level 2
(:func:`~ml_backend.toxicity.recognizers.units.raise_to_level_one`).

Example:
    >>> is_harsh_blame("The devs should be ashamed of this update.")
    True
    >>> is_harsh_blame("The devs should add a dark mode."), is_harsh_blame("I'm ashamed I forgot to call my mother.")
    (False, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ml_backend.toxicity.recognizers.groups import words
from ml_backend.toxicity.recognizers.units import raise_to_level_one

_A = "['\u2019]"
_ROLE_WORDS = (
    "devs developers dev developer referee referees ref refs umpire umpires officials official management "
    "managers manager council councillors councilors landlord landlords coach coaches coaching politicians "
    "politician government ministers minister mayor team staff company service support moderators mods admins "
    "admin owners owner ceo board executives execs players player author writer director producers studio "
    "publisher school teachers teacher police cops club leadership administration whoever employees waiter waiters "
    "driver drivers doctors nurses journalists reporters media devteam organisers organizers").split()
ROLES = re.compile(r"\b(?:" + "|".join(_ROLE_WORDS) + r"|these people|those people|they|he|she|them|you)\b",
                   re.IGNORECASE)
VERDICT = re.compile(
    rf"\bshould (?:be )?(?:(?:so|really|deeply) )?(?:ashamed|embarrassed)\b|\bshame on\b|"
    rf"\b(?:is|are|was|were|{_A}s|{_A}re) (?:(?:a|an|an absolute|a complete|a total|an utter) )?"
    rf"(?:disgrace|embarrassment|laughing ?stock|joke|clown show|shambles)\b|"
    rf"\b(?:is|are|was|were|{_A}s|{_A}re) (?:(?:completely|totally|utterly|absolutely|so|just|truly|clearly|"
    rf"beyond|hopelessly|criminally) )?(?:useless|incompetent|clueless|hopeless|pathetic|spineless|gutless|"
    rf"brainless|a disgrace|disgraceful|shameful|negligent|inept|worthless)\b|"
    rf"\bincompetent\b|\b(?:has|have|had) (?:no|zero|not a) (?:idea|clue) what (?:they|he|she|it){_A}?(?:re| are|s| is"
    rf"| were| was) doing\b|\bshould (?:never|not) (?:be allowed to )?(?:work|coach|referee|officiate|design|"
    rf"write|manage|teach|direct|code|make (?:games|films|movies|software|decisions)|be (?:trusted|employed|hired|"
    rf"in charge))\b|\b(?:ref|refs|referee|referees|umpire|umpires|officials?|linesman|linesmen) (?:was|were|is|"
    rf"are|must be|{_A}s|{_A}re) (?:\w+ )?blind\b|"
    rf"\bshould (?:be fired|be sacked|resign|quit|step down|lose (?:their|his|her) jobs?)\b|"
    rf"\b(?:awful|terrible|shocking|horrendous|disgraceful|atrocious|pathetic|diabolical|appalling) (?:calls|"
    rf"refereeing|officiating|management|leadership|coaching|service|decisions|performance|game|job)\b|"
    rf"\bclearly (?:can{_A}t|cannot) see\b|\bdo(?:es)? nothing\b(?! wrong)", re.IGNORECASE)
#: How far before a verdict the people it blames may be named ("Whoever designed this interface should never ...").
ROLE_WITHIN_CHARS = 50
SELF = re.compile(rf"^\W*(?:i|we)(?:{_A}m|{_A}re| am| are| was| were| feel| felt| should)\b", re.IGNORECASE)
TRIGGERS = frozenset(
    "ashamed embarrassed shame disgrace embarrassment laughing laughingstock joke clown shambles useless "
    "incompetent clueless hopeless pathetic spineless gutless brainless blind disgraceful shameful negligent inept "
    "worthless idea clue never not fired sacked resign quit step lose awful terrible shocking horrendous atrocious "
    "diabolical appalling see nothing".split())


def is_harsh_blame(sentence: str) -> bool:
    """Whether ``sentence`` is a harsh verdict on people (see the module docstring)."""
    if TRIGGERS.isdisjoint(words(sentence)) or SELF.search(sentence):
        return False
    for verdict in VERDICT.finditer(sentence):
        # the people blamed come before the verdict ("the council is useless"), or right after "shame on"
        before = sentence[max(0, verdict.start() - ROLE_WITHIN_CHARS):verdict.start()]
        after = sentence[verdict.end():verdict.end() + 30] if verdict.group(0).lower() == "shame on" else ""
        if ROLES.search(before) or ROLES.search(after) or ROLES.search(verdict.group(0)):
            return True
    return False


class HarshBlame:
    """The recognizer (see the module docstring): raises to level 1 only (``level_one``)."""

    name = "harsh-blame"
    version = 1
    raises = True
    level_one = True

    def adjust(self, texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer
               ) -> tuple[np.ndarray, np.ndarray]:
        return raise_to_level_one(texts, toxic, severe, is_harsh_blame)
