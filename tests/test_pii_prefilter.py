"""The NER pre-filter: which texts and sentences need spaCy's NER; skipping the others changes no finding."""

from __future__ import annotations

import pytest

from ml_backend.evaluate_pii import DEFAULT_DATA, load_rows
from ml_backend.pii import PiiEngine, get_pii_engine
from ml_backend.pii.prefilter import needs_ner, ner_windows


@pytest.fixture(scope="module")
def common() -> frozenset[str]:
    return get_pii_engine()._common


@pytest.mark.parametrize(
    "text,needed",
    [("Write a haiku about coffee.", False), ("How do I boil an egg? Please explain.", False),
     ("Write a haiku for Jane.", True), ("Call me at 5", True), ("email bob@x.org", True),
     ("born in march", True), ("see example.com", True), ("my username is coolcat", True),
     ("ask u/foo about it", True), ("I think so. I'm sure.", False), ("What did Moses say?", True),
     ("Donne-moi une recette.", True)],
)
def test_needs_ner(common, text: str, needed: bool) -> None:
    assert needs_ner(text, common) is needed


def test_windows_cover_the_sentences_that_need_ner(common) -> None:
    text = "Write a poem about rain.\nIt is for Jane Doe. Make it rhyme with 7 words. Thanks."
    assert [text[s:e] for s, e in ner_windows(text, common)] == ["It is for Jane Doe. Make it rhyme with 7 words. "]
    assert ner_windows("Write a haiku about coffee.", common) == []


def test_text_level_prefilter_changes_no_finding() -> None:
    rows = load_rows(DEFAULT_DATA) + load_rows(DEFAULT_DATA.parent / "pii_guideline_dev.jsonl")
    texts = [r["text"] for r in rows]
    assert PiiEngine(ner="texts").analyze_batch(texts) == PiiEngine(ner="all").analyze_batch(texts)


def test_unknown_scope_is_refused() -> None:
    with pytest.raises(ValueError):
        PiiEngine(ner="some")
