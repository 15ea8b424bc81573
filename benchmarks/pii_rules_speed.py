"""Speed of the PII engine against the engine of an earlier commit of this repository, in the same run.

    python benchmarks/pii_rules_speed.py --base f1de19a          # about 3 minutes on 2 shared cores
    python benchmarks/pii_rules_speed.py --base f1de19a --rounds 5 --json out.json

For a change to the rules (recognizers, word lists, not-PII rules) that must not cost speed. The base commit's
``ml_backend`` and ``label_config`` are exported with ``git archive`` into a temporary directory; each round runs
one child process per tree (base, current), interleaved so a change of load hits both alike. A child builds the
engine, warms it up, then times ``analyze_batch`` on the 1,000 short and 1,000 long real prompts of
``benchmarks/backend.py`` with ``benchmarks/machine.py`` (wall and CPU seconds, cores busy, load around it).
The figure is texts per CPU-second (what load moves least) and per wall second; medians over the rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from machine import machine_summary  # noqa: E402

# ml_backend is imported before benchmarks/backend.py, which puts this checkout first on sys.path
CHILD = r"""
import json, sys
from ml_backend.pii import get_pii_engine
import ml_backend
assert ml_backend.__file__.startswith({tree!r}), ml_backend.__file__
sys.path.insert(0, {bench!r})
from backend import load_prompts
from machine import measure
e = get_pii_engine()
e.analyze_batch(["warm up", "Call Jane Doe at 617-555-0143"])
out = {{}}
for kind in ("short", "long"):
    texts = load_prompts(kind)
    with measure(kind) as sec:
        found = sum(f.has_pii for f in e.analyze_batch(texts))
    out[kind] = {{"cpu_per_s": len(texts) / max(sec.cpu_s, 1e-9), "wall_per_s": len(texts) / sec.wall_s,
                 "flagged": found, "load": [sec.load_before, sec.load_after]}}
out["model_version"] = e.model_version
print(json.dumps(out))
"""


def export_tree(rev: str, dest: Path) -> None:
    """``ml_backend`` and ``label_config`` of ``rev`` under ``dest``."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "ml_backend", "label_config"],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")


def run_child(tree: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    code = CHILD.format(bench=str(ROOT / "benchmarks"), tree=str(tree))
    res = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True, cwd=tree)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True, help="the commit to compare against (e.g. f1de19a)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    print("machine:", json.dumps(machine_summary()))
    runs: dict[str, list[dict]] = {"base": [], "current": []}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        export_tree(args.base, base)
        for r in range(args.rounds):
            for name, tree in (("base", base), ("current", ROOT)):
                res = run_child(tree)
                runs[name].append(res)
                version = res.pop("model_version")
                print(f"round {r + 1} {name:8} {version}", "  ".join(
                    f"{k}: {v['cpu_per_s']:.0f}/cpu-s {v['wall_per_s']:.0f}/s (load {v['load'][0]:.1f}->{v['load'][1]:.1f},"
                    f" flagged {v['flagged']})" for k, v in res.items()), flush=True)
    summary = {name: {kind: {m: statistics.median(x[kind][m] for x in v) for m in ("cpu_per_s", "wall_per_s")}
                      for kind in ("short", "long")} for name, v in runs.items()}
    for kind in ("short", "long"):
        b, c = summary["base"][kind], summary["current"][kind]
        print(f"{kind}: base {b['cpu_per_s']:.0f} texts/cpu-s ({b['wall_per_s']:.0f}/s wall), current "
              f"{c['cpu_per_s']:.0f} ({c['wall_per_s']:.0f}/s); current/base = {c['cpu_per_s'] / b['cpu_per_s']:.2f} (cpu), "
              f"{c['wall_per_s'] / b['wall_per_s']:.2f} (wall)")
    print("note: a shared machine moves wall figures; compare the CPU figures, and re-run on a quiet machine")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine_summary(), "runs": runs, "summary": summary}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
