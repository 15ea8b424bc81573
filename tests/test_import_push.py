"""Pushing into a REAL Label Studio 1.23.2 (the session's ``studio``): import, re-import, interrupted + resumed."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from importers.pipeline import ImportOptions, import_prompts
from importers.push import existing_external_ids, push_tasks
from label_config import taxonomy as T
from label_config.render import render_config
from labelguide.cli import main
from common.studio import StudioError, find_project

pytestmark = pytest.mark.studio

DATA = Path(__file__).resolve().parent / "data"
OASST = Path(__file__).resolve().parents[2] / "shared" / "data" / "oasst_en_100_trees.jsonl"


def _tasks(ls, project_id):
    return list(ls.tasks.list(project=project_id, fields="all"))


def _ext_ids(tasks):
    return [t.data[T.EXTERNAL_ID] for t in tasks]


def test_import_then_reimport_adds_nothing(ls, studio, tmp_path):
    title = "import-instruction"
    env = {"LABEL_STUDIO_URL": studio.url, "LABEL_STUDIO_API_KEY": studio.token}
    args = ["import", "prompts", str(DATA / "import_prompts.jsonl"), "--project", title, "--pii", "keep",
            "--batch-size", "4", "--out", str(tmp_path / "kept")]
    first = CliRunner().invoke(main, args, env=env, catch_exceptions=False)
    assert first.exit_code == 0, first.output
    assert f"Label Studio project '{title}'" in first.output and "created" in first.output
    project = find_project(ls, title)
    tasks = _tasks(ls, project.id)
    report = json.loads((tmp_path / "kept" / "report.json").read_text())
    assert len(tasks) == report["counts"]["tasks"] == report["push"]["imported"] == 9
    assert report["push"]["batches"] == 3
    assert ls.projects.get(id=project.id).label_config.strip() == render_config(T.INSTRUCTION).strip()
    by_ext = {t.data[T.EXTERNAL_ID]: t.data for t in tasks}
    assert len(by_ext) == 9 and all(d[T.SPLIT] in ("train", "valid", "test") for d in by_ext.values())

    second = CliRunner().invoke(main, args + ["--json"], env=env, catch_exceptions=False)
    push = json.loads(second.output)["push"]
    assert (push["created"], push["imported"], push["existing"], push["batches"]) == (False, 0, 9, 0)
    assert sorted(_ext_ids(_tasks(ls, project.id))) == sorted(by_ext)


class Stop(RuntimeError):
    """Injected after the first batch: the push stops like a crash half way."""


@pytest.mark.skipif(not OASST.exists(), reason="shared OpenAssistant sample not available")
def test_interrupted_import_resumes_exactly(ls):
    title = "import-oasst-resume"
    options = ImportOptions(interface=T.COMPARISON, pii="keep", min_outputs=2)

    def stop_after_first(batch: int, imported: int) -> None:
        if batch == 1:
            raise Stop("injected failure after batch 1")

    with pytest.raises(Stop):
        import_prompts(OASST, ls, title, options, batch_size=50, progress=False, after_batch=stop_after_first)
    project = find_project(ls, title)
    assert len(_tasks(ls, project.id)) == 50

    report = import_prompts(OASST, ls, title, options, batch_size=50, progress=False)
    assert report.push["existing"] == 50 and report.push["imported"] == 164 and report.push["created"] is False
    tasks = _tasks(ls, project.id)
    ids = _ext_ids(tasks)
    assert len(tasks) == 214 and len(set(ids)) == 214  # exact count, no duplicates
    config = ls.projects.get(id=project.id).label_config
    assert f'value="${T.RANK_OPTIONS}"' in config and "<Ranker" not in config  # ranks 1..K from each task
    with_pred = [t for t in tasks if t.predictions]
    assert len(with_pred) == 212
    pred = with_pred[0].predictions[0]
    pred = pred if isinstance(pred, dict) else pred.dict()
    assert pred["model_version"] == "oasst-human-rank"
    assert all(T.output_index(r["from_name"], T.OUTPUT_RANK) is not None and r["type"] == "choices"
               for r in pred["result"])
    k = len(with_pred[0].data[T.OUTPUTS])
    assert {r["value"]["choices"][0] for r in pred["result"]} <= {str(i) for i in range(1, k + 1)}


def test_a_failing_batch_keeps_earlier_batches_and_a_rerun_completes(ls):
    title = "import-failing-batch"
    good = [{"data": {T.PROMPT: f"prompt {i}", T.EXTERNAL_ID: f"ext-{i}"}} for i in range(6)]
    bad = {"data": {T.PROMPT: "x", T.EXTERNAL_ID: "ext-bad"}, "annotations": "not a list"}  # the server refuses it
    with pytest.raises(StudioError, match="batch 2"):
        push_tasks(ls, title, T.INSTRUCTION, good[:3] + [bad] + good[3:], batch_size=3, progress=False)
    project = find_project(ls, title)
    assert sorted(existing_external_ids(ls, project.id)) == ["ext-0", "ext-1", "ext-2"]
    result = push_tasks(ls, title, T.INSTRUCTION, good, batch_size=3, progress=False)
    assert (result.existing, result.imported) == (3, 3)
    assert sorted(_ext_ids(_tasks(ls, project.id))) == sorted(t["data"][T.EXTERNAL_ID] for t in good)


def test_a_project_of_another_interface_is_refused(ls):
    title = "import-wrong-interface"
    push_tasks(ls, title, T.TOXICITY, [{"data": {T.PROMPT: "a", T.CONTINUATION: "b", T.EXTERNAL_ID: "t1"}}],
               progress=False)
    with pytest.raises(StudioError, match="another interface"):
        push_tasks(ls, title, T.INSTRUCTION, [{"data": {T.PROMPT: "a", T.EXTERNAL_ID: "i1"}}], progress=False)


class _Backend(BaseHTTPRequestHandler):
    """The smallest ML backend Label Studio accepts: /health and /setup (what connecting calls)."""

    calls: list[str] = []

    def _send(self, body: dict) -> None:
        raw = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def do_GET(self) -> None:  # noqa: N802
        self.calls.append(self.path)
        self._send({"status": "UP", "model_class": "stub"})

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.calls.append(self.path)
        self._send({"model_version": "stub-1"})

    def log_message(self, *args) -> None:
        pass


def test_ml_backend_is_connected(ls, tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Backend)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        src = tmp_path / "p.jsonl"
        src.write_text(json.dumps({"prompt": "Name three rivers.", "user_id": "u1"}) + "\n")
        report = import_prompts(src, ls, "import-ml-backend", ImportOptions(pii="keep"), ml_backend=url,
                                progress=False)
        assert report.push["ml_backend"] == url
        project = find_project(ls, "import-ml-backend")
        assert [m.url.rstrip("/") for m in ls.ml.list(project=project.id)] == [url]
        assert "/setup" in _Backend.calls
        import_prompts(src, ls, "import-ml-backend", ImportOptions(pii="keep"), ml_backend=url, progress=False)
        assert len(ls.ml.list(project=project.id)) == 1  # reused, not connected twice
    finally:
        server.shutdown()


def test_instructgpt_shape_end_to_end_with_k_of_n(ls, studio, tmp_path):
    """12 models' completions per prompt ({model_type, sample}), 6 sampled per task, into a real ranking project."""
    title = "import-instructgpt-shape"
    env = {"LABEL_STUDIO_URL": studio.url, "LABEL_STUDIO_API_KEY": studio.token,
           "LABELGUIDE_LOCK_DIR": str(tmp_path / "locks")}
    args = ["import", "prompts", str(DATA / "import_instructgpt_shape.jsonl"), "--project", title, "--interface",
            "ranking", "--max-outputs", "6", "--pii", "keep", "--json"]
    result = CliRunner().invoke(main, args, env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["counts"]["tasks"] == 6 == report["push"]["imported"]
    assert report["counts"]["identical_outputs_merged"] == 1 and report["counts"]["outputs_sampled"] == 6
    project = find_project(ls, title)
    tasks = _tasks(ls, project.id)
    assert len(tasks) == 6
    # each task offers exactly the ranks 1..6 of its six sampled outputs
    assert all([o["value"] for o in t.data[T.RANK_OPTIONS]] == [str(r) for r in range(1, 7)] for t in tasks)
    models = [m for t in tasks for m in t.data[T.MODELS].values()]
    assert len(models) == 36 and max(models.count(m) for m in set(models)) - min(
        models.count(m) for m in set(models)) <= 1  # 12 models over 36 slots: 3 times each, give or take one
    assert all(o[T.OUTPUT_BODY] for t in tasks for o in t.data[T.OUTPUTS])
