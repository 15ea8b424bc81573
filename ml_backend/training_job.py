"""One training job, start to end: fetch the project's annotations, learn, publish a version. No Flask.

Runs in a process of its own (:func:`process_entry`, forked from the engines' forkserver, so the encoder is
already in memory; at a lower CPU priority than the engines) or, with in-process engines, in a thread
(:func:`run_job`). The steps:

1. take the project's training lock in ``MODEL_DIR`` (another replica training it: stop, nothing written);
2. read the annotated tasks: from the file the ``/train`` route saved (Label Studio sent them), else through
   the SDK: ``LABEL_STUDIO_URL`` + ``LABEL_STUDIO_API_KEY``, a JSON export snapshot of the annotated tasks with
   whole predictions, deleted from Label Studio once read, at most ``TRAIN_MAX_EXPORT_MB``;
3. :func:`ml_backend.learn_project.learn_from_export`;
4. :meth:`ml_backend.model_store.ModelStore.publish` (atomic; the same artefacts as now: no new version).

The job's status (``status.json`` of the project, read by every replica) moves ``started`` -> ``finished`` or
``failed``, with a ``code`` the HTTP layer answers with: 422 too few labels or nothing to learn, 424 Label Studio
could not be asked (not configured, unreachable, refused the key, no such project), 500 a fault here (the log
names the exception type and frames). Messages never quote task text, the key or a URL.

    >>> spec = JobSpec(job="train-3-1", project=3)
    >>> spec.project, spec.tasks_file
    (3, None)
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ml_backend.config_reader import ConfigError
from ml_backend.learn_project import NothingToLearn, learn_from_export
from ml_backend.model_store import ModelStore, StoreError, TrainingBusy
from ml_backend.settings import Settings

log = logging.getLogger(__name__)

EXPORT_TIMEOUT = 1800.0  # seconds Label Studio may take to build the export snapshot
EXIT_BUSY = 3
NOT_CONFIGURED = ("training reads the project's annotations from Label Studio: set LABEL_STUDIO_URL and "
                  "LABEL_STUDIO_API_KEY on the ML backend")


class FetchFailed(RuntimeError):
    """The annotations could not be read from Label Studio; the message says why (never the key)."""


@dataclass(frozen=True)
class JobSpec:
    """What to train: the job's id, the project, and where its tasks come from (None: Label Studio's export)."""

    job: str
    project: int
    uid: str | None = None
    tasks_file: str | None = None


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _sdk_error(exc: Exception, project: int) -> str:
    status = getattr(exc, "status_code", None)
    if status in (401, 403):
        return (f"Label Studio refused LABEL_STUDIO_API_KEY (HTTP {status}): give the backend a valid token of a "
                f"user who may export project {project}")
    if status == 404:
        return f"Label Studio has no project {project} (HTTP 404): check LABEL_STUDIO_URL"
    if status is not None:
        return f"Label Studio answered HTTP {status} to the export of project {project}"
    return f"could not reach Label Studio at LABEL_STUDIO_URL ({type(exc).__name__})"


def fetch_project(settings: Settings, project: int) -> tuple[list[Any], str, str | None]:
    """``(annotated tasks with their predictions, label_config, uid)`` of a project, through the SDK."""
    if not settings.studio_configured:
        raise FetchFailed(NOT_CONFIGURED)
    from common.errors import LabelguideError
    from common.studio import connect, download_export

    limit = settings.train_max_export_bytes
    try:
        ls = connect(settings.label_studio_url, settings.label_studio_api_key)
        info = ls.projects.get(id=project)
        body = bytearray()
        for chunk in download_export(ls, project, timeout=EXPORT_TIMEOUT, delete_after=True,
                                     task_filter_options={"only_with_annotations": True},
                                     serialization_options={"predictions": {"only_id": False}}):
            body += chunk
            if len(body) > limit:
                raise FetchFailed(f"the export of project {project} is larger than TRAIN_MAX_EXPORT_MB "
                                  f"({limit // 2**20} MiB)")
    except FetchFailed:
        raise
    except LabelguideError as exc:  # the snapshot failed or timed out on the server (the message names it)
        raise FetchFailed(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - the SDK's ApiError, httpx's connection errors
        raise FetchFailed(_sdk_error(exc, project)) from None
    try:
        tasks = json.loads(bytes(body))
    except ValueError:
        raise FetchFailed(f"the export of project {project} is not JSON") from None
    if not isinstance(tasks, list):
        raise FetchFailed(f"the export of project {project} is not a list of tasks")
    created = getattr(info, "created_at", None)
    uid = f"{project}.{int(created.timestamp())}" if hasattr(created, "timestamp") else None
    return tasks, str(info.label_config or ""), uid


def _read_tasks_file(path: str) -> tuple[list[Any], str]:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    finally:
        Path(path).unlink(missing_ok=True)
    return list(raw["tasks"]), str(raw["label_config"])


def _message(learned: Any, name: str, unchanged: bool) -> str:
    report = learned.report
    parts = []
    terms = report.get("pii_terms") or {}
    if learned.terms:
        parts.append(f"PII terms: {terms.get('always', 0)} always suggested, {terms.get('never', 0)} never, "
                     f"{terms.get('not_certain', 0)} answered not certain, {terms.get('certain', 0)} certain")
    head = report.get("toxicity_head") or {}
    if learned.head is not None:
        split = head.get("level_split") or {}
        line = "learned from the team's answers" if split.get("learned") else "the default's"
        parts.append(f"toxicity head refitted on {head.get('texts')} texts (out-of-fold F1 "
                     f"{head.get('f1_refit_out_of_fold')} vs {head.get('f1_default')} unchanged; line between "
                     f"levels 1 and 2: {line})")
    for part, info in (("PII terms", terms), ("toxicity head", head)):
        if info.get("why_nothing"):
            parts.append(f"no {part}: {info['why_nothing']}")
    what = "; ".join(parts)
    if unchanged:
        return f"version {name} already holds what these labels teach ({what})"
    return f"trained version {name} from {report.get('annotated_tasks')} annotated tasks: {what}"


def run_job(spec: JobSpec, settings: Settings, toxicity_engine: Any, store: ModelStore | None = None,
            fetch=fetch_project) -> dict[str, Any]:
    """Train, publish, and return (and write) the final status. ``fetch``: how to read the project (tests)."""
    store = store or ModelStore(settings.model_dir, settings.model_keep)
    status: dict[str, Any] = {"job": spec.job, "project": spec.project, "state": "started", "started": _now(),
                              "replica": f"{socket.gethostname()}:{os.getpid()}"}
    try:
        with store.training_lock(spec.project):
            store.write_status(spec.project, status)
            try:
                status.update(_train(spec, settings, toxicity_engine, store, fetch))
            except FetchFailed as exc:
                status.update(state="failed", code=424, message=str(exc))
            except NothingToLearn as exc:
                status.update(state="failed", code=422, message=str(exc))
            except ConfigError as exc:  # the /train body's label_config, or the project's, does not parse
                status.update(state="failed", code=422, message=f"the labeling config cannot be read: {exc}")
            except StoreError as exc:
                status.update(state="failed", code=500, message=str(exc))
            except Exception as exc:  # noqa: BLE001 - a fault here: type and frames to the log, no message
                log.error("training job %s failed: %s\n%s", spec.job, type(exc).__name__,
                          "\n".join(f"  {f.filename}:{f.lineno} in {f.name}"
                                    for f in traceback.extract_tb(exc.__traceback__)))
                status.update(state="failed", code=500,
                              message=f"training failed ({type(exc).__name__}); see the ML backend's log")
            status["finished"] = _now()
            store.write_status(spec.project, status)
    except TrainingBusy:
        return dict(status, state="busy", code=200,
                    message=f"project {spec.project} is being trained already (by this or another replica)")
    log.info("training job %s project %d: %s", spec.job, spec.project, status["state"])
    return status


def _train(spec: JobSpec, settings: Settings, toxicity_engine: Any, store: ModelStore, fetch) -> dict[str, Any]:
    t0 = time.monotonic()
    if spec.tasks_file:
        tasks, label_config = _read_tasks_file(spec.tasks_file)
        uid = spec.uid
    else:
        tasks, label_config, uid = fetch(settings, spec.project)
    t1 = time.monotonic()
    learned = learn_from_export(tasks, label_config, toxicity_engine, spec.project)
    before = store.current(spec.project, uid)
    version = store.publish(spec.project, uid or spec.uid, learned.write)
    unchanged = before is not None and before.name == version.name
    return {"state": "finished", "code": 200, "version": version.name, "tag": version.tag,
            "unchanged": unchanged, "learned": learned.parts, "report": learned.report,
            "message": _message(learned, version.name, unchanged),
            "seconds": {"fetch": round(t1 - t0, 2), "learn": round(time.monotonic() - t1, 2)}}


def process_entry(spec: JobSpec, settings: Settings) -> None:
    """The training process: lower priority, the preloaded models, :func:`run_job`, exit."""
    from ml_backend import engine_process

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the group; the HTTP process stops us
    try:
        os.nice(10)  # predictions come first
    except OSError:  # pragma: no cover
        pass
    engine_process.limit_malloc_arenas()
    logger = logging.getLogger("ml_backend")
    logger.setLevel(settings.log_level)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    predictor = engine_process._PRELOADED.get(engine_process.fingerprint(settings))
    if predictor is None:
        predictor = engine_process.build_predictor(settings)
    status = run_job(spec, settings, getattr(predictor, "toxicity_engine", None))
    if status["state"] == "busy":
        sys.exit(EXIT_BUSY)
