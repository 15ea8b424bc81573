"""Which texts a rule change changed: the engine's findings on every corpus here, written to a JSON file, and the
texts whose findings differ between two such files (for a round's "nothing else changed" check).

    python benchmarks/pii_findings_diff.py dump before.json      # on the tree before the change
    python benchmarks/pii_findings_diff.py dump after.json       # on the tree after it
    python benchmarks/pii_findings_diff.py diff before.json after.json

Corpora: those of ``ml_backend.check_pii_prefilter`` (the labelled sets under tests/data, the presidio-research
synthetic set, HH-RLHF, OASST, the first 1,000 Davidson tweets and Stormfront sentences) and the 300 stratified
Davidson tweets of ``../shared/data``. A finding is ``has_pii``, ``certain`` and its spans ``(start, end, label)``.
The diff prints the changed texts with their spans before and after (texts of public data sets only).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def all_texts() -> dict[str, list[str]]:
    """``{corpus: texts}``."""
    from ml_backend.check_pii_prefilter import SHARED, corpora

    out = corpora(1000)
    path = SHARED / "davidson_hate_offensive_300_stratified.jsonl"
    if path.exists():
        lines = path.read_text(encoding="utf-8").splitlines()
        out["davidson_300"] = [json.loads(line)["tweet"] for line in lines if line.strip()]
    return out


def dump(path: Path) -> None:
    from ml_backend.pii import get_pii_engine

    engine = get_pii_engine()
    out: dict[str, Any] = {"model_version": engine.model_version, "corpora": {}}
    for name, texts in all_texts().items():
        rows = []
        for text, f in zip(texts, engine.analyze_batch(texts)):
            rows.append([f.has_pii, f.certain, [[s.start, s.end, s.label] for s in f.spans]])
        out["corpora"][name] = rows
    path.write_text(json.dumps(out), encoding="utf-8")


def diff(before: Path, after: Path) -> list[str]:
    a, b = json.loads(before.read_text()), json.loads(after.read_text())
    texts = all_texts()
    lines = [f"# {a['model_version']} -> {b['model_version']}"]
    for name, rows in a["corpora"].items():
        changed = 0
        for i, (x, y) in enumerate(zip(rows, b["corpora"].get(name, []))):
            if x != y:
                changed += 1
                t = texts[name][i]

                def show(r: list) -> str:
                    return f"{r[0]}/{'certain' if r[1] else 'not certain'} {[(t[s:e], lab) for s, e, lab in r[2]]}"

                lines.append(f"  {name}[{i}]: {show(x)} -> {show(y)}")
        lines.append(f"{name}: {changed} of {len(rows)} findings changed")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="example: python benchmarks/pii_findings_diff.py diff before.json after.json")
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump", help="write the findings of the engine on this tree")
    d.add_argument("out", type=Path)
    c = sub.add_parser("diff", help="print the texts whose findings differ")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        dump(args.out)
    else:
        print("\n".join(diff(args.before, args.after)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
