"""The offline default toxicity engine (learned head on MiniLM + alt-profanity-check) and its API contract.

Quality is asserted on labelled sets the head never trained on, against alt-profanity-check alone on the same
rows (never on one sentence's score): the functional suite (written before any model was trained), and the
held-out splits of the hand-written rows. The margins asserted are below the measured ones (printed by
``python -m ml_backend.evaluate_toxicity``) so that a retrained head that is as good passes.
"""

from __future__ import annotations

import doctest
import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest

from label_config.taxonomy import TOXICITY_LEVELS
from ml_backend import evaluate_toxicity, evaluate_toxicity_rules
from ml_backend import toxicity
from ml_backend.evaluate_toxicity import load_eval_set, load_functional_suite, summarise
from ml_backend.toxicity import BASELINE_MODEL, ProfanityCheckEngine, get_toxicity_engine, resolve_model_name
from ml_backend.toxicity.learned import LearnedToxicityEngine

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def engine() -> LearnedToxicityEngine:
    e = get_toxicity_engine("default")
    assert isinstance(e, LearnedToxicityEngine)
    return e


@pytest.fixture(scope="module")
def baseline() -> ProfanityCheckEngine:
    e = get_toxicity_engine(BASELINE_MODEL)
    assert isinstance(e, ProfanityCheckEngine)
    return e


def _compare(engine, baseline, rows):
    texts = [r["text"] for r in rows]
    gold = [r["level"] for r in rows]
    ours = summarise([s.level for s in engine.score_batch(texts)], gold)
    base = summarise([2 if s.level else 0 for s in baseline.score_batch(texts)], gold)
    return ours, base


# --------------------------------------------------------------------------------------------------
# Quality on text the head never trained on
# --------------------------------------------------------------------------------------------------
def test_beats_the_baseline_on_the_functional_suite(engine, baseline) -> None:
    ours, base = _compare(engine, baseline, load_functional_suite())
    assert ours["binary"]["f1"] >= base["binary"]["f1"] + 0.15, (ours, base)
    assert ours["binary"]["f1"] >= 0.75 and ours["level_accuracy"] > base["level_accuracy"]


@pytest.mark.parametrize("split", ["test", "fresh"])
def test_beats_the_baseline_on_held_out_written_rows(engine, baseline, split) -> None:
    rows = [r for r in load_eval_set() if r["source"] == "written" and r["split"] == split]
    ours, base = _compare(engine, baseline, rows)
    assert ours["binary"]["f1"] >= base["binary"]["f1"] + 0.1, (ours, base)


def test_hate_without_rude_words_is_found_where_profanity_is_blind(engine, baseline) -> None:
    rows = [r for r in load_functional_suite() if r["functionality"] in ("implicit_no_rude_words", "dehumanisation")]
    ours = [s.level > 0 for s in engine.score_batch([r["text"] for r in rows])]
    base = [s.level > 0 for s in baseline.score_batch([r["text"] for r in rows])]
    assert sum(ours) / len(rows) >= 0.8 > 0.3 >= sum(base) / len(rows)


def test_clean_everyday_text_stays_clean(engine) -> None:
    rows = [r for r in load_functional_suite() if r["functionality"] in ("clean_everyday", "disagreement_civil",
                                                                      "benign_rough")]
    assert all(s.level == 0 for s in engine.score_batch([r["text"] for r in rows]))


def test_levels_and_scores_are_in_range(engine) -> None:
    rows = load_functional_suite()
    scores = engine.score_batch([r["text"] for r in rows])
    assert {s.level for s in scores} == {0, 1, 2}
    assert all(0.0 <= s.probability <= 1.0 and s.choice in TOXICITY_LEVELS for s in scores)
    assert all((s.level > 0) == (s.probability >= engine.thresholds[0]) for s in scores)


# --------------------------------------------------------------------------------------------------
# API contract
# --------------------------------------------------------------------------------------------------
def test_batch_equals_one_by_one(engine) -> None:
    texts = [r["text"] for r in load_functional_suite()[::9]] + ["", "kill -9 1234", "I will kill you."]
    batched = engine.score_batch(texts)
    assert batched == [engine.score_batch([t])[0] for t in texts]
    assert batched == [engine.score(t) for t in texts]


def test_empty_unicode_surrogates_and_huge_text(engine) -> None:
    texts = ["", "   \n\t", "\x00\x01", "日本語のテキスト 🙂 Ünïcödé ﬁ", "lone \ud800 surrogate", "💀" * 1000,
             "a" * 1_000_000, "Have a lovely day. " * 60_000 + " You worthless idiot."]
    start = time.perf_counter()
    scores = engine.score_batch(texts)
    assert time.perf_counter() - start < 20
    assert len(scores) == len(texts)
    assert all(s.level in (0, 1, 2) and 0.0 <= s.probability <= 1.0 for s in scores)
    assert scores[0].level == 0
    assert engine.score_batch([]) == []


def test_a_toxic_window_inside_a_long_text_is_found(engine) -> None:
    clean = "We walked along the river and talked about the garden, the weather and the new library. " * 10
    assert engine.score(clean).level == 0
    assert engine.score(clean + "You are a worthless fucking idiot and everyone hates you.").level >= 1


def test_bad_input_types_are_refused(engine) -> None:
    with pytest.raises(TypeError):
        engine.score_batch("one string, not a list")
    with pytest.raises(TypeError):
        engine.score_batch(["ok", None])
    with pytest.raises(TypeError):
        engine.score_batch(["ok", b"bytes"])


def test_no_text_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    secrets = ["Sentence-One-Zebra I will kill you", "Sentence-Two-Quokka you are a worthless idiot",
               "Sentence-Three-Narwhal have a nice day"]
    caplog.set_level(logging.DEBUG)
    toxicity._build_engine.cache_clear()
    try:
        get_toxicity_engine().score_batch(secrets)
        get_toxicity_engine(BASELINE_MODEL).score_batch(secrets)
    finally:
        toxicity._build_engine.cache_clear()
    assert caplog.records, "expected the engine to log something (load, batch timing)"
    logged = caplog.text + " ".join(str(r.args) for r in caplog.records)
    for word in ("Zebra", "Quokka", "Narwhal", "kill", "idiot"):
        assert word not in logged


def test_factory_reads_the_env_and_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TOXICITY_MODEL", raising=False)
    default = get_toxicity_engine()
    assert isinstance(default, LearnedToxicityEngine)
    assert get_toxicity_engine() is default is get_toxicity_engine("default") is get_toxicity_engine("  ")
    monkeypatch.setenv("TOXICITY_MODEL", BASELINE_MODEL)
    assert isinstance(get_toxicity_engine(), ProfanityCheckEngine)
    monkeypatch.setenv("TOXICITY_MODEL", "")
    assert get_toxicity_engine() is default
    custom = get_toxicity_engine("default", thresholds=(0.3, 0.9))
    assert custom is not default and custom.thresholds == (0.3, 0.9)
    assert custom.encoder is default.encoder  # one encoder per process
    assert resolve_model_name(None) == "default"
    with pytest.raises(ValueError):
        get_toxicity_engine("default", thresholds=(0.9, 0.1))


def test_model_version_names_encoder_head_profanity_and_rules(engine, baseline) -> None:
    assert engine.model_version == (f"toxicity:{engine.encoder.version}+head-{engine.head.version}"
                                    "+alt-profanity-check-1.9.1+rules-counter-speech.3-negated-hate.1"
                                    "-positive-identity.2-hate-words-at-things.1-neutral-nouns.1-slur-mentions.1"
                                    "-self-exclamation.1-censored-profanity.1-mild-rudeness.2-harsh-blame.1"
                                    "-affectionate-insult.1-insult-via-object.1-sexist-insinuation.1-stereotypes.1"
                                    "-harm-wishes.1-threats.1")
    assert engine.with_recognizers(()).model_version == engine.model_version.split("+rules-")[0]
    assert engine.model_version.startswith("toxicity:minilm-l6-v2@1110a24.L3.int8.w64+head-default-")
    assert baseline.model_version == "toxicity:alt-profanity-check-1.9.1"
    other = engine.with_head(engine.head.with_settings(name="project-1"))
    assert other.model_version != engine.model_version and other.encoder is engine.encoder


def test_importing_the_package_loads_no_model_runtime() -> None:
    code = ("import sys, ml_backend.toxicity; "
            "print(sorted(m for m in ('torch', 'transformers', 'onnxruntime', 'tokenizers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("module", [toxicity, evaluate_toxicity, evaluate_toxicity_rules])
def test_docstring_examples(module) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 0
