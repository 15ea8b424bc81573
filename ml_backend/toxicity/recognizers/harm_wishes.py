"""Wishing someone harm: "Hope you get hit by a bus, loser", "I hope you choke on your food", "Someone should push
you off a cliff", "May you rot", "I wish you'd just die already".

The threats recognizer reads the speaker's own intent ("I'll ..."); a wish or a call for someone else to do the
harm has none, and the head puts many at level 1 or 0 (a wish of death or injury is clearly toxic, level 2). A
sentence is picked here when it holds

* a wish (:data:`WISH`: "hope", "wish", "pray", "may") aimed at a person ("you", "your house", "he", "she",
  "they") and followed within a few words by a harm (:data:`HARM`: "die", "get hit by", "choke", "drown",
  "burns down", "get cancer", "suffer", "rot", "get run over", "break your legs", "crash", ...); or
* a call for someone to harm them (:data:`CALL`: "someone should push / shoot / kill you", "hope someone
  breaks your legs", "somebody run him over");

and no negation after the wish ("I hope you don't get sick") and no frame (the threats recognizer's
:data:`~ml_backend.toxicity.recognizers.threats.FRAMED`: "the character", "in the film"). Its probabilities become
at least level 2 (:func:`~ml_backend.toxicity.recognizers.units.raise_to_level_two`).

Example:
    >>> is_harm_wish("Hope you get hit by a bus, loser."), is_harm_wish("Someone should push you off a cliff.")
    (True, True)
    >>> is_harm_wish("I hope you get well soon."), is_harm_wish("I hope you don't get sick on the trip.")
    (False, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ml_backend.toxicity.recognizers.groups import words
from ml_backend.toxicity.recognizers.threats import FRAMED
from ml_backend.toxicity.recognizers.units import raise_to_level_two

_A = "['\u2019]"
WISH = re.compile(
    rf"\b(?:hope|hoping|hopefully|wish|wishing|pray|praying|may)\b(?: (?:that|to god|so much|really))? "
    rf"(?P<who>you|u|ya|your|he|she|they|his|her|their|him|them|someone|somebody)(?:{_A}d| would| will)?\b",
    re.IGNORECASE)
HARM = re.compile(
    r"\b(?:die|dies|died|dead|death|get (?:hit|run over|killed|shot|stabbed|cancer|aids|murdered|hurt|beaten|raped|"
    r"mauled|crushed|hanged|lynched|sick and die)|gets? (?:hit|run over|killed|shot|stabbed|cancer)|choke|chokes|"
    r"drown|drowns|burns? (?:down|alive|to death|in hell)|burn(?=\s*(?:[.!,;]|$))|crash|crashes|suffer|suffers|"
    r"rot|rots|catch (?:something|cancer|covid|a "
    r"disease)|break (?:your|his|her|their) (?:neck|legs?|arms?|back|skull)|breaks (?:your|his|her) \w+|fall (?:down|"
    r"off|to (?:your|his|her) death)|never wake up|starve|bleed|hang yourself|hang himself|kill yourself|kill "
    r"(?:you|him|her|them)|run (?:you|him|her|them) over|push (?:you|him|her|them)|shoot (?:you|him|her|them)|"
    r"stab (?:you|him|her|them)|beat (?:you|him|her|them)|punch (?:you|him|her|them))\b", re.IGNORECASE)
HARM_WITHIN_WORDS = 8
CALL = re.compile(
    r"\b(?:someone|somebody|anyone|anybody|people) (?:should|needs to|has to|ought to|oughta|gotta|please|go|"
    r"will|would) (?:just )?(?:push|shoot|kill|stab|hit|punch|beat|run over|drown|hang|strangle|choke|slap|smack|"
    r"bury|torch|burn|murder|poison) (?:you|him|her|them|that \w+|this \w+)\b", re.IGNORECASE)
NEGATED = re.compile(rf"\b(?:not|don{_A}t|doesn{_A}t|won{_A}t|never|no|didn{_A}t|isn{_A}t|aren{_A}t)\b",
                     re.IGNORECASE)
TRIGGERS = frozenset("hope hoping hopefully wish wishing pray praying may someone somebody anyone anybody "
                     "people".split())


def is_harm_wish(sentence: str) -> bool:
    """Whether ``sentence`` wishes or calls for harm to someone (see the module docstring)."""
    if TRIGGERS.isdisjoint(words(sentence)) or FRAMED.search(sentence):
        return False
    if CALL.search(sentence):
        return True
    for wish in WISH.finditer(sentence):
        near = " ".join(sentence[wish.end():].split()[:HARM_WITHIN_WORDS])
        harm = HARM.search(near)
        if harm and not NEGATED.search(near[:harm.start()]):
            return True
    return False


class HarmWishes:
    """The recognizer (see the module docstring): raises to level 2."""

    name = "harm-wishes"
    version = 1
    raises = True

    def adjust(self, texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer
               ) -> tuple[np.ndarray, np.ndarray]:
        return raise_to_level_two(texts, toxic, severe, is_harm_wish)
