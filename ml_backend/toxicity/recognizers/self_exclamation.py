"""A mild exclamation at one's own mishap: "Damn, I forgot my keys again", "Dammit, my phone died".

alt-profanity-check flags "damn" by itself (0.8 and up), so the noisy-OR makes such a sentence level 1, though it
is rude to nobody. A sentence is picked here when it opens with a mild interjection (:data:`INTERJECTION`:
"damn", "dammit", "damn it", "darn", "dang", "drat", "shoot", "gosh", "heck", "argh"; not "crap", "hell" or
"shit": the check set labels "Oh crap, the deadline is tomorrow" and "Shit, I forgot my keys again" level 1),
the rest speaks of the speaker (:data:`FIRST_PERSON`: "I", "my", "me", "we", "our") and names no one else
(no "you", no third person, no group). It is lowered to level 0 by
:func:`~ml_backend.toxicity.recognizers.units.cap_part_without` the interjection: a swear word in the rest still
keeps it at level 1.

Example:
    >>> is_self_exclamation("Damn, I forgot my keys again."), is_self_exclamation("Dammit, my phone died.")
    (True, True)
    >>> is_self_exclamation("Damn you, I hate you."), is_self_exclamation("Damn, this soup is spicy.")
    (False, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ml_backend.toxicity.recognizers.groups import names_a_person, words
from ml_backend.toxicity.recognizers.units import cap_part_without, rescore_by_parts, sentences

INTERJECTION = re.compile(
    r"^\W*(?:(?:oh|ah|aw|ugh|argh|well),?\s+)?(?:damn(?: it)?|dammit|damnit|darn(?: it)?|dang(?: it)?|drat|shoot|"
    r"gosh|heck|argh)\s*[,!.\u2014\u2013-]+", re.IGNORECASE)
FIRST_PERSON = re.compile(r"\b(?:i|i['\u2019]\w+|my|me|myself|we|our|us)\b", re.IGNORECASE)
TRIGGERS = frozenset("damn dammit damnit darn dang drat shoot gosh heck argh".split())


def is_self_exclamation(sentence: str) -> bool:
    """Whether ``sentence`` is a mild exclamation at the speaker's own mishap (see the module docstring)."""
    if TRIGGERS.isdisjoint(words(sentence)):
        return False
    opening = INTERJECTION.match(sentence)
    if not opening:
        return False
    rest = sentence[opening.end():]
    return bool(FIRST_PERSON.search(rest)) and not names_a_person(rest.strip())


_cap_without_interjection = cap_part_without(re.compile(
    r"\b(?:damn(?: it)?|dammit|damnit|darn(?: it)?|dang(?: it)?|drat|shoot|gosh|heck|argh)\b", re.IGNORECASE))


class SelfExclamation:
    """The recognizer (see the module docstring). It lowers a picked sentence to level 0."""

    name = "self-exclamation"
    version = 1
    raises = False

    def adjust(self, texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer
               ) -> tuple[np.ndarray, np.ndarray]:
        return rescore_by_parts(texts, toxic, severe, scorer, sentences, is_self_exclamation,
                                _cap_without_interjection)
