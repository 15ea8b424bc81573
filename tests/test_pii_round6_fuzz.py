"""The round-6 recognizers and not-PII rule fuzzed: any text, pieces of their own cues, and 10,000-character hostile
strings built from those cues finish fast (no catastrophic backtracking) and give spans inside the text.

Bounds are loose CPU-second limits (a blow-up fails them, a busy machine does not), as in test_pii_bounds.py.
"""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ml_backend.pii.context as context
import ml_backend.pii.not_pii as not_pii
from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers import (cited_authors, cued_short_names, family_acts, festival_figures,
                                        first_name_context, inflected_relation_cues, partial_ids)
from ml_backend.pii.recognizers.cited_authors import CitedAuthorRecognizer
from ml_backend.pii.recognizers.cued_short_names import CuedShortNameRecognizer
from ml_backend.pii.recognizers.family_acts import FamilyActRecognizer
from ml_backend.pii.recognizers.festival_figures import FestivalFigureRecognizer
from ml_backend.pii.recognizers.first_name_context import ContextualFirstNameRecognizer
from ml_backend.pii.recognizers.inflected_relation_cues import InflectedRelationRecognizer
from ml_backend.pii.recognizers.partial_ids import PartialIdRecognizer

RECOGNIZERS = [InflectedRelationRecognizer(), CitedAuthorRecognizer(), FamilyActRecognizer(),
               FestivalFigureRecognizer(), PartialIdRecognizer(), ContextualFirstNameRecognizer(),
               CuedShortNameRecognizer()]
MODULES = [inflected_relation_cues, cited_authors, family_acts, festival_figures, partial_ids, first_name_context,
           cued_short_names, not_pii, context]
COMMON = frozenset({"research", "critic", "ran", "na", "lei", "fantastic", "carpenter"})

# the cues of each family, to be glued together by hypothesis and repeated into hostile strings
_PIECES = st.sampled_from(
    ["meinem Kollegen ", "à ma voisine ", "al mio vicino ", "Markus ", "Brandt ", "de ", "van der ", "According to ",
     "As ", " argued ", "In ", "'s view ", "What did ", " mean by ", "Foucault", " argues that ", "the ", "Jackson ",
     "5 ", "Five ", "Family ", "Quartet ", "Carpenters ", "album ", "Passover ", "seder ", "Elijah ", "Esther ",
     "Purim ", "my daughter ", "last four digits of my SSN are ", "4417", "ending in ", "account no. ", "four ",
     "one ", "seven ", "-", " ", ",", ".", "\n", "Liam ", "in third grade at ", "Oakwood ", "Elementary ",
     "who works at ", "the Kroger ", "my neighbour ", "li ", "na ", "kim ", "ji-woo ", "a robot named ",
     "which I call ", "Sparky the robot ", "Hurricane ", "Mr. ", "É", "ß", "東", "’", "'"]
)


def _hostile(n: int = 10_000) -> dict[str, str]:
    return {
        "relation cues": ("meinem Kollegen Markus " * n)[:n], "romance cues": ("a mi vecina de la " * n)[:n],
        "capitalised words": ("According To Abc " * n)[:n], "citation": ("As Foucault argued As " * n)[:n],
        "view": ("In Abc's In Abc's " * n)[:n], "act": ("the Jackson the Jackson 5 " * n)[:n],
        "festival": ("Passover Elijah Esther " * n)[:n], "digits": ("last four digits of my card are 1 " * n)[:n],
        "digit words": ("the last four of my account are four four " * n)[:n], "endings": ("card ending " * n)[:n],
        "first names": ("Liam, a nurse at the Abc " * n)[:n], "school": ("Liam in Abc Abc Abc Abc " * n)[:n],
        "short names": ("my neighbour li na li " * n)[:n], "hyphens": ("my friend kim ji-ji-ji-" * n)[:n],
        "robots": ("a robot named a robot " * n)[:n], "the X the": ("Sparky the the the " * n)[:n],
        "a": "a" * n, "A": "A" * n, "spaces": " " * n, "1-": ("1-" * n)[:n], "É": "É" * n,
    }


@pytest.mark.parametrize("rec", RECOGNIZERS, ids=lambda r: r.name)
@pytest.mark.parametrize("family", sorted(_hostile(10)))
def test_hostile_10000_chars_fast(rec, family: str) -> None:
    text = _hostile()[family]
    t0 = time.process_time()
    cands = rec.find(TextContext(text, None, COMMON))
    assert time.process_time() - t0 < 1.0, (rec.name, family)
    assert all(0 <= c.start < c.end <= len(text) for c in cands)


@pytest.mark.parametrize("family", sorted(_hostile(10)))
def test_nonhuman_rule_hostile_fast(family: str) -> None:
    text = _hostile()[family]
    ctx = TextContext(text, None)
    t0 = time.process_time()
    for pos in range(0, len(text), 500):
        not_pii.is_nonhuman_name(ctx, pos, min(len(text), pos + 5))
    not_pii.is_festival_name(text)
    assert time.process_time() - t0 < 1.0, family


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=300).map("".join))
def test_fuzz_cue_pieces(text: str) -> None:
    ctx = TextContext(text, None, COMMON)
    t0 = time.process_time()
    for rec in RECOGNIZERS:
        for c in rec.find(ctx):
            assert 0 <= c.start < c.end <= len(text) and text[c.start:c.end].strip()
    assert time.process_time() - t0 < 1.0


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=2000))
def test_fuzz_any_unicode(text: str) -> None:
    ctx = TextContext(text, None, COMMON)
    t0 = time.process_time()
    for rec in RECOGNIZERS:
        rec.find(ctx)
    if text:
        not_pii.is_nonhuman_name(ctx, len(text) // 2, len(text))
    assert time.process_time() - t0 < 1.0


def test_no_nested_unbounded_quantifier() -> None:
    """The lint of test_pii_bounds.py on the round-6 modules' compiled patterns."""
    nested = re.compile(r"\((?:\?:)?[^()]*[^+*\\][+*]\)[+*](?!\+)")
    for module in MODULES:
        for key, value in vars(module).items():
            if isinstance(value, re.Pattern):
                assert not nested.search(value.pattern), f"{module.__name__}.{key}"


def test_the_precheck_words_are_per_text() -> None:
    """The pre-checks' word set (``TextContext.words``) is the text's own."""
    import doctest

    assert doctest.testmod(context).failed == 0
    a, b = TextContext("Elijah at Passover", None), TextContext("Esther at Purim", None)
    assert "passover" in a.words and "passover" not in b.words
    assert a.words == frozenset({"elijah", "at", "passover"})
