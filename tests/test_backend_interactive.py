"""Interactive PII spans (ml_backend.interactive): from one marked span to its other occurrences and variants,
and through the Flask app the way Label Studio sends it (``params.context``)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend_fakes import fake_predictor
from label_config import taxonomy as T
from label_config.render import render_config
from ml_backend.app import create_app
from ml_backend.config_reader import read_config
from ml_backend.interactive import Marked, interactive_result, suggest_spans
from ml_backend.settings import Settings

INSTRUCTION = render_config(T.INSTRUCTION)
SPANS = read_config(INSTRUCTION).get(T.PII_SPANS)


def _found(text, marked):
    return [(r["value"]["start"], r["value"]["end"], r["value"]["text"], r["value"]["labels"][0])
            for r in suggest_spans(text, marked, SPANS)]


def test_the_full_name_again_and_the_surname_alone_same_label():
    text = "Jane Doe called. Later Jane Doe and Ms. Doe's son called; Doesburg is a town; Doe!"
    got = _found(text, [Marked(0, 8, "Name")])
    assert [g[2] for g in got] == ["Jane Doe", "Doe", "Doe"]
    assert all(text[s:e] == t and label == "Name" for s, e, t, label in got)
    assert "Doesburg" not in [g[2] for g in got]  # word boundaries


def test_an_email_is_found_whatever_its_case_and_never_inside_a_longer_one():
    text = "Mail jane.doe@gmail.com or JANE.DOE@GMAIL.COM, not xjane.doe@gmail.com."
    got = _found(text, [Marked(5, 23, "Contact")])
    assert [g[2] for g in got] == ["JANE.DOE@GMAIL.COM"]


def test_marked_spans_are_not_suggested_again_and_overlaps_keep_the_first():
    text = "Bob Jones met Bob Jones."
    got = _found(text, [Marked(0, 9, "Name"), Marked(14, 23, "Name")])
    assert got == []


def test_a_single_word_name_has_no_surname_variant():
    assert [g[2] for g in _found("Rubija wrote. Rubija again.", [Marked(0, 6, "Name")])] == ["Rubija"]


def test_the_pii_flag_is_yes_with_the_spans():
    task = {"id": 1, "data": {T.PROMPT: "Jane Doe, then Doe."}}
    region = {"from_name": T.PII_SPANS, "to_name": T.PROMPT, "type": "labels",
              "value": {"start": 0, "end": 8, "labels": ["Name"]}}
    result = interactive_result(read_config(INSTRUCTION), task, {"result": [region]})
    assert result[0]["from_name"] == T.PII and result[0]["value"] == {"choices": [T.YES]}
    assert [r["value"]["text"] for r in result[1:]] == ["Doe"]


@pytest.mark.parametrize("context", [
    {"result": []}, {"result": "x"}, {"result": [{"type": "labels", "from_name": T.PII_SPANS, "to_name": T.PROMPT,
                                                "value": {"start": 5, "end": 900, "labels": ["Name"]}}]},
    {"result": [{"type": "labels", "from_name": T.PII_SPANS, "to_name": T.PROMPT,
                 "value": {"start": 0, "end": 3, "labels": ["NotALabel"]}}]},
    {"result": [{"type": "choices", "from_name": T.PII, "to_name": T.PROMPT, "value": {"choices": ["Yes"]}}]},
    ["not", "a", "dict"],
])
def test_contexts_without_a_usable_span_are_not_interactive(context):
    assert interactive_result(read_config(INSTRUCTION), {"id": 1, "data": {T.PROMPT: "Jane Doe."}}, context) is None


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=2_000), start=st.integers(0, 2_000), length=st.integers(1, 50))
def test_any_text_and_span_give_exact_regions_fast(text, start, length):
    end = min(len(text), start + length)
    if start >= end:
        return
    t0 = time.perf_counter()
    for r in suggest_spans(text, [Marked(start, end, "Name")], SPANS):
        v = r["value"]
        assert text[v["start"]:v["end"]] == v["text"] and not (v["start"] < end and start < v["end"])
    assert time.perf_counter() - t0 < 1.0


def test_through_the_app_as_label_studio_sends_it():
    client = create_app(Settings(), predictor=fake_predictor()).test_client()
    task = {"id": 7, "data": {T.PROMPT: "Alice Smith wrote to Alice Smith's bank; Smith signed."}}
    region = {"id": "r1", "from_name": T.PII_SPANS, "to_name": T.PROMPT, "type": "labels", "origin": "manual",
              "value": {"start": 0, "end": 11, "text": "Alice Smith", "labels": ["Name"]}}
    r = client.post("/predict", json={"tasks": [task], "label_config": INSTRUCTION, "project": "1.1",
                                      "params": {"login": None, "password": None, "context": {"result": [region]}}})
    assert r.status_code == 200
    (pred,) = r.get_json()["results"]
    assert [x["value"]["text"] for x in pred["result"] if x["type"] == "labels"] == ["Alice Smith", "Smith"]
    assert pred["model_version"].startswith("labelguide-")


# ------------------------------------------------------------------ with a project's learned terms (Start Training)
from ml_backend.pii.terms import Terms  # noqa: E402

LEARNED = Terms(always={"zorbo": "Name", "emp-7731": "Identifier"}, never={"marco polo", "doe"})


def test_learned_terms_are_suggested_with_their_label_and_unmarked_ones_never():
    text = "Jane Doe asked ZORBO and zorbo about EMP-7731 on Marco Polo; Jane Doe again, Doe."
    got = [(t, label) for _, _, t, label in _found_with(text, [Marked(0, 8, "Name")], LEARNED)]
    assert got == [("Jane Doe", "Name"), ("ZORBO", "Name"), ("zorbo", "Name"), ("EMP-7731", "Identifier")]
    # without the project's terms: only the marked span's own occurrences and its surname
    assert [t for _, _, t, _ in _found_with(text, [Marked(0, 8, "Name")], None)] == ["Jane Doe", "Doe"]


def test_no_part_of_an_unmarked_term_is_suggested():
    text = "Marco Polo is down; Marco Polo again; Jane Polo called"
    assert [t for _, _, t, _ in _found_with(text, [Marked(0, 10, "Name")], None)] == ["Marco Polo", "Polo"]
    assert [t for _, _, t, _ in _found_with(text, [Marked(0, 10, "Name")], LEARNED)] == ["Polo"]  # Jane's only
    assert [s for s, _, _, _ in _found_with(text, [Marked(0, 10, "Name")], LEARNED)] == [text.index("Polo called")]


def test_a_learned_term_inside_a_word_or_already_marked_is_not_suggested():
    text = "zorbo and zorbonaut; mail zorbo"
    assert [(s, t) for s, _, t, _ in _found_with(text, [Marked(0, 5, "Name")], LEARNED)] == [(26, "zorbo")]
    assert _found_with("ask zorbo", [Marked(4, 9, "Name")], LEARNED) == []


def test_a_learned_label_the_config_lacks_is_not_suggested():
    from ml_backend.config_reader import Control

    names_only = Control(SPANS.name, SPANS.base, SPANS.tag, SPANS.source, ("Name",))
    regions = suggest_spans("Bob asked about EMP-7731", [Marked(0, 3, "Name")], names_only, LEARNED)
    assert regions == []


def _found_with(text, marked, terms):
    return [(r["value"]["start"], r["value"]["end"], r["value"]["text"], r["value"]["labels"][0])
            for r in suggest_spans(text, marked, SPANS, terms)]


def test_through_the_app_the_project_version_brings_its_terms(tmp_path):
    """A version published for project 3 (as Start Training does) serves project 3's interactive answers only."""
    from ml_backend.model_store import ModelStore

    store = ModelStore(str(tmp_path), 3)
    store.publish(3, "3.1796129598", lambda directory: {"saved": str(LEARNED.save(directory).name)})
    client = create_app(Settings(model_dir=str(tmp_path)), predictor=fake_predictor()).test_client()
    task = {"id": 7, "data": {T.PROMPT: "Alice Smith told zorbo about Marco Polo."}}
    region = {"id": "r1", "from_name": T.PII_SPANS, "to_name": T.PROMPT, "type": "labels", "origin": "manual",
              "value": {"start": 0, "end": 11, "text": "Alice Smith", "labels": ["Name"]}}

    def ask(project):
        r = client.post("/predict", json={"tasks": [task], "label_config": INSTRUCTION, "project": project,
                                          "params": {"login": None, "password": None,
                                                     "context": {"result": [region]}}})
        assert r.status_code == 200
        (pred,) = r.get_json()["results"]
        return [x["value"]["text"] for x in pred["result"] if x["type"] == "labels"], pred["model_version"]

    texts, version = ask("3.1796129598")
    assert texts == ["zorbo"] and "|project-3:v0001-" in version
    texts, version = ask("4.1796129598")  # another project: the defaults
    assert texts == [] and "|project-" not in version


_TERM = st.text(alphabet=st.sampled_from("aZß.*+?()[]|\\ -İı9_"), min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("aZß.*+?()[]|\\ -İı9_\n"), max_size=400),
       always=st.lists(_TERM, max_size=6), never=st.lists(_TERM, max_size=4))
def test_any_learned_terms_give_exact_regions_of_their_own_label_fast(text, always, never):
    terms = Terms(always={t.casefold(): "Name" for t in always}, never={t.casefold() for t in never})  # blank too
    t0 = time.perf_counter()
    regions = suggest_spans(text, [Marked(0, 1, "Name")] if text else [], SPANS, terms)
    assert time.perf_counter() - t0 < 1.0
    for r in regions:
        v = r["value"]
        assert text[v["start"]:v["end"]] == v["text"] and v["labels"] == ["Name"] and v["start"] >= 1


def test_an_unreadable_terms_file_falls_back_to_the_defaults(tmp_path, caplog):
    from ml_backend.model_store import ModelStore

    store = ModelStore(str(tmp_path), 3)
    version = store.publish(5, "5.1796129598", lambda d: (d / "pii_terms.json").write_text("{not json") and {})
    client = create_app(Settings(model_dir=str(tmp_path)), predictor=fake_predictor()).test_client()
    region = {"from_name": T.PII_SPANS, "to_name": T.PROMPT, "type": "labels",
              "value": {"start": 0, "end": 5, "labels": ["Name"]}}
    r = client.post("/predict", json={"tasks": [{"id": 1, "data": {T.PROMPT: "zorbo and zorbo"}}],
                                      "label_config": INSTRUCTION, "project": "5.1796129598",
                                      "params": {"context": {"result": [region]}}})
    assert r.status_code == 200 and version.name in r.get_json()["results"][0]["model_version"]
    assert [x["value"]["text"] for x in r.get_json()["results"][0]["result"] if x["type"] == "labels"] == ["zorbo"]
    assert "terms of version" in caplog.text and "JSONDecodeError" in caplog.text
    assert "zorbo" not in caplog.text and "not json" not in caplog.text


def test_learned_terms_load_no_engine_in_the_web_process(tmp_path) -> None:
    """The HTTP process answers interactive requests itself: a project's learned terms must not pull spaCy or
    Presidio into it (seconds on the first request, and their memory in every worker)."""
    import subprocess
    import sys
    from pathlib import Path

    from ml_backend.pii.terms import Terms

    Terms(always={"zorbo": "Name"}, never={"marco polo"}).save(tmp_path)
    code = ("import sys\n"
            "from ml_backend.interactive import Marked, suggest_spans\n"
            "from ml_backend.config_reader import Control, TextSource\n"
            "from ml_backend.project_models import _terms_at\n"
            f"terms = _terms_at({str(tmp_path)!r})\n"
            "c = Control('pii_spans', 'pii_spans', 'Labels', TextSource('prompt', ('prompt',)), ('Name',))\n"
            "found = [r['value']['text'] for r in suggest_spans('Jane Doe asked zorbo', [Marked(0, 8, 'Name')], c, terms)]\n"
            "print(found, sorted(m for m in ('spacy', 'presidio_analyzer') if m in sys.modules))\n")
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['zorbo'] []"
