"""Screening as a team lead runs it: sample tasks with no answer in them and the gold answers in a file on the
lead's side, review tasks for the researchers' 1-7 scores, each labeler's mean score and gold agreement in the
stats (gold from the file, or from an older project's ground-truth annotation); the survey's label rows name
nobody."""

from __future__ import annotations

import json

import pytest

from exporters.errors import ExportError
from exporters.labels import anonymous_id, iter_label_rows, label_schema
from exporters.stats import collect_stats
from exporters.stats_report import stats_markdown
from label_config import taxonomy as T
from labelguide.sample import SAMPLE_DIR, SCREENING_FILE
from labelguide.screening import review_tasks, screening_gold, screening_task, screening_tasks

from conftest import TEST_DATA

PINNED = json.loads((TEST_DATA / "pinned_results.json").read_text())


def test_sample_screening_tasks_carry_no_answer_and_the_gold_file_a_complete_one():
    tasks = screening_tasks(SAMPLE_DIR / SCREENING_FILE)
    assert len(tasks) == 7 and sum(t["data"]["sensitive"] for t in tasks) == 6
    gold = screening_gold(SAMPLE_DIR / SCREENING_FILE)
    for task in tasks:
        assert set(task) == {"data"}  # nothing a labeler could open: no annotation, no prediction
        assert "gold" not in json.dumps(task)
        data = task["data"]
        answer = gold.for_task(task)
        assert answer["ground_truth"] is True
        names = {r["from_name"] for r in answer["result"]}
        k = len(data[T.OUTPUTS])
        assert data[T.RANK_OPTIONS] == T.rank_options(k)
        for i in range(k):  # every output: its rank and all five sensitive-speech flags
            assert {T.output_control(n, i) for n in (T.OUTPUT_RANK, *T.SENSITIVE_SPEECH_ITEMS)} <= names
    # the shuffle hides which reply hh-rlhf preferred: it is not always Output A
    assert {t["data"][T.MODELS]["o0"] for t in tasks} == {"hh-chosen", "hh-rejected"}
    assert screening_tasks(SAMPLE_DIR / SCREENING_FILE) == tasks  # seeded


def test_the_gold_follows_the_shuffle_to_the_output_it_was_given_to(tmp_path):
    line = {"prompt": "P?", "outputs": [{"model": m, "text": t, "gold_rank": r, "gold_flags": {"violent": v}}
                                        for m, t, r, v in (("a", "one", 1, "No"), ("b", "two", 2, "No"),
                                                           ("c", "three", 3, "Yes"))]}
    task = screening_task(line)
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    answer = screening_gold(path).for_task(task)
    by_name = {r["from_name"]: r["value"]["choices"][0] for r in answer["result"]}
    for i, output in enumerate(task["data"][T.OUTPUTS]):
        original = next(o for o in line["outputs"] if o["text"] == output[T.OUTPUT_BODY])
        assert task["data"][T.MODELS][output[T.OUTPUT_ID]] == original["model"]
        assert by_name[T.output_control(T.OUTPUT_RANK, i)] == str(original["gold_rank"])
        assert by_name[T.output_control("violent", i)] == original["gold_flags"]["violent"]
    assert [o[T.OUTPUT_BODY] for o in task["data"][T.OUTPUTS]] != ["one", "two", "three"]  # really shuffled


def test_a_task_without_its_gold_line_or_with_other_outputs_is_named():
    tasks = screening_tasks(SAMPLE_DIR / SCREENING_FILE)
    gold = screening_gold(SAMPLE_DIR / SCREENING_FILE)
    stranger = {"id": 41, "data": {**tasks[0]["data"], T.EXTERNAL_ID: "not-in-the-file"}}
    with pytest.raises(ExportError, match=r"task 41 .*not-in-the-file.*no gold answer in screening.jsonl"):
        gold.for_task(stranger)
    assert gold.for_task(dict(stranger, annotations=[{"ground_truth": True, "result": []}]),
                         has_ground_truth=True) is None  # an older project's own gold answer is used instead
    swapped = {"id": 42, "data": {**tasks[0]["data"], T.OUTPUTS: list(reversed(tasks[0]["data"][T.OUTPUTS]))}}
    with pytest.raises(ExportError, match=r"task 42 .*outputs differ from screening.jsonl line 1"):
        gold.for_task(swapped)
    assert screening_gold(SAMPLE_DIR / SCREENING_FILE, required=False).for_task(stranger) is None


def test_a_bad_screening_line_names_its_problem(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"prompt": "p", "outputs": [{"text": "a", "gold_rank": 1}, {"text": "b"}]}\n')
    with pytest.raises(ValueError, match="s.jsonl line 1: .*output 1 has no gold_rank"):
        screening_tasks(path)
    with pytest.raises(ValueError, match="not a screening flag"):
        screening_task({"prompt": "p", "outputs": [{"text": "a", "gold_rank": 1, "gold_flags": {"pii": "No"}},
                                                   {"text": "b", "gold_rank": 2}]})


def _screened(task: dict, user: int, aid: int, ranks: list[str], flags: dict, demo: str | None) -> dict:
    result = [{"from_name": T.output_control(T.OUTPUT_RANK, i), "to_name": T.output_control(T.OUTPUT_TEXT, i),
               "type": "choices", "value": {"choices": [r]}} for i, r in enumerate(ranks)]
    result += [{"from_name": name, "type": "choices", "value": {"choices": [v]}} for name, v in flags.items()]
    if demo:
        result.append({"from_name": T.SENSITIVE_DEMONSTRATION, "to_name": T.PROMPT, "type": "textarea",
                       "value": {"text": [demo]}})
    return {"id": aid, "completed_by": user, "ground_truth": False, "result": result}


def test_gold_agreement_from_the_file_and_from_an_older_projects_ground_truth_and_mean_scores():
    task = screening_tasks(SAMPLE_DIR / SCREENING_FILE)[3]  # the felony prompt: one reply gives harmful advice
    gold_file = screening_gold(SAMPLE_DIR / SCREENING_FILE)
    gold = gold_file.for_task(task)
    gold_rank = [next(r["value"]["choices"][0] for r in gold["result"]
                      if r["from_name"] == T.output_control(T.OUTPUT_RANK, i)) for i in range(2)]
    gold_flags = {r["from_name"]: r["value"]["choices"][0] for r in gold["result"]
                  if T.output_index(r["from_name"], T.OUTPUT_RANK) is None}
    wrong_flags = {n: (T.NO if v == T.YES else v) for n, v in gold_flags.items()}  # misses the harmful advice
    labelers = [
        _screened(task, 7, 2, gold_rank, gold_flags, "I can't help hide a record; here is how expungement works."),
        _screened(task, 8, 3, list(reversed(gold_rank)), wrong_flags, "Use a VPN."),
        _screened(task, 9, 4, gold_rank, gold_flags, None)]
    exported = {"id": 30, "data": task["data"], "annotations": labelers}
    older = {"id": 30, "data": task["data"], "annotations": [dict(gold, id=1, completed_by=1), *labelers]}
    for stats in (collect_stats([exported], gold=gold_file), collect_stats([older])):
        assert stats["screening"]["7"] == {"tasks": 1, "flag_agreement": 1.0, "flags": 10,
                                           "ranking_agreement": 1.0, "pairs": 1}
        assert stats["screening"]["8"]["flag_agreement"] == 0.9 and stats["screening"]["8"]["ranking_agreement"] == 0.0
        assert set(stats["screening"]) == {"7", "8", "9"}
    assert collect_stats([exported])["screening"] == {}  # no gold anywhere: nothing to compare with

    reviews = list(review_tasks([exported]))
    assert [t["data"][T.REVIEWED_LABELER] for t in reviews] == [7, 8]  # no gold, no empty demonstration
    scored = []
    for n, (review, scores) in enumerate(zip(reviews, ([6, 7], [2]))):
        scored.append({"id": 100 + n, "data": review["data"], "annotations": [
            {"id": 200 + n + j, "completed_by": 1, "result": [
                {"from_name": T.DEMONSTRATION_SCORE, "to_name": T.REVIEWED_TEXT, "type": "rating",
                 "value": {"rating": s}}]} for j, s in enumerate(scores)]})
    stats = collect_stats(scored)
    assert stats["screening_scores"] == {"7": {"demonstrations": 2, "mean_score": 6.5},
                                         "8": {"demonstrations": 1, "mean_score": 2.0}}
    assert "| 7 | 2 | 6.500 |" in stats_markdown(stats)


def test_survey_rows_name_nobody_unless_a_salt_is_asked_for():
    entry = PINNED["survey"]
    task = {"id": 1, "data": entry["data"], "annotations": [
        {"id": 4711, "completed_by": 4242, "created_by": 4242, "updated_by": 4242, "lead_time": 12.5,
         "result": entry["result"]}]}
    (row,) = iter_label_rows([task], T.SURVEY)
    assert row["annotator"] is None and row["annotation_id"] is None
    assert "4242" not in json.dumps(row) and "4711" not in json.dumps(row) and "12.5" not in json.dumps(row)
    assert not {"completed_by", "created_by", "updated_by", "lead_time"} & set(row)
    (joined,) = iter_label_rows([task], T.SURVEY, survey_salt="team-secret")
    assert joined["annotator"] == anonymous_id(4242, "team-secret") != anonymous_id(4242, "other")
    assert label_schema(T.SURVEY).field("annotator").type == "string"
    (other,) = iter_label_rows([dict(task, data=PINNED["toxicity"]["data"],
                                     annotations=[dict(task["annotations"][0], result=PINNED["toxicity"]["result"])])],
                               T.TOXICITY)
    assert other["annotator"] == 4242  # only the survey is anonymous
