"""Predictions in this process: the engines' interface without processes (tests with fake engines, ``--dev``
without a pool is not offered: this is for callers that hold a ready predictor).

    engines = LocalEngines(predictor, settings)
    engines.predict(tasks, label_config, deadline=time.monotonic() + 90).results
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Sequence
from typing import Any

from ml_backend.batching import make_chunks
from ml_backend.calls import DEADLINE_REASON, Call, PoolOutcome, task_id
from ml_backend.settings import Settings

log = logging.getLogger(__name__)


class LocalEngines:
    """A predictor in this process (tests with fake engines, benchmarks): the same calls, no processes.

    Chunks run one after another in the calling thread (a lock: the engines are not promised thread-safe).
    The request deadline applies between chunks; the per-task budget cannot pre-empt here, so it only
    applies in :class:`EnginePool`.
    """

    def __init__(self, predictor: Any, settings: Settings) -> None:
        self.predictor, self.settings = predictor, settings
        self.model_version = predictor.model_version
        self.error: str | None = None
        self.ready = True
        self.failed = False
        self._lock = threading.Lock()
        from ml_backend.project_models import ProjectPredictors

        self.projects = ProjectPredictors(predictor, settings.model_cache)

    def start(self) -> None:
        return None

    def wait(self, timeout: float) -> None:
        return None

    def pids(self) -> list[int]:
        return [os.getpid()]

    def predict(self, tasks: Sequence[Any], label_config: str, deadline: float, **options: Any) -> PoolOutcome:
        call = Call(tasks, label_config, options, deadline)
        chunks = make_chunks(tasks, self.settings.chunk_tasks)
        call.add(len(chunks))
        for positions in chunks:
            if call.expired():
                call.fail(positions, DEADLINE_REASON)
                continue
            self._run_chunk(call, positions)
        call.stats["chunks"] = len(chunks)
        call.wait()
        return call.outcome()

    def _run_chunk(self, call: Call, positions: list[int]) -> None:
        t0 = time.perf_counter()
        try:
            from ml_backend.project_models import split_options

            ref, options = split_options(call.options)
            with self._lock:
                outcome = self.projects.get(ref).predict([call.tasks[p] for p in positions], call.label_config,
                                                         **options)
        except Exception as exc:  # as in the pool: retry alone, then give up on the task
            if len(positions) > 1:
                call.add(len(positions))
                call.fail([], "retried")
                for p in positions:
                    self._run_chunk(call, [p])
                return
            log.error("task %s (id %s): the engine failed (%s)", positions[0],
                      task_id(call.tasks[positions[0]]) or "-", type(exc).__name__)
            call.fail(positions, f"the engine failed on this task ({type(exc).__name__})")
            return
        problems = [(p.position, p.task_id, p.reason) for p in outcome.problems]
        call.deliver(positions, outcome.results, problems,
                     dict(outcome.stats, engine_ms=(time.perf_counter() - t0) * 1000))

    def training_launcher(self, store: Any) -> Any:
        """How training jobs run here: in a thread, with this predictor's toxicity engine."""
        from ml_backend.training import ThreadLauncher

        return ThreadLauncher(self.predictor, self.settings, store)

    def close(self) -> None:
        return None
