"""The interfaces as an annotator sees them, in headless Chromium on a real Label Studio.

Screenshots are kept under ``test-artifacts/`` (or ``$LABELGUIDE_ARTIFACTS``).
"""

from __future__ import annotations

import json

import pytest

from label_config import taxonomy as T
from label_config.render import render_config
from common.studio import download_export, get_or_create_project

from browser import browser_page, login, move_to_bucket, open_task, rate

pytestmark = [pytest.mark.studio, pytest.mark.browser]

K = 7


def _comparison_task(k: int) -> dict:
    return {
        "prompt": "Explain why the sky is blue to a ten year old.",
        "outputs": [{"id": f"o{i}", "title": f"Output {'ABCDEFGHI'[i]}",
                     "body": f"Answer {i}: sunlight is scattered by air, and blue light scatters the most."}
                    for i in range(k)],
    }


def test_comparison_renders_buckets_ratings_and_flags_for_seven_outputs(ls, studio, artifacts):
    project, _ = get_or_create_project(ls, "browser comparison", render_config("comparison", k=K))
    (task_id,) = ls.projects.import_tasks(id=project.id, request=[_comparison_task(K)], return_task_ids=True).task_ids
    with browser_page() as page:
        login(page, studio.url, studio.email, studio.password)
        open_task(page, studio.url, project.id, task_id, ".htx-ranker-item")
        page.screenshot(path=str(artifacts / "comparison_k7.png"))

        assert page.locator(".htx-ranker-item").count() == K
        columns = page.locator(".htx-ranker-column")
        assert columns.count() == K + 1  # the outputs list, then one column a bucket
        titles = [columns.nth(i).locator("h1, h2, h3, h4, h5, h6, span").first.inner_text() for i in range(1, K + 1)]
        assert "Rank 1 (best)" in columns.nth(1).inner_text() and f"Rank {K} (worst)" in columns.nth(K).inner_text()
        assert len(titles) == K
        assert page.locator(".ant-rate").count() == K
        assert page.locator(".ant-rate").first.locator(".ant-rate-star").count() == T.LIKERT_MAX
        for item in T.OUTPUT_ITEMS[1:]:
            assert page.get_by_text(item.question, exact=True).count() == K, item.name
        for i in range(K):
            assert page.get_by_text(f"Output {'ABCDEFGHI'[i]}", exact=True).count() >= 1


def test_comparison_annotated_in_the_ui_exports_the_pinned_shapes(ls, studio, artifacts):
    """Rate four outputs, rank them with a tie, submit: the export holds likert_i ratings and ranker buckets."""
    project, _ = get_or_create_project(ls, "browser comparison k4", render_config("comparison", k=4))
    (task_id,) = ls.projects.import_tasks(id=project.id, request=[_comparison_task(4)], return_task_ids=True).task_ids
    with browser_page() as page:
        login(page, studio.url, studio.email, studio.password)
        open_task(page, studio.url, project.id, task_id, ".htx-ranker-item")
        page.locator(".ant-radio-wrapper", has_text=T.NO).first.click()  # the prompt's PII question (required)
        for idx, stars in enumerate([6, 3, 6, 2]):
            rate(page, idx, stars)
        for item_id, bucket in (("o2", 1), ("o0", 1), ("o1", 2), ("o3", 4)):
            move_to_bucket(page, item_id, bucket)
        page.screenshot(path=str(artifacts / "comparison_ranked_with_tie.png"))
        page.click("button:has-text('Submit')")
        page.wait_for_timeout(1500)

    (task,) = json.loads(b"".join(download_export(ls, project.id)))
    (annotation,) = task["annotations"]
    by_name = {r["from_name"]: r for r in annotation["result"]}
    assert by_name[T.PII]["value"] == {"choices": [T.NO]} and by_name[T.PII]["to_name"] == T.PROMPT
    for idx, stars in enumerate([6, 3, 6, 2]):
        r = by_name[T.output_control(T.LIKERT, idx)]
        assert (r["to_name"], r["type"], r["value"]) == (f"{T.OUTPUT_TEXT}_{idx}", "rating", {"rating": stars})
    ranker = by_name[T.RANKING]
    assert ranker["to_name"] == T.OUTPUTS and ranker["type"] == "ranker"
    buckets = {k: sorted(v) for k, v in ranker["value"]["ranker"].items() if v}
    assert buckets == {"rank_1": ["o0", "o2"], "rank_2": ["o1"], "rank_4": ["o3"]}


def test_pii_subflags_appear_only_after_pii_yes(ls, studio, artifacts):
    project, _ = get_or_create_project(ls, "browser instruction", render_config("instruction"))
    (task_id,) = ls.projects.import_tasks(
        id=project.id, request=[{"prompt": "Email Jane Doe at jane.doe@example.org about the invoice."}],
        return_task_ids=True).task_ids
    sub_questions = [T.ITEMS[n].question for n in (T.PII_PUBLIC_ONLY, T.PII_SENSITIVE_CONTEXT, T.PII_CERTAIN)]
    with browser_page() as page:
        login(page, studio.url, studio.email, studio.password)
        open_task(page, studio.url, project.id, task_id, "text=" + T.ITEMS[T.PII].question)
        page.screenshot(path=str(artifacts / "instruction_before_pii_yes.png"))
        for q in sub_questions:
            assert not page.get_by_text(q, exact=True).is_visible(), q
        assert page.get_by_text(T.ITEMS[T.CATEGORY].question, exact=True).is_visible()

        page.locator(".ant-radio-wrapper", has_text="Yes").first.click()
        page.wait_for_timeout(500)
        page.screenshot(path=str(artifacts / "instruction_after_pii_yes.png"))
        for q in sub_questions:
            assert page.get_by_text(q, exact=True).is_visible(), q
