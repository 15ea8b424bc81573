"""Show what refitting on a team's own labels gains: a simulated team labels 300 tasks of a domain the head is weak on.

Run ``python -m ml_backend.evaluate_toxicity_refit`` (a few minutes: it embeds both training sources unless
``python -m ml_backend.toxicity.train`` cached them). The committed head has seen both public sources, so the
simulation uses, as "the default", a head trained on ONE source (the same recipe), and the OTHER source as the
team's domain:

* domain ``stormfront`` (head trained on Davidson tweets only): 300 tasks, each two consecutive sentences of one
  forum post (sentence start = ``prompt``, next sentence = ``continuation``), from posts of a random third of the
  users; tested on every sentence written by the other users (no user in both);
* domain ``davidson`` (head trained on Stormfront only): 300 tasks of two tweets; tested on the other tweets.

The tasks are written as a Label Studio JSON export with one annotation each (``toxicity_input`` /
``toxicity_output`` = the source's gold level), read by :func:`~ml_backend.toxicity.labels.read_team_labels` and
refitted by :func:`~ml_backend.toxicity.refit.refit_labels`, exactly as a project's export would be. It prints
toxic-vs-clean P / R / F1 and three-level accuracy on the rest of the domain, before and after, with
alt-profanity-check in the same run. Seeded (``--seed``): the same tasks every run.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from label_config import taxonomy as T
from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.refit import refit_from_export
from ml_backend.toxicity.train import DEFAULT_CACHE, baseline_metrics, embed_cached, evaluate_head, fit_head
from ml_backend.toxicity.training_data import DEFAULT_DATA_DIR, SOURCES, TrainingRow, load_training_data
from ml_backend.toxicity.profanity import profanity_scores
from ml_backend.toxicity.text import detokenize_ptb

TASKS = 300


def _choice(name: str, to_name: str, level: int) -> dict[str, Any]:
    return {"from_name": name, "to_name": to_name, "type": "choices",
            "value": {"choices": [T.TOXICITY_LEVELS[level]]}}


def as_export(pairs: Sequence[tuple[TrainingRow, TrainingRow]], first_id: int = 1) -> list[dict[str, Any]]:
    """Label Studio JSON export tasks for (prompt row, continuation row) pairs, annotated with their gold levels."""
    return [{"id": first_id + i, "data": {T.PROMPT: a.text, T.CONTINUATION: b.text},
             "annotations": [{"id": first_id + i, "was_cancelled": False,
                              "result": [_choice(T.TOXICITY_INPUT, T.PROMPT, a.level),
                                         _choice(T.TOXICITY_OUTPUT, T.CONTINUATION, b.level)]}]}
            for i, (a, b) in enumerate(pairs)]


def stormfront_split(data_dir: Path, seed: int) -> tuple[list[tuple[TrainingRow, TrainingRow]], list[TrainingRow]]:
    """(300 labelled tasks from a third of the users' posts, test rows by the other users)."""
    rows, users, keys = [], [], []
    with open(Path(data_dir) / SOURCES["stormfront"], encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["label"] not in ("hate", "noHate"):
                continue
            level = 2 if rec["label"] == "hate" else 0
            post, _, number = rec["file_id"].rpartition("_")
            rows.append(TrainingRow(detokenize_ptb(rec["text"]), level, "stormfront", float(level > 0),
                                    float(level == 2), rec["subforum_id"]))
            users.append(rec["user_id"])
            keys.append((post, int(number)))
    rng = np.random.default_rng(seed)
    all_users = sorted(set(users))
    team_users = set(rng.permutation(all_users)[: len(all_users) // 3].tolist())
    index = {k: i for i, k in enumerate(keys)}
    pairs = [(i, index[(post, n + 1)]) for i, (post, n) in enumerate(keys)
             if users[i] in team_users and (post, n + 1) in index]
    chosen = rng.permutation(len(pairs))[:TASKS]
    tasks = [(rows[pairs[c][0]], rows[pairs[c][1]]) for c in sorted(chosen)]
    test = [r for r, u in zip(rows, users) if u not in team_users]
    return tasks, test


def davidson_split(rows: list[TrainingRow], seed: int) -> tuple[list[tuple[TrainingRow, TrainingRow]], list[TrainingRow]]:
    """(300 tasks of two tweets, the other tweets)."""
    order = np.random.default_rng(seed).permutation(len(rows))
    tasks = [(rows[order[2 * i]], rows[order[2 * i + 1]]) for i in range(TASKS)]
    return tasks, [rows[i] for i in order[2 * TASKS:]]


def _line(label: str, res: dict[str, Any]) -> str:
    b = res["binary"]
    return (f"  {label:<40} P {b['precision']:.3f}  R {b['recall']:.3f}  F1 {b['f1']:.3f}  "
            f"3-level {res['level_accuracy']:.3f}")


def run(data_dir: Path = DEFAULT_DATA_DIR, cache_dir: Path | None = DEFAULT_CACHE, seed: int = 0,
        out=sys.stdout) -> dict[str, Any]:
    """Both simulations; prints and returns the figures."""
    engine = get_toxicity_engine()
    sources = load_training_data(data_dir)
    report: dict[str, Any] = {}
    for domain, other in (("stormfront", "davidson"), ("davidson", "stormfront")):
        train_rows = sources[other]
        X_train = embed_cached(engine.encoder, [r.text for r in train_rows], cache_dir)
        head = fit_head([(X_train, train_rows)], f"only-{other}", engine.encoder.version)
        start = engine.with_head(head)
        tasks, test = (stormfront_split(data_dir, seed) if domain == "stormfront"
                       else davidson_split(sources["davidson"], seed))
        result = refit_from_export(start, as_export(tasks), name=f"sim-{domain}")
        X_test = embed_cached(engine.encoder, [r.text for r in test], cache_dir)
        prof = np.asarray(profanity_scores([r.text for r in test]))
        levels = [r.level for r in test]
        res = {"before": evaluate_head(head, X_test, levels, prof),
               "after": evaluate_head(result.head, X_test, levels, prof),
               "baseline": baseline_metrics(prof, levels),
               "labelled_texts": len(result.labels.texts), "l2": result.l2,
               "profanity_weight": result.profanity_weight, "cv_f1": result.cv_f1}
        report[domain] = res
        toxic = sum(t.level > 0 for t in result.labels.texts)
        print(f"domain {domain}: default = head trained on {other} only; team labels {len(tasks)} tasks "
              f"({len(result.labels.texts)} texts, {toxic} toxic); tested on {len(test)} other {domain} rows",
              file=out)
        print(_line("before (default head)", res["before"]), file=out)
        print(_line(f"after refit (l2={result.l2:g}, profanity {result.profanity_weight:g}; 5-fold CV)", res["after"]), file=out)
        print(_line("alt-profanity-check (p >= 0.5)", res["baseline"]), file=out)
        gain = res["after"]["binary"]["f1"] - res["before"]["binary"]["f1"]
        print(f"  refit gain F1: {gain:+.3f}; versions {start.model_version.split('+')[1]} -> "
              f"{start.with_head(result.head).model_version.split('+')[1]}", file=out)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: ``python -m ml_backend.evaluate_toxicity_refit [--seed N]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="example: python -m ml_backend.evaluate_toxicity_refit --seed 0")
    parser.add_argument("--seed", type=int, default=0, help="which 300 tasks the team labels")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="folder holding the training files")
    args = parser.parse_args(argv)
    run(args.data, DEFAULT_CACHE, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
