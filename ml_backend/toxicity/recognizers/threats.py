"""Threats at a person without a rude word: "I'm coming to your office with a knife tomorrow".

The training data (tweets and forum sentences labelled for hate and offensive language) holds few threats, so
the head misses most that carry no slur or swear word. A sentence is a threat here when it holds

* a first-person intent (:data:`INTENT`: "I'll", "I'm going to", "we will", "I'd gladly", ...) followed within
  a few words (:data:`HARM_WITHIN_WORDS`) by a harm (:data:`HARM`: the verbs "kill", "smash", "strangle", "break",
  ... in their base form, "a knife", ...) and by someone to harm (:data:`TARGET`: "you", "your", "him", "them",
  "those ..."); or
* a threat addressed to the reader that needs no harm word (:data:`VEILED`: "I know where you live", "you'll regret
  this", "watch your back", "in one piece", "when you least expect it", ...).

Left alone: sentences that report or stage a threat (:data:`FRAMED`: "threatens", "the character", "in the
film", ...), "kill it" / "beat you at" (success, games) and idioms (:data:`IDIOMS`: "break the news to them"). A threat's probabilities become at least :data:`FLOOR`
(level 2).

Example:
    >>> is_threat("Do that again and I'll strangle you with my bare hands.")
    True
    >>> is_threat("I'll beat you at chess tomorrow."), is_threat("The character threatens to kill the king.")
    (False, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ml_backend.toxicity.recognizers.units import sentences

_APOS = "['\u2019]"
INTENT = re.compile(
    rf"\b(?:i{_APOS}ll|i will|i shall|i{_APOS}m (?:going to|gonna|coming)|i am (?:going to|gonna|coming)|"
    rf"we{_APOS}ll|we will|we{_APOS}re (?:going to|gonna|coming)|we are (?:going to|gonna|coming)|"
    rf"i{_APOS}d (?:happily|gladly|love to)|i would (?:happily|gladly|love to)|let{_APOS}s go)\b", re.IGNORECASE)
HARM = re.compile(
    r"\b(?:kill|murder|hurt|smash|break|strangle|choke|stab|shoot|beat|burn|wring|punch|slap|bury|rape|snap|gut|"
    r"drown|lynch|bash|kick|torch|bomb|cripple|maim|slit|end you|finish you|run (?:you|him|her|them) over|"
    r"put a bullet|make you (?:bleed|suffer|pay)|destroy you|(?:a|my|the) (?:knife|gun|bat|axe|machete|rifle)|"
    r"acid)\b", re.IGNORECASE)
#: How many words after the intent the harm must start ("I'm going to come over and smash ...": 5).
HARM_WITHIN_WORDS = 6
TARGET = re.compile(r"\b(?:you|your|yours|him|his|her|them|their|those|these)\b", re.IGNORECASE)
VEILED = re.compile(
    rf"\b(?:i know where you (?:live|work|sleep)|you{_APOS}ll (?:regret|pay for|be sorry|wish you)|"
    rf"you will (?:regret|pay for|be sorry|wish you)|watch your back|(?:with )?one eye open|in one piece|"
    rf"when you least expect|i{_APOS}ll be (?:waiting|watching)|i{_APOS}m coming for you|"
    rf"your days are numbered|you{_APOS}re (?:dead|next)|you{_APOS}ll (?:lose|never walk)|"
    rf"won{_APOS}t be (?:smiling|walking|laughing))\b", re.IGNORECASE)
FRAMED = re.compile(
    r"\b(?:threaten\w*|character|villain|in the (?:film|movie|book|novel|game|show|play|story|song)|"
    r"act (?:one|two|three|four|five|[1-5])|scene|kill(?:ing)? it|beat (?:you|him|her|them) (?:at|to|in))\b",
    re.IGNORECASE)
#: Harm verbs in idioms that harm nobody ("break the news to them", "shoot you an email").
IDIOMS = re.compile(
    r"\b(?:break (?:the|this|that) (?:news|ice|record|silence)|break it to|break (?:a leg|even)|"
    r"shoot (?:you|me|him|her|them) (?:a|an) (?:email|message|text|note|line)|kill (?:time|the (?:lights|engine))|"
    r"beat (?:the (?:rush|traffic|deadline|record|odds))|burn (?:the midnight oil|calories))\b", re.IGNORECASE)
#: The least a threat keeps of either probability (above every level-2 threshold in use).
FLOOR = 0.9


def is_threat(sentence: str) -> bool:
    """Whether ``sentence`` is a threat at someone (see the module docstring)."""
    if FRAMED.search(sentence) or IDIOMS.search(sentence):
        return False
    if VEILED.search(sentence):
        return True
    intent = INTENT.search(sentence)
    if not intent:
        return False
    rest = sentence[intent.end():]
    near = " ".join(rest.split()[:HARM_WITHIN_WORDS + 2])
    return bool(HARM.search(near)) and bool(TARGET.search(rest))


class Threats:
    """The recognizer (see the module docstring). It raises: a threat's probabilities become at least FLOOR."""

    name = "threats"
    version = 1
    raises = True

    def adjust(self, texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer
               ) -> tuple[np.ndarray, np.ndarray]:
        toxic = np.array(toxic, np.float64)
        severe = np.array(severe, np.float64)
        for i, text in enumerate(texts):
            if any(is_threat(s) for s in sentences(text[:4000])):
                toxic[i], severe[i] = max(toxic[i], FLOOR), max(severe[i], FLOOR)
        return toxic, severe
