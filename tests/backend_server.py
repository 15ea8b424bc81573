"""A real ``labelguide backend serve`` (gunicorn, its worker class, engine processes) in a subprocess, for tests.

    server = BackendServer.start(tmp_path, env={"BASIC_AUTH_USER": "u", "BASIC_AUTH_PASS": "p"})
    requests.get(server.url + "/health")
    server.stop()

``fake_engines=True`` runs the engine processes with ``backend_fakes.fake_engine_factory`` (instant start; for
tests of the HTTP layer, limits and process handling). The default is the real engines.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from common.backend_server import BackendServer as RunningBackend
from common.studio_server import free_port

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


@dataclass
class BackendServer(RunningBackend):
    """``common.backend_server.BackendServer`` (``pids``, ``engine_pids``, ``kill``, ``stop``) started the tests'
    way: a free port, the tests' folder on the path (fake engines), extra ``serve`` arguments; ``wait_ready``
    stops the server and raises ``RuntimeError`` with the log when it does not come up."""

    @classmethod
    def start(cls, workdir: Path, env: dict[str, str] | None = None, fake_engines: bool = False,
              args: tuple[str, ...] = (), timeout: float = 240) -> BackendServer:
        port = free_port()
        log_path = Path(workdir) / f"backend-{port}.log"
        full_env = dict(os.environ, LOG_LEVEL="INFO", PYTHONPATH=os.pathsep.join([str(ROOT), str(TESTS)]))
        if fake_engines:
            full_env["LABELGUIDE_ENGINE_FACTORY"] = "backend_fakes:fake_engine_factory"
        full_env.update(env or {})
        cmd = [sys.executable, "-m", "labelguide", "backend", "serve", "--host", "127.0.0.1", "--port", str(port),
               *args]
        with open(log_path, "wb") as log:
            process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=full_env, cwd=str(workdir),
                                       start_new_session=True)
        server = cls(process, f"http://127.0.0.1:{port}", log_path)
        server.wait_ready(timeout)
        return server

    def wait_ready(self, timeout: float) -> None:
        try:
            super().wait_ready(timeout)
        except (RuntimeError, TimeoutError) as exc:
            self.stop()
            raise RuntimeError(str(exc)) from None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_for_log(self, needle: str, timeout: float = 5.0) -> str:
        """The log once it holds ``needle`` (the server writes a line just after it acts, so a client that saw
        the action can read the log a moment too early), or the log as it is after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while needle not in (log := self.log()) and time.monotonic() < deadline:
            time.sleep(0.05)
        return log
