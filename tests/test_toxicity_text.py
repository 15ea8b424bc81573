"""The text clean-up before the encoder (ml_backend/toxicity/text.py): what it removes, and that it is linear-time.

The fuzz test is the issue-10 bound for every regex of the toxicity engine (the clean-up is the only place the
engine uses regexes at prediction time): any text up to 2,000 characters in under a second, and near-linear time
up to 50,000 characters on the pathological families (long runs of the characters each pattern looks for).
"""

from __future__ import annotations

import doctest
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ml_backend.toxicity import text
from ml_backend.toxicity.text import detokenize_ptb, normalise_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("RT @user_1: you &amp; me", "you & me"),
        ("&#8220;@boo: quoted&#8221; reply", "“ quoted” reply"),
        ("look http://t.co/abc and www.example.com/x now", "look and now"),
        ("what!!!!!!!! really?????", "what!!! really???"),
        ("  many\n\t spaces  ", "many spaces"),
        ("email me@example.com", "email me@example.com"),  # an address is not a handle
        ("ART is not RT", "ART is not"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("", ""),
    ],
)
def test_normalise_text(raw: str, clean: str) -> None:
    assert normalise_text(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("I do n't know , he said .", "I don't know, he said."),
        ("They ca n't and wo n't ( ever ) .", "They can't and won't (ever)."),
        ("`` scum '' , he said", '"scum", he said'),
        ("It 's the Jew 's fault", "It's the Jew's fault"),
    ],
)
def test_detokenize_ptb(raw: str, clean: str) -> None:
    assert detokenize_ptb(raw) == clean


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_is_cleaned_fast_and_is_valid_utf8(raw: str) -> None:
    start = time.perf_counter()
    out = normalise_text(raw)
    detokenize_ptb(raw)
    assert time.perf_counter() - start < 1.0
    out.encode("utf-8")  # never a lone surrogate: the tokenizer needs valid UTF-8
    assert len(out) <= len(raw)  # it only removes or replaces


PATHOLOGICAL = ["@" * 50_000, "@a" * 25_000, "http://" * 7_000, "www." * 12_500, "!" * 50_000, "!?" * 25_000,
                "RT " * 16_000, "&" * 50_000, "&#" * 25_000, " n't" * 12_000, "`` ''" * 10_000, "a " * 25_000,
                "ca n't " * 7_000, "( " * 25_000]


@pytest.mark.parametrize("raw", PATHOLOGICAL, ids=lambda s: repr(s[:6]))
def test_near_linear_time_to_50k_characters(raw: str) -> None:
    def cost(s: str) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            normalise_text(s)
            detokenize_ptb(s)
            best = min(best, time.perf_counter() - start)
        return best

    small, big = cost(raw[:10_000]), cost(raw)
    assert big < 1.0
    # 5x the text: linear is ~5x the time, quadratic 25x (timings under 5 ms are too noisy to compare)
    assert big < 15 * max(small, 5e-3)


def test_docstring_examples() -> None:
    result = doctest.testmod(text)
    assert result.failed == 0 and result.attempted > 0
