"""The whole loop, as a user runs it, on both topologies the README describes.

1. The local stack (SQLite): `labelguide up` (Label Studio + ML backend + sample + pre-annotations), an annotator
   in a real browser, then `labelguide export pairs --project ID`. `labelguide up` runs as a subprocess in a
   temporary LABELGUIDE_HOME on free ports, and `labelguide down` stops it.
2. The compose topology without Docker: Label Studio on PostgreSQL (fixtures ``postgres`` and ``studio_pg``),
   compose's ``ml-backend`` (``labelguide backend serve``, WORKERS=2) and its ``setup`` job run with the
   command and environment compose gives them (from ``.env.example``); then import -> Retrieve Predictions ->
   browser annotation -> export pairs.

Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from label_config import taxonomy as T
from labelguide.cli import main
from common.backend_server import start_backend
from common.studio import connect, retrieve_predictions
from common.studio_server import free_port

from browser import choice, line, open_task, output_block, question, stars, submit, warning_text
from compose import load_compose, service_environment
from exposure import command_lines, django_chmodded, exposed_paths

pytestmark = [pytest.mark.studio, pytest.mark.browser, pytest.mark.slow]

PII_PROMPT_START = "Write a haiku for my friend Tom Becker"


def _labelguide(*args: str, home: Path, timeout: float = 900) -> subprocess.CompletedProcess:
    env = dict(os.environ, LABELGUIDE_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "labelguide", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    home = tmp_path_factory.mktemp("stack")
    port, backend_port = free_port(), free_port()
    up = _labelguide("up", "--port", str(port), "--backend-port", str(backend_port), home=home)
    try:
        assert up.returncode == 0, up.stdout[-3000:] + up.stderr[-3000:]
        creds = json.loads((home / "credentials.json").read_text())
        yield {"home": home, "url": f"http://127.0.0.1:{port}", "out": up.stdout, **creds}
    finally:
        _labelguide("down", home=home, timeout=120)


def _project(ls, interface: str):
    title = "labelguide: " + T.interface(interface).title
    return next(p for p in ls.projects.list(title=title) if p.title == title)


def test_up_prints_the_login_and_reuses_what_exists(stack):
    out = stack["out"]
    assert stack["url"] in out and stack["email"] in out and stack["password"] in out
    assert "ML backend:" in out and "pre-annotations retrieved" in out
    again = _labelguide("up", "--port", stack["url"].rsplit(":", 1)[1], "--backend-port",
                        str(json.loads((stack["home"] / "state.json").read_text())["backend"]["port"]),
                        home=stack["home"])
    assert again.returncode == 0, again.stderr[-2000:]
    assert "already running" in again.stdout
    assert "0 tasks imported" in again.stdout and " 6 already there" in again.stdout
    assert "0 tasks imported, 7 already there (gold answers kept out of Label Studio, in " in again.stdout
    logs = sorted(p.name for p in (stack["home"] / "logs").iterdir())
    assert logs == ["label-studio.log", "ml-backend.log"]


def test_sample_covers_the_guideline_and_gets_pre_annotations(stack):
    ls = connect(stack["url"], stack["token"])
    instruction = _project(ls, T.INSTRUCTION)
    tasks = list(ls.tasks.list(project=instruction.id, fields="all"))
    assert len(tasks) == 30 and {t.data[T.CATEGORY] for t in tasks} == set(T.CATEGORIES)
    with_pii = [t for t in tasks if "Emily Carter" in t.data[T.PROMPT]]
    (task,) = with_pii
    (prediction,) = ls.predictions.list(task=task.id)
    by_name = {r["from_name"]: r for r in prediction.result}
    assert by_name[T.PII]["value"]["choices"] == [T.YES]
    spans = [r["value"] for r in prediction.result if r["from_name"] == T.PII_SPANS]
    assert any(s["text"] == "Emily Carter" and s["labels"] == ["Name"] for s in spans)
    for s in spans:
        assert task.data[T.PROMPT][s["start"]:s["end"]] == s["text"]

    comparison = _project(ls, T.COMPARISON)
    ks = sorted(len(t.data[T.OUTPUTS]) for t in ls.tasks.list(project=comparison.id, fields="all"))
    assert ks == [4, 5, 6, 7, 8, 9]
    screening = _project(ls, T.SCREENING)
    screening_tasks = list(ls.tasks.list(project=screening.id, fields="all"))
    assert len(screening_tasks) == 7 and not [a for t in screening_tasks for a in t.annotations]  # gold in a file
    toxicity = _project(ls, T.TOXICITY)
    tox_tasks = list(ls.tasks.list(project=toxicity.id))
    assert tox_tasks and all(ls.predictions.list(task=t.id) for t in tox_tasks)


def annotate_in_the_browser_then_export_pairs(chromium, url: str, email: str, password: str, token: str, project,
                                              task, artifacts: Path, tmp_path: Path, shots: str) -> None:
    """An annotator rates every output and ranks them with one tie in Chromium, submits; then
    `labelguide export pairs --project ID` must give exactly the C(K,2) - 1 pairs of that ranking."""
    ls = connect(url, token)
    outputs = task.data[T.OUTPUTS]
    ids = [o[T.OUTPUT_ID] for o in outputs]
    k = len(ids)
    # one tie: the first two outputs share rank 1, every other output gets a rank of its own
    ranking = {ids[0]: 1, ids[1]: 1, **{oid: r for oid, r in zip(ids[2:], range(2, k + 1))}}

    with chromium.page(url, email, password) as (page, errors):
        open_task(page, url, project.id, task.id, ".lg-output", settle_ms=1500)
        page.screenshot(path=str(artifacts / f"{shots}_comparison_prefilled.png"))
        pii_yes = page.locator(".ant-radio-wrapper-checked", has_text=T.YES).first
        assert pii_yes.is_visible(), "the PII suggestion should be pre-filled"
        assert page.get_by_text("Tom Becker").count() >= 1
        for name in (T.PII_PUBLIC_ONLY, T.PII_SENSITIVE_CONTEXT, T.PII_CERTAIN):  # asked when PII = Yes
            scope = question(page, T.ITEMS[name].question)
            if not scope.locator(".ant-radio-wrapper-checked").count():  # what the suggestion left open
                choice(scope, T.YES if name == T.PII_CERTAIN else T.NO).click()
        for idx, oid in enumerate(ids):
            block = output_block(page, idx)
            stars(line(block, T.ITEMS[T.LIKERT].label), 7 - min(idx, 6)).click()
            choice(line(block, T.RANK_ITEM.label), str(ranking[oid])).click()
        page.screenshot(path=str(artifacts / f"{shots}_comparison_ranked.png"))
        submit(page, wait_ms=2000)
        assert warning_text(page) == "" and errors == []
    assert len(ls.annotations.list(id=task.id)) == 1

    out = tmp_path / "pairs.jsonl"
    env = {"LABEL_STUDIO_URL": url, "LABEL_STUDIO_API_KEY": token}
    result = CliRunner().invoke(main, ["export", "pairs", "--project", str(project.id), "--output", str(out)],
                                env=env)
    assert result.exit_code == 0, result.output
    pairs = [json.loads(line) for line in out.read_text().splitlines()]
    body = {o[T.OUTPUT_ID]: o[T.OUTPUT_BODY] for o in outputs}
    expected = {(body[a], body[b]) for a, b in itertools.permutations(ids, 2) if ranking[a] < ranking[b]}
    assert len(expected) == k * (k - 1) // 2 - 1
    assert {(p["chosen"], p["rejected"]) for p in pairs} == expected
    assert len(pairs) == len(expected)
    assert all(p["prompt"] == task.data[T.PROMPT] and p["task_id"] == task.id for p in pairs)


def pii_comparison_task(ls, project):
    return next(t for t in ls.tasks.list(project=project.id, fields="all")
                if t.data[T.PROMPT].startswith(PII_PROMPT_START))


def test_annotate_in_the_browser_then_export_pairs(stack, chromium, artifacts, tmp_path):
    ls = connect(stack["url"], stack["token"])
    project = _project(ls, T.COMPARISON)
    annotate_in_the_browser_then_export_pairs(chromium, stack["url"], stack["email"], stack["password"], stack["token"],
                                              project, pii_comparison_task(ls, project), artifacts, tmp_path,
                                              shots="e2e")


def test_start_training_in_the_stack_reads_label_studio(stack):
    """`labelguide up` gives its backend Label Studio's URL and key (by environment): Start Training on a project
    with no labels yet asks Label Studio for them and answers that there are none yet (422), not "set
    LABEL_STUDIO_URL" (424)."""
    import requests

    ls = connect(stack["url"], stack["token"])
    project = _project(ls, T.TOXICITY)
    backend_port = json.loads((stack["home"] / "state.json").read_text())["backend"]["port"]
    r = requests.post(f"http://127.0.0.1:{backend_port}/webhook", timeout=300, json={
        "action": "START_TRAINING", "project": {"id": project.id}})
    assert r.status_code == 422 and "no submitted annotation yet" in r.json()["error"], r.text
    assert stack["token"] not in r.text


def test_up_keeps_secrets_out_of_ps_and_its_files_private(stack):
    state = json.loads((stack["home"] / "state.json").read_text())
    for name in ("studio", "backend"):
        for command in command_lines(state[name]["pid"]):
            assert stack["password"] not in command and stack["token"] not in command
    home = stack["home"]
    # credentials, state, logs, Label Studio's database and uploads: nothing another local user can open
    assert exposed_paths(home) == []
    # every folder and file is private from creation but what Django chmods itself (uploads, export snapshots)
    assert django_chmodded(home) == []


# ------------------------------------------------------------------------ the compose topology, on PostgreSQL
SAMPLE = Path(__file__).resolve().parents[1] / "labelguide" / "data" / "sample"
# where compose's services reach each other; here every service listens on loopback instead
COMPOSE_STUDIO_URL, COMPOSE_BACKEND_URL = "http://label-studio:8080", "http://ml-backend:9090"


def _compose_process_env(service_env: dict[str, str]) -> dict[str, str]:
    """This process's environment without any Label Studio or backend setting, plus the service's."""
    own = {k: v for k, v in os.environ.items()
           if not k.startswith(("LABEL_STUDIO_", "BASIC_AUTH_", "POSTGRE", "DJANGO_DB"))}
    return {**own, **service_env}


@pytest.fixture(scope="module")
def compose_stack(studio_pg, postgres, compose_env, tmp_path_factory):
    """compose's ``ml-backend`` (``labelguide backend serve``; ``WORKERS`` empty by default: one engine per core,
    here 2, the CI machine's cores) and its one-shot ``setup`` job, run with the environment compose gives them,
    against Label Studio on PostgreSQL."""
    compose = load_compose()
    backend_env = service_environment(compose, "ml-backend", compose_env)
    assert backend_env["WORKERS"] == ""
    backend_env["WORKERS"] = "2"
    assert backend_env["LABEL_STUDIO_URL"] == COMPOSE_STUDIO_URL and backend_env["MODEL_DIR"] == "/models"
    backend_env["LABEL_STUDIO_URL"] = studio_pg.url
    backend_env["MODEL_DIR"] = str(tmp_path_factory.mktemp("models"))  # compose's volume
    backend = start_backend(free_port(), tmp_path_factory.mktemp("backend-pg") / "ml-backend.log",
                            env=_compose_process_env(backend_env))
    try:
        backend.wait_ready()
        assert len(backend.engine_pids()) == 2
        setup_env = service_environment(compose, "setup", compose_env)
        assert setup_env["LABEL_STUDIO_URL"] == COMPOSE_STUDIO_URL
        setup_env["LABEL_STUDIO_URL"] = studio_pg.url
        command = compose["services"]["setup"]["command"]
        assert command[0] == ".venv/bin/labelguide"
        argv = [sys.executable, "-m", "labelguide",
                *[backend.url if arg == COMPOSE_BACKEND_URL else arg for arg in command[1:]]]
        setup = subprocess.run(argv, env=_compose_process_env(setup_env), capture_output=True, text=True,
                               timeout=600)
        yield {"studio": studio_pg, "backend": backend, "setup": setup, "postgres": postgres}
    finally:
        backend.stop()


def test_compose_setup_job_creates_the_projects_on_postgres(compose_stack):
    setup, studio = compose_stack["setup"], compose_stack["studio"]
    assert setup.returncode == 0, setup.stdout[-2000:] + setup.stderr[-2000:]
    assert setup.stdout.count("project ") == len(T.INTERFACES)
    ls = connect(studio.url, studio.token)
    for name, iface in T.INTERFACES.items():
        project = _project(ls, name)
        assert [m.url for m in ls.ml.list(project=project.id)] == [compose_stack["backend"].url]
    # the projects live in PostgreSQL, and Label Studio made no SQLite database
    count = compose_stack["postgres"].psql("SELECT count(*) FROM project;", database="labelstudio")
    assert int(count) == len(T.INTERFACES)
    assert not (studio.data_dir / "label_studio.sqlite3").exists()


def test_compose_loop_import_predict_annotate_export(compose_stack, chromium, artifacts, tmp_path):
    studio = compose_stack["studio"]
    ls = connect(studio.url, studio.token)
    project = _project(ls, T.COMPARISON)
    env = {"LABEL_STUDIO_URL": studio.url, "LABEL_STUDIO_API_KEY": studio.token}
    imported = CliRunner().invoke(main, ["import", "prompts", str(SAMPLE / "comparisons.jsonl"), "--project",
                                         project.title, "--interface", T.COMPARISON, "--pii", "keep"], env=env)
    assert imported.exit_code == 0, imported.output
    tasks = list(ls.tasks.list(project=project.id, fields="all"))
    assert sorted(len(t.data[T.OUTPUTS]) for t in tasks) == [4, 5, 6, 7, 8, 9]
    retrieve_predictions(studio.url, studio.token, project.id)  # the Data Manager's "Retrieve Predictions"
    predictions = list(ls.predictions.list(project=project.id))
    assert {p.task for p in predictions} == {t.id for t in tasks}
    annotate_in_the_browser_then_export_pairs(chromium, studio.url, studio.email, studio.password, studio.token, project,
                                              pii_comparison_task(ls, project), artifacts, tmp_path,
                                              shots="e2e_postgres")
