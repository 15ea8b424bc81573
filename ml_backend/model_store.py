"""What the backend learns per project, on disk under ``MODEL_DIR``: shared by every engine process and every
replica that mounts the same directory. Plain Python: no Flask, no Label Studio, no models.

Layout (one directory a project, named by Label Studio's project id)::

    MODEL_DIR/project-3/
        current.json        the version that serves: {"version": "v0002-1a2b3c4d", "uid": "3.1796129598", ...}
        v0001-0f3e5c2a/     one complete, immutable version: manifest.json + its artefacts
        v0002-1a2b3c4d/       (pii_terms.json, toxicity_head/head.npz + head.json)
        status.json         the project's last training job, whichever replica ran it
        annotations.json    annotations counted since the last training (TRAIN_EVERY)
        train.lock          held (flock) by the process that trains this project right now

**Atomic.** A version is written under ``.tmp-<random>/``, flushed to disk, then renamed to its name; then
``current.json`` is replaced by a rename. A reader (another engine, another replica) therefore sees the old
version or the new one, never half of one, and a training killed half-way leaves only a ``.tmp-`` directory
(removed by the next training). Versions are immutable: a new training writes a new one; the last
``MODEL_KEEP`` are kept. A version's name is its sequence number and the hash of its artefacts, so training
again on the same labels changes nothing (and Label Studio re-predicts nothing).

**One training a project.** ``train.lock`` is taken with ``flock`` by the training process; a second one, on
this replica or another, finds it taken and stops. A status that says "started" while nobody holds the lock
was left by a training that died: :meth:`ModelStore.read_status` reports it as failed.

    >>> import tempfile
    >>> store = ModelStore(tempfile.mkdtemp())
    >>> def write(d):
    ...     (d / "pii_terms.json").write_text('{"always": {"zorbo": "Name"}, "never": []}')
    ...     return {"learned": ["pii_terms"]}
    >>> v = store.publish(3, "3.1796129598", write)
    >>> v.name.startswith("v0001-"), store.current(3, "3.1796129598") == v, store.current(3, "3.1") is None
    (True, True, True)
    >>> store.publish(3, "3.1796129598", write).name == v.name     # the same artefacts: no new version
    True
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CURRENT = "current.json"
MANIFEST = "manifest.json"
STATUS = "status.json"
COUNTER = "annotations.json"
LOCK = "train.lock"
_VERSION = re.compile(r"^v(\d{4,9})-([0-9a-f]{8})$")
_UID = re.compile(r"^(\d{1,12})(?:\.(\d{1,12}))?$")
STALE_TMP_SECONDS = 3600.0
ACTIVE_STATES = ("queued", "started")


class StoreError(RuntimeError):
    """The model directory cannot be used (not writable, a malformed file); the message names the path."""


class TrainingBusy(RuntimeError):
    """Another process holds this project's training lock."""


def parse_project(value: Any) -> tuple[int, str | None] | None:
    """``(project id, uid)`` from Label Studio's ``project`` field (``"3.1796129598"``, ``"3"`` or ``3``), or None.

    >>> parse_project("3.1796129598"), parse_project(3), parse_project("x")
    ((3, '3.1796129598'), (3, None), None)
    """
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    found = _UID.match(str(value).strip())
    if not found:
        return None
    pid = int(found.group(1))
    return (pid, f"{pid}.{found.group(2)}") if found.group(2) else (pid, None)


def same_project(a: str | None, b: str | None) -> bool:
    """False only when both uids are known and differ (a project deleted and another created with its id)."""
    return a is None or b is None or a == b


@dataclass(frozen=True)
class Version:
    """One published version of a project's models.

    Attributes:
        project: Label Studio's project id; name: ``v0002-1a2b3c4d``; path: its directory;
        uid: ``<id>.<created timestamp>`` of the project it was trained for (None if unknown).
    """

    project: int
    name: str
    path: str
    uid: str | None = None

    @property
    def tag(self) -> str:
        """What this version adds to ``model_version``: ``project-3:v0002-1a2b3c4d``."""
        return f"project-{self.project}:{self.name}"

    def manifest(self) -> dict[str, Any]:
        """The version's ``manifest.json`` (what was learned, from how many labels; never any text)."""
        return json.loads((Path(self.path) / MANIFEST).read_text(encoding="utf-8"))


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - a filesystem without directory handles
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def write_json_atomic(path: Path, data: Any) -> None:
    """Replace ``path`` with ``data`` as JSON: written beside it, flushed, renamed over it."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _content_hash(directory: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(p for p in directory.rglob("*") if p.is_file() and p.name != MANIFEST):
        digest.update(str(file.relative_to(directory)).encode())
        digest.update(b"\0")
        digest.update(file.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:8]


def _fsync_tree(directory: Path) -> None:
    for file in directory.rglob("*"):
        if file.is_file():
            with open(file, "rb") as f:
                os.fsync(f.fileno())
    for sub in [*(p for p in directory.rglob("*") if p.is_dir()), directory]:
        _fsync_dir(sub)


class ModelStore:
    """The per-project models under ``root`` (see the module docstring). Safe across processes and replicas."""

    def __init__(self, root: str | os.PathLike, keep: int = 3) -> None:
        self.root = Path(root)
        self.keep = max(1, keep)

    def project_dir(self, project: int) -> Path:
        return self.root / f"project-{int(project)}"

    # ------------------------------------------------------------------------------------------ reading
    def current(self, project: int, uid: str | None = None) -> Version | None:
        """The version serving ``project``, or None (never trained, or trained for another project of that id)."""
        path = self.project_dir(project) / CURRENT
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return None  # unreadable: serve the defaults (the next training rewrites it)
        name = raw.get("version") if isinstance(raw, dict) else None
        if not isinstance(name, str) or not _VERSION.match(name):
            return None
        stored_uid = raw.get("uid") if isinstance(raw.get("uid"), str) else None
        if not same_project(uid, stored_uid):
            return None
        return Version(int(project), name, str(self.project_dir(project) / name), stored_uid)

    def versions(self, project: int) -> list[str]:
        """Names of the versions on disk, oldest first."""
        directory = self.project_dir(project)
        if not directory.is_dir():
            return []
        return sorted((p.name for p in directory.iterdir() if _VERSION.match(p.name)),
                      key=lambda n: int(_VERSION.match(n).group(1)))

    # ------------------------------------------------------------------------------------------ writing
    def publish(self, project: int, uid: str | None, write: Callable[[Path], dict[str, Any]]) -> Version:
        """Write a new version with ``write(directory)`` (it writes the artefacts and returns manifest fields),
        make it current, prune old ones. Artefacts equal to the current version's: nothing changes, the current
        version is returned. Call while holding :meth:`training_lock` (the sequence number is read, then used)."""
        directory = self.project_dir(project)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._remove_stale_tmp(directory)
            tmp = directory / f".tmp-{secrets.token_hex(6)}"
            tmp.mkdir()
        except OSError as exc:
            raise StoreError(f"cannot write under MODEL_DIR {self.root} ({type(exc).__name__})") from None
        try:
            fields = write(tmp)
            digest = _content_hash(tmp)
            current = self.current(project)
            if current is not None and current.name.endswith(f"-{digest}") and same_project(uid, current.uid):
                shutil.rmtree(tmp, ignore_errors=True)
                return current
            names = self.versions(project)
            sequence = int(_VERSION.match(names[-1]).group(1)) + 1 if names else 1
            name = f"v{sequence:04d}-{digest}"
            manifest = dict(fields, project=int(project), uid=uid, version=name,
                            created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
            write_json_atomic(tmp / MANIFEST, manifest)
            _fsync_tree(tmp)
            os.rename(tmp, directory / name)  # atomic; the name is new (sequence numbers only grow)
            _fsync_dir(directory)
            write_json_atomic(directory / CURRENT, {"version": name, "uid": uid, "project": int(project),
                                                    "published": manifest["created"]})
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        self._prune(project, keep_name=name)
        return Version(int(project), name, str(directory / name), uid)

    def _prune(self, project: int, keep_name: str) -> None:
        names = self.versions(project)
        for old in names[:-self.keep]:
            if old != keep_name:
                shutil.rmtree(self.project_dir(project) / old, ignore_errors=True)

    @staticmethod
    def _remove_stale_tmp(directory: Path) -> None:
        now = time.time()
        for tmp in directory.glob(".tmp-*"):
            try:
                if now - tmp.stat().st_mtime > STALE_TMP_SECONDS:
                    shutil.rmtree(tmp, ignore_errors=True)
            except OSError:
                continue

    # ------------------------------------------------------------------------------------------ training lock
    @contextlib.contextmanager
    def training_lock(self, project: int) -> Iterator[None]:
        """Hold this project's training lock (all replicas); :class:`TrainingBusy` when someone else does."""
        directory = self.project_dir(project)
        directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(directory / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise TrainingBusy(f"project {project} is being trained already") from None
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def is_training(self, project: int) -> bool:
        """True while some process (any replica) holds the project's training lock."""
        path = self.project_dir(project) / LOCK
        try:
            fd = os.open(path, os.O_RDWR)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)  # closing releases a lock we took
        return False

    # ------------------------------------------------------------------------------------------ status
    def write_status(self, project: int, status: dict[str, Any]) -> None:
        directory = self.project_dir(project)
        directory.mkdir(parents=True, exist_ok=True)
        write_json_atomic(directory / STATUS, status)

    def read_status(self, project: int) -> dict[str, Any] | None:
        """The project's last training job; one left "started" by a process that died is reported failed."""
        try:
            status = json.loads((self.project_dir(project) / STATUS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(status, dict):
            return None
        if status.get("state") == "started" and not self.is_training(project):
            status = dict(status, state="failed", code=500,
                          message="the training process stopped before it finished (killed or restarted)")
        return status

    # ------------------------------------------------------------------------------------------ TRAIN_EVERY
    def count_annotations(self, project: int, every: int, n: int = 1) -> bool:
        """Add ``n`` annotations to the project's counter; True (and the counter reset) when it reaches ``every``.

        The counter is a file under a lock, so replicas behind one URL count together."""
        directory = self.project_dir(project)
        directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(directory / COUNTER, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            with os.fdopen(os.dup(fd), "r+", encoding="utf-8") as f:
                try:
                    count = int(json.loads(f.read() or "{}").get("since_training", 0))
                except (ValueError, AttributeError, TypeError):
                    count = 0
                count += n
                reached = count >= every
                f.seek(0)
                f.truncate()
                json.dump({"since_training": 0 if reached else count}, f)
                f.flush()
            return reached
        finally:
            os.close(fd)  # releases the lock
