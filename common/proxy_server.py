"""One URL in front of several ML backend replicas: Debian's nginx, configured to retry a failed call on the
next replica, for the tests, the benchmarks, and as the configuration to copy in production.

Label Studio balances nothing itself: it calls the FIRST ML backend connected to a project
(``project.ml_backend``), and when a ``/predict`` fails it logs the error, stores nothing and reports success
(``ml/models.py``, 1.23.2); its HTTP adapter retries only a connection that could not be opened, to the same URL.
So a replica that dies in the middle of "Retrieve Predictions" loses the whole batch unless the proxy re-sends
it: ``proxy_next_upstream error timeout non_idempotent`` does (``/predict`` is a POST, which nginx would
otherwise never retry; it is safe to repeat: a prediction is a pure function of the request).

    proxy = start_nginx(listen_port=9090, upstreams=["127.0.0.1:9091", "127.0.0.1:9092"])
    ...                              # connect http://127.0.0.1:9090 in Label Studio
    proxy.stop()

    >>> "non_idempotent" in nginx_config(9090, ["127.0.0.1:9091", "127.0.0.1:9092"], Path("/tmp/x"))
    True
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from common.processes import stop_popen_group

# nginx waits this long for a replica's answer: above Label Studio's ML_TIMEOUT_PREDICT (100 s) and the
# backend's gunicorn timeout (120 s), so the proxy never cuts a prediction Label Studio still waits for.
READ_TIMEOUT_S = 125


def nginx_executable() -> str:
    for candidate in ("/usr/sbin/nginx", shutil.which("nginx")):
        if candidate and os.path.exists(candidate):
            return candidate
    raise FileNotFoundError("nginx is not installed: run scripts/install_proxy.sh (Debian's nginx-light)")


def nginx_config(listen_port: int, upstreams: list[str], runtime_dir: Path, max_body_mb: int = 64,
                 worker_user: str | None = None, temp_dir: Path | None = None) -> str:
    """An nginx.conf for ``127.0.0.1:listen_port`` balancing ``upstreams`` (``host:port``), retrying on the next.

    ``max_fails=1 fail_timeout=10s``: a replica that failed once is skipped for 10 s, then tried again.
    The access log holds method, path, status and which replica answered; never a body (no prompt text).
    """
    servers = "\n".join(f"        server {u} max_fails=1 fail_timeout=10s;" for u in upstreams)
    user = f"user {worker_user};\n" if worker_user else ""
    temp = "\n".join(f"    {kind}_temp_path {(temp_dir or runtime_dir) / kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""{user}daemon off;
worker_processes 1;
pid {runtime_dir / 'nginx.pid'};
error_log {runtime_dir / 'error.log'} warn;
events {{ worker_connections 1024; }}
http {{
    log_format replicas '$time_iso8601 "$request_method $uri" $status upstream=$upstream_addr '
                        'upstream_status=$upstream_status $request_time s';
    access_log {runtime_dir / 'access.log'} replicas;
{temp}
    client_max_body_size {max_body_mb}m;   # the backend's MAX_REQUEST_MB
    upstream labelguide_backend {{
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{listen_port};
        location / {{
            proxy_pass http://labelguide_backend;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            # a replica that refuses, resets or dies mid-request: the same request goes to the next one
            proxy_next_upstream error timeout http_502 http_503 http_504 non_idempotent;
            proxy_next_upstream_tries 2;
            proxy_connect_timeout 1s;
            proxy_send_timeout {READ_TIMEOUT_S}s;
            proxy_read_timeout {READ_TIMEOUT_S}s;
        }}
    }}
}}
"""


@dataclass
class NginxServer:
    process: subprocess.Popen
    url: str
    runtime_dir: Path
    temp_dir: Path

    @property
    def access_log(self) -> Path:
        return self.runtime_dir / "access.log"

    def upstreams_used(self, path: str = "/predict") -> list[list[str]]:
        """For each logged request to ``path``, the replicas nginx tried, in order (two when it retried).

        nginx logs ``$upstream_addr`` as ``127.0.0.1:9091, 127.0.0.1:9092`` after a retry.
        """
        try:
            lines = self.access_log.read_text().splitlines()
        except OSError:
            return []
        out = []
        for line in lines:
            if f" {path}\"" in line:
                addrs = line.split("upstream=", 1)[1].split(" upstream_status=", 1)[0]
                out.append([a.strip() for a in addrs.split(",")])
        return out

    def stop(self, remove: bool = True) -> None:
        stop_popen_group(self.process, 20, signal.SIGQUIT)  # SIGQUIT: nginx finishes requests in flight
        shutil.rmtree(self.temp_dir, ignore_errors=True)
        if remove:
            shutil.rmtree(self.runtime_dir, ignore_errors=True)


def start_nginx(listen_port: int, upstreams: list[str], runtime_dir: Path | None = None,
                timeout: float = 30) -> NginxServer:
    """Start nginx in the foreground (its own process group) and wait until it accepts connections."""
    runtime_dir = Path(runtime_dir or tempfile.mkdtemp(prefix="labelguide-nginx-"))
    runtime_dir.mkdir(parents=True, exist_ok=True)
    # the request bodies nginx buffers (so that it can re-send them) go to a temp dir of its workers' own
    worker_user = None
    temp_dir = Path(tempfile.mkdtemp(prefix="labelguide-nginx-tmp-"))
    if os.geteuid() == 0:  # the master stays root, its workers drop to nobody: they must reach their temp dir
        worker_user = "nobody nogroup"
        temp_dir.chmod(0o711)
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (temp_dir / kind).mkdir(mode=0o700)
        if worker_user:
            shutil.chown(temp_dir / kind, "nobody", "nogroup")
    conf = runtime_dir / "nginx.conf"
    conf.write_text(nginx_config(listen_port, upstreams, runtime_dir, worker_user=worker_user, temp_dir=temp_dir))
    cmd = [nginx_executable(), "-p", str(runtime_dir), "-c", str(conf), "-e", str(runtime_dir / "error.log")]
    with open(runtime_dir / "nginx.out", "ab") as out:
        process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    server = NginxServer(process, f"http://127.0.0.1:{listen_port}", runtime_dir, temp_dir)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with {process.returncode}: "
                               f"{(runtime_dir / 'error.log').read_text(errors='replace')[-2000:]}")
        try:
            requests.get(server.url + "/", timeout=1)
            return server
        except requests.RequestException:
            time.sleep(0.2)
    server.stop()
    raise TimeoutError(f"nginx not listening on {server.url} after {timeout:.0f} s")
