"""Concurrent imports into one REAL Label Studio project (the session's ``studio``): nothing duplicated.

Two imports of one 5,000-line file made 9,800 tasks before (both reporting success). Here: two real CLI imports
started together (the project lock serialises them), two pushes without the lock (the repair after the push
deletes the copies), and an external_id reused with another prompt (named, not imported).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from importers.project_guard import keep_one_project
from importers.push import push_tasks
from label_config.render import render_config
from label_config import taxonomy as T
from common.studio import find_project

pytestmark = pytest.mark.studio
ROOT = Path(__file__).resolve().parents[1]
N = 5000


def _ext_ids(ls, project_id):
    return [t.data[T.EXTERNAL_ID] for t in ls.tasks.list(project=project_id, fields="task_only",
                                                          include="id,data", page_size=1000)]


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "five_thousand.jsonl"
    path.write_text("".join(json.dumps({"prompt": f"Prompt number {i}: write a line about the number {i}.",
                                        "user_id": f"u{i % 700}"}) + "\n" for i in range(N)))
    return path


def test_two_concurrent_cli_imports_make_each_task_once(studio, ls, tmp_path):
    src = _file(tmp_path)
    env = {**os.environ, "LABEL_STUDIO_URL": studio.url, "LABEL_STUDIO_API_KEY": studio.token,
           "PYTHONPATH": str(ROOT), "LABELGUIDE_LOCK_DIR": str(tmp_path / "locks")}
    title = "import-concurrent-cli"
    cmd = [sys.executable, "-m", "labelguide", "import", "prompts", str(src), "--project", title, "--pii", "keep",
           "--batch-size", "250", "--json"]
    procs = [subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [p.communicate(timeout=600) for p in procs]
    assert all(p.returncode == 0 for p in procs), [r[1][-2000:] for r in results]
    pushes = [json.loads(out)["push"] for out, _ in results]
    assert sorted(p["imported"] for p in pushes) == [0, N]  # one imported everything, the other nothing
    assert sorted(p["existing"] for p in pushes) == [0, N]
    assert any("waiting" in err for _, err in results)  # the second said it waited for the first
    project = find_project(ls, title)
    ids = _ext_ids(ls, project.id)
    assert len(ids) == N == len(set(ids))
    assert len([p for p in ls.projects.list(title=title) if p.title == title]) == 1


def test_concurrent_pushes_without_the_lock_are_repaired(ls):
    """Two machines (no shared lock): both import everything; each repairs after its push."""
    title = "import-concurrent-repair"
    tasks = [{"data": {T.PROMPT: f"p{i}", T.EXTERNAL_ID: f"ext-{i}"}} for i in range(1200)]
    results, errors = [], []

    def run():
        try:
            results.append(push_tasks(ls, title, T.INSTRUCTION, list(tasks), batch_size=100, progress=False,
                                      lock=False))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    assert not errors, errors
    projects = [p for p in ls.projects.list(title=title) if p.title == title]
    assert len(projects) == 1  # two creations at once keep one project
    ids = _ext_ids(ls, projects[0].id)
    assert sorted(ids) == sorted(t["data"][T.EXTERNAL_ID] for t in tasks)
    # every extra copy was deleted by one of the two repairs (when both repair at once, both may count the same
    # deletion: the bulk delete action confirms nothing per task, so the sum is an upper bound)
    assert sum(r.imported for r in results) - 1200 <= sum(r.duplicates_removed for r in results)
    # a later run finds everything and repairs nothing
    again = push_tasks(ls, title, T.INSTRUCTION, list(tasks), batch_size=100, progress=False)
    assert (again.imported, again.existing, again.duplicates_removed) == (0, 1200, 0)


def test_an_orphan_copy_from_a_retried_create_is_deleted(ls):
    """The SDK retries a create that answered 5xx after its row was saved: a third, ownerless project appears.

    CI saw two projects left after a race; reproduced here, the racing imports made projects 1 and 3 and the
    retry of the create that returned 3 made project 2, which neither owned. Whoever keeps the oldest also
    deletes the newer empty copies; a copy holding tasks is left alone.
    """
    title = "import-orphan-copy"
    cfg = render_config(T.INSTRUCTION)
    kept, _orphan, mine = (ls.projects.create(title=title, label_config=cfg) for _ in range(3))
    with_tasks = ls.projects.create(title=title, label_config=cfg)
    ls.projects.import_tasks(id=with_tasks.id, request=[{"data": {T.PROMPT: "p", T.EXTERNAL_ID: "e"}}])
    assert keep_one_project(ls, title, mine, str).id == kept.id  # the loser deletes itself and the orphan
    left = sorted(p.id for p in ls.projects.list(title=title) if p.title == title)
    assert left == [kept.id, with_tasks.id]
    ls.projects.create(title=title, label_config=cfg)  # one more empty copy, newer than the winner
    assert keep_one_project(ls, title, kept, str).id == kept.id  # the winner deletes it too
    assert sorted(p.id for p in ls.projects.list(title=title) if p.title == title) == [kept.id, with_tasks.id]


def test_annotated_copies_are_kept(ls):
    title = "import-duplicate-annotated"
    task = {"data": {T.PROMPT: "annotated prompt", T.EXTERNAL_ID: "ext-a"}}
    push_tasks(ls, title, T.INSTRUCTION, [task], progress=False)
    project = find_project(ls, title)
    ls.projects.import_tasks(id=project.id, request=[task, task])  # two more copies, as a concurrent import would
    copies = sorted(t.id for t in ls.tasks.list(project=project.id))
    ls.annotations.create(id=copies[2], result=[])
    result = push_tasks(ls, title, T.INSTRUCTION, [task], progress=False)
    assert result.duplicates_removed == 2 and result.duplicates_annotated == 0
    assert [t.id for t in ls.tasks.list(project=project.id)] == [copies[2]]  # the annotated copy is kept


def test_a_skipped_copy_is_kept_and_the_counter_is_not_trusted(ls):
    """A skip is an annotator's answer: Label Studio counts it in ``cancelled_annotations``, not
    ``total_annotations``. And ``total_annotations`` itself was seen stale (0 on a task with an annotation, after
    concurrent project deletions on the server), which deleted an annotated copy. The repair asks for each copy's
    annotations instead of reading the counter."""
    title = "import-duplicate-skipped"
    task = {"data": {T.PROMPT: "skipped prompt", T.EXTERNAL_ID: "ext-s"}}
    push_tasks(ls, title, T.INSTRUCTION, [task], progress=False)
    project = find_project(ls, title)
    ls.projects.import_tasks(id=project.id, request=[task, task])
    copies = sorted(t.id for t in ls.tasks.list(project=project.id))
    ls.annotations.create(id=copies[1], result=[], was_cancelled=True)
    counters = {t.id: t.total_annotations for t in ls.tasks.list(project=project.id, fields="task_only",
                                                                  include="id,total_annotations")}
    assert counters[copies[1]] == 0  # the counter does not show the skip
    result = push_tasks(ls, title, T.INSTRUCTION, [task], progress=False)
    assert (result.duplicates_removed, result.duplicates_annotated) == (2, 0)
    assert [t.id for t in ls.tasks.list(project=project.id)] == [copies[1]]


def test_an_external_id_in_the_project_with_another_prompt_is_not_imported(ls):
    title = "import-id-conflict"
    push_tasks(ls, title, T.INSTRUCTION, [{"data": {T.PROMPT: "original", T.EXTERNAL_ID: "same"}}], progress=False)
    warnings: list[str] = []
    result = push_tasks(ls, title, T.INSTRUCTION, [{"data": {T.PROMPT: "changed", T.EXTERNAL_ID: "same"}}],
                        progress=False, warn=warnings.append)
    assert (result.imported, result.existing, result.conflicts) == (0, 0, 1)
    assert any("another prompt" in w for w in warnings)
    project = find_project(ls, title)
    assert [t.data[T.PROMPT] for t in ls.tasks.list(project=project.id)] == ["original"]
