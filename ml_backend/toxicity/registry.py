"""Engine names -> engines: the one place that decides what ``TOXICITY_MODEL`` means.

==============================  ======================================================================================
``model``                       engine
==============================  ======================================================================================
unset, ``""``, ``default``      :class:`~ml_backend.toxicity.learned.LearnedToxicityEngine` with the committed head
                                (or the head in ``head_dir``): MiniLM embeddings + trained head + alt-profanity-check
``alt-profanity-check``         :class:`~ml_backend.toxicity.profanity.ProfanityCheckEngine`: the plain baseline
anything else                   a local directory or hub name for
                                :class:`~ml_backend.toxicity.transformers_engine.TransformersToxicityEngine`
                                (needs the ``hub`` extra); loaded when first asked for
==============================  ======================================================================================

To add an engine: write its module (a :class:`~ml_backend.toxicity.engine.ToxicityEngine`), then add its name and
factory to :data:`ENGINES`.

Example:
    >>> resolve_model_name("  ")
    'default'
    >>> sorted(ENGINES)
    ['alt-profanity-check', 'default']
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from ml_backend.toxicity.engine import ToxicityEngine
from ml_backend.toxicity.levels import Thresholds, check_thresholds
from ml_backend.toxicity.transformers_engine import TOXICITY_MODEL_ENV, TRANSFORMERS_THRESHOLDS

log = logging.getLogger("ml_backend.toxicity")

DEFAULT_MODEL = "default"
BASELINE_MODEL = "alt-profanity-check"


def _learned(thresholds: Thresholds | None, head_dir: str | None) -> ToxicityEngine:
    from ml_backend.toxicity.head import ToxicityHead
    from ml_backend.toxicity.learned import LearnedToxicityEngine, default_head

    head = ToxicityHead.load(head_dir) if head_dir else default_head()
    return LearnedToxicityEngine(head, thresholds=thresholds)


def _baseline(thresholds: Thresholds | None, head_dir: str | None) -> ToxicityEngine:
    from ml_backend.toxicity.profanity import BASELINE_THRESHOLDS, ProfanityCheckEngine

    if head_dir:
        raise ValueError(f"{BASELINE_MODEL} has no head; head_dir is only for the default engine")
    return ProfanityCheckEngine(thresholds or BASELINE_THRESHOLDS)


#: name -> factory(thresholds, head_dir).
ENGINES: dict[str, Callable[[Thresholds | None, str | None], ToxicityEngine]] = {
    DEFAULT_MODEL: _learned,
    BASELINE_MODEL: _baseline,
}


def resolve_model_name(model: str | None = None) -> str:
    """The model name to use: ``model``, else env ``TOXICITY_MODEL``, else ``"default"``.

    >>> resolve_model_name("alt-profanity-check")
    'alt-profanity-check'
    """
    if model is None:
        model = os.environ.get(TOXICITY_MODEL_ENV, "")
    model = model.strip()
    return model or DEFAULT_MODEL


def get_toxicity_engine(
    model: str | None = None, *, thresholds: Thresholds | None = None, head_dir: str | Path | None = None,
) -> ToxicityEngine:
    """The toxicity engine for ``model``, built once per process (cached per arguments).

    Args:
        model: ``None`` reads env ``TOXICITY_MODEL``; unset, ``""`` or ``"default"`` is the offline default;
            ``"alt-profanity-check"`` is the plain baseline; anything else is a local directory or hub name for a
            transformers classifier.
        thresholds: ``(t1, t2)`` overriding the engine's own.
        head_dir: the default engine with the head saved in this directory (a project's refitted head,
            :func:`ml_backend.toxicity.refit.refit_head`) instead of the committed one.

    Returns:
        A ready engine (the same object on every call with the same arguments).

    Raises:
        ToxicityModelError: the model cannot be loaded, fails its hash check, or its labels cannot be read.

    Example:
        >>> get_toxicity_engine() is get_toxicity_engine("default")   # doctest: +SKIP
        True
    """
    name = resolve_model_name(model)
    if thresholds is not None:
        thresholds = check_thresholds(thresholds)
    head = str(Path(head_dir).resolve()) if head_dir else None
    return _build_engine(name, thresholds, head)


@lru_cache(maxsize=64)
def _build_engine(name: str, thresholds: Thresholds | None, head_dir: str | None) -> ToxicityEngine:
    log.info("toxicity: loading engine %r", name)
    factory = ENGINES.get(name)
    if factory is not None:
        return factory(thresholds, head_dir)
    if head_dir:
        raise ValueError("head_dir is only for the default engine")
    from ml_backend.toxicity.transformers_engine import TransformersToxicityEngine

    return TransformersToxicityEngine(name, thresholds or TRANSFORMERS_THRESHOLDS)
