"""Many annotators at once on Label Studio, SQLite against PostgreSQL, 1 against 2 backend workers (issue 14.2).

    python benchmarks/annotators.py                      # about 25 minutes on 2 shared cores
    python benchmarks/annotators.py --seconds 20 --annotators 1,5 --json out.json

Both Label Studio servers (1.23.2: one on SQLite, one on a fresh PostgreSQL 15 cluster with fsync on) run side by
side, with the ML backend (``labelguide backend serve --workers W``, W = 1 then 2) connected to every project.
For each W and each crowd size N (a baseline of one annotator alone, then N = 1, 5, 20 with an ML engineer at
work), the two databases take turns, each on a fresh comparison project of real OpenAssistant text:

- N annotators, each its own account (signed up through the invite link) and its own session, work as the
  labeling screen does: ``GET /api/projects/<id>/next`` (Label Studio asks the ML backend for that task's
  predictions when it has none: ``/health``, ``/setup``, ``/predict``, so the suggestions show), then, after a
  think time, ``POST /api/tasks/<id>/annotations`` with the suggestions accepted and a ranking;
- meanwhile (not in the baseline) one ML engineer runs "Retrieve Predictions" on the project's last
  ``--retrieve`` tasks (ONE ``/predict``, as the Data Manager action sends it) and then a JSON export snapshot.

Reported per cell: p50/p95 of "next task" and "submit", tasks shown WITH predictions, annotations stored,
errors, the engineer's retrieve and export times, predictions stored, and the cores each server kept busy
(Label Studio, PostgreSQL, the backend's workers), with the machine's load (``benchmarks/machine.py``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import threading
import time
from pathlib import Path

import requests

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from common.backend_server import BackendServer, start_backend  # noqa: E402
from common.studio import connect, connect_ml_backend, download_export, session_login  # noqa: E402
from common.studio_server import free_port  # noqa: E402
from label_config import taxonomy as T  # noqa: E402
from label_config.render import render_config  # noqa: E402
from machine import machine_summary, measure, print_sections  # noqa: E402
from common.processes import tree_cpu_seconds  # noqa: E402
from topology import Studio, comparison_records, invite_annotators, start_studio, to_task  # noqa: E402


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * len(values)))] * 1000, 1)


class Annotator(threading.Thread):
    """One person at the labeling screen: next task, look at the suggestions, submit, again, until ``stop_at``."""

    def __init__(self, url: str, login: tuple[str, str], project_id: int, stop_at: float, think_s: float,
                 seed: int):
        super().__init__(daemon=True)
        self.url, self.login, self.project_id, self.stop_at, self.think_s = url, login, project_id, stop_at, think_s
        self.rng = random.Random(seed)
        self.next_s: list[float] = []
        self.submit_s: list[float] = []
        self.shown = self.without = self.errors = 0
        self.error_kinds: dict[str, int] = {}

    def _error(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1

    def run(self) -> None:
        session = session_login(self.url, *self.login)
        headers = {"X-CSRFToken": session.cookies.get("csrftoken", ""), "Referer": self.url}
        while time.monotonic() < self.stop_at:
            t0 = time.perf_counter()
            try:
                r = session.get(f"{self.url}/api/projects/{self.project_id}/next", timeout=120)
            except requests.RequestException as exc:
                self._error(f"next: {type(exc).__name__}")
                continue
            if r.status_code != 200:
                self._error(f"next: HTTP {r.status_code}")
                time.sleep(0.5)
                continue
            self.next_s.append(time.perf_counter() - t0)
            task = r.json()
            predictions = task.get("predictions") or []
            if predictions:
                self.shown += 1
            else:
                self.without += 1
            time.sleep(self.think_s * self.rng.uniform(0.5, 1.5))
            result = list(predictions[0]["result"]) if predictions else []
            ranks = list(range(1, len(task["data"][T.OUTPUTS]) + 1))
            self.rng.shuffle(ranks)
            # the labeling screen's answer: one required rank choice beside each output (output_rank_i)
            result.extend({"from_name": T.output_control(T.OUTPUT_RANK, i),
                           "to_name": T.output_control(T.OUTPUT_TEXT, i), "type": "choices",
                           "value": {"choices": [str(rank)]}} for i, rank in enumerate(ranks))
            body = {"result": result, "lead_time": self.think_s, "project": self.project_id}
            t1 = time.perf_counter()
            try:
                r = session.post(f"{self.url}/api/tasks/{task['id']}/annotations/?project={self.project_id}",
                                 json=body, headers=headers, timeout=120)
            except requests.RequestException as exc:
                self._error(f"submit: {type(exc).__name__}")
                continue
            if r.status_code != 201:
                self._error(f"submit: HTTP {r.status_code}")
                continue
            self.submit_s.append(time.perf_counter() - t1)


def _retrieve(studio: Studio, project_id: int, task_ids: list[int], out: dict) -> None:
    """The ML engineer: Retrieve Predictions on ``task_ids`` (one action), then an export snapshot."""
    t0 = time.perf_counter()
    try:
        r = requests.post(f"{studio.url}/api/dm/actions", params={"id": "retrieve_tasks_predictions",
                          "project": project_id}, json={"selectedItems": {"all": False, "included": task_ids}},
                          headers={"Authorization": f"Token {studio.token}"}, timeout=900)
        out["retrieve_status"] = r.status_code
    except requests.RequestException as exc:
        out["retrieve_status"] = type(exc).__name__
    out["retrieve_s"] = round(time.perf_counter() - t0, 2)
    t1 = time.perf_counter()
    try:
        size = sum(len(chunk) for chunk in download_export(connect(studio.url, studio.token), project_id))
        out["export_mb"] = round(size / 1e6, 2)
    except Exception as exc:  # reported, not raised: the cell goes on
        out["export_error"] = type(exc).__name__
    out["export_s"] = round(time.perf_counter() - t1, 2)


def run_cell(studio: Studio, backend: BackendServer, logins: list[tuple[str, str]], n: int, engineer: bool,
             args: argparse.Namespace, tag: str) -> dict:
    ls = connect(studio.url, studio.token)
    project = ls.projects.create(title=f"bench {tag}", label_config=render_config(T.COMPARISON, k=4))
    records = comparison_records(args.tasks)
    for i in range(0, len(records), 500):
        ls.projects.import_tasks(id=project.id, request=[to_task(r) for r in records[i:i + 500]])
    connect_ml_backend(ls, project.id, backend.url)
    task_ids = [t.id for t in ls.tasks.list(project=project.id, include="id")]
    engineer_out: dict = {}
    pids = {"label_studio": [studio.server.process.pid], "backend": backend.pids()}
    if studio.postgres:
        pids["postgres"] = [studio.postgres.postmaster_pid()]
    cpu0 = {k: tree_cpu_seconds(v) for k, v in pids.items()}
    stop_at = time.monotonic() + args.seconds
    crowd = [Annotator(studio.url, logins[i], project.id, stop_at, args.think, seed=i) for i in range(n)]
    with measure(tag) as section:
        for a in crowd:
            a.start()
        side = None
        if engineer:
            side = threading.Thread(target=_retrieve, args=(studio, project.id, task_ids[-args.retrieve:],
                                                            engineer_out), daemon=True)
            time.sleep(1)
            side.start()
        for a in crowd:
            a.join()
        if side:
            side.join()
    wall = section.wall_s
    spent = {k: tree_cpu_seconds(v) - cpu0[k] for k, v in pids.items()}
    section.cpu_s += sum(spent.values())  # the servers' work counts as the benchmark's, not as other load
    busy = {k: round(v / wall, 2) for k, v in spent.items()}
    next_s = [x for a in crowd for x in a.next_s]
    submit_s = [x for a in crowd for x in a.submit_s]
    kinds: dict[str, int] = {}
    for a in crowd:
        for k, v in a.error_kinds.items():
            kinds[k] = kinds.get(k, 0) + v
    predicted = len(ls.predictions.list(project=project.id))
    return {
        "db": studio.db, "workers": len(backend.engine_pids()), "annotators": n, "engineer": engineer,
        "next_p50_ms": _pct(next_s, 0.5), "next_p95_ms": _pct(next_s, 0.95),
        "submit_p50_ms": _pct(submit_s, 0.5), "submit_p95_ms": _pct(submit_s, 0.95),
        "annotations": len(submit_s), "shown_with_predictions": sum(a.shown for a in crowd),
        "shown_without": sum(a.without for a in crowd), "errors": sum(a.errors for a in crowd),
        "error_kinds": kinds, "predictions_stored": predicted, **engineer_out, "cores_busy": busy,
        "section": section.as_dict(),
    }


def _line(c: dict) -> str:
    eng = (f" | retrieve {c.get('retrieve_s')} s ({c.get('retrieve_status')}), export {c.get('export_s')} s"
           if c["engineer"] else " | baseline (no engineer)")
    return (f"{c['db']:<8} W={c['workers']} N={c['annotators']:>2}: next p50/p95 {c['next_p50_ms']}/"
            f"{c['next_p95_ms']} ms, submit {c['submit_p50_ms']}/{c['submit_p95_ms']} ms, "
            f"{c['annotations']} submitted, shown with/without predictions {c['shown_with_predictions']}/"
            f"{c['shown_without']}, errors {c['errors']} {c['error_kinds'] or ''}, predictions stored "
            f"{c['predictions_stored']}{eng} | cores busy {c['cores_busy']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--annotators", default="1,5,20", help="crowd sizes, comma-separated")
    parser.add_argument("--workers", default="1,2", help="backend worker counts, comma-separated")
    parser.add_argument("--dbs", default="sqlite,postgres")
    parser.add_argument("--seconds", type=float, default=40, help="length of each cell")
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds between next and submit")
    parser.add_argument("--tasks", type=int, default=2000, help="tasks per project")
    parser.add_argument("--retrieve", type=int, default=1000, help="tasks the engineer retrieves predictions for")
    parser.add_argument("--json", type=Path, help="write every figure here")
    args = parser.parse_args()
    sizes = [int(x) for x in args.annotators.split(",")]
    print(json.dumps(machine_summary()))
    studios: list[Studio] = []
    cells, backend = [], None
    try:
        for db in args.dbs.split(","):
            studios.append(start_studio(db))
        logins = {s.db: invite_annotators(s, max(sizes)) for s in studios}
        for workers in [int(w) for w in args.workers.split(",")]:
            backend = start_backend(free_port(), studios[0].root / f"backend-{workers}.log", workers=workers)
            backend.wait_ready()
            plan = [(1, False)] + [(n, True) for n in sizes]  # the baseline first: one annotator alone
            for n, engineer in plan:
                for studio in studios:  # the databases take turns: the same load around both
                    tag = f"{studio.db} W={workers} N={n}{'' if engineer else ' baseline'}"
                    cell = run_cell(studio, backend, logins[studio.db], n, engineer, args, tag)
                    cells.append(cell)
                    print(_line(cell), flush=True)
            backend.stop()
            backend = None
    finally:
        if backend:
            backend.stop()
        for s in studios:
            s.stop()
    print("\nMachine during each cell:")
    print_sections([_section(c) for c in cells])
    if args.json:
        args.json.write_text(json.dumps({"machine": machine_summary(), "args": vars(args) | {"json": str(args.json)},
                                         "cells": cells}, indent=1))


def _section(cell: dict):
    from machine import Section

    d = dict(cell["section"])
    d.pop("cores_busy", None)
    d.pop("shared", None)
    return Section(**d)


if __name__ == "__main__":
    main()
