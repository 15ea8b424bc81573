"""``POST /webhook``, ``POST /train``, ``POST /job_status``: parse, hand to :class:`ml_backend.training.Trainer`,
answer. No training logic here.

| request | answer |
|---|---|
| ``/webhook`` ``START_TRAINING`` (Label Studio's "Start Training"), ``/train`` | the job's result when it is done within ``TRAIN_WAIT``: 200 ``{"status": "finished", "model_version", "job", "message"}``, or its failure (422 too few labels, 424 Label Studio could not be asked); else 200 ``{"status": "started" / "queued" / "running", "job"}``. 422 when no project is named |
| ``/webhook`` annotation events | 200 ``{"status": "ok"}`` (plus ``"training"`` when ``TRAIN_EVERY`` started one) |
| ``/webhook`` any other JSON object (another action, a new one, none) | 200 ``{"status": "ok"}`` (nothing to do) |
| ``/webhook`` a body that does not parse: empty, not JSON, not UTF-8, not an object, nested too deep | 400 ``{"error": "the webhook's body ..."}`` naming what is wrong, never quoting the body. Label Studio 1.23.2 always posts a JSON object (``webhooks/utils.py``: ``json=data``) and reads no webhook's answer, so this only tells a stray client |
| ``/job_status`` ``{"job": id}`` or ``{"project": 3}`` | 200 ``{"job_status": "queued" / "started" / "finished" / "failed", ...}``; 404 for an unknown job |

Errors carry their reason in the HTTP reason phrase too: Label Studio shows a failed training call as
``str(HTTPError)``, which holds the reason phrase and not the body.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response

from ml_backend.http_common import json_response, request_body
from ml_backend.http_json import ApiError
from ml_backend.training import Trainer, TrainingInputError, TrainingOutcome, parse_training_event

log = logging.getLogger(__name__)

# Label Studio's webhook actions (webhooks/models.py, 1.23.2) and its training call: only these are logged by name
KNOWN_ACTIONS = frozenset({
    "PROJECT_CREATED", "PROJECT_UPDATED", "PROJECT_DELETED", "TASKS_CREATED", "TASKS_DELETED",
    "ANNOTATION_CREATED", "ANNOTATIONS_CREATED", "ANNOTATION_UPDATED", "ANNOTATIONS_DELETED",
    "LABEL_LINK_CREATED", "LABEL_LINK_UPDATED", "LABEL_LINK_DELETED", "START_TRAINING"})


def register_training(app: Flask, trainer: Trainer, base_version: Any) -> None:
    """Add the training routes; ``base_version()`` is the detectors' ``model_version`` (None while loading)."""
    settings = trainer.settings

    def body_of(outcome: TrainingOutcome) -> dict[str, Any]:
        body: dict[str, Any] = {"status": outcome.status, "job": outcome.job, "message": outcome.message}
        base = base_version()
        if outcome.version and base:
            body["model_version"] = f"{base}|{outcome.version}"
        return body

    def answer(outcome: TrainingOutcome) -> Response:
        log.info("training: %s (job %s)", outcome.status, outcome.job or "-")
        body = body_of(outcome)
        if outcome.code >= 400:
            body["error"] = outcome.message
            return json_response(body, outcome.code, outcome.message)
        return json_response(body)

    def train(event: Any) -> Response:
        try:
            request = parse_training_event(event, settings)
        except TrainingInputError as exc:
            raise ApiError(422, str(exc)) from None
        return answer(trainer.start(request))

    @app.post("/webhook")
    def webhook() -> Response:
        try:
            body = request_body()
        except ApiError as exc:  # never Label Studio's: it always sends a JSON object
            raise ApiError(exc.status, exc.message.replace("the request body", "the webhook's body", 1)
                           + " (Label Studio posts a JSON object with an 'action')") from None
        action = body.get("action")
        named = action if isinstance(action, str) and action in KNOWN_ACTIONS else "-"
        if named == "START_TRAINING":
            return train(body)
        outcome = trainer.annotation_event(body) if named != "-" else None
        log.info("webhook %s acknowledged", named)
        if outcome is not None:
            return json_response({"status": "ok", "training": body_of(outcome)})
        return json_response({"status": "ok"})

    @app.post("/train")
    def train_route() -> Response:
        return train(request_body(required=False))

    @app.post("/job_status")
    def job_status() -> Response:
        body = request_body(required=False)
        status = trainer.status(body.get("job"), body.get("project"))
        if status is None:
            raise ApiError(404, "no such training job (give 'job' as answered by Start Training, or 'project')")
        state = status.get("state")
        out = {"job_status": "started" if state == "busy" else state, "job": status.get("job"),
               "project": status.get("project"), "message": status.get("message")}
        base = base_version()
        if status.get("tag") and base:
            out["model_version"] = f"{base}|{status['tag']}"
        for key in ("learned", "report", "started", "finished", "unchanged"):
            if key in status:
                out[key] = status[key]
        return json_response(out)
