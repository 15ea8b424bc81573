"""Concurrent imports into one project: a lock per project on this machine, then detect-and-repair in Label Studio.

Two imports of one file into one project, started together, both read "no task there yet" and import
everything: 9,800 tasks from 5,000, and a re-run cannot tell which copy to keep. Three guards, in order:

1. **A lock per project** (``fcntl.flock`` on a file named by a hash of the Label Studio URL and the project
   title, in ``$LABELGUIDE_LOCK_DIR`` or ``<tmp>/labelguide-locks-<uid>``): a second import on this machine waits
   for the first (it says so on stderr), then finds every task there and imports nothing.
2. **One project per title**: two imports that both created the project keep the one with the smallest id; the
   other deletes the project it just made (it is empty: this runs before any task is imported), and newer empty
   copies that no import owns (the SDK's retry of a create that answered 5xx) are deleted too.
3. **Detect and repair** after every push, for imports from other machines (which no local lock sees): tasks
   that share an ``external_id`` are listed; the copy with annotations (else the oldest) is kept, copies without
   annotations are deleted, and the count is reported (``push.duplicates_removed``; copies that all carry
   annotations are left alone and reported as ``push.duplicates_annotated``). Every run repairs at its end, so
   the last import to finish leaves no duplicate.

    with project_lock("http://localhost:8080", "Comparisons") as waited:
        ...                                              # waited: seconds spent waiting for another import
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from common.studio import StudioError
from label_config import taxonomy as T

log = logging.getLogger("importers")
LOCK_ENV = "LABELGUIDE_LOCK_DIR"
LIST_PAGE_SIZE = 1000
IDS_PER_REQUEST = 500  # task ids in one read or delete request


def lock_dir() -> Path:
    """Where the project locks live (created 0700)."""
    path = Path(os.environ.get(LOCK_ENV) or Path(tempfile.gettempdir()) / f"labelguide-locks-{os.getuid()}")
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


@contextmanager
def project_lock(url: str, title: str, timeout: float = 3600.0) -> Iterator[float]:
    """Hold the lock of project ``title`` on ``url``; yields the seconds waited for it.

    Raises :class:`~common.studio.StudioError` after ``timeout`` seconds of waiting.
    """
    name = hashlib.sha256(f"{url.rstrip('/')}\x1f{title}".encode("utf-8", "surrogatepass")).hexdigest()[:24]
    try:
        path = lock_dir() / f"{name}.lock"
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise StudioError(f"cannot create the project lock ({exc.strerror}); set {LOCK_ENV} to a writable "
                          "directory") from None
    t0 = time.monotonic()
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning("another import into project %r is running: waiting for it to finish", title)
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() - t0 > timeout:
                        raise StudioError(f"another import into project {title!r} has held its lock for "
                                          f"{timeout:.0f} s; try again later") from None
                    time.sleep(0.2)
        yield time.monotonic() - t0
    finally:
        os.close(fd)  # releases the lock


def base_url(ls: Any) -> str:
    """The Label Studio URL a client talks to (for the lock's name)."""
    try:
        return str(ls._client_wrapper.get_base_url())
    except AttributeError:
        return "unknown"


def keep_one_project(ls: Any, title: str, mine: Any, reason: Any) -> Any:
    """After creating ``mine``: the project titled ``title`` with the smallest id; the newer empty copies are deleted.

    ``mine`` is deleted if it lost. So is any newer copy with no task: the SDK retries a create that answered 5xx
    after its row was saved, which leaves a third project that no import owns. A newer copy holding tasks is
    left alone (another import may be filling it; its own check moves it to the oldest before any push).
    """
    try:
        same = sorted((p for p in ls.projects.list(title=title) if p.title == title), key=lambda p: p.id)
    except Exception as exc:  # noqa: BLE001 - the SDK raises ApiError / httpx errors
        raise StudioError(f"listing the projects titled {title!r} failed ({reason(exc)})") from exc
    if not same:
        return mine
    kept = same[0]
    # a copy whose task count is not given is kept: only a count of 0 proves it empty
    extra = [p for p in same[1:] if p.id == mine.id or getattr(p, "task_number", None) == 0]
    if extra:
        log.warning("project %r was created %d times at once: keeping id %d, deleting %s", title, len(extra) + 1,
                    kept.id, ", ".join(str(p.id) for p in extra))
    for project in extra:
        try:
            ls.projects.delete(id=project.id)
        except Exception as exc:  # noqa: BLE001
            if getattr(exc, "status_code", None) == 404:  # another import deleted it first
                continue
            raise StudioError(f"deleting the duplicate project {project.id} failed ({reason(exc)})") from exc
    return mine if kept.id == mine.id else ls.projects.get(id=kept.id)


def project_tasks(ls: Any, project_id: int, reason: Any) -> Iterator[tuple[int, str | None, Any]]:
    """``(task id, external_id, data)`` of every task of the project."""
    try:
        for task in ls.tasks.list(project=project_id, fields="task_only", include="id,data",
                                  page_size=LIST_PAGE_SIZE):
            data = task.data or {}
            ext = data.get(T.EXTERNAL_ID)
            yield task.id, str(ext) if ext else None, data
    except StudioError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise StudioError(f"listing the tasks of project {project_id} failed ({reason(exc)})") from exc


def annotation_counts(ls: Any, project_id: int, task_ids: list[int], reason: Any) -> dict[int, int]:
    """``{task id: annotations}`` for ``task_ids`` (skips included); a task deleted meanwhile is left out.

    Read from the tasks' own annotations (the Data Manager list with ``fields="all"``, 500 ids a request), not
    their ``total_annotations``: that counter leaves skips out, and Label Studio 1.23.2 was seen to leave it at
    0 on an annotated task (after concurrent project deletions on the server). ``/api/tasks/<id>/annotations``
    leaves skips out too.

        >>> # annotation_counts(ls, 7, [101, 102], str)  ->  {101: 0, 102: 1}
    """
    counts: dict[int, int] = {}
    for i in range(0, len(task_ids), IDS_PER_REQUEST):
        chunk = task_ids[i:i + IDS_PER_REQUEST]
        query = json.dumps({"selectedItems": {"all": False, "included": chunk}})
        try:
            for task in ls.tasks.list(project=project_id, fields="all", query=query, page_size=LIST_PAGE_SIZE):
                counts[task.id] = len(getattr(task, "annotations", None) or [])
        except Exception as exc:  # noqa: BLE001
            raise StudioError(f"reading the annotations of {len(chunk)} tasks of project {project_id} failed "
                              f"({reason(exc)})") from exc
    return counts


REPAIR_PASSES = 5


def repair_duplicates(ls: Any, project_id: int, reason: Any) -> tuple[int, int]:
    """Delete the extra copies of tasks that share an ``external_id``; ``(deleted, left because annotated)``.

    Per id, the copy kept is the first with annotations (a skip counts), else the one with the smallest task
    id. Only copies that hold no annotation are deleted. A pass that deleted something is followed by another:
    the task list is read page by page, and a concurrent import's repair deleting tasks meanwhile shifts the
    pages, so one read can miss copies (seen in CI: 100 duplicates left); the pass after the last deletion reads
    a list nobody is shrinking. At most :data:`REPAIR_PASSES` passes.
    """
    deleted_total = 0
    annotated = 0
    for _ in range(REPAIR_PASSES):
        deleted, annotated = _repair_pass(ls, project_id, reason)
        deleted_total += deleted
        if not deleted:
            break
    return deleted_total, annotated


def _repair_pass(ls: Any, project_id: int, reason: Any) -> tuple[int, int]:
    """One read of the project's tasks and the deletion of the extra copies it found (see above)."""
    by_ext: dict[str, list[int]] = {}
    for task_id, ext, _ in project_tasks(ls, project_id, reason):
        if ext:
            by_ext.setdefault(ext, []).append(task_id)
    delete: list[int] = []
    annotated = 0
    groups = [ids for ids in by_ext.values() if len(ids) > 1]
    counts = annotation_counts(ls, project_id, [task_id for ids in groups for task_id in ids], reason)
    for ids in groups:
        copies = sorted(((counts[task_id], task_id) for task_id in ids if task_id in counts),
                        key=lambda c: (not c[0], c[1]))  # annotated first, then oldest
        for n_annotations, task_id in copies[1:]:
            if n_annotations == 0:
                delete.append(task_id)
            else:
                annotated += 1
    for i in range(0, len(delete), IDS_PER_REQUEST):
        chunk = delete[i:i + IDS_PER_REQUEST]
        try:
            ls.actions.create(id="delete_tasks", project=project_id,
                              selected_items={"all": False, "included": chunk})
        except Exception as exc:  # noqa: BLE001
            raise StudioError(f"deleting {len(chunk)} duplicate tasks of project {project_id} failed "
                              f"({reason(exc)}); run the import again to finish the repair") from exc
    if delete:
        log.warning("project %d: %d duplicate task(s) from a concurrent import were deleted", project_id,
                    len(delete))
    return len(delete), annotated
