"""What an annotator ran into in the UI review (Chromium on a real Label Studio 1.23.2), one test a finding.

- PII = Yes could be submitted with its three sub-flags (public figures only, sensitive context, certain) left
  empty, though the guideline asks them whenever PII = Yes; with PII = No they stay hidden and are not asked.
- PII = No with the suggested PII highlights still in the prompt: the spans were exported as PII of a prompt
  answered "no PII", with nothing on the screen saying so.
- A very long prompt pushed every question (and the outputs) screens below it.
"""

from __future__ import annotations

import json

import pytest

from common.studio import download_export, get_or_create_project
from label_config import taxonomy as T
from label_config.render import render_config

from browser import choice, open_task, question, submit, warning_text

pytestmark = [pytest.mark.studio, pytest.mark.browser]

PII_Q = T.ITEMS[T.PII].question
SUBFLAGS = (T.PII_PUBLIC_ONLY, T.PII_SENSITIVE_CONTEXT, T.PII_CERTAIN)


def _task(ls, title: str, interface: str, data: dict, prediction: list[dict] | None = None) -> tuple[int, int]:
    project, _ = get_or_create_project(ls, title, render_config(interface))
    (task_id,) = ls.projects.import_tasks(id=project.id, request=[data], return_task_ids=True).task_ids
    if prediction:
        ls.predictions.create(task=task_id, result=prediction, score=0.9, model_version="ui-review")
    return project.id, task_id


def _results(ls, project_id: int, task_id: int) -> list[list[dict]]:
    (task,) = [t for t in json.loads(b"".join(download_export(ls, project_id))) if t["id"] == task_id]
    return [a["result"] for a in task["annotations"]]


def _pick_category(page, value: str = "Generation") -> None:
    scope = question(page, T.CATEGORY_ITEM.question)
    scope.scroll_into_view_if_needed()
    scope.locator(".lsf-select, [class*=select]").first.click()
    page.get_by_test_id("choiceOptionText").filter(has_text=value).first.click()
    page.keyboard.press("Escape")


def test_pii_subflags_are_asked_when_pii_is_yes_and_only_then(ls, studio, chromium, artifacts):
    project_id, task_id = _task(ls, "ui review: PII sub-flags", T.INSTRUCTION, {T.PROMPT: "Write to John Smith."})
    with chromium.page(studio.url, studio.email, studio.password) as (page, errors):
        open_task(page, studio.url, project_id, task_id)
        choice(question(page, PII_Q), T.YES).click()
        _pick_category(page)
        submit(page)
        assert warning_text(page), "PII = Yes with its sub-flags empty was accepted"
        assert T.ITEMS[T.PII_PUBLIC_ONLY].required_message in warning_text(page)
        page.get_by_role("button", name="OK").click()
        assert _results(ls, project_id, task_id) == []  # nothing reached the server

        choice(question(page, T.ITEMS[T.PII_PUBLIC_ONLY].question), T.NO).click()
        submit(page)
        assert T.ITEMS[T.PII_SENSITIVE_CONTEXT].required_message in warning_text(page)
        page.get_by_role("button", name="OK").click()

        choice(question(page, PII_Q), T.NO).click()  # the sub-flags hide, and are no longer asked
        assert not page.get_by_text(T.ITEMS[T.PII_CERTAIN].question).is_visible()
        submit(page)
        assert warning_text(page) == "" and errors == []
    (result,) = _results(ls, project_id, task_id)
    got = {r["from_name"]: r["value"] for r in result}
    assert got == {T.PII: {"choices": [T.NO]}, T.CATEGORY: {"choices": ["Generation"]}}


def test_pii_no_with_spans_left_in_the_prompt_says_so(ls, studio, chromium, artifacts):
    prompt = "Plan a party for my daughter Emily Carter."
    span = {"id": "s1", "from_name": T.PII_SPANS, "to_name": T.PROMPT, "type": "labels",
            "value": {"start": 29, "end": 41, "text": "Emily Carter", "labels": ["Name"]}}
    said_yes = {"from_name": T.PII, "to_name": T.PROMPT, "type": "choices", "value": {"choices": [T.YES]}}
    project_id, task_id = _task(ls, "ui review: PII no with spans", T.INSTRUCTION, {T.PROMPT: prompt},
                                [said_yes, span])
    with chromium.page(studio.url, studio.email, studio.password) as (page, errors):
        open_task(page, studio.url, project_id, task_id)
        assert page.locator(".lg-prompt [class*=htx-highlight]").count() == 1  # the suggestion is shown
        notice = page.locator(".lg-pii-spans-left")
        assert not notice.is_visible()
        choice(question(page, PII_Q), T.NO).click()
        page.wait_for_timeout(200)
        assert notice.is_visible(), "PII = No with a PII highlight left: the screen should say so"
        assert notice.inner_text().strip() == T.PII_SPANS_LEFT_WARNING
        page.screenshot(path=str(artifacts / "ui_review_pii_no_with_spans.png"))

        page.locator(".lg-prompt [class*=htx-highlight]").first.click()  # select the region ...
        page.keyboard.press("Backspace")  # ... and delete it (Label Studio's key)
        page.wait_for_timeout(300)
        assert page.locator(".lg-prompt [class*=htx-highlight]").count() == 0
        assert not notice.is_visible()
        _pick_category(page)
        submit(page)
        assert warning_text(page) == "" and errors == []
    (result,) = _results(ls, project_id, task_id)
    assert {r["from_name"] for r in result} == {T.PII, T.CATEGORY}


LONG_PROMPT = ("Summarize these meeting notes for the team. " +
               "The quarterly review covered the budget, hiring and the roadmap in great detail. " * 70 +
               "Last line of the notes.")


@pytest.mark.parametrize("interface", [T.INSTRUCTION, T.COMPARISON, T.DEMONSTRATION_IF])
def test_a_long_prompt_leaves_the_first_question_on_the_first_screen(interface, ls, studio, chromium, artifacts):
    from test_ui_ranking_and_keys import sample_task

    data = {T.INSTRUCTION: {T.PROMPT: LONG_PROMPT}, T.DEMONSTRATION_IF: {T.PROMPT: LONG_PROMPT, T.EXAMPLES: []},
            T.COMPARISON: dict(sample_task(4)["data"], **{T.PROMPT: LONG_PROMPT})}[interface]
    first = {T.DEMONSTRATION_IF: T.ITEMS[T.DEMONSTRATION].question}.get(interface, PII_Q)
    project_id, task_id = _task(ls, f"ui review: long prompt, {interface}", interface, data)
    with chromium.page(studio.url, studio.email, studio.password) as (page, errors):
        open_task(page, studio.url, project_id, task_id)
        page.screenshot(path=str(artifacts / f"ui_review_long_prompt_{interface}.png"))
        area = page.locator(".lsf-main-content").first.bounding_box()
        top = question(page, first).bounding_box()["y"]
        assert top < area["y"] + area["height"] - 60, f"the first question starts {top - area['y']:.0f} px down"
        box = page.locator(".lg-prompt").first  # the prompt scrolls inside its box, so all of it can be read
        assert box.evaluate("e => getComputedStyle(e).overflowY") in ("auto", "scroll")
        assert box.evaluate("e => e.scrollHeight > e.clientHeight")
        box.evaluate("e => e.scrollTop = e.scrollHeight")
        assert box.evaluate("e => e.scrollTop + e.clientHeight >= e.scrollHeight - 1 && e.scrollTop > 0")
        assert errors == []
