"""Where the PII engine spends its time: cProfile's top functions and each recognizer's share, on real prompts.

    python benchmarks/pii_profile.py                 # short prompts, then long ones
    python benchmarks/pii_profile.py --kind short --top 25

Two views of one ``analyze_batch`` over the 1,000 prompts of ``benchmarks/backend.py`` (after a warm-up):

1. cProfile (CPU time), the functions with the most own time (``tottime``);
2. each recognizer's ``analyze`` timed on its own (CPU time, ``time.process_time``, around the call, no profiler,
   so the shares are not skewed by cProfile's per-call cost), as a share of the whole batch's CPU time.

Figures from a shared machine are noisy; compare shares, not seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from backend import load_prompts  # noqa: E402
from machine import measure  # noqa: E402

STAGES = ("pipe", "make_doc", "candidates", "ner_windows", "resolve", "drop_not_pii", "enhance_scores",
          "TextContext", "__init__")


def recognizer_shares(engine: Any, texts: list[str]) -> tuple[float, dict[str, float]]:
    """CPU seconds of the whole batch, and CPU seconds per recognizer (its ``analyze``, wrapped for the run)."""
    spent: dict[str, float] = defaultdict(float)
    originals = []
    for rec in engine.registry.recognizers:
        orig = rec.analyze

        def timed(text: str, entities: Any, nlp_artifacts: Any = None, _orig: Any = orig, _name: str = rec.name) -> Any:
            t0 = time.process_time()
            try:
                return _orig(text, entities, nlp_artifacts)
            finally:
                spent[_name] += time.process_time() - t0

        originals.append((rec, orig))
        rec.analyze = timed
    try:
        t0 = time.process_time()
        engine.analyze_batch(texts)
        total = time.process_time() - t0
    finally:
        for rec, orig in originals:
            rec.analyze = orig
    return total, dict(spent)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kind", choices=("short", "long", "both"), default="both")
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args(argv)
    from ml_backend.pii import get_pii_engine

    engine = get_pii_engine()
    for kind in ("short", "long") if args.kind == "both" else (args.kind,):
        texts = load_prompts(kind)
        engine.analyze_batch(texts[:100])
        prof = cProfile.Profile(time.process_time)  # CPU time: wall time on a shared machine is noise
        with measure(f"{kind} under cProfile") as sec:
            prof.enable()
            engine.analyze_batch(texts)
            prof.disable()
        out = io.StringIO()
        stats = pstats.Stats(prof, stream=out)
        stats.sort_stats("tottime").print_stats(args.top)
        print(f"\n===== {kind} prompts: cProfile, top {args.top} by own time ({sec.line()})")
        print("\n".join(out.getvalue().splitlines()[6:]))
        total, spent = recognizer_shares(engine, texts)
        print(f"===== {kind} prompts: recognizers' share of {total:.2f} s (no profiler)")
        for name, s in sorted(spent.items(), key=lambda kv: -kv[1]):
            print(f"  {name:34} {s:6.3f} s  {100 * s / total:5.1f}%")
        print(f"  {'all recognizers':34} {sum(spent.values()):6.3f} s  {100 * sum(spent.values()) / total:5.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
