"""The round-5 case set (tests/data/toxicity_round5_cases.json) through the engine: with the recognizers it gets
more right than without on the part the rules were written from AND on the fresh part, and no hard negative
that is toxic without them is cleared, nor one that is clean raised; exact counts per family:
benchmarks/data/toxicity_round5_cases_after.txt (before any change: ..._before.txt)."""

from __future__ import annotations

from ml_backend.evaluate_toxicity_counter_speech import ROUND5_CASES, load_cases
from ml_backend.toxicity import get_toxicity_engine


def test_the_round5_cases_beat_the_engine_without_recognizers() -> None:
    engine = get_toxicity_engine()
    rows = load_cases(ROUND5_CASES)
    for split in ("dev", "fresh"):
        part = [r for r in rows if r["split"] == split]
        texts = [r["text"] for r in part]
        with_rules = [s.level for s in engine.score_batch(texts)]
        without = [s.level for s in engine.with_recognizers(()).score_batch(texts)]
        right = lambda levels: sum(lv in r["ok"] for lv, r in zip(levels, part))  # noqa: E731
        assert right(with_rules) >= right(without) + len(part) // 4, split
        for r, w, wo in zip(part, with_rules, without):
            if r["kind"] == "hard_negative":
                assert (w > 0) == (wo > 0) or w in r["ok"], (split, r["text"])
