"""The trained head (ml_backend/toxicity/head.py): its arithmetic, its files, and the committed artefact.

The committed head is pinned by hash and version: retraining it (``python -m ml_backend.toxicity.train``) must be
a deliberate change that updates these pins, and with them the engine's ``model_version``.
"""

from __future__ import annotations

import doctest
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from ml_backend.toxicity import head as head_module
from ml_backend.toxicity.engine import ToxicityModelError
from ml_backend.toxicity.head import HEAD_META, HEAD_WEIGHTS, ToxicityHead, sigmoid
from ml_backend.toxicity.learned import DEFAULT_HEAD_DIR, default_head

COMMITTED_VERSION = "default-a12e34e5"
COMMITTED_SHA256 = {
    HEAD_WEIGHTS: "c9859085e734693d374166c1a7d0bbf9a53dff727881a59aa4e3bd6745ddf387",
    HEAD_META: "0176a2d7e26f319bda6f24e417e3bbfb2bf7827662f45bea99c2a370cd731311",
}


def _head(seed: int = 0, **kw) -> ToxicityHead:
    rng = np.random.default_rng(seed)
    return ToxicityHead("t", "enc-test", rng.normal(size=4).astype(np.float32), 0.1,
                        rng.normal(size=4).astype(np.float32), -1.0, **kw)


def test_committed_head_is_the_pinned_artefact() -> None:
    for name, expected in COMMITTED_SHA256.items():
        assert hashlib.sha256((DEFAULT_HEAD_DIR / name).read_bytes()).hexdigest() == expected, name
    head = default_head()
    assert head.version == COMMITTED_VERSION
    assert head.encoder == "minilm-l6-v2@1110a24.L3.int8.w64" and head.dim == 384
    assert head.thresholds == (0.5, 0.5) and head.profanity_weight == 0.8
    assert sum(p.stat().st_size for p in DEFAULT_HEAD_DIR.iterdir()) < 20_000  # small


def test_committed_head_says_its_licence_and_data() -> None:
    info = default_head().info
    assert "CC BY-SA 3.0 ES" in info["licence"] and "Davidson" in info["licence"] and "de Gibert" in info["licence"]
    assert set(info["data"]) == {"davidson", "stormfront"}
    assert info["data"]["davidson"]["rows"] == 24783 and info["data"]["stormfront"]["rows"] == 10703
    licence = (DEFAULT_HEAD_DIR / "LICENSE.md").read_text()
    assert "CC BY-SA 3.0 ES" in licence and "Tom Davidson" in licence


def test_predict_is_two_sigmoids_and_a_noisy_or() -> None:
    head = _head()
    x = np.random.default_rng(1).normal(size=(5, 4)).astype(np.float32)
    q = np.array([0.0, 0.2, 0.5, 0.9, 1.0])
    toxic, severe = head.predict(x, q)
    t = sigmoid(x @ head.toxic_w + head.toxic_b)
    s = sigmoid(x @ head.severe_w + head.severe_b)
    assert np.allclose(severe, s)
    assert np.allclose(toxic, np.maximum(1 - (1 - t) * (1 - 0.8 * q), s))
    assert np.allclose(head.with_settings(profanity_weight=0.0).predict(x, q)[0], np.maximum(t, s))
    assert np.all(toxic >= severe)
    with pytest.raises(ValueError):
        head.predict(np.zeros((2, 3), np.float32))


def test_levels_use_both_thresholds() -> None:
    head = _head()
    assert head.levels(np.array([0.1, 0.6, 0.9, 0.9]), np.array([0.0, 0.1, 0.2, 0.8])).tolist() == [0, 1, 1, 2]
    assert head.levels(np.array([0.6]), np.array([0.6]), thresholds=(0.5, 0.7)).tolist() == [1]
    with pytest.raises(ValueError):
        head.levels(np.array([0.5]), np.array([0.5]), thresholds=(0.9, 0.1))


def test_save_load_round_trip(tmp_path: Path) -> None:
    head = _head(info={"note": "x"})
    head.save(tmp_path / "h")
    loaded = ToxicityHead.load(tmp_path / "h")
    assert loaded.version == head.version and loaded.info == {"note": "x"}
    x = np.eye(4, dtype=np.float32)
    assert np.allclose(loaded.predict(x)[0], head.predict(x)[0])
    assert sorted(p.name for p in (tmp_path / "h").iterdir()) == [HEAD_META, HEAD_WEIGHTS]


def test_version_changes_with_any_weight_or_setting() -> None:
    base = _head()
    versions = {base.version, _head(seed=1).version, base.with_settings(thresholds=(0.4, 0.6)).version,
                base.with_settings(profanity_weight=0.5).version, base.with_settings(name="p1").version,
                base.with_settings(toxic_b=0.2).version}
    assert len(versions) == 6
    assert base.version == _head().version  # and only then


def test_edited_or_broken_files_are_refused(tmp_path: Path) -> None:
    _head().save(tmp_path)
    meta = json.loads((tmp_path / HEAD_META).read_text())
    meta["thresholds"] = [0.1, 0.2]
    (tmp_path / HEAD_META).write_text(json.dumps(meta))
    with pytest.raises(ToxicityModelError, match="does not match its files"):
        ToxicityHead.load(tmp_path)
    (tmp_path / HEAD_WEIGHTS).write_bytes(b"not an npz")
    with pytest.raises(ToxicityModelError):
        ToxicityHead.load(tmp_path)
    with pytest.raises(ToxicityModelError):
        ToxicityHead.load(tmp_path / "missing")


def test_docstring_examples() -> None:
    result = doctest.testmod(head_module)
    assert result.failed == 0 and result.attempted > 0


def test_level2_shift_moves_only_the_line_between_levels_1_and_2(tmp_path: Path) -> None:
    plain = _head()
    shifted = plain.with_settings(level2_shift=float(np.log(2.0)))
    x = np.random.default_rng(2).normal(size=(200, 4)).astype(np.float32)
    t0, s0 = plain.predict(x)
    t1, s1 = shifted.predict(x)
    assert np.array_equal(t0, t1)  # toxic vs clean unchanged
    assert np.allclose(s1, sigmoid(np.log(s0 / (1 - s0)) + np.log(2.0)))  # odds doubled
    l0, l1 = plain.levels(t0, s0), shifted.levels(t1, s1)
    assert np.array_equal(l0 > 0, l1 > 0) and (l1 >= l0).all() and (l1 > l0).any()
    assert shifted.version != plain.version
    assert ToxicityHead.load(shifted.save(tmp_path / "h")).level2_shift == shifted.level2_shift
