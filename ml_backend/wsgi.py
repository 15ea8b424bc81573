"""WSGI entry point for servers other than ``labelguide backend serve``: ``gunicorn ml_backend.wsgi:app``.

Importing this module builds the app and starts ``WORKERS`` engine processes in the background (the models load
in a forkserver, once). Run ONE gunicorn worker with threads, the worker class of ``labelguide backend serve``,
and no ``--preload``::

    gunicorn -w 1 --threads 16 -k ml_backend.http_worker.BoundedThreadWorker --no-control-socket ml_backend.wsgi:app

Several gunicorn workers would each start their own engines (memory times the workers, no more speed).
"""

from ml_backend.app import create_app

app = create_app(load="background")
