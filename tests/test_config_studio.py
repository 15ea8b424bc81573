"""Every interface on a real Label Studio 1.23.2: the project is created, a realistic annotation goes in
through the API, and a real JSON export gives back exactly the pinned result (the shapes exporters read).

The pinned results live in ``tests/data/pinned_results.json``; each region is also checked against the
config (Repeater expanded for the task) with label-studio-sdk's ``LabelInterface.validate_region``.
"""

from __future__ import annotations

import json

import pytest
from label_studio_sdk.label_interface import LabelInterface

from label_config.expand import expand_repeaters
from label_config.render import interface_names, render_config
from common.studio import download_export, get_or_create_project

from conftest import TEST_DATA

PINNED = json.loads((TEST_DATA / "pinned_results.json").read_text())
RESULT_KEYS = ("from_name", "to_name", "type", "value")


def _k(data: dict) -> int:
    return max(4, len(data.get("outputs", [])))


def test_pinned_set_covers_every_interface_and_a_tie():
    assert set(PINNED) == set(interface_names())
    ranks = [r["value"]["choices"][0] for r in PINNED["ranking"]["result"] if r["from_name"].startswith("output_rank_")]
    assert len(ranks) == len(PINNED["ranking"]["data"]["outputs"]), "every output ranked"
    assert len(set(ranks)) < len(ranks), "the pinned ranking must hold a tie"


@pytest.mark.parametrize("name", interface_names())
def test_pinned_result_is_valid_for_the_config(name):
    task = PINNED[name]
    li = LabelInterface(expand_repeaters(render_config(name, k=_k(task["data"])), task["data"]))
    for region in task["result"]:
        assert li.validate_region(region), f"{name}: {region['from_name']} does not fit the config"
    # and a wrong value is refused, so the check above can fail
    bad = dict(task["result"][0], from_name="not_a_control")
    assert not li.validate_region(bad)


@pytest.mark.studio
@pytest.mark.parametrize("name", interface_names())
def test_annotation_round_trip_through_a_real_export(ls, name):
    task = PINNED[name]
    project, created = get_or_create_project(ls, f"roundtrip {name}", render_config(name, k=_k(task["data"])))
    assert created
    imported = ls.projects.import_tasks(id=project.id, request=[task["data"]], return_task_ids=True)
    (task_id,) = imported.task_ids
    ls.annotations.create(id=task_id, result=task["result"])

    exported = json.loads(b"".join(download_export(ls, project.id)))
    assert len(exported) == 1
    assert exported[0]["data"] == task["data"]
    (annotation,) = exported[0]["annotations"]
    assert not annotation["was_cancelled"]
    got = [{k: r[k] for k in RESULT_KEYS} for r in annotation["result"]]
    want = [{k: r[k] for k in RESULT_KEYS} for r in task["result"]]
    assert got == want
