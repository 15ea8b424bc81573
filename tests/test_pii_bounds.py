"""Bounded time per text (issue 10.1): no recognizer backtracks catastrophically, on fuzzed and pathological text.

The old engine took 11 s on a 117-character prompt (a name rule's nested quantifier, reproduced below), about
1 s on 42 digits and a letter (the masked-identifier rule: exponential), 85-150 s on 50,000 ``a`` (street-address
seeds: quadratic) and about 50 s on 50,000 dots (Presidio's URL pattern). Each bound here is loose (a hang or a
blow-up fails it, a slow machine does not) and counts this process's CPU seconds, not wall time, so that other
work on a shared machine does not make it fail; the engine's time against length is in benchmarks/pii_speed.py.
"""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ml_backend.pii import get_pii_engine
from ml_backend.pii.recognizers import addresses, identifiers, names, urls
from ml_backend.pii.registry import default_registry

# The reproducers of the old patterns' blow-ups, each against the pattern that replaced it.
PATHOLOGICAL = {
    "interjection (nested quantifiers)": (names._INTERJECTION.match, "Haa" + "haa" * 5000 + "x"),
    "masked id (digit run + letter)": (identifiers._MASKED_ID.findall, "1" * 5000 + "a"),
    "address seeds (50,000 a)": (addresses._ADDRESS_SEEDS.findall, "a" * 50_000),
    "address seeds (50,000 A)": (addresses._ADDRESS_SEEDS.findall, "A" * 50_000),
    "address seeds (a.a.a.)": (addresses._ADDRESS_SEEDS.findall, "a." * 25_000),
    "urls (50,000 dots)": (urls.find_urls, "." * 50_000),
    "urls (a.a.a.)": (urls.find_urls, "a." * 25_000),
}


@pytest.fixture(scope="module")
def engine():
    return get_pii_engine()


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_patterns(name: str) -> None:
    fn, text = PATHOLOGICAL[name]
    t0 = time.process_time()
    fn(text)
    assert time.process_time() - t0 < 1.0


def _families(n: int) -> dict[str, str]:
    return {
        "a": "a" * n, "A": "A" * n, "digits": "1" * n, "digits+letter": "1" * (n - 1) + "a", "dots": "." * n,
        "at": "@" * n, "spaces": " " * n, "newlines": "\n" * n, "capitalised words": ("Abc " * n)[:n],
        "St.": ("St. " * n)[:n], "number + word": ("1 Ab " * n)[:n], "haa": "Haa" + ("haa" * n)[:n - 4] + "x",
        "a.": ("a." * n)[:n], "a-": ("a-" * n)[:n], "1-": ("1-" * n)[:n], "1 ": ("1 " * n)[:n], "*X": ("*X" * n)[:n],
        "my name is": "my name is " + ("Abc " * n)[:n], "a@": ("a@" * n)[:n], "Apt 1": ("Apt 1 " * n)[:n],
        "www.a": ("www.a" * n)[:n] + ".com", "phone 1": ("phone 1 " * n)[:n], "john smith": ("john smith " * n)[:n],
        "user a_1": ("user a_1 " * n)[:n], "a_b on slack": ("a_b on slack " * n)[:n],
        "van den": ("ann van den " * n)[:n], "the Xs": ("the Abcs " * n)[:n], "田中さん": ("田中さん" * n)[:n],
        "the 97-char name prompt": ("Yesterday I talked to Haa" + "haa" * 24 + "x about it.")[:n],
    }


@pytest.mark.parametrize("family", sorted(_families(10)))
def test_pathological_families_through_the_engine(engine, family: str) -> None:
    text = _families(2000)[family]
    t0 = time.process_time()
    engine.analyze(text)
    assert time.process_time() - t0 < 1.0, family


@pytest.mark.slow
@pytest.mark.parametrize("family", ["a", "A", "a.", "a-", "www.a", "dots", "capitalised words", "St."])
def test_max_text_chars(engine, family: str) -> None:
    """At MAX_TEXT_CHARS (50,000) the families that were quadratic finish in seconds (the old engine: 85-150 s)."""
    t0 = time.process_time()
    engine.analyze(_families(50_000)[family])
    assert time.process_time() - t0 < 15.0, family


_PIECES = st.sampled_from(
    ["a", "A", "Ab", "1", "12", "-", ".", "@", "/", "#", "*", "X", "x", " ", "  ", "\n", ",", "'", "’", "(", ")",
     "St.", "Apt", "Mr ", "Dr. ", "my name is ", "call me at ", "phone ", "www.", ".com", "haa", "Haa", "u/", "https://",
     "Jane ", "Doe ", "john smith ", "Street ", "strasse ", "Via ", "box ", "the corner of ", " and ", "born ", "ß", "é", "Ω",
     "東", "🙂", "\t", "card ending in ", "username: ", "user ", " on Slack", "me on snapchat, i'm ", "a_", "van den ",
     "the sun goddess", "MARTIN "]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=400).map("".join).map(lambda s: s[:2000]))
def test_fuzz_any_text_up_to_2000_chars_under_a_second(engine, text: str) -> None:
    t0 = time.process_time()
    finding = engine.analyze(text)
    assert time.process_time() - t0 < 1.0
    for s in finding.spans:
        assert 0 <= s.start < s.end <= len(text)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=2000))
def test_fuzz_every_regex_recognizer_on_any_unicode(text: str) -> None:
    """Every recognizer of the registry on arbitrary unicode (no spaCy): under a second, no exception."""
    from ml_backend.pii.context import GuidelineArtifacts, TextContext

    artifacts = GuidelineArtifacts(TextContext(text, None))
    t0 = time.process_time()
    for rec in default_registry().recognizers:
        rec.analyze(text, rec.supported_entities, artifacts)
    assert time.process_time() - t0 < 1.0


def test_no_nested_unbounded_quantifier_left_in_our_patterns() -> None:
    """A cheap lint on every compiled pattern of the guideline modules: no ``(...x+)+`` / ``(...x*)*`` shape
    unless possessive (``++``)."""
    from ml_backend.pii import not_pii, prefilter
    from ml_backend.pii.recognizers import (bare_handles, dates, deity_cues, families, foreign_name_cues, groups,
                                            handles, lowercase_names, lowercase_titles, person_names, phones,
                                            plates, religious_figures, stage_names)

    nested = re.compile(r"\((?:\?:)?[^()]*[^+*\\][+*]\)[+*](?!\+)")
    for module in (addresses, identifiers, names, urls, dates, groups, handles, lowercase_names, person_names, phones,
                   religious_figures, not_pii, prefilter, bare_handles, deity_cues, foreign_name_cues, plates,
                   lowercase_titles, families, stage_names):
        for key, value in vars(module).items():
            if isinstance(value, re.Pattern):
                assert not nested.search(value.pattern), f"{module.__name__}.{key}"
