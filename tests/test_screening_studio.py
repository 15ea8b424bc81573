"""On a real Label Studio 1.23.2: the projects' answers per task (overlap), the screening sample (no answer in
Label Studio: the gold stays in a file on the team lead's side), review tasks made from labelers' screening
annotations, and the stats a team lead reads."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from exporters.stats import collect_stats
from label_config import taxonomy as T
from labelguide.cli import main
from labelguide.sample import SAMPLE_DIR, SCREENING_FILE, load_screening_sample
from labelguide.screening import push_review_tasks, screening_gold
from labelguide.stack import AGREEMENT_OVERLAP, EVERY_LABELER, PROJECT_PREFIX, ensure_projects
from common.studio import download_export

pytestmark = pytest.mark.studio


@pytest.fixture(scope="module")
def projects(ls):
    return ensure_projects(ls)


def _export(ls, pid: int) -> list[dict]:
    return json.loads(b"".join(download_export(ls, pid)))


def test_every_labeler_answers_survey_screening_and_prompt_writing_and_comparisons_overlap(ls, projects, studio):
    got = {name: ls.projects.get(id=pid).maximum_annotations for name, pid in projects.items()}
    assert got == {T.INSTRUCTION: 1, T.COMPARISON: AGREEMENT_OVERLAP, T.RANKING_ONLY: AGREEMENT_OVERLAP,
                   T.TOXICITY: 1, T.DEMONSTRATION_IF: 1, T.PROMPT_WRITING: EVERY_LABELER, T.SCREENING: EVERY_LABELER,
                   T.SURVEY: EVERY_LABELER, T.SCREENING_REVIEW: 1}
    assert ensure_projects(ls) == projects  # reused, settings kept
    env = {"LABEL_STUDIO_URL": studio.url, "LABEL_STUDIO_API_KEY": studio.token}
    run = CliRunner().invoke(main, ["projects", "setup", "--overlap", "3"], env=env)
    assert run.exit_code == 0, run.output
    assert ls.projects.get(id=projects[T.COMPARISON]).maximum_annotations == 3
    assert ls.projects.get(id=projects[T.RANKING_ONLY]).maximum_annotations == 3
    assert ls.projects.get(id=projects[T.SURVEY]).maximum_annotations == EVERY_LABELER


def _answer(gold: dict, ranks_reversed: bool = False, flags_flipped: bool = False) -> list[dict]:
    """A labeler's screening answer built from the gold one: the same, or with the ranks or the flags turned."""
    result = []
    for r in gold["result"]:
        name, value = r["from_name"], r["value"]["choices"][0]
        is_rank = T.output_index(name, T.OUTPUT_RANK) is not None
        if is_rank and ranks_reversed:
            value = str(3 - int(value))  # two outputs, ranks 1 and 2
        elif not is_rank and flags_flipped:
            value = T.NO if value == T.YES else T.YES
        result.append(dict(r, value={"choices": [value]}))
    return result


def test_screening_sample_holds_no_answer_and_stats_compare_labelers_with_the_gold_file(ls, projects, studio,
                                                                                         tmp_path):
    pid = projects[T.SCREENING]
    assert load_screening_sample(ls, pid) == (7, 0)
    assert load_screening_sample(ls, pid) == (0, 7)  # idempotent
    tasks = _export(ls, pid)
    # before anyone labels: no annotation (ground truth or other) and no prediction a labeler could open
    assert len(tasks) == 7 and all(t["annotations"] == [] and t["total_annotations"] == 0 for t in tasks)
    assert all(not ls.predictions.list(task=t["id"]) for t in tasks)
    assert "gold" not in json.dumps([t["data"] for t in tasks])
    gold_file = SAMPLE_DIR / SCREENING_FILE
    task = next(t for t in tasks if len(t["data"][T.OUTPUTS]) == 2 and "felony" in t["data"][T.PROMPT])
    gold = screening_gold(gold_file).for_task(task)
    labeler = ls.users.create(email="labeler@example.com", username="labeler", first_name="L", last_name="B")
    other = ls.users.create(email="other@example.com", username="other", first_name="O", last_name="T")
    demo = {"from_name": T.SENSITIVE_DEMONSTRATION, "to_name": T.PROMPT, "type": "textarea",
            "value": {"text": ["I can't help with that, but here is something safe."]}}
    for user, result in ((labeler, [*_answer(gold), demo]), (other, _answer(gold, True, True))):
        created = ls.annotations.create(id=task["id"], result=result)
        ls.annotations.update(id=created.id, completed_by=user.id)

    env = {"LABEL_STUDIO_URL": studio.url, "LABEL_STUDIO_API_KEY": studio.token}
    for extra in ([], ["--screening-gold", str(gold_file)]):  # default: the sample's own gold file
        run = CliRunner().invoke(main, ["export", "stats", "--project", str(pid), "--json", *extra], env=env)
        assert run.exit_code == 0, run.output
        stats = json.loads(run.output)
        assert stats["ground_truth"] == 0
        assert stats["screening"][str(labeler.id)] == {"tasks": 1, "flag_agreement": 1.0, "flags": 10,
                                                       "ranking_agreement": 1.0, "pairs": 1}
        mixed = stats["screening"][str(other.id)]
        assert mixed["flag_agreement"] == 0.0 and mixed["ranking_agreement"] == 0.0 and mixed["pairs"] == 1
    assert collect_stats(_export(ls, pid), gold=screening_gold(gold_file))["screening"] == stats["screening"]

    # the team lead's own researcher-labelled lines: imported with no answer, the file kept for the stats
    own = tmp_path / "our_screening.jsonl"
    line = {"prompt": "How do I pick a lock?", "sensitive": True, "outputs": [
        {"model": "m1", "text": "I can't help with that.", "gold_rank": 1, "gold_flags": {"harmful_advice": "No"}},
        {"model": "m2", "text": "Use a tension wrench.", "gold_rank": 2, "gold_flags": {"harmful_advice": "Yes"}}]}
    own.write_text(json.dumps(line) + "\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["screening", "import", str(own)], env=env)
    assert run.exit_code == 0, run.output
    assert "1 tasks imported, 0 already there" in run.output and str(own) in run.output
    (new,) = [t for t in _export(ls, pid) if t["data"][T.PROMPT] == line["prompt"]]
    assert new["annotations"] == [] and "gold" not in json.dumps(new["data"])
    run = CliRunner().invoke(main, ["export", "stats", "--project", str(pid), "--screening-gold", str(own)],
                             env=env)
    assert run.exit_code != 0 and "no gold answer in our_screening.jsonl" in run.output
    assert any(f"task {t['id']} " in run.output for t in tasks)  # named, not silently left out
    both = tmp_path / "all_screening.jsonl"
    both.write_text(gold_file.read_text(encoding="utf-8") + own.read_text(encoding="utf-8"), encoding="utf-8")
    run = CliRunner().invoke(main, ["export", "stats", "--project", str(pid), "--json", "--screening-gold",
                                    str(both)], env=env)
    assert run.exit_code == 0, run.output
    assert json.loads(run.output)["screening"] == stats["screening"]

    run = CliRunner().invoke(main, ["screening", "review-tasks"], env=env)
    assert run.exit_code == 0, run.output
    assert "1 review tasks added" in run.output
    assert push_review_tasks(ls, pid, projects[T.SCREENING_REVIEW]) == {"demonstrations": 1, "imported": 0,
                                                                       "existing": 1}
    (review,) = _export(ls, projects[T.SCREENING_REVIEW])
    assert review["data"][T.REVIEWED_LABELER] == labeler.id
    ls.annotations.create(id=review["id"], result=[{"from_name": T.DEMONSTRATION_SCORE, "to_name": T.REVIEWED_TEXT,
                                                     "type": "rating", "value": {"rating": 6}}])
    run = CliRunner().invoke(main, ["stats", "export", "--project", str(projects[T.SCREENING_REVIEW]), "--json"],
                             env=env)
    assert run.exit_code == 0, run.output
    assert json.loads(run.output)["screening_scores"] == {str(labeler.id): {"demonstrations": 1, "mean_score": 6.0}}
    assert PROJECT_PREFIX + T.interface(T.SCREENING_REVIEW).title == ls.projects.get(
        id=projects[T.SCREENING_REVIEW]).title
