"""Evaluate the toxicity engine on text it never trained on, against alt-profanity-check alone in the same run.

Run ``python -m ml_backend.evaluate_toxicity`` (add ``--cross-source`` for the held-out-source figures, which
re-embed the training data unless ``python -m ml_backend.toxicity.train`` cached them; ``--errors`` lists the
functional cases the engine gets wrong). It prints toxic-vs-clean precision / recall / F1 (toxic = level >= 1) and
three-level accuracy for:

* ``engine``: the default (``get_toxicity_engine()``); ``engine, no rules``: the same without its recognizers;
  ``head alone``: without the profanity noisy-OR and the recognizers;
* ``alt-profanity-check``: the baseline, toxic at p >= 0.5 (its level: 2 when flagged; it has no level 1).

The sets (none was used to train the head):

* ``functional``: ``tests/data/toxicity_functional.json``, 331 cases over 23 functionalities (templates over 8
  target groups, negation, counter-speech, profanity that is not hateful, ...), written before any model was
  trained and never used to choose anything;
* ``written``: the hand-written rows of ``tests/data/toxicity_eval.jsonl`` (threats, identity hate, sarcasm, rough
  words used harmlessly, insults, clean), by split: ``dev`` (used to choose the training recipe), ``test`` and
  ``fresh`` (held out). Its 300 Davidson tweets are left out: they are in the training data;
* ``check``: ``tests/data/toxicity_check.json``, 224 hand-written cases of a second round (threats to a person and
  to a group, negated hate, counter-speech, identity mentions, insults, untargeted profanity, completion-like and
  online-comment-like texts, implicit hate), written before that round changed anything; its ``dev`` part may be
  looked at while changing the engine, its ``holdout`` part is printed only with ``--holdout`` (once, at the end);
* ``--cross-source``: heads trained on one source and tested on the other (see ``ml_backend.toxicity.train``).

Example:
    >>> rows = load_functional_suite()
    >>> len(rows), sorted({r["level"] for r in rows})
    (331, [0, 1, 2])
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ml_backend.toxicity import BASELINE_MODEL, DEFAULT_MODEL, get_toxicity_engine
from ml_backend.toxicity.metrics import binary_metrics, level_accuracy

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
EVAL_SET = DATA / "toxicity_eval.jsonl"
FUNCTIONAL_SUITE = DATA / "toxicity_functional.json"
CHECK_SET = DATA / "toxicity_check.json"


def load_eval_set(path: Path | str = EVAL_SET) -> list[dict[str, Any]]:
    """Rows of the labelled set: ``{"text", "level", "toxic", "group", "source", "split", ...}`` one a line."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_functional_suite(path: Path | str = FUNCTIONAL_SUITE) -> list[dict[str, Any]]:
    """The functional suite expanded: ``{"text", "level", "functionality", "target"}`` per case.

    Templates hold ``{G}`` (plural target) and ``{g}`` (singular); each is expanded over every target.
    """
    spec = json.loads(Path(path).read_text(encoding="utf-8"))
    rows = []
    for block in spec["templates"]:
        for template in block["texts"]:
            for target in spec["targets"]:
                text = template.format(**target)
                rows.append({"text": text[0].upper() + text[1:], "level": block["level"],
                             "functionality": block["functionality"], "target": target["G"]})
    for block in spec["cases"]:
        for text in block["texts"]:
            rows.append({"text": text, "level": block["level"], "functionality": block["functionality"],
                         "target": ""})
    return rows


def load_check_set(path: Path | str = CHECK_SET, split: str | None = None) -> list[dict[str, Any]]:
    """The second check set: ``{"text", "level", "kind", "split"}`` per case (``split``: only that part).

    >>> rows = load_check_set(split="dev")
    >>> {r["split"] for r in rows}, len(rows) >= 100
    ({'dev'}, True)
    """
    cases = json.loads(Path(path).read_text(encoding="utf-8"))["cases"]
    return [c for c in cases if split is None or c["split"] == split]


def score_sets(texts: Sequence[str]) -> dict[str, list[int]]:
    """Levels of ``texts`` by the engine, the head alone and the baseline."""
    engine = get_toxicity_engine(DEFAULT_MODEL)
    baseline = get_toxicity_engine(BASELINE_MODEL)
    alone = engine.with_head(engine.head.with_settings(profanity_weight=0.0)).with_recognizers(())
    levels = {"engine": [s.level for s in engine.score_batch(texts)]}
    if engine.recognizers:
        levels["engine, no rules"] = [s.level for s in engine.with_recognizers(()).score_batch(texts)]
    return {
        **levels,
        "head alone": [s.level for s in alone.score_batch(texts)],
        "alt-profanity-check": [2 if s.level else 0 for s in baseline.score_batch(texts)],
    }


def summarise(pred: Sequence[int], gold: Sequence[int]) -> dict[str, Any]:
    """Binary metrics (toxic = level >= 1) and three-level accuracy."""
    return {"binary": binary_metrics([p > 0 for p in pred], [g > 0 for g in gold]),
            "level_accuracy": level_accuracy(pred, gold)}


def _print_block(title: str, levels: dict[str, list[int]], gold: list[int], idx: Sequence[int], out) -> dict:
    print(f"{title} (n={len(idx)}, {sum(gold[i] > 0 for i in idx)} toxic)", file=out)
    res = {}
    for name, pred in levels.items():
        r = summarise([pred[i] for i in idx], [gold[i] for i in idx])
        b = r["binary"]
        res[name] = r
        print(f"  {name:<22} P {b['precision']:.3f}  R {b['recall']:.3f}  F1 {b['f1']:.3f}  "
              f"3-level {r['level_accuracy']:.3f}", file=out)
    gain = res["engine"]["binary"]["f1"] - res["alt-profanity-check"]["binary"]["f1"]
    print(f"  engine - baseline F1: {gain:+.3f}", file=out)
    return res


def _by_group(title: str, rows: list[dict], key: str, levels: dict[str, list[int]], out) -> dict[str, Any]:
    """Per ``key`` value: n, and the engine's / baseline's share right toxic-vs-clean and on the level."""
    print(f"  {title}: gold level(s), n, engine / baseline share right (toxic vs clean; exact level):", file=out)
    res = {}
    for value in dict.fromkeys(r[key] for r in rows):
        idx = [i for i, r in enumerate(rows) if r[key] == value]
        golds = sorted({rows[i]["level"] for i in idx})
        acc = {name: (round(float(np.mean([(pred[i] > 0) == (rows[i]["level"] > 0) for i in idx])), 3),
                      round(float(np.mean([pred[i] == rows[i]["level"] for i in idx])), 3))
               for name, pred in levels.items()}
        res[value] = acc
        e, b = acc["engine"], acc["alt-profanity-check"]
        print(f"    {value:<24} {','.join(map(str, golds)):<6} {len(idx):>3}  {e[0]:.2f} / {b[0]:.2f};  "
              f"{e[1]:.2f} / {b[1]:.2f}", file=out)
    return res


def run_check(split: str, show_errors: bool = False, out=sys.stdout) -> dict[str, Any]:
    """The second check set's ``split`` part: overall figures and per kind."""
    rows = load_check_set(split=split)
    levels = score_sets([r["text"] for r in rows])
    gold = [r["level"] for r in rows]
    note = " (may be looked at)" if split == "dev" else " (held out: scored once, at the end of a round)"
    report = {"all": _print_block(f"check set, {split}{note}", levels, gold, range(len(rows)), out)}
    report["by_kind"] = _by_group("per kind", rows, "kind", levels, out)
    if show_errors and split == "dev":
        print("  engine errors (gold -> predicted):", file=out)
        for i, r in enumerate(rows):
            if levels["engine"][i] != gold[i]:
                print(f"    [{r['kind']}] {gold[i]} -> {levels['engine'][i]}: {r['text']}", file=out)
    return report


def run(cross_source: bool = False, show_errors: bool = False, out=sys.stdout) -> dict[str, Any]:
    """Compute and print the report; returns it as a dict."""
    engine = get_toxicity_engine(DEFAULT_MODEL)
    print(f"engine: {engine.model_version}\nbaseline: {get_toxicity_engine(BASELINE_MODEL).model_version}\n",
          file=out)
    report: dict[str, Any] = {}

    suite = load_functional_suite()
    levels = score_sets([r["text"] for r in suite])
    gold = [r["level"] for r in suite]
    report["functional"] = _print_block("functional suite (unseen check)", levels, gold, range(len(suite)), out)
    print("  per functionality: gold level, n, engine / baseline share right (toxic vs clean):", file=out)
    funcs = list(dict.fromkeys(r["functionality"] for r in suite))
    report["functional_by"] = {}
    for func in funcs:
        idx = [i for i, r in enumerate(suite) if r["functionality"] == func]
        acc = {name: round(float(np.mean([(pred[i] > 0) == (gold[i] > 0) for i in idx])), 3)
               for name, pred in levels.items()}
        report["functional_by"][func] = acc
        print(f"    {func:<24} {gold[idx[0]]}  {len(idx):>3}  {acc['engine']:.2f} / "
              f"{acc['alt-profanity-check']:.2f}", file=out)
    if show_errors:
        print("  engine errors (gold -> predicted):", file=out)
        for i, r in enumerate(suite):
            if (levels["engine"][i] > 0) != (gold[i] > 0):
                print(f"    [{r['functionality']}] {gold[i]} -> {levels['engine'][i]}: {r['text']}", file=out)

    rows = [r for r in load_eval_set() if r["source"] == "written"]
    levels = score_sets([r["text"] for r in rows])
    gold = [r["level"] for r in rows]
    print("", file=out)
    for split in ("dev", "test", "fresh"):
        idx = [i for i, r in enumerate(rows) if r["split"] == split]
        note = " (used to choose the training recipe)" if split == "dev" else " (held out)"
        report[f"written_{split}"] = _print_block(f"written rows, {split}{note}", levels, gold, idx, out)

    print("", file=out)
    report["check_dev"] = run_check("dev", show_errors, out)

    if cross_source:
        from ml_backend.toxicity.train import DEFAULT_CACHE, train

        print("", file=out)
        _, trained = train(cache_dir=DEFAULT_CACHE, out=out)
        report["cross_source"] = trained["cross_source"]
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: ``python -m ml_backend.evaluate_toxicity [--cross-source] [--errors]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="example: python -m ml_backend.evaluate_toxicity --cross-source")
    parser.add_argument("--cross-source", action="store_true", help="also train/test held out by whole source")
    parser.add_argument("--errors", action="store_true",
                        help="list the cases the engine gets wrong (functional suite, check set's dev part)")
    parser.add_argument("--holdout", action="store_true",
                        help="only the check set's held-out part (score it once, at the end of a round)")
    args = parser.parse_args(argv)
    if args.holdout:
        print(f"engine: {get_toxicity_engine(DEFAULT_MODEL).model_version}")
        run_check("holdout")
        return 0
    run(cross_source=args.cross_source, show_errors=args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
