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


def test_gunicorn_runs_one_http_worker_with_bounded_reads_and_no_shared_control_socket():
    """gunicorn 27's default control socket (~/.gunicorn/gunicorn.ctl) is shared by every instance of a user:
    two backends on one machine took it from each other. The backend runs without one."""
    options = gunicorn_options("0.0.0.0", 9090, 16, 120)
    assert options["bind"] == ["0.0.0.0:9090"] and options["workers"] == 1 and options["threads"] == 16
    assert options["worker_class"] == "ml_backend.http_worker.BoundedThreadWorker"
    assert options["control_socket_disable"] is True and options["preload_app"] is False


def test_settings_from_env_defaults_and_values():
    assert Settings.from_env({}) == Settings()
    s = Settings.from_env({"SPACY_MODEL": "en_core_web_md", "TOXICITY_MODEL": "/models/tox", "WORKERS": "3",
                           "MAX_REQUEST_MB": "2", "LOG_LEVEL": "debug", "SETUP_LOAD_WAIT": "0.5",
                           "PREDICT_DEADLINE": "45", "TASK_TIME_BUDGET": "2.5", "PREDICTION_CHECK": "OFF",
                           "LABEL_STUDIO_URL": "http://ls:8080/", "URL_ALLOWED_HOSTS": "a.org, *.b.org"})
    assert (s.spacy_model, s.toxicity_model, s.workers, s.max_request_bytes, s.log_level, s.setup_load_wait) == (
        "en_core_web_md", "/models/tox", 3, 2 * 2**20, "DEBUG", 0.5)
    assert (s.predict_deadline, s.task_time_budget, s.prediction_check) == (45.0, 2.5, "off")
    assert s.label_studio_url == "http://ls:8080" and s.url_allowed_hosts == ("a.org", "*.b.org")
    assert s.basic_auth is None
    assert Settings().workers >= 1 and Settings().threads == 16


@pytest.mark.parametrize(("env", "message"), [
    ({"BASIC_AUTH_USER": "u"}, "set both BASIC_AUTH_USER and BASIC_AUTH_PASS"),
    ({"WORKERS": "0"}, "WORKERS must be at least 1"),
    ({"MODEL_LOAD_WAIT": "-1"}, "MODEL_LOAD_WAIT must be at least 0"),
    ({"SETUP_LOAD_WAIT": "soon"}, "must be a number"),
    ({"PREDICT_DEADLINE": "nan"}, "PREDICT_DEADLINE must be at least 1"),
    ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL must be"),
    ({"PREDICTION_CHECK": "maybe"}, "PREDICTION_CHECK must be 'sdk' or 'off'"),
    ({"LABEL_STUDIO_URL": "ls:8080"}, "LABEL_STUDIO_URL must be an http"),
    ({"URL_ALLOWED_HOSTS": "http://x.org/"}, "URL_ALLOWED_HOSTS holds host names"),
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
    monkeypatch.delenv("WORKERS")
    CliRunner().invoke(main, ["backend", "serve"])
    assert seen["args"][2:4] == (None, None)  # serve() picks the defaults: the cores, 16 threads
