"""``labelguide up|down|status``: the whole loop on this machine, on the embedded default (SQLite).

``up`` starts Label Studio (and, when installed, the ML backend) as local processes that outlive the command,
creates one project per guideline interface, and prints the address and login. A second run reuses what is
running and what exists; ``down`` stops what ``up`` started. State and logs live in ``.labelguide/``::

    .labelguide/credentials.json   the admin login and API token (generated once)
    .labelguide/state.json         pids and ports of what ``up`` started
    .labelguide/logs/*.log         one log per process
    .labelguide/label-studio/      Label Studio's data dir (SQLite database, uploads)

Everything in it is private from creation: the folders 0700, the files 0600 (a folder or file left wider by an
older version is tightened on the next run), and the processes ``up`` starts run with umask 077.
"""

from __future__ import annotations

import json
import os
import secrets
import string
from dataclasses import dataclass
from pathlib import Path

import click
import requests

from label_config import taxonomy
from label_config.render import render_config
from common.studio import (
    connect,
    connect_ml_backend,
    enable_legacy_tokens,
    get_or_create_project,
    settings_from_env,
)
from common.backend_server import backend_command, start_backend
from common.processes import alive, stop_group
from common.studio_server import private_dir, private_file, start_label_studio

__all__ = ["backend_command", "ensure_backend", "ensure_projects", "ensure_studio", "load_credentials",
           "register", "setup_projects", "stack_paths", "stop_stack"]

HOME_ENV = "LABELGUIDE_HOME"
PROJECT_PREFIX = "labelguide: "


@dataclass(frozen=True)
class StackPaths:
    """Where ``up`` keeps its state."""

    home: Path

    @property
    def credentials(self) -> Path:
        return self.home / "credentials.json"

    @property
    def state(self) -> Path:
        return self.home / "state.json"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def studio_data(self) -> Path:
        return self.home / "label-studio"

    @property
    def models(self) -> Path:
        """The backend's ``MODEL_DIR``: what "Start Training" learns for each project."""
        return self.home / "models"


def stack_paths(home: str | os.PathLike | None = None) -> StackPaths:
    return StackPaths(Path(home or os.environ.get(HOME_ENV) or ".labelguide").resolve())


PASSWORD_ALPHABET = string.ascii_letters + string.digits


def generate_password(length: int = 20) -> str:
    """A random password of letters and digits (about 119 bits): nothing a shell or an argument parser reads
    specially, so it never starts with "-".

    >>> p = generate_password(); len(p), p.isalnum()
    (20, True)
    """
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(length))


def _write_private_json(path: Path, data: dict) -> None:
    """Write ``data`` to ``path`` as JSON: a 0600 file from its creation, swapped in whole (never half written).

    A file left wider by an older version is replaced by the new 0600 one.
    """
    tmp = path.with_name(path.name + ".tmp")
    with os.fdopen(private_file(tmp, append=False), "w") as fh:
        fh.write(json.dumps(data, indent=1))
    os.replace(tmp, path)


def load_credentials(paths: StackPaths, email: str, echo=click.echo) -> dict:
    """The admin login of this stack, generated on first use and kept (0600, in a 0700 folder).

    A kept password starting with "-" (made before passwords were letters and digits only) made every start
    fail: Label Studio's argument parser read it as a flag, so it never reached the database. While Label Studio
    has no database yet, such a password is replaced; once it has one, the password is kept as it is (passed by
    environment, it works).
    """
    private_dir(paths.home)
    if paths.credentials.exists():
        creds = json.loads(paths.credentials.read_text())
        if str(creds.get("password", "")).startswith("-") and not _studio_database_exists(paths):
            creds["password"] = generate_password()
            echo("The kept admin password started with '-' and was never used: replaced with a new one.")
            _write_private_json(paths.credentials, creds)
        elif paths.credentials.stat().st_mode & 0o077:  # left 0644 by an older version
            paths.credentials.chmod(0o600)
        return creds
    creds = {"email": email, "password": generate_password(), "token": secrets.token_hex(20)}
    _write_private_json(paths.credentials, creds)
    return creds


def _studio_database_exists(paths: StackPaths) -> bool:
    return (paths.studio_data / "label_studio.sqlite3").exists()


def _read_state(paths: StackPaths) -> dict:
    return json.loads(paths.state.read_text()) if paths.state.exists() else {}


def _write_state(paths: StackPaths, state: dict) -> None:
    _write_private_json(paths.state, state)


def _healthy(url: str) -> bool:
    try:
        return requests.get(f"{url}/health", timeout=2).status_code == 200
    except requests.RequestException:
        return False


def ensure_studio(paths: StackPaths, port: int, creds: dict, echo=click.echo) -> str:
    """Label Studio on ``port``: reused when healthy, started (and waited for) otherwise. Returns its URL."""
    url = f"http://127.0.0.1:{port}"
    state = _read_state(paths)
    if _healthy(url):
        echo(f"Label Studio already running on {url}")
        enable_legacy_tokens(url, creds["email"], creds["password"])
        return url
    private_dir(paths.logs)
    log = paths.logs / "label-studio.log"
    echo(f"Starting Label Studio on {url} (log: {log}) ...")
    server = start_label_studio(paths.studio_data, port, creds["email"], creds["password"], creds["token"], log)
    state["studio"] = {"pid": server.process.pid, "port": port}
    _write_state(paths, state)
    server.wait_healthy(timeout=300)
    return url


def ensure_backend(paths: StackPaths, port: int, studio_url: str | None = None, token: str | None = None,
                   echo=click.echo) -> str | None:
    """The ML backend on ``port`` (``labelguide backend serve``'s defaults): reused when healthy, else started.

    With ``studio_url`` and ``token`` it can read Label Studio (URL tasks, and "Start Training", which fetches the
    project's annotations); both go by environment, never on its command line. Returns its URL.
    """
    url = f"http://127.0.0.1:{port}"
    if _healthy(url):
        echo(f"ML backend already running on {url}")
        return url
    log = paths.logs / "ml-backend.log"
    echo(f"Starting the ML backend on {url} (log: {log}) ...")
    env = dict(os.environ, MODEL_DIR=str(paths.models))
    if studio_url and token:
        env.update(LABEL_STUDIO_URL=studio_url, LABEL_STUDIO_API_KEY=token)
    server = start_backend(port, log, env=env)
    state = _read_state(paths)
    state["backend"] = {"pid": server.process.pid, "port": port}
    _write_state(paths, state)
    try:
        server.wait_ready(timeout=300)
    except (RuntimeError, TimeoutError) as exc:
        raise click.ClickException(f"the ML backend did not become ready ({str(exc).splitlines()[0]}); see {log}")
    return url


# Answers per task (Label Studio's maximum_annotations): every labeler answers the survey, screening and
# prompt-writing tasks once; comparisons and rankings get AGREEMENT_OVERLAP annotators so agreement can be
# measured (``projects setup --overlap N``); every other task one answer.
EVERY_LABELER = 1000
AGREEMENT_OVERLAP = 2
ONE_EACH = (taxonomy.SURVEY, taxonomy.SCREENING, taxonomy.PROMPT_WRITING)
OVERLAPPED = (taxonomy.COMPARISON, taxonomy.RANKING_ONLY)


def answers_per_task(interface: str, overlap: int = AGREEMENT_OVERLAP) -> int:
    """How many annotators each task of ``interface`` gets.

    >>> answers_per_task("survey"), answers_per_task("comparison"), answers_per_task("ranking", 3), answers_per_task("toxicity")
    (1000, 2, 3, 1)
    """
    if interface in ONE_EACH:
        return EVERY_LABELER
    return overlap if interface in OVERLAPPED else 1


def ensure_projects(ls, k: int = taxonomy.K_MAX, overlap: int | None = None) -> dict[str, int]:
    """One project per guideline interface, titled ``labelguide: <Title>``; returns {interface: project id}.

    A new project gets :func:`answers_per_task` annotators per task (comparison and ranking: ``overlap``, default
    ``AGREEMENT_OVERLAP``); an existing one keeps its settings, except that an explicit ``overlap`` is applied
    to the comparison and ranking projects.
    """
    ids = {}
    for name, iface in taxonomy.INTERFACES.items():
        project, created = get_or_create_project(ls, PROJECT_PREFIX + iface.title, render_config(name, k=k),
                                                 description=iface.description)
        if created or (overlap is not None and name in OVERLAPPED):
            ls.projects.update(id=project.id, overlap_cohort_percentage=100,
                               maximum_annotations=answers_per_task(name, overlap or AGREEMENT_OVERLAP))
        ids[name] = project.id
    return ids


def setup_projects(ls, url: str, api_key: str, backend_url: str | None, sample: bool,
                   basic_auth: tuple[str, str] | None = None, echo=click.echo,
                   overlap: int | None = None) -> dict[str, int]:
    """Create the guideline projects, connect the ML backend to each, and load the bundled sample.

    With ``basic_auth`` (the backend's BASIC_AUTH_USER/PASS) each project's webhook to the backend carries its
    ``Authorization`` header, so ``TRAIN_EVERY`` counts the annotations (the secret is never printed).

    Every step reuses what exists, so running it twice changes nothing (``overlap``: see
    :func:`ensure_projects`). Returns {interface: project id}.
    """
    projects = ensure_projects(ls, overlap=overlap)
    if backend_url:
        for name, project_id in projects.items():
            connect_ml_backend(ls, project_id, backend_url, title="labelguide", basic_auth=basic_auth)
        echo(f"ML backend {backend_url} connected to {len(projects)} projects"
             + (" (with basic auth; their webhooks send it too, for TRAIN_EVERY)" if basic_auth else ""))
    if sample:
        from labelguide.sample import load_sample

        load_sample(ls, url, api_key, projects, predictions=bool(backend_url), echo=echo)
    return projects


def stop_stack(paths: StackPaths, echo=click.echo) -> None:
    """Stop every process ``up`` started (recorded in state.json)."""
    state = _read_state(paths)
    for name in ("backend", "studio"):
        pid = state.get(name, {}).get("pid")
        if alive(pid):
            echo(f"Stopping {name} (pid {pid})")
            stop_group(pid, timeout=10)
        state.pop(name, None)
    if paths.state.exists():
        _write_state(paths, state)
    echo("Stopped.")


def register(main: click.Group) -> None:
    """Mount ``up``, ``down`` and ``status`` on the root command."""

    @main.command()
    @click.option("--port", default=8080, show_default=True, help="Label Studio port (loopback).")
    @click.option("--backend-port", default=9090, show_default=True, help="ML backend port (loopback).")
    @click.option("--backend/--no-backend", default=True, show_default=True, help="Start the ML backend.")
    @click.option("--sample/--no-sample", default=True, show_default=True,
                  help="Import the bundled sample (idempotent) and retrieve pre-annotations.")
    @click.option("--email", default="admin@example.com", show_default=True, help="Admin login (first run only).")
    @click.option("--home", type=click.Path(file_okay=False), default=None,
                  help=f"State and logs folder [default: ${HOME_ENV} or ./.labelguide].")
    def up(port: int, backend_port: int, backend: bool, sample: bool, email: str, home: str | None) -> None:
        """Start Label Studio (SQLite) and the ML backend, create the guideline projects, print the login.

        A second run reuses what is running and what exists.

        \b
        Example:
          labelguide up --port 8080
        """
        paths = stack_paths(home)
        creds = load_credentials(paths, email)
        url = ensure_studio(paths, port, creds)
        ls = connect(url, creds["token"])
        backend_url = ensure_backend(paths, backend_port, url, creds["token"]) if backend else None
        projects = setup_projects(ls, url, creds["token"], backend_url, sample)
        click.echo("")
        click.echo(f"Label Studio: {url}")
        click.echo(f"  login:    {creds['email']}")
        click.echo(f"  password: {creds['password']}   (kept in {paths.credentials})")
        click.echo(f"  API key:  {creds['token']}   (LABEL_STUDIO_API_KEY)")
        if backend_url:
            click.echo(f"ML backend: {backend_url}")
        for name, pid in projects.items():
            click.echo(f"  project {pid:>3}  {name:<15} {url}/projects/{pid}/data")
        click.echo(f"Logs: {paths.logs}   Stop with: labelguide down")

    @main.group()
    def projects() -> None:
        """The guideline projects on any Label Studio (yours, or the one `up` started)."""

    @projects.command("setup")
    @click.option("--ml-backend", "backend_url", default=None, help="ML backend URL to connect to every project.")
    @click.option("--sample/--no-sample", default=False, show_default=True,
                  help="Import the bundled sample and retrieve pre-annotations.")
    @click.option("--url", default=None, help="Label Studio URL [default: $LABEL_STUDIO_URL].")
    @click.option("--api-key", default=None, help="Label Studio API key [default: $LABEL_STUDIO_API_KEY].")
    @click.option("--overlap", type=click.IntRange(1, EVERY_LABELER), default=None,
                  help=f"Annotators per comparison and ranking task, so agreement can be measured [new projects: "
                       f"{AGREEMENT_OVERLAP}]; given, it also updates existing ones. Survey, screening and "
                       f"prompt writing take one answer from every labeler, the rest one answer per task.")
    def projects_setup(backend_url: str | None, sample: bool, url: str | None, api_key: str | None,
                       overlap: int | None) -> None:
        """Create one project per guideline interface (reusing existing ones) and connect the ML backend.

        With LABEL_STUDIO_USERNAME and LABEL_STUDIO_PASSWORD set, API tokens are first turned on for the
        organisation (Label Studio 1.23 ships with them off). With the backend's BASIC_AUTH_USER and
        BASIC_AUTH_PASS set, Label Studio calls it with them, and each project's webhook to the backend sends
        them too (the backend's TRAIN_EVERY counts those annotation events); they are never printed.

        \b
        Example:
          LABEL_STUDIO_URL=http://localhost:8080 LABEL_STUDIO_API_KEY=... \\
            labelguide projects setup --ml-backend http://localhost:9090 --overlap 3
        """
        url, api_key = settings_from_env(url, api_key)
        user, password = os.environ.get("LABEL_STUDIO_USERNAME"), os.environ.get("LABEL_STUDIO_PASSWORD")
        if user and password:
            enable_legacy_tokens(url, user, password)
        auth = (os.environ["BASIC_AUTH_USER"], os.environ.get("BASIC_AUTH_PASS", "")) \
            if os.environ.get("BASIC_AUTH_USER") else None
        ids = setup_projects(connect(url, api_key), url, api_key, backend_url, sample, basic_auth=auth,
                             overlap=overlap)
        for name, pid in ids.items():
            click.echo(f"project {pid:>3}  {name:<15} {url}/projects/{pid}/data")

    @main.command()
    @click.option("--home", type=click.Path(file_okay=False), default=None, help="State folder used by `up`.")
    def down(home: str | None) -> None:
        """Stop what `labelguide up` started (Label Studio and the ML backend).

        \b
        Example:
          labelguide down
        """
        stop_stack(stack_paths(home))

    @main.command()
    @click.option("--home", type=click.Path(file_okay=False), default=None, help="State folder used by `up`.")
    def status(home: str | None) -> None:
        """Show what `labelguide up` started and whether it answers.

        \b
        Example:
          labelguide status
        """
        state = _read_state(stack_paths(home))
        if not state:
            click.echo("Nothing started (run `labelguide up`).")
        for name, info in state.items():
            ok = alive(info.get("pid")) and _healthy(f"http://127.0.0.1:{info['port']}")
            click.echo(f"{name:<8} pid {info.get('pid')}  port {info['port']}  {'up' if ok else 'down'}")
