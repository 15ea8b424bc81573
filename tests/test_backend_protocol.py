"""Label Studio's ML backend protocol on the Flask app (ml_backend.app), through Flask's test client.

Fake engines in this process here: these tests are about parsing, answering and error mapping. Every malformed
input gets a 4xx JSON error naming the problem (or NO prediction, ``[]``, for one bad task of a batch), never a
500, never a traceback; logs hold no task text and nothing detected.
"""

from __future__ import annotations

import base64
import json
import logging

import pytest

from backend_fakes import fake_predictor
from label_config import taxonomy as T
from label_config.render import render_config
from ml_backend.app import create_app
from ml_backend.settings import Settings

INSTRUCTION = render_config(T.INSTRUCTION)
TOXICITY = render_config(T.TOXICITY)
SECRET_PROMPT = "Please e-mail Alice Smith at alice.smith@example.com about her visa."


def _no_traceback(response) -> None:
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and 'File "' not in text, text
    assert response.is_json, text
    if response.status_code == 500:
        assert response.get_json()["error"].endswith("see the ML backend log") or response.get_json() == {
            "error": "internal error in the ML backend; see its log"}


@pytest.fixture()
def client():
    app = create_app(Settings(max_text_chars=1_000), predictor=fake_predictor())
    return app.test_client()


def _ls_request(tasks, label_config=INSTRUCTION):
    """What Label Studio 1.23.2 sends (label_studio/ml/api_connector.py: _prep_prediction_req)."""
    return {"tasks": tasks, "project": "3.1700000000", "label_config": label_config,
            "params": {"login": None, "password": None, "context": None}}


def _task(tid, prompt):
    return {"id": tid, "data": {T.PROMPT: prompt}, "meta": {}, "project": 3, "annotations": [], "predictions": []}


# ------------------------------------------------------------------------------------------ happy paths
@pytest.mark.parametrize("path", ["/", "/health"])
def test_health_when_ready(client, path):
    r = client.get(path)
    assert r.status_code == 200
    body = r.get_json()
    assert body["status"] == "UP" and body["ready"] is True and body["model_class"] == "labelguide"
    assert body["model_version"].startswith("labelguide-")


def test_setup_answers_the_model_version(client):
    r = client.post("/setup", json={"project": "3.1700000000", "schema": INSTRUCTION, "hostname": "http://x",
                                    "access_token": "t", "extra_params": None})
    assert r.status_code == 200
    assert r.get_json() == {"model_version": client.get("/health").get_json()["model_version"]}


def test_predict_one_result_per_task_in_order(client):
    tasks = [_task(1, SECRET_PROMPT), _task(2, "What is the capital of France?"), _task(3, "Bob Jones called.")]
    r = client.post("/predict", json=_ls_request(tasks))
    assert r.status_code == 200
    results = r.get_json()["results"]
    assert len(results) == 3
    for item in results:
        assert set(item) == {"result", "score", "model_version"}
        assert isinstance(item["score"], float)
    pii = [next(x["value"]["choices"][0] for x in item["result"] if x["from_name"] == T.PII) for item in results]
    assert pii == [T.YES, T.NO, T.YES]
    for item, task in zip(results, tasks):
        for region in item["result"]:
            assert "score" in region
            if region["type"] == "labels":
                v = region["value"]
                assert task["data"][T.PROMPT][v["start"]:v["end"]] == v["text"]


def test_predict_with_a_config_without_guideline_controls_sends_no_prediction(client):
    """Issue 9.7: no empty "0.00%" prediction tab where the backend fills nothing: ``[]`` stores nothing."""
    r = client.post("/predict", json=_ls_request([_task(1, SECRET_PROMPT), _task(2, "x")], render_config(T.SURVEY)))
    assert r.status_code == 200
    assert r.get_json() == {"results": [[], []]}


def test_any_number_of_tasks_in_one_request(client):
    """No MAX_TASKS refusal any more: 3,000 tasks, 3,000 answers in order (memory is bounded by MAX_REQUEST_MB)."""
    tasks = [_task(i, f"Bob Jones number {i}" if i % 2 else "What is the capital of France?") for i in range(3000)]
    r = client.post("/predict", json=_ls_request(tasks))
    assert r.status_code == 200
    results = r.get_json()["results"]
    assert len(results) == 3000
    pii = [next(x["value"]["choices"][0] for x in item["result"] if x["from_name"] == T.PII) for item in results]
    assert pii == [T.YES if i % 2 else T.NO for i in range(3000)]


def test_predict_empty_task_list(client):
    r = client.post("/predict", json=_ls_request([]))
    assert r.status_code == 200 and r.get_json() == {"results": []}


def test_toxicity_project(client):
    task = {"id": 5, "data": {T.PROMPT: "The weather today", T.CONTINUATION: "is lovely, you idiot."}}
    r = client.post("/predict", json=_ls_request([task], TOXICITY))
    got = {x["from_name"]: x["value"]["choices"] for x in r.get_json()["results"][0]["result"]}
    # the output's level (1 or 2) is the toxicity model's call; a clean start and a rude output must give these
    assert got[T.TOXICITY_INPUT] == ["0"] and got[T.TOXICITY_OUTPUT] in (["1"], ["2"])
    assert got[T.RELATIVE_TOXICITY_NAME] == ["1"] and set(got) == {T.TOXICITY_INPUT, T.TOXICITY_OUTPUT,
                                                                     T.RELATIVE_TOXICITY_NAME}


@pytest.mark.parametrize("body", [
    {"action": "ANNOTATION_CREATED", "annotation": {"id": 1, "result": []}, "project": {"id": 3}},
    {"action": "PROJECT_UPDATED"},
    {},
])
def test_webhook_acknowledges_any_event(client, body):
    r = client.post("/webhook", json=body)
    assert r.status_code == 200 and r.get_json() == {"status": "ok"}


@pytest.mark.parametrize(("path", "body"), [("/webhook", {"action": "START_TRAINING", "project": {"id": 3}}),
                                            ("/train", {"annotations": [], "project": "3.1700000000"})])
def test_training_without_label_studio_says_what_to_set(client, path, body):
    """Training reads the project from Label Studio; without LABEL_STUDIO_URL / LABEL_STUDIO_API_KEY it says so.
    Label Studio shows str(HTTPError) for a failed training call: the reason is in the reason phrase."""
    r = client.post(path, json=body)
    assert r.status_code == 424
    assert "LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY" in r.get_json()["error"]
    assert "LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY" in r.status
    _no_traceback(r)


@pytest.mark.parametrize("body", [{"action": "START_TRAINING"}, {"action": "START_TRAINING", "project": "x"},
                                  {"action": "START_TRAINING", "project": {"id": "3"}}])
def test_training_request_without_a_project_is_422(client, body):
    r = client.post("/webhook", json=body)
    assert r.status_code == 422 and "'project'" in r.get_json()["error"]


@pytest.mark.parametrize("raw", [b"", b"not json", b"[1, 2]", b"\xff\xfe", b"[" * 100_000])
def test_webhook_garbage_is_a_400_naming_why(client, raw):
    """Label Studio always posts a JSON object; anything else is told what is wrong (never a 5xx, never the
    body). The real server's answer: test_backend_server.py."""
    r = client.post("/webhook", data=raw, content_type="application/json")
    assert r.status_code == 400 and r.get_json()["error"].startswith("the webhook's body")
    _no_traceback(r)


def test_versions(client):
    r = client.get("/versions")
    assert r.status_code == 200 and r.get_json()["versions"] == [client.get("/health").get_json()["model_version"]]


def test_validate_accepts_a_good_config_and_lists_what_it_fills(client):
    r = client.post("/validate", json={"config": INSTRUCTION})
    assert r.status_code == 200
    assert r.get_json() == {"status": "ok", "controls": [T.PII, T.PII_PUBLIC_ONLY, T.PII_CERTAIN, T.PII_SPANS]}
    assert client.post("/validate", json={"config": render_config(T.SURVEY)}).get_json()["controls"] == []


@pytest.mark.parametrize("config", [
    "<View><Choices name='c' toName='missing'><Choice value='A'/></Choices></View>",
    "<View><Choices",
    "",
])
def test_validate_rejects_a_bad_config_with_the_reason(client, config):
    r = client.post("/validate", json={"config": config})
    assert r.status_code == 422
    assert r.get_json()["error"]
    _no_traceback(r)


# ------------------------------------------------------------------------------------------ malformed input
MALFORMED = [
    ("not JSON", b"{tasks: nope", 400, "not valid JSON"),
    ("empty body", b"", 400, "body is empty"),
    ("a JSON list", b"[]", 400, "must be a JSON object, not a list"),
    ("a JSON string", b'"tasks"', 400, "not a string"),
    ("invalid UTF-8", b"\xff\xfe\x00", 400, "not valid JSON"),
    ("deeply nested", b"[" * 100_000 + b"]" * 100_000, 400, "not valid JSON"),
    ("no tasks", json.dumps({"label_config": INSTRUCTION}).encode(), 422, "'tasks' is required"),
    ("tasks an object", json.dumps({"tasks": {"id": 1}, "label_config": INSTRUCTION}).encode(), 422,
     "'tasks' must be a list, not a object"),
    ("tasks a string", json.dumps({"tasks": "t", "label_config": INSTRUCTION}).encode(), 422, "not a string"),
    ("tasks null", json.dumps({"tasks": None, "label_config": INSTRUCTION}).encode(), 422, "'tasks' is required"),
    ("no label_config", json.dumps({"tasks": [_task(1, "a")]}).encode(), 422, "got missing"),
    ("label_config a number", json.dumps({"tasks": [_task(1, "a")], "label_config": 5}).encode(), 422,
     "got a number"),
    ("label_config not XML", json.dumps({"tasks": [_task(1, "a")], "label_config": "<View"}).encode(), 422,
     "label_config does not parse"),
    ("params a list", json.dumps({"tasks": [_task(1, "a")], "label_config": INSTRUCTION, "params": []}).encode(),
     422, "'params' must be an object"),
    ("a lone surrogate", b'{"tasks": [{"id": 1, "data": {"prompt": "\\ud800"}}], "label_config": "x"}', 400,
     "lone surrogate"),
    ("a lone low surrogate", b'{"tasks": [], "label_config": "\\udc00"}', 400, "lone surrogate"),
    ("NaN", b'{"tasks": NaN}', 400, "not valid JSON"),
]


@pytest.mark.parametrize(("what", "raw", "status", "message"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_predict_requests_get_a_4xx_naming_the_problem(client, what, raw, status, message):
    r = client.post("/predict", data=raw, content_type="application/json")
    assert r.status_code == status, r.get_data(as_text=True)
    assert message in r.get_json()["error"]
    _no_traceback(r)


UNREADABLE = [
    ("the only task lacks the field", [{"id": 9, "data": {"text": "hi"}}], "data has no field 'prompt'"),
    ("the only task has a huge text", [_task(9, "x" * 1_001)], "1001 characters, more than the limit of 1000"),
    ("the only task has a number", [_task(9, 12)], "not text"),
    ("the only task is a string", ["hello"], "task is a str"),
]


@pytest.mark.parametrize(("what", "tasks", "message"), UNREADABLE, ids=[u[0] for u in UNREADABLE])
def test_a_request_of_only_unreadable_tasks_answers_no_prediction_and_the_reason(client, what, tasks, message):
    """200 with ``[]`` (nothing stored: Label Studio asks again once the task is fixed) and an ``error`` that
    Label Studio's "Send Test Request" shows, instead of a 422 it reported as "did not return any predictions"."""
    r = client.post("/predict", json=_ls_request(tasks))
    assert r.status_code == 200
    body = r.get_json()
    assert body["results"] == [[]]
    assert message in body["error"] and message in body["problems"][0]["problem"]
    _no_traceback(r)


def test_all_bad_tasks_list_every_problem(client):
    r = client.post("/predict", json=_ls_request([{"id": 1}, {"id": 2, "data": {}}]))
    assert r.status_code == 200
    body = r.get_json()
    assert body["results"] == [[], []] and body["error"].endswith("(and 1 more)")
    assert body["problems"] == [
        {"task": 0, "id": 1, "problem": "task has no 'data' object"},
        {"task": 1, "id": 2, "problem": "data has no field 'prompt'"},
    ]


def test_one_bad_task_in_a_batch_gets_no_prediction_and_the_others_theirs(client):
    tasks = [_task(1, SECRET_PROMPT), {"id": 2, "data": {"text": "wrong field"}}, _task(3, "x" * 5_000),
             _task(4, "Bob Jones")]
    r = client.post("/predict", json=_ls_request(tasks))
    assert r.status_code == 200
    body = r.get_json()
    assert [x != [] for x in body["results"]] == [True, False, False, True]
    assert [p["id"] for p in body["problems"]] == [2, 3] and "error" not in body


def test_a_body_over_the_size_limit_is_413_with_the_knob_in_the_reason_phrase():
    app = create_app(Settings(max_request_bytes=2048), predictor=fake_predictor())
    r = app.test_client().post("/predict", json=_ls_request([_task(1, "x" * 4096)]))
    assert r.status_code == 413
    assert "MAX_REQUEST_MB" in r.status  # requests puts the reason phrase in the error Label Studio logs
    _no_traceback(r)


def test_wrong_method_and_unknown_route_are_json(client):
    r = client.get("/predict")
    assert r.status_code == 405 and "POST" in r.headers["Allow"]
    _no_traceback(r)
    r = client.post("/nope", json={})
    assert r.status_code == 404
    _no_traceback(r)


def test_a_server_fault_is_a_500_without_traceback_or_text_in_logs(caplog):
    class Broken:
        model_version = "pii:broken"

        def analyze_batch(self, texts):
            raise ZeroDivisionError(f"secret {texts}")

    from backend_fakes import FakeToxicity, fake_relative
    from ml_backend.predict import Predictor

    caplog.set_level(logging.DEBUG)
    app = create_app(Settings(), predictor=Predictor(Broken(), FakeToxicity(), fake_relative))
    r = app.test_client().post("/predict", json=_ls_request([_task(1, SECRET_PROMPT)]))
    assert r.status_code == 500
    _no_traceback(r)
    assert "Alice" not in caplog.text and "secret" not in caplog.text


def test_an_unexpected_exception_is_a_generic_500(caplog):
    def exploding(*args, **kwargs):
        raise KeyError("Alice Smith")

    app = create_app(Settings(), predictor=fake_predictor())
    app.extensions["labelguide"]["engines"].predict = exploding
    caplog.set_level(logging.DEBUG)
    r = app.test_client().post("/predict", json=_ls_request([_task(1, SECRET_PROMPT)]))
    assert r.status_code == 500
    assert r.get_json() == {"error": "internal error in the ML backend; see its log"}
    assert "KeyError" in caplog.text and "Alice" not in caplog.text


# ------------------------------------------------------------------------------------------ model loading
def test_not_ready_while_loading_setup_and_predict_answer_503():
    app = create_app(Settings(setup_load_wait=0.01, model_load_wait=0.01), load="never")
    c = app.test_client()
    assert c.get("/health").get_json() == {"status": "UP", "model_class": "labelguide", "ready": False}
    for r in (c.post("/setup", json={"project": "1.1"}), c.post("/predict", json=_ls_request([_task(1, "a")])),
              c.get("/versions")):
        assert r.status_code == 503 and "loading" in r.get_json()["error"]
        assert r.headers["Retry-After"] == "5"


def test_a_failed_load_is_reported_without_traceback(caplog):
    """Real engine processes whose models fail to load: /health says DOWN with the reason's type only."""
    caplog.set_level(logging.DEBUG)
    app = create_app(Settings(workers=1, engine_factory="backend_fakes:broken_engine_factory",
                              setup_load_wait=30), load="background")
    try:
        c = app.test_client()
        r = c.post("/setup", json={"project": "1.1"})
        assert r.status_code == 503 and "models failed to load (OSError)" in r.get_json()["error"]
        assert "Retry-After" not in r.headers
        r = c.get("/health")
        assert r.status_code == 503 and r.get_json()["status"] == "DOWN"
        _no_traceback(r)
        assert "en_core_web_missing" not in caplog.text
    finally:
        app.extensions["labelguide"]["engines"].close()


# ------------------------------------------------------------------------------------------ basic auth
@pytest.fixture()
def auth_client():
    app = create_app(Settings(basic_auth_user="ls", basic_auth_pass="s3cret"), predictor=fake_predictor())
    return app.test_client()


def _basic(user, password):
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


@pytest.mark.parametrize("headers", [{}, _basic("ls", "wrong"), _basic("other", "s3cret"),
                                     {"Authorization": "Bearer s3cret"}, {"Authorization": "Basic !!!"}])
def test_basic_auth_refuses_without_the_right_credentials(auth_client, headers):
    for r in (auth_client.post("/setup", json={"project": "1.1"}, headers=headers),
              auth_client.get("/versions", headers=headers),
              auth_client.post("/validate", json={"config": INSTRUCTION}, headers=headers),
              auth_client.post("/predict", json=_ls_request([_task(1, "a")]), headers=headers)):
        assert r.status_code == 401
        assert r.headers["WWW-Authenticate"].startswith("Basic")
        _no_traceback(r)


def test_basic_auth_accepts_the_right_credentials(auth_client):
    headers = _basic("ls", "s3cret")
    assert auth_client.get("/health", headers=headers).status_code == 200
    r = auth_client.post("/predict", json=_ls_request([_task(1, SECRET_PROMPT)]), headers=headers)
    assert r.status_code == 200 and r.get_json()["results"][0]["result"]


def test_webhook_needs_the_credentials_because_label_studio_can_send_them(auth_client):
    """Start Training goes through Label Studio's ML API connector with the backend's basic auth; a project
    webhook can carry an Authorization header. So /webhook is covered like every data route."""
    assert auth_client.post("/webhook", json={"action": "ANNOTATION_CREATED"}).status_code == 401
    assert auth_client.post("/webhook", json={"action": "ANNOTATION_CREATED"},
                            headers=_basic("ls", "s3cret")).status_code == 200


@pytest.mark.parametrize("path", ["/", "/health"])
def test_health_is_open_for_container_health_checks_and_tells_nothing_else(auth_client, path):
    r = auth_client.get(path, headers={"User-Agent": "curl/8.5.0"})
    assert r.status_code == 200
    assert set(r.get_json()) == {"status", "model_class", "ready", "model_version"}


@pytest.mark.parametrize("headers", [{"User-Agent": "heartex/1.23.2"},
                                     {"User-Agent": "curl/8.5.0", **_basic("ls", "wrong")},
                                     {"User-Agent": "heartex/1.23.2", **_basic("other", "s3cret")}])
def test_health_says_401_to_label_studio_without_or_with_wrong_credentials(auth_client, headers):
    """Label Studio's connect dialog says "authentication parameters were either not provided or are
    incorrect" only for a 401 from /health; a probe without credentials still gets 200."""
    r = auth_client.get("/health", headers=headers)
    assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Basic")
    _no_traceback(r)
    good = auth_client.get("/health", headers={"User-Agent": "heartex/1.23.2", **_basic("ls", "s3cret")})
    assert good.status_code == 200


# ------------------------------------------------------------------------------------------ logs
def test_logs_hold_counts_and_ids_never_text_or_findings(client, caplog):
    caplog.set_level(logging.DEBUG)
    tasks = [_task(101, SECRET_PROMPT), {"id": 102, "data": {"text": SECRET_PROMPT}}, _task(103, "x" * 2_000)]
    client.post("/setup", json={"project": "3.1700000000", "schema": INSTRUCTION})
    assert client.post("/predict", json=_ls_request(tasks)).status_code == 200
    client.post("/predict", json=_ls_request([{"id": 104, "data": {"text": SECRET_PROMPT}}]))
    client.post("/predict", data=SECRET_PROMPT.encode(), content_type="application/json")
    client.post("/webhook", json={"action": SECRET_PROMPT, "annotation": {"result": SECRET_PROMPT}})
    client.post("/validate", json={"config": "<View><Choices name='Alice Smith' toName='x'/></View>"})
    logged = caplog.text
    for secret in ("Alice", "Smith", "alice.smith@example.com", "visa", "Bob"):
        assert secret not in logged, secret
    assert "tasks=3" in logged and "problems=2" in logged and "(id 102)" in logged and "(id 103)" in logged
    assert "project 3.1700000000" in logged


def test_odd_credentials_and_paths_are_refused_cleanly_and_not_logged(auth_client, caplog):
    caplog.set_level(logging.DEBUG)
    raw = "\udcff\u00e9:\u2603".encode("utf-8", "surrogatepass")
    odd = {"Authorization": "Basic " + base64.b64encode(raw).decode()}
    r = auth_client.post("/predict", json={}, headers=odd)
    assert r.status_code == 401
    _no_traceback(r)
    r = auth_client.get("/users/alice.smith@example.com", headers=_basic("ls", "s3cret"))
    assert r.status_code == 404
    _no_traceback(r)
    assert "alice" not in caplog.text
