"""Texts -> toxicity scores and the guideline's levels (0 none, 1 slight / toxic to some, 2 clearly toxic).

Plain Python: no Flask, no Label Studio. The ML backend calls :func:`get_toxicity_engine` once per worker process
and then ``engine.score_batch(texts)`` once per request. No text is ever logged.

Where things are (one job a module):

========================  ===========================================================================================
module                    holds
========================  ===========================================================================================
``levels``                ToxicityScore, thresholds -> levels, relative toxicity, the taxonomy's choice values
``engine``                the ToxicityEngine interface every engine implements
``registry``              ``TOXICITY_MODEL`` names -> engines (:func:`get_toxicity_engine`)
``text``                  text clean-up before the encoder (the same at training and prediction)
``minilm_files``          find, hash-check and read all-MiniLM-L6-v2 from its PyPI package (never imported)
``encoder``               the MiniLM forward pass in numpy (first layers, mean-pooled, windowed)
``head``                  the trained head (two logistic regressions + the profanity noisy-OR), save / load
``fit``                   the logistic-regression trainer shared by training and refitting
``learned``               the default engine: encoder + head, then the recognizers
``part_scores``           the per-call memo the recognizers score sentences through (each encoded once a call)
``recognizers/``          small rules kept because they measured better on unseen text, one a module, and their
                          registry (``RECOGNIZERS``): ``counter_speech``, ``negated_hate`` (their shared
                          ``hedges``), ``positive_identity``, ``hate_words_at_things`` (lower; shared word lists
                          in ``groups``), ``mild_rudeness`` (raises to level 1), ``stereotypes`` and ``threats``
                          (raise to level 2); round 5: ``neutral_nouns``, ``slur_mentions``, ``self_exclamation``
                          (lower), ``censored_profanity``, ``harsh_blame``, ``affectionate_insult`` (level 1),
                          ``insult_via_object``, ``sexist_insinuation``, ``harm_wishes`` (raise to level 2)
``profanity``             alt-profanity-check: the baseline, and the head's lexical input
``transformers_engine``   any transformers text-classification model (``TOXICITY_MODEL=<dir or hub name>``)
``labels``                a Label Studio export's toxicity answers -> (text, level) pairs
``refit``                 a project's head refitted on its team's labels, saved to / loaded from a directory
``level_split``           where a project's head puts the line between levels 1 and 2: the default's, or learned
``train``                 the reproducible training script of the committed head (prints its figures)
``data/default_head/``    the committed head (``head.npz`` + ``head.json``, with its licence)
========================  ===========================================================================================

Example:
    >>> relative_toxicity(input_level=2, output_level=0)
    -1
    >>> get_toxicity_engine().score_batch(["Have a nice day."])[0].level    # doctest: +SKIP
    0
"""

from ml_backend.toxicity.engine import ToxicityEngine, ToxicityModelError, check_texts
from ml_backend.toxicity.levels import (
    Thresholds,
    ToxicityScore,
    check_thresholds,
    level_choice,
    level_from_probability,
    relative_choice,
    relative_toxicity,
)
from ml_backend.toxicity.profanity import BASELINE_THRESHOLDS, ProfanityCheckEngine
from ml_backend.toxicity.registry import (
    BASELINE_MODEL,
    DEFAULT_MODEL,
    ENGINES,
    _build_engine,
    get_toxicity_engine,
    resolve_model_name,
)
from ml_backend.toxicity.transformers_engine import (
    TOXICITY_MODEL_ENV,
    TRANSFORMERS_THRESHOLDS,
    TransformersToxicityEngine,
    toxic_label_map,
)

__all__ = [
    "BASELINE_MODEL", "BASELINE_THRESHOLDS", "DEFAULT_MODEL", "ENGINES", "TOXICITY_MODEL_ENV",
    "TRANSFORMERS_THRESHOLDS", "ProfanityCheckEngine", "Thresholds", "ToxicityEngine", "ToxicityModelError",
    "ToxicityScore", "TransformersToxicityEngine", "check_texts", "check_thresholds", "get_toxicity_engine",
    "level_choice", "level_from_probability", "relative_choice", "relative_toxicity", "resolve_model_name",
    "toxic_label_map", "_build_engine",
]


def __getattr__(name: str):
    # The learned engine imports numpy-heavy modules; load it only when asked for.
    if name == "LearnedToxicityEngine":
        from ml_backend.toxicity.learned import LearnedToxicityEngine

        return LearnedToxicityEngine
    raise AttributeError(f"module 'ml_backend.toxicity' has no attribute {name!r}")
