"""Task documents behind URLs (ml_backend.fetch) against a real local HTTP server standing in for a file host:
only Label Studio's host by default, never a private address for any other host, size and time limits, no
redirects, the API key only to Label Studio, nothing of the URL or content in the log."""

from __future__ import annotations

import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from label_config import taxonomy as T
from label_config.render import render_config
from ml_backend.config_reader import read_config
from ml_backend.fetch import Fetcher, FetchError, fetch_tasks, is_public_address
from ml_backend.settings import Settings

SECRET_TEXT = "Call Jane Doe at jane.doe@gmail.com"
URL_CONFIG = render_config(T.INSTRUCTION).replace('value="$prompt"', 'value="$prompt" valueType="url"', 1)


class _Handler(BaseHTTPRequestHandler):
    seen_auth: list = []

    def do_GET(self):  # noqa: N802 - http.server's name
        _Handler.seen_auth.append(self.headers.get("Authorization"))
        if self.path.startswith("/data/upload/"):
            body = SECRET_TEXT.encode()
        elif self.path == "/big":
            body = b"x" * 5000
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/data/upload/a.txt")
            self.end_headers()
            return
        elif self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            for _ in range(20):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
            return
        elif self.path == "/latin1":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=latin-1")
            self.end_headers()
            self.wfile.write("café".encode("latin-1"))
            return
        elif self.path == "/binary":
            body = b"\xff\xfe\x00\x81"
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def host():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _fetcher(host, url_timeout=1.0, **kw):
    return Fetcher(Settings(label_studio_url=host, label_studio_api_key="legacy-token-123", url_max_bytes=1000,
                            url_timeout=url_timeout, **kw))


def test_label_studio_paths_and_urls_on_its_host_are_fetched_with_the_key(host):
    f = _fetcher(host)
    _Handler.seen_auth.clear()
    assert f.fetch_text("/data/upload/3/note.txt", [10**6]) == SECRET_TEXT
    assert f.fetch_text(f"{host}/data/upload/3/note.txt", [10**6]) == SECRET_TEXT
    assert _Handler.seen_auth == ["Token legacy-token-123"] * 2
    assert f.fetch_text(f"{host}/latin1", [10**6]) == "café"


@pytest.mark.parametrize(("path", "reason"), [
    ("/big", "larger than URL_MAX_BYTES"),
    ("/redirect", "HTTP 302 (redirects are not followed)"),
    ("/slow", "URL_TIMEOUT"),
    ("/missing", "HTTP 404"),
    ("/binary", "not text in utf-8"),
])
def test_limits_name_the_reason_never_the_content(host, path, reason):
    t0 = time.monotonic()
    with pytest.raises(FetchError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        _fetcher(host).fetch_text(path, [10**6])
    assert time.monotonic() - t0 < 3.0


@pytest.mark.parametrize(("value", "reason"), [
    ("http://localhost.other.example/x", "neither Label Studio's nor listed"),
    ("s3://bucket/key.txt", "not an http(s) URL"),
    ("file:///etc/passwd", "not an http(s) URL"),
    ("http://user:pw@127.0.0.1/x", "credentials"),
    ("//evil.example/x", "not an http(s) URL"),  # scheme-relative: not joined to Label Studio
])
def test_other_hosts_and_schemes_are_refused_by_default(host, value, reason):
    with pytest.raises(FetchError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        _fetcher(host).target(value)


def test_an_allowed_host_that_resolves_to_a_private_address_is_refused(host):
    """URL_ALLOWED_HOSTS opens a name, not the private network behind it: localhost resolves to loopback."""
    port = host.rsplit(":", 1)[1]
    f = Fetcher(Settings(label_studio_url="http://ls.invalid:8080", url_allowed_hosts=("localhost",)))
    _Handler.seen_auth.clear()
    with pytest.raises(FetchError, match="private or reserved address"):
        f.fetch_text(f"http://localhost:{port}/data/upload/a.txt", [10**6])
    assert _Handler.seen_auth == []  # refused before connecting


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
    "192.0.0.8", "198.18.0.1", "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "::ffff:127.0.0.1",
    "::ffff:10.0.0.1", "2002:7f00:1::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "64:ff9b::a00:1",
    "fc00::1", "fe80::1", "ff02::1", "2001:db8::1", "::127.0.0.1"])
def test_every_reserved_range_and_transition_form_is_refused(address):
    assert not is_public_address(address)


def test_public_addresses_pass():
    assert all(is_public_address(a) for a in ("8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"))


def test_fetch_tasks_replaces_the_url_with_the_text_and_names_bad_tasks(host, caplog):
    caplog.set_level(logging.DEBUG)
    controls = read_config(URL_CONFIG)
    tasks = [{"id": 1, "data": {T.PROMPT: "/data/upload/1/a.txt"}},
             {"id": 2, "data": {"$undefined$": f"{host}/data/upload/1/b.txt"}},
             {"id": 3, "data": {T.PROMPT: f"{host}/big"}},
             {"id": 4, "data": {T.PROMPT: 7}}]
    out, problems = fetch_tasks(tasks, controls, _fetcher(host, url_timeout=30), max_text_chars=50_000,
                                total_bytes=10**6)
    assert out[0]["data"][T.PROMPT] == SECRET_TEXT and out[1]["data"]["$undefined$"] == SECRET_TEXT
    assert tasks[0]["data"][T.PROMPT] == "/data/upload/1/a.txt"  # the caller's tasks are not changed
    assert set(problems) == {2, 3}
    assert "URL_MAX_BYTES" in problems[2] and "should hold a URL, not a int" in problems[3]
    assert "Jane" not in caplog.text and "legacy-token" not in caplog.text


def test_a_request_cannot_fetch_more_than_its_budget(host):
    controls = read_config(URL_CONFIG)
    tasks = [{"id": i, "data": {T.PROMPT: "/data/upload/1/a.txt"}} for i in range(10)]
    _, problems = fetch_tasks(tasks, controls, _fetcher(host, url_timeout=30), 50_000,
                              total_bytes=3 * len(SECRET_TEXT))
    assert len(problems) == 7 and all("MAX_REQUEST_MB" in p for p in problems.values()), problems
