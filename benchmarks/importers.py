"""Benchmark of the import pipeline (issue 4): read + normalize + dedupe + cap + split of 1,000,000 prompts.

Generates a synthetic JSONL file (10 % near-duplicates sharing a long prefix with an earlier prompt, 1 % exact
duplicates, a few very heavy users, 1 % without user id), then runs in separate processes, so that each peak RSS
is its own:

* ``pipeline``: the streaming steps of ``importers`` (what ``labelguide import prompts`` runs, without PII
  screening and task writing);
* ``baseline``: the naive way: every record parsed into a list, dicts keyed by the full texts and by the
  prefixes, a sort by user for the cap, then the split. Same rules, so both must keep the same number of records;
* ``pipeline+tracemalloc``: the pipeline again under tracemalloc, for the peak of Python allocations.

Then the whole ``prepare_tasks`` (``import prompts --dry-run --pii keep``: tasks built, spooled, split by
linked groups, written), and PII screening throughput with the shared engine (``ml_backend.pii``) on a smaller
sample: one process in this process (the old way), then the screening pool with 1 and with 2 workers, in the
same run, each pool's engines loaded before its timed section. Every section records the cores it kept busy
and the load around it (``benchmarks/machine.py``); a target is judged only on a quiet machine.

    python benchmarks/importers.py                 # 1,000,000 prompts, PII on 2,000
    python benchmarks/importers.py --n 100000 --pii-n 500 --keep /tmp/bench.jsonl

Targets: under 30 s and under 2 GB peak for the pipeline (issue 4); the pool of 2 workers at least 1.8x the
pool of 1 on 2 cores, with identical flags (issue 15).
"""

from __future__ import annotations

import argparse
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

from benchmarks.machine import machine_summary, measure as measure_section, print_sections, verdict  # noqa: E402

TARGET_SECONDS, TARGET_MB = 30.0, 2048.0
TARGET_POOL_SPEEDUP = 1.8
PRESIDIO = ROOT.parent / "shared" / "data" / "presidio_synth_dataset_v2_400_enriched.jsonl"


# --------------------------------------------------------------------------------------------------
# Synthetic data
# --------------------------------------------------------------------------------------------------

def generate(path: Path, n: int, seed: int = 0) -> dict[str, int]:
    """Write ``n`` synthetic prompt records to ``path``; returns what was planted."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ra", "tu", "ne", "so", "vi", "da", "pe", "go", "shi", "an", "el", "or"]
    vocab = ["".join(rng.choices(syllables, k=rng.randint(1, 4))) for _ in range(5000)]
    openers = ["Write a short story about", "Summarize the following text:", "Explain to a child why",
               "List ten ideas for", "Rewrite this paragraph in a formal tone:", "What is the difference between",
               "Translate into French:", "Classify the sentiment of this review:", "Give me advice on",
               "Draft an email to my landlord about"]
    heavy = [f"heavy-{i}" for i in range(5)]  # each about 3 % of all prompts
    recent: list[str] = []
    planted = {"near_duplicates": 0, "exact_duplicates": 0, "heavy_user_prompts": 0, "no_user": 0}
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            roll = rng.random()
            if roll < 0.10 and recent:
                base = rng.choice(recent)
                prompt = base[:120 + rng.randint(0, 40)] + " " + " ".join(rng.choices(vocab, k=rng.randint(3, 12)))
                planted["near_duplicates"] += 1
            elif roll < 0.11 and recent:
                prompt = rng.choice(recent)
                planted["exact_duplicates"] += 1
            else:
                prompt = f"{rng.choice(openers)} " + " ".join(rng.choices(vocab, k=rng.randint(8, 70)))
                if len(prompt) > 160:
                    if len(recent) < 2000:
                        recent.append(prompt)
                    else:
                        recent[rng.randrange(2000)] = prompt
            u = rng.random()
            if u < 0.15:
                user = rng.choice(heavy)
                planted["heavy_user_prompts"] += 1
            elif u < 0.16:
                user = None
                planted["no_user"] += 1
            else:
                user = f"org-{rng.randrange(150_000)}"
            record = {"prompt": prompt, "user_id": user, "source": "api"}
            f.write(json.dumps(record) + "\n")
    return planted


# --------------------------------------------------------------------------------------------------
# The two implementations (each run in its own process)
# --------------------------------------------------------------------------------------------------

def run_pipeline(path: str, prefix: int, cap: int) -> dict[str, int]:
    """The streaming steps; the split as ``prepare_tasks`` does it (a linker, records not kept)."""
    from importers.caps import cap_per_user
    from importers.dedupe import dedupe_prompts
    from importers.normalize import normalize_records
    from importers.read import read_records
    from importers.records import Tally
    from importers.splits import SplitLinker, with_user_policy

    tally = Tally()
    splits = {"train": 0, "valid": 0, "test": 0}
    records = read_records(path, tally=tally)
    records = normalize_records(records, tally)
    records = dedupe_prompts(records, prefix, tally)
    records = cap_per_user(records, cap, tally)
    linker = SplitLinker()
    n = sum(1 for record in with_user_policy(records, tally=tally) if linker.add(record) >= 0)
    linker.finish()
    for i in range(n):
        splits[linker.split(i)] += 1
    return {"kept": sum(splits.values()), **splits, "duplicates": tally.counts["duplicate_exact"]
            + tally.counts["duplicate_prefix"], "over_cap": tally.counts["over_cap"]}


def run_baseline(path: str, prefix: int, cap: int) -> dict[str, int]:
    """Naive: everything in memory at once (records list, dicts keyed by texts, a sort for the cap)."""
    from importers.normalize import normalize_text
    from importers.splits import MIN_LINK_CHARS, split_for

    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    for i, row in enumerate(rows):
        row["prompt"] = normalize_text(row["prompt"])
        row["line"] = i
    seen_full: dict[str, int] = {}
    seen_prefix: dict[str, int] = {}
    unique = []
    duplicates = 0
    for row in rows:
        key = " ".join(row["prompt"].casefold().split())
        if key in seen_full or key[:prefix] in seen_prefix:
            duplicates += 1
            continue
        seen_full[key] = row["line"]
        seen_prefix[key[:prefix]] = row["line"]
        unique.append(row)
    unique.sort(key=lambda r: (r["user_id"] or "", r["line"]))
    kept, per_user, over = [], {}, 0
    for row in unique:
        user = row["user_id"]
        if user is not None:
            per_user[user] = per_user.get(user, 0) + 1
            if per_user[user] > cap:
                over += 1
                continue
        kept.append(row)
    kept.sort(key=lambda r: r["line"])
    splits = {"train": 0, "valid": 0, "test": 0}
    for row in kept:
        text = " ".join(row["prompt"].casefold().split())  # the linker's rule for a record without a user id
        key = f"user:{row['user_id']}" if row["user_id"] is not None else (
            f"text:{text}" if len(text) >= MIN_LINK_CHARS else f"record:{text}")
        splits[split_for(key)] += 1
    return {"kept": len(kept), **splits, "duplicates": duplicates, "over_cap": over}


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM; ru_maxrss would keep the parent's peak across exec)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024


def child(mode: str, path: str, prefix: int, cap: int) -> None:
    """Run one mode and print ``{"seconds", "peak_rss_mb", "result"[, "py_peak_mb"]}``."""
    traced = mode.endswith("+tracemalloc")
    if traced:
        import tracemalloc

        tracemalloc.start()
    fn = run_pipeline if mode.startswith("pipeline") else run_baseline
    t0 = time.perf_counter()
    result = fn(path, prefix, cap)
    seconds = time.perf_counter() - t0
    out = {"seconds": seconds, "peak_rss_mb": peak_mb(),
           "result": result}
    if traced:
        out["py_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    print(json.dumps(out))


def measure(mode: str, path: Path, prefix: int, cap: int) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", mode, "--file", str(path), "--prefix-chars",
                           str(prefix), "--max-per-user", str(cap)], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------------------------
# PII screening throughput
# --------------------------------------------------------------------------------------------------

def pii_texts(n: int, path: Path) -> list[str]:
    texts = []
    if PRESIDIO.exists():
        texts += [json.loads(line)["full_text"] for line in open(PRESIDIO, encoding="utf-8")]
    with open(path, encoding="utf-8") as f:
        for line in f:
            if len(texts) >= n:
                break
            texts.append(json.loads(line)["prompt"])
    return texts[:n]


def pii_throughput(n: int, path: Path) -> dict | None:
    """One process (the engine in this process), then the pool with 1 and 2 workers: texts/s and flags."""
    try:
        from ml_backend.pii import get_pii_engine
    except ImportError as exc:
        print(f"PII screening: skipped, the shared engine cannot be imported ({exc})")
        return None
    from importers.screen_pool import ScreenPool

    texts = pii_texts(n, path)
    batches = [texts[i:i + 64] for i in range(0, len(texts), 64)]
    out: dict = {"texts": len(texts), "mean_chars": sum(map(len, texts)) / max(1, len(texts)), "sections": []}
    t0 = time.perf_counter()
    engine = get_pii_engine()
    engine.analyze_batch(["warm up"])
    out["load_s"] = time.perf_counter() - t0
    with measure_section("in-process, 1 engine") as sec:
        flags_inline = [[f.has_pii for f in engine.analyze_batch(b)] for b in batches]
    out["sections"].append(sec)
    out["inline_per_s"] = len(texts) / sec.wall_s
    flags = {}
    for workers in (1, 2):
        with ScreenPool(workers=workers, timeout=120) as pool:
            pool.wait_ready()  # every engine loaded before the clock starts
            list(pool.screen(iter([["warm up"]] * workers * 2)))
            with measure_section(f"pool, {workers} worker(s)", pids=pool.pids) as sec:
                flags[workers] = list(pool.screen(iter(batches)))
        out["sections"].append(sec)
        out[f"pool{workers}_per_s"] = len(texts) / sec.wall_s
    out["identical"] = flags[1] == flags[2] == flags_inline
    out["found"] = sum(sum(f) for f in flags[2])
    return out


def full_prepare(path: Path) -> dict:
    """``prepare_tasks`` (pii keep) in a child process: wall, peak RSS, tasks per split, linked groups."""
    code = ("import json, sys, tempfile, time; from importers.pipeline import ImportOptions, prepare_tasks\n"
            "t0 = time.perf_counter()\n"
            "with tempfile.TemporaryDirectory() as d:\n"
            "    r = prepare_tasks(sys.argv[1], d, ImportOptions(pii='keep'))\n"
            "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
            "print(json.dumps({'seconds': time.perf_counter() - t0, 'peak_rss_mb': int(hwm.split()[1]) / 1024, "
            "'splits': r.splits, 'moved': r.counts['split_moved'], "
            "'largest': r.counts['split_largest_group']}))\n")
    proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    if proc.returncode != 0:
        raise SystemExit(f"prepare_tasks failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000, help="synthetic prompts")
    ap.add_argument("--pii-n", type=int, default=2000, help="texts for the PII throughput (0 = skip)")
    ap.add_argument("--prefix-chars", type=int, default=100)
    ap.add_argument("--max-per-user", type=int, default=200)
    ap.add_argument("--keep", type=Path, help="write the synthetic file here and keep it (reused if present)")
    ap.add_argument("--no-full", action="store_true", help="skip the whole prepare_tasks section")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--file", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.file, args.prefix_chars, args.max_per_user)
        return

    with tempfile.TemporaryDirectory(prefix="labelguide-bench-") as tmp:
        path = args.keep or Path(tmp) / "prompts.jsonl"
        if not path.exists():
            t0 = time.perf_counter()
            planted = generate(path, args.n)
            print(f"generated {args.n:,} prompts ({path.stat().st_size / 2**20:,.0f} MB) in "
                  f"{time.perf_counter() - t0:.1f} s; planted: " + ", ".join(f"{k} {v:,}" for k, v in planted.items()))
        print(f"machine: {json.dumps(machine_summary())}")
        rows, sections = {}, []
        for mode in ("pipeline", "baseline", "pipeline+tracemalloc"):
            with measure_section(mode) as sec:
                rows[mode] = measure(mode, path, args.prefix_chars, args.max_per_user)
            sections.append(sec)
        p, b = rows["pipeline"], rows["baseline"]
        print()
        print(f"read + normalize + dedupe + cap + split of {args.n:,} prompts "
              f"(prefix {args.prefix_chars} chars, cap {args.max_per_user}/user), {os.cpu_count()} cores")
        print(f"{'':24}{'wall s':>9}{'peak RSS MB':>13}{'py peak MB':>12}{'kept':>11}{'duplicates':>12}"
              f"{'over cap':>10}")
        for mode, row in rows.items():
            r = row["result"]
            py = f"{row['py_peak_mb']:.0f}" if "py_peak_mb" in row else "-"
            print(f"{mode:24}{row['seconds']:>9.1f}{row['peak_rss_mb']:>13.0f}{py:>12}{r['kept']:>11,}"
                  f"{r['duplicates']:>12,}{r['over_cap']:>10,}")
        print(f"{'pipeline / baseline':24}{p['seconds'] / b['seconds']:>8.2f}x{p['peak_rss_mb'] / b['peak_rss_mb']:>12.2f}x")
        same = all(p["result"][k] == b["result"][k] for k in ("kept", "train", "valid", "test"))
        print(f"same records kept and same split sizes as the baseline: {'yes' if same else 'NO'}")
        print(f"target < {TARGET_SECONDS:.0f} s: {verdict(p['seconds'], TARGET_SECONDS, sections[0], False)}")
        print(f"target < {TARGET_MB:.0f} MB peak: {'met' if p['peak_rss_mb'] < TARGET_MB else 'MISSED'}")
        print_sections(sections)
        if not args.no_full:
            with measure_section("prepare_tasks, pii keep") as sec:
                full = full_prepare(path)
            print()
            print(f"whole prepare_tasks (--pii keep: tasks built, spooled, split by linked groups, written): "
                  f"{full['seconds']:.1f} s, peak RSS {full['peak_rss_mb']:.0f} MB, splits {full['splits']}, "
                  f"moved {full['moved']:,}, largest group {full['largest']:,}")
            print_sections([sec])
        if args.pii_n:
            pii = pii_throughput(args.pii_n, path)
            if pii:
                print()
                print(f"PII screening (shared engine, batches of 64, drop): {pii['texts']:,} texts of "
                      f"{pii['mean_chars']:.0f} chars on average; engine load {pii['load_s']:.1f} s")
                print(f"  in this process : {pii['inline_per_s']:6.0f} texts/s")
                print(f"  pool, 1 worker  : {pii['pool1_per_s']:6.0f} texts/s")
                print(f"  pool, 2 workers : {pii['pool2_per_s']:6.0f} texts/s")
                speedup = pii["pool2_per_s"] / pii["pool1_per_s"]
                for sec in pii["sections"]:
                    print(f"  CPU s per 1,000 texts, {sec.name}: {1000 * sec.cpu_s / pii['texts']:.2f} "
                          "(the work itself, whatever cores the neighbours left)")
                print(f"  2 workers / 1 worker: {speedup:.2f}x; flags identical across the three: "
                      f"{'yes' if pii['identical'] else 'NO'}; with PII {pii['found']:,}")
                print(f"  target >= {TARGET_POOL_SPEEDUP}x: "
                      f"{verdict(speedup, TARGET_POOL_SPEEDUP, pii['sections'][1:], True)}")
                print(f"  at 2 workers 1,000,000 prompts take about {1_000_000 / pii['pool2_per_s'] / 60:.0f} min")
                print_sections(pii["sections"])


if __name__ == "__main__":
    main()
