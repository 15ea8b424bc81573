"""The ML backend as a real server (``labelguide backend serve``: gunicorn, real engines, the default number of
engine processes) wired into a real Label Studio 1.23.2: connected through ``POST /api/ml`` with basic auth,
predictions retrieved by Label Studio itself and read back from its database.
"""

from __future__ import annotations

import statistics
import threading
import time

import pytest
import requests

from backend_server import BackendServer
from common.studio import connect_ml_backend, get_or_create_project, retrieve_predictions
from label_config import taxonomy as T
from label_config.render import render_config

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
INSTRUCTION = render_config(T.INSTRUCTION)


@pytest.fixture(scope="module")
def backend(studio, tmp_path_factory):
    """``labelguide backend serve`` with basic auth, real engines, and Label Studio's URL and key for URL tasks."""
    server = BackendServer.start(tmp_path_factory.mktemp("backend"), env={
        "BASIC_AUTH_USER": AUTH[0], "BASIC_AUTH_PASS": AUTH[1],
        "LABEL_STUDIO_URL": studio.url, "LABEL_STUDIO_API_KEY": studio.token})
    yield server
    server.stop()


def _secrets() -> list[str]:
    return [s for p in PII_PROMPTS for s in (p, PII_PROMPTS[p])] + ["Jane Doe", "jane.doe", "4111"]


def _stored(ls, task_id):
    preds = ls.predictions.list(task=task_id)
    assert len(preds) == 1, f"task {task_id}: {len(preds)} predictions"
    return preds[0]


def _count_predictions(studio, project_id: int) -> int:
    r = requests.get(f"{studio.url}/api/projects/{project_id}", headers={"Authorization": f"Token {studio.token}"},
                     timeout=30)
    r.raise_for_status()
    return r.json()["total_predictions_number"]


@pytest.mark.slow
def test_real_server_speaks_the_protocol_with_real_engines(backend):
    url = backend.url
    assert requests.get(f"{url}/versions", timeout=5).status_code == 401  # basic auth is on
    health = requests.get(f"{url}/health", timeout=5).json()  # open to probes: container health checks
    assert health["ready"] is True and health["status"] == "UP"
    version = health["model_version"]
    assert "pii:presidio-" in version and "toxicity:" in version

    assert requests.post(f"{url}/setup", json={"project": "1.1", "schema": INSTRUCTION},
                         auth=AUTH, timeout=5).json() == {"model_version": version}
    tasks = [{"id": i, "data": {T.PROMPT: p}} for i, p in enumerate([*PII_PROMPTS, *CLEAN_PROMPTS])]
    tasks.insert(2, {"id": 99, "data": {"text": "no prompt here"}})
    r = requests.post(f"{url}/predict", json={"tasks": tasks, "label_config": INSTRUCTION, "project": "1.1",
                                              "params": {}}, auth=AUTH, timeout=60)
    assert r.status_code == 200
    body = r.json()
    assert len(body["results"]) == len(tasks) and body["results"][2] == []  # no prediction, not an empty one
    for task, pred in zip(tasks, body["results"]):
        if not pred:
            continue
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
    assert requests.post(f"{url}/webhook", data=b"garbage", timeout=5).status_code == 401
    assert requests.post(f"{url}/webhook", data=b"garbage", auth=AUTH, timeout=5).status_code == 400
    assert requests.post(f"{url}/webhook", json={"action": "PROJECT_UPDATED"}, auth=AUTH, timeout=5).status_code == 200

    log = backend.log()
    assert "tasks=7 predicted=6" in log
    for secret in _secrets():
        assert secret not in log


@pytest.mark.slow
def test_health_answers_within_1s_while_two_600_task_predictions_run(backend):
    """Label Studio calls /health with a 1 s timeout before every prediction: a busy backend must still pass.
    Probes from the client, every 0.2 s, while two 600-task /predict calls keep both engines busy."""
    from benchmarks.backend import load_prompts

    texts = load_prompts("short")[:600]
    tasks = [{"id": i, "data": {T.PROMPT: t}} for i, t in enumerate(texts)]
    results: dict[int, requests.Response] = {}

    def big(k):
        results[k] = requests.post(f"{backend.url}/predict", json={"tasks": tasks, "label_config": INSTRUCTION},
                                   auth=AUTH, timeout=300)

    threads = [threading.Thread(target=big, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    probes: list[float] = []
    time.sleep(0.3)
    while any(t.is_alive() for t in threads) or len(probes) < 20:
        t0 = time.monotonic()
        r = requests.get(f"{backend.url}/health", timeout=5)
        probes.append(time.monotonic() - t0)
        assert r.status_code == 200
        for _ in range(2):  # Label Studio calls /setup right after /health (3 s timeout)
            pass
        time.sleep(0.2)
        if not any(t.is_alive() for t in threads) and len(probes) >= 20:
            break
    for t in threads:
        t.join()
    setup_t0 = time.monotonic()
    assert requests.post(f"{backend.url}/setup", json={"schema": INSTRUCTION}, auth=AUTH, timeout=5).ok
    assert time.monotonic() - setup_t0 < 1.0
    assert all(results[k].status_code == 200 and len(results[k].json()["results"]) == 600 for k in (0, 1))
    assert len(probes) >= 20
    assert max(probes) < 1.0, f"slowest /health: {max(probes):.3f} s (median {statistics.median(probes):.3f})"


@pytest.mark.studio
@pytest.mark.slow
def test_label_studio_stores_instruction_predictions(studio, ls, backend):
    version = requests.get(f"{backend.url}/health", timeout=5).json()["model_version"]
    project, _ = get_or_create_project(ls, "labelguide backend: instruction", INSTRUCTION)
    prompts = [*PII_PROMPTS, *CLEAN_PROMPTS]
    imported = ls.projects.import_tasks(id=project.id, request=[{T.PROMPT: p} for p in prompts],
                                        return_task_ids=True)
    task_ids = list(imported.task_ids)
    ml = connect_ml_backend(ls, project.id, backend.url, basic_auth=AUTH)
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

    # Label Studio made a project webhook to /webhook when the backend was connected, without credentials:
    # annotation events are refused (401) until the webhook carries the backend's Authorization header.
    headers = {"Authorization": f"Token {studio.token}"}
    hooks = requests.get(f"{studio.url}/api/webhooks", params={"project": project.id}, headers=headers,
                         timeout=10).json()
    (hook,) = [h for h in hooks if h["url"].rstrip("/") == backend.url + "/webhook"]
    basic = requests.Request("GET", "http://x", auth=AUTH).prepare().headers["Authorization"]
    r = requests.patch(f"{studio.url}/api/webhooks/{hook['id']}", json={"headers": {"Authorization": basic}},
                       headers=headers, timeout=10)
    assert r.status_code == 200, r.text
    ls.annotations.create(id=task_ids[0], result=[{"from_name": T.PII, "to_name": T.PROMPT, "type": "choices",
                                                   "value": {"choices": [T.YES]}}])
    deadline = time.monotonic() + 15
    while "webhook ANNOTATION_CREATED acknowledged" not in backend.log():
        assert time.monotonic() < deadline, "no authenticated webhook arrived"
        time.sleep(0.2)
    log = backend.log()
    for secret in _secrets():
        assert secret not in log


@pytest.mark.studio
@pytest.mark.slow
def test_label_studio_stores_toxicity_predictions(studio, ls, backend):
    from ml_backend.toxicity import relative_toxicity

    project, _ = get_or_create_project(ls, "labelguide backend: toxicity", render_config(T.TOXICITY))
    rows = [
        {T.PROMPT: "The weather in the park today", T.CONTINUATION: "was sunny and warm, perfect for a walk."},
        {T.PROMPT: "I told him he was", T.CONTINUATION: "a worthless fucking idiot and should shut up."},
        {T.PROMPT: "You stupid bitch, I will", T.CONTINUATION: "meet you at the station at five."},
    ]
    imported = ls.projects.import_tasks(id=project.id, request=rows, return_task_ids=True)
    connect_ml_backend(ls, project.id, backend.url, basic_auth=AUTH)
    retrieve_predictions(studio.url, studio.token, project.id)

    levels = []
    for task_id in imported.task_ids:
        pred = _stored(ls, task_id)
        got = {r["from_name"]: r for r in pred.result}
        assert set(got) == {T.TOXICITY_INPUT, T.TOXICITY_OUTPUT, T.RELATIVE_TOXICITY_NAME}
        (tin,) = got[T.TOXICITY_INPUT]["value"]["choices"]
        (tout,) = got[T.TOXICITY_OUTPUT]["value"]["choices"]
        (rel,) = got[T.RELATIVE_TOXICITY_NAME]["value"]["choices"]
        assert tin in T.TOXICITY_LEVELS and tout in T.TOXICITY_LEVELS and rel in T.RELATIVE_TOXICITY
        assert int(rel) == relative_toxicity(int(tin), int(tout))
        levels.append((int(tin), int(tout)))
    assert levels[0] == (0, 0)
    assert levels[1][1] > levels[1][0]
    assert levels[2][0] > levels[2][1]


@pytest.mark.studio
@pytest.mark.slow
def test_retrieve_predictions_on_2500_tasks_stores_2500_predictions(studio, ls, backend):
    """Issue 12: 1,200 selected tasks got a 422 (MAX_TASKS) and Label Studio stored 0. One Retrieve, all of them."""
    from benchmarks.backend import load_prompts

    base = load_prompts("short")
    prompts = [f"{base[i % len(base)]} (#{i})" for i in range(2_500)]
    project, _ = get_or_create_project(ls, "labelguide backend: 2500", INSTRUCTION)
    for i in range(0, len(prompts), 1_000):
        ls.projects.import_tasks(id=project.id, request=[{T.PROMPT: p} for p in prompts[i:i + 1_000]])
    connect_ml_backend(ls, project.id, backend.url, basic_auth=AUTH)
    retrieve_predictions(studio.url, studio.token, project.id)
    assert _count_predictions(studio, project.id) == 2_500
    assert "tasks=2500 predicted=2500" in backend.log()


@pytest.mark.studio
@pytest.mark.slow
def test_an_unreadable_task_gets_a_prediction_once_it_is_fixed(studio, ls, backend):
    """Issue 12: an unreadable task got an EMPTY prediction of the current version, so Label Studio never asked
    again. Now it gets none; after the fix the next Retrieve predicts it."""
    project, _ = get_or_create_project(ls, "labelguide backend: fix me", INSTRUCTION)
    imported = ls.projects.import_tasks(id=project.id, request=[{T.PROMPT: "Call Jane Doe at jane.doe@gmail.com."},
                                                                {T.PROMPT: 12345}], return_task_ids=True)
    good, bad = imported.task_ids
    connect_ml_backend(ls, project.id, backend.url, basic_auth=AUTH)
    retrieve_predictions(studio.url, studio.token, project.id)
    assert len(ls.predictions.list(task=good)) == 1 and ls.predictions.list(task=bad) == []
    assert f"(id {bad}) no prediction: field 'prompt' is a int, not text" in backend.log()

    ls.tasks.update(id=bad, data={T.PROMPT: "Now a real prompt about Jane Doe, jane.doe@gmail.com."})
    retrieve_predictions(studio.url, studio.token, project.id)
    (fixed,) = ls.predictions.list(task=bad)
    assert any(r["from_name"] == T.PII_SPANS and r["value"]["text"] == "jane.doe@gmail.com" for r in fixed.result)
    assert len(ls.predictions.list(task=good)) == 1  # not predicted twice


@pytest.mark.studio
@pytest.mark.slow
def test_send_test_request_shows_why_no_task_could_be_predicted(studio, ls, backend):
    """Label Studio's "Send Test Request" used to show a 500 "ML backend did not return any predictions"."""
    project, _ = get_or_create_project(ls, "labelguide backend: test button", INSTRUCTION)
    ls.projects.import_tasks(id=project.id, request=[{T.PROMPT: ["not", "text"]}])
    ml = connect_ml_backend(ls, project.id, backend.url, basic_auth=AUTH)
    r = requests.post(f"{studio.url}/api/ml/{ml.id}/predict/test", params={"random": "true"},
                      headers={"Authorization": f"Token {studio.token}"}, timeout=60)
    assert r.status_code == 200, r.text
    data = r.json()  # Label Studio answers {"status", "error_message", "url", "task", "request", "response"}
    assert data["response"] == [[]]
    assert "no task could be predicted" in data["error_message"] and "is a list, not text" in data["error_message"]


@pytest.mark.studio
@pytest.mark.slow
def test_interactive_pii_request_returns_the_other_occurrences(studio, ls, backend):
    """With "Interactive preannotations" on, the labeling screen sends the span just drawn; the backend answers
    the other occurrences of that name and its surname alone, same label, and the PII question as Yes."""
    prompt = "Jane Doe asked me to forward this to Jane Doe's landlord. Ms Doe pays on time; write to Jane Doe."
    project, _ = get_or_create_project(ls, "labelguide backend: interactive", INSTRUCTION)
    (task_id,) = ls.projects.import_tasks(id=project.id, request=[{T.PROMPT: prompt}], return_task_ids=True).task_ids
    ml = connect_ml_backend(ls, project.id, backend.url, basic_auth=AUTH)
    headers = {"Authorization": f"Token {studio.token}"}
    # Label Studio re-checks /health and /setup with what the PATCH carries: url (REFERENCE.md), project, and the
    # credentials (auth on)
    r = requests.patch(f"{studio.url}/api/ml/{ml.id}", headers=headers, timeout=30, json={
        "is_interactive": True, "url": backend.url, "project": project.id, "auth_method": "BASIC_AUTH",
        "basic_auth_user": AUTH[0],
        "basic_auth_pass": AUTH[1]})
    assert r.status_code == 200 and r.json()["is_interactive"] is True, r.text
    region = {"id": "drawn1", "from_name": T.PII_SPANS, "to_name": T.PROMPT, "type": "labels", "origin": "manual",
              "value": {"start": 0, "end": 8, "text": "Jane Doe", "labels": ["Name"]}}
    r = requests.post(f"{studio.url}/api/ml/{ml.id}/interactive-annotating",
                      json={"task": task_id, "context": {"result": [region]}}, headers=headers, timeout=60)
    assert r.status_code == 200, r.text
    result = r.json()["data"]["result"]
    spans = sorted((x["value"]["start"], x["value"]["text"], x["value"]["labels"][0])
                   for x in result if x["type"] == "labels")
    expected = sorted([(prompt.index("Jane Doe", 1), "Jane Doe", "Name"),
                       (prompt.rindex("Jane Doe"), "Jane Doe", "Name"),
                       (prompt.index("Doe pays"), "Doe", "Name")])
    assert spans == expected
    assert all(prompt[s:s + len(t)] == t for s, t, _ in spans)
    flags = [x for x in result if x["from_name"] == T.PII]
    assert [f["value"] for f in flags] == [{"choices": [T.YES]}]
    # with interactive on, a Retrieve (no context) still predicts normally
    retrieve_predictions(studio.url, studio.token, project.id)
    assert len(ls.predictions.list(task=task_id)) == 1


@pytest.mark.studio
@pytest.mark.slow
def test_a_task_behind_a_url_is_predicted_from_its_content(studio, ls, backend):
    """A text file uploaded to Label Studio becomes a task holding ``/data/upload/...`` for a Text with
    valueType="url": the backend fetches it from Label Studio with its API key and predicts on the content."""
    content = "Please forward the contract to jane.doe@gmail.com before Friday."
    xml = INSTRUCTION.replace('value="$prompt"', 'value="$prompt" valueType="url"', 1)
    project, _ = get_or_create_project(ls, "labelguide backend: url", xml)
    headers = {"Authorization": f"Token {studio.token}"}
    up = requests.post(f"{studio.url}/api/projects/{project.id}/import", params={"commit_to_project": "false"},
                       files={"file": ("contract-note.txt", content.encode(), "text/plain")}, headers=headers,
                       timeout=60)
    assert up.status_code in (200, 201), up.text
    r = requests.post(f"{studio.url}/api/projects/{project.id}/reimport", headers=headers, timeout=60,
                      json={"file_upload_ids": up.json()["file_upload_ids"], "files_as_tasks_list": False})
    assert r.status_code in (200, 201), r.text
    (task,) = ls.tasks.list(project=project.id)
    assert "/data/upload/" in str(task.data)  # the task holds Label Studio's path, not the text
    connect_ml_backend(ls, project.id, backend.url, basic_auth=AUTH)
    retrieve_predictions(studio.url, studio.token, project.id)
    pred = _stored(ls, task.id)
    spans = [x["value"] for x in pred.result if x["type"] == "labels"]
    assert any(v["text"] == "jane.doe@gmail.com" and content[v["start"]:v["end"]] == v["text"] for v in spans)
    assert "jane.doe" not in backend.log() and studio.token not in backend.log()


@pytest.mark.studio
@pytest.mark.parametrize("auth", [None, ("labelstudio", "wrong-password")], ids=["missing", "wrong"])
def test_label_studio_reports_an_authentication_error_for_bad_credentials(studio, ls, backend, auth):
    """Issue 12: with wrong credentials Label Studio said "doesn't look like a valid ML backend ... 401 ...
    /setup". Its connect dialog names authentication only for a 401 from /health."""
    project, _ = get_or_create_project(ls, f"labelguide backend: auth {auth is None}", INSTRUCTION)
    body = {"project": project.id, "url": backend.url, "title": "labelguide", "is_interactive": False}
    if auth:
        body.update(auth_method="BASIC_AUTH", basic_auth_user=auth[0], basic_auth_pass=auth[1])
    r = requests.post(f"{studio.url}/api/ml", json=body, headers={"Authorization": f"Token {studio.token}"},
                      timeout=30)
    assert r.status_code == 400
    assert "authentication parameters were either not provided or are incorrect" in r.text
