"""DottedNameRecognizer: ``given.family`` usernames (certain); code paths, files, domains and English words are not.
And company handles (``company_handles.is_company_handle``): a business word in the handle makes it a company's contact.
Includes hypothesis fuzzing: any text, and glued dotted pieces, give spans inside the text, in linear work."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ml_backend.pii.company_handles import is_company_handle
from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers.dotted_names import DottedNameRecognizer
from pii_helpers import found

REC = DottedNameRecognizer()


@pytest.mark.parametrize(
    "text,value",
    [("# TODO(aleksandra.nowak): remove this", "aleksandra.nowak"),
     ("ssh into the box as tomas.novak", "tomas.novak"),
     ("the reviewer was olusegun.adeyemi.", "olusegun.adeyemi"),
     ("assign it to Priya.Raghunathan please", "Priya.Raghunathan")],
)
def test_dotted_names(common: frozenset[str], text: str, value: str) -> None:
    assert found(REC, text, common=common) == [value]
    (c,) = REC.find(TextContext(text, None, common))
    assert c.certain and c.label == "Name"


@pytest.mark.parametrize(
    "text",
    ["numpy.linalg.solve fails", "what does pandas.read_csv do", "the os.path module", "my react.native build",
     "a grace.period of two days", "open maria.json", "visit ukar.org today", "email tomas.novak@example.com",
     "see https://x.io/tomas.novak", "@tomas.novak said hi", "call tomas.novak() twice", "Tomas.novak mixed case",
     "end of sentence.Then another", "mark.down the price"],
)
def test_not_dotted_names(common: frozenset[str], text: str) -> None:
    assert found(REC, text, common=common) == []


def test_no_vocabulary_no_guess() -> None:
    assert found(REC, "ssh into the box as tomas.novak") == []  # without ctx.common every code word is unknown


@pytest.mark.parametrize("handle,company", [
    ("lunabakery.co", True), ("greenleaf_cafe", True), ("harborview.hotel", True), ("peakfitness.gym", True),
    ("oakbarrel.brewing", True), ("acme_support", True), ("MonroeStMarket", True),
    ("maya_bakes", False), ("kayla.m.jones", False), ("dj_tomasz_88", False), ("the.real.priya", False),
    ("barbara_k", False), ("costanza", False)])
def test_company_handles(handle: str, company: bool) -> None:
    assert is_company_handle(handle) is company


_PIECES = st.sampled_from(["tomas", ".", "novak", "a", "..", "@", "(", " ", "x" * 30, "\n", "olusegun", ".org",
                           "Ł", "é", "_", "-", "/", "1"])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.lists(_PIECES, min_size=1, max_size=400).map("".join), st.text(max_size=2000)))
def test_spans_are_dotted_tokens_inside_the_text(text: str) -> None:
    ctx = TextContext(text, None, frozenset({"read", "path"}))
    for c in REC.find(ctx):
        assert 0 <= c.start < c.end <= len(text) and text[c.start:c.end].count(".") == 1


def test_a_long_run_of_dots_and_names_is_linear() -> None:
    """230,000 characters of glued pieces: a dotted run is no name (each token sits in a longer path), the spaced
    ones are; the regex has no nested repetition (one scan)."""
    text = "tomas.novak." * 16_000 + "olusegun.adeyemi " * 2_000
    assert len(REC.find(TextContext(text, None, frozenset({"read"})))) == 1_999  # the first one follows "novak."
