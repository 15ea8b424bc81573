"""The training data and recipe (ml_backend/toxicity/training_data.py, train.py).

The full retraining (``python -m ml_backend.toxicity.train --check``, about 10 minutes) is not run here; these
tests pin the label mapping, that the recipe is deterministic, and that the committed head records this recipe.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from ml_backend.toxicity import train as train_module
from ml_backend.toxicity.learned import default_head, shared_encoder
from ml_backend.toxicity.training_data import DEFAULT_DATA_DIR, SOURCES, load_source

pytestmark = pytest.mark.skipif(not (DEFAULT_DATA_DIR / SOURCES["davidson"]).is_file(),
                                reason="the shared training data is not on this machine")


@pytest.fixture(scope="module")
def sources():
    return {name: load_source(name) for name in SOURCES}


def test_label_mapping(sources) -> None:
    dav, sf = sources["davidson"], sources["stormfront"]
    assert Counter(r.level for r in dav) == {1: 19190, 0: 4163, 2: 1430}
    assert Counter(r.level for r in sf) == {0: 9507, 2: 1196}  # relation and idk/skip are left out
    assert all(0.0 <= r.severe <= r.toxic <= 1.0 for r in dav)
    assert all(r.toxic == float(r.level > 0) and r.severe == float(r.level == 2) for r in sf)
    # soft targets follow the crowd: a majority-"neither" tweet can still carry some offensive votes
    assert any(r.level == 0 and r.toxic > 0 for r in dav)
    assert not any(" n't" in r.text or " , " in r.text for r in sf[:2000])  # detokenised


def test_a_bad_line_is_named(tmp_path: Path) -> None:
    good = json.dumps({"tweet": "hi", "class": 2, "votes": {"count": 3, "hate_speech": 0,
                                                              "offensive_language": 0, "neither": 3}})
    (tmp_path / SOURCES["davidson"]).write_text(good + "\n" + json.dumps({"tweet": "x"}) + "\n")
    with pytest.raises(ValueError, match="line 2"):
        load_source("davidson", tmp_path)
    with pytest.raises(ValueError, match="unknown source"):
        load_source("twitter", tmp_path)


def test_the_recipe_is_deterministic(sources) -> None:
    encoder = shared_encoder(train_module.LAYERS)
    parts = []
    for name in SOURCES:
        rows = sources[name][::97][:120]
        parts.append((encoder.embed([r.text for r in rows]), rows))
    a = train_module.fit_head(parts, "x", encoder.version)
    b = train_module.fit_head(parts, "x", encoder.version)
    assert a.version == b.version and np.array_equal(a.toxic_w, b.toxic_w)


def test_the_committed_head_records_this_recipe() -> None:
    head = default_head()
    assert head.info["recipe"]["layers"] == train_module.LAYERS
    assert head.info["recipe"]["l2"] == train_module.L2
    assert head.profanity_weight == train_module.PROFANITY_WEIGHT and head.thresholds == train_module.THRESHOLDS
    assert head.encoder == shared_encoder(train_module.LAYERS).version
    assert head.info["licence"] == train_module.HEAD_LICENCE
