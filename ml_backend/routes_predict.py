"""``POST /predict``: parse Label Studio's request, answer interactive requests at once, fetch URL fields, run the
rest on the engines within the deadline, and answer one entry per task (a prediction or ``[]``).

What Label Studio 1.23.2 does with each answer shape (``ml/models.py``, ``_get_predictions_from_ml_backend``):

| answer | Label Studio |
|---|---|
| ``{"results": [p1, p2]}``, one per task | stores p1 and p2 |
| an entry ``[]`` | stores nothing for that task (a list = that task's predictions, here none) |
| a prediction with ``"result": []`` | stores an EMPTY prediction: the task is never asked again for this version |
| fewer entries than tasks | one entry: re-asks task by task; more than one: stores nothing at all |
| ``{"results": []}`` or any 4xx/5xx | stores nothing; Retrieve still says "Retrieved N predictions" |

So the backend never sends ``"result": []`` for a stored prediction; a task it cannot read, or has nothing to
fill for, gets ``[]``. An interactive answer (a marked span; Label Studio shows it and stores nothing) may carry
``"result": []``: no suggestion for that span.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import Flask, Response

from ml_backend.config_reader import ConfigError, TaskDataError, read_config
from ml_backend.http_common import json_response, project_of, request_body, wait_engines
from ml_backend.http_json import ApiError, json_type
from ml_backend.settings import Settings

log = logging.getLogger(__name__)

ENGINE_FAILED = "the engine failed on this task"


def _parse(body: dict) -> tuple[list, str, dict]:
    tasks = body.get("tasks")
    if tasks is None:
        raise ApiError(422, "'tasks' is required: a list of Label Studio tasks")
    if not isinstance(tasks, list):
        raise ApiError(422, f"'tasks' must be a list, not a {json_type(tasks)}")
    label_config = body.get("label_config")
    if not isinstance(label_config, str) or not label_config.strip():
        what = "missing" if label_config is None else f"a {json_type(label_config)}"
        raise ApiError(422, f"'label_config' must be the project's label config (XML string), got {what}")
    params = body.get("params")
    if params is not None and not isinstance(params, dict):
        raise ApiError(422, f"'params' must be an object, not a {json_type(params)}")
    return tasks, label_config, params or {}


def _task_id(task: Any) -> Any:
    tid = task.get("id") if isinstance(task, dict) else None
    return tid if isinstance(tid, int) and not isinstance(tid, bool) else "-"


def register_predict(app: Flask, settings: Settings, engines: Any, store: Any = None) -> None:
    """Add ``POST /predict`` to ``app``; ``store``: the per-project models (:class:`~ml_backend.model_store.ModelStore`)."""
    fetcher = None

    def get_fetcher():
        nonlocal fetcher
        if fetcher is None:
            from ml_backend.fetch import Fetcher

            fetcher = Fetcher(settings)
        return fetcher

    @app.post("/predict")
    def predict() -> Response:
        t0 = time.monotonic()
        body = request_body()
        tasks, label_config, params = _parse(body)
        project = project_of(body)
        try:
            controls = read_config(label_config)
        except ConfigError as exc:
            raise ApiError(422, str(exc), log_message=False) from None
        wait_engines(engines, settings.model_load_wait)
        from ml_backend.project_models import resolve_model

        model, version = resolve_model(store, engines.model_version, body.get("project"))
        context = params.get("context")
        if context:
            answer = _interactive(controls, tasks, context, version, project, model, settings.max_text_chars)
            if answer is not None:
                return answer
        if controls.empty or not tasks:
            log.info("predict project %s: tasks=%d nothing to fill", project, len(tasks))
            return json_response({"results": [[] for _ in tasks]})

        problems: dict[int, str] = {}
        runnable = list(range(len(tasks)))
        if controls.url_sources:
            from ml_backend.fetch import fetch_tasks

            tasks, problems = fetch_tasks(tasks, controls, get_fetcher(), settings.max_text_chars,
                                          settings.max_request_bytes)
            runnable = [i for i in runnable if i not in problems]
        deadline = t0 + settings.predict_deadline
        outcome = engines.predict([tasks[i] for i in runnable], label_config, deadline,
                                  max_text_chars=settings.max_text_chars, check=settings.prediction_check == "sdk",
                                  urls_fetched=bool(controls.url_sources), **({"model": model} if model else {}))
        results: list[Any] = [[] for _ in tasks]
        for local, prediction in enumerate(outcome.results):
            if prediction is not None:
                results[runnable[local]] = prediction
        for p in outcome.problems:
            problems[runnable[p.position]] = p.reason
        for position in sorted(problems):
            log.info("predict project %s: task %s (id %s) no prediction: %s", project, position,
                     _task_id(tasks[position]), problems[position])
        predicted = sum(1 for r in results if r != [])
        log.info("predict project %s: tasks=%d predicted=%d no_prediction=%d problems=%d %s total_ms=%.0f",
                 project, len(tasks), predicted, len(tasks) - predicted, len(problems),
                 " ".join(f"{k}={v:.0f}" if isinstance(v, float) else f"{k}={v}" for k, v in outcome.stats.items()),
                 (time.monotonic() - t0) * 1000)
        answer: dict[str, Any] = {"results": results}
        if problems:
            answer["problems"] = [{"task": i, "id": _task_id(tasks[i]) if _task_id(tasks[i]) != "-" else None,
                                   "problem": problems[i]} for i in sorted(problems)]
        if problems and predicted == 0:
            first = min(problems)
            if all(r.startswith(ENGINE_FAILED) for r in problems.values()) and len(problems) == len(tasks):
                raise ApiError(500, "the detectors failed on this request; see the ML backend log")
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            answer["error"] = f"no task could be predicted: task {first}: {problems[first]}{more}"
        return json_response(answer)


def _interactive(controls: Any, tasks: list, context: Any, version: str, project: str,
                 model: Any = None, max_text_chars: int | None = None) -> Response | None:
    """The answer to an interactive request (a span marked in the labeling screen), or None when it is not one;
    ``model``: the project's version (:func:`~ml_backend.project_models.resolve_model`), whose learned terms it uses."""
    from ml_backend.interactive import interactive_result
    from ml_backend.project_models import project_terms

    if len(tasks) != 1:
        return None
    try:
        result = interactive_result(controls, tasks[0], context, project_terms(model), max_text_chars)
    except TaskDataError as exc:
        log.info("predict project %s: interactive task (id %s): %s", project, _task_id(tasks[0]), exc)
        return json_response({"results": [{"result": [], "score": 0.0, "model_version": version}],
                              "error": f"the task cannot be read: {exc}"})
    if result is None:
        return None
    from ml_backend import results as R

    log.info("predict project %s: interactive task (id %s): %d suggestions", project, _task_id(tasks[0]),
             len(result))
    return json_response({"results": [{"result": result, "score": R.task_score(result), "model_version": version}]})
