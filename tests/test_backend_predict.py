"""tasks + label_config -> predictions (ml_backend.predict), with fake engines to isolate the logic: one batched
engine call per request, bad tasks get NO prediction (None) rather than an empty one, engine faults isolated,
Label Studio's own prediction check applied on request, nothing logged but counts."""

from __future__ import annotations

import logging

import pytest

from backend_fakes import FakePii, FakeToxicity, fake_predictor, fake_relative
from label_config import taxonomy as T
from label_config.render import render_config
from ml_backend.config_reader import ConfigError
from ml_backend.predict import EngineError, Predictor

INSTRUCTION = render_config(T.INSTRUCTION)
TOXICITY = render_config(T.TOXICITY)
COMPARISON = render_config(T.COMPARISON, k=4)


def _task(prompt, tid=1, **extra):
    return {"id": tid, "data": {T.PROMPT: prompt, **extra}}


def _names(prediction):
    return sorted({r["from_name"] for r in prediction["result"]})


def test_one_batched_pii_call_for_all_tasks_and_identical_texts_once():
    p = fake_predictor()
    tasks = [_task("Call Alice Smith.", 1), _task("Nothing here.", 2), _task("Call Alice Smith.", 3)]
    outcome = p.predict(tasks, INSTRUCTION)
    assert p.pii_engine.calls == [["Call Alice Smith.", "Nothing here."]]
    assert p.toxicity_engine.calls == []  # the instruction config needs no toxicity
    assert len(outcome.results) == 3 and outcome.problems == []
    first, second, third = outcome.results
    assert _names(first) == [T.PII, T.PII_CERTAIN, T.PII_PUBLIC_ONLY, T.PII_SPANS]
    assert first == third
    assert _names(second) == [T.PII]
    assert all(r["model_version"] == p.model_version for r in outcome.results)
    assert 0 < first["score"] <= 1


def test_model_version_names_both_detectors_and_this_package():
    p = fake_predictor()
    assert p.model_version.startswith("labelguide-")
    assert "pii:fake-1" in p.model_version and "toxicity:fake-1" in p.model_version


def test_a_bad_task_gets_no_prediction_and_the_others_theirs():
    p = fake_predictor(max_text_chars=100)
    tasks = [
        _task("Alice Smith", 10),
        {"id": 11, "data": {"question": "no prompt field"}},
        {"id": 12},
        "not a task",
        _task(42, 14),
        _task("x" * 101, 15),
        _task(None, 16),
        _task("Bob Jones", 17),
    ]
    outcome = p.predict(tasks, INSTRUCTION)
    assert len(outcome.results) == len(tasks)
    assert [r is not None for r in outcome.results] == [True, False, False, False, False, False, False, True]
    reasons = {pr.position: pr.reason for pr in outcome.problems}
    assert reasons[1] == "data has no field 'prompt'"
    assert reasons[2] == "task has no 'data' object"
    assert reasons[3] == "task is a str, not an object"
    assert "is a int, not text" in reasons[4]
    assert "101 characters, more than the limit of 100 (MAX_TEXT_CHARS)" in reasons[5]
    assert "empty (null)" in reasons[6]
    assert [pr.task_id for pr in outcome.problems] == [11, 12, None, 14, 15, 16]
    assert p.pii_engine.calls == [["Alice Smith", "Bob Jones"]]


def test_a_config_without_guideline_controls_gets_no_predictions_without_reading_tasks():
    p = fake_predictor()
    outcome = p.predict(["anything", {"id": 1}], render_config(T.SURVEY))
    assert outcome.results == [None, None] and outcome.problems == []
    assert p.pii_engine.calls == [] and p.toxicity_engine.calls == []


def test_a_broken_config_raises_config_error():
    with pytest.raises(ConfigError):
        fake_predictor().predict([_task("a")], "<View>")


def test_toxicity_config_levels_and_relative_in_one_batch():
    p = fake_predictor()
    tasks = [
        {"id": 1, "data": {T.PROMPT: "So I said to him", T.CONTINUATION: "you idiot"}},
        {"id": 2, "data": {T.PROMPT: "You damn idiot", T.CONTINUATION: "said the teacher kindly"}},
    ]
    outcome = p.predict(tasks, TOXICITY)
    assert len(p.toxicity_engine.calls) == 1 and p.pii_engine.calls == []
    got = [{r["from_name"]: r["value"]["choices"][0] for r in pred["result"]} for pred in outcome.results]
    assert got == [
        {T.TOXICITY_INPUT: "0", T.TOXICITY_OUTPUT: "2", T.RELATIVE_TOXICITY_NAME: "1"},
        {T.TOXICITY_INPUT: "2", T.TOXICITY_OUTPUT: "0", T.RELATIVE_TOXICITY_NAME: "-1"},
    ]


def test_comparison_flags_only_clearly_toxic_outputs():
    p = fake_predictor()
    outputs = [{T.OUTPUT_ID: f"o{i}", T.OUTPUT_TITLE: f"Output {i}", T.OUTPUT_BODY: body}
               for i, body in enumerate(["Sure, here it is.", "You idiot, do it yourself.", "Damn, fine."])]
    tasks = [{"id": 1, "data": {T.PROMPT: "Help me write a letter.", T.OUTPUTS: outputs}},
             {"id": 2, "data": {T.PROMPT: "Insult me, you idiot.", T.OUTPUTS: outputs}}]
    outcome = p.predict(tasks, COMPARISON)
    assert len(p.toxicity_engine.calls) == 1
    first, second = ([r for r in pred["result"] if r["from_name"].startswith(T.INAPPROPRIATE)]
                     for pred in outcome.results)
    assert [(r["from_name"], r["to_name"], r["value"]) for r in first] == [
        ("inappropriate_1", "output_1", {"choices": [T.YES]})]
    assert second == []  # a toxic prompt: the guideline may want N/A, toxicity alone cannot tell


def test_comparison_task_with_outputs_missing_is_a_bad_task():
    outcome = fake_predictor().predict([{"id": 3, "data": {T.PROMPT: "p", T.OUTPUTS: "oops"}}], COMPARISON)
    assert outcome.results == [None]
    assert outcome.problems[0].reason == "field 'outputs' is not a list"


def test_an_engine_failing_on_one_text_empties_only_that_task(caplog):
    p = fake_predictor(fail_on="BOOM")
    caplog.set_level(logging.DEBUG, logger="ml_backend")
    outcome = p.predict([_task("Alice Smith", 1), _task("BOOM Bob Jones", 2)], INSTRUCTION)
    assert outcome.results[0]["result"] and outcome.results[1] is None
    assert outcome.problems[0].reason == "the engine failed on this task"
    assert "BOOM" not in caplog.text and "Alice" not in caplog.text and "RuntimeError" in caplog.text


def test_an_engine_failing_on_everything_is_an_engine_error():
    with pytest.raises(EngineError):
        fake_predictor(fail_on="").predict([_task("a"), _task("b")], INSTRUCTION)


def test_an_engine_returning_the_wrong_number_of_results_is_caught():
    class Short(FakePii):
        def analyze_batch(self, texts):
            return super().analyze_batch(texts)[:1]

    p = Predictor(Short(), FakeToxicity(), fake_relative)
    outcome = p.predict([_task("Alice Smith", 1), _task("Bob Jones", 2)], INSTRUCTION)
    assert all(r["result"] for r in outcome.results)  # recovered one by one


def test_spans_with_offsets_outside_the_text_are_dropped_not_sent():
    p = fake_predictor(offset_shift=1000)
    outcome = p.predict([_task("Alice Smith")], INSTRUCTION)
    assert T.PII_SPANS not in _names(outcome.results[0])
    assert outcome.stats["spans_dropped"] == 1


def test_the_prediction_check_drops_repeater_regions_and_keeps_the_rest():
    """Label Studio's check (SDK LabelInterface) does not expand Repeater names: inappropriate_1 would fail the
    whole Retrieve. With check=True it is dropped and counted; everything else of the task stays."""
    p = fake_predictor()
    outputs = [{T.OUTPUT_ID: f"o{i}", T.OUTPUT_TITLE: f"Output {i}", T.OUTPUT_BODY: body}
               for i, body in enumerate(["Sure, Alice Smith.", "You idiot, do it yourself."])]
    task = {"id": 1, "data": {T.PROMPT: "Write to Alice Smith.", T.OUTPUTS: outputs}}
    unchecked = p.predict([task], COMPARISON).results[0]
    outcome = p.predict([task], COMPARISON, check=True)
    (checked,) = outcome.results
    assert "inappropriate_1" in _names(unchecked)
    assert _names(checked) == [n for n in _names(unchecked) if not n.startswith(T.INAPPROPRIATE)]
    assert outcome.stats["refused_by_check"] == 1 and outcome.stats["refused_controls"] == "inappropriate_{i}"
    from label_studio_sdk.label_interface import LabelInterface

    assert LabelInterface(COMPARISON).validate_prediction(checked, return_errors=True) == []
    assert LabelInterface(COMPARISON).validate_prediction(unchecked, return_errors=True) != []


def test_a_task_with_nothing_to_fill_gets_no_prediction():
    """A comparison whose outputs are all fine and whose config has no prompt-level control: nothing to say."""
    from label_config.render import render_config as rc

    xml = rc(T.COMPARISON, k=2).replace('name="pii"', 'name="pii_x"').replace('name="pii_spans"', 'name="spans_x"')
    outputs = [{T.OUTPUT_ID: "o0", T.OUTPUT_TITLE: "A", T.OUTPUT_BODY: "Fine."},
               {T.OUTPUT_ID: "o1", T.OUTPUT_TITLE: "B", T.OUTPUT_BODY: "Also fine."}]
    outcome = fake_predictor().predict([{"id": 1, "data": {T.PROMPT: "Hi", T.OUTPUTS: outputs}}], xml)
    assert outcome.results == [None] and outcome.problems == []


def test_a_url_field_is_a_problem_unless_fetched():
    xml = INSTRUCTION.replace('value="$prompt"', 'value="$prompt" valueType="url"', 1)
    task = _task("http://ls.example/data/upload/1/a.txt", 5)
    outcome = fake_predictor().predict([task], xml)
    assert outcome.results == [None] and "holds a URL" in outcome.problems[0].reason
    fetched = fake_predictor().predict([_task("Call Alice Smith.", 5)], xml, urls_fetched=True)
    assert fetched.results[0] is not None


# ------------------------------------------------------------------------------------------ real engines
@pytest.fixture(scope="module")
def real_predictor():
    from ml_backend.predict import load_predictor
    from ml_backend.settings import Settings

    return load_predictor(Settings())


@pytest.mark.slow
def test_real_engines_give_valid_exact_regions_on_the_presidio_set(real_predictor):
    """On 400 labelled sentences: every region fits the config, every span is the exact prompt slice."""
    import json

    from label_studio_sdk.label_interface import LabelInterface

    from conftest import SHARED_DATA

    path = SHARED_DATA / "presidio_synth_dataset_v2_400_enriched.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is not here")
    rows = [json.loads(line) for line in path.open()]
    tasks = [{"id": i, "data": {T.PROMPT: r["full_text"]}} for i, r in enumerate(rows)]
    outcome = real_predictor.predict(tasks, INSTRUCTION)
    assert outcome.problems == [] and len(outcome.results) == len(rows)
    li = LabelInterface(INSTRUCTION)
    findings = real_predictor.pii_engine.analyze_batch([r["full_text"] for r in rows])
    for task, finding, pred in zip(tasks, findings, outcome.results):
        for region in pred["result"]:
            assert li.validate_region(region), region
            assert 0.0 <= region["score"] <= 1.0
            if region["type"] == "labels":
                v = region["value"]
                assert task["data"][T.PROMPT][v["start"]:v["end"]] == v["text"]
        # the mapping keeps exactly what the engine found (its accuracy is measured by the engine's own tests)
        pii = next(r for r in pred["result"] if r["from_name"] == T.PII)["value"]["choices"]
        assert pii == [T.YES if finding.has_pii else T.NO]
        spans = [(r["value"]["start"], r["value"]["end"], r["value"]["labels"][0])
                 for r in pred["result"] if r["type"] == "labels"]
        assert spans == [(s.start, s.end, s.label) for s in finding.spans]
    assert sum(f.has_pii for f in findings) > 200


@pytest.mark.slow
def test_real_engines_flag_a_clearly_toxic_output_in_a_comparison(real_predictor):
    outputs = [{T.OUTPUT_ID: "o0", T.OUTPUT_TITLE: "A", T.OUTPUT_BODY: "Here is a polite reply to your landlord."},
               {T.OUTPUT_ID: "o1", T.OUTPUT_TITLE: "B",
                T.OUTPUT_BODY: "Shut up, you worthless fucking idiot, nobody cares about your stupid letter."}]
    task = {"id": 1, "data": {T.PROMPT: "Help me write a letter to my landlord about the heating.", T.OUTPUTS: outputs}}
    (pred,) = real_predictor.predict([task], COMPARISON).results
    flags = [r for r in pred["result"] if r["from_name"].startswith(T.INAPPROPRIATE)]
    assert [(r["from_name"], r["value"]["choices"]) for r in flags] == [("inappropriate_1", [T.YES])]


@pytest.mark.slow
def test_real_engines_suggest_no_on_unsupported_text_with_half_confidence(real_predictor):
    """A prompt mostly in a script the PII rules do not read (Chinese, no name on the lists, an address) gets its
    No suggested at 0.5, so a reviewer sorting by prediction score sees it first; an English No stays sure."""
    tasks = [{"id": 1, "data": {T.PROMPT: "请把这份合同寄给住在幸福路十二号的老张。"}},
             {"id": 2, "data": {T.PROMPT: "Write a haiku about the sea."}}]
    first, second = real_predictor.predict(tasks, INSTRUCTION).results
    pii = [next(r for r in p["result"] if r["from_name"] == T.PII) for p in (first, second)]
    assert [p["value"]["choices"] for p in pii] == [[T.NO], [T.NO]]
    assert pii[0]["score"] == 0.5 and pii[1]["score"] > 0.9
