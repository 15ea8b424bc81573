"""Learn from a team's own labels: refit the head on a project's ``toxicity_input`` / ``toxicity_output`` answers.

Plain Python, no HTTP: give it the project's Label Studio JSON export (and optionally its ``label_config``), get a
new :class:`~ml_backend.toxicity.head.ToxicityHead`, save it to a directory (two small files), and build the
engine with it (``get_toxicity_engine(head_dir=...)`` or ``engine.with_head(head)``); its ``model_version``
differs from the default's, so Label Studio re-predicts.

What is refitted, all from the team's labels:

* both regressions of the head, starting from the default head's weights and penalised toward them
  (``l2 * |w - w_default|^2``), class-balanced like the default's training;
* the weight of alt-profanity-check's noisy-OR term (a team that does not count casual swearing as toxic can turn
  it down);
* the thresholds: t1 maximising toxic-vs-clean F1, then t2 (>= t1) maximising three-level accuracy: this is where
  the domain's base rate enters.

All are chosen by 5-fold cross-validation on the team's labels (folds by task, so the two texts of a task stay
together): each (penalty, profanity weight) of :data:`L2_GRID` x :data:`PROFANITY_GRID` is refitted on four folds
and scored on the fifth; thresholds are chosen on these out-of-fold scores; the setting with the best out-of-fold
F1 wins (ties: the lower out-of-fold log loss, then the default's profanity weight, then the strongest penalty).
With fewer than :data:`MIN_TEXTS` labelled texts, or labels of one class only, nothing is refitted.

Example:
    >>> from ml_backend.toxicity import get_toxicity_engine                     # doctest: +SKIP
    >>> engine = get_toxicity_engine()                                           # doctest: +SKIP
    >>> result = refit_from_export(engine, exported_tasks, name="project-12")    # doctest: +SKIP
    >>> result.head.save("/models/project-12")                                   # doctest: +SKIP
    >>> get_toxicity_engine(head_dir="/models/project-12").model_version         # doctest: +SKIP
    'toxicity:minilm-l6-v2@1110a24.L3+head-project-12-...+alt-profanity-check-1.9.1'
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ml_backend.toxicity.fit import balanced_weights, fit_logistic
from ml_backend.toxicity.head import ToxicityHead
from ml_backend.toxicity.labels import LabelledText, TeamLabels, read_team_labels
from ml_backend.toxicity.metrics import GRID, best_threshold, binary_metrics, level_accuracy

#: Penalties tried (strongest first: ties go to the head closest to the default).
L2_GRID = (1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4)
#: alt-profanity-check weights tried (the default head's own is always tried too).
PROFANITY_GRID = (0.0, 0.4, 0.8)
FOLDS = 5
MIN_TEXTS = 20


class RefitError(ValueError):
    """The labels cannot support a refit (too few, or one class only); the message says which."""


@dataclass
class RefitResult:
    """The refitted head and how it was chosen.

    Attributes:
        head: the new head (name given by the caller).
        labels: what was read from the export (texts used, tasks skipped and why).
        l2, profanity_weight: the chosen settings; cv_f1: cross-validated F1 per setting, and of the unchanged head.
    """

    head: ToxicityHead
    labels: TeamLabels
    l2: float
    profanity_weight: float
    cv_f1: dict[str, float] = field(default_factory=dict)


def _fold_of(task_id: Any) -> int:
    return int(hashlib.sha256(str(task_id).encode()).hexdigest()[:8], 16) % FOLDS


def refit_head(
    base: ToxicityHead, X: np.ndarray, texts: Sequence[LabelledText], name: str, l2: float,
    profanity_weight: float | None = None, thresholds: tuple[float, float] | None = None,
) -> ToxicityHead:
    """Both regressions refitted on ``X`` (embeddings of ``texts``) and penalised toward ``base``."""
    toxic = np.array([t.toxic for t in texts])
    severe = np.array([t.severe for t in texts])
    w_toxic = balanced_weights([t.level > 0 for t in texts])
    w_severe = balanced_weights([t.level == 2 for t in texts])
    tw, tb = fit_logistic(X, toxic, w_toxic, l2, prior=(base.toxic_w, base.toxic_b))
    sw, sb = fit_logistic(X, severe, w_severe, l2, prior=(base.severe_w, base.severe_b))
    weight = base.profanity_weight if profanity_weight is None else profanity_weight
    info = {"refitted_from": base.version, "l2": l2, "profanity_weight": weight, "texts": len(texts),
            "licence": base.info.get("licence", ""), "note": "refitted on a project's own labels"}
    return ToxicityHead(name, base.encoder, tw, tb, sw, sb, weight, thresholds or base.thresholds, info)


def choose_thresholds(p_toxic: np.ndarray, p_severe: np.ndarray, levels: Sequence[int]) -> tuple[float, float]:
    """t1 for the best toxic-vs-clean F1, then t2 >= t1 for the best three-level accuracy.

    >>> choose_thresholds(np.array([0.1, 0.6, 0.9]), np.array([0.0, 0.3, 0.8]), [0, 1, 2])
    (0.35, 0.57)
    """
    t1, _ = best_threshold(p_toxic, [lvl > 0 for lvl in levels])
    grid = [t for t in GRID if t >= t1]
    toxic = np.asarray(p_toxic) >= t1
    accs = [level_accuracy(list(np.where(toxic, np.where(np.asarray(p_severe) >= t, 2, 1), 0)), list(levels))
            for t in grid]
    best = max(accs)
    tied = [t for t, a in zip(grid, accs) if a == best]
    return t1, tied[(len(tied) - 1) // 2]


def _f1(head: ToxicityHead, X: np.ndarray, profanity: np.ndarray | None, gold: Sequence[bool]) -> float:
    p_toxic, p_severe = head.predict(X, profanity)
    return binary_metrics(list(head.levels(p_toxic, p_severe) > 0), list(gold))["f1"]


def refit_labels(engine: Any, labels: TeamLabels, name: str) -> RefitResult:
    """Refit ``engine``'s head on already-read team labels (see the module docstring).

    Args:
        engine: a :class:`~ml_backend.toxicity.learned.LearnedToxicityEngine` (its encoder embeds the texts).
        labels: from :func:`~ml_backend.toxicity.labels.read_team_labels`.
        name: the new head's name (e.g. ``"project-12"``).

    Raises:
        RefitError: fewer than :data:`MIN_TEXTS` texts, or a single class.
    """
    texts = labels.texts
    gold = [t.level > 0 for t in texts]
    if len(texts) < MIN_TEXTS:
        raise RefitError(f"{len(texts)} labelled texts; a refit needs at least {MIN_TEXTS}")
    if all(gold) or not any(gold):
        raise RefitError("every labelled text has the same toxic/clean answer; a refit needs both")
    base: ToxicityHead = engine.head
    X = engine.encoder.embed([t.text for t in texts])
    from ml_backend.toxicity.profanity import profanity_scores

    profanity = np.asarray(profanity_scores([t.text for t in texts]))
    folds = np.array([_fold_of(t.task_id) for t in texts])
    weights = sorted(set(PROFANITY_GRID) | {base.profanity_weight}, key=lambda w: w != base.profanity_weight)
    levels = [t.level for t in texts]
    targets = np.array([t.toxic for t in texts])
    cv: dict[str, float] = {"unchanged": _f1(base, X, profanity, gold)}
    best: tuple[float, float, int] | None = None
    chosen: tuple[float, float, tuple[float, float]] = (L2_GRID[0], base.profanity_weight, base.thresholds)
    order = 0
    for weight in weights:
        for l2 in L2_GRID:
            oof_toxic = np.zeros(len(texts))
            oof_severe = np.zeros(len(texts))
            for k in range(FOLDS):
                test = np.flatnonzero(folds == k)
                train = np.flatnonzero(folds != k)
                if not len(test):
                    continue
                head = refit_head(base, X[train], [texts[i] for i in train], name, l2, weight)
                oof_toxic[test], oof_severe[test] = head.predict(X[test], profanity[test])
            thresholds = choose_thresholds(oof_toxic, oof_severe, levels)
            f1 = binary_metrics(list(oof_toxic >= thresholds[0]), gold)["f1"]
            p = np.clip(oof_toxic, 1e-6, 1 - 1e-6)
            logloss = float(-np.mean(targets * np.log(p) + (1 - targets) * np.log(1 - p)))
            cv[f"profanity={weight:g},l2={l2:g},t={thresholds[0]:g}/{thresholds[1]:g}"] = f1
            order -= 1
            # ties on F1 (easy labels separate at many settings): the lower out-of-fold log loss, then the
            # earlier setting (the default's profanity weight, the stronger penalty)
            key = (f1, -round(logloss, 4), order)
            if best is None or key > best:
                best = key
                chosen = (l2, weight, thresholds)
    l2, weight, thresholds = chosen
    head = refit_head(base, X, texts, name, l2, weight, thresholds)
    return RefitResult(head, labels, l2, weight, cv)


def refit_from_export(engine: Any, tasks: Iterable[Any], name: str, label_config: str | None = None) -> RefitResult:
    """Read a project's export and refit ``engine``'s head on it (see :func:`refit_labels`)."""
    return refit_labels(engine, read_team_labels(tasks, label_config), name)
