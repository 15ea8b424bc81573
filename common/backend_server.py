"""Start and stop ``labelguide backend serve`` as a process: for ``labelguide up``, the tests and the benchmarks.

    backend = start_backend(port=9090, workers=2, log_path=Path("backend.log"))
    backend.wait_ready()              # GET /health says "ready": every worker loaded its models
    ...
    backend.kill()                    # SIGKILL the whole replica (a crash), or backend.stop() to end it cleanly

The command is the CLI's (``python -m labelguide backend serve``), run in its own process group with umask 077,
so ``stop``/``kill`` reach gunicorn's master and every worker. Settings (SPACY_MODEL, BASIC_AUTH_USER, ...) come
from the environment given, never from arguments.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from common.processes import cmdline, group_members, parent_pid, stop_popen_group
from common.studio_server import PRIVATE_UMASK, private_dir, private_file


def backend_command(host: str, port: int, workers: int | None = None) -> list[str]:
    """``labelguide backend serve`` arguments (the Dockerfile's CMD runs the same, a test keeps them equal).

    >>> backend_command("127.0.0.1", 9090, workers=2)[-2:]
    ['--workers', '2']
    """
    cmd = ["labelguide", "backend", "serve", "--host", host, "--port", str(port)]
    return cmd + ["--workers", str(workers)] if workers else cmd


@dataclass
class BackendServer:
    """A running backend and its URL."""

    process: subprocess.Popen
    url: str
    log_path: Path
    auth: tuple[str, str] | None = None

    def wait_ready(self, timeout: float = 300) -> None:
        """Block until ``/health`` answers ``ready`` (models loaded). Raises with the log's tail otherwise."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the ML backend exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                if requests.get(f"{self.url}/health", auth=self.auth, timeout=2).json().get("ready"):
                    return
            except (requests.RequestException, ValueError):
                pass
            time.sleep(0.5)
        raise TimeoutError(f"the ML backend on {self.url} not ready after {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def pids(self) -> list[int]:
        """Every process of the server (its process group): gunicorn, its HTTP worker, the forkserver, engines."""
        return group_members(self.process.pid)

    def engine_pids(self) -> list[int]:
        """The engine processes (``--workers`` of them once ready): the forkserver's children, which load the
        models and do the predicting."""
        forked = "multiprocessing.forkserver"
        return [pid for pid in self.pids() if forked in cmdline(pid) and forked in cmdline(parent_pid(pid))]

    def kill(self) -> None:
        """SIGKILL the master and every worker at once: a crashed replica, not a clean stop."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=30)

    def stop(self, timeout: float = 30) -> None:
        """SIGTERM the process group (gunicorn stops its workers), SIGKILL after ``timeout``."""
        stop_popen_group(self.process, timeout)


def start_backend(port: int, log_path: Path, workers: int | None = None, host: str = "127.0.0.1",
                  env: dict[str, str] | None = None, auth: tuple[str, str] | None = None) -> BackendServer:
    """Start the backend on ``host:port``; call ``wait_ready()`` before sending it work.

    ``env`` replaces the environment (default: this process's); ``auth`` is only what ``wait_ready`` sends.
    """
    log_path = Path(log_path)
    private_dir(log_path.parent)
    cmd = [sys.executable, "-m", *backend_command(host, port, workers)]
    with os.fdopen(private_file(log_path), "ab") as out:
        process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True,
                                   umask=PRIVATE_UMASK)
    return BackendServer(process, f"http://127.0.0.1:{port}", log_path, auth)
