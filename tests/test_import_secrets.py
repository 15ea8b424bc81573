"""Errors without secrets (issue 11.4, import side), against the REAL Label Studio of the session.

The SDK's ``ApiError`` prints every response header, a ``Set-Cookie: sessionid=...`` included. Each failing call
of ``labelguide import prompts`` is run as a user runs it (a subprocess) and its whole output is searched for
headers, cookies and tokens: a wrong key, a project made for another interface, an ML backend Label Studio
cannot reach, a server that is not there.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from common.studio_server import free_port

pytestmark = pytest.mark.studio
ROOT = Path(__file__).resolve().parents[1]
WRONG_KEY = "0123456789abcdef0123456789abcdef01234567"
LEAKS = re.compile(r"(?i)set-cookie|sessionid|csrftoken|authorization|headers|x-csrf|content-type|traceback|"
                   r"token [0-9a-f]{8}")


def _run(studio, tmp_path, *args, key=None, url=None):
    src = tmp_path / "p.jsonl"
    src.write_text(json.dumps({"prompt": "Name three rivers.", "continuation": " The Nile,", "user_id": "u1"}) + "\n")
    env = {**os.environ, "LABEL_STUDIO_URL": url or studio.url, "LABEL_STUDIO_API_KEY": key or studio.token,
           "PYTHONPATH": str(ROOT), "LABELGUIDE_LOCK_DIR": str(tmp_path / "locks")}
    proc = subprocess.run([sys.executable, "-m", "labelguide", "import", "prompts", str(src), "--pii", "keep",
                           *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    return proc.returncode, proc.stdout + proc.stderr


def _clean(output, studio, *secrets):
    assert not LEAKS.search(output), output
    for secret in (studio.token, studio.password, *secrets):
        assert secret not in output
    assert len(output) < 600, output


def test_wrong_key(studio, tmp_path):
    code, output = _run(studio, tmp_path, "--project", "secrets-wrong-key", key=WRONG_KEY)
    assert code == 1 and "401" in output
    _clean(output, studio, WRONG_KEY)


def test_project_of_another_interface(studio, tmp_path):
    assert _run(studio, tmp_path, "--project", "secrets-other-interface", "--interface", "instruction")[0] == 0
    code, output = _run(studio, tmp_path, "--project", "secrets-other-interface", "--interface", "toxicity")
    assert code == 1 and ("another interface" in output or "nothing usable" in output)
    _clean(output, studio)


def test_unreachable_ml_backend(studio, tmp_path):
    code, output = _run(studio, tmp_path, "--project", "secrets-ml-backend", "--ml-backend",
                        f"http://127.0.0.1:{free_port()}")
    assert code == 1 and "ML backend" in output
    _clean(output, studio)


def test_no_server_there(studio, tmp_path):
    code, output = _run(studio, tmp_path, "--project", "secrets-no-server", url=f"http://127.0.0.1:{free_port()}")
    assert code == 1 and "failed" in output
    _clean(output, studio)
