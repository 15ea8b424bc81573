"""``labelguide backend serve``: run the ML backend under gunicorn (or Flask's server with ``--dev``).

A thin wrapper: settings come from the environment (``ml_backend/settings.py``), the app from
:func:`ml_backend.app.create_app`, the server from :func:`serve`.
"""

from __future__ import annotations

from typing import Any

import click

from ml_backend.settings import Settings, SettingsError

DEFAULT_TIMEOUT = 120  # Label Studio waits 100 s for /predict (ML_TIMEOUT_PREDICT); a worker may take as long


def default_threads(workers: int) -> int:
    """Threads per worker when not given: 2 for a single worker, 1 for several.

    A single worker needs a second thread to answer ``/health`` (Label Studio waits 1 s) while it predicts.
    With several workers, one thread each: a ``gthread`` worker accepts a second request while it predicts
    the first, and as predictions inside a worker run one at a time, the second would wait while another
    worker sat idle (measured: 2 workers x 2 threads kept one core busy, 2 x 1 kept both).

    >>> default_threads(1), default_threads(2)
    (2, 1)
    """
    return 2 if workers == 1 else 1


def gunicorn_options(host: str, port: int, workers: int, threads: int, timeout: int) -> dict[str, Any]:
    """Gunicorn settings for the backend (``gthread`` workers when ``threads`` > 1, else ``sync``).

    >>> gunicorn_options("127.0.0.1", 9090, 1, 2, 120)["bind"]
    ['127.0.0.1:9090']
    """
    return {
        "bind": [f"{host}:{port}"],
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": timeout,
        "graceful_timeout": 30,
        "preload_app": False,  # each worker builds its app, and loads its models, after the fork
        "proc_name": "labelguide-backend",
    }


def serve(host: str = "127.0.0.1", port: int = 9090, workers: int = 1, threads: int | None = None,
          timeout: int = DEFAULT_TIMEOUT, dev: bool = False) -> None:
    """Run the backend until interrupted (blocks). ``threads`` None: :func:`default_threads`."""
    threads = threads or default_threads(workers)
    if dev:
        from ml_backend.app import create_app

        create_app().run(host=host, port=port, threaded=True, use_reloader=False)
        return
    from gunicorn.app.base import BaseApplication

    class _Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in gunicorn_options(host, port, workers, threads, timeout).items():
                self.cfg.set(key, value)

        def load(self):  # called in each worker after the fork, before it accepts connections
            from ml_backend.app import create_app

            return create_app(load="now")

    _Server().run()


@click.group()
def backend() -> None:
    """Run the ML backend that pre-fills PII and toxicity suggestions in Label Studio."""


@backend.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0 in a container).")
@click.option("--port", type=click.IntRange(1, 65535), default=9090, show_default=True, help="TCP port.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, envvar="WORKERS",
              help="Gunicorn worker processes (env WORKERS); each loads its own models (about 0.7 GB).")
@click.option("--threads", type=click.IntRange(1, 64), default=None, envvar="THREADS",
              help="Threads per worker (env THREADS). Default: 2 with one worker (answers /health while it "
                   "predicts), 1 with several (requests spread over the workers).")
@click.option("--timeout", type=click.IntRange(10, 3600), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds before gunicorn restarts a silent worker.")
@click.option("--dev", is_flag=True, help="Flask's development server instead of gunicorn (one process).")
def serve_cli(host: str, port: int, workers: int, threads: int | None, timeout: int, dev: bool) -> None:
    """Serve Label Studio's ML backend protocol (/health, /setup, /predict, /webhook, /versions, /validate).

    Settings come from the environment: SPACY_MODEL, TOXICITY_MODEL, BASIC_AUTH_USER, BASIC_AUTH_PASS,
    MAX_TEXT_CHARS, MAX_TASKS, MAX_REQUEST_MB, LOG_LEVEL, WORKERS, THREADS (see ml_backend/README.md).

    \b
    Example:
      labelguide backend serve --port 9090 --workers 2
      # then in Label Studio: Settings > Model > Connect Model, URL http://<this host>:9090
    """
    try:
        Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    serve(host, port, workers, threads, timeout, dev)
