"""The real server (``labelguide backend serve``: gunicorn, the bounded worker class, engine processes) under the
reproducers of issue 10 and 12: slow and half-open clients, a ``SCRIPT_NAME`` header, lone surrogates on every
route, a task that stalls an engine, two backends on one machine. Fake engines (instant start) here: these are
about the HTTP layer and the processes; the real engines are in test_backend_studio.py.
"""

from __future__ import annotations

import json
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from backend_server import BackendServer
from label_config import taxonomy as T
from label_config.render import render_config

INSTRUCTION = render_config(T.INSTRUCTION)
READ_TIMEOUT = 3.0
THREADS = 4


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("backend-server")
    s = BackendServer.start(workdir, fake_engines=True, args=("--workers", "2", "--threads", str(THREADS)),
                            env={"REQUEST_READ_TIMEOUT": str(READ_TIMEOUT), "TASK_TIME_BUDGET": "1.5"})
    yield s
    s.stop()


def _half_open(url: str, payload: bytes) -> socket.socket:
    host, port = url.rsplit("//", 1)[1].split(":")
    sock = socket.create_connection((host, int(port)))
    sock.sendall(payload)
    return sock


def _closed_by_server(sock: socket.socket, within: float) -> bool:
    sock.settimeout(within)
    try:
        while True:
            data = sock.recv(4096)
            if not data:
                return True
    except (TimeoutError, socket.timeout):
        return False
    except OSError:
        return True


@pytest.mark.slow
def test_slowloris_half_open_connections_cannot_starve_the_server(server):
    """Issue 10: two half-open connections to /webhook blocked the default server for > 150 s. Here ten times as
    many as there are HTTP threads, stuck in the headers or in a small body: they hold no thread, /health
    answers within 1 s every time, and the server closes each after REQUEST_READ_TIMEOUT."""
    stuck = []
    for i in range(10 * THREADS):
        if i % 2:
            stuck.append(_half_open(server.url, b"POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n"
                                                 b"Content-Type: application/json\r\n\r\n{\"action\": "))
        else:
            stuck.append(_half_open(server.url, b"POST /webhook HTTP/1.1\r\nHost: x\r\nX-Slow: "))
    for _ in range(10):
        t0 = time.monotonic()
        assert requests.get(f"{server.url}/health", timeout=5).status_code == 200
        assert time.monotonic() - t0 < 1.0
        time.sleep(0.1)
    for sock in stuck:
        assert _closed_by_server(sock, within=READ_TIMEOUT + 3)
        sock.close()
    assert "REQUEST_READ_TIMEOUT" in server.wait_for_log("REQUEST_READ_TIMEOUT")


@pytest.mark.slow
def test_a_big_body_sent_slowly_is_cut_off_at_the_read_timeout(server):
    """A body over the event loop's buffer is streamed by a thread; the deadline still bounds it: 400."""
    sock = _half_open(server.url, b"POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n"
                                  b"Content-Type: application/json\r\n\r\n" + b" " * 300_000)
    t0 = time.monotonic()
    sock.settimeout(READ_TIMEOUT + 10)
    answer = b""
    try:
        while b"\r\n\r\n" not in answer:
            sock.sendall(b" ")
            time.sleep(0.2)
            sock.setblocking(False)
            try:
                answer += sock.recv(65536)
            except BlockingIOError:
                pass
            sock.setblocking(True)
            assert time.monotonic() - t0 < READ_TIMEOUT + 10
    except (BrokenPipeError, ConnectionResetError):
        pass  # closed: bounded too
    finally:
        sock.close()
    assert time.monotonic() - t0 < READ_TIMEOUT + 10
    assert not answer or answer.startswith(b"HTTP/1.1 400 the request body stopped after")
    assert requests.get(f"{server.url}/health", timeout=5).status_code == 200


def test_a_script_name_header_is_a_400_in_json(server):
    """Issue 10: gunicorn answered a SCRIPT_NAME header that does not prefix the path with HTML "500"."""
    for path in ("/health", "/predict", "/webhook"):
        r = requests.post(f"{server.url}{path}", headers={"SCRIPT_NAME": "/elsewhere"}, json={}, timeout=10)
        assert r.status_code == 400, (path, r.status_code, r.text)
        assert r.headers["Content-Type"] == "application/json" and "error" in r.json()
    assert requests.get(f"{server.url}/health", timeout=5).status_code == 200


SURROGATE_BODIES = [
    ("/predict", {"tasks": [{"id": 1, "data": {T.PROMPT: "\\ud800"}}], "label_config": INSTRUCTION}),
    ("/predict", {"tasks": [], "label_config": "\\udfff"}),
    ("/predict", {"tasks": [{"id": 1, "data": {"\\ud800": "key"}}], "label_config": INSTRUCTION}),
    ("/setup", {"project": "1.1", "schema": "<View>\\ud83d</View>"}),
    ("/setup", {"project": "\\ud800"}),
    ("/validate", {"config": "<View><Text name='\\udc00' value='$x'/></View>"}),
    ("/validate", {"label_config": "\\ud800"}),
    ("/webhook", {"action": "\\ud800"}),
]


@pytest.mark.parametrize(("path", "body"), SURROGATE_BODIES, ids=[f"{p}-{i}" for i, (p, _) in enumerate(SURROGATE_BODIES)])
def test_lone_surrogates_get_a_4xx_never_a_5xx(server, path, body):
    """Issue 10: 10 HTTP 500s across /validate, /setup, /predict. The JSON escapes are sent raw."""
    raw = json.dumps(body).replace("\\\\u", "\\u").encode()
    r = requests.post(f"{server.url}{path}", data=raw, headers={"Content-Type": "application/json"}, timeout=10)
    assert r.status_code == 400 and "lone surrogate" in r.json()["error"], r.text
    assert "Traceback" not in r.text


SECRET = "Alice Smith alice@example.com"
WEBHOOK_GARBAGE = [
    (SECRET.encode(), "not valid JSON"),
    (b"", "empty"),
    (f'["{SECRET}"]'.encode(), "must be a JSON object, not a list"),
    (f'"{SECRET}"'.encode(), "must be a JSON object, not a string"),
    (b"\xff\xfe" + SECRET.encode(), "not valid UTF-8"),
    (b"[" * 100_000, "nested deeper than 1024"),
    (f'{{"action": "START_TRAINING", "project": "{SECRET}"'.encode(), "not valid JSON"),
]


@pytest.mark.parametrize(("raw", "says"), WEBHOOK_GARBAGE, ids=[w for _, w in WEBHOOK_GARBAGE])
def test_a_webhook_body_that_does_not_parse_is_a_400_naming_why(server, raw, says):
    """Label Studio 1.23.2 always posts a JSON object to /webhook (webhooks/utils.py run_webhook_sync:
    ``json=data``; ml/api_connector.py train: ``{"action": "START_TRAINING", ...}``) and reads no webhook's
    answer, so a body that does not parse comes from something else: it gets a 400 saying what is wrong (not
    200 "ok", as if it had been understood), without the body in the answer or the log."""
    r = requests.post(f"{server.url}/webhook", data=raw, headers={"Content-Type": "application/json"}, timeout=10)
    assert r.status_code == 400, (r.status_code, r.text[:200])
    assert r.headers["Content-Type"] == "application/json"
    error = r.json()["error"]
    assert says in error and "webhook" in error, error
    assert "Alice" not in r.text and "Traceback" not in r.text
    assert "Alice" not in server.log()


def test_a_webhook_object_of_any_action_is_acknowledged(server):
    """A JSON object is Label Studio's (an action this backend ignores, a new one, none at all): 200 "ok"."""
    for body in ({"action": "PROJECT_UPDATED", "project": {"id": 3}}, {"action": "SOMETHING_NEW"}, {}):
        r = requests.post(f"{server.url}/webhook", json=body, timeout=10)
        assert r.status_code == 200 and r.json() == {"status": "ok"}, (body, r.text)


def test_a_stuck_task_gets_no_prediction_the_rest_theirs_and_health_stays_up(server):
    tasks = [{"id": i, "data": {T.PROMPT: f"Call Alice Smith {i}"}} for i in range(50)]
    tasks[7]["data"][T.PROMPT] = "STALL Alice Smith"
    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(requests.post, f"{server.url}/predict",
                             json={"tasks": tasks, "label_config": INSTRUCTION, "project": "4.1"}, timeout=60)
        probes = []
        while not future.done():
            t0 = time.monotonic()
            assert requests.get(f"{server.url}/health", timeout=5).status_code == 200
            probes.append(time.monotonic() - t0)
            time.sleep(0.1)
        r = future.result()
    body = r.json()
    assert r.status_code == 200 and body["results"][7] == []
    assert sum(1 for x in body["results"] if x) == 49
    assert "TASK_TIME_BUDGET" in body["problems"][0]["problem"]
    assert max(probes) < 1.0
    log = server.log()
    assert "task 7 (id 7) no prediction: over the time budget" in log and "Alice" not in log


def test_two_backends_on_one_machine_do_not_share_a_control_socket(tmp_path):
    """gunicorn 27 defaults to ~/.gunicorn/gunicorn.ctl for every instance: stopping one removed the other's.
    Both run with none; stopping one leaves the other serving."""
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "XDG_RUNTIME_DIR": ""}
    first = BackendServer.start(tmp_path, fake_engines=True, args=("--workers", "1"), env=env)
    second = BackendServer.start(tmp_path, fake_engines=True, args=("--workers", "1"), env=env)
    try:
        assert not (home / ".gunicorn").exists()
        first.stop()
        assert requests.get(f"{second.url}/health", timeout=5).json()["ready"] is True
        r = requests.post(f"{second.url}/predict", json={"tasks": [{"id": 1, "data": {T.PROMPT: "Bob Jones"}}],
                                                         "label_config": INSTRUCTION}, timeout=30)
        assert r.status_code == 200 and r.json()["results"][0]
    finally:
        first.stop()
        second.stop()


def test_stopping_the_server_stops_every_engine_process(tmp_path):
    s = BackendServer.start(tmp_path, fake_engines=True, args=("--workers", "2"))
    pids = s.pids()
    assert len(pids) >= 5  # gunicorn, its worker, the forkserver, two engines (and multiprocessing's tracker)
    s.stop()
    deadline = time.monotonic() + 15
    while any(Path(f"/proc/{p}").exists() and "zombie" not in _state(p) for p in pids):
        assert time.monotonic() < deadline, [p for p in pids if Path(f"/proc/{p}").exists()]
        time.sleep(0.2)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:", 1)[1].split("\n", 1)[0].lower()
    except (OSError, IndexError):
        return "zombie"
