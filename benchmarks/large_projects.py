"""100,000 comparison tasks in Label Studio on PostgreSQL: import, export, predictions (issue 14.3).

    python benchmarks/large_projects.py                       # about an hour on 2 shared cores
    python benchmarks/large_projects.py --n 20000 --export-sizes 2000,20000 --json out.json

Label Studio 1.23.2 on a fresh PostgreSQL 15 cluster (fsync on), the ML backend with 2 workers. Each step runs
in its own process where memory matters (its peak RSS, VmHWM), inside ``benchmarks/machine.py``'s
``measure`` with the servers' CPU counted:

1. ``import``: ``labelguide import prompts`` of N comparison records (real OpenAssistant text, 4 outputs,
   ``--pii keep --prefix-chars 0 --max-per-user 0``) into a new project: time, tasks/s, the importer's peak RSS,
   Label Studio's and PostgreSQL's CPU;
2. ``export``: for each size S of ``--export-sizes``, a project of S tasks imported WITH one ranking annotation
   each (Label Studio's import API, batches of 1,000), then ``labelguide export pairs --project``: the JSON
   snapshot Label Studio builds, streamed through the exporter; time, pairs written, the exporter's peak RSS
   and Label Studio's own peak RSS; then the same snapshot saved to a file and exported with ``--input``, the
   exporter's memory without the download;
3. ``predictions``: "Retrieve Predictions" on chunks of ``--chunk`` tasks of the big project (one ``/predict``
   each, as the Data Manager sends it): seconds per chunk against Label Studio's ``ML_TIMEOUT_PREDICT`` (100 s),
   and, with ``--retrieve-all``, the whole project in one action. CAREFUL: at 100,000 tasks Label Studio
   serializes every task into that one request in memory: 9 GB resident and nothing sent after 6 minutes here.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from common.backend_server import start_backend  # noqa: E402
from common.studio import connect, connect_ml_backend, download_export  # noqa: E402
from common.studio_server import free_port  # noqa: E402
from label_config import taxonomy as T  # noqa: E402
from label_config.render import render_config  # noqa: E402
from machine import machine_summary, measure, print_sections  # noqa: E402
from common.processes import tree_cpu_seconds  # noqa: E402
from topology import Studio, comparison_records, start_studio, to_task  # noqa: E402


# Runs a module as ``python -m`` would, then writes the process's own peak resident memory (VmHWM) to a file.
# Not wait4's ru_maxrss: Linux carries the parent's resident size into a forked child's maximum, so a
# benchmark holding 100,000 records would report them as the child's.
_PEAK_WRAPPER = """
import atexit, runpy, sys
out = sys.argv.pop(1)
def _peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            open(out, "w").write(line.split()[1])
atexit.register(_peak)
sys.argv = sys.argv[1:]
runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
"""


def run_measured(module_args: list[str], env: dict[str, str], log: Path) -> tuple[int, float, str]:
    """Run ``python -m <module_args>``; its exit code, its own peak RSS in MB, and its output's tail."""
    peak_file = log.with_suffix(".peak")
    cmd = [sys.executable, "-c", _PEAK_WRAPPER, str(peak_file), *module_args]
    with open(log, "wb") as out:
        code = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, env=env).returncode
    peak = round(int(peak_file.read_text()) / 1024, 1) if peak_file.exists() else 0.0
    return code, peak, log.read_text(errors="replace")[-1500:]


def _rss_mb(pid: int, field: str = "VmHWM") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _with_server_cpu(section, studio: Studio, extra_pids: list[int], cpu0: float) -> float:
    spent = tree_cpu_seconds(studio.pids() + extra_pids) - cpu0
    section.cpu_s += spent
    return round(spent / section.wall_s, 2) if section.wall_s else 0.0


def step_import(studio: Studio, records_file: Path, n: int, env: dict, work: Path, sections: list) -> dict:
    cmd = ["labelguide", "import", "prompts", str(records_file), "--project",
           "large: import", "--interface", T.COMPARISON, "--pii", "keep", "--prefix-chars", "0",
           "--max-per-user", "0", "--split-ratios", "1,0,0", "--json"]
    cpu0 = tree_cpu_seconds(studio.pids())
    with measure(f"import {n}") as sec:
        code, peak, tail = run_measured(cmd, env, work / "import.log")
    servers = _with_server_cpu(sec, studio, [], cpu0)
    sections.append(sec)
    ls = connect(studio.url, studio.token)
    project = next(p for p in ls.projects.list(title="large: import") if p.title == "large: import")
    return {"exit": code, "tasks": ls.projects.get(id=project.id).task_number, "seconds": round(sec.wall_s, 1),
            "tasks_per_s": round(n / sec.wall_s, 1), "importer_peak_mb": peak, "servers_cores_busy": servers,
            "project": project.id, "tail": tail if code else ""}


def _annotated_task(record: dict) -> dict:
    task = to_task(record)
    ranks = [{"from_name": T.output_control(T.OUTPUT_RANK, i), "to_name": T.output_control(T.OUTPUT_TEXT, i),
              "type": "choices", "value": {"choices": [str(i + 1)]}} for i in range(len(task[T.OUTPUTS]))]
    return {"data": task, "annotations": [{"result": ranks}]}


def step_export(studio: Studio, size: int, env: dict, work: Path, sections: list) -> dict:
    ls = connect(studio.url, studio.token)
    project = ls.projects.create(title=f"large: export {size}", label_config=render_config(T.COMPARISON, k=4))
    records = comparison_records(size)
    t0 = time.perf_counter()
    for i in range(0, size, 1000):
        ls.projects.import_tasks(id=project.id, request=[_annotated_task(r) for r in records[i:i + 1000]])
    import_s = time.perf_counter() - t0
    out = work / f"pairs-{size}.jsonl"
    cmd = ["labelguide", "export", "pairs", "--project", str(project.id), "--output",
           str(out)]
    cpu0 = tree_cpu_seconds(studio.pids())
    with measure(f"export {size}") as sec:
        code, peak, tail = run_measured(cmd, env, work / f"export-{size}.log")
    servers = _with_server_cpu(sec, studio, [], cpu0)
    sections.append(sec)
    pairs = sum(1 for _ in out.open()) if out.exists() else 0
    result = {"size": size, "annotated_import_s": round(import_s, 1), "exit": code,
              "seconds": round(sec.wall_s, 1), "pairs": pairs, "expected_pairs": size * 6, "exporter_peak_mb": peak,
              "label_studio_peak_mb": _rss_mb(studio.server.process.pid), "servers_cores_busy": servers,
              "tail": tail if code else ""}
    # the same snapshot saved to a file, then exported from it: the exporter's own memory, without the download
    snapshot = work / f"snapshot-{size}.json"
    with snapshot.open("wb") as fh:
        for chunk in download_export(connect(studio.url, studio.token), project.id):
            fh.write(chunk)
    cmd = ["labelguide", "export", "pairs", "--input", str(snapshot), "--output",
           str(work / f"pairs-file-{size}.jsonl")]
    with measure(f"export {size} from file") as sec:
        code, peak, tail = run_measured(cmd, env, work / f"export-file-{size}.log")
    sections.append(sec)
    result["from_file"] = {"snapshot_mb": round(snapshot.stat().st_size / 1e6, 1), "exit": code,
                           "seconds": round(sec.wall_s, 1), "exporter_peak_mb": peak, "tail": tail if code else ""}
    snapshot.unlink()
    return result


def _retrieve(studio: Studio, project_id: int, selected: dict) -> tuple[int | str, float]:
    t0 = time.perf_counter()
    try:
        r = requests.post(f"{studio.url}/api/dm/actions", params={"id": "retrieve_tasks_predictions",
                          "project": project_id}, json={"selectedItems": selected},
                          headers={"Authorization": f"Token {studio.token}"}, timeout=3600)
        status: int | str = r.status_code
    except requests.RequestException as exc:
        status = type(exc).__name__
    return status, round(time.perf_counter() - t0, 1)


def step_predictions(studio: Studio, project_id: int, args, work: Path, sections: list) -> dict:
    backend = start_backend(free_port(), work / "backend.log", workers=2)
    out: dict = {"chunks": []}
    try:
        backend.wait_ready()
        ls = connect(studio.url, studio.token)
        connect_ml_backend(ls, project_id, backend.url)
        ids = [t.id for t in ls.tasks.list(project=project_id, include="id")]
        for c in range(args.chunks):
            chunk = ids[c * args.chunk:(c + 1) * args.chunk]
            cpu0 = tree_cpu_seconds(studio.pids() + [backend.process.pid])
            with measure(f"retrieve chunk {c + 1} ({len(chunk)} tasks)") as sec:
                status, seconds = _retrieve(studio, project_id, {"all": False, "included": chunk})
            _with_server_cpu(sec, studio, [backend.process.pid], cpu0)
            sections.append(sec)
            out["chunks"].append({"tasks": len(chunk), "status": status, "seconds": seconds})
        out["stored_after_chunks"] = len(ls.predictions.list(project=project_id))
        if args.retrieve_all:
            with measure(f"retrieve all {len(ids)}") as sec:
                status, seconds = _retrieve(studio, project_id, {"all": True, "excluded": []})
            sections.append(sec)
            out["all"] = {"tasks": len(ids), "status": status, "seconds": seconds,
                          "stored_after": len(ls.predictions.list(project=project_id))}
    finally:
        backend.stop()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="tasks imported through the importer")
    parser.add_argument("--export-sizes", default="10000,100000", help="annotated project sizes to export")
    parser.add_argument("--chunk", type=int, default=1000, help="tasks per Retrieve Predictions")
    parser.add_argument("--chunks", type=int, default=3)
    parser.add_argument("--retrieve-all", action="store_true", help="also retrieve the whole project at once (9 GB in Label Studio at 100k)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the generated records and exports")
    args = parser.parse_args()
    print(json.dumps(machine_summary()), flush=True)
    work = Path(tempfile.mkdtemp(prefix="labelguide-large-"))
    sections: list = []
    report: dict = {"machine": machine_summary(), "args": {k: str(v) for k, v in vars(args).items()}}
    studio = None
    try:
        records_file = work / "records.jsonl"
        with records_file.open("w") as fh:
            for rec in comparison_records(args.n):
                fh.write(json.dumps(rec) + "\n")
        studio = start_studio("postgres", work / "stack")  # removed by studio.stop()
        env = {k: v for k, v in os.environ.items() if not k.startswith("LABEL_STUDIO_")}
        env.update(LABEL_STUDIO_URL=studio.url, LABEL_STUDIO_API_KEY=studio.token)
        report["import"] = step_import(studio, records_file, args.n, env, work, sections)
        print("import:", json.dumps(report["import"]), flush=True)
        report["export"] = []
        for size in [int(s) for s in args.export_sizes.split(",")]:
            report["export"].append(step_export(studio, size, env, work, sections))
            print("export:", json.dumps(report["export"][-1]), flush=True)
        report["predictions"] = step_predictions(studio, report["import"]["project"], args, work, sections)
        print("predictions:", json.dumps(report["predictions"]), flush=True)
    finally:
        if studio:
            studio.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("\nMachine during each step:")
    print_sections(sections)
    report["sections"] = [s.as_dict() for s in sections]
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
