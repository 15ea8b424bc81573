"""Train the default toxicity head on the public training data, reproducibly, and print how it does held out by source.

Run ``python -m ml_backend.toxicity.train`` (about 10-20 minutes on 1 core, most of it embedding 35,000 texts;
embeddings are cached, so a re-run takes seconds). It prints:

1. the training data (counts per source and level);
2. held out by WHOLE SOURCE, with alt-profanity-check (p >= 0.5) in the same run: a head trained on Davidson
   alone, tested on Stormfront; one trained on Stormfront alone, tested on Davidson (toxic-vs-clean P / R / F1,
   three-level accuracy). Both as the engine runs (head + profanity noisy-OR) and for the head alone;
3. the final head, trained on both sources, written to ``ml_backend/toxicity/data/default_head/``.

``--check`` trains and compares with the committed head instead of writing it (weights equal to 1e-4).

The recipe (every choice below was made on the held-out-source figures and the dev split of
``tests/data/toxicity_eval.jsonl``; the functional suite was never looked at while choosing):

* features: the mean-pooled states of MiniLM layer :data:`LAYERS` (layers 3-4 beat the final layer on every
  held-out source; 3 is the cheaper);
* targets: soft (Davidson's crowd shares; see :mod:`~ml_backend.toxicity.training_data`);
* weights: each source weighs the same, and within a source each class weighs the same: a head trained on
  83% toxic tweets and one trained on 11% hateful sentences otherwise learn the sources' base rates, not toxicity;
* :data:`L2` penalty; alt-profanity-check weight :data:`PROFANITY_WEIGHT`; thresholds 0.5 / 0.5 (the heads'
  own boundary under balanced weights, not tuned);
* for the line between levels 1 and 2 only, the severe regression's logit is raised by :data:`SEVERE_BIAS_SHIFT`
  (= log 2: its 0.5 boundary moves to where the balanced fit said 1/3; ``ToxicityHead.level2_shift``). The balanced
  fit learns "hate" from the sources' hate rows only, so at 0.5 it called most insults and threats at a person
  level 1. Chosen on the dev parts of ``tests/data/toxicity_check.json`` and ``toxicity_eval.jsonl`` (three-level
  accuracy 0.46 -> 0.57 and 0.62 -> 0.71; toxic-vs-clean unchanged) and the held-out-source figures (Davidson ->
  Stormfront 0.738 -> 0.749; Stormfront -> Davidson 0.505 -> 0.357, as Davidson calls insults "offensive", level 1:
  log 3 gave the dev parts about the same and that figure 0.29), before any held-out part was scored.

Deterministic: no random numbers anywhere (Newton's method from zero; no sampling).

Licence of the trained head: it is derived from Stormfront sentences (CC BY-SA 3.0 ES) and Davidson tweets (MIT),
so it is distributed under CC BY-SA 3.0 ES, with attribution to both (``head.json`` says so).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ml_backend.toxicity.encoder import MiniLMEncoder
from ml_backend.toxicity.fit import balanced_weights, fit_logistic
from ml_backend.toxicity.head import ToxicityHead
from ml_backend.toxicity.learned import DEFAULT_HEAD_DIR
from ml_backend.toxicity.metrics import binary_metrics, level_accuracy
from ml_backend.toxicity.profanity import profanity_scores, profanity_version
from ml_backend.toxicity.training_data import DEFAULT_DATA_DIR, LICENCES, TrainingRow, load_training_data

LAYERS = 3
L2 = 1e-4
PROFANITY_WEIGHT = 0.8
SEVERE_BIAS_SHIFT = float(np.log(2.0))
THRESHOLDS = (0.5, 0.5)
DEFAULT_CACHE = Path.home() / ".cache" / "labelguide" / "toxicity"
HEAD_LICENCE = ("CC BY-SA 3.0 ES (derived from the Stormfront hate speech dataset, de Gibert et al. 2018, "
                "CC BY-SA 3.0 ES; and from the Davidson et al. 2017 tweets, MIT, Copyright (c) 2017 Tom Davidson)")


def embed_cached(encoder: MiniLMEncoder, texts: Sequence[str], cache_dir: Path | None) -> np.ndarray:
    """``encoder.embed(texts)``, cached in ``cache_dir`` under a hash of the encoder version and the texts."""
    digest = hashlib.sha256(encoder.version.encode())
    for t in texts:
        digest.update(t.encode("utf-8", "surrogatepass") + b"\x00")
    path = cache_dir / f"emb-{digest.hexdigest()[:16]}.npy" if cache_dir else None
    if path is not None and path.is_file():
        return np.load(path)
    vecs = encoder.embed(texts)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vecs)
    return vecs


def fit_head(
    parts: Sequence[tuple[np.ndarray, Sequence[TrainingRow]]], name: str, encoder_version: str,
    l2: float = L2, profanity_weight: float = PROFANITY_WEIGHT, info: dict[str, Any] | None = None,
) -> ToxicityHead:
    """Fit both regressions on ``(embeddings, rows)`` parts, each part (source) weighing the same."""
    X = np.concatenate([x for x, _ in parts])
    toxic = np.concatenate([[r.toxic for r in rows] for _, rows in parts])
    severe = np.concatenate([[r.severe for r in rows] for _, rows in parts])
    w_toxic = np.concatenate([balanced_weights([r.level > 0 for r in rows]) / len(rows) for _, rows in parts])
    w_severe = np.concatenate([balanced_weights([r.level == 2 for r in rows]) / len(rows) for _, rows in parts])
    tw, tb = fit_logistic(X, toxic, w_toxic, l2)
    sw, sb = fit_logistic(X, severe, w_severe, l2)
    return ToxicityHead(name, encoder_version, tw, tb, sw, sb, profanity_weight, THRESHOLDS, info or {},
                        level2_shift=SEVERE_BIAS_SHIFT)


def evaluate_head(head: ToxicityHead, X: np.ndarray, levels: Sequence[int], profanity: np.ndarray) -> dict[str, Any]:
    """Toxic-vs-clean metrics and three-level accuracy of ``head`` on embedded rows."""
    p_toxic, p_severe = head.predict(X, profanity)
    pred = head.levels(p_toxic, p_severe)
    gold = list(levels)
    return {"binary": binary_metrics([int(p) > 0 for p in pred], [g > 0 for g in gold]),
            "level_accuracy": level_accuracy([int(p) for p in pred], gold)}


def baseline_metrics(profanity: np.ndarray, levels: Sequence[int]) -> dict[str, Any]:
    """alt-profanity-check alone at p >= 0.5 (levels: 2 when flagged; it has no level 1 of its own)."""
    pred = [2 if p >= 0.5 else 0 for p in profanity]
    return {"binary": binary_metrics([p > 0 for p in pred], [g > 0 for g in levels]),
            "level_accuracy": level_accuracy(pred, list(levels))}


def _line(label: str, res: dict[str, Any]) -> str:
    b = res["binary"]
    return (f"  {label:<44} n={b['n']:>6}  P {b['precision']:.3f}  R {b['recall']:.3f}  F1 {b['f1']:.3f}  "
            f"3-level {res['level_accuracy']:.3f}")


def cross_source(
    embedded: dict[str, tuple[np.ndarray, list[TrainingRow], np.ndarray]], encoder_version: str, out=sys.stdout,
) -> dict[str, Any]:
    """Train on each source alone, test on every other one; print and return the figures with the baseline."""
    report: dict[str, Any] = {}
    for train_name, (Xtr, rows_tr, _) in embedded.items():
        head = fit_head([(Xtr, rows_tr)], f"only-{train_name}", encoder_version)
        for test_name, (Xte, rows_te, prof) in embedded.items():
            if test_name == train_name:
                continue
            levels = [r.level for r in rows_te]
            key = f"{train_name}->{test_name}"
            report[key] = {
                "engine": evaluate_head(head, Xte, levels, prof),
                "head_alone": evaluate_head(head.with_settings(profanity_weight=0.0), Xte, levels, prof),
                "baseline": baseline_metrics(prof, levels),
            }
            print(f"train on {train_name} only, test on {test_name}:", file=out)
            print(_line("engine (head + profanity noisy-OR)", report[key]["engine"]), file=out)
            print(_line("head alone", report[key]["head_alone"]), file=out)
            print(_line(f"alt-profanity-check {profanity_version()} (p >= 0.5)", report[key]["baseline"]), file=out)
            gain = report[key]["engine"]["binary"]["f1"] - report[key]["baseline"]["binary"]["f1"]
            print(f"  engine - baseline F1: {gain:+.3f}", file=out)
    return report


def train(data_dir: Path = DEFAULT_DATA_DIR, cache_dir: Path | None = DEFAULT_CACHE, out=sys.stdout
          ) -> tuple[ToxicityHead, dict[str, Any]]:
    """The whole recipe; returns the final head and the printed figures."""
    sources = load_training_data(data_dir)
    print("Training data (shared/data/toxicity_train):", file=out)
    for name, rows in sources.items():
        counts = Counter(r.level for r in rows)
        print(f"  {name:<11} {len(rows):>6} rows; level 0: {counts[0]}, 1: {counts[1]}, 2: {counts[2]}  "
              f"[{LICENCES[name]}]", file=out)
    encoder = MiniLMEncoder(layers=LAYERS)
    embedded = {}
    for name, rows in sources.items():
        texts = [r.text for r in rows]
        embedded[name] = (embed_cached(encoder, texts, cache_dir), rows, np.asarray(profanity_scores(texts)))
    print("\nHeld out by whole source (alt-profanity-check was itself trained on Davidson tweets, so '->davidson' "
          "is not unseen for it, nor for the engine's profanity term):", file=out)
    report = {"cross_source": cross_source(embedded, encoder.version, out)}
    info = {
        "trained_by": "python -m ml_backend.toxicity.train",
        "data": {name: {"rows": len(rows), "levels": dict(sorted(Counter(r.level for r in rows).items())),
                        "licence": LICENCES[name]} for name, rows in sources.items()},
        "recipe": {"layers": LAYERS, "l2": L2, "targets": "soft (Davidson crowd shares)",
                   "weights": "each source equal, each class equal within a source",
                   "severe_bias_shift": round(SEVERE_BIAS_SHIFT, 6)},
        "licence": HEAD_LICENCE,
    }
    head = fit_head([(x, rows) for x, rows, _ in embedded.values()], "default", encoder.version, info=info)
    print(f"\nFinal head on both sources: {head.version} (encoder {encoder.version})", file=out)
    return head, report


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="example: python -m ml_backend.toxicity.train --check")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="folder holding the training files")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="embedding cache folder")
    parser.add_argument("--no-cache", action="store_true", help="embed everything again")
    parser.add_argument("--out", type=Path, default=DEFAULT_HEAD_DIR, help="where to write the head")
    parser.add_argument("--check", action="store_true", help="compare with the committed head, write nothing")
    args = parser.parse_args(argv)
    head, _ = train(args.data, None if args.no_cache else args.cache)
    if args.check:
        committed = ToxicityHead.load(args.out)
        diff = max(float(np.abs(head.toxic_w - committed.toxic_w).max()),
                   float(np.abs(head.severe_w - committed.severe_w).max()),
                   abs(head.toxic_b - committed.toxic_b), abs(head.severe_b - committed.severe_b))
        same = diff < 1e-4 and head.encoder == committed.encoder
        print(f"committed head {committed.version}; retrained {head.version}; largest weight difference {diff:.2e}"
              f" -> {'reproduced' if same else 'DIFFERENT'}")
        return 0 if same else 1
    head.save(args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
