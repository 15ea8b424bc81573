"""The HTTP layer: Label Studio's ML backend protocol on Flask 3. It parses, authenticates, answers and maps
errors; predictions run in engine processes (:mod:`ml_backend.engines`), so the HTTP threads are always free.

    labelguide backend serve --port 9090           # gunicorn: 1 HTTP worker x THREADS + WORKERS engines
    gunicorn -w 1 --threads 16 -k ml_backend.http_worker.BoundedThreadWorker ml_backend.wsgi:app

Routes (what Label Studio 1.23 calls, see ``label_studio/ml/api_connector.py``):

    GET  /health, /   {"status": "UP", "model_class": "labelguide", "ready": true, "model_version": "..."}
    POST /setup       {"model_version": "..."}
    POST /predict     {"results": [{"result": [...], "score": 0.9, "model_version": "..."}, [], ...]}
    POST /webhook     {"status": "ok"}; START_TRAINING -> the training entry point (ml_backend.training)
    POST /train       the same training entry point
    POST /job_status  {"job_status": "finished", ...} of a training job
    GET  /versions    {"versions": ["..."]}
    POST /validate    {"status": "ok", "controls": [...]} or 422 {"error": "..."}

``/predict`` answers one entry per task, in order: a prediction, or ``[]`` (NO prediction) for a task it could
not read or has nothing to fill for. Label Studio stores a list item per prediction, so ``[]`` stores nothing:
the task is asked for again once it is fixed, and no empty "0.00%" prediction appears. When no task at all
got a prediction, ``"error"`` names the first reason (Label Studio's "Send Test Request" shows it).

Errors are JSON ``{"error": "..."}`` with the reason also in the HTTP reason phrase (Label Studio shows that):
4xx for bad input, 401 without valid basic auth, 503 while the engines load, 500 only for a fault of the server
itself, never a traceback. Logs hold counts, ids, field names and timings, never task text or findings.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException

from ml_backend import auth
from ml_backend.http_common import frames, json_response, project_of, request_body, route, wait_engines
from ml_backend.http_json import ApiError, json_type
from ml_backend.settings import Settings

log = logging.getLogger(__name__)

MODEL_CLASS = "labelguide"


def _engines(settings: Settings, predictor: Any, load: str):
    if predictor is not None:
        from ml_backend.local_engines import LocalEngines

        return LocalEngines(predictor, settings)
    from ml_backend.engines import EnginePool

    pool = EnginePool(settings)
    if load == "background":
        pool.start()
    elif load == "now":
        pool.start()
        pool.wait(600)
    elif load != "never":
        raise ValueError(f"load must be 'background', 'now' or 'never', not {load!r}")
    return pool


def create_app(settings: Settings | None = None, predictor: Any = None, load: str = "background") -> Flask:
    """The Flask app. ``predictor`` given: predictions run in this process with it (tests, fake engines).

    Args:
        settings: default ``Settings.from_env()``.
        predictor: a ready :class:`~ml_backend.predict.Predictor`; no engine process is started then.
        load: ``"background"`` (start the engine processes, answer at once; default), ``"now"`` (block until
            one is ready) or ``"never"`` (tests of the loading state).
    """
    from ml_backend import config_reader, prediction_check
    from ml_backend.routes_predict import register_predict

    settings = settings or Settings.from_env()
    _configure_logging(settings)
    config_reader.configure_cache(settings.config_cache_bytes)
    prediction_check.configure_cache(settings.config_cache_bytes)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    engines = _engines(settings, predictor, load)
    from ml_backend.model_store import ModelStore
    from ml_backend.project_models import resolve_model
    from ml_backend.routes_train import register_training
    from ml_backend.training import Trainer

    store = ModelStore(settings.model_dir, settings.model_keep)
    trainer = Trainer(settings, store, engines.training_launcher(store))
    app.extensions["labelguide"] = {"engines": engines, "settings": settings, "store": store, "trainer": trainer}

    def project_version(project: object) -> str:
        return resolve_model(store, engines.model_version, project)[1]

    @app.before_request
    def _start_and_authenticate() -> Response | None:
        g.t0 = time.perf_counter()
        expected = settings.basic_auth
        if expected is None:
            return None
        header = request.headers.get("Authorization")
        given = None
        if header is not None:
            creds = request.authorization
            ok = creds is not None and creds.type == "basic" and creds.username is not None
            given = (creds.username, creds.password or "") if ok else ("", "\x00")  # sent but unusable: wrong
        if auth.decide(expected, request.endpoint, given, request.headers.get("User-Agent", "")):
            return None
        message = "authentication required: HTTP basic auth (BASIC_AUTH_USER / BASIC_AUTH_PASS)"
        response = json_response({"error": message}, 401, "Unauthorized: " + message)
        response.headers["WWW-Authenticate"] = 'Basic realm="labelguide ML backend"'
        log.info("%s %s -> 401 (%s)", request.method, route(), "wrong credentials" if given else "no credentials")
        return response

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> Response:
        body = {"error": exc.message, **{k: v for k, v in exc.extra.items() if k != "retry_after"}}
        response = json_response(body, exc.status, exc.message if exc.log_message else None)
        if "retry_after" in exc.extra:
            response.headers["Retry-After"] = str(exc.extra["retry_after"])
        log.info("%s %s -> %d: %s", request.method, route(), exc.status,
                 exc.message if exc.log_message else "(reason sent to the client)")
        return response

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        code = exc.code or 500
        message = exc.name
        if code == 413:
            message = f"request body over MAX_REQUEST_MB ({settings.max_request_bytes // 2**20} MiB)"
        elif code == 400 and "disconnect" in (exc.description or "").lower():
            message = "the request body did not arrive in full (REQUEST_READ_TIMEOUT or a closed connection)"
        response = json_response({"error": f"{exc.name}: {exc.description}" if code != 413 else message}, code,
                                 f"{exc.name}: {message}" if code == 413 else None)
        for key, value in exc.get_headers():
            if key.lower() != "content-type":
                response.headers[key] = value
        log.info("%s %s -> %d", request.method, route(), code)
        return response

    @app.errorhandler(Exception)
    def _internal_error(exc: Exception) -> Response:
        log.error("%s %s -> 500: %s\n%s", request.method, route(), type(exc).__name__, frames(exc))
        return json_response({"error": "internal error in the ML backend; see its log"}, 500)

    @app.get("/")
    @app.get("/health")
    def health() -> Response:
        body: dict[str, Any] = {"status": "UP", "model_class": MODEL_CLASS, "ready": engines.ready}
        if engines.ready:
            body["model_version"] = engines.model_version
        elif engines.failed:
            body.update(status="DOWN", error=engines.error)
            return json_response(body, 503, engines.error)
        return json_response(body)

    @app.post("/setup")
    def setup() -> Response:
        from ml_backend.config_reader import ConfigError, read_config

        body = request_body(required=False)
        wait_engines(engines, settings.setup_load_wait)
        schema = body.get("schema")
        if schema is not None and not isinstance(schema, str):
            raise ApiError(422, f"'schema' must be a label config string, not a {json_type(schema)}")
        if schema:
            try:
                names = read_config(schema).names
            except ConfigError as exc:
                raise ApiError(422, str(exc), log_message=False) from None
            log.info("setup project %s: fills %s", project_of(body), ", ".join(names) or "nothing")
        return json_response({"model_version": project_version(body.get("project"))})

    register_predict(app, settings, engines, store)
    register_training(app, trainer, lambda: engines.model_version if engines.ready else None)

    @app.route("/versions", methods=["GET", "POST"])
    def versions() -> Response:
        wait_engines(engines, settings.setup_load_wait)
        body = request_body(required=False) if request.method == "POST" else {}
        project = body.get("project", request.args.get("project"))
        versions = list(dict.fromkeys([project_version(project), engines.model_version]))
        return json_response({"versions": versions})

    @app.post("/validate")
    def validate() -> Response:
        from label_config.validate import validate_config
        from ml_backend.config_reader import ConfigError, read_config

        body = request_body()
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
        return json_response({"status": "ok", "controls": names})

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
