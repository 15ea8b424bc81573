"""Learning a team's terms (ml_backend.pii.terms) and applying them (PiiEngine.with_terms)."""

from __future__ import annotations

import doctest
import json

import pytest

from ml_backend import evaluate_pii_terms as sim
from ml_backend.pii import get_pii_engine, terms as terms_module
from ml_backend.pii.terms import Terms, learn_terms


@pytest.fixture(scope="module")
def engine():
    return get_pii_engine()


def test_learns_what_the_team_marks_and_unmarks(engine) -> None:
    rows = sim.make_domain(200, seed=3)
    terms = learn_terms(sim.simulate_project(rows, engine))
    assert {"zorbo", "kthx"} <= set(terms.always) and terms.always["zorbo"] == "Name"
    assert "marco polo" in terms.never
    assert not set(terms.always) & terms.never


def test_with_terms_changes_findings_and_version(engine) -> None:
    learned = engine.with_terms(Terms(always={"zorbo": "Name"}, never={"iris atlas"}))
    text = "ping zorbo about the Iris Atlas cluster"
    assert [text[s.start:s.end] for s in learned.analyze(text).spans] == ["zorbo"]
    assert not engine.analyze("ping zorbo").has_pii  # the default is unchanged
    assert learned.model_version.startswith(engine.model_version + "+terms-") and learned.model_version != engine.model_version


def test_save_and_load(tmp_path) -> None:
    terms = Terms(always={"zorbo": "Name", "emp-7": "Identifier"}, never={"iris atlas"})
    path = terms.save(tmp_path / "project-3")
    assert json.loads(path.read_text())["never"] == ["iris atlas"]
    assert Terms.load(tmp_path / "project-3") == terms
    assert Terms.load(tmp_path / "nothing-here") == Terms()


def test_malformed_annotations_are_skipped() -> None:
    tasks = [{"data": {"prompt": "x"}, "annotations": [{"result": [5, {"from_name": "pii_spans", "type": "labels",
                                                                        "value": {"start": "a"}}]}]},
             {"data": None, "annotations": None}, {"annotations": [{"was_cancelled": True, "result": []}]}]
    assert learn_terms(tasks) == Terms()


def test_a_term_seen_once_is_not_learned() -> None:
    task = {"data": {"prompt": "ask quibb"}, "annotations": [{"result": [
        {"from_name": "pii_spans", "type": "labels", "value": {"start": 4, "end": 9, "text": "quibb", "labels": ["Name"]}}]}]}
    assert learn_terms([task]).always == {} and learn_terms([task, task]).always == {"quibb": "Name"}


def test_docstrings() -> None:
    assert doctest.testmod(terms_module).failed == 0


def _answered(prompt: str, marked: list[str], certain: str | None) -> dict:
    result = [{"from_name": "pii_spans", "type": "labels", "value": {
        "start": prompt.index(t), "end": prompt.index(t) + len(t), "text": t, "labels": ["Name"]}} for t in marked]
    if certain is not None:
        result.append({"from_name": "pii_certain", "type": "choices", "value": {"choices": [certain]}})
    return {"data": {"prompt": prompt}, "annotations": [{"result": result}]}


def test_learns_the_certain_answer_the_team_gives_for_a_term() -> None:
    tasks = [_answered("a prayer to Ruth", ["Ruth"], "No"), _answered("Ruth again", ["Ruth"], "No"),
             _answered("Ruth and Jane Roe", ["Ruth", "Jane Roe"], "Yes"),  # the Yes may be Jane Roe's: no evidence
             _answered("mail Jane Roe", ["Jane Roe"], "Yes"), _answered("Jane Roe called", ["Jane Roe"], "Yes"),
             _answered("Kim wrote", ["Kim"], "No"), _answered("Kim wrote twice", ["Kim"], "Yes"),  # split: nothing
             _answered("Bo here", ["Bo"], None), _answered("Bo there", ["Bo"], None)]  # unanswered: nothing
    assert learn_terms(tasks).certain == {"jane roe": True, "ruth": False}


def test_a_never_term_learns_no_certain_answer() -> None:
    deleted = {"data": {"prompt": "deploy Iris Atlas"}, "annotations": [{"result": [
        {"from_name": "pii_certain", "type": "choices", "value": {"choices": ["No"]}}]}],
        "predictions": [{"result": [{"from_name": "pii_spans", "type": "labels",
                                     "value": {"start": 7, "end": 17, "text": "Iris Atlas", "labels": ["Name"]}}]}]}
    assert learn_terms([deleted, deleted]) == Terms(never={"iris atlas"})


def test_the_learned_certain_answer_reaches_the_finding(engine) -> None:
    text = "ping zorbo about the build"
    marked = engine.with_terms(Terms(always={"zorbo": "Name"}))
    unsure = engine.with_terms(Terms(always={"zorbo": "Name"}, certain={"zorbo": False}))
    assert marked.analyze(text).certain is True and unsure.analyze(text).certain is False
    assert unsure.analyze(text).has_pii and unsure.model_version != marked.model_version
    # a span the default finds (a full name) takes the team's answer too; other spans keep theirs
    both = "email Jane Roe at jane.roe@gmail.com"
    doubt = engine.with_terms(Terms(certain={"jane roe": False}))
    assert {both[s.start:s.end]: s.certain for s in doubt.analyze(both).spans} == {
        "Jane Roe": False, "jane.roe@gmail.com": True}


def test_terms_without_certain_keep_their_digest_and_file() -> None:
    old = Terms(always={"zorbo": "Name"}, never={"iris atlas"})
    blob = json.dumps({"always": sorted(old.always.items()), "never": sorted(old.never)}, ensure_ascii=False)
    import hashlib

    assert old.digest() == hashlib.sha256(blob.encode()).hexdigest()[:10]  # the digest before "certain" existed
    assert Terms(always=old.always, never=old.never, certain={"zorbo": False}).digest() != old.digest()


def test_save_and_load_certain(tmp_path) -> None:
    terms = Terms(always={"zorbo": "Name"}, certain={"zorbo": False, "jane roe": True})
    terms.save(tmp_path)
    assert Terms.load(tmp_path) == terms
    (tmp_path / "pii_terms.json").write_text(json.dumps({"always": {}, "certain": {"x": "no", "y": True, "": True}}))
    assert Terms.load(tmp_path).certain == {"y": True}


def _answered_no_with_span_left(prompt: str, start: int, end: int) -> dict:
    """A task whose suggestion marked prompt[start:end], answered PII = No with the highlight left in place (the
    UI review's case: the annotator rejected the suggestion at the question and did not delete the span)."""
    span = {"from_name": "pii_spans", "type": "labels",
            "value": {"start": start, "end": end, "text": prompt[start:end], "labels": ["Name"]}}
    return {"data": {"prompt": prompt},
            "annotations": [{"result": [span, {"from_name": "pii", "type": "choices", "value": {"choices": ["No"]}}]}],
            "predictions": [{"result": [span]}]}


def test_a_span_left_under_pii_no_is_a_rejected_suggestion_not_a_marked_term() -> None:
    """PII = No is the annotator's answer: a highlight left under it is not learned as a term to always suggest;
    it counts as the suggestion deleted (so a team that keeps answering No to it stops seeing it)."""
    task = _answered_no_with_span_left("ask Quill Harbor about the ferry", 4, 16)
    terms = learn_terms([task, task, task])
    assert "quill harbor" not in terms.always
    assert terms.never == {"quill harbor"}
    marked = dict(task, annotations=[{"result": task["annotations"][0]["result"][:1]}])  # no PII answer given
    assert learn_terms([marked, marked]).always == {"quill harbor": "Name"}
