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
* t1, the threshold of level 1, maximising toxic-vs-clean F1: this is where the domain's base rate enters;
* the line between levels 1 and 2 (the severe logit from which a toxic text is level 2, stored as ``t2`` and
  ``level2_shift``): where the default head puts it on the team's texts, unless the team gave at least 20 answers
  at level 1 or 2 and a line learned from them beats that out of fold by a clear margin
  (:mod:`~ml_backend.toxicity.level_split`).

All are chosen by 5-fold cross-validation on the team's labels (folds by task, so the two texts of a task stay
together): each (penalty, profanity weight) of :data:`L2_GRID` x :data:`PROFANITY_GRID` is refitted on four folds
and scored on the fifth; t1 is chosen on these out-of-fold scores; the setting with the best out-of-fold F1 wins (ties: the
lower out-of-fold log loss, then the default's profanity weight, then the strongest penalty), and the level split
is chosen on that setting's out-of-fold scores. With fewer than :data:`MIN_TEXTS` labelled texts, or labels of
one class only, nothing is refitted.

A refitted head says what it is in its ``info``: ``refit_format`` (:data:`REFIT_FORMAT`; format 1, written before
the level split was kept or learned, has no such key) and ``level_split`` (the cut, whether it was learned, and
the counts it rests on). :func:`check_refit_format` reads it when a project's head is loaded.

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

from ml_backend.toxicity.engine import ToxicityModelError
from ml_backend.toxicity.fit import balanced_weights, fit_logistic
from ml_backend.toxicity.head import ToxicityHead
from ml_backend.toxicity.labels import LabelledText, TeamLabels, read_team_labels
from ml_backend.toxicity.level_split import (LevelSplit, default_split, learn_split, level2_cut, severe_logits,
                                             split_settings)
from ml_backend.toxicity.metrics import best_threshold, binary_metrics

#: Penalties tried (strongest first: ties go to the head closest to the default).
L2_GRID = (1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4)
#: alt-profanity-check weights tried (the default head's own is always tried too).
PROFANITY_GRID = (0.0, 0.4, 0.8)
FOLDS = 5
MIN_TEXTS = 20
#: What a refitted head's ``info["refit_format"]`` says. 1 (no key): before the level split was kept or learned
#: (its ``level2_shift`` is 0 and its ``t2`` was chosen for that); 2: the split is the default's or learned.
REFIT_FORMAT = 2


class RefitError(ValueError):
    """The labels cannot support a refit (too few, or one class only); the message says which."""


@dataclass
class RefitResult:
    """The refitted head and how it was chosen.

    Attributes:
        head: the new head (name given by the caller).
        labels: what was read from the export (texts used, tasks skipped and why).
        l2, profanity_weight: the chosen settings; cv_f1: cross-validated F1 per setting, and of the unchanged head.
        split: the line between levels 1 and 2 (kept from the default, or learned).
    """

    head: ToxicityHead
    labels: TeamLabels
    l2: float
    profanity_weight: float
    cv_f1: dict[str, float] = field(default_factory=dict)
    split: LevelSplit | None = None


def _fold_of(task_id: Any) -> int:
    return int(hashlib.sha256(str(task_id).encode()).hexdigest()[:8], 16) % FOLDS


def refit_head(
    base: ToxicityHead, X: np.ndarray, texts: Sequence[LabelledText], name: str, l2: float,
    profanity_weight: float | None = None, t1: float | None = None, split: LevelSplit | None = None,
) -> ToxicityHead:
    """Both regressions refitted on ``X`` (embeddings of ``texts``) and penalised toward ``base``.

    Level 1 from ``t1`` (default: the base head's); the level split at ``split``'s cut (default: the base head's),
    stored as ``(t2, level2_shift)`` (:func:`~ml_backend.toxicity.level_split.split_settings`).
    """
    toxic = np.array([t.toxic for t in texts])
    severe = np.array([t.severe for t in texts])
    w_toxic = balanced_weights([t.level > 0 for t in texts])
    w_severe = balanced_weights([t.level == 2 for t in texts])
    tw, tb = fit_logistic(X, toxic, w_toxic, l2, prior=(base.toxic_w, base.toxic_b))
    sw, sb = fit_logistic(X, severe, w_severe, l2, prior=(base.severe_w, base.severe_b))
    weight = base.profanity_weight if profanity_weight is None else profanity_weight
    t1 = base.thresholds[0] if t1 is None else float(t1)
    t2, shift = split_settings(level2_cut(base) if split is None else split.cut, t1, base)
    info: dict[str, Any] = {
        "refitted_from": base.version, "refit_format": REFIT_FORMAT, "l2": l2, "profanity_weight": weight,
        "texts": len(texts), "licence": base.info.get("licence", ""), "note": "refitted on a project's own labels"}
    if split is not None:
        info["level_split"] = split.as_info()
    return ToxicityHead(name, base.encoder, tw, tb, sw, sb, weight, (t1, t2), info, level2_shift=shift)


def check_refit_format(head: ToxicityHead) -> ToxicityHead:
    """``head`` when this version can serve it, else :class:`ToxicityModelError` saying why (the caller then serves
    the defaults). A format-1 head (stored before the level split was kept) is served as it was published: its
    ``t2`` was chosen for its ``level2_shift`` of 0, so it gives the levels the team has seen.

    >>> check_refit_format(ToxicityHead.zeros(2, "e").with_settings(info={"refit_format": 9}))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ml_backend.toxicity.engine.ToxicityModelError: toxicity head 'zeros' was refitted by a newer labelguide (...
    """
    found = head.info.get("refit_format", 1)
    if isinstance(found, bool) or not isinstance(found, int) or not 1 <= found <= REFIT_FORMAT:
        raise ToxicityModelError(f"toxicity head {head.name!r} was refitted by a newer labelguide (refit format "
                                 f"{found!r}; this one reads 1 to {REFIT_FORMAT}): train the project again")
    return head


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
    chosen: tuple[float, float, float] = (L2_GRID[0], base.profanity_weight, base.thresholds[0])
    chosen_oof = (np.zeros(len(texts)), np.zeros(len(texts)))
    order = 0
    for weight in weights:
        for l2 in L2_GRID:
            oof_toxic = np.zeros(len(texts))
            oof_logit = np.zeros(len(texts))  # the severe regression's logit: the level split is read from it
            for k in range(FOLDS):
                test = np.flatnonzero(folds == k)
                train = np.flatnonzero(folds != k)
                if not len(test):
                    continue
                head = refit_head(base, X[train], [texts[i] for i in train], name, l2, weight)
                oof_toxic[test] = head.predict(X[test], profanity[test])[0]
                oof_logit[test] = severe_logits(head, X[test])
            t1, f1 = best_threshold(oof_toxic, gold)
            p = np.clip(oof_toxic, 1e-6, 1 - 1e-6)
            logloss = float(-np.mean(targets * np.log(p) + (1 - targets) * np.log(1 - p)))
            cv[f"profanity={weight:g},l2={l2:g},t1={t1:g}"] = f1
            order -= 1
            # ties on F1 (easy labels separate at many settings): the lower out-of-fold log loss, then the
            # earlier setting (the default's profanity weight, the stronger penalty)
            key = (f1, -round(logloss, 4), order)
            if best is None or key > best:
                best = key
                chosen = (l2, weight, t1)
                chosen_oof = (oof_toxic >= t1, oof_logit)
    l2, weight, t1 = chosen
    predicted_toxic, logits = chosen_oof
    raw_cut = level2_cut(base)
    kept = default_split(logits, predicted_toxic, severe_logits(base, X) >= raw_cut, raw_cut)
    split = learn_split(logits, predicted_toxic, levels, kept)
    head = refit_head(base, X, texts, name, l2, weight, t1, split)
    return RefitResult(head, labels, l2, weight, cv, split)


def refit_from_export(engine: Any, tasks: Iterable[Any], name: str, label_config: str | None = None) -> RefitResult:
    """Read a project's export and refit ``engine``'s head on it (see :func:`refit_labels`)."""
    return refit_labels(engine, read_team_labels(tasks, label_config), name)
