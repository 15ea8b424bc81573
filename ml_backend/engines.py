"""Where predictions run: a pool of engine processes (:class:`EnginePool`) or this process (:class:`LocalEngines`).

The HTTP process holds no models. It cuts each request into small chunks (:mod:`ml_backend.batching`) and puts
them on ONE queue; one feeder thread per engine process takes the next chunk, sends it over a pipe and waits.
So every engine works on every large request, an idle engine never waits while another has a backlog, and the
HTTP threads stay free to answer ``/health`` and ``/setup`` whatever the engines are doing::

    pool = EnginePool(settings)            # starts WORKERS engines (forked from one preloaded forkserver)
    pool.start(); pool.wait(60)
    out = pool.predict(tasks, label_config, deadline=time.monotonic() + 90)
    out.results   # per task: a prediction dict or None;  out.problems: [TaskProblem(...)]

Time limits, in order:

- a chunk may take ``TASK_TIME_BUDGET`` seconds; past it its engine is killed (a stuck regex holds the GIL, so
  nothing short of that stops it) and replaced from the forkserver, and the chunk's tasks are retried one by
  one, each with the same budget: the task that overruns alone gets no prediction, the reason is logged;
- a request may take ``PREDICT_DEADLINE`` seconds: chunks not started by then are dropped, their tasks get no
  prediction ("retrieve again"), and Label Studio stores what was done (it asks only for the rest next time).

Small requests (an annotator opening a task) go ahead of the chunks of a big Retrieve.
"""

from __future__ import annotations

import atexit
import itertools
import json
import logging
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_any
from typing import Any

__all__ = ["EnginePool", "EnginesUnavailable", "PoolOutcome"]

from ml_backend.batching import make_chunks
from ml_backend.calls import DEADLINE_REASON, Call, EnginesUnavailable, PoolOutcome, task_id
from ml_backend.settings import Settings

log = logging.getLogger(__name__)

PRIORITY_RETRY, PRIORITY_SMALL, PRIORITY_BULK = 0, 1, 2
START_TIMEOUT = 300.0  # seconds an engine may take to load its models (the first one loads for all)
RESTART_BACKOFF = 10.0  # after an engine failed to start, seconds before the next try
MAX_RSS_MB = 1500.0  # an engine above this after a chunk is replaced (see engine_process.engine_main)


@dataclass(order=True)
class _Job:
    priority: int
    seq: int
    call: Call = field(compare=False)
    positions: list[int] = field(compare=False)
    retry: bool = field(default=False, compare=False)


class _Scheduler:
    """The queue of chunks shared by every engine, and how a call is cut into them."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.queue: queue.PriorityQueue[_Job] = queue.PriorityQueue()
        self._seq = itertools.count()

    def submit(self, tasks: Sequence[Any], label_config: str, deadline: float, options: dict) -> Call:
        call = Call(tasks, label_config, options, deadline)
        chunks = make_chunks(tasks, self.settings.chunk_tasks)
        priority = PRIORITY_SMALL if len(tasks) <= self.settings.chunk_tasks else PRIORITY_BULK
        call.stats["chunks"] = len(chunks)
        call.add(len(chunks))
        for positions in chunks:
            self.queue.put(_Job(priority, next(self._seq), call, positions))
        return call

    def overrun(self, job: _Job, reason: str) -> None:
        """A chunk went over its budget or killed its engine: retry its tasks alone, or give up on a single."""
        call = job.call
        if len(job.positions) == 1 or job.retry:
            with call.cond:
                call.stats["over_budget"] += len(job.positions)
            for p in job.positions:
                log.warning("task %s (id %s): no prediction: %s", p, task_id(call.tasks[p]) or "-", reason)
            call.fail(job.positions, reason)
            return
        with call.cond:
            call.stats["retried"] += len(job.positions)
        call.add(len(job.positions))
        for p in job.positions:
            self.queue.put(_Job(PRIORITY_RETRY, next(self._seq), call, [p], retry=True))
        call.fail([], reason)  # the chunk itself is done


class _Slot:
    """One engine process and the thread that feeds it chunks."""

    def __init__(self, pool: EnginePool, index: int) -> None:
        self.pool, self.index = pool, index
        self.process: Any = None
        self.conn: Any = None
        self.ready = False
        self.failed_at = 0.0
        self.thread = threading.Thread(target=self._run, name=f"labelguide-engine-{index}", daemon=True)

    # ------------------------------------------------------------------------------------------ process
    def _start_process(self) -> bool:
        ctx = self.pool.context
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_engine_entry, args=(child, self.pool.settings, MAX_RSS_MB),
                              name=f"labelguide-engine-{self.index}", daemon=True)
        try:
            process.start()
        except Exception as exc:  # noqa: BLE001 - reported through /health
            self.pool.set_error(f"engine process failed to start ({type(exc).__name__})")
            return False
        child.close()
        ready = wait_any([parent, process.sentinel], timeout=START_TIMEOUT)
        message: tuple = ("failed", "engine process exited while loading its models; see the server log")
        if parent in ready:
            try:
                message = parent.recv()
            except (EOFError, OSError):
                pass
        elif not ready:
            message = ("failed", f"engine process not ready after {START_TIMEOUT:.0f} s")
        if message[0] != "ready":
            self._kill(process)
            if self.pool.closed:
                return False
            self.pool.set_error(message[1] if len(message) > 1 else "engine failed to load")
            log.error("engine %d: %s", self.index, message[1] if len(message) > 1 else "failed")
            self.failed_at = time.monotonic()
            return False
        self.process, self.conn, self.ready = process, parent, True
        self.pool.engine_ready(message[1])
        return True

    @staticmethod
    def _kill(process: Any) -> None:
        try:
            process.kill()
            process.join(5)
        except Exception:  # noqa: BLE001 - already gone
            pass

    def _replace(self) -> None:
        self.ready = False
        if self.process is not None:
            self._kill(self.process)
        if self.conn is not None:
            self.conn.close()
        self.process = self.conn = None

    def _ensure(self) -> bool:
        if self.pool.closed:
            return False
        if self.process is not None and self.process.is_alive():
            return True
        if self.process is not None:
            self._replace()
        if self.failed_at and time.monotonic() - self.failed_at < RESTART_BACKOFF:
            return False
        return self._start_process()

    def stop(self) -> None:
        conn, process = self.conn, self.process  # the feeder thread may replace them meanwhile
        if conn is not None:
            try:
                conn.send(("stop",))
            except (OSError, ValueError):
                pass
        if process is not None:
            process.join(2)
            if process.is_alive():
                self._kill(process)

    # ------------------------------------------------------------------------------------------ feeding
    def _run(self) -> None:
        self._ensure()
        sched = self.pool.scheduler
        while not self.pool.closed:
            job = sched.queue.get()
            if job.call is None:  # the stop sentinel
                return
            call = job.call
            if call.expired():
                call.fail(job.positions, DEADLINE_REASON)
                continue
            if not self._ensure():
                call.fail(job.positions, self.pool.error or "no engine process is available")
                continue
            self._feed(job)
            if self.process is None:  # killed or recycled: replace it now, not when the next chunk waits
                self._ensure()

    def _feed(self, job: _Job) -> None:
        call = job.call
        tasks = [call.tasks[p] for p in job.positions]
        job_id = job.seq
        try:
            self.conn.send(("predict", job_id, tasks, call.label_config, call.options))
        except (OSError, ValueError):
            self._replace()
            self.pool.scheduler.overrun(job, "the engine process died on this task")
            return
        budget = self.pool.settings.task_time_budget
        ready = wait_any([self.conn, self.process.sentinel], timeout=budget)
        if self.conn in ready:
            try:
                message = self.conn.recv()
            except (EOFError, OSError):
                message = ("died",)
            if message[0] == "done" and message[1] == job_id:  # anything else: a confused engine, replaced below
                _, _, results, problems, stats, recycle = message
                call.deliver(job.positions, results, problems, stats)
                if recycle:
                    log.info("engine %d recycled: memory above %.0f MB", self.index, MAX_RSS_MB)
                    self._replace()
                return
            if message[0] == "error":
                log.error("engine %d: prediction failed (%s)", self.index, message[2])
                self.pool.scheduler.overrun(job, f"the engine failed on this task ({message[2]})")
                return
        if not ready:
            log.warning("engine %d: a chunk of %d task(s) ran over the time budget of %.1f s (TASK_TIME_BUDGET); "
                        "engine replaced", self.index, len(job.positions), budget)
            self._replace()
            self.pool.scheduler.overrun(
                job, f"over the time budget of {budget:g} s per task (TASK_TIME_BUDGET)")
            return
        log.warning("engine %d exited during a chunk; replaced", self.index)
        self._replace()
        self.pool.scheduler.overrun(job, "the engine process died on this task")


def _engine_entry(conn, settings: Settings, max_rss_mb: float) -> None:
    from ml_backend.engine_process import engine_main

    engine_main(conn, settings, max_rss_mb)


class EnginePool:
    """``settings.workers`` engine processes behind one queue. Thread-safe; start once per process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.scheduler = _Scheduler(settings)
        self.context = multiprocessing.get_context("forkserver")
        self.slots = [_Slot(self, i) for i in range(max(1, settings.workers))]
        self.closed = False
        self.error: str | None = None
        self.model_version: str | None = None
        self._ready = threading.Event()
        self._started = False
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def engine_ready(self, model_version: str) -> None:
        self.model_version = self.model_version or model_version
        self.error = None
        self._ready.set()

    @property
    def failed(self) -> bool:
        """No engine is ready and every one failed to load (``error`` says why)."""
        return not self.ready and self.error is not None and all(s.failed_at for s in self.slots)

    def set_error(self, message: str) -> None:
        if not self.ready:
            self.error = message

    def start(self) -> None:
        """Start the engines in the background (returns at once); the first loads the models for all."""
        with self._lock:
            if self._started:
                return
            self._started = True
        _prepare_forkserver(self.context, self.settings)
        for slot in self.slots:
            slot.thread.start()
        atexit.register(self.close)

    def wait(self, timeout: float) -> None:
        """Block until an engine is ready; :class:`EnginesUnavailable` after ``timeout`` or on failure."""
        deadline = time.monotonic() + timeout
        while not self._ready.wait(min(0.2, max(0.0, deadline - time.monotonic()))):
            if self.failed:
                raise EnginesUnavailable(self.error, loading=False)
            if time.monotonic() >= deadline:
                raise EnginesUnavailable("models are still loading; retry in a few seconds", loading=True)

    def predict(self, tasks: Sequence[Any], label_config: str, deadline: float, **options: Any) -> PoolOutcome:
        """Predict ``tasks`` on every engine; returns by ``deadline`` with whatever was done."""
        call = self.scheduler.submit(tasks, label_config, deadline, options)
        call.wait()
        return call.outcome()

    def pids(self) -> list[int]:
        """Process ids of the running engines (benchmarks read their CPU time and memory)."""
        return [s.process.pid for s in self.slots if s.process is not None and s.process.is_alive()]

    def training_launcher(self, store: Any) -> Any:
        """How training jobs run here: a process forked from the engines' forkserver (the models loaded once)."""
        from ml_backend.training import ProcessLauncher

        return ProcessLauncher(self.context, self.settings)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        for _ in self.slots:
            self.scheduler.queue.put(_Job(-1, -1, None, []))  # wakes each feeder thread: it exits
        for slot in self.slots:
            slot.stop()


_FORKSERVER_LOCK = threading.Lock()


def _prepare_forkserver(context: Any, settings: Settings) -> None:
    """Start the forkserver (once per process) preloading the models, with one BLAS thread per engine.

    The environment is changed only while the forkserver is launched (it copies it), then restored.
    """
    from multiprocessing import forkserver

    fields = {k: getattr(settings, k) for k in ("engine_factory", "spacy_model", "toxicity_model",
                                                "toxicity_head", "max_text_chars", "log_level")}
    extra = {"LABELGUIDE_ENGINE_PRELOAD": json.dumps(fields), "MALLOC_ARENA_MAX": "2",
             "TOKENIZERS_PARALLELISM": "false"}
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        extra[name] = "1"  # one engine per core: no engine may spread over the others
    with _FORKSERVER_LOCK:
        saved = {k: os.environ.get(k) for k in extra}
        try:
            for k, v in extra.items():
                if k == "LABELGUIDE_ENGINE_PRELOAD" or saved[k] is None:  # a value the user set wins
                    os.environ[k] = v
            context.set_forkserver_preload(["ml_backend.engine_preload"])
            forkserver.ensure_running()
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
