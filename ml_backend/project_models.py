"""Which models serve a project, and the engines' cache of them. No Flask, no Label Studio.

The HTTP process decides, per request, which version serves the project (:func:`resolve_model`: it reads
``current.json`` of the project in ``MODEL_DIR``, a file of a few bytes) and names it in ``model_version``
(``/setup`` and every prediction)::

    labelguide-0.1.0|pii:...|toxicity:...|project-3:v0002-1a2b3c4d

Label Studio skips tasks that already hold a prediction of the current version, so a new version makes its next
Retrieve Predictions predict the project again; other projects keep their version. The engines get the choice
as a :class:`ModelRef` with the chunk, and build the project's predictor once per version
(:class:`ProjectPredictors`: the base engines plus the project's learned terms and head; the spaCy pipeline
and the encoder are shared, so a project costs its few kilobytes), at most ``MODEL_CACHE`` projects per engine,
least recently used dropped first. A version that cannot be loaded is served by the defaults under the
defaults' ``model_version``, so Label Studio asks again later.

    >>> ModelRef(3, "v0002-1a2b3c4d", "/m/project-3/v0002-1a2b3c4d", "base|project-3:v0002-1a2b3c4d").key
    (3, 'v0002-1a2b3c4d')
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ml_backend.model_store import ModelStore, parse_project

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ModelRef:
    """The version a request uses (pickled to the engines with each chunk)."""

    project: int
    version: str
    path: str
    model_version: str

    @property
    def key(self) -> tuple[int, str]:
        return self.project, self.version


def resolve_model(store: ModelStore | None, base_version: str, project_field: Any) -> tuple[ModelRef | None, str]:
    """``(ref or None, model_version)`` for a request's ``project`` field (``"3.1796129598"``).

    >>> resolve_model(None, "base", "3.1796129598")
    (None, 'base')
    """
    parsed = parse_project(project_field)
    if store is None or parsed is None or not base_version:
        return None, base_version
    version = store.current(*parsed)
    if version is None:
        return None, base_version
    full = f"{base_version}|{version.tag}"
    return ModelRef(version.project, version.name, version.path, full), full


def build_project_predictor(base: Any, ref: ModelRef) -> Any:
    """The base predictor's engines with the project's learned parts; ``model_version`` from ``ref``."""
    from ml_backend.learn_project import load_learned
    from ml_backend.predict import Predictor

    terms, head = load_learned(ref.path)
    pii, tox = base.pii_engine, base.toxicity_engine
    if terms and hasattr(pii, "with_terms"):
        pii = pii.with_terms(terms)
    if head is not None and hasattr(tox, "with_head"):
        tox = tox.with_head(head)
    predictor = Predictor(pii, tox, base.relative, base.max_text_chars)
    predictor.model_version = ref.model_version
    return predictor


def project_terms(ref: ModelRef | None) -> Any:
    """The learned PII terms of the version ``ref`` names (None for the defaults, a version without terms, or
    one that cannot be read: then the defaults serve), read once per version. What ``/predict``'s interactive
    answer uses in the HTTP process, where no engine runs; the engines load the same file with the predictor.

    >>> project_terms(None) is None
    True
    """
    if ref is None:
        return None
    try:
        return _terms_at(ref.path)
    except Exception as exc:  # noqa: BLE001 - a pruned or unreadable version: the defaults serve
        log.warning("project %d: terms of version %s not loaded (%s)", ref.project, ref.version, type(exc).__name__)
        return None


@lru_cache(maxsize=64)
def _terms_at(path: str) -> Any:
    from ml_backend.learn_project import TERMS_FILE
    from ml_backend.pii.terms import Terms

    if not (Path(path) / TERMS_FILE).exists():
        return None
    return Terms.load(path) or None


class ProjectPredictors:
    """Per-project predictors over one base predictor, built on first use, at most ``capacity`` kept."""

    def __init__(self, base: Any, capacity: int = 16) -> None:
        self.base = base
        self.capacity = max(1, capacity)
        self._cache: OrderedDict[tuple[int, str], Any] = OrderedDict()
        self._lock = threading.Lock()
        self.loads = 0

    def get(self, ref: ModelRef | None) -> Any:
        """The predictor for ``ref`` (the base one for None, or when the version cannot be loaded)."""
        if ref is None or not hasattr(self.base, "pii_engine"):
            return self.base
        with self._lock:
            found = self._cache.get(ref.key)
            if found is not None:
                self._cache.move_to_end(ref.key)
                return found
        try:
            predictor = build_project_predictor(self.base, ref)
        except Exception as exc:  # noqa: BLE001 - a pruned, unreadable or incompatible version: the defaults serve
            log.warning("project %d: version %s not loaded (%s); predicting with the defaults", ref.project,
                        ref.version, type(exc).__name__)
            return self.base
        with self._lock:
            self.loads += 1
            self._cache[ref.key] = predictor
            for key in [k for k in self._cache if k[0] == ref.project and k != ref.key]:
                del self._cache[key]  # a project's older version is not asked for again
            while len(self._cache) > self.capacity:
                self._cache.popitem(last=False)
        log.info("project %d: version %s loaded", ref.project, ref.version)
        return predictor


def split_options(options: dict[str, Any]) -> tuple[ModelRef | None, dict[str, Any]]:
    """``(ref, the other options)`` from the options of an engine call.

    >>> split_options({"check": True, "model": None})
    (None, {'check': True})
    """
    rest = dict(options)
    ref = rest.pop("model", None)
    return (ref if isinstance(ref, ModelRef) else None), rest
