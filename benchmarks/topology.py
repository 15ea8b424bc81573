"""What the deployment benchmarks share: Label Studio on SQLite or on PostgreSQL, annotator accounts, real tasks.

- :func:`start_studio` starts Label Studio 1.23.2 in a temporary dir, on SQLite (``labelguide up``'s default) or
  on a fresh PostgreSQL cluster (the compose topology, ``common/postgres_server.py``, durable: fsync on);
- :func:`invite_annotators` signs N annotators up through the organisation's invite link, as people join, and
  returns their logins;
- :func:`comparison_records` builds comparison records (a prompt and 4 outputs) from real text: the OpenAssistant
  trees in ``../shared/data`` (prompt = a tree's root, outputs = replies from that tree and the next ones);
"""

from __future__ import annotations

import json
import secrets
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from common.postgres_server import PostgresServer, start_postgres  # noqa: E402
from common.studio_server import StudioServer, free_port, start_label_studio  # noqa: E402
from label_config import taxonomy as T  # noqa: E402


@dataclass
class Studio:
    """A running Label Studio, and its database server when it has one."""

    db: str
    server: StudioServer
    root: Path
    postgres: PostgresServer | None = None

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def token(self) -> str:
        return self.server.token

    def pids(self) -> list[int]:
        """Label Studio's process, and PostgreSQL's postmaster (its backends are its children)."""
        pids = [self.server.process.pid]
        if self.postgres and self.postgres.postmaster_pid():
            pids.append(self.postgres.postmaster_pid())
        return pids

    def stop(self) -> None:
        """Stop Label Studio and its database, and remove their directories."""
        self.server.stop()
        if self.postgres:
            self.postgres.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def start_studio(db: str, root: Path | None = None, extra_env: dict[str, str] | None = None) -> Studio:
    """Label Studio on ``db`` ("sqlite" or "postgres"), healthy, API tokens on."""
    root = Path(root or tempfile.mkdtemp(prefix=f"labelguide-bench-{db}-"))
    env = dict(extra_env or {})
    postgres = None
    if db not in ("sqlite", "postgres"):
        raise ValueError(f"unknown database {db!r}")
    try:
        if db == "postgres":
            postgres = start_postgres(free_port(), secrets.token_hex(16))  # its own temp dir (postgres user)
            env.update(postgres.studio_env())
        server = start_label_studio(root / "label-studio", free_port(), "admin@example.com",
                                    secrets.token_urlsafe(16), secrets.token_hex(20), extra_env=env)
    except BaseException:
        if postgres:
            postgres.stop()
        shutil.rmtree(root, ignore_errors=True)
        raise
    try:
        server.wait_healthy(timeout=300)
    except BaseException:
        Studio(db, server, root, postgres).stop()
        raise
    return Studio(db, server, root, postgres)


def invite_annotators(studio: Studio, n: int, prefix: str = "annotator") -> list[tuple[str, str]]:
    """``n`` new accounts signed up through the invite link; their ``(email, password)``."""
    invite = requests.get(f"{studio.url}/api/invite", headers={"Authorization": f"Token {studio.token}"},
                          timeout=30)
    invite.raise_for_status()
    token = invite.json()["token"]
    logins = []
    for i in range(n):
        email, password = f"{prefix}{i}-{secrets.token_hex(3)}@example.com", secrets.token_urlsafe(16)
        s = requests.Session()
        signup = f"{studio.url}/user/signup/?token={token}"
        s.get(signup, timeout=30).raise_for_status()
        r = s.post(signup, data={"email": email, "password": password,
                                 "csrfmiddlewaretoken": s.cookies.get("csrftoken", "")},
                   headers={"Referer": signup}, allow_redirects=False, timeout=30)
        if r.status_code != 302:
            raise RuntimeError(f"sign-up of {email} failed (HTTP {r.status_code})")
        logins.append((email, password))
    return logins


def _oasst_prompts_and_replies() -> list[tuple[str, list[str]]]:
    out = []
    for line in (SHARED / "oasst_en_100_trees.jsonl").open():
        tree = json.loads(line)
        root = tree["prompt"]
        replies = [r["text"] for r in root.get("replies", []) if r.get("text", "").strip()]
        out.append((root["text"], replies))
    return out


def comparison_records(n: int, k: int = 4) -> list[dict]:
    """``n`` importer records ``{"prompt", "user_id", "outputs": [{"model", "text"} x k]}`` from OpenAssistant.

    The 100 trees are cycled; the i-th record's prompt ends with `` (variant i)`` so that every prompt is unique
    (import with ``--prefix-chars 0``); a tree with fewer than ``k`` replies borrows the next trees' replies.

    >>> recs = comparison_records(3); len(recs), len(recs[0]["outputs"])
    (3, 4)
    """
    trees = _oasst_prompts_and_replies()
    pool = [r for _, replies in trees for r in replies]
    records = []
    for i in range(n):
        prompt, replies = trees[i % len(trees)]
        outputs = (replies + pool[i % len(pool):] + pool)[:k]
        records.append({"prompt": f"{prompt} (variant {i})", "user_id": f"u{i % 1000}",
                        "outputs": [{"model": f"m{j}", "text": t} for j, t in enumerate(outputs)]})
    return records


def to_task(record: dict) -> dict:
    """The Label Studio task data of a comparison record (what the importer makes, without shuffling)."""
    return {"prompt": record["prompt"], "examples": [], "rank_options": T.rank_options(len(record["outputs"])),
            "outputs": [{"id": f"o{j}", "title": f"Output {chr(65 + j)}", "body": o["text"]}
                        for j, o in enumerate(record["outputs"])]}
