"""The whole loop, as a user runs it: `labelguide up` (Label Studio + ML backend + sample + pre-annotations),
an annotator in a real browser, then `labelguide export pairs --project ID`.

`labelguide up` runs as a subprocess in a temporary LABELGUIDE_HOME on free ports, and `labelguide down` stops
it. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from label_config import taxonomy as T
from labelguide.cli import main
from common.studio import connect
from common.studio_server import free_port

from browser import choice, line, open_task, output_block, stars, submit, warning_text

pytestmark = [pytest.mark.studio, pytest.mark.browser, pytest.mark.slow]

PII_PROMPT_START = "Write a haiku for my friend Tom Becker"


def _labelguide(*args: str, home: Path, timeout: float = 900) -> subprocess.CompletedProcess:
    env = dict(os.environ, LABELGUIDE_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "labelguide", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    home = tmp_path_factory.mktemp("stack")
    port, backend_port = free_port(), free_port()
    up = _labelguide("up", "--port", str(port), "--backend-port", str(backend_port), home=home)
    try:
        assert up.returncode == 0, up.stdout[-3000:] + up.stderr[-3000:]
        creds = json.loads((home / "credentials.json").read_text())
        yield {"home": home, "url": f"http://127.0.0.1:{port}", "out": up.stdout, **creds}
    finally:
        _labelguide("down", home=home, timeout=120)


def _project(ls, interface: str):
    title = "labelguide: " + T.interface(interface).title
    return next(p for p in ls.projects.list(title=title) if p.title == title)


def test_up_prints_the_login_and_reuses_what_exists(stack):
    out = stack["out"]
    assert stack["url"] in out and stack["email"] in out and stack["password"] in out
    assert "ML backend:" in out and "pre-annotations retrieved" in out
    again = _labelguide("up", "--port", stack["url"].rsplit(":", 1)[1], "--backend-port",
                        str(json.loads((stack["home"] / "state.json").read_text())["backend"]["port"]),
                        home=stack["home"])
    assert again.returncode == 0, again.stderr[-2000:]
    assert "already running" in again.stdout
    assert "0 tasks imported" in again.stdout and " 6 already there" in again.stdout
    assert "0 gold-answered tasks imported, 7 already there" in again.stdout
    logs = sorted(p.name for p in (stack["home"] / "logs").iterdir())
    assert logs == ["label-studio.log", "ml-backend.log"]


def test_sample_covers_the_guideline_and_gets_pre_annotations(stack):
    ls = connect(stack["url"], stack["token"])
    instruction = _project(ls, T.INSTRUCTION)
    tasks = list(ls.tasks.list(project=instruction.id, fields="all"))
    assert len(tasks) == 30 and {t.data[T.CATEGORY] for t in tasks} == set(T.CATEGORIES)
    with_pii = [t for t in tasks if "Emily Carter" in t.data[T.PROMPT]]
    (task,) = with_pii
    (prediction,) = ls.predictions.list(task=task.id)
    by_name = {r["from_name"]: r for r in prediction.result}
    assert by_name[T.PII]["value"]["choices"] == [T.YES]
    spans = [r["value"] for r in prediction.result if r["from_name"] == T.PII_SPANS]
    assert any(s["text"] == "Emily Carter" and s["labels"] == ["Name"] for s in spans)
    for s in spans:
        assert task.data[T.PROMPT][s["start"]:s["end"]] == s["text"]

    comparison = _project(ls, T.COMPARISON)
    ks = sorted(len(t.data[T.OUTPUTS]) for t in ls.tasks.list(project=comparison.id, fields="all"))
    assert ks == [4, 5, 6, 7, 8, 9]
    screening = _project(ls, T.SCREENING)
    gold = [a for t in ls.tasks.list(project=screening.id, fields="all") for a in t.annotations]
    assert len(gold) == 7 and all(a["ground_truth"] for a in gold)
    toxicity = _project(ls, T.TOXICITY)
    tox_tasks = list(ls.tasks.list(project=toxicity.id))
    assert tox_tasks and all(ls.predictions.list(task=t.id) for t in tox_tasks)


def test_annotate_in_the_browser_then_export_pairs(stack, chromium, artifacts, tmp_path):
    ls = connect(stack["url"], stack["token"])
    project = _project(ls, T.COMPARISON)
    task = next(t for t in ls.tasks.list(project=project.id, fields="all")
                if t.data[T.PROMPT].startswith(PII_PROMPT_START))
    outputs = task.data[T.OUTPUTS]
    ids = [o[T.OUTPUT_ID] for o in outputs]
    k = len(ids)
    # one tie: the first two outputs share rank 1, every other output gets a rank of its own
    ranking = {ids[0]: 1, ids[1]: 1, **{oid: r for oid, r in zip(ids[2:], range(2, k + 1))}}

    with chromium.page(stack["url"], stack["email"], stack["password"]) as (page, errors):
        open_task(page, stack["url"], project.id, task.id, ".lg-output", settle_ms=1500)
        page.screenshot(path=str(artifacts / "e2e_comparison_prefilled.png"))
        pii_yes = page.locator(".ant-radio-wrapper-checked", has_text=T.YES).first
        assert pii_yes.is_visible(), "the PII suggestion should be pre-filled"
        assert page.get_by_text("Tom Becker").count() >= 1
        for idx, oid in enumerate(ids):
            block = output_block(page, idx)
            stars(line(block, T.ITEMS[T.LIKERT].label), 7 - min(idx, 6)).click()
            choice(line(block, T.RANK_ITEM.label), str(ranking[oid])).click()
        page.screenshot(path=str(artifacts / "e2e_comparison_ranked.png"))
        submit(page, wait_ms=2000)
        assert warning_text(page) == "" and errors == []

    out = tmp_path / "pairs.jsonl"
    env = {"LABEL_STUDIO_URL": stack["url"], "LABEL_STUDIO_API_KEY": stack["token"]}
    result = CliRunner().invoke(main, ["export", "pairs", "--project", str(project.id), "--output", str(out)],
                                env=env)
    assert result.exit_code == 0, result.output
    pairs = [json.loads(line) for line in out.read_text().splitlines()]
    body = {o[T.OUTPUT_ID]: o[T.OUTPUT_BODY] for o in outputs}
    expected = {(body[a], body[b]) for a, b in itertools.permutations(ids, 2) if ranking[a] < ranking[b]}
    assert len(expected) == k * (k - 1) // 2 - 1
    assert {(p["chosen"], p["rejected"]) for p in pairs} == expected
    assert len(pairs) == len(expected)
    assert all(p["prompt"] == task.data[T.PROMPT] and p["task_id"] == task.id for p in pairs)
