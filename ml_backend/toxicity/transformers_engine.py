"""A transformers ``text-classification`` model as the toxicity engine (``TOXICITY_MODEL=<dir or hub name>``).

Needs the ``hub`` extra (``transformers`` + ``torch==2.13.0``); nothing here imports them until an engine is
built, so importing :mod:`ml_backend.toxicity` never loads torch.

Example:
    >>> toxic_label_map({0: "LABEL_0", 1: "LABEL_1"})
    {'LABEL_0': False, 'LABEL_1': True}
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ml_backend.toxicity.engine import ToxicityEngine, ToxicityModelError
from ml_backend.toxicity.levels import Thresholds, check_thresholds

#: The environment variable naming the model (read by the registry).
TOXICITY_MODEL_ENV = "TOXICITY_MODEL"
#: A transformers classifier's P(toxic): 0.5 is the classifier's own decision boundary; 0.8 for "clearly toxic".
#: Not tuned (no real toxicity checkpoint is reachable offline); pass ``thresholds=`` to override.
TRANSFORMERS_THRESHOLDS: Thresholds = (0.50, 0.80)

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
        thresholds = check_thresholds(thresholds)
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

