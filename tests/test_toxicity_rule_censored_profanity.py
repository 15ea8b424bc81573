"""The censored-profanity recognizer (ml_backend/toxicity/recognizers/censored_profanity.py).

Pins which sentences it picks and which it leaves alone, and what it does inside the engine; quality on unseen
data: ``python -m ml_backend.evaluate_toxicity_rules`` and the round-5 cases (not asserted here).
"""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.recognizers import censored_profanity
from ml_backend.toxicity.recognizers.censored_profanity import CensoredProfanity, unmask


def test_doctests() -> None:
    assert doctest.testmod(censored_profanity).failed == 0


@pytest.mark.parametrize("sentence", [
    'That is total bullsh*t.',
    'F**k this traffic.',
    'Such a sh!tty day.',
    'What an a**hole.',
    'This is cr@p.',
])
def test_picks(sentence: str) -> None:
    assert unmask(sentence) is not None


@pytest.mark.parametrize("sentence", [
    'The password shows ****.',
    'I scored 100%!',
    'Email me at a@b.com.',
    'Use sh*.txt to match.',
    'Wow!!',
    '',
])
def test_leaves_alone(sentence: str) -> None:
    assert not (unmask(sentence) is not None)


def test_in_the_engine() -> None:
    engine = get_toxicity_engine()
    only = engine.with_recognizers([CensoredProfanity()])
    texts = ["That's bullsh*t.", 'The password field shows **** instead of letters.']
    got = [s.level for s in only.score_batch(texts)]
    assert got == [1, 0]


#: The characters of hostile random texts: this recognizer's trigger words and punctuation.
ALPHABET = "sh*t f**k bull $!@# 1 0 That's this ,.!?'\n "


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(ALPHABET)), max_size=6_000) | st.text(max_size=6_000))
def test_any_text(text: str) -> None:
    unmask(text)  # linear-time patterns: long or odd input returns (a blow-up would hang here)
    assert CensoredProfanity().adjust([text], [0.5], [0.5], lambda parts: ([0.5] * len(parts),) * 3)[0].shape == (1,)


def test_digits_are_no_masks_and_a_mask_keeps_level_one() -> None:
    assert unmask("Bought the P226 today.") is None and unmask("BULL****!") == "bullshit!"
    engine = get_toxicity_engine().with_recognizers([CensoredProfanity()])
    plain = engine.with_recognizers(())
    masked, word = engine.score_batch(["What the f*ck is this?", "What the fuck is this?"])
    assert masked.probability >= plain.score("What the f*ck is this?").probability
    assert masked.level <= max(1, plain.score("What the f*ck is this?").level) and word.level >= 1
