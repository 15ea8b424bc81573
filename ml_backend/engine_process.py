"""One engine process: holds the models, predicts the chunks the HTTP process sends over a pipe. No HTTP here.

Engine processes are forked from a multiprocessing *forkserver* that loaded the models once
(:mod:`ml_backend.engine_preload`): every engine starts in a fraction of a second with the models already in,
their pages shared copy-on-write, and an engine killed for overrunning its time budget is replaced at once.

The protocol (pickled tuples over a ``multiprocessing`` pipe)::

    child  -> parent   ("ready", model_version) | ("failed", reason)
    parent -> child    ("predict", job_id, tasks, label_config, options)
    child  -> parent   ("done", job_id, results, problems, stats, recycle) | ("error", job_id, exception type)
    parent -> child    ("stop",)

``results`` holds a prediction dict or None per task; ``problems`` ``(position, task id, reason)`` tuples.
Nothing here logs or returns task text: reasons name fields, errors name exception types.
"""

from __future__ import annotations

import ctypes
import os
import signal
import time
from typing import Any

from ml_backend.settings import Settings

_M_ARENA_MAX = -8  # glibc mallopt parameter
_PRELOADED: dict[str, Any] = {}  # fingerprint -> Predictor, filled in the forkserver by engine_preload


def limit_malloc_arenas(default: int = 2) -> bool:
    """Cap glibc's malloc arenas in THIS process, also after it started (``MALLOC_ARENA_MAX`` alone only works
    at process start, and gunicorn workers and engines are forked).

    Threads each get an arena by default (up to 8 per core), which keeps freed memory from being reused across
    threads. ``MALLOC_ARENA_MAX`` from the environment wins; ``0`` leaves glibc's default. False when nothing
    was set (not glibc, or 0).
    """
    raw = os.environ.get("MALLOC_ARENA_MAX", "").strip()
    arenas = int(raw) if raw.isdigit() else default
    if arenas <= 0:
        return False
    try:
        return bool(ctypes.CDLL("libc.so.6").mallopt(_M_ARENA_MAX, arenas))
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        return False


def fingerprint(settings: Settings) -> str:
    """What decides which models an engine loads: two settings with one fingerprint share a preload."""
    return "|".join(str(x) for x in (settings.engine_factory, settings.spacy_model, settings.toxicity_model,
                                      settings.toxicity_head, settings.max_text_chars))


def build_predictor(settings: Settings):
    """The predictor ``settings`` name: ``LABELGUIDE_ENGINE_FACTORY`` (tests) or the real engines."""
    if settings.engine_factory:
        import importlib

        module, _, name = settings.engine_factory.partition(":")
        return getattr(importlib.import_module(module), name)(settings)
    from ml_backend.predict import load_predictor

    return load_predictor(settings)


def warm_up(predictor) -> None:
    """One tiny prediction per kind of project: the first real chunk does not pay for lazy initialisation."""
    from label_config import taxonomy as T
    from label_config.render import render_config

    text = "Warm-up call from labelguide."
    predictor.predict([{"data": {T.PROMPT: text}}], render_config(T.INSTRUCTION))
    predictor.predict([{"data": {T.PROMPT: text, T.CONTINUATION: text}}], render_config(T.TOXICITY))


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):  # pragma: no cover - not Linux
        return 0.0


def engine_main(conn, settings: Settings, max_rss_mb: float) -> None:
    """The engine's life: load (or take the preloaded predictor), warm up, then predict until told to stop.

    ``max_rss_mb`` > 0: after a chunk that leaves the process above it, answer then exit (the pool starts a
    fresh engine), so one engine's memory stays bounded whatever it was sent.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the parent stops us
    limit_malloc_arenas()
    try:
        predictor = _PRELOADED.get(fingerprint(settings))
        if predictor is None:  # the forkserver preloaded other settings (or failed): load here
            predictor = build_predictor(settings)
            warm_up(predictor)
    except Exception as exc:  # the traceback would quote paths only, but the message may quote a config
        conn.send(("failed", f"models failed to load ({type(exc).__name__}); see the server log"))
        return
    conn.send(("ready", predictor.model_version))
    from ml_backend.project_models import ProjectPredictors, split_options

    projects = ProjectPredictors(predictor, settings.model_cache)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the HTTP process is gone
            return
        if message[0] != "predict":
            return
        _, job_id, tasks, label_config, options = message
        t0 = time.perf_counter()
        try:
            ref, options = split_options(options)
            outcome = projects.get(ref).predict(tasks, label_config, **options)
        except Exception as exc:
            conn.send(("error", job_id, type(exc).__name__))
            continue
        problems = [(p.position, p.task_id, p.reason) for p in outcome.problems]
        stats = dict(outcome.stats, engine_ms=round((time.perf_counter() - t0) * 1000, 1))
        recycle = max_rss_mb > 0 and _rss_mb() > max_rss_mb
        try:
            conn.send(("done", job_id, outcome.results, problems, stats, recycle))
        except (BrokenPipeError, OSError):
            return
        if recycle:
            return
