"""The K = 9 comparison an annotator does, as one fixed workload, on the interface of today and on the one before
issue 9 (``benchmarks/data/comparison_before_issue9.xml``, a Ranker with buckets): used by the usability test
and by ``benchmarks/ui_k9_actions.py``, so both count the same work.

The work: answer the prompt's PII question (No), rate all nine outputs, rank them with one tie, mark the two
flags that apply, submit. Flags that do not apply are left alone, in both interfaces.
"""

from __future__ import annotations

from typing import Any

from label_config import taxonomy as T

from browser import Actions, choice, line, output_block, question, stars

RATINGS = [7, 3, 6, 2, 5, 4, 6, 1, 5]
RANKS = [1, 6, 2, 7, 3, 5, 2, 8, 4]  # outputs C and G tie at rank 2
FLAGS = {(1, T.FAILS_TASK): T.YES, (3, T.OPINION): T.YES}


def k9_now(page: Any, act: Actions) -> None:
    """The workload on today's comparison interface (rating, rank and flags beside each output)."""
    act.click(choice(question(page, T.ITEMS[T.PII].question), T.NO))
    for i in range(9):
        block = output_block(page, i)
        act.click(stars(line(block, T.ITEMS[T.LIKERT].label), RATINGS[i]))
        act.click(choice(line(block, T.RANK_ITEM.label), str(RANKS[i])))
        for (j, name), value in FLAGS.items():
            if j == i:
                act.click(choice(line(block, T.ITEMS[name].label), value))


def k9_before(page: Any, act: Actions, output_ids: list[str]) -> None:
    """The same workload on the interface before issue 9: questions stacked under each output, and the Ranker
    at the bottom (each card dragged into its bucket: rank r = column r)."""
    act.click(choice(question(page, T.ITEMS[T.PII].question), T.NO))
    outputs = page.locator(".lg-output")
    for i in range(9):
        act.click(outputs.nth(i).locator(".ant-rate").first.locator(".ant-rate-star").nth(RATINGS[i] - 1))
        for (j, name), value in FLAGS.items():
            if j == i:
                act.click(choice(outputs.nth(i).locator(".lg-question", has_text=T.ITEMS[name].question), value))
    for oid, rank in zip(output_ids, RANKS):
        act.drag_to_bucket(oid, rank)
