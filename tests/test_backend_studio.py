"""The ML backend as a real server (``labelguide backend serve``: gunicorn, real engines) and wired into a real
Label Studio 1.23.2: connected through ``POST /api/ml`` with basic auth, predictions retrieved by Label Studio
itself and read back from its database.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from label_config import taxonomy as T
from label_config.render import render_config
from common.studio import connect_ml_backend, get_or_create_project, retrieve_predictions
from common.studio_server import free_port

AUTH = ("labelstudio", "backend-test-pass")

# Prompts whose PII comes from Presidio's pattern recognizers (e-mail, SSN, card, IP: deterministic) or is absent.
# The emoji put the spans after astral code points: Label Studio stores code-point offsets, as Python slices do.
PII_PROMPTS = {
    "Please e-mail Jane Doe at jane.doe@gmail.com about the invoice.": "jane.doe@gmail.com",
    "My SSN is 536-22-8726, can you check my tax file?": "536-22-8726",
    "😀🎉 Reply to bob.smith@example.org by Friday, my card is 4111 1111 1111 1111.": "4111 1111 1111 1111",
    "My IP is 192.168.10.24, why is the router slow?": "192.168.10.24",
}
CLEAN_PROMPTS = ["What is the capital of France?", "Write a poem about autumn leaves."]


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    """``labelguide backend serve`` on a free loopback port, with basic auth; yields (url, log path)."""
    port = free_port()
    log_path = Path(tmp_path_factory.mktemp("backend")) / "backend.log"
    env = dict(os.environ, BASIC_AUTH_USER=AUTH[0], BASIC_AUTH_PASS=AUTH[1], LOG_LEVEL="INFO")
    cmd = [sys.executable, "-m", "labelguide", "backend", "serve", "--host", "127.0.0.1", "--port", str(port),
           "--workers", "1", "--threads", "2"]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            if proc.poll() is not None:
                pytest.fail(f"backend exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
            try:
                body = requests.get(f"{url}/health", auth=AUTH, timeout=2).json()
                if body.get("ready"):
                    break
            except (requests.RequestException, ValueError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"backend not ready after 180 s:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.5)
        yield url, log_path
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)


def _secrets() -> list[str]:
    return [s for p in PII_PROMPTS for s in (p, PII_PROMPTS[p])] + ["Jane Doe", "jane.doe", "4111"]


@pytest.mark.slow
def test_real_server_speaks_the_protocol_with_real_engines(backend):
    url, log_path = backend
    assert requests.get(f"{url}/versions", timeout=5).status_code == 401  # basic auth is on
    health = requests.get(f"{url}/health", timeout=5).json()  # open: container health checks
    assert health["ready"] is True and health["status"] == "UP"
    version = health["model_version"]
    assert "pii:presidio-" in version and "toxicity:" in version

    assert requests.post(f"{url}/setup", json={"project": "1.1", "schema": render_config(T.INSTRUCTION)},
                         auth=AUTH, timeout=5).json() == {"model_version": version}
    tasks = [{"id": i, "data": {T.PROMPT: p}} for i, p in enumerate([*PII_PROMPTS, *CLEAN_PROMPTS])]
    tasks.insert(2, {"id": 99, "data": {"text": "no prompt here"}})
    r = requests.post(f"{url}/predict", json={"tasks": tasks, "label_config": render_config(T.INSTRUCTION),
                                              "project": "1.1", "params": {}}, auth=AUTH, timeout=60)
    assert r.status_code == 200
    body = r.json()
    assert len(body["results"]) == len(tasks) and body["results"][2]["result"] == []
    for task, pred in zip(tasks, body["results"]):
        assert pred["model_version"] == version
        for region in pred["result"]:
            if region["type"] == "labels":
                v = region["value"]
                assert task["data"][T.PROMPT][v["start"]:v["end"]] == v["text"]
                assert v["labels"][0] in T.PII_LABELS

    for raw in (b"nope", b"[]", b'{"tasks": 3}'):
        bad = requests.post(f"{url}/predict", data=raw, headers={"Content-Type": "application/json"}, auth=AUTH,
                            timeout=5)
        assert 400 <= bad.status_code < 500 and "Traceback" not in bad.text and bad.json()["error"]
    assert requests.post(f"{url}/webhook", data=b"garbage", timeout=5).status_code == 200

    log = log_path.read_text(errors="replace")
    assert "tasks=7 bad_tasks=1" in log
    for secret in _secrets():
        assert secret not in log


def _stored(ls, task_id):
    preds = ls.predictions.list(task=task_id)
    assert len(preds) == 1, f"task {task_id}: {len(preds)} predictions"
    return preds[0]


@pytest.mark.studio
@pytest.mark.slow
def test_label_studio_stores_instruction_predictions(studio, ls, backend):
    url, log_path = backend
    version = requests.get(f"{url}/health", auth=AUTH, timeout=5).json()["model_version"]
    project, _ = get_or_create_project(ls, "labelguide backend: instruction", render_config(T.INSTRUCTION))
    prompts = [*PII_PROMPTS, *CLEAN_PROMPTS]
    imported = ls.projects.import_tasks(id=project.id, request=[{T.PROMPT: p} for p in prompts],
                                        return_task_ids=True)
    task_ids = list(imported.task_ids)
    ml = connect_ml_backend(ls, project.id, url, basic_auth=AUTH)
    assert str(getattr(ml.state, "value", ml.state)) == "CO", ml.state  # Connected: LS called /health and /setup

    retrieve_predictions(studio.url, studio.token, project.id)

    for task_id, prompt in zip(task_ids, prompts):
        pred = _stored(ls, task_id)
        assert pred.model_version == version
        assert 0.0 <= pred.score <= 1.0
        by_name: dict[str, list[dict]] = {}
        for region in pred.result:
            assert region["to_name"] == T.PROMPT
            assert region["from_name"] in (T.PII, T.PII_CERTAIN, T.PII_PUBLIC_ONLY, T.PII_SPANS)
            assert "score" in region
            by_name.setdefault(region["from_name"], []).append(region)
        (pii,) = by_name[T.PII]
        assert pii["type"] == "choices"
        if prompt in PII_PROMPTS:
            assert pii["value"] == {"choices": [T.YES]}
            assert by_name[T.PII_CERTAIN][0]["value"]["choices"][0] in T.YES_NO
            spans = by_name[T.PII_SPANS]
            for s in spans:
                v = s["value"]
                assert s["type"] == "labels" and v["labels"][0] in T.PII_LABELS
                assert prompt[v["start"]:v["end"]] == v["text"], (v, prompt)
            assert PII_PROMPTS[prompt] in [s["value"]["text"] for s in spans]
        else:
            assert pii["value"] == {"choices": [T.NO]}
            assert set(by_name) == {T.PII}

    # an annotation makes Label Studio send its webhook (without the backend's credentials): acknowledged
    ls.annotations.create(id=task_ids[0], result=[{"from_name": T.PII, "to_name": T.PROMPT, "type": "choices",
                                                   "value": {"choices": [T.YES]}}])
    deadline = time.monotonic() + 10
    while "webhook ANNOTATION_CREATED acknowledged" not in log_path.read_text(errors="replace"):
        assert time.monotonic() < deadline, "no webhook arrived"
        time.sleep(0.2)
    log = log_path.read_text(errors="replace")
    for secret in _secrets():
        assert secret not in log


@pytest.mark.studio
@pytest.mark.slow
def test_label_studio_stores_toxicity_predictions(studio, ls, backend):
    from ml_backend.toxicity import relative_toxicity

    url, _ = backend
    project, _ = get_or_create_project(ls, "labelguide backend: toxicity", render_config(T.TOXICITY))
    rows = [
        {T.PROMPT: "The weather in the park today", T.CONTINUATION: "was sunny and warm, perfect for a walk."},
        {T.PROMPT: "I told him he was", T.CONTINUATION: "a worthless fucking idiot and should shut up."},
        {T.PROMPT: "You stupid bitch, I will", T.CONTINUATION: "meet you at the station at five."},
    ]
    imported = ls.projects.import_tasks(id=project.id, request=rows, return_task_ids=True)
    connect_ml_backend(ls, project.id, url, basic_auth=AUTH)
    retrieve_predictions(studio.url, studio.token, project.id)

    levels = []
    for task_id in imported.task_ids:
        pred = _stored(ls, task_id)
        got = {r["from_name"]: r for r in pred.result}
        assert set(got) == {T.TOXICITY_INPUT, T.TOXICITY_OUTPUT, T.RELATIVE_TOXICITY_NAME}
        assert got[T.TOXICITY_INPUT]["to_name"] == T.PROMPT
        assert got[T.TOXICITY_OUTPUT]["to_name"] == T.CONTINUATION
        (tin,) = got[T.TOXICITY_INPUT]["value"]["choices"]
        (tout,) = got[T.TOXICITY_OUTPUT]["value"]["choices"]
        (rel,) = got[T.RELATIVE_TOXICITY_NAME]["value"]["choices"]
        assert tin in T.TOXICITY_LEVELS and tout in T.TOXICITY_LEVELS and rel in T.RELATIVE_TOXICITY
        assert int(rel) == relative_toxicity(int(tin), int(tout))
        assert all(0.0 <= r["score"] <= 1.0 for r in pred.result)
        levels.append((int(tin), int(tout)))
    # clean-clean is flat; a toxic continuation rates above a clean start; a clean continuation below a toxic one
    assert levels[0] == (0, 0)
    assert levels[1][1] > levels[1][0]
    assert levels[2][0] > levels[2][1]
