"""Shared fixtures. ``studio`` starts one real Label Studio 1.23.2 for the whole test session.

The server runs on a free loopback port with a temporary data dir (SQLite), API tokens enabled as in
REFERENCE.md, and loopback ML backends allowed; it is stopped when the session ends.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pytest

# No model hub is reachable here, and no test may try one: huggingface_hub reads these when first imported.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from common.studio_server import StudioServer, free_port, start_label_studio

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
TEST_DATA = Path(__file__).resolve().parent / "data"
ARTIFACTS = Path(os.environ.get("LABELGUIDE_ARTIFACTS", ROOT / "test-artifacts"))


@pytest.fixture(scope="session")
def studio(tmp_path_factory: pytest.TempPathFactory) -> StudioServer:
    """A running Label Studio: ``.url``, ``.token`` (API key), ``.email``, ``.password``."""
    timeout = float(os.environ.get("LABELGUIDE_STUDIO_TIMEOUT", "240"))
    for attempt in (1, 2):  # a second try on a fresh port: a free port can be taken before the server binds it
        server = start_label_studio(
            tmp_path_factory.mktemp("label-studio"),
            port=free_port(),
            email="tester@example.com",
            # starts with "-": Label Studio's argument parser read such a password as a flag (issue 11.8); the
            # secrets now go by environment, and every test on this server proves that such a password works
            password="-" + secrets.token_urlsafe(12),
            token=secrets.token_hex(20),
        )
        try:
            server.wait_healthy(timeout=timeout)
            break
        except (RuntimeError, TimeoutError) as exc:
            server.stop()
            if attempt == 2:
                raise
            print(f"Label Studio did not start ({exc}); trying another port")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def ls(studio: StudioServer):
    """A label-studio-sdk client on the session's server."""
    from common.studio import connect

    return connect(studio.url, studio.token)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where tests keep screenshots and reports (kept after the run)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
