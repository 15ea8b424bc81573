"""Two ML backend replicas behind one URL (Debian's nginx, ``common/proxy_server.py``), driven by a real Label
Studio: the same predictions from either, and a replica killed in the middle of "Retrieve Predictions" loses
nothing, because the proxy re-sends the request to the other one.

The control case shows why the proxy is needed: Label Studio itself neither retries a failed ``/predict`` nor
falls back on a second ML backend connected to the same project; a crash mid-request loses the whole batch,
and the action still reports success.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest
import requests

from common.backend_server import BackendServer, start_backend
from common.processes import cpu_seconds
from common.proxy_server import nginx_executable, start_nginx
from common.studio import connect_ml_backend, get_or_create_project, retrieve_predictions
from common.studio_server import free_port
from label_config import taxonomy as T
from label_config.render import render_config

from conftest import SHARED_DATA

pytestmark = [pytest.mark.studio, pytest.mark.slow]

N_TASKS = 400  # /predict takes seconds: a replica can die in the middle of it


def _texts(n: int) -> list[str]:
    """Real prompts: HH-RLHF transcripts (chosen, then rejected), then Presidio's synthetic PII sentences."""
    hh = [json.loads(line) for line in (SHARED_DATA / "hh_rlhf_harmless_base_test_300.jsonl").open()]
    pii = [json.loads(line)["full_text"] for line in
           (SHARED_DATA / "presidio_synth_dataset_v2_400_enriched.jsonl").open()]
    texts = [r["chosen"].strip() for r in hh] + [r["rejected"].strip() for r in hh] + pii
    return texts[:n]


def _replica_cpu(server: BackendServer) -> float:
    return sum(cpu_seconds(p) for p in server.engine_pids())


class Replicas:
    """Two ``labelguide backend serve`` processes (1 worker each) and nginx in front of them."""

    def __init__(self, root: Path):
        self.root = root
        self.ports = [free_port(), free_port()]
        self.servers = [self._start(i) for i in (0, 1)]
        for s in self.servers:
            s.wait_ready()
        self.proxy = start_nginx(free_port(), [f"127.0.0.1:{p}" for p in self.ports], root / "nginx")

    def _start(self, i: int) -> BackendServer:
        return start_backend(self.ports[i], self.root / f"replica{i}.log", workers=1)

    def restart(self, i: int) -> None:
        self.servers[i].stop()
        self.servers[i] = self._start(i)
        self.servers[i].wait_ready()

    def stop(self) -> None:
        self.proxy.stop(remove=False)
        for s in self.servers:
            s.stop()


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    try:
        nginx_executable()
    except FileNotFoundError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"{exc} (.ci/run installs it)")
        pytest.skip(str(exc))
    pair = Replicas(tmp_path_factory.mktemp("replicas"))
    try:
        yield pair
    finally:
        pair.stop()


def _project(ls, title: str, n: int = N_TASKS):
    project, created = get_or_create_project(ls, title, render_config(T.INSTRUCTION))
    if created:
        ls.projects.import_tasks(id=project.id, request=[{T.PROMPT: t} for t in _texts(n)])
    return project


def _predictions_by_task(ls, project_id: int) -> dict[int, list]:
    """``{task id: its predictions}`` for every task of the project (two API calls)."""
    by_task: dict[int, list] = {t.id: [] for t in ls.tasks.list(project=project_id, include="id")}
    for prediction in ls.predictions.list(project=project_id):
        by_task[prediction.task].append(prediction)
    return by_task


def _kill_the_busy_replica(pair: Replicas, before: list[float], timeout: float = 120) -> int:
    """Wait until one replica's worker burns CPU (it is inside /predict), SIGKILL that replica; its index."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for i, server in enumerate(pair.servers):
            if _replica_cpu(server) - before[i] > 0.5:
                server.kill()
                return i
        time.sleep(0.05)
    raise AssertionError("no replica started predicting")


def _retrieve_in_background(studio, project_id: int) -> tuple[threading.Thread, dict]:
    out: dict = {}

    def run() -> None:
        try:
            out["response"] = retrieve_predictions(studio.url, studio.token, project_id)
        except Exception as exc:  # reported by the test
            out["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, out


def test_either_replica_gives_the_same_predictions(replicas):
    tasks = [{"id": i, "data": {T.PROMPT: text}} for i, text in enumerate(_texts(40))]
    body = {"tasks": tasks, "label_config": render_config(T.INSTRUCTION), "project": "1.1"}
    answers = [requests.post(f"{s.url}/predict", json=body, timeout=120).json() for s in replicas.servers]
    assert answers[0] == answers[1]
    assert len(answers[0]["results"]) == len(tasks)
    assert any(r["result"] for r in answers[0]["results"])  # real findings, not empty answers
    # nginx balances round robin, but a replica slow to accept on a loaded machine (proxy_connect_timeout 1 s)
    # is skipped for fail_timeout: so up to 6 requests, until each replica has answered one
    wanted = {f"127.0.0.1:{p}" for p in replicas.ports}
    for _ in range(6):
        assert requests.post(f"{replicas.proxy.url}/predict", json=body, timeout=120).json() == answers[0]
        first_tried = {u[0] for u in replicas.proxy.upstreams_used()}
        if first_tried == wanted:
            break
    assert first_tried == wanted


def test_a_replica_killed_mid_retrieve_loses_nothing(replicas, studio, ls):
    project = _project(ls, "replicas: failover")
    connect_ml_backend(ls, project.id, replicas.proxy.url)
    before = [_replica_cpu(s) for s in replicas.servers]
    thread, out = _retrieve_in_background(studio, project.id)
    killed = _kill_the_busy_replica(replicas, before)
    thread.join(timeout=300)
    assert "error" not in out, out.get("error")
    try:
        by_task = _predictions_by_task(ls, project.id)
        assert len(by_task) == N_TASKS
        counts = {tid: len(p) for tid, p in by_task.items()}
        assert set(counts.values()) == {1}, "every task exactly one prediction: nothing lost, nothing twice"
        versions = {p[0].model_version for p in by_task.values()}
        assert len(versions) == 1
        # the proxy tried the killed replica, then sent the same request to the survivor
        survivor = 1 - killed
        retried = [u for u in replicas.proxy.upstreams_used() if len(u) == 2]
        assert retried and retried[-1] == [f"127.0.0.1:{replicas.ports[killed]}",
                                           f"127.0.0.1:{replicas.ports[survivor]}"]
        # what Label Studio stored is what the survivor answers for those tasks
        sample = sorted(by_task)[:5]
        tasks = [{"id": tid, "data": t.data} for tid in sample for t in [ls.tasks.get(id=tid)]]
        direct = requests.post(f"{replicas.servers[survivor].url}/predict", timeout=120, json={
            "tasks": tasks, "label_config": render_config(T.INSTRUCTION), "project": f"{project.id}.1"}).json()
        assert [r["result"] for r in direct["results"]] == [by_task[tid][0].result for tid in sample]
    finally:
        replicas.restart(killed)


def test_without_the_proxy_label_studio_loses_the_batch(replicas, studio, ls):
    """Control: the project connected to replica A, then to replica B, with no proxy. A dies mid-/predict:
    Label Studio does not retry, does not fall back on B, stores nothing, and reports success."""
    project = _project(ls, "replicas: no proxy", n=N_TASKS)
    a, b = replicas.servers
    connect_ml_backend(ls, project.id, a.url)
    connect_ml_backend(ls, project.id, b.url)
    assert [m.url for m in ls.ml.list(project=project.id)] == [a.url, b.url]
    before = [_replica_cpu(s) for s in replicas.servers]
    thread, out = _retrieve_in_background(studio, project.id)
    try:
        killed = _kill_the_busy_replica(replicas, before)
        thread.join(timeout=300)
        assert killed == 0, "Label Studio calls the first connected backend only"
        assert "error" not in out and out["response"]  # the action answered 200 ...
        by_task = _predictions_by_task(ls, project.id)
        assert sum(len(p) for p in by_task.values()) == 0  # ... and stored nothing
    finally:
        replicas.restart(0)
