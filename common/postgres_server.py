"""A throwaway PostgreSQL cluster on loopback (Debian's ``postgresql`` binaries): the compose ``db`` service
without Docker, for the tests and the benchmarks.

    pg = start_postgres(port=free_port(), password="...")     # initdb, start, role + database
    env = pg.studio_env()       # DJANGO_DB=default, POSTGRE_HOST/PORT/USER/PASSWORD/NAME for Label Studio
    ...
    pg.stop()                   # fast shutdown, then the cluster's directory is removed

Like the ``postgres`` image, it has a superuser reached only through its Unix socket (trust), and one login role
owning one database, reached over TCP on 127.0.0.1 with a password (scram-sha-256), as Label Studio connects in
compose. ``initdb`` refuses to run as root: as root, the cluster belongs to the ``postgres`` user (which Debian's
package creates) and every server command runs as that user. Passwords go through stdin, never ``argv``.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

BINDIR_ENV = "LABELGUIDE_PG_BINDIR"


class PostgresNotInstalled(RuntimeError):
    """No PostgreSQL server binaries: ``scripts/install_postgres.sh`` installs Debian's package."""


def postgres_bindir() -> Path:
    """The directory holding ``initdb``/``pg_ctl``/``psql``: ``$LABELGUIDE_PG_BINDIR``, else the newest
    ``/usr/lib/postgresql/<major>/bin`` (Debian's layout), else wherever ``initdb`` is on PATH."""
    if os.environ.get(BINDIR_ENV):
        return Path(os.environ[BINDIR_ENV])
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if debian:
        return debian[-1].parent
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise PostgresNotInstalled("PostgreSQL is not installed: run scripts/install_postgres.sh (Debian's postgresql)")


@dataclass
class PostgresServer:
    """A running cluster: where it lives and how Label Studio reaches it."""

    root: Path
    port: int
    user: str
    password: str
    database: str
    run_as: str | None
    bindir: Path

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    @property
    def log_path(self) -> Path:
        return self.root / "postgres.log"

    def studio_env(self) -> dict[str, str]:
        """The variables Label Studio reads to use this database (``core/settings/base.py``)."""
        return {"DJANGO_DB": "default", "POSTGRE_HOST": "127.0.0.1", "POSTGRE_PORT": str(self.port),
                "POSTGRE_USER": self.user, "POSTGRE_PASSWORD": self.password, "POSTGRE_NAME": self.database}

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run ``sql`` as the superuser over the Unix socket (stdin, so no secret in ``argv``); its output."""
        return _run([str(self.bindir / "psql"), "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h",
                     str(self.socket_dir), "-p", str(self.port), "-U", "postgres", "-d", database],
                    self.run_as, input=sql).stdout

    def postmaster_pid(self) -> int | None:
        try:
            return int((self.data_dir / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def stop(self, remove: bool = True) -> None:
        """Fast shutdown (open sessions are cut), then remove the cluster's directory."""
        if self.postmaster_pid():
            try:
                _run([str(self.bindir / "pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "-w", "-t", "60",
                      "stop"], self.run_as)
            except (PostgresError, subprocess.TimeoutExpired):
                pid = self.postmaster_pid()
                if pid:
                    try:
                        os.kill(pid, 9)
                    except ProcessLookupError:
                        pass
        if remove:
            shutil.rmtree(self.root, ignore_errors=True)


class PostgresError(RuntimeError):
    """A PostgreSQL command failed; the message holds its stderr (never a password: those go by stdin)."""


def _run(cmd: list[str], run_as: str | None, input: str | None = None) -> subprocess.CompletedProcess:
    run = subprocess.run(cmd, input=input, capture_output=True, text=True, timeout=180, user=run_as, cwd="/")
    if run.returncode != 0:
        raise PostgresError(f"{Path(cmd[0]).name} exited with {run.returncode}: {run.stderr.strip()[-2000:]}")
    return run


def _sql_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _sql_ident(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def start_postgres(port: int, password: str, user: str = "labelstudio", database: str = "labelstudio",
                   root: Path | None = None, durable: bool = True, settings: dict[str, str] | None = None,
                   timeout: float = 120) -> PostgresServer:
    """initdb a fresh cluster in ``root`` (a new temporary dir by default), start it on 127.0.0.1:``port``, create
    the login role ``user`` with ``password`` and its ``database``. ``durable=False`` turns fsync off (tests).

    ``settings`` are extra server settings (``-c name=value``), e.g. ``{"max_connections": "200"}``.
    """
    bindir = postgres_bindir()
    if not stat.S_ISCHR(os.stat(os.devnull).st_mode):  # initdb's shell scripts write to it
        raise PostgresError(f"{os.devnull} is not a character device any more (a file was renamed over it); "
                            "restore it: rm /dev/null && mknod -m 666 /dev/null c 1 3")
    run_as = "postgres" if os.geteuid() == 0 else None
    root = Path(root or tempfile.mkdtemp(prefix="labelguide-pg-"))
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    if run_as:
        closed = [str(p) for p in root.resolve().parents if not p.stat().st_mode & 0o001]
        if closed:
            raise PostgresError(f"the {run_as} user cannot reach {root}: {closed[0]} is closed to others; "
                                "leave root unset (a new dir in the system's temp dir)")
    server = PostgresServer(root, port, user, password, database, run_as, bindir)
    server.socket_dir.mkdir(mode=0o700, exist_ok=True)
    if run_as:
        for path in (root, server.socket_dir):
            shutil.chown(path, run_as, run_as)
    try:
        _run([str(bindir / "initdb"), "-D", str(server.data_dir), "-U", "postgres", "--auth-local=trust",
              "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"], run_as)
        options = {"listen_addresses": "127.0.0.1", "unix_socket_directories": str(server.socket_dir),
                   "port": str(port), "max_connections": "200", **(settings or {})}
        if not durable:
            options.update(fsync="off", synchronous_commit="off", full_page_writes="off")
        with open(server.data_dir / "postgresql.auto.conf", "a") as conf:  # root may append; owner stays
            conf.write("".join(f"{k} = {_sql_literal(v)}\n" for k, v in options.items()))
        _run([str(bindir / "pg_ctl"), "-D", str(server.data_dir), "-l", str(server.log_path), "-w", "-t",
              str(int(timeout)), "start"], run_as)
        server.psql(f"CREATE ROLE {_sql_ident(user)} LOGIN PASSWORD {_sql_literal(password)};\n"
                    f"CREATE DATABASE {_sql_ident(database)} OWNER {_sql_ident(user)};\n")
    except BaseException:
        server.stop()
        raise
    return server
