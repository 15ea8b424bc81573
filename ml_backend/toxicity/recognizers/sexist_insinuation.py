"""A sexist insinuation that a woman's success came from sex: "She only got promoted because she slept with the
boss", "Everyone knows she got the part by sleeping with the producer", "Her promotion had more to do with the
bedroom than the boardroom".

No word in it is rude, so the head and alt-profanity-check call it clean; the guideline calls it clearly toxic (a
demeaning attack on a woman, level 2). A sentence is picked here when it is about a woman (:data:`WOMAN`: "she",
"her", "that woman", ...), names a success (:data:`SUCCESS`: "promoted", "the job", "the part", "a raise",
"partner", "the top", ...) and ties it to sex (:data:`SEX`: "slept with", "sleeping with", "slept her way",
"on her back", "the bedroom", "we all know how she really got", "late nights in his office", "a weekend with the
director",
"dating the coach", "what she did for the manager", ...), and does not deny it (:data:`DENIED`: "not because she
slept ...", "the rumours are false"). Its probabilities become at least level 2
(:func:`~ml_backend.toxicity.recognizers.units.raise_to_level_two`).

Example:
    >>> is_sexist_insinuation("She only got promoted because she slept with the boss.")
    True
    >>> is_sexist_insinuation("She got promoted because she worked hard for ten years.")
    False
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ml_backend.toxicity.recognizers.groups import words
from ml_backend.toxicity.recognizers.units import raise_to_level_two

_A = "['\u2019]"
WOMAN = re.compile(r"\b(?:she|her|hers|herself|that woman|this woman|that girl|the new girl)\b", re.IGNORECASE)
SUCCESS = re.compile(
    r"\b(?:promot\w+|job|jobs|position|post|raise|part|role|contract|partner|captain|top|ladder|career|grades?|"
    r"award|tenure|seat|title|deal|office|hired|qualification|qualified|earn(?:ed)?|merit|skill|made (?:it|captain|"
    r"partner|manager|director)|land(?:ed)? (?:that|the|a)|get (?:ahead|that)|got (?:that|the|her|ahead)|record "
    r"deal|scholarship|lead|spot)\b", re.IGNORECASE)
SEX = re.compile(
    rf"\b(?:slept|sleeps|sleep|sleeping) (?:with|her way|around)\b|\bon her (?:back|knees)\b|\bbedroom\b|"
    rf"\b(?:we all|everyone|everybody|we) knows? how she (?:really |actually )?(?:got|earned|landed|made|won)\b|"
    rf"\bhow she (?:really|actually) (?:got|earned|landed|made|won)\b|"
    rf"\blate nights? (?:in|at) (?:his|the boss{_A}?s?|the manager{_A}?s?) office\b|"
    rf"\b(?:a|the) (?:weekend|night) (?:with|at) (?:the|his) (?:director|boss|manager|producer|coach|ceo|professor|"
    rf"editor)\b|\bdating (?:the|her) (?:coach|boss|manager|director|producer|ceo|professor|editor|teacher)\b|"
    rf"\bwhat (?:she|exactly she) did (?:for|to|with) (?:the|her|him|his)\b|\bspread(?:ing)? her legs\b|"
    rf"\bcasting couch\b|\bsugar daddy\b|\b(?:flirt\w*|sle\w+) her way\b|\bfavou?rs? (?:for|to) (?:the|her) "
    rf"(?:boss|manager|director|producer)\b|\bsexual favou?rs?\b", re.IGNORECASE)
DENIED = re.compile(
    rf"\bnot because (?:she|of)\b|\bdidn{_A}t (?:sleep|need to)\b|\bnever slept\b|\brumou?rs?\b[^.!?]*\b(?:false|"
    rf"untrue|lies|sexist)\b|\b(?:sexist|misogyn\w+) (?:to|lie|rumou?r)\b|\bstop (?:saying|claiming|implying)\b",
    re.IGNORECASE)
TRIGGERS = frozenset("she her hers herself woman girl".split())


def is_sexist_insinuation(sentence: str) -> bool:
    """Whether ``sentence`` puts a woman's success down to sex (see the module docstring)."""
    if TRIGGERS.isdisjoint(words(sentence)) or not SEX.search(sentence):
        return False
    return bool(WOMAN.search(sentence)) and bool(SUCCESS.search(sentence)) and not DENIED.search(sentence)


class SexistInsinuation:
    """The recognizer (see the module docstring): raises to level 2."""

    name = "sexist-insinuation"
    version = 1
    raises = True

    def adjust(self, texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer
               ) -> tuple[np.ndarray, np.ndarray]:
        return raise_to_level_two(texts, toxic, severe, is_sexist_insinuation)
