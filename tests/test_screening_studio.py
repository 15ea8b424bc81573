"""On a real Label Studio 1.23.2: the projects' answers per task (overlap), the gold-answered screening sample,
review tasks made from labelers' screening annotations, and the stats a team lead reads."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from exporters.stats import collect_stats
from label_config import taxonomy as T
from labelguide.cli import main
from labelguide.sample import load_screening_sample
from labelguide.screening import push_review_tasks
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


def test_screening_gold_labelers_review_and_mean_scores(ls, projects, studio):
    pid = projects[T.SCREENING]
    assert load_screening_sample(ls, pid) == (7, 0)
    assert load_screening_sample(ls, pid) == (0, 7)  # idempotent
    tasks = _export(ls, pid)
    assert len(tasks) == 7 and all(a["ground_truth"] for t in tasks for a in t["annotations"])
    task = tasks[0]
    k = len(task["data"][T.OUTPUTS])
    gold = {r["from_name"]: r["value"] for r in task["annotations"][0]["result"]}
    # a labeler's screening answer: the gold flags and ranking, and a demonstration
    mine = [{"from_name": n, "to_name": T.output_control(T.OUTPUT_TEXT, T.output_index(n, n.rsplit("_", 1)[0])),
             "type": "choices", "value": v} for n, v in gold.items()]
    mine.append({"from_name": T.SENSITIVE_DEMONSTRATION, "to_name": T.PROMPT, "type": "textarea",
                 "value": {"text": ["I can't help with that, but here is something safe."]}})
    labeler = ls.users.create(email="labeler@example.com", username="labeler", first_name="L", last_name="B")
    created = ls.annotations.create(id=task["id"], result=mine)
    ls.annotations.update(id=created.id, completed_by=labeler.id)

    stats = collect_stats(_export(ls, pid))
    row = stats["screening"][str(labeler.id)]
    assert row["flag_agreement"] == 1.0 and row["flags"] == 5 * k and row["ranking_agreement"] == 1.0

    env = {"LABEL_STUDIO_URL": studio.url, "LABEL_STUDIO_API_KEY": studio.token}
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
