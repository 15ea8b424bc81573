"""Did a speed change alter what the PII engine finds? Snapshot every finding, change the code, compare.

    python benchmarks/pii_findings.py snapshot before.json      # on the tree before the change
    python benchmarks/pii_findings.py compare before.json       # on the tree after it: exit 1 if anything differs

The texts (about 14,000, every one this repo can get):

- the labelled PII sets under ``tests/data`` (``pii_*.jsonl``) and every string literal of the PII test files
  (``tests/test_pii_*.py``, ``tests/pii_helpers.py``), so the tests' own cases are covered;
- the real corpora of ``../shared/data`` (``ml_backend.check_pii_prefilter.corpora``: the presidio-research set,
  HH-RLHF, every OASST message, Davidson tweets and Stormfront sentences, 5,000 each) and the short and long prompts
  of ``benchmarks/backend.py``;
- long texts (10k and 50k characters) of real text and of the pathological families of ``pii_speed.py``;
- the hostile repetitive families of ``pii_scaling.py`` (many names, company words, "Inc.", brands) at 2k, 20k and
  100k characters.

Each text is analysed with ``analyze_batch`` (batches of 64, as the backend and the importers call it) and the
first 2,000 also one by one with ``analyze``; a finding is compared field by field: spans (start, end, label,
entity, score, certain), ``has_pii``, ``certain``, ``public_only``, ``score``. The snapshot keys findings by a hash
of the text, so it holds no text; keep it outside the repo (an artefact, not a fixture). ``compare`` prints the
start of each differing text, and counts texts added since the snapshot apart (a new test file's literals).
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

SINGLE = 2000  # texts also analysed one at a time


def _literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and len(n.value.strip()) >= 3]


def texts() -> dict[str, list[str]]:
    """The text sets, by name (see the module docstring)."""
    from backend import load_prompts
    from ml_backend.check_pii_prefilter import corpora
    from pii_scaling import FAMILIES
    from ml_backend.evaluate_pii import load_rows

    out: dict[str, list[str]] = {}
    for path in sorted((ROOT / "tests" / "data").glob("pii_*.jsonl")):
        out[path.stem] = [r["text"] for r in load_rows(path)]
    lits: list[str] = []
    for path in sorted((ROOT / "tests").glob("test_pii_*.py")) + [ROOT / "tests" / "pii_helpers.py"]:
        lits.extend(_literals(path))
    out["test_literals"] = list(dict.fromkeys(lits))
    for name, ts in corpora(5000).items():
        out.setdefault(name, ts)
    out["bench_short"] = load_prompts("short")
    out["bench_long"] = load_prompts("long")
    real = "\n\n".join(out["bench_long"])
    longs = []
    for n in (10_000, 50_000):
        longs += [real[:n], real[-n:], ("a." * n)[:n], ("Abc " * n)[:n], ("1-" * n)[:n]]
    out["long_texts"] = longs
    # the hostile repetitive families of pii_scaling.py (many names, company words, "Inc.", brands)
    out["hostile_families"] = [(unit * (n // len(unit) + 1))[:n] for unit in FAMILIES.values()
                               for n in (2_000, 20_000, 100_000)]
    return out


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _finding(f: Any) -> dict[str, Any]:
    return {"spans": [[s.start, s.end, s.label, s.entity, s.score, s.certain] for s in f.spans],
            "has_pii": f.has_pii, "certain": f.certain, "public_only": f.public_only, "score": f.score}


def run(engine: Any, sets: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    """``{set name: {text hash: finding}}``, batched; ``{"single (analyze)": ...}`` for the one-by-one calls."""
    out: dict[str, dict[str, Any]] = {}
    seen: list[str] = []
    for name, ts in sets.items():
        t0 = time.perf_counter()
        out[name] = {_key(t): _finding(f) for t, f in zip(ts, engine.analyze_batch(ts))}
        print(f"  {name:26} {len(ts):6} texts  {time.perf_counter() - t0:6.1f} s", flush=True)
        seen.extend(ts)
    single = list(dict.fromkeys(seen))[:SINGLE]
    out["single (analyze)"] = {_key(t): _finding(engine.analyze(t)) for t in single}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=("snapshot", "compare"))
    ap.add_argument("path", type=Path, help="the snapshot file (JSON)")
    ap.add_argument("--show", type=int, default=10, help="differing texts to print per set (their start)")
    args = ap.parse_args(argv)
    from ml_backend.pii import get_pii_engine

    engine = get_pii_engine()
    print("engine:", engine.model_version)
    sets = texts()
    by_key = {_key(t): t for ts in sets.values() for t in ts}
    now = run(engine, sets)
    if args.action == "snapshot":
        args.path.write_text(json.dumps(now))
        print(f"snapshot of {sum(len(v) for v in now.values())} findings -> {args.path}")
        return 0
    before = json.loads(args.path.read_text())
    total = differing = 0
    for name, found in now.items():
        old = before.get(name, {})
        new = sum(k not in old for k in found)  # texts added since the snapshot (a new test file's literals)
        diff = [k for k, v in found.items() if k in old and old[k] != v]
        total += len(found) - new
        differing += len(diff)
        print(f"{name:26} {len(found) - new:6} findings, {len(diff):4} differ" + (f" ({new} new texts)" if new else ""))
        for k in diff[:args.show]:
            print(f"    {by_key[k][:160]!r}\n      before {old.get(k)}\n      after  {found[k]}")
    print(f"all: {total} findings, {differing} differ")
    return 0 if differing == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
