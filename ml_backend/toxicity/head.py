"""The trained head: sentence embedding (+ the profanity model's score) -> P(toxic), P(clearly toxic).

Two logistic regressions on the encoder's 384-float embedding ``x``:

* ``toxic``: P(level >= 1 | x), trained on Davidson "hate" + "offensive" and Stormfront "hate" vs the rest;
* ``severe``: P(level 2 | x), trained on Davidson "hate" and Stormfront "hate" vs the rest.

alt-profanity-check's probability ``q`` joins as a noisy-OR: ``P(toxic) = max(1 - (1 - toxic(x)) * (1 - a * q),
severe(x))`` with ``a`` = :attr:`ToxicityHead.profanity_weight`. Held out by source, this is what keeps the
profanity model's recall on profane text the embedding head never saw (its training data includes online
comments), while the head adds what a word list cannot see (attacks on groups without a rude word).
Levels: 1 from ``P(toxic) >= t1``, 2 from ``severe(x) >= t2``, where the level-2 decision reads the severe
regression with :attr:`ToxicityHead.level2_shift` added to its logit (``P(clearly toxic)``; the toxic-vs-clean
decision reads it unshifted, so the shift moves only the line between levels 1 and 2).

A head is saved as two small files in one directory: ``head.npz`` (the weights) and ``head.json`` (everything
else: name, the encoder it reads, thresholds, how it was trained, licence). Its :attr:`~ToxicityHead.version`
is a hash of both, so any change to weights or settings changes ``model_version``.

Example:
    >>> import numpy as np
    >>> head = ToxicityHead.zeros(dim=3, encoder="test-encoder")
    >>> head.predict(np.eye(3, dtype=np.float32), profanity=np.array([0.0, 1.0, 0.0]))[0].round(2).tolist()
    [0.5, 0.9, 0.5]
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from ml_backend.toxicity.engine import ToxicityModelError
from ml_backend.toxicity.levels import Thresholds, check_thresholds

HEAD_WEIGHTS = "head.npz"
HEAD_META = "head.json"
_ARRAYS = ("toxic_w", "toxic_b", "severe_w", "severe_b")


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Numerically safe logistic function.

    >>> sigmoid(np.array([0.0, 100.0, -100.0])).round(3).tolist()
    [0.5, 1.0, 0.0]
    """
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=np.float64)))


@dataclass(frozen=True)
class ToxicityHead:
    """Weights and settings of a trained head (see the module docstring).

    Attributes:
        name: what this head is (``"default"`` or a project's name).
        encoder: the encoder version it was trained on (must equal the engine's encoder).
        toxic_w, toxic_b: weights and bias of the P(level >= 1) regression.
        severe_w, severe_b: weights and bias of the P(level 2) regression.
        profanity_weight: ``a`` in the noisy-OR with alt-profanity-check (0 turns it off).
        thresholds: ``(t1, t2)``: t1 on P(toxic), t2 on P(clearly toxic).
        level2_shift: added to the severe regression's logit for P(clearly toxic) only (0: none).
        info: how it was trained (data, counts, seeds, figures, licence); saved, and part of the version.
    """

    name: str
    encoder: str
    toxic_w: np.ndarray
    toxic_b: float
    severe_w: np.ndarray
    severe_b: float
    profanity_weight: float = 0.8
    thresholds: Thresholds = (0.5, 0.5)
    info: dict[str, Any] = field(default_factory=dict)
    level2_shift: float = 0.0

    @classmethod
    def zeros(cls, dim: int, encoder: str, name: str = "zeros") -> ToxicityHead:
        """A head that knows nothing (P = 0.5 everywhere before the profanity term); for tests and as a start."""
        return cls(name, encoder, np.zeros(dim, np.float32), 0.0, np.zeros(dim, np.float32), 0.0)

    @property
    def dim(self) -> int:
        return int(self.toxic_w.shape[0])

    @property
    def version(self) -> str:
        """``<name>-<8 hex>``: the hash of the weights and every setting."""
        digest = hashlib.sha256()
        for key in _ARRAYS:
            digest.update(np.ascontiguousarray(np.asarray(getattr(self, key), np.float32)).tobytes())
        digest.update(json.dumps(self._meta(), sort_keys=True).encode())
        return f"{self.name}-{digest.hexdigest()[:8]}"

    def predict(self, x: np.ndarray, profanity: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(P(toxic), P(clearly toxic)) for embeddings ``x`` (n, dim) and profanity scores ``q`` (n,) or None."""
        x = np.asarray(x, np.float64)  # float64: a row's result does not depend on the other rows' count
        if x.ndim != 2 or x.shape[1] != self.dim:
            raise ValueError(f"expected embeddings of shape (n, {self.dim}), got {x.shape}")
        toxic = sigmoid(x @ self.toxic_w.astype(np.float64) + self.toxic_b)
        severe_logit = x @ self.severe_w.astype(np.float64) + self.severe_b
        severe = sigmoid(severe_logit)
        if profanity is not None and self.profanity_weight:
            q = np.clip(np.asarray(profanity, np.float64), 0.0, 1.0)
            toxic = 1.0 - (1.0 - toxic) * (1.0 - self.profanity_weight * q)
        clearly = sigmoid(severe_logit + self.level2_shift) if self.level2_shift else severe
        return np.maximum(toxic, severe), clearly

    def levels(self, p_toxic: np.ndarray, p_severe: np.ndarray, thresholds: Thresholds | None = None) -> np.ndarray:
        """The 0/1/2 levels for the two probabilities at ``thresholds`` (default: the head's own)."""
        t1, t2 = check_thresholds(thresholds or self.thresholds)
        toxic = np.asarray(p_toxic) >= t1
        return np.where(toxic, np.where(np.asarray(p_severe) >= t2, 2, 1), 0)

    def with_settings(self, **changes: Any) -> ToxicityHead:
        """A copy with some fields changed (e.g. ``thresholds=``, ``name=``)."""
        return replace(self, **changes)

    # ------------------------------------------------------------------ files
    def _meta(self) -> dict[str, Any]:
        meta = {"name": self.name, "encoder": self.encoder, "dim": self.dim,
                "profanity_weight": float(self.profanity_weight), "thresholds": list(self.thresholds),
                "info": self.info}
        if self.level2_shift:  # only when set: heads saved before it existed keep their version
            meta["level2_shift"] = float(self.level2_shift)
        return meta

    def save(self, directory: Path | str) -> Path:
        """Write ``head.npz`` and ``head.json`` into ``directory`` (created); returns the directory."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        arrays = {key: np.asarray(getattr(self, key), np.float32) for key in _ARRAYS}
        tmp = directory / (HEAD_WEIGHTS + ".partial")
        with open(tmp, "wb") as f:
            np.savez(f, **arrays)
        tmp.replace(directory / HEAD_WEIGHTS)
        meta = dict(self._meta(), version=self.version)
        tmp = directory / (HEAD_META + ".partial")
        tmp.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        tmp.replace(directory / HEAD_META)
        return directory

    @classmethod
    def load(cls, directory: Path | str) -> ToxicityHead:
        """Read a head saved by :meth:`save`; the stored version must match the files (else they were edited).

        Raises:
            ToxicityModelError: a file is missing or malformed, or the version does not match.
        """
        directory = Path(directory)
        try:
            meta = json.loads((directory / HEAD_META).read_text(encoding="utf-8"))
            with np.load(directory / HEAD_WEIGHTS, allow_pickle=False) as z:
                arrays = {key: np.asarray(z[key], np.float32) for key in _ARRAYS}
            head = cls(
                name=str(meta["name"]), encoder=str(meta["encoder"]),
                toxic_w=arrays["toxic_w"].reshape(-1), toxic_b=float(arrays["toxic_b"]),
                severe_w=arrays["severe_w"].reshape(-1), severe_b=float(arrays["severe_b"]),
                profanity_weight=float(meta["profanity_weight"]),
                thresholds=check_thresholds(meta["thresholds"]), info=dict(meta.get("info") or {}),
                level2_shift=float(meta.get("level2_shift", 0.0)),
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ToxicityModelError(f"cannot read the toxicity head in {directory}: {exc}") from exc
        if head.toxic_w.shape != head.severe_w.shape or head.dim != int(meta.get("dim", head.dim)):
            raise ToxicityModelError(f"{directory}: the head's weight shapes disagree")
        if meta.get("version") not in (None, head.version):
            raise ToxicityModelError(
                f"{directory}: head version {meta.get('version')!r} does not match its files ({head.version}); "
                "the files were changed after saving")
        return head
