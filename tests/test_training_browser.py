"""Start Training clicked in Label Studio's own screen (headless Chromium): *Settings > Model*, the model card's
menu, *Start Training*, the dialog's *Start Training* button; then the project's new ``model_version`` and a
changed suggestion in the labeling screen. Real Label Studio 1.23.2, real backend (real engines).
"""

from __future__ import annotations

import pytest
import requests

from backend_server import BackendServer
from browser import open_task
from common.studio import connect_ml_backend, retrieve_predictions
from label_config import taxonomy as T
from label_config.render import render_config
from training_helpers import annotate_as_ui, latest_prediction, project_uid, setup_version, span, wait_for_training

pytestmark = [pytest.mark.studio, pytest.mark.slow]

AUTH = ("labelstudio", "training-browser-pass")
HELD_OUT = "can zorbo take the on-call shift tomorrow?"  # the team marks "zorbo" (a colleague's nickname)


@pytest.fixture(scope="module")
def backend(studio, tmp_path_factory):
    server = BackendServer.start(tmp_path_factory.mktemp("backend-ui"), env={
        "WORKERS": "1", "MODEL_DIR": str(tmp_path_factory.mktemp("models-ui")), "LABEL_STUDIO_URL": studio.url,
        "LABEL_STUDIO_API_KEY": studio.token, "BASIC_AUTH_USER": AUTH[0], "BASIC_AUTH_PASS": AUTH[1]})
    yield server
    server.stop()


def test_start_training_clicked_in_the_model_settings(studio, ls, backend, chromium, artifacts):
    import json

    from conftest import TEST_DATA

    rows = [json.loads(line) for line in (TEST_DATA / "pii_domain_ops.jsonl").read_text().splitlines()]
    rows = [r for r in rows if "zorbo" in r["text"] and "@" not in r["text"]][:6]
    project = ls.projects.create(title="training: in the browser", label_config=render_config(T.INSTRUCTION))
    ids = list(ls.projects.import_tasks(id=project.id, request=[{T.PROMPT: r["text"]} for r in rows] +
                                        [{T.PROMPT: HELD_OUT}], return_task_ids=True).task_ids)
    ml = connect_ml_backend(ls, project.id, backend.url, basic_auth=AUTH)
    retrieve_predictions(studio.url, studio.token, project.id)
    base = setup_version(backend.url, project_uid(project), AUTH)
    assert "zorbo" not in [r["value"]["text"] for r in latest_prediction(ls, ids[-1]).result if r["type"] == "labels"]
    for row, task_id in zip(rows, ids):
        annotate_as_ui(ls, task_id, [span(row["text"], s["start"], s["end"], s["label"]) for s in row["spans"]])

    with chromium.page(studio.url, studio.email, studio.password) as (page, errors):
        page.goto(f"{studio.url}/projects/{project.id}/settings/ml")
        card = page.locator("[class*='backend-card']", has_text=ml.title or "").first
        card.wait_for()
        page.screenshot(path=str(artifacts / "training_model_settings.png"))
        card.locator("[class*='backend-card__menu'] button").first.click()
        page.get_by_text("Start Training", exact=True).first.click()
        page.get_by_role("button", name="Start Training").click()
        page.get_by_text("Request Sent!").wait_for()
        page.screenshot(path=str(artifacts / "training_request_sent.png"))
        status = wait_for_training(backend.url, project.id, AUTH)
        assert status["job_status"] == "finished" and status["learned"] == ["pii_terms"], status
        version = setup_version(backend.url, project_uid(project), AUTH)
        assert version != base and version == status["model_version"]

        # the labeling screen asks the backend for the held-out task: the team's term is now suggested
        retrieve_predictions(studio.url, studio.token, project.id)
        assert latest_prediction(ls, ids[-1]).model_version == version
        open_task(page, studio.url, project.id, ids[-1], ".lsf-main-content", settle_ms=1500)
        page.screenshot(path=str(artifacts / "training_new_suggestion.png"))
        regions = page.locator("[class*='htx-highlight']", has_text="zorbo")
        assert regions.count() >= 1, "the learned term should be highlighted as a suggested region"
        assert errors == []
    r = requests.get(f"{studio.url}/api/ml/{ml.id}", headers={"Authorization": f"Token {studio.token}"}, timeout=10)
    assert r.json()["model_version"] == version  # Label Studio took the project's new version
