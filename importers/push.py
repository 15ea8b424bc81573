"""Put tasks into a Label Studio project: idempotent, resumable, in batches (label-studio-sdk 2.x).

The project is found by title or created with ``render_config(interface, k)``; for comparison/ranking ``k`` is the
largest K among the tasks (at least ``K_MIN``). Before importing, the ``external_id`` of every task already in the
project is read (``ls.tasks.list(..., include="id,data")``: measured on Label Studio 1.23.2 with 5,000 tasks,
2.2 s, against 4.3 s for a JSON export snapshot and 11.3 s for ``fields="all"``); tasks whose id is there are
skipped. Batches are imported one request each, so a failure leaves whole batches in the project and the next
run imports exactly what is missing. A task whose id is there with another prompt is not imported and is
counted (``conflicts``). Concurrent imports into one project: see ``importers.project_guard`` (a lock per
project, one project per title, duplicates repaired after the push).

Errors from Label Studio are reported by :func:`short_reason`: the status and the start of the server's
reason, never the SDK's text (it lists every header, ``Set-Cookie: sessionid=...`` included).

    ls = connect()
    result = push_tasks(ls, "Prompts", "instruction", iter_task_files([out / "train.jsonl"]), total=1000)
"""

from __future__ import annotations

import json
import re
from hashlib import blake2b
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tqdm import tqdm

from importers.project_guard import base_url, keep_one_project, project_lock, project_tasks, repair_duplicates
from importers.tasks import WITH_OUTPUTS, check_interface
from label_config import taxonomy as T
from label_config.render import K_LIMITS, render_config
from common.studio import StudioError, connect_ml_backend, get_or_create_project

DEFAULT_BATCH_SIZE = 500
LIST_PAGE_SIZE = 1000
_FIELD_REF = re.compile(r'(?:value|on)="\$(\w+)')
_BUCKET = re.compile(r'<Bucket[^>]*name="(\w+)"')


@dataclass
class PushResult:
    """What one push did."""

    project_id: int
    project_title: str
    created: bool
    k: int | None
    total: int
    existing: int
    imported: int
    batches: int
    ml_backend: str | None = None
    conflicts: int = 0  # tasks whose external_id is in the project with another prompt (not imported)
    waited_s: float = 0.0  # time spent waiting for another import into the project (the lock)
    duplicates_removed: int = 0  # copies left by a concurrent import, deleted after the push
    duplicates_annotated: int = 0  # copies that carry annotations (left, to be merged by hand)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def project_k(interface: str, max_outputs: int) -> int | None:
    """Rank buckets of a new project: the largest K seen, at least ``K_MIN``; None without a ranking.

    >>> project_k("ranking", 3), project_k("comparison", 7), project_k("instruction", 0)
    (4, 7, None)
    """
    if interface not in WITH_OUTPUTS:
        return None
    return max(T.K_MIN, min(max_outputs, K_LIMITS[1]))


def iter_task_files(paths: Sequence[str | Path]) -> Iterator[dict[str, Any]]:
    """The tasks of JSONL task files (one ``{"data": ...}`` a line), in order, one at a time.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "train.jsonl")
    >>> _ = open(p, "w").write('{"data": {"prompt": "Hi", "external_id": "e1"}}\\n')
    >>> [t["data"]["external_id"] for t in iter_task_files([p])]
    ['e1']
    """
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)


def existing_external_ids(ls: Any, project_id: int, page_size: int = LIST_PAGE_SIZE) -> set[str]:
    """The ``external_id`` of every task in the project (tasks without one are ignored)."""
    return set(existing_tasks(ls, project_id))


def _prompt_digest(data: dict) -> bytes:
    prompt = data.get(T.PROMPT)
    return blake2b(str(prompt).encode("utf-8", "surrogatepass"), digest_size=8).digest()


def existing_tasks(ls: Any, project_id: int) -> dict[str, bytes]:
    """``{external_id: 8-byte digest of its prompt}`` of every task in the project."""
    return {ext: _prompt_digest(data) for _, ext, data in project_tasks(ls, project_id, short_reason) if ext}


def check_project(label_config: str, interface: str, max_outputs: int = 0) -> list[str]:
    """Refuse a project whose config does not fit the interface's tasks; warnings for a fit that is not ideal.

    Args:
        label_config: the existing project's XML.
        interface: the interface of the tasks.
        max_outputs: the largest K among the tasks.

    Returns:
        Warnings (e.g. fewer rank buckets than outputs).

    Example:
        >>> check_project(render_config("ranking"), "ranking", max_outputs=9)  # rank choices fit any K
        []
        >>> old = ('<View><Text name="prompt" value="$prompt"/><Choices name="r" toName="prompt" value="$rank_options"/>'
        ...        '<List name="outputs" value="$outputs"/><Ranker name="ranking" toName="outputs">'
        ...        '<Bucket name="rank_1"/><Bucket name="rank_2"/></Ranker></View>')
        >>> check_project(old, "ranking", max_outputs=3)
        ['the project has 2 rank buckets and tasks have up to 3 outputs: some rankings will need ties']
    """
    used = set(_FIELD_REF.findall(label_config))
    needed = set(T.interface(interface).data_fields)
    if used != needed:
        raise StudioError(f"the project's config reads task fields {sorted(used)}, {interface} tasks have "
                          f"{sorted(needed)}: it was made for another interface; choose another --project title "
                          f"or the matching --interface")
    warnings = []
    if interface in WITH_OUTPUTS and "<Ranker" in label_config:  # an old bucket config; rank choices fit any K
        k = sum(1 for name in _BUCKET.findall(label_config) if T.bucket_rank(name))
        if k < max_outputs:
            warnings.append(f"the project has {k} rank buckets and tasks have up to {max_outputs} outputs: "
                            f"some rankings will need ties")
    return warnings


def push_tasks(ls: Any, title: str, interface: str, tasks: Iterable[dict[str, Any]], *, total: int | None = None,
               max_outputs: int = 0, batch_size: int = DEFAULT_BATCH_SIZE, ml_backend: str | None = None,
               progress: bool = True, after_batch: Callable[[int, int], None] | None = None,
               warn: Callable[[str], None] | None = None, lock: bool = True, repair: bool = True) -> PushResult:
    """Import the tasks missing from project ``title`` (created if needed), then connect the ML backend.

    Args:
        ls: a ``label_studio_sdk.LabelStudio`` client (``common.studio.connect()``).
        title: the project's title; an existing project with that title is reused.
        interface: the tasks' interface (decides the config of a new project).
        tasks: ``{"data": {..., "external_id"}, ["predictions"]}`` dicts, e.g. from :func:`iter_task_files`.
        total: number of tasks, for the progress bar.
        max_outputs: the largest K among the tasks (rank buckets of a new project).
        batch_size: tasks per import request.
        ml_backend: URL of an ML backend to connect to the project.
        progress: show a tqdm bar (on a terminal).
        after_batch: called as ``after_batch(batch_number, imported_so_far)`` after each batch (a hook for
            progress reporting; an exception raised there stops the push like a failed batch).
        warn: receives warnings about a reused project.
        lock: hold the project's lock during the push (see ``importers.project_guard``).
        repair: after the push, delete copies of tasks that a concurrent import added twice.

    Returns:
        A :class:`PushResult`.

    Example:
        >>> # ls = connect(); push_tasks(ls, "Prompts", "instruction", [{"data": {"prompt": "Hi", "external_id": "e1"}}])
    """
    check_interface(interface)
    if batch_size < 1:
        raise ValueError("batch_size must be >= 1")
    k = project_k(interface, max_outputs)
    config = render_config(interface, k=k) if k else render_config(interface)
    with project_lock(base_url(ls), title) if lock else _no_lock() as waited:
        try:
            project, created = get_or_create_project(ls, title, config,
                                                     description=f"{T.interface(interface).title} (labelguide import)")
            if created:  # another import (on another machine) may have created one too: keep the oldest
                kept = keep_one_project(ls, title, project, short_reason)
                created, project = kept.id == project.id, kept
            else:
                project = ls.projects.get(id=project.id)
        except StudioError:
            raise
        except Exception as exc:
            raise StudioError(f"finding or creating project {title!r} failed ({short_reason(exc)})") from exc
        if not created:
            for message in check_project(project.label_config or "", interface, max_outputs):
                (warn or (lambda m: None))(message)
        existing = {} if created else existing_tasks(ls, project.id)
        result = PushResult(project.id, title, created, k, 0, 0, 0, 0, waited_s=round(waited, 2))
        if result.waited_s >= 1:
            (warn or (lambda m: None))(f"waited {result.waited_s:.0f} s for another import into this project")
        _push(ls, project.id, title, tasks, existing, result, total, batch_size, progress, after_batch)
    if repair:
        result.duplicates_removed, result.duplicates_annotated = repair_duplicates(ls, project.id, short_reason)
        if result.duplicates_removed or result.duplicates_annotated:
            (warn or (lambda m: None))(
                f"a concurrent import had added tasks twice: {result.duplicates_removed} copies deleted"
                + (f", {result.duplicates_annotated} annotated copies left to merge by hand"
                   if result.duplicates_annotated else ""))
    if result.conflicts:
        (warn or (lambda m: None))(f"{result.conflicts} task(s) not imported: their external_id is in the project "
                                   "with another prompt")
    if ml_backend:
        try:
            connect_ml_backend(ls, project.id, ml_backend)
        except StudioError as exc:  # its message may quote the SDK's error text: keep only the short reason
            cause = exc.__cause__ if isinstance(exc.__cause__, Exception) else exc
            raise StudioError(f"connecting ML backend {ml_backend} to project {project.id} failed "
                              f"({short_reason(cause)})") from None
        result.ml_backend = ml_backend
    return result


@contextmanager
def _no_lock() -> Iterator[float]:
    yield 0.0


def _push(ls: Any, project_id: int, title: str, tasks: Iterable[dict[str, Any]], existing: dict[str, bytes],
          result: PushResult, total: int | None, batch_size: int, progress: bool,
          after_batch: Callable[[int, int], None] | None) -> None:
    batch: list[dict[str, Any]] = []
    bar = tqdm(total=total, unit="task", desc=f"import into {title}", disable=None if progress else True)
    try:
        for task in tasks:
            result.total += 1
            ext = task["data"].get(T.EXTERNAL_ID)
            if not ext:
                raise StudioError("a task has no external_id: build tasks with importers.tasks")
            there = existing.get(ext)
            if there is not None:
                if there != _prompt_digest(task["data"]):
                    result.conflicts += 1
                else:
                    result.existing += 1
                bar.update(1)
                continue
            existing[ext] = _prompt_digest(task["data"])
            batch.append(task)
            if len(batch) >= batch_size:
                _import_batch(ls, project_id, batch, result, after_batch)
                bar.update(len(batch))
                batch = []
        if batch:
            _import_batch(ls, project_id, batch, result, after_batch)
            bar.update(len(batch))
    finally:
        bar.close()


_SECRETS = re.compile(r"(?i)(sessionid|csrftoken|set-cookie|cookie|authorization|token|bearer|api[_-]?key)"
                      r"([\"']?\s*[:=]\s*)[^\s,;}\]]+")
_USERINFO = re.compile(r"(https?://)[^/@\s]+@")


def short_reason(exc: BaseException) -> str:
    """A short reason from a Label Studio call's error: the status and the start of the server's answer.

    Never the SDK's ``str(ApiError)`` (every response header, ``Set-Cookie: sessionid=...`` included), never a
    token, cookie or password in a URL.

    >>> class ApiError(Exception):
    ...     status_code, body, headers = 401, {"detail": "Invalid token."}, {"set-cookie": "sessionid=abc"}
    >>> short_reason(ApiError())
    'HTTP 401: Invalid token.'
    """
    status = getattr(exc, "status_code", None)
    if status is None:
        text = f"{type(exc).__name__}: {exc}"
    else:
        body = getattr(exc, "body", "")
        if isinstance(body, dict) and isinstance(body.get("detail"), str):
            body = body["detail"]
        text = f"HTTP {status}: {body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)}"
    text = _USERINFO.sub(r"\1", _SECRETS.sub(r"\1\2<hidden>", text))
    return text[:200]


def _import_batch(ls: Any, project_id: int, batch: list[dict[str, Any]], result: PushResult,
                  after_batch: Callable[[int, int], None] | None) -> None:
    number = result.batches + 1
    try:
        ls.projects.import_tasks(id=project_id, request=batch)
    except Exception as exc:
        raise StudioError(f"importing batch {number} ({len(batch)} tasks) into project {project_id} failed "
                          f"({short_reason(exc)}). "
                          f"{result.imported} tasks were imported before it; run the same command again to import "
                          f"the rest (tasks already in the project are skipped)") from exc
    result.batches = number
    result.imported += len(batch)
    if after_batch is not None:
        after_batch(number, result.imported)
