"""Rankings into pairs: the synthetic edge cases (every count checked by hand), real exports (the RLHF template's
Pairwise results, OpenAssistant's human rankings), aggregation, ground truth, and a property test:
pairs = sum over annotations of C(ranked, 2) minus tied pairs."""

from __future__ import annotations

import json
from math import comb

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exporters.errors import BadInput
from exporters.pairs import PairOptions, iter_pairs, iter_ranked_tasks
from exporters.report import RunReport
from label_config import taxonomy as T

from conftest import SHARED_DATA, TEST_DATA

EDGE = json.loads((TEST_DATA / "export_edge_cases.json").read_text())
RLHF_FULL = SHARED_DATA / "labelstudio" / "humansignal_rlhf_ls_output_data.json"
OASST = SHARED_DATA / "oasst_en_100_trees.jsonl"


def _pairs(tasks, **options):
    report = RunReport()
    pairs = list(iter_pairs(tasks, PairOptions(**options), report))
    return pairs, report


def _by_task(pairs, task_id, annotator="any"):
    return {(p.chosen_id, p.rejected_id) for p in pairs
            if p.task_id == task_id and (annotator == "any" or p.annotator == annotator)}


def test_edge_cases_counts_add_up():
    pairs, report = _pairs(EDGE)
    assert len(pairs) == 38
    assert report.tasks == 10 and report.tasks_used == 5
    assert dict(report.tasks_skipped) == {"no annotations": 1, "missing prompt": 1, "no usable annotation": 3}
    assert report.annotations == 15 and report.annotations_used == 8
    assert dict(report.annotations_skipped) == {
        "cancelled": 1, "bad ranking": 3, "task skipped (missing prompt)": 1, "no ranking": 1, "empty ranking": 1}
    assert report.annotations == report.annotations_used + sum(report.annotations_skipped.values())
    assert report.ties_dropped == 2 and report.unranked_outputs == 2
    assert report.problem_count == 4
    assert all(p.startswith(("task 105:", "task 106:")) for p in report.problems)


def test_a_tie_gives_no_pair_and_ranks_are_dense():
    pairs, _ = _pairs(EDGE)
    # annotator 1 on task 101: rank_1 [o2, o0], rank_2 [o1], rank_4 [o3]
    assert _by_task(pairs, 101, 1) == {("o0", "o1"), ("o0", "o3"), ("o2", "o1"), ("o2", "o3"), ("o1", "o3")}
    p = next(p for p in pairs if p.task_id == 101 and p.annotator == 1 and p.chosen_id == "o2" and p.rejected_id == "o3")
    assert (p.chosen_rank, p.rejected_rank, p.margin) == (1, 3, 2)
    assert p.likert_margin == 7 - 2
    assert (p.chosen_model, p.rejected_model, p.split) == ("m2", "m3", "train")
    assert p.chosen.startswith("Answer C") and p.rejected.startswith("Answer D")


def test_ties_keep_marks_them():
    pairs, report = _pairs(EDGE, ties="keep")
    ties = [p for p in pairs if p.tie]
    assert len(pairs) == 38 + 2 and report.ties_kept == 2 and report.ties_dropped == 0
    assert {(p.task_id, p.chosen_id, p.rejected_id, p.margin) for p in ties} == {(101, "o0", "o2", 0),
                                                                                (102, "o2", "o3", 0)}


def test_unranked_outputs_are_left_out():
    pairs, _ = _pairs(EDGE)
    assert _by_task(pairs, 103) == {("o3", "o0")}
    assert next(p for p in pairs if p.task_id == 103).chosen_model is None  # the task has no models


def test_legacy_and_no_bucket_rankers_in_one_task():
    pairs, _ = _pairs(EDGE)
    assert ("o1", "o0") in _by_task(pairs, 104, 1) and ("o0", "o1") in _by_task(pairs, 104, 2)
    assert len(_by_task(pairs, 104, 1)) == len(_by_task(pairs, 104, 2)) == 6


def test_prefer_ground_truth():
    pairs, report = _pairs(EDGE, prefer_ground_truth=True)
    assert {p.annotator for p in pairs if p.task_id == 102} == {3}
    assert len(pairs) == 38 - 6
    assert report.annotations_skipped["not ground truth (ground truth preferred)"] == 1
    # without the flag the ground-truth annotation is used like any other
    plain, _ = _pairs(EDGE)
    assert {p.annotator for p in plain if p.task_id == 102} == {2, 3}


def test_mean_rank_aggregation():
    pairs, report = _pairs(EDGE, aggregate="mean-rank")
    assert len(pairs) == 19 and report.ties_dropped == 3
    assert all(p.annotator is None for p in pairs)
    # task 101: o0 (1+1)/2, o2 (1+2)/2, o1 (2+3)/2, o3 (3+4)/2
    p = next(p for p in pairs if p.task_id == 101 and p.chosen_id == "o0" and p.rejected_id == "o2")
    assert (p.chosen_rank, p.rejected_rank, p.margin) == (1.0, 1.5, 0.5)
    # task 102: o0 and o1 both average 1.5: a tie, no pair
    assert not {("o0", "o1"), ("o1", "o0")} & _by_task(pairs, 102)
    # task 104: the two annotators disagree on both halves: two ties
    assert _by_task(pairs, 104) == {("o0", "o2"), ("o0", "o3"), ("o1", "o2"), ("o1", "o3")}


def test_mean_rank_likert_margin_is_the_mean_difference():
    tasks = [{"id": 1, "data": {"prompt": "p", "outputs": [{"id": "a", "body": "x"}, {"id": "b", "body": "y"}]},
              "annotations": [{"completed_by": u, "result": [
                  {"from_name": "likert_0", "type": "rating", "value": {"rating": ra}},
                  {"from_name": "likert_1", "type": "rating", "value": {"rating": rb}},
                  {"from_name": T.RANKING, "type": "ranker", "value": {"ranker": {"rank_1": ["a"], "rank_2": ["b"]}}}]}
                  for u, ra, rb in ((1, 7, 2), (2, 6, 5))]}]
    (pair,), _ = _pairs(tasks, aggregate="mean-rank")
    assert pair.likert_margin == pytest.approx((7 + 6) / 2 - (2 + 5) / 2)


def test_strict_raises_on_the_first_problem_with_its_task():
    with pytest.raises(BadInput, match="task 105: ids not in the task's outputs"):
        list(iter_pairs(EDGE, PairOptions(), RunReport(strict=True)))


def test_chat_context_becomes_history():
    pairs, _ = _pairs(EDGE)
    p = next(p for p in pairs if p.task_id == 108)
    assert p.history == [{"role": "user", "content": "Hi, I need a recipe."},
                         {"role": "assistant", "content": "Sure, what kind of dish?"}]
    assert p.split is None


def test_real_rlhf_export_pairwise_results():
    tasks = json.loads((TEST_DATA / "export_rlhf_slice.json").read_text())
    pairs, report = _pairs(tasks)
    assert len(pairs) == len(tasks) == report.annotations_used
    for task, pair in zip(tasks, pairs):
        selected = task["annotations"][0]["result"][0]["value"]["selected"]
        winner = "answer1" if selected == "left" else "answer2"
        assert pair.chosen_id == winner and pair.chosen == task["data"][winner]
        assert pair.prompt == task["data"]["prompt"] and pair.annotator == 2 and pair.task_id == task["id"]


def test_full_shared_rlhf_export():
    if not RLHF_FULL.exists():
        pytest.skip("shared data folder not present")
    tasks = json.loads(RLHF_FULL.read_text())
    pairs, report = _pairs(tasks)
    assert len(pairs) == 32 and report.problem_count == 0
    left = sum(t["annotations"][0]["result"][0]["value"]["selected"] == "left" for t in tasks)
    assert sum(p.chosen_id == "answer1" for p in pairs) == left == 18


def oasst_tasks(path=OASST, limit=None):
    """OpenAssistant trees as a Label Studio comparison export: one task per prompter message with >= 2 ranked
    assistant replies (earlier turns in $examples as the importers write them), the human ranking as buckets."""
    tasks, next_id = [], 1
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f):
            if limit is not None and line_no >= limit:
                break
            stack = [(json.loads(line)["prompt"], [])]
            while stack:
                node, history = stack.pop()
                replies = node.get("replies") or []
                if node["role"] == "prompter" and sum(r.get("rank") is not None for r in replies) >= 2:
                    outputs = [{"id": f"o{i}", "title": f"Output {i}", "body": r["text"]} for i, r in enumerate(replies)]
                    buckets = {}
                    for i, r in sorted(enumerate(replies), key=lambda ir: ir[1].get("rank") or 0):
                        if r.get("rank") is not None:
                            buckets[T.bucket_name(r["rank"] + 1)] = [f"o{i}"]
                    examples = [{"role": "Query" if h["role"] == "prompter" else "Response", "content": h["text"]}
                                for h in history]
                    data = {"prompt": node["text"], "outputs": outputs, "split": "train"}
                    if examples:
                        data["examples"] = examples
                    tasks.append({"id": next_id, "data": data, "annotations": [{
                        "id": next_id, "completed_by": 1, "was_cancelled": False, "ground_truth": False,
                        "result": [{"from_name": T.RANKING, "to_name": T.OUTPUTS, "type": "ranker",
                                    "value": {"ranker": buckets}}]}]})
                    next_id += 1
                for r in replies:
                    stack.append((r, history + [node]))
    return tasks


def test_real_oasst_rankings():
    if not OASST.exists():
        pytest.skip("shared data folder not present")
    tasks = oasst_tasks()
    pairs, report = _pairs(tasks)
    expected = sum(comb(sum(1 for ids in t["annotations"][0]["result"][0]["value"]["ranker"].values()), 2)
                   for t in tasks)
    unranked = sum(len(t["data"]["outputs"]) - len(t["annotations"][0]["result"][0]["value"]["ranker"])
                   for t in tasks)
    # 214 prompter messages have >= 2 replies; in 2 of them fewer than 2 replies were ranked
    assert len(tasks) == 212 and len(pairs) == expected and report.problem_count == 0
    assert report.unranked_outputs == unranked > 0
    assert sum(1 for p in pairs if p.history) > 0  # follow-up turns carry their conversation


# ------------------------------------------------------------------------------------------------------------
# Property: pairs = sum over annotations of C(ranked, 2) minus tied pairs
# ------------------------------------------------------------------------------------------------------------

@st.composite
def ranked_task(draw):
    k = draw(st.integers(2, 9))
    ids = [f"o{i}" for i in range(k)]
    annotations = []
    for user in range(draw(st.integers(0, 3))):
        # each output: a bucket 1..k, unsorted ("_"), or left out entirely
        placement = draw(st.lists(st.one_of(st.integers(1, k), st.sampled_from(["_", None])), min_size=k, max_size=k))
        buckets: dict[str, list[str]] = {}
        for oid, where in zip(ids, placement):
            if where is not None:
                buckets.setdefault(T.UNSORTED_BUCKET if where == "_" else T.bucket_name(where), []).append(oid)
        if draw(st.booleans()):
            buckets.setdefault(T.bucket_name(k), [])  # an empty bucket
        cancelled = draw(st.booleans()) and draw(st.booleans())
        annotations.append({"id": user, "completed_by": user, "was_cancelled": cancelled,
                            "result": [] if cancelled else [{"from_name": T.RANKING, "to_name": T.OUTPUTS,
                                                             "type": "ranker", "value": {"ranker": buckets}}]})
    return {"id": 1, "data": {"prompt": "p", "outputs": [{"id": i, "title": i, "body": i} for i in ids]},
            "annotations": annotations}


def _expected(task):
    total = tied = 0
    for a in task["annotations"]:
        if a["was_cancelled"]:
            continue
        sizes = [len(v) for b, v in a["result"][0]["value"]["ranker"].items() if b != T.UNSORTED_BUCKET]
        total += comb(sum(sizes), 2)
        tied += sum(comb(s, 2) for s in sizes)
    return total, tied


@settings(max_examples=300, deadline=None)
@given(st.lists(ranked_task(), max_size=4))
def test_property_pairs_are_all_untied_pairs_of_each_annotation(tasks):
    tasks = [dict(t, id=n) for n, t in enumerate(tasks)]
    total = sum(_expected(t)[0] for t in tasks)
    tied = sum(_expected(t)[1] for t in tasks)
    dropped, report = _pairs(tasks)
    assert len(dropped) == total - tied
    assert report.ties_dropped == tied
    kept, report_keep = _pairs(tasks, ties="keep")
    assert len(kept) == total and sum(p.tie for p in kept) == tied == report_keep.ties_kept
    for p in dropped:
        assert p.chosen_rank < p.rejected_rank and p.margin == p.rejected_rank - p.chosen_rank > 0
    assert report.annotations == report.annotations_used + sum(report.annotations_skipped.values())
    # no pair twice, none with itself
    keys = [(p.task_id, p.annotator, frozenset((p.chosen_id, p.rejected_id))) for p in kept]
    assert len(keys) == len(set(keys)) and all(p.chosen_id != p.rejected_id for p in kept)


@settings(max_examples=150, deadline=None)
@given(ranked_task())
def test_property_mean_rank_of_one_annotation_is_that_annotation(task):
    live = [a for a in task["annotations"] if not a["was_cancelled"]]
    task = dict(task, annotations=live[:1])
    single, _ = _pairs([task])
    mean, _ = _pairs([task], aggregate="mean-rank")
    assert {(p.chosen_id, p.rejected_id) for p in single} == {(p.chosen_id, p.rejected_id) for p in mean}


def test_iter_ranked_tasks_is_lazy():
    def stream():
        yield EDGE[0]
        raise AssertionError("read too far")

    first = next(iter_ranked_tasks(stream()))
    assert first.task_id == 101
