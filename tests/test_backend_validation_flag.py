"""Label Studio's own prediction validation ON (feature flag ``fflag_feat_utc_210_prediction_validation_15082025``,
off by default in 1.23.2; Label Studio reads a flag from an environment variable of the same name): every
guideline interface's Retrieve Predictions succeeds and stores only valid predictions.

Without the backend's check, the comparison project's Retrieve failed with 400 and stored nothing: the SDK's
``LabelInterface`` does not expand Repeater names, so ``inappropriate_1`` is "not found in configuration".
This module starts its own Label Studio with the flag (the session's server keeps Label Studio's defaults).
"""

from __future__ import annotations

import secrets

import pytest
import requests

from backend_server import BackendServer
from common.studio import connect, retrieve_predictions
from common.studio_server import free_port, start_label_studio
from label_config import taxonomy as T

FLAG = "fflag_feat_utc_210_prediction_validation_15082025"


@pytest.fixture(scope="module")
def flagged_studio(tmp_path_factory):
    server = start_label_studio(tmp_path_factory.mktemp("ls-validation"), port=free_port(),
                                email="validator@example.com", password=secrets.token_urlsafe(12),
                                token=secrets.token_hex(20), extra_env={FLAG: "true"})
    try:
        server.wait_healthy(timeout=300)
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    server = BackendServer.start(tmp_path_factory.mktemp("backend-validation"))
    yield server
    server.stop()


@pytest.mark.studio
@pytest.mark.slow
def test_every_interface_retrieves_valid_predictions_with_validation_on(flagged_studio, backend):
    from label_studio_sdk.label_interface import LabelInterface

    from labelguide.stack import setup_projects

    ls = connect(flagged_studio.url, flagged_studio.token)
    # all eight guideline projects, the backend connected, the bundled sample imported (comparisons with
    # K = 4..9 outputs, some of them toxic) and predictions retrieved for the predicted interfaces
    projects = setup_projects(ls, flagged_studio.url, flagged_studio.token, backend.url, sample=True,
                              echo=lambda _: None)
    headers = {"Authorization": f"Token {flagged_studio.token}"}
    # one more comparison whose second output is clearly toxic after a clean prompt: the backend's evidence for
    # inappropriate_1, the region Label Studio's check refuses
    outputs = [{T.OUTPUT_ID: "o0", T.OUTPUT_TITLE: "Output A", T.OUTPUT_BODY: "Dear landlord, the heating is broken."},
               {T.OUTPUT_ID: "o1", T.OUTPUT_TITLE: "Output B",
                T.OUTPUT_BODY: "Shut up, you worthless fucking idiot, nobody cares about your stupid heating."},
               {T.OUTPUT_ID: "o2", T.OUTPUT_TITLE: "Output C", T.OUTPUT_BODY: "Write to them today."},
               {T.OUTPUT_ID: "o3", T.OUTPUT_TITLE: "Output D", T.OUTPUT_BODY: "Call the landlord."}]
    ls.projects.import_tasks(id=projects[T.COMPARISON], request=[{
        T.PROMPT: "Help me write a letter to my landlord about the heating.", T.OUTPUTS: outputs,
        T.RANK_OPTIONS: T.rank_options(len(outputs))}])
    stored = {}
    for interface, project_id in projects.items():
        retrieve_predictions(flagged_studio.url, flagged_studio.token, project_id)  # raises on a 400
        config = requests.get(f"{flagged_studio.url}/api/projects/{project_id}", headers=headers,
                              timeout=30).json()["label_config"]
        li = LabelInterface(config)
        tasks = list(ls.tasks.list(project=project_id))
        preds = [p for t in tasks for p in ls.predictions.list(task=t.id)]
        for p in preds:
            assert li.validate_prediction({"result": p.result, "score": p.score}, return_errors=True) == []
            assert p.result, f"{interface}: an empty prediction was stored"
        stored[interface] = (len(tasks), len(preds))
    for interface in (T.INSTRUCTION, T.COMPARISON, T.TOXICITY):
        tasks, preds = stored[interface]
        assert tasks > 0 and preds == tasks, (interface, stored)
    for interface, (tasks, preds) in stored.items():
        if interface not in (T.INSTRUCTION, T.COMPARISON, T.TOXICITY):
            assert preds == 0, (interface, stored)  # nothing to fill: no empty "0.00%" prediction (issue 9.7)
    assert "refused_controls=inappropriate_{i}" in backend.log()
