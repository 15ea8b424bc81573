"""The gunicorn worker class of ``labelguide backend serve``: gunicorn's threaded worker that reads requests
WITHOUT a thread until they are complete, with a deadline, and answers JSON (never HTML, never a 500) to the
requests gunicorn itself refuses.

Why: a thread that reads a request blocks until the client sends it. Two half-open connections to ``/webhook``
once kept the default server (2 threads) busy for more than 150 s. Here:

- the worker's event loop (one thread, non-blocking sockets) collects each request's header block, and its
  body too when it is at most ``BODY_BUFFER`` bytes (every call but a big ``/predict``), before any thread is
  involved: a slow or half-open client occupies a socket, not a thread, however many there are;
- the whole request must arrive within ``REQUEST_READ_TIMEOUT`` seconds: past it the connection is closed
  (headers incomplete) or the read ends as if the client had gone (a big body streamed in a thread: the app
  answers 400);
- writing the answer is bounded too (``SEND_TIMEOUT``), for a client that stops reading.

gunicorn answers a ``SCRIPT_NAME`` request header that does not prefix the path with "500 Bad Request" (HTML);
here it is a 400 with a JSON body, like every other request gunicorn refuses, and only the error's class is
logged (gunicorn's own message can quote the request line or a header value).

    gunicorn --worker-class ml_backend.http_worker.BoundedThreadWorker --threads 16 ml_backend.wsgi:app
"""

from __future__ import annotations

import json
import logging
import os
import re
import selectors
import socket
import time
from functools import partial
from typing import Any

from gunicorn.http.errors import ConfigurationProblem
from gunicorn.workers.gthread import ThreadWorker

log = logging.getLogger(__name__)

SEND_TIMEOUT = 60.0  # seconds to hand one answer to a client that reads slowly
BODY_BUFFER = 256 * 1024  # bodies up to this size are collected by the event loop, larger ones by a thread
HEADER_LIMIT = 64 * 1024  # past this without the end of the headers, a thread lets gunicorn refuse it (431)
_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d{1,18})[ \t]*\r\n", re.IGNORECASE)
_CHUNKED = re.compile(rb"\r\ntransfer-encoding:[^\r\n]*chunked", re.IGNORECASE)


def request_complete(data: bytes) -> bool:
    """True when ``data`` holds a whole header block, and the whole body if it is small enough to wait for.

    >>> request_complete(b"GET /health HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
    True
    >>> request_complete(b"POST /webhook HTTP/1.1\\r\\nContent-Length: 10\\r\\n\\r\\n{\\"a\\"")
    False
    """
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return len(data) > HEADER_LIMIT
    head = data[: end + 2]
    if _CHUNKED.search(head):
        return True  # a thread streams it (with the deadline)
    match = _CONTENT_LENGTH.search(head)
    length = int(match.group(1)) if match else 0
    return length > BODY_BUFFER or len(data) - (end + 4) >= length


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
        self._reading: dict[Any, float] = {}  # connections whose request the event loop is collecting
        from ml_backend.engine_process import limit_malloc_arenas

        limit_malloc_arenas()  # many HTTP threads: without this each may keep its own malloc arena
        super().init_process()

    # --------------------------------------------------------------------- collecting requests, no thread
    def enqueue_req(self, conn) -> None:
        if self.cfg.is_ssl or conn.is_http2:
            super().enqueue_req(conn)
            return
        if not isinstance(conn.sock, DeadlineSocket):
            conn.sock = DeadlineSocket(conn.sock)
        if getattr(conn, "_collected", False):
            conn._collected = False
            super().enqueue_req(conn)
            return
        held = conn.parser.unreader.buf.getvalue() if conn.parser is not None else b""
        conn._prebuf = bytearray(held)
        if held:
            conn.parser.unreader.take_buffered()
        if request_complete(bytes(conn._prebuf)):
            self._hand_over(conn)
            return
        conn.sock.setblocking(False)
        self._reading[conn] = time.monotonic()
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_request_bytes, conn))

    def _on_request_bytes(self, conn, _sock) -> None:
        try:
            data = conn.sock._sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._drop(conn)
            return
        conn._prebuf += data
        if request_complete(bytes(conn._prebuf)):
            self._unwatch(conn)
            self._hand_over(conn)

    def _hand_over(self, conn) -> None:
        """Give the collected bytes to gunicorn's parser and the connection to a thread."""
        from gunicorn import http

        if conn.parser is None:
            conn.parser = http.get_parser(self.cfg, conn.sock, conn.client)
        if conn._prebuf:
            conn.parser.unreader.unread(bytes(conn._prebuf))
        conn._prebuf = bytearray()
        conn.data_ready = True
        conn._collected = True
        self.enqueue_req(conn)

    def _unwatch(self, conn) -> None:
        self._reading.pop(conn, None)
        try:
            self.poller.unregister(conn.sock)
        except (KeyError, ValueError, OSError):
            pass

    def _drop(self, conn) -> None:
        self._unwatch(conn)
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self) -> None:
        super().murder_pending()
        now = time.monotonic()
        late = [c for c, started in self._reading.items() if now - started > self._read_timeout]
        for conn in late:
            self._drop(conn)
        if late:
            self.log.info("closed %d connection(s) that did not send a whole request within %.0f s "
                          "(REQUEST_READ_TIMEOUT)", len(late), self._read_timeout)

    # --------------------------------------------------------------------- in a thread
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
