"""PII screening on every core: a pool of worker processes, one PII engine each, results in input order.

Each worker loads the engine once (``ml_backend.pii.get_pii_engine()``, or any ``module:function`` factory) and
answers batches of texts with one ``has_pii`` flag per text, computed by the same ``analyze_batch`` a single
process would call: the flags do not depend on how many workers run. The parent reads ahead at most
``4 x workers`` batches, so memory stays flat, and yields the batches in the order they were given.

A text that takes too long never stalls the import: a batch still running after ``timeout`` seconds has its
worker killed (and a fresh one started); its texts are then screened one by one, each with the same
``timeout``, and a text that times out alone gets ``None`` (the caller drops or flags it by policy). Workers use
the ``spawn`` start method: nothing of the parent (threads, locks, a loaded model) is copied into them.

    pool = ScreenPool(workers=2, timeout=20)
    for flags in pool.screen(iter([["hello", "mail bob@example.com"]])):
        print(flags)                              # [False, True]
    pool.close()
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import os
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from importers.records import ImporterError

DEFAULT_FACTORY = "ml_backend.pii:get_pii_engine"
DEFAULT_TIMEOUT = 20.0
START_TIMEOUT = 600.0  # loading spaCy + Presidio on a busy machine


def available_cores() -> int:
    """The cores this process may run on (``sched_getaffinity``), at least 1.

    >>> available_cores() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _load(factory: str) -> Any:
    module, _, name = factory.partition(":")
    return getattr(importlib.import_module(module), name or "get_pii_engine")()


def _serve(conn: Connection, factory: str) -> None:
    """A worker: load the engine, say ready, then answer ``(job, texts)`` with ``(job, flags)`` until None."""
    try:
        engine = _load(factory)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which stops the import
        conn.send(("failed", f"{type(exc).__name__}: {str(exc)[:200]}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        job, texts = message
        try:
            findings = engine.analyze_batch(texts)
            flags = [bool(getattr(f, "has_pii")) for f in findings]
            if len(flags) != len(texts):
                raise ValueError(f"{len(flags)} findings for {len(texts)} texts")
            conn.send((job, flags))
        except Exception as exc:  # noqa: BLE001 - a broken engine stops the import with the reason
            conn.send((job, ("error", type(exc).__name__)))


@dataclass
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False
    job: Any = None  # (job id, batch id, offset, texts) while busy
    deadline: float = 0.0
    started: float = field(default_factory=time.monotonic)


class ScreenPool:
    """``workers`` processes, each with its own engine; :meth:`screen` maps batches of texts to flags in order."""

    def __init__(self, workers: int | None = None, timeout: float = DEFAULT_TIMEOUT, factory: str = DEFAULT_FACTORY):
        if timeout <= 0:
            raise ValueError("timeout must be > 0")
        self.n = workers or available_cores()
        if self.n < 1:
            raise ValueError("workers must be >= 1")
        self.timeout, self.factory = timeout, factory
        self._ctx = mp.get_context("spawn")
        self._workers: list[_Worker] = [self._start() for _ in range(self.n)]
        self.timed_out = 0  # texts that timed out alone
        self.restarts = 0

    @property
    def pids(self) -> list[int]:
        """Process ids of the live workers (for CPU accounting in benchmarks)."""
        return [w.process.pid for w in self._workers if w.process.is_alive()]

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=_serve, args=(child, self.factory), daemon=True,
                                    name="labelguide-pii-screen")
        process.start()
        child.close()
        return _Worker(process, parent)

    def _replace(self, i: int) -> None:
        old = self._workers[i]
        old.process.kill()
        old.process.join(5)
        old.conn.close()
        self._workers[i] = self._start()
        self.restarts += 1

    def wait_ready(self) -> None:
        """Block until every worker has loaded its engine (benchmarks: no loading inside a timed section)."""
        deadline = time.monotonic() + START_TIMEOUT
        for w in self._workers:
            while not w.ready:
                if not w.conn.poll(max(0.0, deadline - time.monotonic())):
                    raise ImporterError(f"a PII screening worker did not load the engine in {START_TIMEOUT:.0f} s")
                tag, value = w.conn.recv()
                if tag == "failed":
                    raise ImporterError(f"the PII engine cannot be loaded in a worker ({value})")
                w.ready = tag == "ready"

    def close(self) -> None:
        """Stop every worker (politely, then by force)."""
        for w in self._workers:
            try:
                w.conn.send(None)
            except (OSError, ValueError):
                pass
        for w in self._workers:
            w.process.join(5)
            if w.process.is_alive():
                w.process.kill()
                w.process.join(5)
            w.conn.close()
        self._workers = []

    def __enter__(self) -> ScreenPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def screen(self, batches: Iterator[list[str]]) -> Iterator[list[bool | None]]:
        """Flags for each batch of texts, in order; ``None`` for a text that timed out alone."""
        results: dict[int, list[bool | None]] = {}
        missing: dict[int, int] = {}  # batch id -> texts still unanswered
        queue: deque = deque()  # jobs waiting for a worker: (job id, batch id, offset, texts, single)
        next_batch = next_out = job_ids = 0
        exhausted = False
        ahead = 4 * self.n
        while True:
            while not exhausted and len(queue) < self.n and next_batch - next_out < ahead:
                try:
                    texts = list(next(batches))
                except StopIteration:
                    exhausted = True
                    break
                results[next_batch], missing[next_batch] = [None] * len(texts), len(texts)
                if texts:
                    queue.append((job_ids, next_batch, 0, texts, False))
                    job_ids += 1
                next_batch += 1
            while next_out in results and missing[next_out] == 0:
                yield results.pop(next_out)
                del missing[next_out]
                next_out += 1
            busy = [w for w in self._workers if w.job is not None]
            if exhausted and not queue and not busy and next_out == next_batch:
                return
            for w in self._workers:
                if w.ready and w.job is None and queue:
                    w.job = queue.popleft()
                    w.deadline = time.monotonic() + self.timeout
                    w.conn.send((w.job[0], w.job[3]))
            self._wait(results, missing, queue)

    def _wait(self, results: dict, missing: dict, queue: deque) -> None:
        now = time.monotonic()
        deadlines = [w.deadline for w in self._workers if w.job is not None]
        deadlines += [w.started + START_TIMEOUT for w in self._workers if not w.ready]
        timeout = max(0.0, min(deadlines) - now) if deadlines else None
        conns = {w.conn: i for i, w in enumerate(self._workers)}
        for conn in wait(list(conns), timeout):
            i = conns[conn]
            w = self._workers[i]
            try:
                tag, value = conn.recv()
            except (EOFError, OSError):
                if w.job is None and w.ready:
                    self._replace(i)
                    continue
                raise ImporterError("a PII screening worker died (out of memory?); run again, "
                                    "or with fewer --workers") from None
            if tag == "failed":
                raise ImporterError(f"the PII engine cannot be loaded in a worker ({value}); install it, "
                                    "or pass --pii keep to import without screening")
            if tag == "ready":
                w.ready = True
                continue
            job, w.job = w.job, None
            if isinstance(value, tuple):
                raise ImporterError(f"the PII engine failed on a batch ({value[1]})")
            if job is None or job[0] != tag:
                continue  # an answer from a job that was already given up
            _, batch, offset, texts, _single = job
            results[batch][offset:offset + len(texts)] = value
            missing[batch] -= len(texts)
        now = time.monotonic()
        for i, w in enumerate(self._workers):
            if w.job is not None and now > w.deadline:
                job_id, batch, offset, texts, single = w.job
                self._replace(i)
                if single:
                    self.timed_out += 1
                    missing[batch] -= 1  # stays None: the caller applies the policy
                else:  # find the slow text(s): one by one, each with the same timeout
                    queue.extendleft(reversed([(f"{job_id}.{k}", batch, offset + k, [t], True)
                                               for k, t in enumerate(texts)]))
            elif not w.ready and now > w.started + START_TIMEOUT:
                raise ImporterError(f"a PII screening worker did not load the engine in {START_TIMEOUT:.0f} s")
