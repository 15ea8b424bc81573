"""Benchmark of issues 5 and 15: a Label Studio export the size of InstructGPT's reward-model set into TRL JSONL.

33,000 ranking tasks, K = 9 outputs of about 100 words, one full ranking (and nine Likert ratings) each:
33,000 x C(9, 2) = 1,188,000 pairs (about 2.1 GB of JSON Lines).

Contenders, each in a fresh process that reports its own wall and CPU time and peak memory (``VmHWM``):

* ``today``: the exporter as it was before issue 15 (git revision ``--baseline-rev``, default ``c340cb8``,
  extracted into a temporary directory): the same-run baseline;
* ``ours``: this tree with ``--workers 2`` (the CLI default on two cores or more: a second process encodes and
  writes while the first reads and ranks); ``ours-1``: this tree in one process (``--workers 1``);
* ``naive``: ``json.load`` of the whole export, every pair in a list, then ``json.dumps`` per line (``--naive``).

Rounds are interleaved (today, ours, ours, today, ...) and the minimum of each is compared, because the machine
may be shared: every run is wrapped in ``benchmarks/machine.py``'s ``measure`` (the cores it kept busy and the
load around it) and a target is judged only on a quiet machine. Every output's sha256 must equal today's:
the new writer writes the same bytes. Issue 15's target: ours >= 2.5x today's speed; issue 5's: < 60 s and
< 500 MB, memory flat as the input grows (``--sizes``).

    python benchmarks/exporters.py                        # full size, 3 rounds, memory at 1/4 and 1/2 too
    python benchmarks/exporters.py --tasks 5000 --rounds 2 --sizes 1 --naive
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# This file is named like the package it measures: drop its folder from the path, and put the tree AFTER
# PYTHONPATH, so that a child run with the baseline revision first on PYTHONPATH imports that revision.
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.append(str(ROOT))

from benchmarks.machine import machine_summary, measure, print_sections, verdict  # noqa: E402
from label_config import taxonomy as T  # noqa: E402

TASKS = 33_000
K = 9
WORDS = 100
BASELINE_REV = "c340cb8"
TARGET_SPEEDUP = 2.5
TARGET_SECONDS = 60.0
TARGET_MB = 500.0

_VOCAB = ("the model answer is clear helpful and kind it explains each step of the task with care so a user can "
          "follow along without extra context while staying truthful about what it does not know and avoiding "
          "harmful advice or invented details in summaries lists code recipes letters poems plans").split()


def generate_export(path: Path, n_tasks: int, seed: int = 0) -> int:
    """Write a synthetic comparison export of ``n_tasks`` tasks, task by task; returns its size in bytes."""
    rng = random.Random(seed)
    pool = [" ".join(rng.choices(_VOCAB, k=WORDS)) for _ in range(997)]
    models = [f"model-{m}" for m in "abcdefghi"]
    with open(path, "w", encoding="utf-8") as f:
        f.write("[")
        for t in range(n_tasks):
            ids = [f"o{i}" for i in range(K)]
            order = ids[:]
            rng.shuffle(order)
            result = [{"from_name": T.output_control(T.LIKERT, i), "to_name": T.output_control(T.OUTPUT_TEXT, i),
                       "type": "rating", "value": {"rating": rng.randint(1, 7)}} for i in range(K)]
            result.append({"from_name": T.RANKING, "to_name": T.OUTPUTS, "type": "ranker",
                           "value": {"ranker": {T.bucket_name(r + 1): [oid] for r, oid in enumerate(order)}}})
            task = {
                "id": t + 1,
                "data": {T.PROMPT: f"Prompt {t}: " + pool[(t * 7) % len(pool)][:300],
                         T.OUTPUTS: [{T.OUTPUT_ID: oid, T.OUTPUT_TITLE: f"Output {chr(65 + i)}",
                                      T.OUTPUT_BODY: f"[{t}.{i}] " + pool[(t * K + i) % len(pool)]}
                                     for i, oid in enumerate(ids)],
                         T.MODELS: dict(zip(ids, models)),
                         T.SPLIT: ("train", "train", "train", "valid", "test")[t % 5]},
                "annotations": [{"id": t + 1, "completed_by": 1 + t % 40, "was_cancelled": False,
                                 "ground_truth": False, "lead_time": 61.5, "result": result}],
                "predictions": [],
            }
            if t:
                f.write(",\n")
            json.dump(task, f, ensure_ascii=False)
        f.write("]\n")
    return path.stat().st_size


# ------------------------------------------------------------------------------------------------------------
# The contenders, each run in its own process (``--child KIND IN OUT``)
# ------------------------------------------------------------------------------------------------------------


def run_exporter(src: Path, out: Path, workers: int = 1) -> dict:
    """The exporter found first on the path: this tree (ours) or the extracted baseline revision (today)."""
    try:
        from exporters.pair_files import write_pairs  # this tree
    except ImportError:  # the revision before issue 15
        from exporters.formats import write_pairs

        report = write_pairs(iter_export_file(src), out, "trl")
    else:
        report = write_pairs(iter_export_file(src), out, "trl", workers=workers)
    return {"pairs": report.pairs, "tasks": report.tasks}


def iter_export_file(src: Path):
    from exporters.read import iter_export_file as read

    return read(src)


def run_naive(src: Path, out: Path) -> dict:
    """What a first script does: load everything, make every pair, write them."""
    with open(src, encoding="utf-8") as f:
        tasks = json.load(f)
    pairs = []
    for task in tasks:
        data = task["data"]
        outputs = {o["id"]: (i, o["body"]) for i, o in enumerate(data["outputs"])}
        for ann in task["annotations"]:
            if ann.get("was_cancelled"):
                continue
            likert, ranks = {}, {}
            for r in ann["result"]:
                if r["type"] == "rating":
                    likert[data["outputs"][int(r["from_name"].rsplit("_", 1)[1])]["id"]] = r["value"]["rating"]
                elif r["type"] == "ranker":
                    levels = sorted({int(b.split("_")[1]) for b, ids in r["value"]["ranker"].items() if ids})
                    for b, ids in r["value"]["ranker"].items():
                        for oid in ids:
                            ranks[oid] = levels.index(int(b.split("_")[1])) + 1
            ranked = sorted(ranks, key=lambda o: (ranks[o], outputs[o][0]))
            for i, a in enumerate(ranked):
                for b in ranked[i + 1:]:
                    if ranks[a] == ranks[b]:
                        continue
                    pairs.append({"prompt": data["prompt"], "chosen": outputs[a][1], "rejected": outputs[b][1],
                                  "task_id": task["id"], "annotator": ann["completed_by"], "chosen_id": a,
                                  "rejected_id": b, "chosen_rank": ranks[a], "rejected_rank": ranks[b],
                                  "margin": ranks[b] - ranks[a], "likert_margin": likert[a] - likert[b],
                                  "chosen_model": data["models"][a], "rejected_model": data["models"][b],
                                  "split": data.get("split"), "tie": False})
    with open(out, "w", encoding="utf-8") as f:
        for p in pairs:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    return {"pairs": len(pairs), "tasks": len(tasks)}


def peak_rss_mb() -> float:
    """This process's peak resident memory. ``VmHWM`` rather than ``ru_maxrss``: Linux carries ``ru_maxrss``
    over from the parent across fork + exec, so a child would report the benchmark driver's own peak."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(kind: str, src: str, out: str) -> None:
    import resource

    wall0, cpu0 = time.perf_counter(), time.process_time()
    if kind == "naive":
        counts = run_naive(Path(src), Path(out))
    else:
        counts = run_exporter(Path(src), Path(out), workers=2 if kind == "ours" else 1)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the writing process of --workers 2
    print(json.dumps({"seconds": time.perf_counter() - wall0,
                      "cpu_s": time.process_time() - cpu0 + children.ru_utime + children.ru_stime,
                      "peak_mb": max(peak_rss_mb(), children.ru_maxrss / 1024), **counts}))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def extract_revision(rev: str, into: Path) -> Path:
    """The exporters, label_config and common packages of git revision ``rev``, extracted into ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "exporters", "label_config", "common"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def run_child(kind: str, src: Path, out: Path, path: Path) -> dict:
    """One measured run in a fresh process with ``path`` first on PYTHONPATH."""
    env = {**os.environ, "PYTHONPATH": f"{path}"}
    with measure(f"{kind} {src.stem}") as section:
        proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", kind, str(src), str(out)],
                              capture_output=True, text=True, cwd=path, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result.update(kind=kind, out_mb=out.stat().st_size / 1e6, sha256=sha256_of(out), section=section)
    out.unlink()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=TASKS, help="tasks at full size (default 33,000)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of today and ours (default 3)")
    parser.add_argument("--sizes", default="0.25,0.5", help="extra fractions of --tasks for the memory sweep "
                                                            "(ours only; default 0.25,0.5; '' for none)")
    parser.add_argument("--baseline-rev", default=BASELINE_REV, help="git revision of today's exporter")
    parser.add_argument("--naive", action="store_true", help="also run the naive json.load baseline")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "IN", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    print("machine:", json.dumps(machine_summary()), flush=True)
    runs: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="labelguide-bench-") as tmp_name:
        tmp = Path(tmp_name)
        today_path = extract_revision(args.baseline_rev, tmp / "today")
        src = tmp / f"export_{args.tasks}.json"
        t0 = time.perf_counter()
        size = generate_export(src, args.tasks)
        print(f"generated {args.tasks:,} tasks ({size / 1e6:,.0f} MB) in {time.perf_counter() - t0:.1f} s", flush=True)
        for r in range(args.rounds):
            order = ("today", "ours-1", "ours") if r % 2 == 0 else ("ours", "ours-1", "today")
            for kind in order:
                res = run_child(kind, src, tmp / f"{kind}.jsonl", today_path if kind == "today" else ROOT)
                runs.append(res)
                print(f"  round {r + 1} {kind:<6} {res['pairs']:>9,} pairs  {res['seconds']:6.2f} s wall  "
                      f"{res['cpu_s']:6.2f} s CPU  peak {res['peak_mb']:5.0f} MB  sha256 {res['sha256'][:12]}",
                      flush=True)
        if args.naive:
            runs.append(run_child("naive", src, tmp / "naive.jsonl", ROOT))
        sweep = []
        for fraction in [float(x) for x in args.sizes.split(",") if x.strip()]:
            n = max(1, int(args.tasks * fraction))
            small = tmp / f"export_{n}.json"
            generate_export(small, n)
            sweep.append({**run_child("ours", small, tmp / "sweep.jsonl", ROOT), "tasks": n})
            small.unlink()

    today = [r for r in runs if r["kind"] == "today"]
    ours = [r for r in runs if r["kind"] == "ours"]
    ours1 = [r for r in runs if r["kind"] == "ours-1"]
    same = {r["sha256"] for r in runs}
    print()
    print_sections([r["section"] for r in runs + sweep])
    print()
    groups = (("today", today), ("ours-1", ours1), ("ours", ours))
    best = {k: min(rs, key=lambda r: r["seconds"]) for k, rs in groups}
    for kind, rs in groups:
        r = best[kind]
        print(f"{kind:<6} best of {len(rs)}: {r['seconds']:.2f} s wall, {min(x['cpu_s'] for x in rs):.2f} s CPU, "
              f"peak {r['peak_mb']:.0f} MB, {r['pairs'] / r['seconds']:,.0f} pairs/s")
    wall_x = best["today"]["seconds"] / best["ours"]["seconds"]
    one_x = best["today"]["seconds"] / best["ours-1"]["seconds"]
    cpu_x = min(r["cpu_s"] for r in today) / min(r["cpu_s"] for r in ours1)
    print(f"speed-up, same run, best of each: {wall_x:.2f}x wall with --workers 2 (the CLI default on 2+ cores), "
          f"{one_x:.2f}x wall and {cpu_x:.2f}x CPU in one process (--workers 1)")
    print(f"byte-identical output (sha256 of every run): {'yes' if len(same) == 1 else 'NO'} ({sorted(same)[0][:16]})")
    for r in runs:
        if r["kind"] == "naive":
            print(f"naive json.load baseline: {r['seconds']:.1f} s, peak {r['peak_mb']:.0f} MB")
    full = best["ours"]
    peaks = [full["peak_mb"], *(r["peak_mb"] for r in sweep)]
    sizes = ", ".join(f"{r['tasks']:,}" for r in sweep)
    print(f"ours peak memory across sizes {sizes} and {args.tasks:,}: {min(peaks):.0f}-{max(peaks):.0f} MB")
    sections = [r["section"] for r in today + ours + ours1]
    print("issue 15 (>= 2.5x today's speed):", verdict(wall_x, TARGET_SPEEDUP, sections))
    print("issue 5 (< 60 s):", verdict(full["seconds"], TARGET_SECONDS, best["ours"]["section"], higher_is_better=False))
    print("issue 5 (< 500 MB):", "met" if max(peaks) < TARGET_MB else "MISSED", f"({max(peaks):.0f} MB)")
    sys.exit(0 if len(same) == 1 else 1)


if __name__ == "__main__":
    main()
