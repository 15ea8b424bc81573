"""The positive-identity recognizer (ml_backend/toxicity/recognizers/positive_identity.py) and the group words
it shares (ml_backend/toxicity/recognizers/groups.py).

Pins which sentences it picks, that inside the engine it only lowers a text that holds one, and that hate
dressed in the same words stays toxic; its quality on unseen data is printed by ``python -m
ml_backend.evaluate_toxicity_rules`` and ``python -m ml_backend.evaluate_toxicity_counter_speech --cases
tests/data/toxicity_round4_cases.json`` (not asserted here, except the round-4 set's totals below).
"""

from __future__ import annotations

import doctest
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ml_backend.evaluate_toxicity_counter_speech import ROUND4_CASES, load_cases
from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.recognizers import groups, positive_identity
from ml_backend.toxicity.recognizers.groups import names_a_person
from ml_backend.toxicity.recognizers.positive_identity import PositiveIdentity, is_positive_identity
from ml_backend.toxicity.recognizers.units import CAP


def test_doctests() -> None:
    assert doctest.testmod(positive_identity).failed == 0
    assert doctest.testmod(groups).failed == 0


@pytest.mark.parametrize("sentence", [
    "As a lesbian I'm proud of who I am.",
    "Disabled people deserve to be treated with dignity.",
    "We welcome refugees in this church.",
    "Our Sikh neighbours are wonderful.",
    "Latino-owned shops on Main Street are flourishing.",
    "I'm so grateful to be a Hindu woman in this community.",
    "Immigrants contributed to every part of this city.",
])
def test_picks_an_affirmation(sentence: str) -> None:
    assert is_positive_identity(sentence)


@pytest.mark.parametrize("sentence", [
    "Muslims don't deserve equal rights.",                    # negation
    "Gay people deserve to burn.",                            # harm
    "Proud to be white, white pride worldwide.",              # slogan
    "Jews are wonderful at stealing.",                        # contempt
    "Women are great, but only in the kitchen.",              # turn
    "Why do immigrants deserve better than us?",              # question, comparison
    "I'm proud of my garden.",                                # no group
    "",
])
def test_leaves_hate_in_kind_words(sentence: str) -> None:
    assert not is_positive_identity(sentence)


def _scorer(texts):
    """A stand-in for the engine's scorer (the real one is used below): group names toxic, "fucking" profane."""
    toxic = np.asarray([0.9 if ("Muslim" in t or "gay" in t) else 0.1 for t in texts])
    return toxic, toxic - 0.05, np.asarray([0.9 if "fucking" in t else 0.0 for t in texts])


def test_caps_only_texts_with_an_affirmation() -> None:
    texts = ["Rain again. Muslims deserve equal rights.", "Muslims are a plague.",
             "I'm a fucking proud gay man."]
    toxic, severe = PositiveIdentity().adjust(texts, np.full(3, 0.9), np.full(3, 0.8), _scorer)
    assert toxic[0] == CAP and severe[0] == CAP
    assert toxic[1] == 0.9 and severe[1] == 0.8
    assert severe[2] == CAP and toxic[2] > CAP   # a swear word beyond the group's name: at most level 1


def test_in_the_engine_it_only_lowers() -> None:
    engine = get_toxicity_engine()
    only, plain = engine.with_recognizers([PositiveIdentity()]), engine.with_recognizers(())
    texts = ["I'm a gay man and proud of it.", "Gay people deserve to be locked up.", "Lovely morning."]
    a, b = only.score_batch(texts), plain.score_batch(texts)
    assert b[0].level > 0 and a[0].level == 0
    assert a[1:] == b[1:] and a[1].level == 2


def test_names_a_person() -> None:
    assert not names_a_person("Honestly, I HATE TRAFFIC in December.")
    assert names_a_person("I hate Kevin.") and names_a_person("They are awful.")


def test_the_round4_cases_through_the_engine_beat_the_engine_without_recognizers() -> None:
    """The round-4 set (tests/data/toxicity_round4_cases.json): with the recognizers the engine gets more right
    than without, on the part the rules were written from AND on the fresh part, and no hard negative that is
    toxic without them is cleared; exact counts: benchmarks/data/toxicity_round4_cases_after.txt."""
    engine = get_toxicity_engine()
    rows = load_cases(ROUND4_CASES)
    for split in ("dev", "fresh"):
        part = [r for r in rows if r["split"] == split]
        texts = [r["text"] for r in part]
        with_rules = [s.level for s in engine.score_batch(texts)]
        without = [s.level for s in engine.with_recognizers(()).score_batch(texts)]
        right = lambda levels: sum(lv in r["ok"] for lv, r in zip(levels, part))  # noqa: E731
        assert right(with_rules) >= right(without) + len(part) // 8, split
        for r, w, wo in zip(part, with_rules, without):
            if r["kind"] in ("hard_negative", "implicit_stereotype") and wo > 0:
                assert w > 0, (split, r["kind"])


HOSTILE = st.text(alphabet=st.sampled_from(
    list("I'm a gay proud Muslims deserve equal rights love being not but hate ,.!?'\u2019\n ")), max_size=10_000)


@settings(max_examples=60, deadline=None)
@given(HOSTILE | st.text(max_size=10_000))
def test_any_text_is_read_quickly(text: str) -> None:
    start = time.perf_counter()
    assert is_positive_identity(text) in (True, False)
    assert names_a_person(text) in (True, False)
    assert time.perf_counter() - start < 0.5  # linear-time patterns: no blow-up on long or odd input


#: Long strings built to trip backtracking: repeated frames, no sentence end, odd apostrophes and spaces.
LONG_HOSTILE = [
    "Muslims deserve " * 700, "I'm a gay man and proud " * 420, "proud " * 1700 + "!", "a" * 10_000,
    "Black-owned " * 900, " \u2019" * 5000, "women are wonderful " * 500 + "?",
]


@pytest.mark.parametrize("text", LONG_HOSTILE)
def test_long_hostile_strings(text: str) -> None:
    start = time.perf_counter()
    is_positive_identity(text)
    names_a_person(text)
    assert time.perf_counter() - start < 0.5


def test_every_group_term_passes_the_cheap_word_test() -> None:
    from ml_backend.toxicity.recognizers.groups import GROUP_TERMS, mentions_group

    for term in GROUP_TERMS:
        assert mentions_group(f"Some {term.upper()} here."), term
        assert mentions_group(f"{term.title()}-owned shops."), term
