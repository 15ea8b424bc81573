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


def test_the_fast_path_gives_the_librarys_own_floats_on_real_texts() -> None:
    """``profanity_scores`` skips scikit-learn's per-call validation (``linear_sigmoid_ensemble``): on 3,000 real
    tweets and forum sentences it must give exactly the library's probabilities, bit for bit."""
    import json
    from itertools import islice

    from profanity_check import profanity_check as library

    from conftest import SHARED_DATA

    texts = []
    for name in ("davidson_labeled_24783.jsonl", "stormfront_sentences_10944.jsonl"):
        with open(SHARED_DATA / "toxicity_train" / name, encoding="utf-8") as f:
            texts += [(r.get("tweet") or r.get("text") or "") for r in map(json.loads, islice(f, 1500))]
    assert profanity.profanity_predict_prob() is not library.predict_prob  # the fast path is the one in use
    assert profanity_scores(texts) == [float(p) for p in library.predict_prob(texts)]


def test_a_model_of_another_shape_falls_back_to_the_library() -> None:
    from profanity_check import profanity_check as library

    class Isotonic:
        method = "isotonic"
        classes_ = [0, 1]

    assert profanity.linear_sigmoid_ensemble(Isotonic(), library.vectorizer) is None
