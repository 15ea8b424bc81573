"""Benchmark of issue 5: a Label Studio export the size of InstructGPT's reward-model set into TRL JSONL.

33,000 ranking tasks, K = 9 outputs of about 100 words, one full ranking (and nine Likert ratings) each:
33,000 x C(9, 2) = 1,188,000 pairs. Targets on this machine: under 60 s and under 500 MB peak memory, memory
flat as the input grows. Measured against a naive baseline in the same run: ``json.load`` the whole export,
build every pair in a list, then write (the same records, byte for byte: the two outputs are compared).

Each measurement runs in a fresh Python process, which reports its own wall time (reading to written file)
and peak resident memory (``ru_maxrss``, the whole process: interpreter and imports included). Runs at 1/4,
1/2 and the full size show how memory grows. Temporary files live in one temporary directory, deleted at the
end.

    python benchmarks/exporters.py                      # the issue's run: 1/4, 1/2, full; ours and the baseline
    python benchmarks/exporters.py --tasks 2000 --sizes 1 --no-baseline   # a quick look
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
sys.path.insert(0, str(ROOT))

from label_config import taxonomy as T  # noqa: E402

TASKS = 33_000
K = 9
WORDS = 100
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
# The two contenders, each run in its own process (``--child ours|naive IN OUT``)
# ------------------------------------------------------------------------------------------------------------


def run_ours(src: Path, out: Path) -> dict:
    from exporters.formats import write_pairs
    from exporters.read import iter_export_file

    report = write_pairs(iter_export_file(src), out, "trl")
    return {"pairs": report.pairs, "tasks": report.tasks}


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
    start = time.perf_counter()
    counts = (run_ours if kind == "ours" else run_naive)(Path(src), Path(out))
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": peak_rss_mb(), **counts}))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def measure(kind: str, src: Path, out: Path) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", kind, str(src), str(out)], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if proc.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{proc.stderr}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["out_mb"] = out.stat().st_size / 1e6
    result["sha256"] = sha256_of(out)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=TASKS, help="tasks at full size (default 33,000)")
    parser.add_argument("--sizes", default="0.25,0.5,1", help="fractions of --tasks to run (default 0.25,0.5,1)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the naive json.load baseline")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "IN", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    fractions = [float(x) for x in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="labelguide-bench-") as tmp:
        for fraction in fractions:
            n = max(1, int(args.tasks * fraction))
            src = Path(tmp) / f"export_{n}.json"
            t0 = time.perf_counter()
            size = generate_export(src, n)
            print(f"generated {n:,} tasks ({size / 1e6:,.0f} MB) in {time.perf_counter() - t0:.1f} s", flush=True)
            for kind in ("ours", "naive") if not args.no_baseline else ("ours",):
                out = Path(tmp) / f"{kind}_{n}.jsonl"
                r = measure(kind, src, out)
                rows.append({"kind": kind, "tasks": n, "input_mb": size / 1e6, **r})
                print(f"  {kind:<5} {r['pairs']:>9,} pairs  {r['seconds']:6.1f} s  peak {r['peak_mb']:7.0f} MB  "
                      f"output {r['out_mb']:,.0f} MB", flush=True)
                out_other = Path(tmp) / f"ours_{n}.jsonl"
                if kind == "ours" and args.no_baseline:
                    out.unlink(missing_ok=True)
                if kind == "naive":
                    ours = next(x for x in rows if x["kind"] == "ours" and x["tasks"] == n)
                    same = ours["sha256"] == r["sha256"]
                    print(f"  same output as the baseline: {'yes' if same else 'NO'}", flush=True)
                    if not same:
                        raise SystemExit("outputs differ")
                    out_other.unlink(missing_ok=True)
                    out.unlink(missing_ok=True)
            src.unlink()

    print()
    print(f"{'':<7}{'tasks':>8}{'input MB':>10}{'pairs':>11}{'seconds':>9}{'peak MB':>9}{'pairs/s':>10}")
    for r in rows:
        print(f"{r['kind']:<7}{r['tasks']:>8,}{r['input_mb']:>10,.0f}{r['pairs']:>11,}{r['seconds']:>9.1f}"
              f"{r['peak_mb']:>9.0f}{r['pairs'] / r['seconds']:>10,.0f}")
    full = [r for r in rows if r["kind"] == "ours" and r["tasks"] == max(x["tasks"] for x in rows)][0]
    ours = [r for r in rows if r["kind"] == "ours"]
    growth = max(r["peak_mb"] for r in ours) - min(r["peak_mb"] for r in ours)
    sizes = ", ".join(f"{r['tasks']:,}" for r in ours)
    print()
    print(f"ours at {full['tasks']:,} tasks: {full['seconds']:.1f} s (target < {TARGET_SECONDS:.0f} s), "
          f"peak {full['peak_mb']:.0f} MB (target < {TARGET_MB:.0f} MB); peak memory varies by {growth:.0f} MB "
          f"across sizes {sizes}")
    naive = [r for r in rows if r["kind"] == "naive" and r["tasks"] == full["tasks"]]
    if naive:
        print(f"naive json.load baseline at the same size: {naive[0]['seconds']:.1f} s, peak {naive[0]['peak_mb']:.0f} MB")
    ok = full["seconds"] < TARGET_SECONDS and full["peak_mb"] < TARGET_MB
    print("targets met" if ok else "TARGETS MISSED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
