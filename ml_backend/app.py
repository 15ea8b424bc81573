"""The HTTP layer: Label Studio's ML backend protocol on Flask 3. It parses, authenticates, answers and maps
errors; the model logic lives in :mod:`ml_backend.predict`.

    labelguide backend serve --port 9090           # gunicorn, models loaded in each worker
    gunicorn ml_backend.wsgi:app                   # the same app under a gunicorn you configure yourself

Routes (what Label Studio 1.23 calls, see ``label_studio/ml/api_connector.py``):

    GET  /health, /   {"status": "UP", "model_class": "labelguide", "ready": true, "model_version": "..."}
    POST /setup       {"model_version": "..."}
    POST /predict     {"results": [{"result": [...], "score": 0.9, "model_version": "..."}, ...]}
    POST /webhook     {"status": "ok"}  (annotation events are acknowledged; nothing is trained)
    GET  /versions    {"versions": ["..."]}
    POST /validate    {"status": "ok", "controls": [...]} or 422 {"error": "..."}

Models load ONCE per process, when :func:`create_app` runs, and are never rebuilt per request:

- under gunicorn (``labelguide backend serve``, ``ml_backend.wsgi``) each worker calls ``create_app(load="now")``
  after the fork (no ``--preload``): each worker owns its models, no model state crosses a fork, and a worker
  enters gunicorn's accept loop only once its models are in. The master holds the socket, so connections go to
  loaded workers only; a worker restarted by gunicorn never stalls a request while it loads. If loading fails,
  the worker still starts and ``/health`` answers 503 with the reason (no crash loop);
- with one process (``--dev``, tests) ``create_app()`` loads in a background thread: the server answers at once,
  ``/health`` says ``"ready": false`` until the models are in, ``/setup`` waits up to ``SETUP_LOAD_WAIT`` and
  ``/predict`` up to ``MODEL_LOAD_WAIT``, then 503 with ``Retry-After``.

Errors are JSON ``{"error": "..."}``: 4xx for bad input (naming the problem), 401 without valid basic auth, 503
while models load, 500 only for a fault of the server itself, never with a traceback. Logs hold counts, ids
and timings, never task text or what was detected.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException

from label_config import taxonomy as T
from label_config.validate import validate_config
from ml_backend.config_reader import ConfigError, read_config
from ml_backend.predict import EngineError, Predictor, load_predictor
from ml_backend.settings import Settings

log = logging.getLogger(__name__)

MODEL_CLASS = "labelguide"
# Open even with basic auth on: /health (and /) tells readiness and model version only, for container health
# checks and `labelguide up`; /webhook because Label Studio sends webhooks without the backend's credentials
# (and it only acknowledges). Every route that reads tasks or configs requires the credentials.
_OPEN_ENDPOINTS = frozenset({"health", "webhook"})
_PROJECT = re.compile(r"^\d{1,12}(\.\d{1,12})?$")
_ACTION = re.compile(r"^[A-Z_]{1,64}$")


class ApiError(Exception):
    """An answer other than 200: ``status`` and a message for the client (never task text)."""

    def __init__(self, status: int, message: str, log_message: bool = True, **extra: Any) -> None:
        super().__init__(message)
        self.status, self.message, self.extra = status, message, extra
        self.log_message = log_message  # False when the message quotes the client's config


class Models:
    """The predictor of this process: loaded once, in a background thread or on the spot."""

    def __init__(self, loader: Callable[[], Predictor]) -> None:
        self._loader = loader
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._started = False
        self.predictor: Predictor | None = None
        self.error: str | None = None

    @classmethod
    def ready_with(cls, predictor: Predictor) -> Models:
        """Already loaded with ``predictor`` (no warm-up call)."""
        models = cls(lambda: predictor)
        models._started, models.predictor = True, predictor
        models._done.set()
        return models

    def start(self) -> None:
        """Load in a daemon thread (returns at once)."""
        with self._lock:
            if self._started:
                return
            self._started = True
        threading.Thread(target=self._load, name="labelguide-model-loader", daemon=True).start()

    def load(self) -> None:
        """Load now, in this thread."""
        with self._lock:
            self._started = True
        self._load()

    def _load(self) -> None:
        try:
            predictor = self._loader()
            _warm_up(predictor)
            self.predictor = predictor
        except Exception as exc:  # reported by /health; the traceback stays in the server log
            self.error = f"models failed to load ({type(exc).__name__}); see the server log"
            log.error("loading models failed: %s\n%s", type(exc).__name__, _frames(exc))
        finally:
            self._done.set()

    @property
    def ready(self) -> bool:
        return self.predictor is not None

    def wait(self, timeout: float) -> Predictor:
        """The predictor, waiting up to ``timeout`` seconds; :class:`ApiError` 503 when not there."""
        self._done.wait(timeout)
        if self.predictor is not None:
            return self.predictor
        if self.error:
            raise ApiError(503, self.error)
        raise ApiError(503, "models are still loading; retry in a few seconds", retry_after=5)


def _warm_up(predictor: Predictor) -> None:
    """One tiny prediction per kind of project, so the first real request does not pay for lazy imports and
    initialisation (label-studio-sdk, spaCy, Presidio, tldextract: about 0.8 s)."""
    from label_config.render import render_config

    text = "Warm-up call from labelguide."
    predictor.predict([{"data": {T.PROMPT: text}}], render_config(T.INSTRUCTION))
    predictor.predict([{"data": {T.PROMPT: text, T.CONTINUATION: text}}], render_config(T.TOXICITY))


def _frames(exc: BaseException) -> str:
    """Where an exception was raised: file, line and function of each frame. No message (it may hold text)."""
    frames = traceback.extract_tb(exc.__traceback__)
    return "\n".join(f"  {f.filename}:{f.lineno} in {f.name}" for f in frames)


def _json_body(required: bool = True) -> Any:
    """The request body parsed as JSON, whatever its Content-Type; :class:`ApiError` 400 when it is not."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        if required:
            raise ApiError(400, "the request body is empty; send a JSON object")
        return {}
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):
        raise ApiError(400, "the request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise ApiError(400, f"the request body must be a JSON object, not a {_json_type(body)}")
    return body


def _json_type(value: Any) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean",
            type(None): "null", dict: "object"}.get(type(value), type(value).__name__)


def _route() -> str:
    """The matched route (never the raw path, which a client could fill with anything)."""
    return request.url_rule.rule if request.url_rule is not None else "(no such route)"


def _bytes(value: str) -> bytes:
    return value.encode("utf-8", "surrogatepass")


def _project(body: dict) -> str:
    project = body.get("project")
    return str(project) if isinstance(project, (str, int)) and _PROJECT.match(str(project)) else "-"


def create_app(settings: Settings | None = None, predictor: Predictor | None = None,
               load: str = "background") -> Flask:
    """The Flask app. ``predictor`` given: use it (tests); else build one from ``settings``.

    Args:
        settings: default ``Settings.from_env()``.
        predictor: a ready :class:`Predictor` (e.g. with fake engines); no model is loaded then.
        load: ``"background"`` (a thread; default), ``"now"`` (block until loaded) or ``"never"`` (tests of
            the loading state).
    """
    settings = settings or Settings.from_env()
    _configure_logging(settings)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    if predictor is not None:
        models = Models.ready_with(predictor)
    else:
        models = Models(lambda: load_predictor(settings))
        if load == "now":
            models.load()
        elif load == "background":
            models.start()
        elif load != "never":
            raise ValueError(f"load must be 'background', 'now' or 'never', not {load!r}")
    predict_lock = threading.Lock()  # engines are not promised thread-safe: one prediction at a time per worker
    app.extensions["labelguide"] = {"models": models, "settings": settings}

    @app.before_request
    def _start_and_authenticate() -> Response | None:
        g.t0 = time.perf_counter()
        expected = settings.basic_auth
        if expected is None or request.endpoint in _OPEN_ENDPOINTS:
            return None
        auth = request.authorization
        ok = (auth is not None and auth.type == "basic" and auth.username is not None and auth.password is not None
              and hmac.compare_digest(_bytes(auth.username), _bytes(expected[0]))
              and hmac.compare_digest(_bytes(auth.password), _bytes(expected[1])))
        if ok:
            return None
        response = jsonify(error="authentication required: HTTP basic auth (BASIC_AUTH_USER / BASIC_AUTH_PASS)")
        response.status_code = 401
        response.headers["WWW-Authenticate"] = 'Basic realm="labelguide ML backend"'
        return response

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> tuple[Response, int] | Response:
        response = jsonify(error=exc.message, **{k: v for k, v in exc.extra.items() if k != "retry_after"})
        response.status_code = exc.status
        if "retry_after" in exc.extra:
            response.headers["Retry-After"] = str(exc.extra["retry_after"])
        log.info("%s %s -> %d: %s", request.method, _route(), exc.status,
                 exc.message if exc.log_message else "(reason sent to the client)")
        return response

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        response = jsonify(error=f"{exc.name}: {exc.description}" if exc.description else exc.name)
        response.status_code = exc.code or 500
        for key, value in exc.get_headers():
            if key.lower() != "content-type":
                response.headers[key] = value
        log.info("%s %s -> %d", request.method, _route(), response.status_code)
        return response

    @app.errorhandler(Exception)
    def _internal_error(exc: Exception) -> Response:
        log.error("%s %s -> 500: %s\n%s", request.method, _route(), type(exc).__name__, _frames(exc))
        response = jsonify(error="internal error in the ML backend; see its log")
        response.status_code = 500
        return response

    @app.get("/")
    @app.get("/health")
    def health() -> Response:
        body: dict[str, Any] = {"status": "UP", "model_class": MODEL_CLASS, "ready": models.ready}
        if models.ready:
            body["model_version"] = models.predictor.model_version
        elif models.error:
            body.update(status="DOWN", error=models.error)
            response = jsonify(body)
            response.status_code = 503
            return response
        return jsonify(body)

    @app.post("/setup")
    def setup() -> Response:
        body = _json_body(required=False)
        predictor = models.wait(settings.setup_load_wait)
        schema = body.get("schema")
        if schema is not None and not isinstance(schema, str):
            raise ApiError(422, f"'schema' must be a label config string, not a {_json_type(schema)}")
        if schema:
            try:
                names = read_config(schema).names
            except ConfigError as exc:
                raise ApiError(422, str(exc), log_message=False) from None
            log.info("setup project %s: fills %s", _project(body), ", ".join(names) or "nothing")
        return jsonify(model_version=predictor.model_version)

    @app.post("/predict")
    def predict() -> Response:
        body = _json_body()
        tasks = body.get("tasks")
        if tasks is None:
            raise ApiError(422, "'tasks' is required: a list of Label Studio tasks")
        if not isinstance(tasks, list):
            raise ApiError(422, f"'tasks' must be a list, not a {_json_type(tasks)}")
        if len(tasks) > settings.max_tasks:
            raise ApiError(422, f"too many tasks in one request: {len(tasks)} > {settings.max_tasks} (MAX_TASKS)")
        label_config = body.get("label_config")
        if not isinstance(label_config, str) or not label_config.strip():
            what = "missing" if label_config is None else f"a {_json_type(label_config)}"
            raise ApiError(422, f"'label_config' must be the project's label config (XML string), got {what}")
        params = body.get("params")
        if params is not None and not isinstance(params, dict):
            raise ApiError(422, f"'params' must be an object, not a {_json_type(params)}")
        try:
            controls = read_config(label_config)
        except ConfigError as exc:
            raise ApiError(422, str(exc), log_message=False) from None
        if controls.empty or not tasks:
            predictor = models.wait(settings.model_load_wait)
            return jsonify(results=[{"result": [], "score": 0.0, "model_version": predictor.model_version}
                                    for _ in tasks])
        predictor = models.wait(settings.model_load_wait)
        with predict_lock:
            try:
                outcome = predictor.predict(tasks, label_config, max_text_chars=settings.max_text_chars)
            except EngineError as exc:
                log.error("predict project %s: %s", _project(body), exc)
                raise ApiError(500, "the detectors failed on this request; see the ML backend log") from None
        problems = [p.to_dict() for p in outcome.problems]
        for p in outcome.problems:
            log.info("predict project %s: task %s (id %s) left empty: %s", _project(body), p.position,
                     p.task_id if p.task_id is not None else "-", p.reason)
        log.info("predict project %s: %s", _project(body), " ".join(f"{k}={v}" for k, v in outcome.stats.items()))
        if problems and len(problems) == len(tasks):
            raise ApiError(422, f"no task could be predicted: {problems[0]['problem']}"
                           + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""), problems=problems)
        response: dict[str, Any] = {"results": outcome.results}
        if problems:
            response["problems"] = problems
        return jsonify(response)

    @app.post("/webhook")
    def webhook() -> tuple[Response, int]:
        try:
            body = _json_body(required=False)
        except ApiError:
            body = {}
        action = body.get("action")
        log.info("webhook %s acknowledged", action if isinstance(action, str) and _ACTION.match(action) else "-")
        return jsonify(status="ok"), 200

    @app.route("/versions", methods=["GET", "POST"])
    def versions() -> Response:
        predictor = models.wait(settings.setup_load_wait)
        return jsonify(versions=[predictor.model_version])

    @app.post("/validate")
    def validate() -> Response:
        body = _json_body()
        config = body.get("config", body.get("label_config"))
        if not isinstance(config, str) or not config.strip():
            raise ApiError(422, "'config' must be a label config (XML string)")
        problems = validate_config(config)
        if problems:
            raise ApiError(422, f"invalid label config: {problems[0]}", log_message=False,
                           problems=[str(p) for p in problems])
        try:
            names = read_config(config).names
        except ConfigError as exc:  # pragma: no cover - validate_config parses with the same SDK
            raise ApiError(422, str(exc), log_message=False) from None
        return jsonify(status="ok", controls=names)

    @app.after_request
    def _timing(response: Response) -> Response:
        elapsed = (time.perf_counter() - g.get("t0", time.perf_counter())) * 1000
        response.headers["Server-Timing"] = f"app;dur={elapsed:.1f}"
        return response

    return app


def _configure_logging(settings: Settings) -> None:
    """Set the ``ml_backend`` log level; add a stderr handler only when nothing else configured logging."""
    logger = logging.getLogger("ml_backend")
    logger.setLevel(settings.log_level)
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
