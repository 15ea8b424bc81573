"""Score a case set (default: the counter-speech set: hate quoted, reported, denounced, negated or asked about).

Run ``python -m ml_backend.evaluate_toxicity_counter_speech`` (add ``--errors`` for the dev part's wrong cases;
the fresh part's cases are never listed, only counted; ``--cases tests/data/toxicity_round4_cases.json`` for the
round-4 families: positive identity, hate words about things, mild rudeness, implicit stereotypes;
``--cases tests/data/toxicity_round5_cases.json`` for round 5's). The default
set is ``tests/data/toxicity_counter_speech_cases.json``:
hand-written cases, each with the levels that count as right (``ok``: ``[0]`` for counter-speech, ``[0, 1]`` for a
report quoting a slur verbatim, ``[1, 2]`` for a hard negative, toxic despite its frame such as "No offense, but
you're an idiot."). Printed per split and kind: how many cases the engine, the engine without its recognizers and
alt-profanity-check (level 2 at p >= 0.5) get right, in one run.

Example:
    >>> rows = load_cases()
    >>> sorted({r["split"] for r in rows}), all(r["ok"] for r in rows)
    (['dev', 'fresh'], True)
    >>> right([0, 2, 1], [[0], [0, 1], [1, 2]])
    2
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ml_backend.toxicity import BASELINE_MODEL, DEFAULT_MODEL, get_toxicity_engine

CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "toxicity_counter_speech_cases.json"
ROUND4_CASES = CASES.with_name("toxicity_round4_cases.json")
ROUND5_CASES = CASES.with_name("toxicity_round5_cases.json")


def load_cases(path: Path | str = CASES) -> list[dict[str, Any]]:
    """The cases: ``{"text", "ok", "kind", "split"}`` each."""
    return json.loads(Path(path).read_text(encoding="utf-8"))["cases"]


def right(pred: Sequence[int], ok: Sequence[Sequence[int]]) -> int:
    """How many predicted levels are among their case's ``ok`` levels."""
    return sum(p in o for p, o in zip(pred, ok))


def score_cases(rows: Sequence[dict[str, Any]]) -> dict[str, list[int]]:
    """Levels by the engine, the engine without recognizers, and the baseline."""
    texts = [r["text"] for r in rows]
    engine = get_toxicity_engine(DEFAULT_MODEL)
    baseline = get_toxicity_engine(BASELINE_MODEL)
    return {
        "engine": [s.level for s in engine.score_batch(texts)],
        "engine, no rules": [s.level for s in engine.with_recognizers(()).score_batch(texts)],
        "alt-profanity-check": [2 if s.level else 0 for s in baseline.score_batch(texts)],
    }


def run(show_errors: bool = False, out=sys.stdout, path: Path | str = CASES, show_scores: bool = False
        ) -> dict[str, Any]:
    """Print and return the counts right per split and kind of the case set at ``path``."""
    rows = load_cases(path)
    levels = score_cases(rows)
    print(f"engine: {get_toxicity_engine(DEFAULT_MODEL).model_version}", file=out)
    print(f"{Path(path).name}: cases right (engine / engine, no rules / alt-profanity-check)", file=out)
    report: dict[str, Any] = {}
    for split in ("dev", "fresh"):
        idx = [i for i, r in enumerate(rows) if r["split"] == split]
        kinds = list(dict.fromkeys(rows[i]["kind"] for i in idx))
        for kind in [None, *kinds]:
            sub = [i for i in idx if kind is None or rows[i]["kind"] == kind]
            counts = {name: right([pred[i] for i in sub], [rows[i]["ok"] for i in sub])
                      for name, pred in levels.items()}
            report[f"{split}/{kind or 'all'}"] = dict(counts, n=len(sub))
            print(f"  {split:<5} {kind or 'ALL':<14} n={len(sub):>3}  " + " / ".join(
                str(c) for c in counts.values()), file=out)
    if show_scores:  # for the record (before / after files): every case, the fresh part too
        probs = [s.probability for s in get_toxicity_engine(DEFAULT_MODEL).score_batch([r["text"] for r in rows])]
        print("  every case: split, kind, ok levels, engine P(toxic) and level / no rules / baseline; text", file=out)
        for i, r in enumerate(rows):
            print(f"    {r['split']:<5} {r['kind']:<20} {str(r['ok']):<7} {probs[i]:.3f} {levels['engine'][i]} / "
                  f"{levels['engine, no rules'][i]} / {levels['alt-profanity-check'][i]}  {r['text']}", file=out)
    if show_errors:
        print("  engine errors on the dev part (ok levels -> predicted):", file=out)
        for i, r in enumerate(rows):
            if r["split"] == "dev" and levels["engine"][i] not in r["ok"]:
                print(f"    [{r['kind']}] {r['ok']} -> {levels['engine'][i]}: {r['text']}", file=out)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: ``python -m ml_backend.evaluate_toxicity_counter_speech [--errors] [--cases P]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="example: python -m ml_backend.evaluate_toxicity_counter_speech --errors")
    parser.add_argument("--errors", action="store_true", help="list the dev part's cases the engine gets wrong")
    parser.add_argument("--cases", type=Path, default=CASES,
                        help=f"the case set (default {CASES.name}; round 4: {ROUND4_CASES.name}; "
                             f"round 5: {ROUND5_CASES.name})")
    parser.add_argument("--scores", action="store_true",
                        help="also list every case's score and levels (for a before / after record)")
    args = parser.parse_args(argv)
    run(show_errors=args.errors, path=args.cases, show_scores=args.scores)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
