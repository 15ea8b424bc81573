"""Start and stop a local Label Studio server (SQLite, embedded): used by ``labelguide up`` and the tests.

    server = start_label_studio(data_dir, port=8080, email="admin@example.com", password="...", token="...")
    server.wait_healthy()
    ...
    server.stop()
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from common.studio import enable_legacy_tokens

# Label Studio refuses ML backends on reserved addresses (SSRF protection). The narrowest switch that lets
# it reach a backend on this machine: drop the default banned list, keep the ranges we name banned.
# Loopback (127.0.0.0/8) must be reachable for a local backend; everything private stays blocked.
LOCAL_BANNED_SUBNETS = "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,169.254.0.0/16,100.64.0.0/10,0.0.0.0/8,::ffff:0:0/96,fc00::/7,fe80::/10"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def label_studio_executable() -> str:
    """The ``label-studio`` command beside this Python, else on PATH."""
    candidate = Path(sys.executable).with_name("label-studio")
    if candidate.exists():
        return str(candidate)
    found = shutil.which("label-studio")
    if not found:
        raise FileNotFoundError("label-studio is not installed: pip install 'label-studio==1.23.2'")
    return found


@dataclass
class StudioServer:
    """A running Label Studio process and how to reach it."""

    process: subprocess.Popen
    url: str
    email: str
    password: str
    token: str
    data_dir: Path
    log_path: Path

    def wait_healthy(self, timeout: float = 180) -> None:
        """Block until ``GET /health`` answers, then enable API tokens. Raises with the log's tail on failure."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Label Studio exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                if requests.get(f"{self.url}/health", timeout=2).status_code == 200:
                    enable_legacy_tokens(self.url, self.email, self.password)
                    return
            except requests.RequestException:
                pass
            time.sleep(1)
        raise TimeoutError(f"Label Studio not healthy on {self.url} after {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self, timeout: float = 20) -> None:
        """Stop the server and every process it started."""
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=timeout)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def studio_env(data_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment a local Label Studio runs with: its own data dir, loopback backends allowed."""
    env = dict(os.environ)
    env.update(
        LABEL_STUDIO_BASE_DATA_DIR=str(data_dir),
        USE_DEFAULT_BANNED_SUBNETS="false",
        USER_ADDITIONAL_BANNED_SUBNETS=LOCAL_BANNED_SUBNETS,
        LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK="true",
        SENTRY_DSN="",
        FRONTEND_SENTRY_DSN="",
        COLLECT_ANALYTICS="false",
    )
    env.update(extra or {})
    return env


def start_label_studio(data_dir: Path, port: int, email: str, password: str, token: str,
                       log_path: Path | None = None, extra_env: dict[str, str] | None = None) -> StudioServer:
    """Start ``label-studio start`` in its own process group; call ``wait_healthy()`` before using it."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = Path(log_path or data_dir / "label-studio.log")
    log = open(log_path, "ab")
    cmd = [label_studio_executable(), "start", "--no-browser", "--host", "127.0.0.1", "--port", str(port),
           "--username", email, "--password", password, "--user-token", token]
    process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=studio_env(data_dir, extra_env),
                               start_new_session=True)
    return StudioServer(process, f"http://127.0.0.1:{port}", email, password, token, data_dir, log_path)
