"""The engine pool (ml_backend.engines) with REAL engine processes running fake engines (backend_fakes.TrapPii):
chunks spread over the engines, a stuck task costs only itself (its engine is killed and replaced), a dying
engine is replaced, the request deadline returns what was done, small requests overtake a big one.

The fakes stand in for spaCy/Presidio only to make a task stall or crash on purpose; the stall is a real
catastrophic regex in C holding the GIL, the crash a real process exit.
"""

from __future__ import annotations

import threading
import time

import pytest

from label_config import taxonomy as T
from label_config.render import render_config
from ml_backend.calls import DEADLINE_REASON
from ml_backend.engines import EnginePool
from ml_backend.settings import Settings

INSTRUCTION = render_config(T.INSTRUCTION)


def _tasks(n, text="Call Alice Smith about it.", first=0):
    return [{"id": first + i, "data": {T.PROMPT: f"{text} {i}"}} for i in range(n)]


@pytest.fixture(scope="module")
def pool():
    p = EnginePool(Settings(workers=2, engine_factory="backend_fakes:fake_engine_factory", task_time_budget=1.5,
                            chunk_tasks=8))
    p.start()
    p.wait(120)
    deadline = time.monotonic() + 60
    while len(p.pids()) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    yield p
    p.close()


def test_a_big_request_gets_every_prediction_in_order_on_both_engines(pool):
    tasks = _tasks(2_000)
    before = {pid: _cpu(pid) for pid in pool.pids()}
    out = pool.predict(tasks, INSTRUCTION, deadline=time.monotonic() + 60)
    assert out.problems == [] and len(out.results) == 2_000
    assert all(r is not None and r["result"][0]["value"] == {"choices": [T.YES]} for r in out.results)
    assert out.stats["chunks"] == 250
    assert all(_cpu(pid) > cpu for pid, cpu in before.items())  # both engines worked on the one request


def _cpu(pid: int) -> float:
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def test_a_stuck_task_gets_no_prediction_and_costs_only_itself(pool, caplog):
    tasks = _tasks(40)
    tasks[13]["data"][T.PROMPT] = "STALL Bob Jones"  # a regex that never ends, holding the GIL
    pids = set(pool.pids())
    t0 = time.monotonic()
    out = pool.predict(tasks, INSTRUCTION, deadline=time.monotonic() + 60)
    elapsed = time.monotonic() - t0
    assert [(p.position, p.task_id) for p in out.problems] == [(13, 13)]
    assert "over the time budget of 1.5 s per task (TASK_TIME_BUDGET)" in out.problems[0].reason
    assert sum(r is not None for r in out.results) == 39
    # cut by its own budget, not by the request's deadline (which would have cost the chunk's other tasks too) and
    # never the regex's hours; not a speed bound: the chunk's budget, then the task alone, take ~4 s on a quiet
    # machine and 17 s was seen with the suite and a benchmark sharing the 2 cores
    assert elapsed < 60
    assert set(pool.pids()) != pids  # the stuck engine was killed and replaced
    assert "Bob" not in caplog.text and "STALL" not in caplog.text
    again = pool.predict(_tasks(16), INSTRUCTION, deadline=time.monotonic() + 30)
    assert again.problems == []  # the pool is whole again


def test_an_engine_that_dies_is_replaced_and_only_its_task_is_lost(pool):
    tasks = _tasks(24)
    tasks[5]["data"][T.PROMPT] = "CRASH now"
    out = pool.predict(tasks, INSTRUCTION, deadline=time.monotonic() + 60)
    assert [(p.position, p.reason) for p in out.problems] == [(5, "the engine process died on this task")]
    assert sum(r is not None for r in out.results) == 23
    assert len(pool.pids()) >= 1


def test_the_request_deadline_returns_what_was_done_and_names_the_rest(pool):
    tasks = _tasks(64)
    for i in (0, 9, 18, 27):  # four stuck chunks: both engines busy for the whole (short) deadline
        tasks[i]["data"][T.PROMPT] = "STALL"
    t0 = time.monotonic()
    out = pool.predict(tasks, INSTRUCTION, deadline=time.monotonic() + 1.0)
    assert time.monotonic() - t0 < 1.0 + 0.5
    reasons = {p.position: p.reason for p in out.problems}
    assert reasons and all(r == DEADLINE_REASON for r in reasons.values())
    assert all(out.results[p] is None for p in reasons)
    _wait_idle(pool)  # the stuck chunks still run to their budget: let the pool work them off


def _wait_idle(pool, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pool.scheduler.queue.empty() and len(pool.pids()) == 2:
            probe = pool.predict(_tasks(1), INSTRUCTION, deadline=time.monotonic() + 10)
            if probe.problems == []:
                return
        time.sleep(0.2)
    raise AssertionError("the pool did not become idle")


def test_a_small_request_overtakes_a_big_one(pool):
    _wait_idle(pool)
    big = _tasks(3_000)
    done = {}

    def run_big():
        done["big"] = pool.predict(big, INSTRUCTION, deadline=time.monotonic() + 120)

    thread = threading.Thread(target=run_big)
    thread.start()
    time.sleep(0.2)
    t0 = time.monotonic()
    small = pool.predict(_tasks(1, first=99_999), INSTRUCTION, deadline=time.monotonic() + 30)
    small_s = time.monotonic() - t0
    thread.join()
    assert small.problems == [] and small.results[0] is not None
    assert "big" in done and done["big"].problems == []
    assert small_s < 2.0  # not behind the ~375 queued chunks of the big request
