"""The recognizers' pre-checks (``NEEDS``): a recognizer finds nothing on a text its pre-check rejects.

The pre-check is only a shortcut, so each test runs the recognizer's own matching *without* it (a guideline
recognizer's ``find``, a Presidio recognizer's ``analyze``) on texts the pre-check rejects and expects nothing:
the labelled sets, real prompts with their digits removed, and hypothesis-made texts full of the recognizers' cue
words ("SSN", "card ending in", "born", "plate", "corner of", "@") but no digit.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ml_backend.evaluate_pii import REPO, load_rows
from ml_backend.pii import get_pii_engine
from ml_backend.pii.context import TextContext
from ml_backend.pii.prechecks import DIGIT, Gates, needs_of
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.registry import default_registry

GATED = [r for r in default_registry().recognizers if needs_of(r) is not None]
SHARED = REPO.parent / "shared" / "data"


def _raw_results(rec, text: str, doc) -> list:
    """What ``rec`` finds on ``text`` (spaCy ``doc``) with its pre-check bypassed."""
    if isinstance(rec, GuidelineRecognizer):
        return rec.find(TextContext(text, doc, get_pii_engine()._common))
    return rec.analyze(text, rec.supported_entities, None)


@pytest.fixture(scope="module")
def nlp():
    return get_pii_engine()._nlp


@pytest.fixture(scope="module")
def rejected_texts(nlp) -> list[tuple[str, object]]:
    """``(text, spaCy Doc)``: real texts with every digit taken out (so the digit pre-checks reject them), and the
    labelled sets."""
    rows = []
    for name in ("pii_eval", "pii_guideline_dev", "pii_guideline2_dev"):
        rows += [r["text"] for r in load_rows(REPO / "tests" / "data" / f"{name}.jsonl")]
    path = SHARED / "presidio_synth_dataset_v2_400_enriched.jsonl"
    if path.exists():
        rows += [json.loads(line)["full_text"] for line in path.read_text(encoding="utf-8").splitlines()[:200]]
    texts = list(dict.fromkeys(rows + [re.sub(r"\d", "", t) for t in rows]))
    return list(zip(texts, nlp.pipe(texts)))


def test_gated_recognizers_are_the_expected_ones() -> None:
    names = {r.name for r in GATED}
    assert {"CreditCardRecognizer", "EmailRecognizer", "IpRecognizer", "StreetAddressRecognizer",
            "IdentifierRecognizer", "PersonDateRecognizer", "CuedPhoneRecognizer", "PlateRecognizer"} <= names
    assert "MacAddressRecognizer" not in names  # hex-only MAC addresses need no digit


@pytest.mark.parametrize("rec", GATED, ids=lambda r: r.name)
def test_nothing_found_where_the_precheck_rejects(rec, nlp, rejected_texts) -> None:
    checked = 0
    for text, doc in rejected_texts:
        if not Gates(text).allows(needs_of(rec)):
            checked += 1
            assert _raw_results(rec, text, doc) == [], rec.name
    assert checked > 50  # the pre-check really rejects texts of these sets


@pytest.mark.parametrize("rec", GATED, ids=lambda r: r.name)
def test_the_precheck_lets_real_matches_through(rec, nlp) -> None:
    samples = {
        "CreditCardRecognizer": "card 4111 1111 1111 1111", "EmailRecognizer": "mail jane.doe@gmail.com",
        "IpRecognizer": "host 192.168.0.12 or fe80::1", "StreetAddressRecognizer": "I live at 24 Clarke Avenue",
        "IdentifierRecognizer": "SSN ***-**-1234", "PersonDateRecognizer": "my date of birth is 8/12/1991",
        "CuedPhoneRecognizer": "call me at 0494 92 82 32", "PlateRecognizer": "my plate is KM19 XZT",
    }
    if rec.name in samples:
        text = samples[rec.name]
        assert Gates(text).allows(needs_of(rec))
        assert rec.analyze(text, rec.supported_entities, None)


_WORDS = st.sampled_from(
    "SSN card ending in account number IBAN born on died March may Sept the corner of Main and plate reg is "
    "call me at phone fax : :: @ @jane a.b x.y Apt Suite PO Box ² ³ ½ Ⅻ ፩ XXXX ***-**- •••• - / . , \n"
    .split(" ")
)
_NO_DIGIT = st.characters(blacklist_categories=("Nd", "Cs"))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_WORDS, st.text(_NO_DIGIT, max_size=8)), max_size=30))
def test_fuzzed_texts_without_digits(nlp, parts: list[str]) -> None:
    text = " ".join(parts)
    assert DIGIT.search(text) is None
    gates = Gates(text)
    doc = nlp(text)
    for rec in GATED:
        if not gates.allows(needs_of(rec)):
            assert _raw_results(rec, text, doc) == [], (rec.name, text)


_SHORT_NUMBERS = st.from_regex(r"\A\+?\(?\d{1,2}\)?\Z")
_SEPARATORS = st.sampled_from([" ", "-", ".", "/", ":", " - ", ", ", "\n", "x", "A", "9"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_WORDS, _SHORT_NUMBERS, _SEPARATORS), max_size=40))
def test_fuzzed_texts_with_short_digit_runs(nlp, parts: list[str]) -> None:
    """Digits in runs of one or two ("12-34-56 78.90"): the pre-checks needing a longer run reject the text, and
    the recognizers behind them find nothing there."""
    text = "".join(parts)
    gates = Gates(text)
    doc = nlp(text)
    for rec in GATED:
        if not gates.allows(needs_of(rec)):
            assert _raw_results(rec, text, doc) == [], (rec.name, text)
