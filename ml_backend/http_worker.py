"""The gunicorn worker class of ``labelguide backend serve``: gunicorn's threaded worker with a deadline on reading
each request, and JSON (never HTML, never a 500) for requests gunicorn itself refuses.

Why: a thread that reads a request blocks until the client sends it. Two half-open connections to ``/webhook``
once kept the default server (2 threads) busy for more than 150 s. Here each request's headers AND body must
arrive within ``REQUEST_READ_TIMEOUT`` seconds of the thread starting to read them (gunicorn already parks a
connection that sends nothing at all for 5 s without holding a thread). Past the deadline the read ends as if
the client had closed: headers incomplete -> the connection is dropped; body incomplete -> the app answers 400.
Writing the answer is bounded too (``SEND_TIMEOUT``), for a client that stops reading.

gunicorn answers a ``SCRIPT_NAME`` request header that does not prefix the path with "500 Bad Request" (HTML);
here it is a 400 with a JSON body, like every other request gunicorn refuses, and only the error's class is
logged (gunicorn's own message can quote the request line or a header value).

    gunicorn --worker-class ml_backend.http_worker.BoundedThreadWorker --threads 16 ml_backend.wsgi:app
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from typing import Any

from gunicorn.http.errors import ConfigurationProblem
from gunicorn.workers.gthread import ThreadWorker

log = logging.getLogger(__name__)

SEND_TIMEOUT = 60.0  # seconds to hand one answer to a client that reads slowly


def read_timeout() -> float:
    """``REQUEST_READ_TIMEOUT`` from the environment (the serve command sets it), else 30 s."""
    try:
        return max(0.5, float(os.environ.get("REQUEST_READ_TIMEOUT") or 30))
    except ValueError:
        return 30.0


class DeadlineSocket:
    """A client socket whose reads end at a deadline (armed per request) and whose writes time out.

    Everything else is the wrapped socket's own (``fileno`` for the poller, ``close``, addresses ...).
    A read past the deadline returns ``b""``: to gunicorn and Werkzeug the client simply went away.
    """

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._deadline: float | None = None
        self.expired = False

    def arm(self, seconds: float) -> None:
        self._deadline = time.monotonic() + seconds
        self.expired = False

    def recv(self, size: int, *flags: int) -> bytes:
        if self._deadline is None:
            return self._sock.recv(size, *flags)
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            self.expired = True
            return b""
        previous = self._sock.gettimeout()
        if previous == 0.0:  # non-blocking on purpose (gunicorn's own probes): leave it alone
            return self._sock.recv(size, *flags)
        self._sock.settimeout(remaining if previous is None else min(previous, remaining))
        try:
            return self._sock.recv(size, *flags)
        except (socket.timeout, TimeoutError):
            self.expired = True
            return b""
        finally:
            self._sock.settimeout(previous)

    def _bounded_send(self, method: str, *args: Any) -> Any:
        previous = self._sock.gettimeout()
        if previous is None:
            self._sock.settimeout(SEND_TIMEOUT)
        try:
            return getattr(self._sock, method)(*args)
        finally:
            if previous is None:
                self._sock.settimeout(None)

    def sendall(self, data: bytes, *flags: int) -> None:
        return self._bounded_send("sendall", data, *flags)

    def send(self, data: bytes, *flags: int) -> int:
        return self._bounded_send("send", data, *flags)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class BoundedThreadWorker(ThreadWorker):
    """gunicorn's ``gthread`` worker with per-request read deadlines and JSON errors (see the module doc)."""

    def init_process(self) -> None:
        self._read_timeout = read_timeout()
        from ml_backend.engine_process import limit_malloc_arenas

        limit_malloc_arenas()  # many HTTP threads: without this each may keep its own malloc arena
        super().init_process()

    def enqueue_req(self, conn) -> None:
        if not isinstance(conn.sock, DeadlineSocket) and not self.cfg.is_ssl:
            conn.sock = DeadlineSocket(conn.sock)
        super().enqueue_req(conn)

    def handle(self, conn):
        if isinstance(conn.sock, DeadlineSocket):
            conn.sock.arm(getattr(self, "_read_timeout", 30.0))
        keep = super().handle(conn)
        if isinstance(conn.sock, DeadlineSocket) and conn.sock.expired:
            self.log.info("a client took longer than %.0f s to send its request (REQUEST_READ_TIMEOUT); "
                          "connection closed", self._read_timeout)
            return False
        return keep

    def handle_error(self, req, client, addr, exc) -> None:
        """A request gunicorn could not parse or route: 400 (or its own 4xx) with a JSON body, no request text."""
        from gunicorn import http

        status, reason = 400, "Bad Request"
        if isinstance(exc, http.errors.LimitRequestLine):
            status, reason = 414, "URI Too Long"
        elif isinstance(exc, http.errors.LimitRequestHeaders):
            status, reason = 431, "Request Header Fields Too Large"
        elif isinstance(exc, ConfigurationProblem):
            status, reason = 400, "Bad Request"
        elif not _is_client_error(exc):
            super().handle_error(req, client, addr, exc)  # a fault of the server itself: gunicorn's own 500
            return
        self.log.info("refused a request gunicorn could not accept: %s -> %d", type(exc).__name__, status)
        body = json.dumps({"error": f"{reason}: the request is malformed ({type(exc).__name__})"}).encode()
        head = (f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode("latin-1")
        try:
            client.sendall(head + body)
        except OSError:
            pass


def _is_client_error(exc: BaseException) -> bool:
    from gunicorn.http import errors

    names = ("InvalidRequestLine", "InvalidRequestMethod", "InvalidHTTPVersion", "InvalidHeader",
             "InvalidHeaderName", "InvalidProxyLine", "ForbiddenProxyRequest", "InvalidSchemeHeaders",
             "UnsupportedTransferCoding", "ObsoleteFolding", "ExpectationFailed", "InvalidChunkSize",
             "ChunkMissingTerminator", "InvalidChunkExtension", "NoMoreData")
    return isinstance(exc, tuple(getattr(errors, n) for n in names if hasattr(errors, n)))
