"""docs/python_api.md runs as written: every ```python block, top to bottom, in one namespace, in a directory
holding a real export as ``export.json`` (and, against the real Label Studio, the live-project block)."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT, TEST_DATA

DOC = ROOT / "docs" / "python_api.md"


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def _run_doc(tmp_path, monkeypatch) -> dict:
    datasets = pytest.importorskip("datasets")
    shutil.copy(TEST_DATA / "export_edge_cases.json", tmp_path / "export.json")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", str(tmp_path / "hf-cache"))
    namespace: dict = {}
    for n, block in enumerate(_blocks(), start=1):
        try:
            exec(compile(block, f"{DOC.name} block {n}", "exec"), namespace)
        except Exception as exc:  # name the block that broke
            raise AssertionError(f"docs/python_api.md block {n} failed: {exc!r}\n{block}") from exc
    return namespace


def test_every_example_of_the_python_api_runs(tmp_path, monkeypatch, capsys):
    assert len(_blocks()) >= 8
    monkeypatch.delenv("LABELGUIDE_PROJECT", raising=False)
    namespace = _run_doc(tmp_path, monkeypatch)
    out = capsys.readouterr().out
    assert "Value('float64') 76" in out and "38 pairs, then 0" in out
    assert "cannot read missing.json" in out and "task 105: ids not in the task's outputs" in out
    assert namespace["report"].pairs == 38


@pytest.mark.studio
def test_the_live_project_example_runs_against_label_studio(studio, ls, tmp_path, monkeypatch, capsys):
    from label_config import taxonomy as T
    from label_config.render import render_config

    project = ls.projects.create(title="python api doc", label_config=render_config(T.RANKING, k=2))
    ls.projects.import_tasks(id=project.id, request=[{T.PROMPT: "p", T.OUTPUTS: [
        {T.OUTPUT_ID: "a", T.OUTPUT_TITLE: "A", T.OUTPUT_BODY: "x"},
        {T.OUTPUT_ID: "b", T.OUTPUT_TITLE: "B", T.OUTPUT_BODY: "y"}], T.RANK_OPTIONS: T.rank_options(2)}])
    monkeypatch.setenv("LABEL_STUDIO_URL", studio.url)
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", studio.token)
    monkeypatch.setenv("LABELGUIDE_PROJECT", str(project.id))
    _run_doc(tmp_path, monkeypatch)
    assert "1 tasks in the project" in capsys.readouterr().out
