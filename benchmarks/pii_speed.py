"""Speed of the PII engine against the engine before the recognizer rewrite, in the same run (issues 13.5, 10.1).

    python benchmarks/pii_speed.py                     # about 10 minutes on 2 shared cores
    python benchmarks/pii_speed.py --json out.json --rounds 3 --skip-length

Three parts, each section timed with ``benchmarks/machine.py`` (wall and CPU seconds, cores busy, load before and
after; targets are judged only on a quiet machine):

1. **Throughput** of ``analyze_batch`` on the same 1,000 short and 1,000 long real prompts ``benchmarks/backend.py``
   uses: the legacy engine (commit ``ml_backend.pii_legacy.LEGACY_REV``, loaded from git), the new engine (NER on
   the sentences that need it, the default) and the new engine with the exact text-level pre-filter
   (``ner="texts"``). Rounds are interleaved so a change of load hits all alike. Target: new >= 2x legacy, on
   short and on long prompts (tasks per CPU-second, the figure load moves least, and wall).
2. **Screening on both cores**: the short prompts (repeated to ``--screen-n``) split over 2 worker processes,
   one engine each (as the importers' pool runs it), new and legacy. Target: >= 1,000 texts/s for the new one.
3. **Time against length**, 1k to 50k characters (MAX_TEXT_CHARS): real text (long prompts joined) and the
   pathological families of issue 10 (``a``, ``a.``, capitalised words, ``1-``). The legacy engine runs a size only
   while its previous time, scaled quadratically, stays under ``--cap`` seconds (its blow-ups would take minutes).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import statistics
import sys
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from backend import load_prompts  # noqa: E402
from machine import machine_summary, measure, print_sections, verdict  # noqa: E402

LENGTHS = (1_000, 2_000, 5_000, 10_000, 20_000, 50_000)


def _engines() -> dict[str, Any]:
    from ml_backend.pii import PiiEngine, get_pii_engine
    from ml_backend.pii_legacy import load_legacy_engine

    return {"legacy": load_legacy_engine(), "new": get_pii_engine(), "new (ner=texts)": PiiEngine(ner="texts")}


def throughput(engines: dict[str, Any], rounds: int) -> tuple[dict, list]:
    out: dict[str, dict[str, Any]] = {}
    sections = []
    for kind in ("short", "long"):
        texts = load_prompts(kind)
        for e in engines.values():
            e.analyze_batch(texts[:50])
        per: dict[str, list[tuple[float, float]]] = {name: [] for name in engines}
        for r in range(rounds):
            for name, e in engines.items():
                with measure(f"{kind} {name} round {r + 1}") as sec:
                    e.analyze_batch(texts)
                sections.append(sec)
                per[name].append((len(texts) / sec.wall_s, len(texts) / max(sec.cpu_s, 1e-9)))
        out[kind] = {name: {"wall_per_s": statistics.median(w for w, _ in v),
                            "cpu_per_s": statistics.median(c for _, c in v)} for name, v in per.items()}
    return out, sections


_WORKER_ENGINE: Any = None


def _init_worker(which: str) -> None:
    global _WORKER_ENGINE
    if which == "legacy":
        from ml_backend.pii_legacy import load_legacy_engine

        _WORKER_ENGINE = load_legacy_engine()
    else:
        from ml_backend.pii import get_pii_engine

        _WORKER_ENGINE = get_pii_engine()
    _WORKER_ENGINE.analyze_batch(["warm up", "Call Jane Doe at 617-555-0143"])


def _screen(texts: list[str]) -> int:
    return sum(f.has_pii for f in _WORKER_ENGINE.analyze_batch(texts))


def screening(which: str, texts: list[str], processes: int = 2, chunk: int = 250) -> tuple[dict, Any]:
    ctx = mp.get_context("spawn")
    with ctx.Pool(processes, initializer=_init_worker, initargs=(which,)) as pool:
        pool.map(_screen, [texts[:20]] * processes)  # every worker has built its engine
        pids = [p.pid for p in pool._pool]  # type: ignore[attr-defined]
        chunks = [texts[i:i + chunk] for i in range(0, len(texts), chunk)]
        with measure(f"screening {which}, {processes} processes", pids=pids) as sec:
            flagged = sum(pool.map(_screen, chunks))
    return {"texts": len(texts), "per_s": len(texts) / sec.wall_s, "flagged": flagged}, sec


def _families() -> dict[str, Callable[[int], str]]:
    real = "\n\n".join(load_prompts("long"))
    return {"real text": lambda n: real[:n], "a": lambda n: "a" * n, "a.": lambda n: ("a." * n)[:n],
            "Abc words": lambda n: ("Abc " * n)[:n], "1-": lambda n: ("1-" * n)[:n]}


def by_length(engines: dict[str, Any], cap: float) -> tuple[dict, list]:
    out: dict[str, dict[str, dict[int, float | None]]] = {}
    sections = []
    for fam, make in _families().items():
        out[fam] = {}
        for name in ("legacy", "new"):
            e = engines[name]
            times: dict[int, float | None] = {}
            prev: tuple[int, float] | None = None
            for n in LENGTHS:
                if name == "legacy" and prev is not None and prev[1] * (n / prev[0]) ** 2 > cap:
                    times[n] = None  # would take longer than the cap
                    continue
                with measure(f"{fam} {name} {n}") as sec:
                    e.analyze(make(n))
                sections.append(sec)
                times[n] = sec.cpu_s
                prev = (n, sec.cpu_s)
            out[fam][name] = times
    return out, sections


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--screen-n", type=int, default=4000)
    ap.add_argument("--cap", type=float, default=20.0, help="seconds a legacy run may be predicted to take")
    ap.add_argument("--skip-length", action="store_true")
    ap.add_argument("--skip-screening", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    print("machine:", json.dumps(machine_summary()))
    engines = _engines()
    report: dict[str, Any] = {"machine": machine_summary()}
    tp, tp_sections = throughput(engines, args.rounds)
    report["throughput"] = tp
    print("\n1. analyze_batch on 1,000 real prompts (median of rounds): texts/s wall | texts per CPU-second")
    for kind, per in tp.items():
        for name, v in per.items():
            print(f"  {kind:5} {name:16} {v['wall_per_s']:7.0f} | {v['cpu_per_s']:7.0f}")
        for name in ("new", "new (ner=texts)"):
            ratio = per[name]["cpu_per_s"] / per["legacy"]["cpu_per_s"]
            wall = per[name]["wall_per_s"] / per["legacy"]["wall_per_s"]
            secs = [s for s in tp_sections if s.name.startswith(kind)]
            print(f"  {kind:5} {name} / legacy: {ratio:.2f}x per CPU-s, {wall:.2f}x wall -> {verdict(ratio, 2.0, secs)}")
    print_sections(tp_sections)
    if not args.skip_screening:
        texts = (load_prompts("short") * (args.screen_n // 1000 + 1))[:args.screen_n]
        print(f"\n2. screening {len(texts)} short prompts on 2 processes, one engine each")
        report["screening"] = {}
        for which in ("new", "legacy"):
            res, sec = screening(which, texts)
            report["screening"][which] = res
            print(f"  {which:7} {res['per_s']:7.0f} texts/s ({res['flagged']} flagged)")
            print_sections([sec])
            if which == "new":
                print("  target >= 1,000 texts/s:", verdict(res["per_s"], 1000.0, sec))
    if not args.skip_length:
        print("\n3. CPU seconds of one analyze() against length (legacy '-' = over the cap, not run)")
        bl, bl_sections = by_length(engines, args.cap)
        report["by_length"] = bl
        print(f"  {'family':10} {'engine':7}" + "".join(f"{n:>9}" for n in LENGTHS))
        for fam, per in bl.items():
            for name, times in per.items():
                cells = "".join(f"{'-' if t is None else f'{t:.3f}':>9}" for t in times.values())
                print(f"  {fam:10} {name:7}{cells}")
        print_sections([s for s in bl_sections if s.shared][:3] or bl_sections[:1])
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
