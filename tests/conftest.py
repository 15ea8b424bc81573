"""Shared fixtures. ``studio`` starts one real Label Studio 1.23.2 for the whole test session.

The server runs on a free loopback port with a temporary data dir (SQLite), API tokens enabled as in
REFERENCE.md, and loopback ML backends allowed; it is stopped when the session ends.

The compose topology without Docker: ``postgres`` starts a throwaway cluster of Debian's PostgreSQL (the compose
``db`` service), and ``studio_pg`` a second Label Studio on it, with the environment compose gives its
``label-studio`` service (``compose_env`` = ``.env.example`` with generated secrets). They run when PostgreSQL is
installed (``scripts/install_postgres.sh``), are required in CI, and can be switched off with
``LABELGUIDE_POSTGRES=0``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pytest

# The shared case checker's asserts report their operands, as a test's own would.
pytest.register_assert_rewrite("pii_helpers")

# No model hub is reachable here, and no test may try one: huggingface_hub reads these when first imported.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from common.postgres_server import PostgresNotInstalled, PostgresServer, postgres_bindir, start_postgres
from common.ssrf import ssrf_env
from common.studio_server import StudioServer, free_port, start_label_studio

from compose import ENV_EXAMPLE, load_compose, read_env_file, service_environment

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
TEST_DATA = Path(__file__).resolve().parent / "data"
ARTIFACTS = Path(os.environ.get("LABELGUIDE_ARTIFACTS", ROOT / "test-artifacts"))


def _start_studio(data_dir: Path, email: str, password: str, token: str,
                  extra_env: dict[str, str] | None = None) -> StudioServer:
    timeout = float(os.environ.get("LABELGUIDE_STUDIO_TIMEOUT", "240"))
    for attempt in (1, 2):  # a second try on a fresh port: a free port can be taken before the server binds it
        server = start_label_studio(data_dir, port=free_port(), email=email, password=password, token=token,
                                    extra_env=extra_env)
        try:
            server.wait_healthy(timeout=timeout)
            return server
        except (RuntimeError, TimeoutError) as exc:
            server.stop()
            if attempt == 2:
                raise
            print(f"Label Studio did not start ({exc}); trying another port")
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def common() -> frozenset[str]:
    """The English words the PII engine passes as ``ctx.common`` (:func:`pii_helpers.english_words`)."""
    from pii_helpers import english_words

    return english_words()


@pytest.fixture(scope="session")
def studio(tmp_path_factory: pytest.TempPathFactory) -> StudioServer:
    """A running Label Studio: ``.url``, ``.token`` (API key), ``.email``, ``.password``."""
    server = _start_studio(
        tmp_path_factory.mktemp("label-studio"),
        email="tester@example.com",
        # starts with "-": Label Studio's argument parser read such a password as a flag (issue 11.8); the
        # secrets now go by environment, and every test on this server proves that such a password works
        password="-" + secrets.token_urlsafe(12),
        token=secrets.token_hex(20),
    )
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def compose_env() -> dict[str, str]:
    """What a deployment's ``.env`` holds: ``.env.example`` with its three empty secrets filled in."""
    return {**read_env_file(ENV_EXAMPLE), "POSTGRES_PASSWORD": secrets.token_hex(16),
            "LABEL_STUDIO_PASSWORD": secrets.token_urlsafe(16), "LABEL_STUDIO_API_KEY": secrets.token_hex(20)}


@pytest.fixture(scope="session")
def postgres(compose_env: dict[str, str]) -> PostgresServer:
    """A PostgreSQL cluster on a free loopback port: the compose ``db`` service's role, password and database."""
    if os.environ.get("LABELGUIDE_POSTGRES") == "0":
        pytest.skip("LABELGUIDE_POSTGRES=0")
    try:
        postgres_bindir()
    except PostgresNotInstalled as exc:
        if os.environ.get("CI"):
            pytest.fail(f"{exc} (.ci/run installs it)")
        pytest.skip(str(exc))
    server = start_postgres(free_port(), compose_env["POSTGRES_PASSWORD"], user=compose_env["POSTGRES_USER"],
                            database=compose_env["POSTGRES_DB"], durable=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def studio_pg(postgres: PostgresServer, compose_env: dict[str, str],
              tmp_path_factory: pytest.TempPathFactory) -> StudioServer:
    """Label Studio 1.23.2 on ``postgres``, with the environment of compose's ``label-studio`` service.

    What differs from compose (README, "Production with docker-compose"): the database is reached on
    127.0.0.1:<port> instead of ``db:5432``, and the SSRF list opens loopback (where this topology's backend
    listens) instead of the compose network.
    """
    env = service_environment(load_compose(), "label-studio", compose_env)
    env.update(POSTGRE_HOST="127.0.0.1", POSTGRE_PORT=str(postgres.port), **ssrf_env())
    email, password, token = (env.pop(k) for k in ("LABEL_STUDIO_USERNAME", "LABEL_STUDIO_PASSWORD",
                                                    "LABEL_STUDIO_USER_TOKEN"))
    server = _start_studio(tmp_path_factory.mktemp("label-studio-pg"), email, password, token, extra_env=env)
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


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for every browser test (``tests/browser.py``); closed when the session ends."""
    from browser import BrowserSession

    session = BrowserSession()
    try:
        yield session
    finally:
        session.close()
