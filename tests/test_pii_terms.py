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
