"""alt-profanity-check as the baseline engine and as the head's lexical input (ml_backend/toxicity/profanity.py)."""

from __future__ import annotations

import doctest

from ml_backend.toxicity import profanity
from ml_backend.toxicity.profanity import PROFANITY_MAX_CHARS, ProfanityCheckEngine, profanity_scores


def test_baseline_engine_is_the_library_at_its_own_threshold() -> None:
    engine = ProfanityCheckEngine()
    assert engine.model_version == "toxicity:alt-profanity-check-1.9.1" and engine.thresholds == (0.5, 0.5)
    scores = engine.score_batch(["have a nice day", "fuck you, idiot", ""])
    assert [s.level for s in scores] == [0, 2, 0]  # it has no level 1: flagged is level 2
    assert engine.probabilities(["fuck you, idiot"]) == [scores[1].probability]


def test_long_text_is_cut_and_scores_are_probabilities() -> None:
    out = profanity_scores(["x " * PROFANITY_MAX_CHARS + "fuck", "", "ünïcödé 🙂"])
    assert len(out) == 3 and all(0.0 <= p <= 1.0 for p in out)
    assert profanity_scores([]) == []


def test_docstring_examples() -> None:
    assert doctest.testmod(profanity).failed == 0
