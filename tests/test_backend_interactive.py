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
