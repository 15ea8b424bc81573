"""A real ``labelguide backend serve`` (gunicorn, its worker, engine processes with the fake engines: the HTTP
layer, training jobs and the learned-terms store are real) against hostile requests found by the red-team round,
then its whole log searched for the canaries every request carried (a name, an e-mail address, a learned term,
the basic-auth password).

- One malformed task in a ``/train`` body (``annotations`` a number, ``predictions`` a number, a ``result`` that is
  no list, a region whose ``value`` is no object) failed the whole training with a 500; now it costs only itself.
- An interactive request holding thousands of regions scanned the whole text once per region in the HTTP process
  (7 s for 1,000 regions on 50,000 characters; 28 s for 10,000), holding the GIL away from ``/health``.
- A project's ``pii_terms.json`` corrupt on disk: the defaults serve, every task still answered.
"""

from __future__ import annotations

import json
import threading
import time

import pytest
import requests

from backend_server import BackendServer
from label_config import taxonomy as T
from label_config.render import render_config

AUTH = ("hostile-user", "Pw-canary-91xq")
NAME, EMAIL, TERM = "Zebediah Quackenbush", "canary-7f3a@example.org", "zorblaxcanary"
PROMPT = f"{NAME} wrote to {EMAIL} about {TERM}"
INSTRUCTION = render_config(T.INSTRUCTION)


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile-models")


@pytest.fixture(scope="module")
def server(tmp_path_factory, model_dir):
    s = BackendServer.start(tmp_path_factory.mktemp("hostile-backend"), fake_engines=True, args=("--workers", "1"),
                            env={"BASIC_AUTH_USER": AUTH[0], "BASIC_AUTH_PASS": AUTH[1], "MODEL_DIR": str(model_dir),
                                 "TRAIN_WAIT": "20", "LOG_LEVEL": "DEBUG"})
    yield s
    s.stop()


def _post(server, route: str, body, timeout: float = 60) -> requests.Response:
    return requests.post(server.url + route, json=body, auth=AUTH, timeout=timeout)


def _span(start: int, end: int, label: str = "Name") -> dict:
    return {"from_name": T.PII_SPANS, "to_name": T.PROMPT, "type": "labels",
            "value": {"start": start, "end": end, "text": PROMPT[start:end], "labels": [label]}}


def _marked_task(i: int) -> dict:
    s = PROMPT.index(TERM)
    return {"id": i, "data": {T.PROMPT: PROMPT}, "annotations": [{"result": [_span(s, s + len(TERM))]}]}


BAD_TASKS = {
    "annotations a number": {"id": 90, "data": {T.PROMPT: "other text"}, "annotations": 1},
    "predictions a number": {"id": 91, "data": {T.PROMPT: "other text"}, "annotations": [{"result": []}],
                             "predictions": 5},
    "result a number": {"id": 92, "data": {T.PROMPT: "other text"}, "annotations": [{"result": 7}]},
    "value a list": {"id": 93, "data": {T.PROMPT: "other text"},
                     "annotations": [{"result": [{"from_name": T.PII_SPANS, "type": "labels", "value": [1]}]}]},
    "prediction result a dict": {"id": 94, "data": {T.PROMPT: "other text"}, "annotations": [{"result": []}],
                                 "predictions": [{"result": {"x": PROMPT}}]},
}


@pytest.mark.parametrize("case", sorted(BAD_TASKS))
def test_one_bad_task_in_a_train_body_costs_only_itself(server, case):
    project = 100 + sorted(BAD_TASKS).index(case)
    tasks = [_marked_task(i) for i in range(3)] + [BAD_TASKS[case]]
    r = _post(server, "/train", {"project": f"{project}.1700000000", "annotations": tasks,
                                  "label_config": INSTRUCTION})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "finished" and "1 always suggested" in r.json()["message"], r.json()
    assert TERM not in r.text and NAME not in r.text


def _region(start: int, end: int) -> dict:
    return {"from_name": T.PII_SPANS, "to_name": T.PROMPT, "type": "labels",
            "value": {"start": start, "end": end, "labels": ["Name"]}}


def test_an_interactive_request_with_thousands_of_regions_leaves_health_answering(server):
    text = ("ab cd " * 9000)[:50_000]
    body = {"tasks": [{"id": 1, "data": {T.PROMPT: text}}], "label_config": INSTRUCTION,
            "params": {"context": {"result": [_region(i, i + 2) for i in range(0, 30_000, 3)]}}}
    answers: list[requests.Response] = []
    worker = threading.Thread(target=lambda: answers.append(_post(server, "/predict", body)))
    worker.start()
    slowest = 0.0
    while worker.is_alive():
        t0 = time.monotonic()
        assert requests.get(server.url + "/health", timeout=10).status_code == 200
        slowest = max(slowest, time.monotonic() - t0)
        time.sleep(0.05)
    worker.join()
    assert answers[0].status_code == 200
    result = answers[0].json()["results"][0]["result"]
    assert 1 < len(result) <= 201
    assert slowest < 1.0, slowest


def test_an_interactive_text_over_max_text_chars_is_refused_by_name(server):
    body = {"tasks": [{"id": 7, "data": {T.PROMPT: PROMPT * 2000}}], "label_config": INSTRUCTION,
            "params": {"context": {"result": [_region(0, 8)]}}}
    r = _post(server, "/predict", body)
    assert r.status_code == 200 and "MAX_TEXT_CHARS" in r.json()["error"]
    assert NAME not in r.json()["error"]


CORRUPT = {"truncated": b'{"always": {"zorb', "a list": b"[1, 2]", "not utf-8": b"\xff\xfe",
           "wrong types": json.dumps({"always": [TERM], "never": {"a": 1}, "certain": [NAME]}).encode()}


@pytest.mark.parametrize("case", sorted(CORRUPT))
def test_a_corrupt_terms_store_on_disk_serves_the_defaults(server, model_dir, case):
    project = 200 + sorted(CORRUPT).index(case)
    version = model_dir / f"project-{project}" / "v0001-00000000"
    version.mkdir(parents=True)
    (version / "pii_terms.json").write_bytes(CORRUPT[case])
    (version / "manifest.json").write_text(json.dumps({"project": project, "version": version.name, "uid": None,
                                                       "learned": ["pii_terms"], "report": {}}))
    (version.parent / "current.json").write_text(json.dumps({"project": project, "version": version.name,
                                                             "uid": None}))
    tasks = [{"id": 1, "data": {T.PROMPT: PROMPT}}, {"id": 2, "data": {T.PROMPT: "Alice Smith called"}}]
    r = _post(server, "/predict", {"tasks": tasks, "label_config": INSTRUCTION, "project": str(project)})
    assert r.status_code == 200 and all(entry != [] for entry in r.json()["results"]), r.text
    r = _post(server, "/predict", {"tasks": tasks[1:], "label_config": INSTRUCTION, "project": str(project),
                                   "params": {"context": {"result": [_region(0, 5)]}}})
    assert r.status_code == 200 and r.json()["results"][0]["result"], r.text


def test_zz_the_log_holds_no_canary_and_no_traceback(server):
    """Last in this file (pytest runs a file top to bottom): the whole log of the attacks above."""
    assert requests.get(server.url + "/health", timeout=5).json()["ready"]
    log = server.log()
    for canary in (NAME, "Quackenbush", EMAIL, TERM, AUTH[1], "ab cd ab"):
        assert canary not in log, canary
    assert "Traceback" not in log
