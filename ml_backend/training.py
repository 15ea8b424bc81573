"""The one entry point for training: ``/webhook`` ``START_TRAINING``, ``/train`` and annotation webhooks end here.

Plain Python (no Flask): the routes parse and answer; :class:`Trainer` decides. Label Studio 1.23.2's "Start
Training" (``POST /api/ml/<id>/train``, what the button calls) posts ``{"action": "START_TRAINING", "project":
{"id": 3, "created_at": "...", ...}}`` to ``/webhook`` through its ML API connector, with the backend's basic
auth, under the default feature flags; with that flag off it posts ``{"annotations": [...], "project":
"3.1796129598", "label_config": ...}`` to ``/train``. Both become a :class:`TrainingRequest`.

What a request leads to:

- a job in the background (:mod:`ml_backend.training_job`, in its own process forked from the engines'
  forkserver), one per project at a time across every replica that shares ``MODEL_DIR``; at most one job runs
  per backend process at once (others wait, ``queued``), so training never takes more than one core from the
  engines, and ``/health`` and ``/predict`` never wait for it;
- the answer waits up to ``TRAIN_WAIT`` seconds: a job done by then answers with its result (200 with the new
  version, or its failure: 422 too few labels, 424 Label Studio could not be asked), a longer one answers
  200 ``{"status": "started", "job": ...}`` and finishes alone; ``/job_status`` tells how it went;
- a second request for a project being trained answers 200 ``{"status": "running"}`` with that job's id.

With ``TRAIN_EVERY=N``, annotation webhooks (``ANNOTATION_CREATED``, ``ANNOTATIONS_CREATED``,
``ANNOTATION_UPDATED``) count toward a training of their project every N annotations (the count is kept in
``MODEL_DIR``, so replicas count together).

    >>> parse_training_event({"action": "START_TRAINING", "project": {"id": 3, "created_at": "2026-12-01T12:53:18Z"}})
    TrainingRequest(project=3, uid='3.1796129598', tasks=None, label_config=None)
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ml_backend.model_store import ModelStore, parse_project
from ml_backend.settings import Settings
from ml_backend.training_job import EXIT_BUSY, NOT_CONFIGURED, JobSpec

log = logging.getLogger(__name__)

ANNOTATION_ACTIONS = frozenset({"ANNOTATION_CREATED", "ANNOTATIONS_CREATED", "ANNOTATION_UPDATED"})


class TrainingInputError(ValueError):
    """A training request the backend cannot read; the message names the field."""


@dataclass(frozen=True)
class TrainingRequest:
    """Which project to train; ``tasks`` only when Label Studio sent them (``/train``) and none can be fetched."""

    project: int
    uid: str | None = None
    tasks: list[Any] | None = field(default=None, repr=True)
    label_config: str | None = None


@dataclass(frozen=True)
class TrainingOutcome:
    """What a training request led to, and the HTTP status the route answers with."""

    status: str  # finished | failed | started | queued | running | unavailable
    message: str
    job: str | None = None
    code: int = 200
    version: str | None = None  # the project's model_version tag, e.g. project-3:v0002-1a2b3c4d


def _uid(project: int, created_at: Any) -> str | None:
    if not isinstance(created_at, str):
        return None
    try:
        return f"{project}.{int(datetime.fromisoformat(created_at).timestamp())}"
    except ValueError:
        return None


def project_of_event(event: Any) -> tuple[int, str | None] | None:
    """``(project id, uid)`` of a webhook or ``/train`` body, or None when it names no project."""
    project = event.get("project") if isinstance(event, dict) else None
    if isinstance(project, dict):
        pid = project.get("id")
        if isinstance(pid, int) and not isinstance(pid, bool) and pid > 0:
            return pid, _uid(pid, project.get("created_at"))
        return None
    return parse_project(project)


def parse_training_event(event: Any, settings: Settings | None = None) -> TrainingRequest:
    """The :class:`TrainingRequest` of a ``START_TRAINING`` webhook or a ``/train`` body.

    Raises:
        TrainingInputError: no project is named (the message says which field).
    """
    found = project_of_event(event)
    if found is None:
        raise TrainingInputError("'project' must name the Label Studio project to train: an object with its 'id' "
                                 "(START_TRAINING webhook) or '<id>.<timestamp>' (/train)")
    pid, uid = found
    can_fetch = settings is not None and settings.studio_configured
    tasks = event.get("annotations")
    config = event.get("label_config")
    if not can_fetch and isinstance(tasks, list) and isinstance(config, str) and config.strip():
        return TrainingRequest(pid, uid, tasks, config)  # /train with its tasks, and no Label Studio to ask
    return TrainingRequest(pid, uid)


class ProcessLauncher:
    """Runs a job in a process forked from the engines' forkserver (the models already loaded there)."""

    def __init__(self, context: Any, settings: Settings) -> None:
        self.context, self.settings = context, settings

    def __call__(self, spec: JobSpec) -> int:
        process = self.context.Process(target=_train_process, args=(spec, self.settings),
                                       name=f"labelguide-train-{spec.project}", daemon=True)
        process.start()
        process.join()
        return process.exitcode if process.exitcode is not None else -1


def _train_process(spec: JobSpec, settings: Settings) -> None:
    from ml_backend.training_job import process_entry

    process_entry(spec, settings)


class ThreadLauncher:
    """Runs a job in the calling thread with an in-process predictor (tests, in-process engines)."""

    def __init__(self, predictor: Any, settings: Settings, store: ModelStore) -> None:
        self.predictor, self.settings, self.store = predictor, settings, store

    def __call__(self, spec: JobSpec) -> int:
        from ml_backend.training_job import run_job

        status = run_job(spec, self.settings, getattr(self.predictor, "toxicity_engine", None), self.store)
        return EXIT_BUSY if status["state"] == "busy" else 0


@dataclass
class _Job:
    spec: JobSpec
    state: str = "queued"
    final: dict[str, Any] | None = None
    done: threading.Event = field(default_factory=threading.Event)


def _outcome(status: dict[str, Any]) -> TrainingOutcome:
    state = status.get("state")
    if state == "busy":
        return TrainingOutcome("running", str(status.get("message")), status.get("job"))
    if state in ("finished", "failed"):
        return TrainingOutcome(state, str(status.get("message") or state), status.get("job"),
                               int(status.get("code") or (200 if state == "finished" else 500)), status.get("tag"))
    return TrainingOutcome(str(state or "started"), f"training project {status.get('project')}", status.get("job"))


class Trainer:
    """Training jobs of this backend process (see the module docstring). Thread-safe."""

    def __init__(self, settings: Settings, store: ModelStore, launcher: Any | None) -> None:
        self.settings, self.store, self.launcher = settings, store, launcher
        self._jobs: dict[str, _Job] = {}
        self._active: dict[int, str] = {}  # project -> its running job here
        self._lock = threading.Lock()
        self._slot = threading.Semaphore(1)

    def start(self, request: TrainingRequest, wait: float | None = None) -> TrainingOutcome:
        """Start (or find) the project's training; wait up to ``wait`` (default ``TRAIN_WAIT``) for its result."""
        if self.launcher is None:
            return TrainingOutcome("unavailable", "the engines are not running, so nothing can be trained", code=503)
        if request.tasks is None and not self.settings.studio_configured:
            return TrainingOutcome("failed", NOT_CONFIGURED, code=424)
        try:
            return self._start(request, wait)
        except OSError as exc:
            log.error("training project %d: MODEL_DIR not usable (%s)", request.project, type(exc).__name__)
            return TrainingOutcome("failed", f"cannot write the model directory (MODEL_DIR, {type(exc).__name__})",
                                   code=500)

    def _start(self, request: TrainingRequest, wait: float | None) -> TrainingOutcome:
        pid = request.project
        with self._lock:
            running = self._active.get(pid)
            if running is not None:
                return TrainingOutcome("running", f"project {pid} is being trained already", running)
            if self.store.is_training(pid):
                other = (self.store.read_status(pid) or {}).get("job")
                return TrainingOutcome("running", f"project {pid} is being trained already (by another replica)",
                                       other)
            job_id = f"train-{pid}-{int(time.time() * 1000)}-{secrets.token_hex(2)}"
            tasks_file = self._save_tasks(pid, job_id, request) if request.tasks is not None else None
            job = _Job(JobSpec(job_id, pid, request.uid, tasks_file))
            self._jobs[job_id] = job
            self._active[pid] = job_id
            self._forget_old_jobs()
        threading.Thread(target=self._run, args=(job,), name=f"labelguide-train-{pid}", daemon=True).start()
        log.info("training job %s for project %d queued", job_id, pid)
        if job.done.wait(self.settings.train_wait if wait is None else wait):
            return _outcome(job.final or {})
        return TrainingOutcome(job.state, f"training project {pid} in the background; ask /job_status for {job_id}",
                               job_id)

    def _save_tasks(self, pid: int, job_id: str, request: TrainingRequest) -> str:
        directory = self.store.project_dir(pid)
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f".train-input-{job_id}.json"
        path.write_text(json.dumps({"tasks": request.tasks, "label_config": request.label_config}), encoding="utf-8")
        return str(path)

    def _forget_old_jobs(self, keep: int = 100) -> None:
        done = [k for k, j in self._jobs.items() if j.done.is_set()]
        for key in done[:-keep]:
            del self._jobs[key]

    def _run(self, job: _Job) -> None:
        spec = job.spec
        try:
            with self._slot:
                job.state = "started"
                code = self.launcher(spec)
            status = self.store.read_status(spec.project) or {}
            if code == EXIT_BUSY:
                status = {"job": spec.job, "project": spec.project, "state": "busy",
                          "message": f"project {spec.project} is being trained already (by another replica)"}
            elif status.get("job") != spec.job or status.get("state") not in ("finished", "failed"):
                status = {"job": spec.job, "project": spec.project, "state": "failed", "code": 500,
                          "message": f"the training process stopped before it finished (exit code {code})"}
                self.store.write_status(spec.project, status)
        except Exception as exc:  # noqa: BLE001 - never lose the job: report it failed
            log.error("training job %s: %s", spec.job, type(exc).__name__)
            status = {"job": spec.job, "project": spec.project, "state": "failed", "code": 500,
                      "message": f"the training could not be run ({type(exc).__name__}); see the ML backend's log"}
        finally:  # the training process removes the posted tasks once read; not when it ended before reading them
            if spec.tasks_file:
                Path(spec.tasks_file).unlink(missing_ok=True)
        job.final = status
        job.state = status["state"]
        with self._lock:
            if self._active.get(spec.project) == spec.job:
                del self._active[spec.project]
        job.done.set()

    def status(self, job_id: Any = None, project: Any = None) -> dict[str, Any] | None:
        """A job's status (this replica's, else the project's ``status.json``), or None when unknown."""
        job = self._jobs.get(job_id) if isinstance(job_id, str) else None
        if job is not None:
            return dict(job.final) if job.final else {"job": job.spec.job, "project": job.spec.project,
                                                      "state": job.state}
        pid = project
        if pid is None and isinstance(job_id, str) and job_id.startswith("train-"):
            pid = job_id.split("-")[1]
        parsed = parse_project(pid) if pid is not None else None
        if parsed is None:
            return None
        status = self.store.read_status(parsed[0])
        if status is None or (isinstance(job_id, str) and status.get("job") != job_id):
            return None
        return status

    def annotation_event(self, event: dict[str, Any]) -> TrainingOutcome | None:
        """Count an annotation webhook (``TRAIN_EVERY``); the outcome of the training it starts, if any."""
        every = self.settings.train_every
        if every <= 0 or event.get("action") not in ANNOTATION_ACTIONS:
            return None
        found = project_of_event(event)
        if found is None:
            return None
        annotation = event.get("annotation", event.get("annotations"))
        n = len(annotation) if isinstance(annotation, list) else 1
        if not self.store.count_annotations(found[0], every, max(1, n)):
            return None
        log.info("project %d: %d new annotations (TRAIN_EVERY): training", found[0], every)
        return self.start(TrainingRequest(*found), wait=0)

    def wait_all(self, timeout: float) -> bool:
        """Wait for this process's jobs (tests); True when none is left running."""
        deadline = time.monotonic() + timeout
        for job in list(self._jobs.values()):
            if not job.done.wait(max(0.0, deadline - time.monotonic())):
                return False
        return True
