"""Detector output -> Label Studio result dicts (ml_backend.results). Every result is also checked against the
config, Repeater expanded for the task, with label-studio-sdk's ``LabelInterface.validate_region``."""

from __future__ import annotations

import pytest
from label_studio_sdk.label_interface import LabelInterface

from backend_fakes import FakeFinding, FakeSpan, FakeTox
from label_config import taxonomy as T
from label_config.expand import expand_repeaters
from label_config.render import render_config
from ml_backend import results as R
from ml_backend.config_reader import read_config

INSTRUCTION = read_config(render_config(T.INSTRUCTION))
TOXICITY = read_config(render_config(T.TOXICITY))
TEXT = "Write to Alice Smith at alice@example.com about Barack Obama."


def _finding(public_only=False, certain=True):
    spans = (FakeSpan(9, 20, "Name", 0.85), FakeSpan(24, 41, "Contact", 1.0, entity="EMAIL_ADDRESS"))
    return FakeFinding(spans, True, certain, public_only, 0.9)


def _valid(name: str, data: dict, results: list[dict]) -> None:
    li = LabelInterface(expand_repeaters(render_config(name, k=max(4, len(data.get(T.OUTPUTS, [])))), data))
    for region in results:
        assert li.validate_region(region), region


def test_pii_yes_fills_choices_and_exact_spans():
    results, dropped = R.pii_results(INSTRUCTION, _finding(), TEXT)
    assert dropped == 0
    by_name = {}
    for r in results:
        by_name.setdefault(r["from_name"], []).append(r)
    assert by_name[T.PII] == [{"from_name": T.PII, "to_name": T.PROMPT, "type": "choices",
                               "value": {"choices": [T.YES]}, "score": 0.9}]
    assert by_name[T.PII_CERTAIN][0]["value"] == {"choices": [T.YES]}
    assert by_name[T.PII_PUBLIC_ONLY][0]["value"] == {"choices": [T.NO]}
    spans = by_name[T.PII_SPANS]
    assert [(s["value"]["text"], s["value"]["labels"]) for s in spans] == [
        ("Alice Smith", ["Name"]), ("alice@example.com", ["Contact"])]
    for s in spans:
        assert s["type"] == "labels" and s["to_name"] == T.PROMPT
        assert TEXT[s["value"]["start"]:s["value"]["end"]] == s["value"]["text"]
        assert 0 <= s["score"] <= 1
    assert len({s["id"] for s in spans}) == len(spans)
    assert all("score" in r for r in results)
    _valid(T.INSTRUCTION, {T.PROMPT: TEXT}, results)


def test_pii_no_fills_only_the_pii_question():
    finding = FakeFinding((), False, False, None, 0.1)
    results, _ = R.pii_results(INSTRUCTION, finding, "What is the capital of France?")
    assert results == [{"from_name": T.PII, "to_name": T.PROMPT, "type": "choices",
                        "value": {"choices": [T.NO]}, "score": 0.9}]


def test_public_only_is_left_out_when_the_engine_cannot_tell():
    results, _ = R.pii_results(INSTRUCTION, _finding(public_only=None, certain=False), TEXT)
    names = [r["from_name"] for r in results]
    assert T.PII_PUBLIC_ONLY not in names
    assert next(r for r in results if r["from_name"] == T.PII_CERTAIN)["value"] == {"choices": [T.NO]}


def test_spans_outside_the_text_or_with_an_unknown_label_are_dropped():
    spans = (FakeSpan(-1, 3, "Name", 0.5), FakeSpan(5, 500, "Name", 0.5), FakeSpan(4, 4, "Name", 0.5),
             FakeSpan(0, 5, "Organisation", 0.5), FakeSpan(0, 5, "Name", 0.5))
    results, dropped = R.pii_results(INSTRUCTION, FakeFinding(spans, True, True, None, 0.5), TEXT)
    assert dropped == 4
    assert [r["value"]["text"] for r in results if r["type"] == "labels"] == [TEXT[0:5]]


def test_values_a_customised_config_lacks_are_never_emitted():
    xml = ('<View><Text name="prompt" value="$prompt"/>'
           '<Choices name="pii" toName="prompt"><Choice value="Ja"/><Choice value="Nein"/></Choices>'
           '<Labels name="pii_spans" toName="prompt"><Label value="Contact"/></Labels></View>')
    results, dropped = R.pii_results(read_config(xml), _finding(), TEXT)
    assert [(r["from_name"], r["value"].get("labels")) for r in results] == [(T.PII_SPANS, ["Contact"])]
    assert dropped == 1


@pytest.mark.parametrize(("tin", "tout", "relative"), [(FakeTox(0.05, 0), FakeTox(0.95, 2), 1),
                                                       (FakeTox(0.9, 2), FakeTox(0.1, 0), -1),
                                                       (FakeTox(0.6, 1), FakeTox(0.5, 1), 0)])
def test_toxicity_levels_and_relative(tin, tout, relative):
    results = R.toxicity_results(TOXICITY, tin, tout, relative)
    got = {r["from_name"]: (r["to_name"], r["value"]["choices"][0], r["score"]) for r in results}
    assert got[T.TOXICITY_INPUT][:2] == (T.PROMPT, str(tin.level))
    assert got[T.TOXICITY_OUTPUT][:2] == (T.CONTINUATION, str(tout.level))
    assert got[T.RELATIVE_TOXICITY_NAME][:2] == (T.CONTINUATION, str(relative))
    assert got[T.RELATIVE_TOXICITY_NAME][2] == min(got[T.TOXICITY_INPUT][2], got[T.TOXICITY_OUTPUT][2])
    _valid(T.TOXICITY, {T.PROMPT: "a", T.CONTINUATION: "b"}, results)


def test_level_confidence_reads_the_probability_the_right_way_round():
    assert R.level_confidence(FakeTox(0.1, 0)) == pytest.approx(0.9)
    assert R.level_confidence(FakeTox(0.95, 2)) == pytest.approx(0.95)


def test_inappropriate_only_for_a_clearly_toxic_output_after_a_clean_prompt():
    (per,) = read_config(render_config(T.COMPARISON, k=4)).per_output
    data = {T.PROMPT: "p", T.OUTPUTS: [{T.OUTPUT_ID: "o0", T.OUTPUT_TITLE: "A", T.OUTPUT_BODY: "x"},
                                       {T.OUTPUT_ID: "o1", T.OUTPUT_TITLE: "B", T.OUTPUT_BODY: "y"}]}
    (c0, _), (c1, _) = per.expand(data)
    yes = R.inappropriate_result(c1, FakeTox(0.95, 2), FakeTox(0.05, 0))
    assert yes == {"from_name": "inappropriate_1", "to_name": "output_1", "type": "choices",
                   "value": {"choices": [T.YES]}, "score": 0.95}
    assert R.inappropriate_result(c0, FakeTox(0.6, 1), FakeTox(0.05, 0)) is None  # slightly toxic: no evidence
    assert R.inappropriate_result(c0, FakeTox(0.05, 0), FakeTox(0.05, 0)) is None  # never "No"
    assert R.inappropriate_result(c0, FakeTox(0.95, 2), FakeTox(0.9, 2)) is None  # toxic prompt: maybe N/A
    _valid(T.COMPARISON, data, [yes])


def test_task_score_is_the_mean_item_score():
    assert R.task_score([{"score": 0.2}, {"score": 0.4}]) == pytest.approx(0.3)
    assert R.task_score([]) == 0.0


def test_no_on_text_the_engine_does_not_support_is_not_suggested_with_full_confidence():
    """The UI review saw PII = No at 100% on a Chinese prompt holding a name and a street address. On a text the
    engine does not support fully (``supported=False``), a No is as unsure as a coin toss; a Yes keeps its score."""
    no = FakeFinding((), False, False, None, 0.0)
    (english,), _ = R.pii_results(INSTRUCTION, no, "What is the capital of France?")
    (other,), _ = R.pii_results(INSTRUCTION, no, "请把包裹寄到我家。", supported=False)
    assert english["score"] == 1.0 and other["score"] == R.UNSUPPORTED_NO_CONFIDENCE == 0.5
    yes, _ = R.pii_results(INSTRUCTION, _finding(), TEXT, supported=False)
    assert yes[0]["value"] == {"choices": [T.YES]} and yes[0]["score"] == 0.9
