"""Rankings of any shape through the pair exporter (hypothesis): K = 1 to 50 outputs, duplicate, missing and
unknown ids, buckets and values of the wrong kind, per-output rank choices and Pairwise picks that are text.

Every bad annotation costs only itself and is named by its task; every annotation is accounted for; a full
ranking of K outputs without ties gives K(K-1)/2 pairs; and no value of an annotation reaches a problem: a ranking
value can hold text (a template that ranks texts, a hand-edited export), so a reason says what kind of value was
found, and quotes an id or a bucket name only when it is a short name.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporters.pair_files import write_pairs
from exporters.pairs import PairOptions
from label_config import taxonomy as T

SECRET = "Zyzzyva secret prompt text"  # text, not a name: must never reach a problem


def _task(tid: int, k: int, results: list[dict]) -> dict:
    outputs = [{"id": f"o{i}", "body": f"answer {i}"} for i in range(k)]
    return {"id": tid, "data": {"prompt": "Say hi", "outputs": outputs},
            "annotations": [{"id": tid * 10, "completed_by": 1, "result": results}]}


def _ranker(value) -> list[dict]:
    return [{"from_name": T.RANKING, "to_name": T.OUTPUTS, "type": "ranker", "value": value}]


ids = st.one_of(st.sampled_from([f"o{i}" for i in range(50)]), st.just(SECRET), st.just("o99"))
bucket_names = st.one_of(st.integers(1, 50).map(lambda n: f"rank_{n}"), st.just("_"), st.just(SECRET),
                         st.just("rank_0"))
junk = st.one_of(st.just(SECRET), st.just([SECRET]), st.just({SECRET: SECRET}), st.integers(), st.none())
ranker_values = st.one_of(
    st.lists(ids, max_size=8).map(lambda v: {"ranker": v}),  # legacy list (duplicates possible)
    st.dictionaries(bucket_names, st.lists(ids, max_size=4) | junk, max_size=6).map(lambda v: {"ranker": v}),
    junk.map(lambda v: {"ranker": v}),
    junk,
    st.just({"selected": SECRET}),
)
output_rank_results = st.lists(
    st.tuples(st.integers(0, 55), st.one_of(st.integers(-1, 60).map(str), st.just(SECRET), st.just("1.5"))).map(
        lambda t: {"from_name": f"output_rank_{t[0]}", "type": "choices", "value": {"choices": [t[1]]}}),
    min_size=1, max_size=6)
pairwise = st.sampled_from(["left", "right", SECRET]).map(
    lambda s: [{"from_name": "pick", "type": "pairwise", "value": {"selected": s}}])


@st.composite
def tasks(draw):
    out = []
    for tid in range(1, draw(st.integers(1, 5)) + 1):
        k = draw(st.sampled_from([1, 2, 3, 9, 50]))
        results = draw(st.one_of(ranker_values.map(_ranker), output_rank_results, pairwise))
        out.append(_task(tid, k, results))
    return out


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tasks())
def test_fuzzed_rankings_cost_only_their_annotation_and_never_quote_a_value(tmp_path_factory, tasks):
    path = tmp_path_factory.mktemp("rank") / "pairs.jsonl"
    report = write_pairs(tasks, path, "trl", PairOptions(ties="keep"))
    assert report.tasks == len(tasks)
    assert report.annotations == report.annotations_used + sum(report.annotations_skipped.values())
    for problem in report.problems:
        assert problem.startswith("task "), problem
        assert SECRET not in problem and "Zyzzyva" not in problem, problem
        assert len(problem) < 300, problem


@pytest.mark.parametrize("k", [1, 2, 9, 50])
def test_a_full_ranking_of_k_outputs_gives_k_choose_2_pairs(tmp_path, k):
    value = {"ranker": {f"rank_{i + 1}": [f"o{i}"] for i in range(k)}}
    report = write_pairs([_task(1, k, _ranker(value))], tmp_path / "p.jsonl", "trl")
    assert report.problems == [] and report.annotations_used == 1
    lines = (tmp_path / "p.jsonl").read_text().splitlines()
    assert len(lines) == k * (k - 1) // 2


@pytest.mark.parametrize(("value", "says"), [
    ({"ranker": ["o0", "o0"]}, "task 1: id 'o0' listed twice"),
    ({"ranker": {"rank_1": ["o0"], "rank_2": ["o0"]}}, "task 1: id 'o0' in two buckets"),
    ({"ranker": {"rank_1": ["o0", "o9"]}}, "task 1: ids not in the task's outputs: 'o9'"),
    ({"ranker": {"rank_1": [SECRET]}}, "task 1: ids not in the task's outputs: an id of 26 characters"),
    ({"ranker": {SECRET: ["o0"]}}, "task 1: unknown bucket (a name of 26 characters)"),
    ({"ranker": {"rank_1": SECRET}}, "task 1: bucket 'rank_1' is not a list of ids (a JSON string)"),
    ({"ranker": SECRET}, "task 1: ranker value is neither a list nor buckets (a JSON string)"),
    ({SECRET: 1}, "task 1: ranker result without a 'ranker' value (a JSON object without it)"),
])
def test_bad_rankings_are_named_without_their_values(tmp_path, value, says):
    report = write_pairs([_task(1, 3, _ranker(value))], tmp_path / "p.jsonl", "trl")
    assert [p for p in report.problems if p.startswith(says)], (says, report.problems)


def test_a_missing_id_is_unranked_not_a_problem(tmp_path):
    value = {"ranker": {"rank_1": ["o0"], "rank_2": ["o2"]}}  # o1 never placed
    report = write_pairs([_task(1, 3, _ranker(value))], tmp_path / "p.jsonl", "trl")
    assert report.problems == [] and len((tmp_path / "p.jsonl").read_text().splitlines()) == 1


def test_rank_choices_and_pairwise_picks_that_are_text_are_named_by_kind(tmp_path):
    tasks = [{"id": 1, "data": {"prompt": "p", "outputs": [{"id": "a", "body": "x"}, {"id": "b", "body": "y"}]},
              "annotations": [{"id": 10, "result": [
                  {"from_name": "output_rank_0", "type": "choices", "value": {"choices": [SECRET]}}]}]},
             {"id": 2, "data": {"prompt": "p", "answer1": "x", "answer2": "y"},
              "annotations": [{"id": 20, "result": [
                  {"from_name": "pick", "type": "pairwise", "value": {"selected": SECRET}}]}]}]
    report = write_pairs(tasks, tmp_path / "p.jsonl", "trl")
    assert len(report.problems) == 2 and not any("Zyzzyva" in p for p in report.problems), report.problems
    assert "task 1: output_rank_0: a rank must be one whole number >= 1, got a value that is not" in report.problems[0]
    assert "task 2: pairwise result selects neither 'left' nor 'right'" in report.problems[1]
