"""The guideline-aware PII engine (ml_backend.pii) on the committed labelled sets and on edge inputs.

The engine (real spaCy model + Presidio) is built once per module. Assertions on the statistical parts are made
on labelled sets with thresholds, never on one sentence; each recognizer's rules are checked exactly in its own
file (tests/test_pii_<recognizer>.py), the time bounds in tests/test_pii_bounds.py.
"""

from __future__ import annotations

import logging
from collections import defaultdict

import pytest

from label_config.taxonomy import PII_LABELS
from ml_backend.evaluate_pii import DEFAULT_DATA, SYNTH_SOURCE, evaluate, load_rows, plain_presidio, synth_rows
from ml_backend.pii import RULES_VERSION, PiiEngine, PiiFinding, PiiSpan, get_pii_engine

NAME, LOCATION, DATE, CONTACT, IDENTIFIER = PII_LABELS

# Every guideline rule the issue names has hand-written cases in the labelled set.
REQUIRED_RULES = {
    "full-name-famous", "full-name-private", "first-name-alone", "first-name-combinable", "lone-surname",
    "greek-mythology", "group", "large-group", "company-contact", "organization", "personal-contact",
    "masked-identifier", "identifier", "handle", "username", "personal-website", "public-url", "date-of-person",
    "plain-date", "street-address", "city-alone", "chat-without-names", "product-name", "receipt-without-names",
    "biblical",
}


@pytest.fixture(scope="module")
def engine() -> PiiEngine:
    return get_pii_engine()


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return load_rows(DEFAULT_DATA)


@pytest.fixture(scope="module")
def findings(engine: PiiEngine, rows: list[dict]) -> list[PiiFinding]:
    return engine.analyze_batch([r["text"] for r in rows])


@pytest.fixture(scope="module")
def report(findings: list[PiiFinding], rows: list[dict]) -> dict:
    return evaluate(lambda texts: findings, rows)


# ---------------------------------------------------------------------------------------------------------------
# The labelled set itself
# ---------------------------------------------------------------------------------------------------------------


def test_labelled_set_is_well_formed(rows: list[dict]) -> None:
    assert len(rows) >= 200
    edge = [r for r in rows if r["source"] == "guideline-edge"]
    assert len(edge) >= 60
    assert {r["source"] for r in rows} == {"presidio-synth", "guideline-edge"}
    assert REQUIRED_RULES <= {r["rule"] for r in edge}
    for r in rows:
        assert set(r) == {"text", "has_pii", "certain", "spans", "source", "rule"}
        assert r["has_pii"] == bool(r["spans"])
        assert (r["certain"] is None) == (not r["has_pii"])
        for s in r["spans"]:
            assert s["label"] in PII_LABELS
            assert 0 <= s["start"] < s["end"] <= len(r["text"])
            assert r["text"][s["start"]:s["end"]].strip(), r["text"]


@pytest.mark.skipif(not SYNTH_SOURCE.exists(), reason="shared/data is not beside the repository")
def test_synth_rows_are_the_documented_conversion_of_the_source(rows: list[dict]) -> None:
    committed = [r for r in rows if r["source"] == "presidio-synth"]
    assert committed == synth_rows(SYNTH_SOURCE)


# ---------------------------------------------------------------------------------------------------------------
# Targets on the labelled set
# ---------------------------------------------------------------------------------------------------------------


def test_prompt_level_targets(report: dict) -> None:
    assert report["precision"] >= 0.90, report
    assert report["recall"] >= 0.95, report


def test_certain_flag_agrees_with_gold(report: dict) -> None:
    assert report["certain_agreement"] >= 0.90


def test_span_recall_per_label(report: dict) -> None:
    recall = {lab: v["recall"] for lab, v in report["span_recall"].items()}
    assert recall[IDENTIFIER] >= 0.90
    assert recall[CONTACT] >= 0.85
    assert recall[NAME] >= 0.75
    assert recall[LOCATION] >= 0.65
    assert recall[DATE] >= 0.80


@pytest.mark.slow
def test_beats_plain_presidio(report: dict, rows: list[dict]) -> None:
    plain = evaluate(plain_presidio(), rows)
    assert report["precision"] > plain["precision"] + 0.1
    assert report["recall"] >= plain["recall"]


def test_each_guideline_rule_holds_on_its_examples(report: dict) -> None:
    failing = {}
    for rule, st in report["by_rule"].items():
        if st["correct"] / st["n"] < 0.75 or (st["certain_n"] and st["certain_ok"] / st["certain_n"] < 0.75):
            failing[rule] = st
    assert not failing


@pytest.mark.parametrize(
    "rule,expect_pii",
    [("greek-mythology", False), ("first-name-alone", False), ("company-contact", False), ("city-alone", False),
     ("plain-date", False), ("product-name", False), ("chat-without-names", False), ("large-group", False),
     ("full-name-famous", True), ("masked-identifier", True), ("street-address", True), ("date-of-person", True)],
)
def test_rule_sets(rule: str, expect_pii: bool, rows: list[dict], findings: list[PiiFinding]) -> None:
    got = [f.has_pii for r, f in zip(rows, findings) if r["rule"] == rule]
    assert len(got) >= 4
    assert sum(g == expect_pii for g in got) / len(got) >= 0.75


def test_certainty_follows_the_evidence(rows: list[dict], findings: list[PiiFinding]) -> None:
    by_rule: dict[str, list[bool]] = defaultdict(list)
    for r, f in zip(rows, findings):
        if r["source"] == "guideline-edge" and f.has_pii:
            by_rule[r["rule"]].append(f.certain)
    for rule in ("full-name-famous", "full-name-private", "masked-identifier", "identifier", "personal-contact",
                 "street-address"):
        assert all(by_rule[rule]), rule  # strong evidence: certain
    for rule in ("lone-surname", "group", "handle", "biblical"):
        assert by_rule[rule] and not any(by_rule[rule]), rule  # weak evidence: PII, not certain


def test_public_only(engine: PiiEngine) -> None:
    famous = engine.analyze_batch(
        ["Write a short biography of Albert Einstein.", "Compare Abraham Lincoln and Winston Churchill.",
         "What did Marie Curie discover?"]
    )
    assert sum(f.public_only is True for f in famous) >= 2
    private = engine.analyze_batch(["Text me at (415) 555-0134.", "My SSN is ***-**-4821."])
    assert all(f.public_only is False for f in private)
    assert engine.analyze("Draft an email to Tomasz Wiśniewski about the meeting.").public_only is not True
    assert engine.analyze("What should I cook on Monday?").public_only is None


# ---------------------------------------------------------------------------------------------------------------
# Spans and API contract
# ---------------------------------------------------------------------------------------------------------------


def test_every_span_slices_the_text_exactly(rows: list[dict], findings: list[PiiFinding]) -> None:
    for r, f in zip(rows, findings):
        text = r["text"]
        assert f.has_pii == bool(f.spans)
        assert f.certain == any(s.certain for s in f.spans)
        assert 0.0 <= f.score <= 1.0
        last_end = -1
        for s in f.spans:
            assert isinstance(s, PiiSpan)
            assert 0 <= s.start < s.end <= len(text)
            value = text[s.start:s.end]
            assert value == value.strip() and value, (text, s)
            assert s.label in PII_LABELS
            assert 0.0 <= s.score <= 1.0
            assert s.start >= last_end  # sorted, no overlaps
            last_end = s.end


def test_batch_equals_one_by_one(engine: PiiEngine, rows: list[dict]) -> None:
    texts = [r["text"] for r in rows[::9]] + ["", "Zeus", "call me at 415-555-0123"]
    batched = engine.analyze_batch(texts, batch_size=16)
    single = [engine.analyze(t) for t in texts]
    assert batched == single
    assert engine.analyze_batch(texts, batch_size=1) == batched


def test_engine_is_cached_and_versioned(engine: PiiEngine) -> None:
    assert get_pii_engine() is engine
    assert engine.model_version.startswith("pii:presidio-")
    assert engine.spacy_model in engine.model_version and RULES_VERSION in engine.model_version


def test_odd_inputs_do_not_crash(engine: PiiEngine) -> None:
    odd = ["", " ", "\n\n\t", "\x00\x01", "🙂🙂🙂", "مرحبا بالعالم", "東京都千代田区1-1", "e\u0301\u0301\u0301",
           "@", "@@@@", "***-**-", "1" * 5000, "a" * 10000]
    out = engine.analyze_batch(odd)
    assert len(out) == len(odd)
    assert out[0] == out[1] == out[2] == PiiFinding((), False, False, None, 0.0)
    with pytest.raises(TypeError):
        engine.analyze_batch(["ok", None])  # type: ignore[list-item]


@pytest.mark.slow
def test_huge_text_is_chunked_and_offsets_stay_exact(engine: PiiEngine) -> None:
    filler = "The weather was mild and nothing happened that day. " * 2600  # ~135k chars: two chunks
    text = filler + "Write to marta.kovacs88@gmail.com about it."
    f = engine.analyze(text)
    emails = [s for s in f.spans if s.entity == "EMAIL_ADDRESS"]
    assert [text[s.start:s.end] for s in emails] == ["marta.kovacs88@gmail.com"]


def test_nothing_logged_contains_the_text(engine: PiiEngine, caplog: pytest.LogCaptureFixture) -> None:
    secret_texts = [
        "Zyxwq Plumbottom lives at 42 Quillfeather Lane, his IBAN is GB82WEST12345698765432 and mail "
        "zyxwq.plumbottom@example.org",
        "IBAN GB00XXXX00000000000000 failed?",  # an IBAN-shaped value Presidio cannot validate
        "SSN 078-05-1120, card 4111 1111 1111 1111, phone +1 415 555 0134",
    ]
    with caplog.at_level(logging.DEBUG):
        for lg in ("presidio-analyzer", "decision_process", "ml_backend", "ml_backend.pii"):
            logging.getLogger(lg).addHandler(caplog.handler)
        try:
            engine.analyze_batch(secret_texts)
            engine.analyze(secret_texts[0])
        finally:
            for lg in ("presidio-analyzer", "decision_process", "ml_backend", "ml_backend.pii"):
                logging.getLogger(lg).removeHandler(caplog.handler)
    logged = caplog.text
    for needle in ("Plumbottom", "Quillfeather", "GB82WEST", "GB00XXXX", "078-05-1120", "4111", "555 0134"):
        assert needle not in logged


@pytest.mark.parametrize("name", ["pii_guideline_dev.jsonl", "pii_guideline2_dev.jsonl"])
def test_new_guideline_cases(engine: PiiEngine, name: str) -> None:
    """The guideline cases written before the recognizer rewrite (lowercase names, handles, religious figures,
    brands, pets, non-English ...): the engine before the rewrite scored P 0.64 / R 0.54 on them; the second set
    (written before the issue-13 rules) P 0.89 / R 0.69 before them."""
    rows = load_rows(DEFAULT_DATA.parent / name)
    report = evaluate(engine, rows)
    assert report["precision"] >= 0.9 and report["recall"] >= 0.9, report


def test_a_fresh_process_builds_the_engine() -> None:
    """The importers build one engine per worker process: nothing may depend on state of the parent."""
    import multiprocessing as mp

    with mp.get_context("spawn").Pool(1) as pool:
        flags = pool.apply(_flags_in_worker, (["Call me at 415-555-0123", "Zeus and Athena argue"],))
    assert flags == [True, False]


def _flags_in_worker(texts: list[str]) -> list[bool]:
    return [f.has_pii for f in get_pii_engine().analyze_batch(texts)]


def test_repeated_texts_and_sentences_in_a_batch(engine: PiiEngine) -> None:
    """A text or an NER sentence that recurs in a batch is analysed once: the findings are those of each text
    alone, in order."""
    texts = ["Call Jane Doe at 617-555-0143", "hello", "Personal Info:\nJohn Roe, 12 Elm Street",
             "Call Jane Doe at 617-555-0143", "Personal Info:\nMary Major", "hello", ""]
    batch = engine.analyze_batch(texts)
    assert batch == [engine.analyze(t) for t in texts]
    assert batch[0].has_pii and batch[0] is batch[3] and not batch[1].has_pii


def test_a_lone_surrogate_does_not_crash_the_engine_and_offsets_still_hold(engine: PiiEngine) -> None:
    # a Python caller can pass a str UTF-8 cannot encode; spaCy's tokenizer used to raise on it
    text = "Email jane.doe@gmail.com \ud800 or call 415-555-0123"
    f = engine.analyze(text)
    assert [text[s.start:s.end] for s in f.spans] == ["jane.doe@gmail.com", "415-555-0123"]
    assert engine.analyze("\udfff").has_pii is False
