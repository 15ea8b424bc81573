"""Start and stop a local Label Studio server (SQLite by default): used by ``labelguide up``, tests, benchmarks.

    server = start_label_studio(data_dir, port=8080, email="admin@example.com", password="...", token="...")
    server.wait_healthy()
    ...
    server.stop()

Secrets never reach the command line (where ``ps`` shows them to every local user): the admin's e-mail,
password and API token go to Label Studio through the environment it reads at start (``LABEL_STUDIO_USERNAME``,
``LABEL_STUDIO_PASSWORD``, ``LABEL_STUDIO_USER_TOKEN``), which only the same user can read. The server listens
on loopback only, and runs with umask 077: its data dir (the SQLite database holds the token in plain text), its
secret key and its log are readable by this user alone from the moment they exist.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from common.processes import stop_popen_group
from common.ssrf import LOCAL_BANNED_SUBNETS, ssrf_env
from common.studio import enable_legacy_tokens

__all__ = ["LOCAL_BANNED_SUBNETS", "StudioServer", "free_port", "private_dir", "private_file",
           "start_label_studio", "studio_env"]

PRIVATE_UMASK = 0o077  # files 0600, directories 0700


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
        stop_popen_group(self.process, timeout)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) as 0700, and tighten it to 0700 when it already exists."""
    path = Path(path)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:
        path.chmod(0o700)
    return path


def private_file(path: Path, append: bool = True) -> int:
    """An OS-level descriptor on ``path`` opened for writing, created 0600 (never briefly wider) and tightened
    to 0600 when it already existed. The caller closes it (``os.fdopen(fd, ...)``)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
    fd = os.open(path, flags, 0o600)
    if os.fstat(fd).st_mode & 0o077:
        os.fchmod(fd, 0o600)
    return fd


def studio_env(data_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment a local Label Studio runs with: its own data dir, loopback backends allowed (only).

    ``extra`` is applied last, e.g. ``DJANGO_DB``/``POSTGRE_*`` for PostgreSQL or another SSRF list.
    """
    env = dict(os.environ)
    env.update(
        LABEL_STUDIO_BASE_DATA_DIR=str(data_dir),
        LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK="true",
        SENTRY_DSN="",
        FRONTEND_SENTRY_DSN="",
        COLLECT_ANALYTICS="false",
        LATEST_VERSION_CHECK="false",  # no call to pypi.org at every start
        **ssrf_env(),
    )
    env.update(extra or {})
    return env


def _tighten_existing(data_dir: Path) -> None:
    """A data dir made before files were private: its database files become 0600 (the dir is already 0700)."""
    for path in data_dir.glob("label_studio.sqlite3*"):
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)


def start_label_studio(data_dir: Path, port: int, email: str, password: str, token: str,
                       log_path: Path | None = None, extra_env: dict[str, str] | None = None) -> StudioServer:
    """Start ``label-studio start`` on 127.0.0.1:``port`` in its own process group; call ``wait_healthy()``.

    The admin account (``email``, ``password``, API ``token``) is created on the first start and passed by
    environment, never as arguments: any password works, one starting with "-" included.
    """
    data_dir = private_dir(Path(data_dir))
    _tighten_existing(data_dir)
    log_path = Path(log_path or data_dir / "label-studio.log")
    private_dir(log_path.parent)
    env = studio_env(data_dir, extra_env)
    env.update(LABEL_STUDIO_USERNAME=email, LABEL_STUDIO_PASSWORD=password, LABEL_STUDIO_USER_TOKEN=token)
    # --internal-host is the address Django binds (its default is 0.0.0.0); --host would be the public URL.
    cmd = [label_studio_executable(), "start", "--no-browser", "--internal-host", "127.0.0.1",
           "--port", str(port)]
    with os.fdopen(private_file(log_path), "ab") as log:
        process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
                                   umask=PRIVATE_UMASK)
    return StudioServer(process, f"http://127.0.0.1:{port}", email, password, token, data_dir, log_path)
