"""The offline default toxicity engine (alt-profanity-check + rules) on the labelled set, and its API contract.

Quality is asserted on ``tests/data/toxicity_eval.jsonl`` with thresholds (never on one sentence's score): the
F1 target and "beats alt-profanity-check alone" on all rows and on the held-out rows (test + fresh splits, never
used to choose anything). Deterministic rule behaviour is asserted on single sentences where it is a rule.
"""

from __future__ import annotations

import doctest
import logging
import time

import pytest

from label_config.taxonomy import RELATIVE_TOXICITY, TOXICITY_LEVELS
from ml_backend import evaluate_toxicity, toxicity, toxicity_rules
from ml_backend.evaluate_toxicity import (
    HELD_OUT,
    binary_metrics,
    choose_thresholds,
    evaluate,
    load_eval_set,
    split_rows,
)
from ml_backend.toxicity import (
    BASELINE_MODEL,
    DEFAULT_THRESHOLDS,
    ProfanityCheckEngine,
    RulesProfanityEngine,
    ToxicityScore,
    get_toxicity_engine,
    level_choice,
    level_from_probability,
    relative_choice,
    relative_toxicity,
)

F1_TARGET = 0.85


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return load_eval_set()


@pytest.fixture(scope="module")
def engine() -> RulesProfanityEngine:
    e = get_toxicity_engine("default")
    assert isinstance(e, RulesProfanityEngine)
    return e


@pytest.fixture(scope="module")
def baseline() -> ProfanityCheckEngine:
    e = get_toxicity_engine(BASELINE_MODEL)
    assert isinstance(e, ProfanityCheckEngine)
    return e


@pytest.fixture(scope="module")
def probs(rows, engine, baseline) -> dict[str, list[float]]:
    texts = [r["text"] for r in rows]
    return {"ours": engine.probabilities(texts), "baseline": baseline.probabilities(texts)}


def _eval(rows, probs, split, thresholds):
    idx = split_rows(rows, split)
    return evaluate([probs[i] for i in idx], [rows[i] for i in idx], thresholds)


# --------------------------------------------------------------------------------------------------
# The labelled set
# --------------------------------------------------------------------------------------------------
def test_labelled_set_is_well_formed(rows) -> None:
    groups = {r["group"] for r in rows}
    assert {"threat", "identity_hate", "sarcasm", "benign_rough", "davidson_hate", "davidson_offensive",
            "davidson_neither"} <= groups
    written = [r for r in rows if r["source"] == "written"]
    assert len(written) >= 60
    assert sum(r["source"] == "davidson" for r in rows) == 300
    for r in rows:
        assert set(r) >= {"text", "level", "toxic", "group", "source", "split"}
        assert r["level"] in (0, 1, 2) and r["toxic"] == (r["level"] > 0)
        assert r["source"] in ("davidson", "written") and r["split"] in ("dev", "test", "fresh")
    assert len({r["text"] for r in rows}) == len(rows)
    for group in ("threat", "identity_hate", "sarcasm", "benign_rough"):
        assert sum(r["group"] == group for r in written) >= 10, group


@pytest.mark.parametrize("split", [None, HELD_OUT])
def test_f1_target_and_beats_alt_profanity_check(rows, probs, engine, baseline, split) -> None:
    ours = _eval(rows, probs["ours"], split, engine.thresholds)
    base = _eval(rows, probs["baseline"], split, baseline.thresholds)
    assert ours["binary"]["f1"] >= F1_TARGET, ours["binary"]
    assert ours["binary"]["f1"] > base["binary"]["f1"] + 0.05, (ours["binary"], base["binary"])
    assert ours["level_accuracy"] > base["level_accuracy"], (ours["level_accuracy"], base["level_accuracy"])


def test_beats_alt_profanity_check_even_with_its_thresholds_tuned_on_dev(rows, probs, engine) -> None:
    dev = split_rows(rows, "dev")
    tuned = choose_thresholds([probs["baseline"][i] for i in dev], [rows[i]["level"] for i in dev])["thresholds"]
    ours = _eval(rows, probs["ours"], HELD_OUT, engine.thresholds)
    base = _eval(rows, probs["baseline"], HELD_OUT, tuned)
    assert ours["binary"]["f1"] > base["binary"]["f1"]
    assert ours["level_accuracy"] > base["level_accuracy"]


def test_the_cases_a_profanity_model_misses_or_over_flags(rows, probs, engine, baseline) -> None:
    ours = _eval(rows, probs["ours"], HELD_OUT, engine.thresholds)["groups"]
    base = _eval(rows, probs["baseline"], HELD_OUT, baseline.thresholds)["groups"]
    for group in ("threat", "identity_hate", "sarcasm", "benign_rough"):
        assert ours[group]["binary_accuracy"] > base[group]["binary_accuracy"], group
    for group in ("identity_neutral", "clean"):  # the rules must not start flagging neutral mentions
        assert ours[group]["binary_accuracy"] == 1.0, group


def test_committed_thresholds_are_the_dev_optimum(rows, probs) -> None:
    dev = split_rows(rows, "dev")
    chosen = choose_thresholds([probs["ours"][i] for i in dev], [rows[i]["level"] for i in dev])
    assert chosen["thresholds"] == DEFAULT_THRESHOLDS


def test_scores_and_levels_are_in_range(probs, engine, rows) -> None:
    scores = engine.score_batch([r["text"] for r in rows])
    assert all(0.0 <= s.probability <= 1.0 for s in scores)
    assert {s.level for s in scores} == {0, 1, 2}
    assert all(s.level == level_from_probability(s.probability, engine.thresholds) for s in scores)
    assert all(s.choice in TOXICITY_LEVELS for s in scores)


# --------------------------------------------------------------------------------------------------
# API contract
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("inp", "out", "expected"),
    [(0, 0, 0), (0, 1, 1), (0, 2, 1), (1, 0, -1), (1, 1, 0), (1, 2, 1), (2, 0, -1), (2, 1, -1), (2, 2, 0)],
)
def test_relative_toxicity_table(inp: int, out: int, expected: int) -> None:
    assert relative_toxicity(inp, out) == expected
    assert relative_choice(expected) in RELATIVE_TOXICITY


@pytest.mark.parametrize(("inp", "out"), [(3, 0), (0, -1), (True, 0), ("1", 0), (None, 1)])
def test_relative_toxicity_rejects_non_levels(inp, out) -> None:
    with pytest.raises(ValueError):
        relative_toxicity(inp, out)


def test_level_from_probability() -> None:
    th = (0.4, 0.8)
    assert [level_from_probability(p, th) for p in (0.0, 0.39, 0.4, 0.79, 0.8, 1.0, 1.5, -1.0)] == \
        [0, 0, 1, 1, 2, 2, 2, 0]
    assert level_from_probability(float("nan"), th) == 0
    assert level_from_probability(0.5) in (0, 1, 2)
    for bad in ((0.8, 0.4), (-0.1, 0.5), (0.5, 1.1)):
        with pytest.raises(ValueError):
            level_from_probability(0.5, bad)


def test_choices_come_from_the_taxonomy() -> None:
    assert [level_choice(lvl) for lvl in (0, 1, 2)] == list(TOXICITY_LEVELS)
    assert [relative_choice(r) for r in (-1, 0, 1)] == list(RELATIVE_TOXICITY)
    assert ToxicityScore(0.1, 0).choice == TOXICITY_LEVELS[0]


def test_batch_equals_one_by_one(engine, rows) -> None:
    texts = [r["text"] for r in rows[::7]] + ["", "kill -9 1234", "I will kill you."]
    batched = engine.score_batch(texts)
    assert batched == [engine.score_batch([t])[0] for t in texts]
    assert batched == [engine.score(t) for t in texts]


def test_empty_unicode_and_huge_text(engine) -> None:
    texts = ["", "   \n\t", "\x00\x01", "日本語のテキスト 🙂 Ünïcödé ﬁ", "💀" * 1000, "a" * 1_000_000,
             "I will kill you. " * 60_000]
    start = time.perf_counter()
    scores = engine.score_batch(texts)
    assert time.perf_counter() - start < 10
    assert len(scores) == len(texts)
    assert all(s.level in (0, 1, 2) and 0.0 <= s.probability <= 1.0 for s in scores)
    assert scores[0].level == 0
    assert scores[-1].level == 2  # rules read the first 20,000 characters
    assert engine.score_batch([]) == []


def test_bad_input_types_are_refused(engine) -> None:
    with pytest.raises(TypeError):
        engine.score_batch("one string, not a list")
    with pytest.raises(TypeError):
        engine.score_batch(["ok", None])
    with pytest.raises(TypeError):
        engine.score_batch(["ok", b"bytes"])


def test_no_text_is_logged(engine, caplog: pytest.LogCaptureFixture) -> None:
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
    assert isinstance(default, RulesProfanityEngine)
    assert get_toxicity_engine() is default is get_toxicity_engine("default") is get_toxicity_engine("  ")
    monkeypatch.setenv("TOXICITY_MODEL", BASELINE_MODEL)
    assert isinstance(get_toxicity_engine(), ProfanityCheckEngine)
    monkeypatch.setenv("TOXICITY_MODEL", "")
    assert get_toxicity_engine() is default
    custom = get_toxicity_engine("default", thresholds=(0.3, 0.9))
    assert custom is not default and custom.thresholds == (0.3, 0.9)


def test_model_version_names_detector_and_versions(engine, baseline) -> None:
    assert engine.model_version.startswith("toxicity:alt-profanity-check-1.9.1+rules-")
    assert toxicity_rules.RULES_VERSION in engine.model_version
    assert toxicity_rules.lexicon_hash() in engine.model_version
    assert baseline.model_version == "toxicity:alt-profanity-check-1.9.1"


def test_throughput_is_far_above_the_backend_target(engine, rows) -> None:
    texts = ([r["text"] for r in rows] * 2)[:1000]
    rate = evaluate_toxicity.throughput(engine, texts, batch_size=50, repeat=2)
    assert rate >= 600, f"{rate:.0f} texts/s"  # the backend needs >= 300 tasks/s overall; measured ~2,000-4,000


# --------------------------------------------------------------------------------------------------
# Rules (deterministic: single sentences are fine here)
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Run kill -9 1234 now", "Run signal option 1234 now"),
        ("That was one hell of a burger", "That was one great burger"),
        ("This coffee is damn good", "This coffee is very good"),
        ("Kill the stuck worker process", "stop the process"),
        ("Shoot me an email", "send me a message"),
        ("I will kill you", "I will kill you"),
    ],
)
def test_neutralise_benign(text: str, expected: str) -> None:
    assert toxicity_rules.neutralise_benign(text) == expected


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("I will kill you.", "threat"),
        ("i'm gonna find u and hurt u", "threat"),
        ("I hope you die in a fire", "threat"),
        ("Touch my car again and you'll end up in the hospital.", "threat"),
        ("Immigrants are vermin.", "identity_attack"),
        ("Gays should be locked up.", "identity_attack"),
        ("Go back to your own country.", "identity_attack"),
        ("You are a worthless idiot.", "hostile_address"),
        ("Nice job, Einstein.", "putdown"),
    ],
)
def test_rule_signals_fire(text: str, signal: str) -> None:
    assert getattr(toxicity_rules.find_signals(text), signal)


@pytest.mark.parametrize(
    "text",
    [
        "I would never hurt you.",
        "I didn't mean to hurt your feelings.",
        "Kill the process and restart the server.",
        "Police said the suspect threatened to kill his neighbour.",
        "The documentary describes how the Nazis murdered millions of Jews.",
        "Muslims around the world celebrate Eid.",
        "It is a myth that immigrants are criminals.",
        "If the pain persists, go to the emergency room.",
        "The black dog chased a white rat.",
        "Go back to your room.",
        "She is truly a genius.",
    ],
)
def test_rules_stay_quiet_on_benign_text(text: str) -> None:
    signals = toxicity_rules.find_signals(text)
    assert not signals.severe and not signals.putdown, signals


def test_lexicon_is_clean() -> None:
    lex = toxicity_rules.lexicon()
    for key, words in lex.items():
        assert words, key
        assert all(w == w.strip().lower() for w in words), key
        assert len(set(words)) == len(words), key


@pytest.mark.parametrize("module", [toxicity, toxicity_rules, evaluate_toxicity])
def test_docstring_examples(module) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 0


def test_binary_metrics_counts() -> None:
    assert binary_metrics([True, False, False], [True, True, False]) == {
        "precision": 1.0, "recall": 0.5, "f1": 0.667, "tp": 1, "fp": 0, "fn": 1, "n": 3}
