"""PII engines for the screening pool's tests, built inside the worker processes by ``module:function`` name.

They stand in for the shared engine only where its behaviour cannot be forced: a text that hangs (the real
engine is being made linear-time, so no real text is reliably slow) and an engine that cannot load.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass


@dataclass
class _Finding:
    has_pii: bool


class SlowOnMarker:
    """``@`` means PII; a text containing ``HANG`` never finishes (sleeps an hour)."""

    def analyze_batch(self, texts):
        if any("HANG" in t for t in texts):
            time.sleep(3600)
        return [_Finding("@" in t) for t in texts]


def slow_engine() -> SlowOnMarker:
    return SlowOnMarker()


def broken_engine():
    raise RuntimeError("model files missing")


def pid_engine():
    """Flags nothing; records which process screened (to see that several workers share the work)."""
    class _Engine:
        def analyze_batch(self, texts):
            start = time.time()
            time.sleep(0.05)  # long enough that the other worker takes the next batch
            with open(os.environ["LABELGUIDE_TEST_PID_LOG"], "a") as f:
                f.write(f"{os.getpid()} {start} {time.time()}\n")
            return [_Finding(False) for _ in texts]
    return _Engine()


def busy_engine():
    """Burns about 0.1 s of CPU per batch: for checking that the workers run in parallel."""
    class _Engine:
        def analyze_batch(self, texts):
            t0 = time.process_time()
            while time.process_time() - t0 < 0.1:
                pass
            return [_Finding(False) for _ in texts]
    return _Engine()
