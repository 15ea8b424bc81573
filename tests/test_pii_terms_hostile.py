"""A project's learned terms (ml_backend.pii.terms) on hostile input: a huge or corrupt ``pii_terms.json``, exports
of any shape, any text.

Found by the red-team round: a ``pii_terms.json`` of 100,000 terms made each engine spend over TASK_TIME_BUDGET
compiling the project's deny lists (Presidio compiles them with the ``regex`` module, whose parser is pure Python:
~20 s for 40,000 terms), so every task of that project was "over the time budget", each request killed the engine
twice, and the project could never be predicted again. Now at most ``MAX_TERMS`` terms a list are learned (the
most marked first) and loaded.
"""

from __future__ import annotations

import json
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from label_config import taxonomy as T
from ml_backend.pii.terms import MAX_TERMS, Terms, learn_terms


def _span(start: int, end: int, text: str, label: str = "Name") -> dict:
    return {"from_name": T.PII_SPANS, "type": "labels", "value": {"start": start, "end": end, "text": text,
                                                                 "labels": [label]}}


def test_a_huge_terms_file_loads_at_most_max_terms_and_the_engine_applies_it_quickly(tmp_path) -> None:
    from ml_backend.pii import get_pii_engine

    body = {"always": {f"term{i:06d}": "Name" for i in range(100_000)},
            "never": [f"nev{i:06d}" for i in range(100_000)]}
    (tmp_path / "pii_terms.json").write_text(json.dumps(body))
    terms = Terms.load(tmp_path)
    assert 0 < len(terms.always) <= MAX_TERMS and 0 < len(terms.never) <= MAX_TERMS
    engine = get_pii_engine()
    t0 = time.process_time()
    learned = engine.with_terms(terms)
    finding = learned.analyze(f"ask {next(iter(terms.always))} about it")
    assert time.process_time() - t0 < 5.0  # was > 10 s (TASK_TIME_BUDGET) at 100,000 terms
    assert finding.has_pii


def test_learning_keeps_the_most_marked_terms_when_there_are_too_many(monkeypatch) -> None:
    from ml_backend.pii import terms as terms_module

    monkeypatch.setattr(terms_module, "MAX_TERMS", 40)  # the cap's logic, at a size that keeps the test fast
    tasks = []
    for i in range(40 + 50):
        term = f"qz{i:05d}"
        for _ in range(3 if i < 10 else 2):  # the first ten are marked in three tasks, the rest in two
            tasks.append({"data": {T.PROMPT: f"ask {term}"}, "annotations": [{"result": [_span(4, 11, term)]}]})
    terms = learn_terms(tasks)
    assert len(terms.always) == 40
    assert {f"qz{i:05d}" for i in range(10)} <= set(terms.always)


json_leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30))
json_value = st.recursive(json_leaf, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                              st.dictionaries(st.text(max_size=10), inner, max_size=4)),
                          max_leaves=15)
terms_body = st.fixed_dictionaries({}, optional={
    "always": st.dictionaries(st.text(max_size=20), st.sampled_from(list(T.PII_LABELS)) | json_value, max_size=8)
    | json_value,
    "never": st.lists(st.text(max_size=20) | json_value, max_size=8) | json_value,
    "certain": st.dictionaries(st.text(max_size=20), st.booleans() | json_value, max_size=8) | json_value})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=terms_body | json_value, text=st.text(max_size=300))
def test_any_terms_file_loads_or_fails_cleanly_and_matches_within_the_text(tmp_path, body, text) -> None:
    (tmp_path / "pii_terms.json").write_text(json.dumps(body))
    try:
        terms = Terms.load(tmp_path)
    except (ValueError, TypeError, AttributeError):
        return  # project_models.project_terms turns these into "the defaults serve" (logged by type only)
    for start, end, label in terms.occurrences(text):
        assert 0 <= start < end <= len(text) and label in T.PII_LABELS
    for start, end in terms.never_spans(text):
        assert 0 <= start < end <= len(text)


task_value = st.fixed_dictionaries({
    "data": st.fixed_dictionaries({T.PROMPT: st.text(max_size=40) | json_value}) | json_value,
    "annotations": st.lists(st.fixed_dictionaries({"result": st.lists(
        st.builds(_span, st.integers(-3, 50), st.integers(-3, 50), st.text(max_size=12),
                  st.sampled_from([*T.PII_LABELS, "Nope"])) | json_value, max_size=4) | json_value}) | json_value,
        max_size=3) | json_value,
    "predictions": st.lists(st.fixed_dictionaries({"result": st.lists(json_value, max_size=3)}) | json_value,
                            max_size=2) | json_value,
})


@settings(max_examples=150, deadline=None)
@given(tasks=st.lists(task_value, max_size=8))
def test_learning_from_any_export_shaped_tasks_never_raises(tasks) -> None:
    terms = learn_terms(tasks)
    assert all(label in T.PII_LABELS for label in terms.always.values())


def test_learning_from_many_tasks_of_terms_marked_once_is_not_quadratic() -> None:
    """Every marked term was searched in every prompt before its count was checked: 4,000 tasks of terms marked
    once took 3.7 s, 20,000 would take ~90 s (the training job of a big project)."""
    tasks = [{"data": {T.PROMPT: f"ask qq{i:06d} now"}, "annotations": [{"result": [_span(4, 12, f"qq{i:06d}")]}]}
             for i in range(20_000)]
    t0 = time.process_time()
    assert learn_terms(tasks).always == {}
    assert time.process_time() - t0 < 2.0
