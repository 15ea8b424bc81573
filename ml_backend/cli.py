"""``labelguide backend serve``: run the ML backend under gunicorn (or Flask's server with ``--dev``).

A thin wrapper: settings come from the environment (``ml_backend/settings.py``), the app from
:func:`ml_backend.app.create_app`, the server from :func:`serve`. The concurrency model is in
``ml_backend/README.md``: one HTTP worker with ``--threads`` threads (no models), ``--workers`` engine processes.
"""

from __future__ import annotations

import os
from typing import Any

import click

from ml_backend.settings import Settings, SettingsError, available_cores

DEFAULT_TIMEOUT = 120  # gunicorn's heartbeat for the HTTP worker (its main loop never waits on a prediction)
DEFAULT_THREADS = Settings.threads
WORKER_CLASS = "ml_backend.http_worker.BoundedThreadWorker"


def gunicorn_options(host: str, port: int, threads: int, timeout: int) -> dict[str, Any]:
    """Gunicorn settings for the backend: ONE HTTP worker process (the engines are its children).

    No control socket: gunicorn 27 puts one at ``~/.gunicorn/gunicorn.ctl`` shared by every instance of a
    user, so a second backend on the machine took it over and stopping either removed it for both.

    >>> opts = gunicorn_options("127.0.0.1", 9090, 16, 120)
    >>> opts["bind"], opts["workers"], opts["control_socket_disable"]
    (['127.0.0.1:9090'], 1, True)
    """
    return {
        "bind": [f"{host}:{port}"],
        "workers": 1,
        "threads": threads,
        "worker_class": WORKER_CLASS,
        "timeout": timeout,
        "graceful_timeout": 30,
        "keepalive": 5,
        "preload_app": False,  # the worker builds the app; the engines load in their own forkserver
        "proc_name": "labelguide-backend",
        "control_socket_disable": True,
    }


def serve(host: str = "127.0.0.1", port: int = 9090, workers: int | None = None, threads: int | None = None,
          timeout: int = DEFAULT_TIMEOUT, dev: bool = False) -> None:
    """Run the backend until interrupted (blocks). ``workers``: engine processes (default: the cores)."""
    if workers:
        os.environ["WORKERS"] = str(workers)
    if threads:
        os.environ["THREADS"] = str(threads)
    threads = threads or Settings.from_env().threads
    if dev:
        from ml_backend.app import create_app

        create_app().run(host=host, port=port, threaded=True, use_reloader=False)
        return
    from gunicorn.app.base import BaseApplication

    class _Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in gunicorn_options(host, port, threads, timeout).items():
                self.cfg.set(key, value)

        def load(self):  # called in the HTTP worker after the fork; the engines start in the background
            from ml_backend.app import create_app

            return create_app(load="background")

    _Server().run()


@click.group()
def backend() -> None:
    """Run the ML backend that pre-fills PII and toxicity suggestions in Label Studio."""


@backend.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0 in a container).")
@click.option("--port", type=click.IntRange(1, 65535), default=9090, show_default=True, help="TCP port.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, envvar="WORKERS",
              help="Engine processes (env WORKERS; default: the cores, here "
                   f"{available_cores()}). Each predicts on one core; the models load once and are shared.")
@click.option("--threads", type=click.IntRange(1, 256), default=None, envvar="THREADS",
              help=f"HTTP threads (env THREADS; default {DEFAULT_THREADS}). They hold no models: /health and "
                   "/setup always find one free.")
@click.option("--timeout", type=click.IntRange(10, 3600), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds before gunicorn restarts a silent HTTP worker.")
@click.option("--dev", is_flag=True, help="Flask's development server instead of gunicorn (same engines).")
def serve_cli(host: str, port: int, workers: int | None, threads: int | None, timeout: int, dev: bool) -> None:
    """Serve Label Studio's ML backend protocol (/health, /setup, /predict, /webhook, /versions, /validate).

    Settings come from the environment: SPACY_MODEL, TOXICITY_MODEL, BASIC_AUTH_USER, BASIC_AUTH_PASS,
    MAX_TEXT_CHARS, MAX_REQUEST_MB, PREDICT_DEADLINE, TASK_TIME_BUDGET, REQUEST_READ_TIMEOUT,
    LABEL_STUDIO_URL, LABEL_STUDIO_API_KEY, URL_ALLOWED_HOSTS, LOG_LEVEL, WORKERS, THREADS
    (see ml_backend/README.md).

    \b
    Example:
      labelguide backend serve --port 9090
      # then in Label Studio: Settings > Model > Connect Model, URL http://<this host>:9090
    """
    try:
        Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    serve(host, port, workers, threads, timeout, dev)
