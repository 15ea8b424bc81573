"""What the learned person-name detector adds: the engine with and without ``LearnedNameRecognizer``, same run.

    python benchmarks/pii_learned_names.py                  # figures only
    python benchmarks/pii_learned_names.py --show 30        # plus a seeded sample of the new spans (prints text)

1. The labelled sets under ``tests/data`` (``pii_*.jsonl``): prompt-level precision / recall of ``has_pii``, and
   Name span precision / recall (overlap) on the presidio-research gold spans (``source == "presidio-synth"``).
2. The real corpora of ``../shared/data`` (``ml_backend.check_pii_prefilter.corpora``) and the benchmark prompts:
   how many texts turn PII, and how many Name spans the detector adds. ``--show N`` prints N of those spans,
   drawn with a fixed seed, with 40 characters either side, to be judged by eye.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def engines() -> tuple[Any, Any]:
    """(engine without the learned detector, default engine)."""
    from ml_backend.pii.engine import PiiEngine
    from ml_backend.pii.registry import default_registry

    with_it = PiiEngine()
    reg = default_registry()
    reg.remove_recognizer("LearnedNameRecognizer")
    return PiiEngine(registry=reg), with_it


def prompt_pr(rows: list[dict], found: list[Any]) -> str:
    tp = sum(r["has_pii"] and f.has_pii for r, f in zip(rows, found))
    fp = sum(not r["has_pii"] and f.has_pii for r, f in zip(rows, found))
    fn = sum(r["has_pii"] and not f.has_pii for r, f in zip(rows, found))
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    return f"P {p:.3f} R {r:.3f} (tp {tp} fp {fp} fn {fn})"


def name_spans(rows: list[dict], found: list[Any]) -> str:
    from ml_backend.evaluate_pii_spans import span_scores

    s = span_scores(rows, found)["Name"]
    return f"Name spans P {s['precision']:.3f} ({s['tp_pred']}/{s['pred']}) R {s['recall']:.3f} ({s['found']}/{s['gold']})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", type=int, default=0, help="new spans to print (their text, in context)")
    ap.add_argument("--limit", type=int, default=5000, help="texts per real corpus")
    args = ap.parse_args(argv)
    from backend import load_prompts
    from ml_backend.check_pii_prefilter import corpora

    without, with_it = engines()
    print("engine:", with_it.model_version)
    print("labelled sets (without -> with the learned detector):")
    for path in sorted((ROOT / "tests" / "data").glob("pii_*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts = [r["text"] for r in rows]
        a, b = without.analyze_batch(texts), with_it.analyze_batch(texts)
        print(f"  {path.stem:24} {prompt_pr(rows, a)}  ->  {prompt_pr(rows, b)}")
        synth = [i for i, r in enumerate(rows) if r.get("source") == "presidio-synth"]
        if synth:
            sub = [rows[i] for i in synth]
            print(f"  {'  presidio-synth gold':24} {name_spans(sub, [a[i] for i in synth])}  ->  "
                  f"{name_spans(sub, [b[i] for i in synth])}")
    sets = {k: v for k, v in corpora(args.limit).items() if not k.startswith("pii_")}
    sets["bench_short"], sets["bench_long"] = load_prompts("short"), load_prompts("long")
    print("real texts: texts turned PII, Name spans added by the detector")
    new: list[tuple[str, int, int]] = []
    for name, texts in sets.items():
        a, b = without.analyze_batch(texts), with_it.analyze_batch(texts)
        turned = sum(fb.has_pii and not fa.has_pii for fa, fb in zip(a, b))
        added = 0
        for t, fa, fb in zip(texts, a, b):
            old = {(s.start, s.end) for s in fa.spans}
            for s in fb.spans:
                if s.label == "Name" and (s.start, s.end) not in old and not any(
                        o[0] < s.end and s.start < o[1] for o in old):
                    added += 1
                    new.append((t, s.start, s.end))
        print(f"  {name:24} {len(texts):6} texts  {turned:4} turned PII  {added:4} new Name spans")
    if args.show:
        for t, s, e in random.Random(7).sample(new, min(args.show, len(new))):
            print(f"    [{t[s:e]}]  ...{t[max(0, s - 40):s]!r} | {t[e:e + 40]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
