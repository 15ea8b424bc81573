"""10,000 tasks through Label Studio's "Retrieve Predictions", end to end, against ``/predict`` alone (issue 12).

    python benchmarks/backend_retrieve.py                   # 10,000 tasks; about 10-40 minutes on 2 shared cores
    python benchmarks/backend_retrieve.py --tasks 2500 --json out.json
    python benchmarks/backend_retrieve.py --tmpfs           # Label Studio's SQLite on /dev/shm (no fsync cost)

What runs, all real, on this machine:

1. a Label Studio 1.23.2 (``common.studio_server``, SQLite, defaults: ``ML_TIMEOUT_PREDICT`` 100 s) and the
   backend as ``labelguide backend serve`` (the README's command: ``WORKERS`` = the cores);
2. one project with the instruction config and N real prompts (``benchmarks/backend.py``'s "short" set,
   numbered so none repeats), the backend connected;
3. **retrieve**: ``POST /api/dm/actions?id=retrieve_tasks_predictions`` on all tasks, repeated while
   predictions are missing (the backend answers what it did within ``PREDICT_DEADLINE``; Label Studio then
   asks only for the rest). Figures: time to the last prediction stored, tasks/s, retrieves needed, and the
   time the backend itself spent (its log);
4. **baseline, same run**: the same N tasks posted to ``/predict`` directly (what Label Studio sends, minus
   Label Studio), with 1 and with 2 engine processes.

Every section records the CPU it got (Label Studio, backend and engines included) and the load around it
(``benchmarks/machine.py``): on a shared machine the figures are reported, not judged.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from benchmarks.backend import load_prompts  # noqa: E402
from benchmarks.machine import machine_summary, measure, print_sections, verdict  # noqa: E402
from common.studio import connect, connect_ml_backend, get_or_create_project  # noqa: E402
from common.studio_server import free_port, start_label_studio  # noqa: E402
from label_config import taxonomy as T  # noqa: E402
from label_config.render import render_config  # noqa: E402

INSTRUCTION = render_config(T.INSTRUCTION)


def prompts(n: int) -> list[str]:
    base = load_prompts("short")
    return [f"{base[i % len(base)]} (#{i})" for i in range(n)]


def project_predictions(url: str, token: str, project_id: int) -> int:
    r = requests.get(f"{url}/api/projects/{project_id}", headers={"Authorization": f"Token {token}"}, timeout=60)
    r.raise_for_status()
    return int(r.json()["total_predictions_number"])


def retrieve(url: str, token: str, project_id: int) -> dict:
    r = requests.post(f"{url}/api/dm/actions", params={"id": "retrieve_tasks_predictions", "project": project_id},
                      json={"selectedItems": {"all": True, "excluded": []}},
                      headers={"Authorization": f"Token {token}"}, timeout=7200)
    r.raise_for_status()
    return r.json()


def backend_ms(log: str) -> list[float]:
    """total_ms of every /predict in the backend's log, in order."""
    return [float(m) for m in re.findall(r"tasks=\d+ predicted=\d+ .* total_ms=(\d+)", log)]


def direct(server, tasks: list[dict]) -> tuple[float, int]:
    """Wall seconds and predictions of ONE /predict with all ``tasks`` (Label Studio's request shape)."""
    t0 = time.perf_counter()
    r = requests.post(f"{server.url}/predict", json={"tasks": tasks, "label_config": INSTRUCTION,
                                                    "project": "1.1", "params": {}}, timeout=3600)
    r.raise_for_status()
    return time.perf_counter() - t0, sum(1 for x in r.json()["results"] if x)


def main(argv: list[str] | None = None) -> int:
    from backend_server import BackendServer

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--tmpfs", action="store_true", help="Label Studio's data dir on /dev/shm")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    base = Path(tempfile.mkdtemp(prefix="lg-retrieve-", dir="/dev/shm" if args.tmpfs else None))
    figures: dict = {"machine": machine_summary(), "tasks": args.tasks, "ls_data_dir": "tmpfs" if args.tmpfs else
                     "disk", "ls_timeout_predict_s": float(os.environ.get("ML_TIMEOUT_PREDICT", 100))}
    sections = []
    texts = prompts(args.tasks)
    studio = start_label_studio(base / "ls", port=free_port(), email="bench@example.com",
                                password=secrets.token_urlsafe(12), token=secrets.token_hex(20))
    backend = None
    try:
        studio.wait_healthy(300)
        ls = connect(studio.url, studio.token)
        backend = BackendServer.start(base)
        project, _ = get_or_create_project(ls, "retrieve benchmark", INSTRUCTION)
        t0 = time.perf_counter()
        for i in range(0, len(texts), 2_000):
            ls.projects.import_tasks(id=project.id, request=[{T.PROMPT: t} for t in texts[i:i + 2_000]])
        figures["import_s"] = round(time.perf_counter() - t0, 1)
        connect_ml_backend(ls, project.id, backend.url)

        pids = [studio.process.pid, *backend.pids()]
        rounds = []
        with measure("retrieve via Label Studio", pids=pids) as sec:
            while len(rounds) < 5:
                t = time.perf_counter()
                retrieve(studio.url, studio.token, project.id)
                stored = project_predictions(studio.url, studio.token, project.id)
                rounds.append({"wall_s": round(time.perf_counter() - t, 1), "stored_after": stored})
                if stored >= args.tasks:
                    break
        sections.append(sec)
        predict_ms = backend_ms(backend.log())
        figures["retrieve"] = {
            "time_to_last_prediction_s": round(sec.wall_s, 1), "tasks_per_s": round(args.tasks / sec.wall_s, 1),
            "retrieves": rounds, "backend_predict_s": [round(m / 1000, 1) for m in predict_ms],
            "label_studio_s": round(sec.wall_s - sum(predict_ms) / 1000, 1), "cores_busy": round(sec.cores_busy, 2),
        }
        backend.stop()

        tasks = [{"id": i, "data": {T.PROMPT: t}, "meta": {}, "annotations": [], "predictions": []}
                 for i, t in enumerate(texts)]
        figures["predict_alone"] = {}
        for workers in (1, 2):
            server = BackendServer.start(base, args=("--workers", str(workers)))
            try:
                direct(server, tasks[:200])  # warm the connection and the engines' caches
                with measure(f"/predict alone, {workers} engine(s)", pids=server.pids()) as sec:
                    wall, done = direct(server, tasks)
                sections.append(sec)
                figures["predict_alone"][workers] = {"wall_s": round(wall, 1), "predicted": done,
                                                     "tasks_per_s": round(args.tasks / wall, 1),
                                                     "cores_busy": round(sec.cores_busy, 2)}
            finally:
                server.stop()
    finally:
        if backend is not None:
            backend.stop()
        studio.stop()
        shutil.rmtree(base, ignore_errors=True)

    one, two = figures["predict_alone"][1], figures["predict_alone"][2]
    figures["speedup_2_vs_1"] = round(two["tasks_per_s"] / one["tasks_per_s"], 2)
    figures["sections"] = [s.as_dict() for s in sections]
    r = figures["retrieve"]
    print(f"{args.tasks} tasks, Label Studio data on {figures['ls_data_dir']}; machine {figures['machine']}")
    print(f"  retrieve via Label Studio: {r['time_to_last_prediction_s']} s to the last prediction "
          f"({r['tasks_per_s']} tasks/s), {len(r['retrieves'])} retrieve(s): {r['retrieves']}")
    print(f"    of which the backend's /predict: {r['backend_predict_s']} s; Label Studio itself ~{r['label_studio_s']} s")
    for w in (1, 2):
        p = figures["predict_alone"][w]
        print(f"  /predict alone, {w} engine(s): {p['wall_s']} s, {p['tasks_per_s']} tasks/s, {p['cores_busy']} cores busy")
    print(f"  2 engines vs 1: x{figures['speedup_2_vs_1']} "
          f"({verdict(figures['speedup_2_vs_1'], 1.6, sections[-2:], higher_is_better=True)})")
    print_sections(sections)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
