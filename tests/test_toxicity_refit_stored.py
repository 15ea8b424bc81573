"""A project's refitted toxicity head on disk (issue 13): what it stores, and which stored heads this version serves.

* a head written by the previous refit (format 1, before the level split was kept or learned:
  ``tests/data/toxicity_head_refit_format1``, written by that code on ``test_toxicity_refit.team_export``) still
  loads and serves, with the levels it was published with;
* a head from a newer refit format is refused with a message saying so, and the project gets the defaults;
* a refit whose profanity weight comes out 0 stores 0 in ``head.json`` (``profanity_weight``), which is what the
  engine reads (``LearnedToxicityEngine.head.profanity_weight``) to leave alt-profanity-check out.

The PII engine is a fake (no PII part is stored here); the toxicity engine and the model store are the real ones.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from backend_fakes import FakePii
from conftest import TEST_DATA
from label_config import taxonomy as T
from label_config.render import render_config
from ml_backend.learn_project import HEAD_DIR, load_learned
from ml_backend.model_store import ModelStore
from ml_backend.predict import Predictor
from ml_backend.project_models import ProjectPredictors, resolve_model
from ml_backend.toxicity import get_toxicity_engine, relative_toxicity
from ml_backend.toxicity.engine import ToxicityModelError
from ml_backend.toxicity.head import HEAD_META, ToxicityHead
from ml_backend.toxicity.refit import REFIT_FORMAT, refit_from_export
from test_toxicity_refit import HELD_OUT_INSULTS, HELD_OUT_SWEARING, team_export

FORMAT1 = TEST_DATA / "toxicity_head_refit_format1"
UID = "7.1796129598"
CONFIG = render_config(T.TOXICITY)


@pytest.fixture(scope="module")
def engine():
    return get_toxicity_engine()


@pytest.fixture
def base(engine):
    return Predictor(FakePii(), engine, relative_toxicity, 50_000)


def _publish(tmp_path: Path, head_dir: Path) -> tuple[ModelStore, object]:
    store = ModelStore(tmp_path / "models")

    def write(directory: Path) -> dict:
        shutil.copytree(head_dir, directory / HEAD_DIR)
        return {"learned": ["toxicity_head"]}

    store.publish(7, UID, write)
    return store, store.current(7, UID)


def _levels(predictor) -> list[int]:
    tasks = [{"id": i, "data": {T.PROMPT: a, T.CONTINUATION: b}}
             for i, (a, b) in enumerate(zip(HELD_OUT_SWEARING, HELD_OUT_INSULTS))]
    return [int(r["value"]["choices"][0]) for p in predictor.predict(tasks, CONFIG).results for r in p["result"]
            if r["from_name"] in (T.TOXICITY_INPUT, T.TOXICITY_OUTPUT)]


def test_a_head_stored_by_the_previous_refit_still_loads_and_serves(base, tmp_path) -> None:
    meta = json.loads((FORMAT1 / HEAD_META).read_text())
    assert "refit_format" not in meta["info"] and "level2_shift" not in meta  # what format 1 wrote
    store, version = _publish(tmp_path, FORMAT1)
    ref, model_version = resolve_model(store, "base-version", UID)
    served = ProjectPredictors(base).get(ref)
    assert served is not base and served.model_version == model_version
    head = served.toxicity_engine.head
    assert head.version == meta["version"] and head.level2_shift == 0.0 and head.thresholds == (0.5, 0.72)
    # the levels it was published with: its own t2 on its unshifted severe regression
    assert _levels(served) == _levels(Predictor(FakePii(), base.toxicity_engine.with_head(ToxicityHead.load(FORMAT1)),
                                                relative_toxicity, 50_000))
    assert _levels(served) != _levels(base)  # and it is the project's head, not the default


def test_a_head_from_a_newer_refit_format_is_refused_and_the_defaults_serve(base, tmp_path, caplog) -> None:
    old = ToxicityHead.load(FORMAT1)
    newer = old.with_settings(info=dict(old.info, refit_format=REFIT_FORMAT + 1))
    store, version = _publish(tmp_path, newer.save(tmp_path / "newer"))
    with pytest.raises(ToxicityModelError, match=rf"newer labelguide \(refit format {REFIT_FORMAT + 1}; this one "
                                                 rf"reads 1 to {REFIT_FORMAT}\): train the project again"):
        load_learned(version.path)
    ref, _ = resolve_model(store, "base-version", UID)
    with caplog.at_level(logging.WARNING):
        assert ProjectPredictors(base).get(ref) is base
    assert "predicting with the defaults" in caplog.text


def test_a_profanity_weight_of_0_is_stored_where_the_engine_reads_it(engine, tmp_path) -> None:
    # this team does not count casual swearing as toxic: alt-profanity-check's term only hurts it
    result = refit_from_export(engine, team_export(), name="project-7")
    assert result.profanity_weight == 0.0 and result.head.profanity_weight == 0.0
    assert result.head.info["refit_format"] == REFIT_FORMAT
    path = result.head.save(tmp_path / "project-7")
    assert json.loads((path / HEAD_META).read_text())["profanity_weight"] == 0.0
    served = engine.with_head(ToxicityHead.load(path))
    assert served.head.profanity_weight == 0.0
    assert "alt-profanity-check" in engine.model_version and "alt-profanity-check" not in served.model_version
