"""WSGI entry point for servers other than ``labelguide backend serve``: ``gunicorn ml_backend.wsgi:app``.

Importing this module builds the app and loads the models (a few seconds): let each worker import it after the
fork (no ``--preload``), as ``labelguide backend serve`` does.
"""

from ml_backend.app import create_app

app = create_app(load="now")
