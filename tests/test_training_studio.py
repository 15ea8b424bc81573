"""Training through a real Label Studio 1.23.2 and real backends (``labelguide backend serve``, real engines):
annotate as the labeling screen does, press *Start Training* as the UI does (``POST /api/ml/<id>/train``, which
makes Label Studio post ``START_TRAINING`` to ``/webhook``), wait for the new ``model_version``, Retrieve
Predictions, and check that the predictions changed the way the team's labels say; then a restart, two replicas
sharing ``MODEL_DIR``, training every N annotations through Label Studio's webhooks, and the failures Label
Studio shows.
"""

from __future__ import annotations

import json
import re
import threading

import pytest
import requests

from backend_server import BackendServer
from common.studio import connect_ml_backend, retrieve_predictions
from label_config import taxonomy as T
from label_config.render import render_config
from training_helpers import (INSULT_PROBE, SWEAR_PROBE, annotate_as_ui, latest_prediction, level, project_uid,
                              setup_version, span, start_training_as_ui, toxicity_domain, wait_for_training)

pytestmark = [pytest.mark.studio, pytest.mark.slow]

AUTH = ("labelstudio", "training-test-pass")
INSTRUCTION = render_config(T.INSTRUCTION)
TOXICITY = render_config(T.TOXICITY)
KEPT_MARKING = "can zorbo take the on-call shift tomorrow?"     # held out: the team marks "zorbo" (a Name)
KEPT_DELETING = "rename the Marco Polo bucket before Friday"   # held out: the team deletes "Marco Polo"


def _domain_rows() -> tuple[list[dict], list[dict]]:
    from conftest import TEST_DATA

    rows = [json.loads(line) for line in (TEST_DATA / "pii_domain_ops.jsonl").read_text().splitlines()]
    zorbo = [r for r in rows if "zorbo" in r["text"] and "@" not in r["text"]][:6]
    # rows where the default suggests "Marco Polo" (so deleting it teaches something); not "Marco Polo 2.3", which
    # the default already takes for a product with a version number (not_pii.py, issue 13)
    marco = [r for r in rows if "Marco Polo" in r["text"] and not re.search(r"Marco Polo \d", r["text"])][:6]
    return zorbo, marco


def _start(studio, workdir, model_dir, **env) -> BackendServer:
    return BackendServer.start(workdir, env={
        "WORKERS": "1", "MODEL_DIR": str(model_dir), "LABEL_STUDIO_URL": studio.url,
        "LABEL_STUDIO_API_KEY": studio.token, "BASIC_AUTH_USER": AUTH[0], "BASIC_AUTH_PASS": AUTH[1], **env})


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def servers(studio, tmp_path_factory, model_dir):
    """``{"a": backend}``; the restart test replaces "a", the replica test adds "b". All stopped at the end."""
    started = {"a": _start(studio, tmp_path_factory.mktemp("backend-a"), model_dir)}
    everything = [started["a"]]
    started["_all"] = everything
    yield started
    for server in everything:
        server.stop()


def _pii_project(ls, studio, backend_url: str, title: str, held_out: list[str]):
    """A project of the ops-chat domain: 12 tasks the team annotates, ``held_out`` it does not; predicted once."""
    zorbo, marco = _domain_rows()
    project = ls.projects.create(title=title, label_config=INSTRUCTION)
    rows = zorbo + marco
    ids = list(ls.projects.import_tasks(id=project.id, request=[{T.PROMPT: r["text"]} for r in rows] +
                                        [{T.PROMPT: t} for t in held_out], return_task_ids=True).task_ids)
    ml = connect_ml_backend(ls, project.id, backend_url, basic_auth=AUTH)
    retrieve_predictions(studio.url, studio.token, project.id)
    return project, ml, rows, ids[:len(rows)], dict(zip(held_out, ids[len(rows):]))


def _annotate_gold(ls, rows, task_ids) -> None:
    """The team's annotation of each task, made from its prediction: gold spans kept or added, the rest deleted."""
    for row, task_id in zip(rows, task_ids):
        text = row["text"]
        suggested = {r["value"]["text"] for r in latest_prediction(ls, task_id).result if r["type"] == "labels"}
        result = [span(text, s["start"], s["end"], s["label"]) for s in row["spans"]]
        result.append(choice(T.PII, T.YES if row["has_pii"] else T.NO))
        if row["has_pii"]:  # a colleague's nickname: PII, not certain (the guideline's "unsure -> certain no")
            result.append(choice(T.PII_CERTAIN, T.YES if row["certain"] else T.NO))
        annotate_as_ui(ls, task_id, result)
        if "Marco Polo" in text:
            assert "Marco Polo" in suggested  # the default suggested it: the annotator deletes it
            assert all(r["value"].get("text") != "Marco Polo" for r in result)


def choice(name: str, value: str) -> dict:
    return {"from_name": name, "to_name": T.PROMPT, "type": "choices", "value": {"choices": [value]}}


def _spans_of(prediction) -> dict[str, str]:
    return {r["value"]["text"]: r["value"]["labels"][0] for r in prediction.result if r["type"] == "labels"}


def test_start_training_learns_the_terms_the_team_marks_and_deletes(studio, ls, servers):
    a = servers["a"]
    base = requests.get(f"{a.url}/health", timeout=5).json()["model_version"]
    project, ml, rows, train_ids, held = _pii_project(ls, studio, a.url, "training: ops chat",
                                                      [KEPT_MARKING, KEPT_DELETING])
    other, _, _, _, other_held = _pii_project(ls, studio, a.url, "training: another project", [KEPT_DELETING])
    before = {t: latest_prediction(ls, i) for t, i in held.items()}
    assert before[KEPT_MARKING].model_version == base and "zorbo" not in _spans_of(before[KEPT_MARKING])
    assert _spans_of(before[KEPT_DELETING]).get("Marco Polo") == "Name"

    _annotate_gold(ls, rows, train_ids)
    r = start_training_as_ui(studio, ml.id)
    assert r.status_code == 200, r.text
    status = wait_for_training(a.url, project.id, AUTH)
    assert status["job_status"] == "finished", status
    assert status["learned"] == ["pii_terms"] and status["report"]["pii_terms"]["always"] >= 1
    version = setup_version(a.url, project_uid(project), AUTH)
    assert version != base and version.startswith(base + "|project-") and version == status["model_version"]

    retrieve_predictions(studio.url, studio.token, project.id)
    after = {t: latest_prediction(ls, i) for t, i in held.items()}
    assert all(p.model_version == version for p in after.values())
    assert _spans_of(after[KEPT_MARKING]).get("zorbo") == "Name"     # a term the team kept marking: suggested
    assert "Marco Polo" not in _spans_of(after[KEPT_DELETING])       # a term it kept deleting: no longer
    answers = {r["from_name"]: r["value"] for r in after[KEPT_MARKING].result}
    assert answers[T.PII] == {"choices": [T.YES]}
    assert answers[T.PII_CERTAIN] == {"choices": [T.NO]}  # the team answers "not certain" when zorbo is the PII
    assert status["report"]["pii_terms"]["not_certain"] >= 1

    # another project on the same backend is unaffected: its version and its suggestion stay the default's
    assert setup_version(a.url, project_uid(other), AUTH) == base
    retrieve_predictions(studio.url, studio.token, other.id)
    kept = latest_prediction(ls, other_held[KEPT_DELETING])
    assert kept.model_version == base and _spans_of(kept).get("Marco Polo") == "Name"
    # the model directory holds complete versions only, and the log none of the team's terms
    assert [p.name for p in (servers["a"].log_path.parent.parent).glob("**/.tmp-*")] == []
    assert "zorbo" not in a.log() and "Marco Polo" not in a.log()


INTERACTIVE_PROBE = "ask whether zorbo may rename Marco Polo; the Marco Polo bucket is old"


def _interactive_as_ui(studio, ml_id: int, task_id: int, text: str, marked: str) -> list[dict]:
    """What the labeling screen sends when the annotator finishes a region (``/api/ml/<id>/interactive-annotating``,
    Label Studio's own route to the backend's ``/predict`` with ``params.context``); the suggested regions."""
    start = text.index(marked)
    region = {"id": "r1", "from_name": T.PII_SPANS, "to_name": T.PROMPT, "type": "labels", "origin": "manual",
              "value": {"start": start, "end": start + len(marked), "text": marked, "labels": ["Name"]}}
    r = requests.post(f"{studio.url}/api/ml/{ml_id}/interactive-annotating", timeout=60,
                      headers={"Authorization": f"Token {studio.token}"},
                      json={"task": task_id, "context": {"result": [region]}})
    assert r.status_code == 200 and "errors" not in r.json(), r.text
    return [x for x in r.json()["data"]["result"] if x["type"] == "labels"]


def test_interactive_suggestions_use_the_projects_learned_terms(studio, ls, servers):
    a = servers["a"]
    project, ml, rows, train_ids, held = _pii_project(ls, studio, a.url, "training: interactive",
                                                      [INTERACTIVE_PROBE])
    requests.patch(f"{studio.url}/api/ml/{ml.id}", headers={"Authorization": f"Token {studio.token}"}, timeout=30,
                   json={"url": a.url, "project": project.id, "is_interactive": True, "auth_method": "BASIC_AUTH",
                         "basic_auth_user": AUTH[0], "basic_auth_pass": AUTH[1]}).raise_for_status()
    probe = held[INTERACTIVE_PROBE]
    # the annotator marks the first "Marco Polo": the defaults suggest its other occurrence, nothing else
    before = _interactive_as_ui(studio, ml.id, probe, INTERACTIVE_PROBE, "Marco Polo")
    assert [x["value"]["text"] for x in before] == ["Marco Polo"]

    _annotate_gold(ls, rows, train_ids)
    assert start_training_as_ui(studio, ml.id).status_code == 200
    status = wait_for_training(a.url, project.id, AUTH)
    assert status["job_status"] == "finished", status
    after = _interactive_as_ui(studio, ml.id, probe, INTERACTIVE_PROBE, "Marco Polo")
    # a term the team keeps marking is suggested with its label; the one it keeps deleting never is
    assert {x["value"]["text"]: x["value"]["labels"][0] for x in after} == {"zorbo": "Name"}
    assert "zorbo" not in a.log() and "Marco Polo" not in a.log()


def test_start_training_refits_the_toxicity_head(studio, ls, servers):
    a = servers["a"]
    project = ls.projects.create(title="training: game studio chat", label_config=TOXICITY)
    domain = toxicity_domain(30)
    probe = {T.PROMPT: SWEAR_PROBE, T.CONTINUATION: INSULT_PROBE}
    ids = list(ls.projects.import_tasks(id=project.id, request=[d for d, _ in domain] + [probe],
                                        return_task_ids=True).task_ids)
    ml = connect_ml_backend(ls, project.id, a.url, basic_auth=AUTH)
    retrieve_predictions(studio.url, studio.token, project.id)

    def levels(prediction) -> tuple[int, int]:
        got = {r["from_name"]: int(r["value"]["choices"][0]) for r in prediction.result}
        return got[T.TOXICITY_INPUT], got[T.TOXICITY_OUTPUT]

    before = levels(latest_prediction(ls, ids[-1]))
    assert before[0] >= 1 and before[1] <= 1  # the default: swearing about work toxic, the gamer insult not clearly
    for (data, (lin, lout)), task_id in zip(domain, ids):
        annotate_as_ui(ls, task_id, [level(T.TOXICITY_INPUT, T.PROMPT, lin),
                                     level(T.TOXICITY_OUTPUT, T.CONTINUATION, lout)])
    assert start_training_as_ui(studio, ml.id).status_code == 200
    status = wait_for_training(a.url, project.id, AUTH)
    assert status["job_status"] == "finished" and status["learned"] == ["toxicity_head"], status
    head = status["report"]["toxicity_head"]
    assert head["texts"] == 60 and head["f1_refit_out_of_fold"] >= head["f1_default"]
    # the line between levels 1 and 2 is kept or learned from the team's answers (this team never answers 1),
    # and stored with the head: the report counts the answers it rests on
    answered = [lv for _, pair in domain for lv in pair]
    split = head["level_split"]
    assert (split["level1"], split["level2"]) == (0, answered.count(2)) and isinstance(split["learned"], bool)
    assert "line between levels 1 and 2" in status["message"]

    retrieve_predictions(studio.url, studio.token, project.id)
    prediction = latest_prediction(ls, ids[-1])
    assert prediction.model_version == status["model_version"]
    after = levels(prediction)
    assert after[0] < before[0] and after[1] > before[1], (before, after)


def test_too_few_labels_answers_why(studio, ls, servers):
    a = servers["a"]
    project = ls.projects.create(title="training: too few", label_config=TOXICITY)
    ids = list(ls.projects.import_tasks(id=project.id, request=[d for d, _ in toxicity_domain(3)],
                                        return_task_ids=True).task_ids)
    ml = connect_ml_backend(ls, project.id, a.url, basic_auth=AUTH)
    annotate_as_ui(ls, ids[0], [level(T.TOXICITY_INPUT, T.PROMPT, 0), level(T.TOXICITY_OUTPUT, T.CONTINUATION, 2)])
    assert start_training_as_ui(studio, ml.id).status_code == 200  # Label Studio's own answer
    # Label Studio stores the backend's error on the model (state ER), but every read of the model re-runs its
    # health check and clears it, so the reason is checked where it is kept: the backend's job status and answer
    status = wait_for_training(a.url, project.id, AUTH, timeout=120)
    assert status["job_status"] == "failed" and "too few labels" in status["message"], status
    assert "a refit needs at least 20" in status["message"] and "Traceback" not in status["message"]
    r = requests.post(f"{a.url}/webhook", auth=AUTH, timeout=120, json={
        "action": "START_TRAINING", "project": {"id": project.id, "created_at": project.created_at.isoformat()}})
    assert r.status_code == 422 and "too few labels" in r.json()["error"] and "too few labels" in r.reason
    base = requests.get(f"{a.url}/health", timeout=5).json()["model_version"]
    assert setup_version(a.url, project_uid(project), AUTH) == base


@pytest.mark.parametrize("case", ["wrong key", "unreachable"])
def test_a_failing_fetch_answers_clearly(studio, ls, tmp_path, case):
    """The backend in this process (fake engines: the fetch fails before any model is used), real Label Studio."""
    from backend_fakes import fake_predictor
    from common.studio_server import free_port
    from ml_backend.app import create_app
    from ml_backend.settings import Settings

    project = ls.projects.create(title=f"training: {case}", label_config=INSTRUCTION)
    url = studio.url if case == "wrong key" else f"http://127.0.0.1:{free_port()}"
    app = create_app(Settings(label_studio_url=url, label_studio_api_key="f" * 40, model_dir=str(tmp_path)),
                     predictor=fake_predictor())
    r = app.test_client().post("/webhook", json={"action": "START_TRAINING", "project": {"id": project.id}})
    assert r.status_code == 424, r.get_json()
    error = r.get_json()["error"]
    expected = "refused LABEL_STUDIO_API_KEY (HTTP 401)" if case == "wrong key" else "could not reach Label Studio"
    assert expected in error and expected in r.status and "f" * 40 not in error


def test_trained_models_survive_a_restart(studio, ls, servers, model_dir, tmp_path_factory):
    a = servers["a"]
    project, ml, rows, train_ids, held = _pii_project(ls, studio, a.url, "training: restart", [KEPT_MARKING])
    _annotate_gold(ls, rows, train_ids)
    start_training_as_ui(studio, ml.id)
    assert wait_for_training(a.url, project.id, AUTH)["job_status"] == "finished"
    version = setup_version(a.url, project_uid(project), AUTH)
    retrieve_predictions(studio.url, studio.token, project.id)
    stored = len(ls.predictions.list(project=project.id))

    a.stop()
    restarted = _start(studio, tmp_path_factory.mktemp("backend-a2"), model_dir)
    servers["a"] = restarted
    servers["_all"].append(restarted)
    assert setup_version(restarted.url, project_uid(project), AUTH) == version
    ml = ls.ml.get(id=ml.id)
    requests.patch(f"{studio.url}/api/ml/{ml.id}", headers={"Authorization": f"Token {studio.token}"}, timeout=30,
                   json={"url": restarted.url, "project": project.id, "auth_method": "BASIC_AUTH",
                         "basic_auth_user": AUTH[0], "basic_auth_pass": AUTH[1]}).raise_for_status()
    retrieve_predictions(studio.url, studio.token, project.id)
    assert len(ls.predictions.list(project=project.id)) == stored  # every task holds the current version already
    r = requests.post(f"{restarted.url}/predict", auth=AUTH, timeout=60, json={
        "tasks": [{"id": 1, "data": {T.PROMPT: KEPT_MARKING}}], "label_config": INSTRUCTION,
        "project": project_uid(project)})
    (prediction,) = r.json()["results"]
    assert prediction["model_version"] == version
    assert "zorbo" in [x["value"]["text"] for x in prediction["result"] if x["type"] == "labels"]


def test_two_replicas_share_the_model_dir(studio, ls, servers, model_dir, tmp_path_factory):
    a = servers["a"]
    b = _start(studio, tmp_path_factory.mktemp("backend-b"), model_dir, TRAIN_EVERY="3")
    servers["b"] = b
    servers["_all"].append(b)
    project, ml, rows, train_ids, held = _pii_project(ls, studio, a.url, "training: replicas", [KEPT_DELETING])
    _annotate_gold(ls, rows, train_ids)

    # Start Training reaching both replicas at once (as behind a proxy): one version, never two trainings at once
    event = {"action": "START_TRAINING", "project": {"id": project.id, "created_at": project.created_at.isoformat()}}
    answers = {}
    threads = [threading.Thread(target=lambda n, u: answers.__setitem__(n, requests.post(
        f"{u}/webhook", json=event, auth=AUTH, timeout=120)), args=(n, s.url)) for n, s in (("a", a), ("b", b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    states = sorted(r.json()["status"] for r in answers.values())
    assert all(r.status_code == 200 for r in answers.values()) and states in (
        ["finished", "running"], ["finished", "finished"], ["running", "started"], ["finished", "started"]), states
    wait_for_training(a.url, project.id, AUTH)
    versions = [p.name for p in (model_dir / f"project-{project.id}").iterdir() if p.name.startswith("v")]
    assert len(versions) == 1, versions  # a second training of the same labels publishes nothing new

    uid = project_uid(project)
    version = setup_version(a.url, uid, AUTH)
    assert setup_version(b.url, uid, AUTH) == version and version.endswith(versions[0])
    requests.patch(f"{studio.url}/api/ml/{ml.id}", headers={"Authorization": f"Token {studio.token}"}, timeout=30,
                   json={"url": b.url, "project": project.id, "auth_method": "BASIC_AUTH",
                         "basic_auth_user": AUTH[0], "basic_auth_pass": AUTH[1]}).raise_for_status()
    retrieve_predictions(studio.url, studio.token, project.id)
    prediction = latest_prediction(ls, held[KEPT_DELETING])
    assert prediction.model_version == version and "Marco Polo" not in _spans_of(prediction)
    assert f"predict project {uid}: tasks=" in b.log()


def test_training_every_n_annotations_through_label_studio_webhooks(studio, ls, servers):
    """TRAIN_EVERY=3 on replica b, connected by ``labelguide projects setup`` with BASIC_AUTH_USER/PASS set: the
    project webhook Label Studio creates gets the backend's basic-auth header, so 3 annotations start a training
    with nothing set by hand."""
    from click.testing import CliRunner

    from labelguide.cli import main

    b = servers.get("b")
    if b is None:
        pytest.skip("needs the replica started by test_two_replicas_share_the_model_dir")
    env = {"LABEL_STUDIO_URL": studio.url, "LABEL_STUDIO_API_KEY": studio.token, "BASIC_AUTH_USER": AUTH[0],
           "BASIC_AUTH_PASS": AUTH[1], "LABEL_STUDIO_USERNAME": "", "LABEL_STUDIO_PASSWORD": ""}
    headers = {"Authorization": f"Token {studio.token}"}
    run = CliRunner().invoke(main, ["projects", "setup", "--ml-backend", b.url], env=env)
    try:
        assert run.exit_code == 0, run.output
        assert AUTH[1] not in run.output and "Basic " not in run.output  # the secret is never printed
        pid = {line.split()[2]: int(line.split()[1]) for line in run.output.splitlines()
               if line.startswith("project ")}[T.INSTRUCTION]
        hooks = requests.get(f"{studio.url}/api/webhooks", params={"project": pid}, headers=headers,
                             timeout=10).json()
        (hook,) = [h for h in hooks if h["url"].rstrip("/") == b.url + "/webhook"]
        assert hook["headers"]["Authorization"].startswith("Basic ") and hook["send_payload"]
        # a second run changes nothing (the header is already there, no second webhook)
        assert CliRunner().invoke(main, ["projects", "setup", "--ml-backend", b.url], env=env).exit_code == 0
        again = requests.get(f"{studio.url}/api/webhooks", params={"project": pid}, headers=headers, timeout=10)
        assert [h["id"] for h in again.json() if h["url"].rstrip("/") == b.url + "/webhook"] == [hook["id"]]

        zorbo, _ = _domain_rows()
        ids = list(ls.projects.import_tasks(id=pid, request=[{T.PROMPT: r["text"]} for r in zorbo[:3]],
                                            return_task_ids=True).task_ids)
        project = ls.projects.get(id=pid)
        base = setup_version(b.url, project_uid(project), AUTH)
        last = requests.post(f"{b.url}/job_status", json={"project": pid}, auth=AUTH, timeout=10)
        after = last.json().get("job") if last.status_code == 200 else None
        for row, task_id in zip(zorbo[:3], ids):
            annotate_as_ui(ls, task_id, [span(row["text"], s["start"], s["end"], s["label"]) for s in row["spans"]])
        status = wait_for_training(b.url, pid, AUTH, timeout=120, after=after)
        assert status["job_status"] == "finished" and "pii_terms" in status["learned"], status
        assert setup_version(b.url, project_uid(project), AUTH) != base
        assert AUTH[1] not in b.log() and hook["headers"]["Authorization"] not in b.log()
    finally:  # leave the session's guideline projects as they were: no connection to a backend that stops
        for pid in {int(line.split()[1]) for line in run.output.splitlines() if line.startswith("project ")}:
            for ml in ls.ml.list(project=pid):
                if (ml.url or "").rstrip("/") == b.url:
                    ls.ml.delete(id=ml.id)
            for h in ls.webhooks.list(project=str(pid)):
                if (h.url or "").rstrip("/") == b.url + "/webhook":
                    ls.webhooks.delete(id=h.id)
