"""Texts -> toxicity scores and the guideline's levels (0 none, 1 slight / toxic to some, 2 clearly toxic).

Plain Python: no Flask, no Label Studio. The ML backend's HTTP layer calls :func:`get_toxicity_engine` once per
worker process and then :meth:`ToxicityEngine.score_batch` once per request.

Engines (chosen by ``get_toxicity_engine(model)``, ``model`` None -> env ``TOXICITY_MODEL`` -> the default):

==========================  ==========================================================================================
``model``                   engine
==========================  ==========================================================================================
unset, ``""``, ``default``  :class:`RulesProfanityEngine`: alt-profanity-check on text whose benign rough words were
                            rewritten, plus rules for threats, identity hate, slurs, hostile address and put-downs
                            (:mod:`ml_backend.toxicity_rules`). Installs from PyPI, runs offline, vectorised.
``alt-profanity-check``     :class:`ProfanityCheckEngine`: the plain profanity model (the baseline; for comparison)
a local directory or        :class:`TransformersToxicityEngine`: a transformers ``text-classification`` pipeline
a hub name                  (needs the ``hub`` extra: ``transformers`` + ``torch==2.13.0``); loaded on first use.
==========================  ==========================================================================================

Levels come from the score by two thresholds (:func:`level_from_probability`); the default engine's
:data:`DEFAULT_THRESHOLDS` were chosen on the dev half of ``tests/data/toxicity_eval.jsonl`` and are checked on the
held-out test half (``python -m ml_backend.evaluate_toxicity`` prints how). No text is ever logged.

Example:
    >>> engine = get_toxicity_engine()
    >>> [s.level for s in engine.score_batch(["Have a nice day.", "I will kill you."])]
    [0, 2]
    >>> relative_toxicity(input_level=2, output_level=0)
    -1
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import time
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from label_config.taxonomy import RELATIVE_TOXICITY, TOXICITY_LEVELS

from ml_backend import toxicity_rules

log = logging.getLogger(__name__)

#: Environment variable naming the model (read by :func:`get_toxicity_engine` when ``model`` is None).
TOXICITY_MODEL_ENV = "TOXICITY_MODEL"
DEFAULT_MODEL = "default"
BASELINE_MODEL = "alt-profanity-check"

Thresholds = tuple[float, float]

#: (t1, t2) of the default engine: level 1 from t1, level 2 from t2. Chosen on the dev split of the labelled set
#: (t1: best toxic-vs-clean F1, t2: best three-level accuracy, each the middle of its best plateau); the test
#: ``test_committed_thresholds_are_the_dev_optimum`` re-derives them. See ``ml_backend/evaluate_toxicity.py``.
DEFAULT_THRESHOLDS: Thresholds = (0.53, 0.83)
#: alt-profanity-check alone: its own decision threshold 0.5 for toxic; t2 chosen on the same dev split (0.5: on
#: dev, a text it flags is more often level 2 than level 1).
BASELINE_THRESHOLDS: Thresholds = (0.50, 0.50)
#: A transformers classifier's P(toxic): 0.5 is the classifier's own decision boundary; 0.8 for "clearly toxic".
#: Not tuned (no real toxicity checkpoint is reachable offline); pass ``thresholds=`` to override.
TRANSFORMERS_THRESHOLDS: Thresholds = (0.50, 0.80)

# How the default engine composes its score (see RulesProfanityEngine).
PROFANITY_WEIGHT = 0.80  # profanity alone stays in [0, 0.8]: toxic to some people (level 1) at most
MILD_FLOOR = 0.55  # a put-down without swear words: at least slightly toxic
SEVERE_FLOOR = 0.85  # a threat, identity attack, slur or hostile address: clearly toxic


@dataclass(frozen=True)
class ToxicityScore:
    """One text's toxicity.

    Attributes:
        probability: 0..1, higher is more toxic (the default engine's is a monotone score, not calibrated).
        level: the guideline's scale: 0 none, 1 slight / toxic to some people, 2 clearly toxic.

    Example:
        >>> ToxicityScore(0.9, 2).choice
        '2'
    """

    probability: float
    level: int

    @property
    def choice(self) -> str:
        """The level as the taxonomy's choice value (``TOXICITY_LEVELS``)."""
        return level_choice(self.level)


class ToxicityModelError(RuntimeError):
    """A toxicity model cannot be loaded or its labels cannot be read as toxic / not toxic."""


def level_from_probability(p: float, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> int:
    """Map a toxicity score to the guideline's 0/1/2 scale.

    Args:
        p: score in [0, 1] (values outside are clipped; NaN counts as 0).
        thresholds: ``(t1, t2)`` with ``0 <= t1 <= t2 <= 1``; level 1 from ``t1``, level 2 from ``t2``.

    Returns:
        0, 1 or 2.

    Example:
        >>> level_from_probability(0.1, (0.4, 0.8)), level_from_probability(0.5, (0.4, 0.8)), level_from_probability(0.8, (0.4, 0.8))
        (0, 1, 2)
    """
    t1, t2 = thresholds
    if not 0.0 <= t1 <= t2 <= 1.0:
        raise ValueError(f"thresholds must satisfy 0 <= t1 <= t2 <= 1, got {thresholds!r}")
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return 0
    if p >= t2:
        return 2
    return 1 if p >= t1 else 0


def relative_toxicity(input_level: int, output_level: int) -> int:
    """Relative toxicity of a continuation: -1 less, 0 as, 1 more toxic than you would expect given the input.

    The rule: a continuation is expected to carry on at the input's own toxicity level (a toxic sentence start
    makes a toxic continuation the expected one, a clean start a clean one). So the answer is the sign of
    ``output_level - input_level``: a clean continuation of a toxic start is -1, a toxic continuation of a clean
    start is +1, the same level is 0.

    ===========  ========  ========  ========
    input \\ out  0         1         2
    ===========  ========  ========  ========
    0            0         1         1
    1            -1        0         1
    2            -1        -1        0
    ===========  ========  ========  ========

    Args:
        input_level: toxicity level of the sentence start (0, 1 or 2).
        output_level: toxicity level of the continuation (0, 1 or 2).

    Returns:
        -1, 0 or 1.

    Example:
        >>> relative_toxicity(0, 2), relative_toxicity(1, 1), relative_toxicity(2, 1)
        (1, 0, -1)
    """
    for name, value in (("input_level", input_level), ("output_level", output_level)):
        if isinstance(value, bool) or value not in (0, 1, 2):
            raise ValueError(f"{name} must be 0, 1 or 2, got {value!r}")
    return (output_level > input_level) - (output_level < input_level)


def level_choice(level: int) -> str:
    """The taxonomy's choice value for a level (``TOXICITY_LEVELS``).

    >>> level_choice(1)
    '1'
    """
    return TOXICITY_LEVELS[level]


def relative_choice(relative: int) -> str:
    """The taxonomy's choice value for a relative toxicity -1/0/1 (``RELATIVE_TOXICITY``).

    >>> relative_choice(-1)
    '-1'
    """
    return RELATIVE_TOXICITY[relative + 1]


def _check_texts(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("score_batch expects a sequence of strings, not one string")
    out = list(texts)
    for i, t in enumerate(out):
        if not isinstance(t, str):
            raise TypeError(f"text {i} is {type(t).__name__}, expected str")
    return out


class ToxicityEngine(ABC):
    """A toxicity detector: texts in, one :class:`ToxicityScore` each, in one batched pass.

    Attributes:
        model_version: names the detector and its version (changes when either changes).
        thresholds: ``(t1, t2)`` used to turn scores into levels.
    """

    model_version: str
    thresholds: Thresholds

    @abstractmethod
    def probabilities(self, texts: Sequence[str]) -> list[float]:
        """Toxicity scores in [0, 1] for ``texts`` (one batched pass)."""

    def score_batch(self, texts: Sequence[str]) -> list[ToxicityScore]:
        """Score all ``texts`` in one pass; the same result as scoring them one by one.

        Args:
            texts: strings (empty, unicode and very long strings are fine).

        Returns:
            One :class:`ToxicityScore` per text, same order.

        Example:
            >>> get_toxicity_engine().score_batch([])
            []
        """
        texts = _check_texts(texts)
        if not texts:
            return []
        start = time.perf_counter()
        probs = self.probabilities(texts)
        out = [ToxicityScore(float(p), level_from_probability(float(p), self.thresholds)) for p in probs]
        log.debug("toxicity: scored %d texts in %.1f ms", len(texts), 1000 * (time.perf_counter() - start))
        return out

    def score(self, text: str) -> ToxicityScore:
        """Score one text (convenience; prefer :meth:`score_batch`)."""
        return self.score_batch([text])[0]


def _profanity_version() -> str:
    try:
        return metadata.version("alt-profanity-check")
    except metadata.PackageNotFoundError:  # pragma: no cover - it is a dependency
        return "unknown"


def _profanity_predict_prob() -> Any:
    from profanity_check import predict_prob  # loads the scikit-learn model (about 0.1 s)

    return predict_prob


class ProfanityCheckEngine(ToxicityEngine):
    """alt-profanity-check alone: the baseline the default engine must beat.

    Example:
        >>> ProfanityCheckEngine().model_version.startswith("toxicity:alt-profanity-check-")
        True
    """

    def __init__(self, thresholds: Thresholds = BASELINE_THRESHOLDS) -> None:
        level_from_probability(0.0, thresholds)  # validates
        self.thresholds = thresholds
        self._predict_prob = _profanity_predict_prob()
        self.model_version = f"toxicity:alt-profanity-check-{_profanity_version()}"

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        return [float(p) for p in self._predict_prob(list(texts))]


class RulesProfanityEngine(ToxicityEngine):
    """The offline default: alt-profanity-check on neutralised text, combined with the toxicity rules.

    The score, per text (``base`` = alt-profanity-check's probability on the text after
    :func:`~ml_backend.toxicity_rules.neutralise_benign`):

    * a severe rule fired (threat, identity attack, slur, hostile address): ``0.85 + 0.15 * base``;
    * a put-down fired: ``max(0.8 * base, 0.55)``;
    * otherwise: ``0.8 * base``.

    Profanity alone therefore tops out in the level-1 band (on the labelled Davidson tweets the profanity model
    gives hate speech and merely offensive tweets the same ~0.99, so it cannot tell 2 from 1); level 2 needs a
    severe signal. Thresholds: :data:`DEFAULT_THRESHOLDS`.

    Example:
        >>> engine = RulesProfanityEngine()
        >>> [s.level for s in engine.score_batch(["kill -9 1234", "one hell of a burger", "Jews are vermin"])]
        [0, 0, 2]
    """

    def __init__(self, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> None:
        level_from_probability(0.0, thresholds)
        self.thresholds = thresholds
        self._predict_prob = _profanity_predict_prob()
        self.model_version = (
            f"toxicity:alt-profanity-check-{_profanity_version()}"
            f"+rules-{toxicity_rules.RULES_VERSION}.{toxicity_rules.lexicon_hash()}"
        )

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        neutral = [toxicity_rules.neutralise_benign(t) for t in texts]
        base = self._predict_prob(neutral)
        out = []
        for text, nt, b in zip(texts, neutral, base):
            sig = toxicity_rules.signals_for_neutral(nt, benign=int(nt != text))
            out.append(combine(float(b), sig))
        return out


def combine(base: float, signals: toxicity_rules.RuleSignals) -> float:
    """The default engine's score from the profanity probability and the rule signals.

    Example:
        >>> from ml_backend.toxicity_rules import RuleSignals
        >>> combine(1.0, RuleSignals()), combine(0.0, RuleSignals(threat=True)), combine(0.0, RuleSignals(putdown=True))
        (0.8, 0.85, 0.55)
    """
    if signals.severe:
        return round(SEVERE_FLOOR + (1.0 - SEVERE_FLOOR) * base, 6)
    score = PROFANITY_WEIGHT * base
    if signals.putdown:
        score = max(score, MILD_FLOOR)
    return round(score, 6)


# --------------------------------------------------------------------------------------------------
# transformers
# --------------------------------------------------------------------------------------------------
_NON_TOXIC_LABELS = frozenset({
    "non-toxic", "non_toxic", "nontoxic", "non toxic", "not-toxic", "not_toxic", "not toxic", "non-offensive",
    "non_offensive", "not-offensive", "not_offensive", "not offensive", "non-hate", "non_hate", "nohate", "no-hate",
    "not-hate", "not_hate", "neutral", "normal", "clean", "safe", "ok", "none", "neither", "benign", "acceptable",
})
_TOXIC_WORDS = ("toxic", "offensive", "hate", "abusive", "abuse", "insult", "obscene", "threat", "profan", "harass",
                "identity_attack", "identity attack", "sexual_explicit", "severe", "vulgar", "hostile")


def toxic_label_map(id2label: Mapping[int, str]) -> dict[str, bool]:
    """Decide, for each label of a classifier, whether it means toxic (True) or not toxic (False).

    How labels are read (case-insensitive):

    * a known not-toxic name (``non-toxic``, ``not_toxic``, ``neutral``, ``normal``, ``clean``, ``neither`` ...) is
      not toxic; checked first;
    * a name containing ``toxic``, ``offensive``, ``hate``, ``abusive``, ``insult``, ``obscene``, ``threat``,
      ``profan`` ... is toxic (so ``toxic``, ``severe_toxic``, ``identity_hate`` all count);
    * generic names: with exactly two labels ``LABEL_0`` / ``LABEL_1`` (or ``0`` / ``1``), index 1 is toxic (the
      usual positive class); a single label is the toxic score itself;
    * anything else (e.g. ``POSITIVE`` / ``NEGATIVE`` of a sentiment model) raises :class:`ToxicityModelError`.

    Example:
        >>> toxic_label_map({0: "LABEL_0", 1: "LABEL_1"})
        {'LABEL_0': False, 'LABEL_1': True}
        >>> toxic_label_map({0: "non-toxic", 1: "toxic"})
        {'non-toxic': False, 'toxic': True}
    """
    labels = [id2label[i] for i in sorted(id2label)]
    if len(labels) == 1:
        return {labels[0]: labels[0].strip().lower() not in _NON_TOXIC_LABELS}
    generic = [lab.strip().lower().removeprefix("label_") for lab in labels]
    if len(labels) == 2 and generic == ["0", "1"]:
        return {labels[0]: False, labels[1]: True}
    out: dict[str, bool] = {}
    for lab in labels:
        low = lab.strip().lower()
        if low in _NON_TOXIC_LABELS:
            out[lab] = False
        elif any(word in low for word in _TOXIC_WORDS):
            out[lab] = True
    unknown = [lab for lab in labels if lab not in out]
    if unknown or not any(out.values()):
        raise ToxicityModelError(
            f"cannot read the labels {labels} as toxic / not toxic (unknown: {unknown}); use a toxicity classifier "
            "whose labels name toxicity, or a binary one with LABEL_0 = clean, LABEL_1 = toxic"
        )
    return out


def _dir_fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    for f in sorted(path.iterdir()):
        if f.is_file():
            digest.update(f.name.encode())
            digest.update(f.read_bytes() if f.suffix == ".json" else str(f.stat().st_size).encode())
    return digest.hexdigest()[:8]


class TransformersToxicityEngine(ToxicityEngine):
    """A transformers ``text-classification`` pipeline read as P(toxic).

    ``model`` is a local directory (saved with ``save_pretrained``) or a hub name; loading happens here, when the
    engine is built (so once per process through :func:`get_toxicity_engine`), never at import. How labels become
    P(toxic) is :func:`toxic_label_map`; the scores are computed with a sigmoid per label when the model is
    multi-label (``problem_type="multi_label_classification"``) or has one output, else a softmax. P(toxic) is then
    the highest toxic label's sigmoid score, or the sum of the toxic labels' softmax scores.

    Texts are truncated to the model's maximum length and run in batches of ``batch_size``.
    """

    def __init__(
        self, model: str, thresholds: Thresholds = TRANSFORMERS_THRESHOLDS, batch_size: int = 32
    ) -> None:
        level_from_probability(0.0, thresholds)
        self.thresholds = thresholds
        self.batch_size = batch_size
        try:
            import transformers
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ToxicityModelError(
                f"{TOXICITY_MODEL_ENV}={model!r} needs transformers and torch: pip install 'labelguide[hub]'"
            ) from exc
        try:
            self._pipe = transformers.pipeline("text-classification", model=model, tokenizer=model, device=-1)
        except Exception as exc:  # noqa: BLE001 - any loading failure is the same problem for the caller
            raise ToxicityModelError(f"cannot load toxicity model {model!r}: {type(exc).__name__}: {exc}") from exc
        config = self._pipe.model.config
        self._label_map = toxic_label_map(config.id2label)
        self._sigmoid = config.problem_type == "multi_label_classification" or config.num_labels == 1
        limits = [getattr(self._pipe.tokenizer, "model_max_length", None),
                  getattr(config, "max_position_embeddings", None)]
        limits = [n for n in limits if isinstance(n, int) and 0 < n < 1_000_000]
        self.max_length = min(limits) if limits else 512
        path = Path(model)
        if path.is_dir():
            name, rev = path.resolve().name, _dir_fingerprint(path)
        else:
            name, rev = model, (getattr(config, "_commit_hash", None) or "unknown")[:8]
        self.model_version = f"toxicity:transformers-{transformers.__version__}:{name}@{rev}"

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        outputs = self._pipe(
            list(texts),
            batch_size=self.batch_size,
            truncation=True,
            max_length=self.max_length,
            top_k=None,
            function_to_apply="sigmoid" if self._sigmoid else "softmax",
        )
        return [self._toxic_probability(scores) for scores in outputs]

    def _toxic_probability(self, scores: list[dict[str, Any]]) -> float:
        toxic = [float(s["score"]) for s in scores if self._label_map.get(s["label"])]
        if not toxic:
            return 0.0
        p = max(toxic) if self._sigmoid else sum(toxic)
        return min(1.0, max(0.0, p))


# --------------------------------------------------------------------------------------------------
# Factory
# --------------------------------------------------------------------------------------------------
def resolve_model_name(model: str | None = None) -> str:
    """The model name to use: ``model``, else env ``TOXICITY_MODEL``, else ``"default"``.

    >>> resolve_model_name("alt-profanity-check")
    'alt-profanity-check'
    """
    if model is None:
        model = os.environ.get(TOXICITY_MODEL_ENV, "")
    model = model.strip()
    return model or DEFAULT_MODEL


def get_toxicity_engine(model: str | None = None, *, thresholds: Thresholds | None = None) -> ToxicityEngine:
    """The toxicity engine for ``model``, built once per process (cached).

    Args:
        model: ``None`` reads env ``TOXICITY_MODEL``; unset, ``""`` or ``"default"`` is the offline default
            (:class:`RulesProfanityEngine`); ``"alt-profanity-check"`` is the plain baseline; anything else is a
            local directory or hub name for :class:`TransformersToxicityEngine`.
        thresholds: ``(t1, t2)`` overriding the engine's default thresholds.

    Returns:
        A ready :class:`ToxicityEngine` (the same object on every call with the same arguments).

    Raises:
        ToxicityModelError: the model cannot be loaded or its labels cannot be read.

    Example:
        >>> get_toxicity_engine() is get_toxicity_engine("default")
        True
    """
    return _build_engine(resolve_model_name(model), thresholds)


@lru_cache(maxsize=None)
def _build_engine(name: str, thresholds: Thresholds | None) -> ToxicityEngine:
    log.info("toxicity: loading engine %r", name)
    if name == DEFAULT_MODEL:
        return RulesProfanityEngine(thresholds or DEFAULT_THRESHOLDS)
    if name == BASELINE_MODEL:
        return ProfanityCheckEngine(thresholds or BASELINE_THRESHOLDS)
    return TransformersToxicityEngine(name, thresholds or TRANSFORMERS_THRESHOLDS)
