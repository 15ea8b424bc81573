"""Where a project's head draws the line between level 1 (slight) and level 2 (clearly toxic): the default's, or
one learned from the team's ``toxicity_*`` answers.

A head calls a toxic text level 2 when its clearly-toxic probability ``sigmoid(z + level2_shift)`` reaches
``t2``, where ``z`` is the severe regression's logit; that is, when ``z >= cut`` with
``cut = logit(t2) - level2_shift`` (:func:`level2_cut`). The cut is the one number that places the split; the
default head's is ``logit(0.5) - log 2 = -0.693`` (``train.py``'s ``SEVERE_BIAS_SHIFT``). A refit stores its cut
as ``(t2, level2_shift)`` (:func:`split_settings`).

**The default's split on a refitted head** (:func:`default_split`). A refit moves the severe regression toward the
team's labels, its bias freely (class-balanced, the bias is not penalised), so the default's ``level2_shift``
copied onto it does not put the line where the default does (on a team that answers exactly what the default
says, it levels about 1 toxic text in 5 differently). The default's split is therefore carried over as the cut
at which the refitted regression calls level 2 the team's texts the default head calls level 2: computed from
the default head's own outputs, no team answer used.

**When the split is learned** (:func:`learn_split`), on the refit's out-of-fold scores (folds by task):

1. the team answered level 1 or 2 for at least :data:`MIN_SPLIT_ANSWERS` (20) texts. The split is a
   level-1-versus-level-2 decision among toxic texts, so these are the answers it is learned from; with 5 folds
   that is 4 a fold on average, and a share estimated from 20 answers is known to about +-0.2 (95%), the least
   that can tell "mostly level 1" from "mostly level 2". Neither level needs answers of its own: a team that
   gives 20 toxic answers and never a level 1 is itself the evidence that its level 1 is rare (at most 15% by the
   rule of three);
2. the cut that gets the most of those texts right out of fold (the middle of the longest tied run of
   :data:`CUT_OFFSETS` around the default's cut, ``+-6`` logits by quarters) beats the default's split by a
   margin no coin would give: of the toxic texts the two cuts level differently, the learned one is right on
   ``wins`` and the default's on ``losses``, and ``wins - losses >= max(3, 2 * sqrt(wins + losses))`` (a
   one-sided sign test at about 2.5%, before the look at a grid; the margin is part of why ties and near-ties
   keep the default).

Otherwise the default's split is kept. These constants were fixed before any evaluation was run (no held-out row
chose them).

Example:
    >>> z = np.array([-2.0, -1.5, -1.0, 1.0, 1.5, 2.0] * 5)
    >>> split = learn_split(z, np.ones(30, bool), [1, 1, 1, 2, 2, 2] * 5, default_cut=-3.0)
    >>> split.learned, split.cut, (split.wins, split.losses)
    (True, 0.0, (15, 0))
    >>> learn_split(z, np.ones(30, bool), [1, 1, 1, 2, 2, 2] * 5, default_cut=0.0).learned
    False
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from ml_backend.toxicity.metrics import middle_of_longest_run

#: Fewest texts answered level 1 or 2 that the split is learned from (see the module docstring).
MIN_SPLIT_ANSWERS = 20
#: Cuts tried, as offsets from the default's cut (logits).
CUT_OFFSETS = tuple(k / 4 for k in range(-24, 25))
_P_EDGE = 1e-6


def logit(p: float) -> float:
    """``log(p / (1 - p))``, with p kept inside ``(1e-6, 1 - 1e-6)``.

    >>> logit(0.5)
    0.0
    """
    p = min(max(float(p), _P_EDGE), 1.0 - _P_EDGE)
    return math.log(p / (1.0 - p))


def level2_cut(head: Any) -> float:
    """The severe logit from which ``head`` says level 2: ``logit(t2) - level2_shift``.

    >>> from ml_backend.toxicity.head import ToxicityHead
    >>> round(level2_cut(ToxicityHead.zeros(2, "e").with_settings(level2_shift=math.log(2))), 3)
    -0.693
    """
    return logit(head.thresholds[1]) - float(head.level2_shift)


def severe_logits(head: Any, X: np.ndarray) -> np.ndarray:
    """The severe regression's logit ``z`` per row of embeddings ``X`` (n, dim).

    >>> from ml_backend.toxicity.head import ToxicityHead
    >>> severe_logits(ToxicityHead.zeros(2, "e"), np.ones((1, 2))).tolist()
    [0.0]
    """
    X = np.asarray(X, np.float64)
    return X @ np.asarray(head.severe_w, np.float64) + float(head.severe_b)


def split_settings(cut: float, t1: float, base: Any) -> tuple[float, float]:
    """``(t2, level2_shift)`` that put the split at ``cut`` for a head whose level 1 starts at ``t1``.

    ``t2`` stays the base head's (``t1 <= t2`` must hold, so it is raised to ``t1`` when that is higher) and the
    shift absorbs the rest; at the base's own cut and ``t2``, the base's ``level2_shift`` is returned exactly.

    >>> from ml_backend.toxicity.head import ToxicityHead
    >>> base = ToxicityHead.zeros(2, "e").with_settings(level2_shift=0.7)
    >>> split_settings(level2_cut(base), 0.4, base), split_settings(-0.7, 0.6, base)[0]
    ((0.5, 0.7), 0.6)
    """
    t2 = max(float(t1), float(base.thresholds[1]))
    if t2 == float(base.thresholds[1]) and cut == level2_cut(base):
        return t2, float(base.level2_shift)
    return t2, logit(t2) - float(cut)


@dataclass(frozen=True)
class LevelSplit:
    """The split a refit chose, and the evidence (counts only; saved in the head's ``info``).

    Attributes:
        cut: the severe logit from which a toxic text is level 2.
        learned: False when the default's cut was kept.
        why: one sentence saying why.
        level1, level2: the team's texts answered level 1 / level 2.
        wins, losses: out of fold, toxic texts the learned cut levels right and the default's wrong, and back.
    """

    cut: float
    learned: bool
    why: str
    level1: int = 0
    level2: int = 0
    wins: int = 0
    losses: int = 0

    def as_info(self) -> dict[str, Any]:
        """A JSON-ready copy (the cut rounded to 6 places).

        >>> LevelSplit(-0.6931471, False, "kept").as_info()["cut"]
        -0.693147
        """
        return dict(asdict(self), cut=round(self.cut, 6))


def _best_cut(z: np.ndarray, wanted: np.ndarray, around: float) -> float:
    """The cut of ``around + CUT_OFFSETS`` whose ``z >= cut`` matches ``wanted`` most often (middle of the longest
    tied run; ``around`` when there is nothing to match)."""
    if not len(z):
        return around
    cuts = [around + d for d in CUT_OFFSETS]
    return middle_of_longest_run(cuts, [int(((z >= c) == wanted).sum()) for c in cuts])


def default_split(z: np.ndarray, predicted_toxic: np.ndarray, default_level2: np.ndarray, raw_cut: float) -> float:
    """The default's split carried over to a refitted severe regression: the cut on its logits ``z`` at which it
    calls level 2 the toxic texts the default head calls level 2 (``default_level2``), on the team's own texts.

    Needed because a refit moves the severe regression's bias to the team's labels (class-balanced, the bias is not
    penalised): the default's ``level2_shift`` on top of it would put the line elsewhere. No team answer is used.

    >>> z = np.array([-1.0, 0.0, 1.0, 2.0])
    >>> default_split(z, np.ones(4, bool), np.array([False, False, True, True]), raw_cut=0.0)
    0.5
    """
    rows = np.asarray(predicted_toxic, bool)
    return _best_cut(np.asarray(z, np.float64)[rows], np.asarray(default_level2, bool)[rows], raw_cut)


def learn_split(z: np.ndarray, predicted_toxic: np.ndarray, levels: Sequence[int], default_cut: float) -> LevelSplit:
    """The cut for a project (see the module docstring).

    Args:
        z: out-of-fold severe logits, one per labelled text.
        predicted_toxic: out of fold, whether the text reaches level 1 (``P(toxic) >= t1``).
        levels: the team's level per text (0, 1, 2).
        default_cut: the default's split on these logits (:func:`default_split`).

    Returns:
        :class:`LevelSplit` (``learned=False``: ``cut == default_cut``).
    """
    z = np.asarray(z, np.float64)
    gold = np.asarray(levels, np.int64)
    level1, level2 = int((gold == 1).sum()), int((gold == 2).sum())
    counts = {"level1": level1, "level2": level2}
    if level1 + level2 < MIN_SPLIT_ANSWERS:
        return LevelSplit(default_cut, False, f"{level1 + level2} texts answered level 1 or 2; learning the split "
                          f"needs at least {MIN_SPLIT_ANSWERS}: the default's is kept", **counts)
    rows = np.asarray(predicted_toxic, bool) & (gold > 0)
    zs, is2 = z[rows], gold[rows] == 2
    cut = _best_cut(zs, is2, default_cut)
    mine, theirs = (zs >= cut) == is2, (zs >= default_cut) == is2
    wins, losses = int((mine & ~theirs).sum()), int((theirs & ~mine).sum())
    margin = max(3.0, 2.0 * math.sqrt(wins + losses))
    if wins - losses < margin:
        return LevelSplit(default_cut, False, f"out of fold the best cut beats the default's on {wins} toxic texts "
                          f"and loses on {losses}, short of the margin {margin:.1f}: the default's is kept",
                          wins=wins, losses=losses, **counts)
    return LevelSplit(cut, True, f"out of fold the learned cut beats the default's on {wins} toxic texts and loses "
                      f"on {losses} (margin {margin:.1f})", wins=wins, losses=losses, **counts)
