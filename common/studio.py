"""Talking to a Label Studio server: authentication, projects, ML backends, exports.

Used by the importers (push), the exporters (pull), the local stack and the tests. The URL and key come from
``LABEL_STUDIO_URL`` and ``LABEL_STUDIO_API_KEY`` unless given::

    ls = connect()                                   # from the environment
    project = get_or_create_project(ls, "Comparisons", render_config("comparison"))

Label Studio 1.23 turns legacy API tokens off by default; :func:`enable_legacy_tokens` turns them on with a
session login, after which the ``--user-token`` given at start works as ``Authorization: Token <t>``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from typing import Any

import requests

from common.errors import StudioError

__all__ = ["StudioError"]  # re-exported: callers catch it from here

log = logging.getLogger(__name__)

URL_ENV = "LABEL_STUDIO_URL"
KEY_ENV = "LABEL_STUDIO_API_KEY"
DEFAULT_URL = "http://localhost:8080"


def session_login(url: str, email: str, password: str, timeout: float = 30) -> requests.Session:
    """A browser-like session logged in with ``email``/``password`` (CSRF cookie + Referer, as the UI does)."""
    url = url.rstrip("/")
    s = requests.Session()
    s.get(f"{url}/user/login/", timeout=timeout).raise_for_status()
    r = s.post(
        f"{url}/user/login/",
        data={"email": email, "password": password, "csrfmiddlewaretoken": s.cookies.get("csrftoken", "")},
        headers={"Referer": f"{url}/user/login/"},
        allow_redirects=False,
        timeout=timeout,
    )
    if r.status_code != 302:
        raise StudioError(f"login to {url} as {email} failed (HTTP {r.status_code}); check the password")
    return s


def enable_legacy_tokens(url: str, email: str, password: str) -> None:
    """Turn on API tokens for the organisation of ``email`` (off by default in Label Studio 1.23)."""
    url = url.rstrip("/")
    s = session_login(url, email, password)
    r = s.post(
        f"{url}/api/jwt/settings",
        json={"api_tokens_enabled": True, "legacy_api_tokens_enabled": True},
        headers={"X-CSRFToken": s.cookies.get("csrftoken", ""), "Referer": url},
        timeout=30,
    )
    if r.status_code >= 400:
        raise StudioError(f"enabling API tokens on {url} failed (HTTP {r.status_code}): {r.text[:200]}")


def settings_from_env(url: str | None = None, api_key: str | None = None) -> tuple[str, str]:
    """``(url, api_key)`` from the arguments or the environment; a clear error when the key is missing."""
    url = (url or os.environ.get(URL_ENV) or DEFAULT_URL).rstrip("/")
    api_key = api_key or os.environ.get(KEY_ENV)
    if not api_key:
        raise StudioError(f"no Label Studio API key: pass --api-key or set {KEY_ENV} (Account & Settings > Access Token)")
    return url, api_key


def connect(url: str | None = None, api_key: str | None = None) -> Any:
    """A ``label_studio_sdk.LabelStudio`` client. ``api_key`` may be a legacy token or a personal access token."""
    from label_studio_sdk import LabelStudio

    url, api_key = settings_from_env(url, api_key)
    return LabelStudio(base_url=url, api_key=api_key)


def find_project(ls: Any, title: str) -> Any | None:
    """The first project titled exactly ``title``, or None."""
    for project in ls.projects.list(title=title):
        if project.title == title:
            return project
    return None


def get_or_create_project(ls: Any, title: str, label_config: str, description: str = "") -> tuple[Any, bool]:
    """``(project, created)``: the project titled ``title``, created with ``label_config`` when absent.

    An existing project keeps its config: changing a config under existing annotations is the user's call.
    """
    project = find_project(ls, title)
    if project is not None:
        return project, False
    return ls.projects.create(title=title, label_config=label_config, description=description), True


def connect_ml_backend(ls: Any, project_id: int, backend_url: str, title: str = "labelguide",
                       basic_auth: tuple[str, str] | None = None) -> Any:
    """Connect the ML backend at ``backend_url`` to a project; reuses a connection to the same URL.

    Label Studio calls the backend's ``/health`` and ``/setup`` here; it refuses loopback and private
    addresses unless started with ``USE_DEFAULT_BANNED_SUBNETS=false`` (see the README).

    With ``basic_auth``, the project's webhook to ``<backend>/webhook`` (which Label Studio creates when the backend
    is connected, without credentials) gets the backend's ``Authorization: Basic ...`` header, so the annotation
    events the backend counts for ``TRAIN_EVERY`` are accepted (:func:`authorize_ml_webhook`).
    """
    backend_url = backend_url.rstrip("/")
    found = None
    for ml in ls.ml.list(project=project_id):
        if (ml.url or "").rstrip("/") == backend_url:
            found = ml
            break
    if found is None:
        kwargs: dict[str, Any] = {"project": project_id, "url": backend_url, "title": title, "is_interactive": False}
        if basic_auth:
            kwargs.update(auth_method="BASIC_AUTH", basic_auth_user=basic_auth[0], basic_auth_pass=basic_auth[1])
        try:
            found = ls.ml.create(**kwargs)
        except Exception as exc:  # the SDK raises ApiError with the server's reason
            raise StudioError(f"connecting ML backend {backend_url} to project {project_id} failed: {exc}") from exc
    if basic_auth:
        authorize_ml_webhook(ls, project_id, backend_url, basic_auth)
    return found


def basic_auth_header(user: str, password: str) -> str:
    """The ``Authorization`` value of HTTP basic auth.

    >>> basic_auth_header("labelstudio", "s3cret")
    'Basic bGFiZWxzdHVkaW86czNjcmV0'
    """
    import base64

    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def authorize_ml_webhook(ls: Any, project_id: int, backend_url: str, basic_auth: tuple[str, str]) -> int:
    """Give the project's webhooks to ``<backend_url>/webhook`` the backend's basic-auth header (other headers
    kept); creates the webhook as Label Studio would (every action, with payload) when there is none. Returns
    the webhook's id. The secret is sent to Label Studio only: never logged, never in an error message.
    """
    hook_url = backend_url.rstrip("/") + "/webhook"
    header = basic_auth_header(*basic_auth)
    try:
        hooks = [h for h in ls.webhooks.list(project=str(project_id)) if (h.url or "").rstrip("/") == hook_url]
        for hook in hooks:
            headers = dict(hook.headers) if isinstance(hook.headers, dict) else {}
            if headers.get("Authorization") != header:
                ls.webhooks.update(id=hook.id, headers={**headers, "Authorization": header})
        if hooks:
            return hooks[0].id
        hook = ls.webhooks.create(project=project_id, url=hook_url, send_payload=True, send_for_all_actions=True,
                                  headers={"Authorization": header})
        return hook.id
    except Exception as exc:  # noqa: BLE001 - the SDK's ApiError: its status only (the body could echo the header)
        status = getattr(exc, "status_code", None)
        raise StudioError(f"giving project {project_id}'s webhook {hook_url} the ML backend's basic auth failed "
                          f"({f'HTTP {status}' if status else type(exc).__name__})") from None


def retrieve_predictions(url: str, api_key: str, project_id: int) -> dict:
    """Ask Label Studio to fetch predictions for every task of the project from its ML backend (one call)."""
    r = requests.post(
        f"{url.rstrip('/')}/api/dm/actions",
        params={"id": "retrieve_tasks_predictions", "project": project_id},
        json={"selectedItems": {"all": True, "excluded": []}},
        headers={"Authorization": f"Token {api_key}"},
        timeout=600,
    )
    if r.status_code >= 400:
        raise StudioError(f"retrieving predictions for project {project_id} failed (HTTP {r.status_code})")
    return r.json()


def download_export(ls: Any, project_id: int, poll_seconds: float = 0.5, timeout: float = 3600,
                    annotation_filter_options: dict | None = None, task_filter_options: dict | None = None,
                    serialization_options: dict | None = None, delete_after: bool = False) -> Iterator[bytes]:
    """Create a JSON export snapshot of the project and stream it as byte chunks (never loaded whole).

    The options are passed to the snapshot as they are: ``annotation_filter_options`` e.g. ``{"usual": True,
    "skipped": True, "ground_truth": True}`` to ask explicitly for every annotation; ``task_filter_options``
    e.g. ``{"only_with_annotations": True}``; ``serialization_options`` e.g. ``{"predictions": {"only_id":
    False}}`` for whole predictions instead of their ids. ``delete_after``: remove the snapshot from Label Studio
    once it was read (a backend that exports on every training leaves none behind).
    """
    import time

    options = {"annotation_filter_options": annotation_filter_options, "task_filter_options": task_filter_options,
               "serialization_options": serialization_options}
    extra = {k: v for k, v in options.items() if v}
    # Label Studio (open source) builds the snapshot INSIDE this request (it has no background queue), so the
    # call lasts as long as the export: about 70 s for 100,000 annotated tasks on PostgreSQL, more than the
    # SDK's default 60 s timeout (benchmarks/large_projects.py). Give it the whole ``timeout``.
    export = ls.projects.exports.create(id=project_id, title="labelguide", **extra,
                                        request_options={"timeout_in_seconds": int(timeout)})
    deadline = time.monotonic() + timeout
    while True:
        status = ls.projects.exports.get(id=project_id, export_pk=export.id).status
        if status == "completed":
            break
        if status == "failed":
            raise StudioError(f"export {export.id} of project {project_id} failed on the server")
        if time.monotonic() > deadline:
            raise StudioError(f"export {export.id} of project {project_id} not ready after {timeout:.0f} s")
        time.sleep(poll_seconds)
    try:
        yield from ls.projects.exports.download(id=project_id, export_pk=export.id, export_type="JSON")
    finally:
        if delete_after:
            try:
                ls.projects.exports.delete(id=project_id, export_pk=export.id)
            except Exception as exc:  # noqa: BLE001 - the data was read; a leftover snapshot is only clutter
                log.info("export %s of project %s not deleted (%s)", export.id, project_id, type(exc).__name__)
