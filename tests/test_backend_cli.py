"""``labelguide backend serve`` (ml_backend.cli) and the settings it reads (ml_backend.settings)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from labelguide.cli import main
from ml_backend.cli import gunicorn_options
from ml_backend.settings import Settings, SettingsError


def test_serve_has_help_with_an_example():
    result = CliRunner().invoke(main, ["backend", "serve", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "labelguide backend serve" in result.output
    for option in ("--host", "--port", "--workers", "--threads", "--dev"):
        assert option in result.output


def test_a_bad_setting_stops_serve_with_a_clear_message(monkeypatch):
    monkeypatch.setenv("MAX_TEXT_CHARS", "lots")
    result = CliRunner().invoke(main, ["backend", "serve"])
    assert result.exit_code == 1
    assert "MAX_TEXT_CHARS must be an integer, got 'lots'" in result.output
    assert "Traceback" not in result.output


def test_gunicorn_options_threads_pick_the_worker_class():
    options = gunicorn_options("0.0.0.0", 9090, 2, 2, 120)
    assert options["bind"] == ["0.0.0.0:9090"] and options["workers"] == 2
    assert options["worker_class"] == "gthread" and options["preload_app"] is False
    assert gunicorn_options("127.0.0.1", 9090, 1, 1, 120)["worker_class"] == "sync"


def test_settings_from_env_defaults_and_values():
    assert Settings.from_env({}) == Settings()
    s = Settings.from_env({"SPACY_MODEL": "en_core_web_md", "TOXICITY_MODEL": "/models/tox", "MAX_TASKS": "5",
                           "MAX_REQUEST_MB": "2", "LOG_LEVEL": "debug", "SETUP_LOAD_WAIT": "0.5"})
    assert (s.spacy_model, s.toxicity_model, s.max_tasks, s.max_request_bytes, s.log_level, s.setup_load_wait) == (
        "en_core_web_md", "/models/tox", 5, 2 * 2**20, "DEBUG", 0.5)
    assert s.basic_auth is None


@pytest.mark.parametrize(("env", "message"), [
    ({"BASIC_AUTH_USER": "u"}, "set both BASIC_AUTH_USER and BASIC_AUTH_PASS"),
    ({"MAX_TASKS": "0"}, "MAX_TASKS must be at least 1"),
    ({"MODEL_LOAD_WAIT": "-1"}, "must not be negative"),
    ({"SETUP_LOAD_WAIT": "soon"}, "must be a number"),
    ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL must be"),
])
def test_bad_settings_name_the_variable(env, message):
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)


def test_serve_reads_workers_and_threads_from_the_environment(monkeypatch):
    import ml_backend.cli as backend_cli

    seen = {}
    monkeypatch.setattr(backend_cli, "serve", lambda *args: seen.__setitem__("args", args))
    monkeypatch.setenv("WORKERS", "3")
    monkeypatch.setenv("THREADS", "4")
    result = CliRunner().invoke(main, ["backend", "serve", "--port", "9191"])
    assert result.exit_code == 0, result.output
    assert seen["args"] == ("127.0.0.1", 9191, 3, 4, 120, False)
    CliRunner().invoke(main, ["backend", "serve", "--workers", "1", "--dev"])
    assert seen["args"] == ("127.0.0.1", 9090, 1, 4, 120, True)  # an option beats the environment
    monkeypatch.delenv("THREADS")
    CliRunner().invoke(main, ["backend", "serve"])
    assert seen["args"][2:4] == (3, None)  # serve() picks the default: default_threads(3) == 1


def test_default_threads_one_per_worker_when_several():
    from ml_backend.cli import default_threads

    assert default_threads(1) == 2 and default_threads(2) == 1 and default_threads(8) == 1
