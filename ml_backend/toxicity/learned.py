"""The offline default engine: MiniLM embeddings + the trained head (+ alt-profanity-check in a noisy-OR).

Per batch: every text is cut into windows of whole sentences (:mod:`~ml_backend.toxicity.encoder`), each window
is embedded and scored by the head (alt-profanity-check reads the window's sentences), and a text takes its most
toxic window's probabilities. Levels: 1 from ``P(toxic) >= t1``, 2 from ``P(clearly toxic) >= t2``
(:meth:`~ml_backend.toxicity.head.ToxicityHead.levels`). Then the recognizers of
:mod:`ml_backend.toxicity.recognizers` (counter-speech and negated hate lower, threats raise) adjust a text's
probabilities.

The encoder (about 75 MB of float32 weights) is loaded once per process and shared by every engine built on it,
so a project's own head (:meth:`LearnedToxicityEngine.with_head`) costs only its few kilobytes.

Example:
    >>> engine = LearnedToxicityEngine()                                    # doctest: +SKIP
    >>> [s.level for s in engine.score_batch(["Have a nice day.", "I will kill you."])]  # doctest: +SKIP
    [0, 2]
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence
from functools import cache, partial
from pathlib import Path

import numpy as np

from ml_backend.toxicity.encoder import MiniLMEncoder, WindowMemo
from ml_backend.toxicity.engine import ToxicityEngine, ToxicityModelError, check_texts
from ml_backend.toxicity.head import ToxicityHead
from ml_backend.toxicity.levels import Thresholds, ToxicityScore, check_thresholds
from ml_backend.toxicity.part_scores import PartScores
from ml_backend.toxicity.profanity import profanity_scores, profanity_version
from ml_backend.toxicity.recognizers import RECOGNIZERS, Recognizer, apply_recognizers, rules_version

log = logging.getLogger("ml_backend.toxicity")

#: The committed default head (trained by ``python -m ml_backend.toxicity.train``).
DEFAULT_HEAD_DIR = Path(__file__).resolve().parent / "data" / "default_head"


@cache
def shared_encoder(layers: int) -> MiniLMEncoder:
    """The process's encoder for ``layers`` (loaded on first use: reads and verifies the model zip)."""
    start = time.perf_counter()
    encoder = MiniLMEncoder(layers=layers)
    log.info("toxicity: encoder %s loaded in %.1f s", encoder.version, time.perf_counter() - start)
    return encoder


def encoder_layers(encoder_version: str) -> int:
    """The layer count named in an encoder version (``"minilm-l6-v2@1110a24.L3.int8"`` -> 3).

    >>> encoder_layers("minilm-l6-v2@1110a24.L3.int8")
    3
    """
    found = re.search(r"\.L([1-6])(?:\.|$)", encoder_version)
    if not found:
        raise ToxicityModelError(f"cannot read the layer from encoder version {encoder_version!r}")
    return int(found.group(1))


@cache
def default_head() -> ToxicityHead:
    """The committed default head."""
    return ToxicityHead.load(DEFAULT_HEAD_DIR)


class LearnedToxicityEngine(ToxicityEngine):
    """Encoder + head (+ profanity model). See the module docstring.

    Args:
        head: the head to use (default: the committed default head).
        encoder: the encoder (default: the shared one for the head's layer).
        thresholds: ``(t1, t2)`` overriding the head's own.
        recognizers: applied after the head (default: :data:`~ml_backend.toxicity.recognizers.RECOGNIZERS`).

    Attributes:
        model_version: ``toxicity:<encoder version>+head-<head version>[+alt-profanity-check-<version>]``
            ``[+rules-<name>.<version>-...]``.
    """

    def __init__(
        self, head: ToxicityHead | None = None, encoder: MiniLMEncoder | None = None,
        thresholds: Thresholds | None = None, recognizers: Sequence[Recognizer] | None = None,
    ) -> None:
        self.head = head or default_head()
        self.encoder = encoder or shared_encoder(encoder_layers(self.head.encoder))
        if self.head.encoder != self.encoder.version:
            raise ToxicityModelError(
                f"head {self.head.version} was trained on encoder {self.head.encoder}, not {self.encoder.version}")
        self.thresholds = check_thresholds(thresholds or self.head.thresholds)
        parts = [f"toxicity:{self.encoder.version}", f"head-{self.head.version}"]
        if self.head.profanity_weight:
            parts.append(f"alt-profanity-check-{profanity_version()}")
            profanity_scores(["warm up"])  # load it now, not on the first request
        self.recognizers = tuple(RECOGNIZERS if recognizers is None else recognizers)
        if self.recognizers:
            parts.append(rules_version(self.recognizers))
        self.model_version = "+".join(parts)

    def with_head(self, head: ToxicityHead, thresholds: Thresholds | None = None) -> LearnedToxicityEngine:
        """An engine sharing this one's encoder (and recognizers) with another head (e.g. a project's head)."""
        return LearnedToxicityEngine(head, self.encoder, thresholds, self.recognizers)

    def with_recognizers(self, recognizers: Sequence[Recognizer]) -> LearnedToxicityEngine:
        """The same engine with other recognizers (``()``: the head alone decides; for measurements)."""
        return LearnedToxicityEngine(self.head, self.encoder, self.thresholds, recognizers)

    def head_probabilities(self, texts: Sequence[str], profanity: bool = True, memo: WindowMemo | None = None
                           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(P(toxic), P(clearly toxic), profanity score) per text before the recognizers: window maxima.

        ``profanity=False``: alt-profanity-check is asked only when the head reads it (``profanity_weight``);
        otherwise the third array is NaN (not computed). ``memo``: the request's window memo
        (:meth:`~ml_backend.toxicity.encoder.MiniLMEncoder.embed_ids`; a window seen before is not run again).
        """
        texts = list(texts)
        windows = self.encoder.windows(texts)
        vecs = self.encoder.embed_ids([w.ids for w in windows], memo)
        owner = np.asarray([w.text_index for w in windows], dtype=np.int64)
        weight = self.head.profanity_weight
        windows_q = np.asarray(profanity_scores([w.text for w in windows]), np.float64) if (
            profanity or weight) else None
        p_toxic, p_severe = self.head.predict(vecs, windows_q if weight else None)
        toxic, severe = np.zeros(len(texts)), np.zeros(len(texts))
        np.maximum.at(toxic, owner, p_toxic)
        np.maximum.at(severe, owner, p_severe)
        if windows_q is None:
            return toxic, severe, np.full(len(texts), np.nan)
        prof = np.zeros(len(texts))
        np.maximum.at(prof, owner, windows_q)
        return toxic, severe, prof

    def profanity_maxima(self, texts: Sequence[str]) -> np.ndarray:
        """alt-profanity-check's score per text as :meth:`head_probabilities` computes it (its windows' maximum)."""
        windows = self.encoder.windows(list(texts))
        prof = np.zeros(len(texts))
        np.maximum.at(prof, np.asarray([w.text_index for w in windows], dtype=np.int64),
                      np.asarray(profanity_scores([w.text for w in windows]), np.float64))
        return prof

    def probabilities_both(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(P(toxic), P(clearly toxic)) per text: window maxima, then the recognizers.

        The recognizers' scorer is a per-call :class:`~ml_backend.toxicity.part_scores.PartScores`: a sentence
        they re-score is encoded once per call, and not at all when it is a whole text of the batch; below it, one
        window memo per call runs each distinct encoder window once (two tasks sharing a first sentence, or a
        re-scored sentence that is already a window of its text).
        """
        texts = list(texts)
        memo: WindowMemo = {}  # a window shared by two texts, or by a text and a re-scored sentence, runs once
        toxic, severe, prof = self.head_probabilities(texts, profanity=False, memo=memo)
        if self.recognizers:
            scorer = PartScores(partial(self.head_probabilities, memo=memo), self.profanity_maxima)
            scorer.add(texts, toxic, severe, prof)
            toxic, severe = apply_recognizers(self.recognizers, texts, toxic, severe, scorer)
        return toxic, severe

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        return [float(p) for p in self.probabilities_both(texts)[0]]

    def score_batch(self, texts: Sequence[str]) -> list[ToxicityScore]:
        """Score all ``texts`` in one pass (levels from both probabilities; see the module docstring)."""
        texts = check_texts(texts)
        if not texts:
            return []
        start = time.perf_counter()
        toxic, severe = self.probabilities_both(texts)
        levels = self.head.levels(toxic, severe, self.thresholds)
        log.debug("toxicity: scored %d texts in %.1f ms", len(texts), 1000 * (time.perf_counter() - start))
        return [ToxicityScore(round(float(p), 6), int(lvl)) for p, lvl in zip(toxic, levels)]
