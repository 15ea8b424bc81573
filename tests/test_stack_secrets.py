"""Secrets and exposure of the local stack: nothing in `ps`, nothing readable by other users, loopback only.

- Label Studio gets the admin password and API token by environment, never as arguments (`ps` shows arguments
  to every local user); a password starting with "-" works (issue 11.8: it used to be read as a flag).
- Its data dir (the SQLite database holds the token in plain text), its log and `.labelguide/` are 0700/0600
  from creation, and an older, wider file or folder is tightened.
- It listens on 127.0.0.1 only.
"""

from __future__ import annotations

import json
import os
import pathlib
import stat

import pytest

from common.studio import session_login
from common.studio_server import private_dir, private_file
from labelguide.stack import generate_password, load_credentials, stack_paths

from exposure import command_lines, django_chmodded, exposed_paths, listening_addresses, wide_paths


@pytest.mark.studio
def test_a_password_starting_with_a_dash_logs_in(studio):
    assert studio.password.startswith("-")  # the session server was started with one (tests/conftest.py)
    session_login(studio.url, studio.email, studio.password)


@pytest.mark.studio
def test_no_secret_on_label_studio_command_line(studio):
    lines = command_lines(studio.process.pid)
    assert any("label-studio" in line for line in lines)
    for line in lines:
        assert studio.password not in line and studio.token not in line and "--password" not in line


@pytest.mark.studio
def test_label_studio_data_dir_and_log_are_private(studio):
    db = studio.data_dir / "label_studio.sqlite3"
    assert db.exists() and studio.token.encode() in db.read_bytes()  # why it must be private
    assert exposed_paths(studio.data_dir) == [] and django_chmodded(studio.data_dir) == []
    assert stat.S_IMODE(studio.log_path.stat().st_mode) == 0o600


@pytest.mark.studio
def test_label_studio_listens_on_loopback_only(studio):
    port = int(studio.url.rsplit(":", 1)[1])
    assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1; not 0.0.0.0, not ::


def test_generated_passwords_never_start_with_a_dash():
    passwords = [generate_password() for _ in range(5000)]  # the old generator failed 1 in 64
    assert all(p.isalnum() and len(p) == 20 for p in passwords)
    assert len(set(passwords)) == len(passwords)


@pytest.fixture
def no_chmod(monkeypatch):
    """Forbid every chmod: a file then has the mode it was created with (the old code relied on a late chmod)."""
    calls = []
    monkeypatch.setattr(os, "chmod", lambda *a, **k: calls.append(a))
    monkeypatch.setattr(os, "fchmod", lambda *a, **k: calls.append(a))
    monkeypatch.setattr(pathlib.Path, "chmod", lambda self, *a, **k: calls.append((self, *a)))
    old = os.umask(0)  # the most permissive umask a user may have
    try:
        yield calls
    finally:
        os.umask(old)


def test_credentials_are_private_from_creation(tmp_path, no_chmod):
    paths = stack_paths(tmp_path / "home")
    creds = load_credentials(paths, "admin@example.com")
    assert no_chmod == []
    assert stat.S_IMODE(paths.home.stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.credentials.stat().st_mode) == 0o600
    assert json.loads(paths.credentials.read_text()) == creds
    assert not creds["password"].startswith("-")
    with os.fdopen(private_file(paths.home / "some.log"), "ab") as fh:
        fh.write(b"x")
    assert stat.S_IMODE((paths.home / "some.log").stat().st_mode) == 0o600


def test_older_wide_files_are_tightened(tmp_path):
    paths = stack_paths(tmp_path / "home")
    paths.home.mkdir(mode=0o755)
    os.chmod(paths.home, 0o755)
    paths.credentials.write_text(json.dumps({"email": "a@b.c", "password": "kept-pass", "token": "t" * 40}))
    os.chmod(paths.credentials, 0o644)
    log = paths.home / "logs" / "label-studio.log"
    log.parent.mkdir(mode=0o755)
    log.write_text("old")
    os.chmod(log, 0o644)
    assert load_credentials(paths, "other@example.com")["password"] == "kept-pass"
    private_dir(log.parent)
    os.close(private_file(log))
    assert wide_paths(paths.home) == []
    assert log.read_text() == "old"  # appended to, not truncated


def test_a_kept_dash_password_that_never_started_is_replaced(tmp_path):
    paths = stack_paths(tmp_path / "home")
    paths.home.mkdir()
    kept = {"email": "a@b.c", "password": "-Xy3_never-used", "token": "t" * 40}
    paths.credentials.write_text(json.dumps(kept))
    messages = []
    creds = load_credentials(paths, "a@b.c", echo=messages.append)
    assert creds["password"].isalnum() and creds["token"] == kept["token"] and creds["email"] == kept["email"]
    assert json.loads(paths.credentials.read_text()) == creds  # repaired for good, not only for this run
    assert messages and "-Xy3" not in messages[0]


def test_a_kept_dash_password_already_in_use_is_kept(tmp_path):
    """Once Label Studio has a database, its admin may have that password (by environment it works): keep it."""
    paths = stack_paths(tmp_path / "home")
    paths.studio_data.mkdir(parents=True)
    (paths.studio_data / "label_studio.sqlite3").write_bytes(b"")
    kept = {"email": "a@b.c", "password": "-in-use", "token": "t" * 40}
    paths.credentials.write_text(json.dumps(kept))
    assert load_credentials(paths, "a@b.c") == kept
