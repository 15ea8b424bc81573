"""Every interface as an annotator uses it: headless Chromium (Debian's), 1440x900, on a real Label Studio 1.23.2.

Each test opens a task built with the fields the README documents, fails on any ``pageerror``, answers in the
UI exactly what ``tests/data/pinned_results.json`` pins (by clicking what an annotator sees: question texts,
output labels, stars; span labels by their hotkeys), submits, and asserts that Label Studio's own JSON export
holds exactly the pinned result. Screenshots go to ``test-artifacts/`` (or ``$LABELGUIDE_ARTIFACTS``).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from label_config import taxonomy as T
from label_config.render import render_config
from common.studio import download_export, get_or_create_project

from browser import choice, line, open_task, output_block, question, select_text, stars, submit, warning_text
from conftest import TEST_DATA

pytestmark = [pytest.mark.studio, pytest.mark.browser]

PINNED = json.loads((TEST_DATA / "pinned_results.json").read_text())
KEYS = ("from_name", "to_name", "type", "value")


def shape(results: list[dict]) -> list[tuple]:
    """The part of each result a pinned shape fixes, in a stable order (Label Studio may reorder results)."""
    return sorted((r["from_name"], r["to_name"], r["type"], json.dumps(r["value"], sort_keys=True))
                  for r in results)


def item_of(from_name: str) -> tuple[T.Item, int | None]:
    """The taxonomy item of a result name, and the output index for per-output names."""
    if from_name in T.ITEMS:
        return T.ITEMS[from_name], None
    for item in T.ITEMS.values():
        if item.per_output and (idx := T.output_index(from_name, item.name)) is not None:
            return item, idx
    raise KeyError(from_name)


def answer(page: Any, result: dict, texts: dict[str, str]) -> None:
    """Give the answer ``result`` holds, through the UI, as an annotator would."""
    item, idx = item_of(result["from_name"])
    value = result["value"]
    if idx is not None:
        scope = line(output_block(page, idx), item.label)
    else:
        scope = question(page, item.question)
    scope.scroll_into_view_if_needed()
    if item.kind in (T.Kind.CHOICE, T.Kind.MULTI, T.Kind.RANK):
        for v in value["choices"]:
            choice(scope, v).click()
    elif item.kind is T.Kind.DROPDOWN:
        (v,) = value["choices"]
        scope.locator(".lsf-select, [class*=select]").first.click()
        page.get_by_test_id("choiceOptionText").filter(has_text=re.compile(f"^{re.escape(v)}$")).first.click()
        page.keyboard.press("Escape")
    elif item.kind is T.Kind.RATING:
        stars(scope, value["rating"]).click()
    elif item.kind is T.Kind.TEXT:
        box = scope.locator("textarea").first
        box.fill("\n".join(value["text"]))  # no "Add": Submit keeps what is typed
    elif item.kind is T.Kind.SPANS:
        (label,) = value["labels"]
        page.locator("body").click(position={"x": 5, "y": 5})  # focus off any input, so the hotkey counts
        page.keyboard.press(item.hotkeys[label])
        select_text(page, texts[result["to_name"]], value["start"], value["end"])
    else:  # pragma: no cover
        raise AssertionError(f"no UI filler for {item.kind}")
    page.wait_for_timeout(120)


def run_in_ui(ls, studio, chromium, artifacts, title: str, config: str, data: dict,
              fill: Callable[[Any], None], shot: str) -> list[dict]:
    """Create a project, import one task, fill it with ``fill(page)``, submit; the exported annotation result."""
    project, _ = get_or_create_project(ls, title, config)
    (task_id,) = ls.projects.import_tasks(id=project.id, request=[data], return_task_ids=True).task_ids
    with chromium.page(studio.url, studio.email, studio.password) as (page, errors):
        open_task(page, studio.url, project.id, task_id)
        page.screenshot(path=str(artifacts / f"{shot}_open.png"))
        fill(page)
        page.screenshot(path=str(artifacts / f"{shot}_filled.png"), full_page=False)
        submit(page)
        assert warning_text(page) == "", f"Label Studio refused the submit: {warning_text(page)}"
        assert errors == [], errors
    (task,) = [t for t in json.loads(b"".join(download_export(ls, project.id))) if t["id"] == task_id]
    (annotation,) = task["annotations"]
    return annotation["result"]


def _pinned_fill(name: str, data: dict) -> Callable[[Any], None]:
    texts = {k: v for k, v in data.items() if isinstance(v, str)}

    def fill(page: Any) -> None:
        for result in PINNED[name]["result"]:
            answer(page, result, texts)
    return fill


@pytest.mark.parametrize("name", [n for n in PINNED])
def test_each_interface_filled_in_the_browser_exports_the_pinned_result(name, ls, studio, chromium, artifacts):
    data = PINNED[name]["data"]
    got = run_in_ui(ls, studio, chromium, artifacts, f"ui {name}", render_config(name), data,
                    _pinned_fill(name, data), f"ui_{name}")
    assert shape(got) == shape(PINNED[name]["result"])


def test_demonstration_without_examples_renders_clean_and_submits(ls, studio, chromium, artifacts):
    """``examples: []`` (what the importers write for a plain prompt) crashed the old Paragraphs screen."""
    data = dict(copy.deepcopy(PINNED["demonstration"]["data"]), prompt="Write a two-line poem about rain.",
                examples=[])
    result = [r for r in PINNED["demonstration"]["result"]]

    def fill(page: Any) -> None:
        assert page.locator(".lg-turn").count() == 0
        assert page.get_by_text("Few-shot pairs in this prompt").count() == 0
        for r in result:
            answer(page, r, {})

    got = run_in_ui(ls, studio, chromium, artifacts, "ui demonstration, no examples", render_config("demonstration"),
                    data, fill, "ui_demonstration_no_examples")
    assert shape(got) == shape(result)


def test_demonstration_shows_each_few_shot_pair_readably(ls, studio, chromium, artifacts):
    data = PINNED["demonstration"]["data"]
    project, _ = get_or_create_project(ls, "ui demonstration, examples", render_config("demonstration"))
    (task_id,) = ls.projects.import_tasks(id=project.id, request=[data], return_task_ids=True).task_ids
    with chromium.page(studio.url, studio.email, studio.password) as (page, errors):
        open_task(page, studio.url, project.id, task_id)
        turns = page.locator(".lg-turn")
        assert turns.count() == len(data["examples"])
        for i, turn in enumerate(data["examples"]):
            text = turns.nth(i).inner_text()
            assert turn["role"] in text and turn["content"] in text
        body = page.locator(".lsf-main-content").inner_text()
        assert "00:00" not in body  # no Paragraphs timestamps, no author filter
        assert errors == []
