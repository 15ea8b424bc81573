"""An insult carried through a thing to its owner: "Your code is garbage and so are you", "Your taste in music is
trash, just like you", "Your argument is as pathetic as you are", "... and so is the person who wrote it".

The head scores the thing's verdict ("your code is garbage": rude about code) and misses that the sentence then
applies it to the reader: a personal insult, level 2. A sentence is picked here when it holds a put-down
(:data:`PUT_DOWN`: "garbage", "trash", "worthless", "pathetic", "awful", "junk", "a joke", "disgusting", ...)
followed by a link that passes it on to a person (:data:`PASSED_ON`: "and so are you", "and you are too",
"just like you", "as ... as you are", "and you're even worse", "like the person who posted it", "just like its
owner", "and so is whoever wrote it"). Its probabilities become at least level 2
(:func:`~ml_backend.toxicity.recognizers.units.raise_to_level_two`).

Example:
    >>> is_insult_via_object("Your code is garbage and so are you.")
    True
    >>> is_insult_via_object("Your code is great and so are you."), is_insult_via_object("This couch is garbage.")
    (False, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ml_backend.toxicity.recognizers.groups import words
from ml_backend.toxicity.recognizers.units import raise_to_level_two

_A = "['\u2019]"
PUT_DOWN = re.compile(
    r"\b(?:garbage|trash|trashy|rubbish|worthless|pathetic|awful|terrible|horrible|junk|a joke|disgusting|useless|"
    r"stupid|dumb|pointless|a mess|crap|crappy|ugly|boring|lame|embarrassing|pitiful|laughable|hideous|gross|"
    r"revolting|a disgrace|an embarrassment|a waste of (?:space|time|air)|worse|the worst|bad|sad|sloppy|ridiculous|"
    r"idiotic|moronic|dull|ignorant|a failure)\b", re.IGNORECASE)
PASSED_ON = re.compile(
    rf"\b(?:and|but) so (?:are|were) you\b|\band so (?:is|was) (?:the (?:person|guy|girl|idiot|moron|clown|"
    rf"loser|one|man|woman|author|writer|owner|creator)|whoever|its (?:owner|author|creator|maker|writer)|"
    rf"your \w+)\b|\band (?:you are|you{_A}re|you were) (?:too|even worse|worse|just as bad|no better)\b|"
    rf"\b(?:just )?like (?:you(?! (?:said|say|asked|told|wanted|suggested|mentioned|thought|predicted|do|did|"
    rf"can|could|would|will|might|know|knew|like|liked|want|mean|meant)\b)|yourself|"
    rf"its (?:owner|author|creator|maker|writer)|the (?:person|guy|idiot|clown|"
    rf"loser|one) who (?:wrote|posted|made|said|owns|built))\b|\bas \w+ as (?:you|yourself|its (?:owner|author)|"
    rf"the (?:person|guy) who)\b|\b(?:like|as) (?:its|his|her|their) (?:owner|author|creator|maker)\b|"
    rf"\band (?:so is|so are) (?:its|your) (?:owner|author|creator|face|brain|personality)\b", re.IGNORECASE)
TRIGGERS = frozenset("you yourself owner author creator maker writer person guy idiot moron clown loser".split())


def is_insult_via_object(sentence: str) -> bool:
    """Whether ``sentence`` passes a put-down of a thing on to a person (see the module docstring)."""
    if TRIGGERS.isdisjoint(words(sentence)):
        return False
    link = PASSED_ON.search(sentence)
    return bool(link) and bool(PUT_DOWN.search(sentence[:link.end() + 40]))


class InsultViaObject:
    """The recognizer (see the module docstring): raises to level 2."""

    name = "insult-via-object"
    version = 1
    raises = True

    def adjust(self, texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer
               ) -> tuple[np.ndarray, np.ndarray]:
        return raise_to_level_two(texts, toxic, severe, is_insult_via_object)
