"""A project's refit and the line between level 1 and level 2 (``ToxicityHead.level2_shift``, issue 13).

The default head says level 2 from a severe logit of ``logit(t2) - level2_shift`` (its "cut"). A refit must keep
the default's split when the team's labels agree with the default, and learn it when they put level 2
elsewhere; before this was fixed a refit dropped the shift and tuned t2 on any labels (never below t1), so a
team agreeing with the default got its levels moved anyway, and a team without a "slight" level could not get
rid of it.

Two simulated teams label the ``dev`` rows of ``tests/data/toxicity_eval.jsonl`` (two a task); held out: its
``test`` rows. The agreeing team answers what the default head says; the "all toxic is clearly toxic" team
answers 2 wherever the default says 1 or 2 (a forum whose moderators have no "slight" level).
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from conftest import TEST_DATA
from label_config import taxonomy as T
from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.refit import refit_from_export


def _rows(split: str) -> list[str]:
    rows = [json.loads(line) for line in (TEST_DATA / "toxicity_eval.jsonl").read_text().splitlines()]
    return [r["text"] for r in rows if r["split"] == split]


def _export(texts: list[str], levels: list[int]) -> list[dict]:
    def choice(name: str, to: str, level: int) -> dict:
        return {"from_name": name, "to_name": to, "type": "choices", "value": {"choices": [str(level)]}}

    return [{"id": 1 + i // 2, "data": {T.PROMPT: texts[i], T.CONTINUATION: texts[i + 1]},
             "annotations": [{"result": [choice(T.TOXICITY_INPUT, T.PROMPT, levels[i]),
                                         choice(T.TOXICITY_OUTPUT, T.CONTINUATION, levels[i + 1])]}]}
            for i in range(0, len(texts) - 1, 2)]


def _cut(head) -> float:
    """The severe logit from which ``head`` says level 2 (written out here, not imported from the fix)."""
    t2 = head.thresholds[1]
    return math.log(t2 / (1 - t2)) - head.level2_shift


@pytest.fixture(scope="module")
def plain():
    return get_toxicity_engine().with_recognizers(())  # the head alone: what a refit learns and is scored on


@pytest.fixture(scope="module")
def labelled(plain):
    texts = _rows("dev")
    return texts, [s.level for s in plain.score_batch(texts)]


def _levels(engine, texts: list[str]) -> np.ndarray:
    return np.array([s.level for s in engine.score_batch(texts)])


def test_labels_that_agree_with_the_default_keep_its_level_split(plain, labelled) -> None:
    texts, levels = labelled
    assert levels.count(1) >= 20 and levels.count(2) >= 20  # the split has evidence on both sides
    result = refit_from_export(plain, _export(texts, levels), name="project-agrees")
    assert result.split is not None and not result.split.learned, result.split  # nothing to learn: kept
    assert result.head.info["level_split"]["cut"] == pytest.approx(_cut(result.head), abs=1e-5)
    held_out = _rows("test")
    before, after = _levels(plain, held_out), _levels(plain.with_head(result.head), held_out)
    both_toxic = (before > 0) & (after > 0)
    assert both_toxic.sum() >= 100
    # level 1 vs 2 as the default says on at least 13 of 14 toxic texts it never saw (the refit that dropped the
    # shift: 0.915; the default's level2_shift copied onto the refitted regression: 0.817)
    assert (before[both_toxic] == after[both_toxic]).mean() >= 0.93


def test_labels_that_put_level_2_elsewhere_move_the_split(plain, labelled) -> None:
    texts, levels = labelled
    team = [2 if lv else 0 for lv in levels]  # this team has no "slight": every toxic text is clearly toxic
    result = refit_from_export(plain, _export(texts, team), name="project-no-slight")
    assert result.split.learned and result.split.level1 == 0, result.split
    assert _cut(result.head) < _cut(plain.head) - 1.0
    held_out = _rows("test")
    before, after = _levels(plain, held_out), _levels(plain.with_head(result.head), held_out)
    assert (before[before > 0] == 2).mean() <= 0.8  # the default calls many toxic texts level 1 ...
    assert (after[after > 0] == 2).mean() >= 0.95  # ... the refitted head learned the team calls them 2
