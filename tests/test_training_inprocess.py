"""Training in this process (Flask test client, fake engines): the ``/train`` body Label Studio sends with its
webhook flag off, what a project's new version changes, malformed requests, and a hypothesis fuzz of the whole
job over arbitrary exports. The engines are fakes (``tests/backend_fakes.py``) because these tests are about the
protocol, the store and error mapping; the real engines and a real Label Studio are in
``tests/test_training_studio.py``.
"""

from __future__ import annotations

import json
import logging
import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from backend_fakes import fake_predictor
from label_config import taxonomy as T
from label_config.render import render_config
from ml_backend.app import create_app
from ml_backend.learn_project import learn_from_export
from ml_backend.model_store import ModelStore
from ml_backend.settings import Settings
from ml_backend.training_job import JobSpec, run_job

INSTRUCTION = render_config(T.INSTRUCTION)
TOXICITY = render_config(T.TOXICITY)
MARK = "qzxmark"
UID = "7.1700000000"


def _span(text: str, term: str, label: str = "Name") -> dict:
    start = text.index(term)
    return {"from_name": T.PII_SPANS, "to_name": T.PROMPT, "type": "labels",
            "value": {"start": start, "end": start + len(term), "text": term, "labels": [label]}}


def _ls_train_body(project: str = UID) -> dict:
    """What Label Studio 1.23.2 posts to /train with ff_back_dev_1417 off (ml/api_connector.py: train)."""
    texts = ["ping zorbo about the build", "can zorbo review my PR?", "zorbo broke the nightly again"]
    tasks = [{"id": i + 1, "data": {T.PROMPT: t}, "predictions": [],
              "annotations": [{"id": i + 1, "result": [_span(t, "zorbo")], "was_cancelled": False}]}
             for i, t in enumerate(texts)]
    return {"annotations": tasks, "project": project, "label_config": INSTRUCTION,
            "params": {"login": None, "password": None}}


@pytest.fixture()
def app(tmp_path):
    return create_app(Settings(model_dir=str(tmp_path / "models")), predictor=fake_predictor())


def test_train_body_from_label_studio_makes_a_new_version_for_that_project_only(app, tmp_path, caplog):
    client = app.test_client()
    base = client.get("/health").get_json()["model_version"]
    caplog.set_level(logging.INFO, logger="ml_backend")
    r = client.post("/train", json=_ls_train_body())
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["status"] == "finished" and body["model_version"].startswith(f"{base}|project-7:v0001-")
    assert client.post("/setup", json={"project": UID}).get_json()["model_version"] == body["model_version"]
    assert client.post("/setup", json={"project": "8.1700000000"}).get_json()["model_version"] == base
    r = client.post("/predict", json={"tasks": [{"id": 1, "data": {T.PROMPT: "Ask Alice Smith"}}],
                                      "project": UID, "label_config": INSTRUCTION})
    assert r.get_json()["results"][0]["model_version"] == body["model_version"]
    assert client.post("/versions", json={"project": UID}).get_json()["versions"] == [body["model_version"], base]
    status = client.post("/job_status", json={"job": body["job"]}).get_json()
    assert status["job_status"] == "finished" and status["learned"] == ["pii_terms"]
    terms = json.loads(next((tmp_path / "models" / "project-7").glob("v0001-*/pii_terms.json")).read_text())
    assert terms["always"] == {"zorbo": "Name"}
    # the same labels again: the same version (Label Studio re-predicts nothing); no leftover input files
    again = client.post("/train", json=_ls_train_body()).get_json()
    assert again["model_version"] == body["model_version"]
    assert not list((tmp_path / "models" / "project-7").glob(".train-input-*"))
    assert "zorbo" not in caplog.text


def test_a_project_recreated_under_the_same_id_gets_the_defaults(app):
    client = app.test_client()
    base = client.get("/health").get_json()["model_version"]
    assert client.post("/train", json=_ls_train_body()).status_code == 200
    assert client.post("/setup", json={"project": "7.1800000000"}).get_json()["model_version"] == base


@pytest.mark.parametrize("body", [
    {}, {"project": None}, {"project": "seven"}, {"project": {"id": -1}}, {"project": {"id": True}},
    {"project": [7]}, {"action": "START_TRAINING", "project": {"id": "7"}}])
def test_a_train_request_naming_no_project_is_422(app, body):
    r = app.test_client().post("/train", json=body)
    assert r.status_code == 422 and "'project'" in r.get_json()["error"], r.get_json()


@pytest.mark.parametrize("change", [
    {"label_config": "<View><Choices"}, {"annotations": []}, {"annotations": [{"data": 1}, "x", None]},
    {"label_config": "<View><Text name='t' value='$t'/></View>"}])
def test_a_train_body_that_teaches_nothing_is_422_with_the_reason(app, change):
    body = dict(_ls_train_body(), **change)
    r = app.test_client().post("/train", json=body)
    assert r.status_code in (422, 424), r.get_json()
    assert r.get_json()["error"] and "Traceback" not in r.get_data(as_text=True)


def test_job_status_of_an_unknown_job_is_404(app):
    r = app.test_client().post("/job_status", json={"job": "train-99-1-ab"})
    assert r.status_code == 404 and "no such training job" in r.get_json()["error"]


def test_a_failed_publish_keeps_the_serving_version(tmp_path):
    store = ModelStore(tmp_path)
    learned = learn_from_export(_ls_train_body()["annotations"], INSTRUCTION, None, project=7)
    good = store.publish(7, UID, learned.write)

    def broken(directory):
        (directory / "pii_terms.json").write_text("{}")
        raise OSError("disk full")

    with pytest.raises(OSError):
        store.publish(7, UID, broken)
    assert store.current(7, UID) == good and store.versions(7) == [good.name]
    assert not list(store.project_dir(7).glob(".tmp-*"))


_json = st.recursive(st.none() | st.booleans() | st.integers(-3, 40) | st.text(max_size=12)
                     | st.sampled_from([MARK, T.PII_SPANS, T.TOXICITY_INPUT, "labels", "choices", "Name", "2"]),
                     lambda kids: st.lists(kids, max_size=4) | st.dictionaries(
                         st.sampled_from(["data", "annotations", "result", "value", "start", "end", "text", "labels",
                                          "choices", "from_name", "type", "was_cancelled", "predictions",
                                          "parent_prediction", "id", T.PROMPT, T.CONTINUATION]), kids, max_size=5),
                     max_leaves=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tasks=st.lists(_json, max_size=6), config=st.sampled_from([INSTRUCTION, TOXICITY, "<View/>", "<View", MARK]))
def test_any_export_fails_clearly_or_trains(tmp_path_factory, tasks, config):
    """One bad record costs only itself: any export ends finished (200) or failed with a 4xx and a message that
    quotes no task text; never a fault (500), and in well under a second."""
    store = ModelStore(tmp_path_factory.mktemp("fuzz"))
    t0 = time.monotonic()
    status = run_job(JobSpec("fuzz", 5), Settings(model_dir=str(store.root)), None, store,
                     fetch=lambda _s, _p: (tasks, config, "5.1"))
    assert time.monotonic() - t0 < 5
    assert (status["state"], status["code"]) in (("finished", 200), ("failed", 422)), status
    assert MARK not in json.dumps(status)


def test_posted_tasks_are_not_left_on_disk_when_the_job_never_reads_them(tmp_path):
    """The tasks Label Studio posts to /train (their text may hold PII) are written for the training process;
    when that process ends before reading them (another replica holds the project's lock), the file is removed."""
    from ml_backend.training import Trainer, TrainingRequest
    from ml_backend.training_job import EXIT_BUSY

    store = ModelStore(tmp_path)
    seen: list[str] = []

    def busy_launcher(spec: JobSpec) -> int:
        seen.append(spec.tasks_file)
        return EXIT_BUSY

    trainer = Trainer(Settings(model_dir=str(tmp_path)), store, busy_launcher)
    body = _ls_train_body()
    outcome = trainer.start(TrainingRequest(7, UID, body["annotations"], INSTRUCTION), wait=5)
    assert outcome.status == "running" and seen and seen[0]  # "busy" is answered as running elsewhere
    assert not list(store.project_dir(7).glob(".train-input-*"))
