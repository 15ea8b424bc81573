"""Learn from a team's own labels: refit the head on a project's ``toxicity_input`` / ``toxicity_output`` answers.

Plain Python, no HTTP: give it the project's Label Studio JSON export (and optionally its ``label_config``), get a
new :class:`~ml_backend.toxicity.head.ToxicityHead`, save it to a directory (two small files), and build the
engine with it (``get_toxicity_engine(head_dir=...)`` or ``engine.with_head(head)``); its ``model_version``
differs from the default's, so Label Studio re-predicts.

What is refitted: both regressions of the head, starting from the default head's weights and penalised toward
them (``l2 * |w - w_default|^2``), on the team's labels with their own base rate (the domain's). The penalty is
chosen by 5-fold cross-validation on the team's labels (folds by task, so the two texts of a task stay together)
among :data:`L2_GRID`, maximising toxic-vs-clean F1; the strongest penalty (barely moving from the default) wins
ties. With fewer than :data:`MIN_TEXTS` labelled texts, or labels of one class only, nothing is refitted.

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

from ml_backend.toxicity.fit import fit_logistic
from ml_backend.toxicity.head import ToxicityHead
from ml_backend.toxicity.labels import LabelledText, TeamLabels, read_team_labels
from ml_backend.toxicity.metrics import binary_metrics

#: Penalties tried (strongest first: ties go to the head closest to the default).
L2_GRID = (1e-1, 3e-2, 1e-2, 3e-3, 1e-3)
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
        l2: the chosen penalty; cv_f1: cross-validated F1 per penalty, and of the unchanged head.
    """

    head: ToxicityHead
    labels: TeamLabels
    l2: float
    cv_f1: dict[str, float] = field(default_factory=dict)


def _fold_of(task_id: Any) -> int:
    return int(hashlib.sha256(str(task_id).encode()).hexdigest()[:8], 16) % FOLDS


def refit_head(
    base: ToxicityHead, X: np.ndarray, texts: Sequence[LabelledText], profanity: np.ndarray | None,
    name: str, l2: float,
) -> ToxicityHead:
    """Both regressions refitted on ``X`` (embeddings of ``texts``) and penalised toward ``base``."""
    toxic = np.array([t.toxic for t in texts])
    severe = np.array([t.severe for t in texts])
    tw, tb = fit_logistic(X, toxic, None, l2, prior=(base.toxic_w, base.toxic_b))
    sw, sb = fit_logistic(X, severe, None, l2, prior=(base.severe_w, base.severe_b))
    info = {"refitted_from": base.version, "l2": l2, "texts": len(texts),
            "licence": base.info.get("licence", ""), "note": "refitted on a project's own labels"}
    return ToxicityHead(name, base.encoder, tw, tb, sw, sb, base.profanity_weight, base.thresholds, info)


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
    profanity = None
    if base.profanity_weight:
        from ml_backend.toxicity.profanity import profanity_scores

        profanity = np.asarray(profanity_scores([t.text for t in texts]))
    folds = np.array([_fold_of(t.task_id) for t in texts])
    cv: dict[str, float] = {"unchanged": _f1(base, X, profanity, gold)}
    for l2 in L2_GRID:
        pred: list[bool] = [False] * len(texts)
        for k in range(FOLDS):
            test = np.flatnonzero(folds == k)
            train = np.flatnonzero(folds != k)
            if not len(test) or len({gold[i] for i in train}) < 2:
                continue
            head = refit_head(base, X[train], [texts[i] for i in train],
                              None if profanity is None else profanity[train], name, l2)
            p_toxic, p_severe = head.predict(X[test], None if profanity is None else profanity[test])
            for i, lvl in zip(test, head.levels(p_toxic, p_severe)):
                pred[i] = bool(lvl > 0)
        cv[f"l2={l2:g}"] = binary_metrics(pred, gold)["f1"]
    best_l2 = max(L2_GRID, key=lambda l2: (cv[f"l2={l2:g}"], l2))
    head = refit_head(base, X, texts, profanity, name, best_l2)
    return RefitResult(head, labels, best_l2, cv)


def refit_from_export(engine: Any, tasks: Iterable[Any], name: str, label_config: str | None = None) -> RefitResult:
    """Read a project's export and refit ``engine``'s head on it (see :func:`refit_labels`)."""
    return refit_labels(engine, read_team_labels(tasks, label_config), name)
