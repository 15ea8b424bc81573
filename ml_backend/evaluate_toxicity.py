"""Evaluate the toxicity engine against alt-profanity-check alone on the labelled set, and choose thresholds.

Run ``python -m ml_backend.evaluate_toxicity`` (add ``--errors`` to list the written sentences it gets wrong).
It prints, for our default engine and for alt-profanity-check alone: toxic-vs-clean precision / recall / F1 and
three-level accuracy on the dev split, the held-out test split and all rows; per-group results; how the
thresholds were chosen; and throughput.

The labelled set, ``tests/data/toxicity_eval.jsonl``, one JSON object a line::

    {"text": "...", "level": 0|1|2, "toxic": bool, "group": "...", "source": "davidson"|"written",
     "split": "dev"|"test"|"fresh", "source_row": 10457, "note": "..."}
    # source_row: Davidson rows only; note: only on rows written after a rules version was frozen

* ``source="davidson"``: the 300 real tweets of ``shared/data/davidson_hate_offensive_300_stratified.jsonl``,
  text unchanged. Mapping: hate speech -> level 2; offensive language -> level 1 (Davidson's class means
  "offensive but not hate": mostly casual vulgarity, the guideline's "slightly toxic or toxic to some people";
  some tweets in it are directed insults a labeler would call 2, so this mapping costs our engine some
  three-level accuracy on that group); neither -> 0. ``toxic`` is ``level > 0``. Split: within each class,
  rows sorted by ``source_row`` alternate dev / test.
* ``source="written"``: sentences written for this set, labelled by hand with the guideline's scale, in groups
  ``threat``, ``identity_hate``, ``identity_neutral`` (neutral mentions of the same groups), ``sarcasm`` (toxic and
  harmless), ``benign_rough`` (rough words used harmlessly: ``kill -9``, "one hell of a burger", news about
  violence), ``insult`` and ``clean``. Three batches, in the order they were written:

  1. 163 sentences written before any rule, split dev / test by alternating rows sorted by a hash of the text,
     within each group (the rules were written with these in mind, so the test ones are optimistic);
  2. "fresh-1": 60 sentences written after rules v1 were frozen, scored once (v1: F1 0.439, P 1.00, R 0.28;
     alt-profanity-check alone 0.270), then moved to dev (``note`` says so) and used to generalise the rules (v2);
  3. "fresh-2" (split ``fresh``): 60 sentences written after rules v2 were frozen, never used to change a rule
     or a threshold: the honest measure of the rules on unseen phrasing.

Thresholds are chosen on the dev split only: ``t1`` maximises toxic-vs-clean F1, ``t2`` (searched from ``t1`` up)
maximises three-level accuracy; where several values tie, the middle of the longest tied run is taken. The test
and fresh splits ("held-out") are never used to choose anything.

Caveats reported with the numbers: alt-profanity-check was trained on data that includes the Davidson corpus,
so both engines look better on the Davidson rows than on unseen tweets; and the rules were written by the same
person who wrote the written sentences, so the dev and test written rows are optimistic for our engine. On the
fresh split our engine is no better than alt-profanity-check alone (both F1 0.500 at the committed thresholds,
where calling every row toxic scores 0.696): hand-written patterns catch the phrasings they were written for
and little else (0 of 10 fresh threats). Treat the suggestions as a pre-fill to confirm, not as a judgement.

Example:
    >>> rows = load_eval_set()
    >>> sorted({r["split"] for r in rows})
    ['dev', 'fresh', 'test']
    >>> binary_metrics([True, False, True], [True, True, False])["f1"]
    0.5
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ml_backend.toxicity import (
    BASELINE_MODEL,
    DEFAULT_MODEL,
    ToxicityEngine,
    get_toxicity_engine,
    level_from_probability,
)

EVAL_SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "toxicity_eval.jsonl"
GRID = tuple(round(i / 100, 2) for i in range(1, 100))
GROUP_ORDER = ("threat", "identity_hate", "identity_neutral", "sarcasm", "benign_rough", "insult", "clean",
               "davidson_hate", "davidson_offensive", "davidson_neither")


def load_eval_set(path: Path | str = EVAL_SET) -> list[dict[str, Any]]:
    """Rows of the labelled set (see the module docstring for the format)."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def binary_metrics(pred: Sequence[bool], gold: Sequence[bool]) -> dict[str, float]:
    """Precision, recall and F1 of the positive (toxic) class, plus the counts.

    >>> binary_metrics([True, True], [True, False])
    {'precision': 0.5, 'recall': 1.0, 'f1': 0.667, 'tp': 1, 'fp': 1, 'fn': 0, 'n': 2}
    """
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "tp": tp, "fp": fp, "fn": fn, "n": len(gold)}


def level_accuracy(pred_levels: Sequence[int], gold_levels: Sequence[int]) -> float:
    """Share of rows whose 0/1/2 level is exactly right.

    >>> level_accuracy([0, 1, 2], [0, 2, 2])
    0.667
    """
    return round(sum(p == g for p, g in zip(pred_levels, gold_levels)) / max(len(gold_levels), 1), 3)


def _middle_of_best_run(values: Sequence[float], scores: Sequence[float]) -> tuple[float, float, float, float]:
    """(chosen value, best score, run start, run end) for the longest run of grid values tied at the best score."""
    best = max(scores)
    runs: list[tuple[int, int]] = []
    start = None
    for i, s in enumerate(scores):
        if s == best and start is None:
            start = i
        if s != best and start is not None:
            runs.append((start, i - 1))
            start = None
    if start is not None:
        runs.append((start, len(scores) - 1))
    lo, hi = max(runs, key=lambda r: r[1] - r[0])
    return values[(lo + hi) // 2], best, values[lo], values[hi]


def choose_thresholds(
    probs: Sequence[float], levels: Sequence[int], grid: Sequence[float] = GRID, t1: float | None = None
) -> dict[str, Any]:
    """Choose ``(t1, t2)`` on labelled scores: t1 for best toxic-vs-clean F1, then t2 >= t1 for best 3-level accuracy.

    Args:
        probs: the engine's scores on the rows used for choosing (the dev split).
        levels: the gold levels of those rows.
        grid: candidate threshold values.
        t1: keep this t1 (only t2 is chosen), e.g. alt-profanity-check's own 0.5.

    Returns:
        ``{"thresholds": (t1, t2), "t1_f1": ..., "t1_run": (lo, hi), "t2_accuracy": ..., "t2_run": (lo, hi)}``.

    Example:
        >>> choose_thresholds([0.1, 0.5, 0.9], [0, 1, 2], grid=(0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.95))["thresholds"]
        (0.3, 0.7)
    """
    gold_toxic = [lvl > 0 for lvl in levels]
    f1s = [binary_metrics([p >= t for p in probs], gold_toxic)["f1"] for t in grid]
    if t1 is None:
        t1, f1, lo1, hi1 = _middle_of_best_run(grid, f1s)
    else:
        f1, lo1, hi1 = binary_metrics([p >= t1 for p in probs], gold_toxic)["f1"], t1, t1
    grid2 = [t for t in grid if t >= t1]
    accs = [level_accuracy([level_from_probability(p, (t1, t)) for p in probs], levels) for t in grid2]
    t2, acc, lo2, hi2 = _middle_of_best_run(grid2, accs)
    return {"thresholds": (t1, t2), "t1_f1": f1, "t1_run": (lo1, hi1), "t2_accuracy": acc, "t2_run": (lo2, hi2)}


def evaluate(
    probs: Sequence[float], rows: Sequence[dict[str, Any]], thresholds: tuple[float, float]
) -> dict[str, Any]:
    """Binary metrics and 3-level accuracy of ``probs`` on ``rows`` at ``thresholds``, overall and per group."""
    pred_levels = [level_from_probability(p, thresholds) for p in probs]
    out: dict[str, Any] = {
        "binary": binary_metrics([lvl > 0 for lvl in pred_levels], [r["toxic"] for r in rows]),
        "level_accuracy": level_accuracy(pred_levels, [r["level"] for r in rows]),
        "groups": {},
    }
    for group in sorted({r["group"] for r in rows}, key=lambda g: (GROUP_ORDER + (g,)).index(g)):
        idx = [i for i, r in enumerate(rows) if r["group"] == group]
        out["groups"][group] = {
            "n": len(idx),
            "binary_accuracy": round(sum((pred_levels[i] > 0) == rows[i]["toxic"] for i in idx) / len(idx), 3),
            "level_accuracy": level_accuracy([pred_levels[i] for i in idx], [rows[i]["level"] for i in idx]),
        }
    return out


HELD_OUT = "held-out"  # test + fresh
SPLITS = ("dev", "test", "fresh", HELD_OUT, None)


def split_rows(rows: Sequence[dict[str, Any]], split: str | None) -> list[int]:
    """Indices of the rows in ``split`` (``"held-out"``: test and fresh; None: all)."""
    if split == HELD_OUT:
        return [i for i, r in enumerate(rows) if r["split"] in ("test", "fresh")]
    return [i for i, r in enumerate(rows) if split is None or r["split"] == split]


def throughput(engine: ToxicityEngine, texts: Sequence[str], batch_size: int = 50, repeat: int = 3) -> float:
    """Texts per second of ``engine.score_batch`` over ``texts`` in batches of ``batch_size`` (best of ``repeat``)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for i in range(0, len(texts), batch_size):
            engine.score_batch(texts[i:i + batch_size])
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def run(show_errors: bool = False, out=sys.stdout) -> dict[str, Any]:
    """Compute and print the whole report; returns it as a dict."""
    rows = load_eval_set()
    texts = [r["text"] for r in rows]
    ours_engine = get_toxicity_engine(DEFAULT_MODEL)
    base_engine = get_toxicity_engine(BASELINE_MODEL)
    probs = {"ours": ours_engine.probabilities(texts), "baseline": base_engine.probabilities(texts)}
    dev = split_rows(rows, "dev")

    def pick(values: Sequence[Any], idx: Sequence[int]) -> list[Any]:
        return [values[i] for i in idx]

    dev_levels = [rows[i]["level"] for i in dev]
    chosen = {name: choose_thresholds(pick(p, dev), dev_levels) for name, p in probs.items()}
    chosen["baseline t1=0.5"] = choose_thresholds(pick(probs["baseline"], dev), dev_levels, t1=0.5)
    configs = {
        f"ours {ours_engine.model_version}": (probs["ours"], ours_engine.thresholds),
        f"alt-profanity-check alone, t1=0.5 (its own) {base_engine.model_version}":
            (probs["baseline"], base_engine.thresholds),
        "alt-profanity-check alone, t1/t2 tuned on dev like ours":
            (probs["baseline"], chosen["baseline"]["thresholds"]),
        "reference: call everything toxic (level 1)": ([0.5] * len(rows), (0.5, 1.0)),
    }
    report: dict[str, Any] = {"chosen": chosen, "results": {}}
    p = lambda *a: print(*a, file=out)  # noqa: E731
    p(f"Labelled set: {EVAL_SET.name}: {len(rows)} rows ({sum(r['source'] == 'davidson' for r in rows)} Davidson "
      f"tweets, {sum(r['source'] == 'written' for r in rows)} written), {sum(r['toxic'] for r in rows)} toxic; "
      f"dev {len(dev)} / test {len(split_rows(rows, 'test'))} / fresh {len(split_rows(rows, 'fresh'))}.")
    p("")
    p("== Toxic vs clean (toxic = level >= 1) and three-level accuracy ==")
    p(f"{'engine (thresholds)':<70} {'split':<8} {'n':>4} {'P':>6} {'R':>6} {'F1':>6} {'3-lvl':>6}")
    for name, (pr, th) in configs.items():
        report["results"][name] = {}
        for split in SPLITS:
            idx = split_rows(rows, split)
            res = evaluate(pick(pr, idx), pick(rows, idx), th)
            report["results"][name][split or "all"] = res
            b = res["binary"]
            p(f"{(name + ' ' + str(th))[:70]:<70} {split or 'all':<8} {b['n']:>4} {b['precision']:>6.3f} {b['recall']:>6.3f} "
              f"{b['f1']:>6.3f} {res['level_accuracy']:>6.3f}")
    p("")
    p("== Per group, held-out rows (test + fresh): binary accuracy / three-level accuracy ==")
    names = list(configs)
    p(f"{'group':<20} {'n':>3}  {'ours':>13}  {'alt-profanity-check (0.5)':>26}")
    test_idx = split_rows(rows, HELD_OUT)
    res_ours = evaluate(pick(probs["ours"], test_idx), pick(rows, test_idx), configs[names[0]][1])
    res_base = evaluate(pick(probs["baseline"], test_idx), pick(rows, test_idx), configs[names[1]][1])
    for group, g in res_ours["groups"].items():
        gb = res_base["groups"][group]
        p(f"{group:<20} {g['n']:>3}  {g['binary_accuracy']:>6.3f}/{g['level_accuracy']:<6.3f}  "
          f"{gb['binary_accuracy']:>19.3f}/{gb['level_accuracy']:<6.3f}")
    report["held_out_groups"] = {"ours": res_ours["groups"], "baseline": res_base["groups"]}
    p("")
    p("== How the thresholds were chosen (dev split only) ==")
    labels = {"ours": "ours", "baseline": "alt-profanity-check", "baseline t1=0.5": "alt-profanity-check, t1 kept"}
    for name, c in chosen.items():
        label = labels[name]
        how = ("kept (its own decision threshold)" if name == "baseline t1=0.5" else
               f"maximises dev F1 ({c['t1_f1']}), tied on [{c['t1_run'][0]}, {c['t1_run'][1]}], middle taken")
        p(f"{label}: t1={c['thresholds'][0]} {how}; t2={c['thresholds'][1]} maximises dev 3-level accuracy "
          f"({c['t2_accuracy']}), tied on [{c['t2_run'][0]}, {c['t2_run'][1]}].")
    p(f"committed: DEFAULT_THRESHOLDS = {ours_engine.thresholds}, BASELINE_THRESHOLDS = {base_engine.thresholds}")
    dav = {cls: sorted(probs["baseline"][i] for i, r in enumerate(rows) if r["group"] == f"davidson_{cls}")
           for cls in ("hate", "offensive", "neither")}
    p("alt-profanity-check median probability by Davidson class: "
      + ", ".join(f"{cls} {v[len(v) // 2]:.3f}" for cls, v in dav.items())
      + " -> the profanity score cannot separate level 2 (hate) from level 1 (offensive); our level 2 comes from"
      " the rule signals, and profanity alone is capped at 0.8 (level 1).")
    p("")
    speed_texts = (texts * 3)[:1000]
    report["texts_per_second"] = {"ours": round(throughput(ours_engine, speed_texts)),
                                  "baseline": round(throughput(base_engine, speed_texts))}
    p(f"== Speed (1,000 texts of the set, batches of 50, best of 3) ==\nours {report['texts_per_second']['ours']} "
      f"texts/s; alt-profanity-check alone {report['texts_per_second']['baseline']} texts/s")
    if show_errors:
        p("")
        p("== Written sentences ours gets wrong (gold level -> predicted level, score) ==")
        th = ours_engine.thresholds
        for r, pr in zip(rows, probs["ours"]):
            lvl = level_from_probability(pr, th)
            if r["source"] == "written" and lvl != r["level"]:
                p(f"[{r['split']}] {r['group']}: {r['level']} -> {lvl} ({pr:.2f}) {r['text']}")
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: ``python -m ml_backend.evaluate_toxicity [--errors]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list the written sentences ours gets wrong")
    args = parser.parse_args(argv)
    run(show_errors=args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
