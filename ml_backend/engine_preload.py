"""Imported ONCE by the engines' forkserver (``multiprocessing.set_forkserver_preload``): loads the models there
and warms them up, so every engine process forked from it starts ready, the models in memory (shared
copy-on-write). BLAS/OpenMP are limited to one thread (set by the pool), so no thread pool exists at the fork.

The settings come from ``LABELGUIDE_ENGINE_PRELOAD`` (a JSON object of :class:`Settings` fields, set by the
pool before it starts the forkserver). Anything that goes wrong is only remembered: each engine then loads its
models itself, and reports a failure the normal way. Nothing is printed or logged here.
"""

from __future__ import annotations

import json
import os


def _preload() -> None:
    raw = os.environ.get("LABELGUIDE_ENGINE_PRELOAD")
    if not raw:
        return
    from ml_backend import engine_process
    from ml_backend.settings import Settings

    try:
        settings = Settings(**json.loads(raw))
        engine_process.limit_malloc_arenas()
        predictor = engine_process.build_predictor(settings)
        engine_process.warm_up(predictor)  # lazy imports and config parsing, done once for every engine
        engine_process._PRELOADED[engine_process.fingerprint(settings)] = predictor
    except Exception:  # noqa: BLE001 - each engine retries and reports
        engine_process._PRELOADED.clear()


_preload()
