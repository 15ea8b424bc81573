"""Task data behind URLs: fetch the document of a ``valueType="url"`` field so it can be predicted on.

A value is fetched when it is an ``http(s)://`` URL, or a path on Label Studio (``/data/upload/3/notes.txt``,
what Label Studio stores for an uploaded file), joined to ``LABEL_STUDIO_URL``. The rules:

- **Hosts.** Label Studio's own host (from ``LABEL_STUDIO_URL``) is always allowed, whatever its address (it is
  usually on loopback or a private network); it alone receives the API key (``LABEL_STUDIO_API_KEY``: a legacy
  token is sent as ``Token``, a personal access token is exchanged for a short-lived ``Bearer`` token). Other
  hosts only when listed in ``URL_ALLOWED_HOSTS`` (``files.example.com``, ``*.example.com``), and then only if
  EVERY address the name resolves to is public: loopback, private, link-local, shared (100.64/10), reserved,
  multicast, benchmark (198.18/15), documentation ranges and their IPv4-mapped, 6to4, Teredo and NAT64 forms
  are refused. The check runs on the address actually connected to (no gap for DNS rebinding).
- **Limits.** At most ``URL_MAX_BYTES`` per document, ``URL_TIMEOUT`` seconds each, no redirects followed, and
  at most ``MAX_REQUEST_MB`` fetched per request; a document longer than ``MAX_TEXT_CHARS`` is refused.
- **Logs.** A refusal names the task, the field and the reason, never the URL, its content or the key.

    >>> fetcher = Fetcher(Settings(label_studio_url="http://ls:8080", url_allowed_hosts=("*.example.org",)))
    >>> fetcher.target("/data/upload/3/a.txt"), fetcher.target("https://cdn.example.org/x.txt")
    ('http://ls:8080/data/upload/3/a.txt', 'https://cdn.example.org/x.txt')
    >>> is_public_address("::ffff:127.0.0.1"), is_public_address("8.8.8.8")
    (False, True)
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from ml_backend.config_reader import UNDEFINED_KEY, ConfigControls, Repeat, TaskDataError, TextSource, _walk
from ml_backend.settings import Settings

FETCH_THREADS = 8
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
# Refused on top of what ``ipaddress`` calls not global (it lets some of these through, e.g. 192.0.0.8).
_ALSO_REFUSED = tuple(ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "198.18.0.0/15",
    "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/3", "100::/64", "2001::/23", "2001:db8::/32", "2002::/16",
    "fc00::/7", "fe80::/10", "ff00::/8"))


class FetchError(ValueError):
    """A document could not or may not be fetched; the message names the reason, never the URL or content."""


def is_public_address(address: str) -> bool:
    """True only for a globally routable unicast address, looking through IPv6 transition forms."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or (ip.sixtofour if ip.sixtofour else None)
        if ip.teredo:
            embedded = ip.teredo[1]
        if ip in _NAT64 or ip in _NAT64_LOCAL:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None and not is_public_address(str(embedded)):
            return False
        if int(ip) >> 96 == 0:  # ::/96, IPv4-compatible and unspecified
            return False
    if any(ip in net for net in _ALSO_REFUSED if net.version == ip.version):
        return False
    return bool(ip.is_global and not ip.is_multicast and not ip.is_reserved and not ip.is_link_local)


def _guarded_classes(fetcher: Fetcher) -> tuple[type, type]:
    """Connection pools whose connections check the address they connect to."""

    def new_conn(self) -> socket.socket:
        host = (self.host or "").lower()
        infos = socket.getaddrinfo(self._dns_host, self.port, type=socket.SOCK_STREAM)
        if not fetcher.is_own_host(host) and not all(is_public_address(i[4][0]) for i in infos):
            raise FetchError("the host resolves to a private or reserved address")
        last: Exception | None = None
        for family, kind, proto, _, address in infos:
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(self.timeout if isinstance(self.timeout, (int, float)) else None)
                sock.connect(address)
                return sock
            except OSError as exc:
                sock.close()
                last = exc
        raise urllib3.exceptions.NewConnectionError(self, f"could not connect ({type(last).__name__})")

    http_conn = type("GuardedHTTPConnection", (HTTPConnection,), {"_new_conn": new_conn})
    https_conn = type("GuardedHTTPSConnection", (HTTPSConnection,), {"_new_conn": new_conn})
    return (type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn}),
            type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn}))


class Fetcher:
    """Fetches documents for tasks under the rules of the module doc. Thread-safe."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        own = urlsplit(settings.label_studio_url) if settings.label_studio_url else None
        self.own_host = own.hostname.lower() if own and own.hostname else None
        http_pool, https_pool = _guarded_classes(self)
        self._http = urllib3.PoolManager(num_pools=16, maxsize=FETCH_THREADS, retries=False)
        self._http.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}
        self._bearer: tuple[str, float] | None = None
        self._lock = threading.Lock()

    def is_own_host(self, host: str) -> bool:
        return self.own_host is not None and host.lower() == self.own_host

    def _host_allowed(self, host: str) -> bool:
        host = host.lower()
        if self.is_own_host(host):
            return True
        for allowed in self.settings.url_allowed_hosts:
            if host == allowed or (allowed.startswith("*.") and host.endswith(allowed[1:])):
                return True
        return False

    def target(self, value: str) -> str:
        """The URL to fetch for a task value; :class:`FetchError` when it is none or not allowed."""
        value = value.strip()
        if value.startswith("/") and not value.startswith("//"):
            if not self.settings.label_studio_url:
                raise FetchError("it is a Label Studio path and LABEL_STUDIO_URL is not set")
            value = urljoin(self.settings.label_studio_url + "/", value.lstrip("/"))
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("it is not an http(s) URL or a Label Studio path (cloud storage URIs are not fetched)")
        if parts.username or parts.password:
            raise FetchError("URLs with credentials are not fetched")
        if not self._host_allowed(parts.hostname):
            raise FetchError("its host is neither Label Studio's nor listed in URL_ALLOWED_HOSTS")
        return value

    def _auth_header(self) -> dict[str, str]:
        key = self.settings.label_studio_api_key
        if not key:
            return {}
        if key.count(".") != 2:  # a legacy token
            return {"Authorization": f"Token {key}"}
        with self._lock:  # a personal access token (a JWT refresh token): exchange it, keep the access token
            if self._bearer and self._bearer[1] > time.monotonic():
                return {"Authorization": f"Bearer {self._bearer[0]}"}
            r = self._http.request("POST", f"{self.settings.label_studio_url}/api/token/refresh",
                                   json={"refresh": key}, timeout=urllib3.Timeout(total=self.settings.url_timeout))
            access = r.json().get("access") if r.status == 200 else None
            if not isinstance(access, str):
                raise FetchError(f"Label Studio refused LABEL_STUDIO_API_KEY (HTTP {r.status})")
            self._bearer = (access, time.monotonic() + 240)
            return {"Authorization": f"Bearer {access}"}

    def fetch_text(self, value: str, budget: list[int]) -> str:
        """The document behind ``value`` as text. ``budget`` = [bytes this request may still fetch]."""
        url = self.target(value)
        headers = self._auth_header() if self.is_own_host(urlsplit(url).hostname or "") else {}
        limit, timeout = self.settings.url_max_bytes, self.settings.url_timeout
        deadline = time.monotonic() + timeout
        try:
            r = self._http.request("GET", url, headers=headers, preload_content=False, redirect=False,
                                   timeout=urllib3.Timeout(connect=min(3.0, timeout), read=timeout))
        except FetchError:
            raise
        except Exception as exc:  # noqa: BLE001 - name the kind of failure only
            cause = exc.reason if isinstance(getattr(exc, "reason", None), FetchError) else None
            if cause is not None:  # refused by the address check inside urllib3
                raise FetchError(str(cause)) from None
            raise FetchError(f"fetching failed ({type(exc).__name__})") from None
        try:
            if r.status != 200:
                raise FetchError(f"the server answered HTTP {r.status}" + (" (redirects are not followed)"
                                                                          if 300 <= r.status < 400 else ""))
            body = bytearray()
            while True:
                chunk = r.read1(65536)  # what has arrived (each read bounded by the socket timeout)
                if not chunk:
                    break
                body += chunk
                if len(body) > limit:
                    raise FetchError(f"the document is larger than URL_MAX_BYTES ({limit} bytes)")
                if time.monotonic() > deadline:
                    raise FetchError(f"the document took longer than URL_TIMEOUT ({timeout:g} s)")
            with self._lock:
                if budget[0] < len(body):
                    raise FetchError("this request fetched its limit (MAX_REQUEST_MB); retrieve again for the rest")
                budget[0] -= len(body)
        except FetchError:
            raise
        except Exception as exc:  # noqa: BLE001
            if "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower():
                raise FetchError(f"the document took longer than URL_TIMEOUT ({timeout:g} s)") from None
            raise FetchError(f"reading the document failed ({type(exc).__name__})") from None
        finally:
            r.release_conn()
        return _decode(bytes(body), r.headers.get("Content-Type", ""))


def _decode(body: bytes, content_type: str) -> str:
    charset = "utf-8"
    for part in content_type.split(";")[1:]:
        key, _, val = part.strip().partition("=")
        if key.lower() == "charset" and val:
            charset = val.strip("\"' ").lower()
    try:
        text = body.decode(charset)
    except (LookupError, UnicodeDecodeError):
        raise FetchError(f"the document is not text in {charset}") from None
    return text[1:] if text.startswith("\ufeff") else text


def _concrete(source: TextSource, data: Any) -> list[tuple]:
    """The concrete paths of ``source`` in ``data`` (one per output inside a Repeater)."""
    if source.flag is None:
        return [source.path]
    head = source.path[: next(i for i, p in enumerate(source.path) if isinstance(p, Repeat))]
    items = _walk(data, head)
    if not isinstance(items, list):
        raise TaskDataError("a Repeater field is not a list")
    return [tuple(i if isinstance(p, Repeat) else p for p in source.path) for i in range(len(items))]


def _replace(data: Any, path: tuple, value: str) -> Any:
    """A copy of ``data`` with ``value`` at ``path`` (only the containers on the path are copied)."""
    if not path:
        return value
    step, rest = path[0], path[1:]
    copy = list(data) if isinstance(data, list) else dict(data)
    if isinstance(data, dict) and step not in data and UNDEFINED_KEY in data:  # read from there (_walk)
        copy[UNDEFINED_KEY] = _replace(data[UNDEFINED_KEY], rest, value)
        return copy
    copy[step] = _replace(data[step], rest, value)
    return copy


def fetch_tasks(tasks: list[Any], controls: ConfigControls, fetcher: Fetcher, max_text_chars: int,
                total_bytes: int) -> tuple[list[Any], dict[int, str]]:
    """Tasks with every URL field replaced by its document's text, and ``{position: reason}`` for the rest."""
    sources = controls.url_sources
    budget = [total_bytes]

    def one(task: Any) -> Any:
        data = task.get("data") if isinstance(task, dict) else None
        if not isinstance(data, dict):
            return task  # the predictor names this problem itself
        for source in sources:
            for path in _concrete(source, data):
                value = _walk(data, path)
                where = TextSource(source.object_name, path).describe()
                if not isinstance(value, str):
                    raise TaskDataError(f"field {where!r} should hold a URL, not a {type(value).__name__}")
                try:
                    text = fetcher.fetch_text(value, budget)
                except FetchError as exc:
                    raise TaskDataError(f"field {where!r}: not fetched: {exc}") from None
                if len(text) > max_text_chars:
                    raise TaskDataError(f"field {where!r}: the document holds {len(text)} characters, more than "
                                        f"the limit of {max_text_chars} (MAX_TEXT_CHARS)")
                data = _replace(data, path, text)
        return dict(task, data=data)

    out: list[Any] = list(tasks)
    problems: dict[int, str] = {}
    with ThreadPoolExecutor(max_workers=min(FETCH_THREADS, max(1, len(tasks)))) as pool:
        futures = {pool.submit(one, task): i for i, task in enumerate(tasks)}
        for future, i in futures.items():
            try:
                out[i] = future.result()
            except TaskDataError as exc:
                problems[i] = str(exc)
    return out, problems
