"""Each distinct encoder window runs once per request, and sharing never changes a score (encoder.embed_ids).

The engine scores a batch with one window memo per call: two texts that share a window (a prompt and its
continuation both starting with the same sentence, the same text twice, a sentence the recognizers re-score that is
already a window of its text) run that window once. The scores must be those of each text scored on its own, to
the bit, whatever the batch holds: texts of different lengths (empty, one word, one window, several windows),
duplicates and shared first sentences. The encoder is the real one; the tests only count its runs.
"""

from __future__ import annotations

import numpy as np
import pytest

from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.learned import LearnedToxicityEngine

OPENING = "Thanks for asking about the garden."
TEXTS = [
    "",
    "Idiot.",
    OPENING + " You are a worthless idiot and everyone knows it.",
    OPENING + " The roses need water twice a week in summer.",
    "I will find where you live. " + "We talked about the weather for a while, then walked home. " * 12,
    "Refugees are vermin. " * 3 + "naïve café — 日本語 😀 " * 20,
    "Have a nice day.",
]


@pytest.fixture(scope="module")
def engine() -> LearnedToxicityEngine:
    return get_toxicity_engine("default")


class _CountingSession:
    """Wraps the real onnxruntime session and counts its runs."""

    def __init__(self, session) -> None:
        self._session, self.runs = session, 0

    def run(self, *args, **kwargs):
        self.runs += 1
        return self._session.run(*args, **kwargs)


def test_a_batch_scores_each_text_as_it_scores_alone(engine) -> None:
    batch = TEXTS + TEXTS[::-1] + [TEXTS[2]] * 3
    together = engine.score_batch(batch)
    toxic, severe = engine.probabilities_both(batch)
    for i, text in enumerate(batch):
        alone_toxic, alone_severe = engine.probabilities_both([text])
        single = engine.score_batch([text])[0]
        assert together[i].level == single.level and abs(together[i].probability - single.probability) <= 1e-6, i
        # the encoder's states are equal to the bit; the head's matrix product may differ in the last bit of a
        # float64 with the batch's size (BLAS), as it always has
        assert np.isclose(toxic[i], alone_toxic[0], rtol=0, atol=1e-12), i
        assert np.isclose(severe[i], alone_severe[0], rtol=0, atol=1e-12), i


def test_duplicate_windows_run_once_and_equal_a_fresh_run(engine, monkeypatch) -> None:
    encoder = engine.encoder
    windows = encoder.windows(TEXTS)
    assert len({len(w.ids) for w in windows}) >= 5  # windows of many lengths, one of them several windows long
    ids = [w.ids for w in windows]
    alone = np.stack([encoder.embed_ids([window])[0] for window in ids])
    counting = _CountingSession(encoder._session)
    monkeypatch.setattr(encoder, "_session", counting)
    memo: dict = {}
    doubled = encoder.embed_ids(ids + ids[::-1], memo)
    distinct = len({tuple(window) for window in ids})
    assert counting.runs == distinct and len(memo) == distinct
    assert np.array_equal(doubled[:len(ids)], alone) and np.array_equal(doubled[len(ids):], alone[::-1])
    again = encoder.embed_ids(ids[:3], memo)  # a later call of the same request: nothing runs again
    assert counting.runs == distinct and np.array_equal(again, alone[:3])


def test_a_shared_opening_is_encoded_once_per_call(engine, monkeypatch) -> None:
    counting = _CountingSession(engine.encoder._session)
    monkeypatch.setattr(engine.encoder, "_session", counting)
    shared = "We talked about the weather for a while, then walked home. " * 6  # fills a window and more
    pair = [shared + "You are a worthless idiot.", shared + "The roses need water twice a week."]
    windows = engine.encoder.windows(pair)
    first, second = [w.ids for w in windows if w.text_index == 0], [w.ids for w in windows if w.text_index == 1]
    assert first[0] == second[0] and first[-1] != second[-1]
    engine.with_recognizers(()).score_batch(pair)
    assert counting.runs == len({tuple(w.ids) for w in windows}) < len(windows)
