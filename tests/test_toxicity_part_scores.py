"""The per-call memo of the engine's scores (ml_backend/toxicity/part_scores.py) and what it saves.

A sentence the recognizers re-score is encoded once per call (not once per recognizer, not again when it is a
whole text of the batch), alt-profanity-check is not asked when the head does not read it and no recognizer
needs it, and the scores are those the engine gives without the memo. The encoder and alt-profanity-check are
the real ones; the tests only count the strings handed to them.
"""

from __future__ import annotations

import doctest

import numpy as np
import pytest

from ml_backend.toxicity import get_toxicity_engine, part_scores
from ml_backend.toxicity import learned as learned_module
from ml_backend.toxicity.learned import LearnedToxicityEngine
from ml_backend.toxicity.part_scores import PartScores, encoder_key

#: Picked by counter-speech ("saying ... racist") AND by negated hate ("it's not true that ...").
BOTH = "It's not true that refugees are vermin, and saying so is racist."


@pytest.fixture(scope="module")
def engine() -> LearnedToxicityEngine:
    return get_toxicity_engine("default")


class _Counting:
    """Wraps the real encoder and counts the texts it is asked to cut into windows."""

    def __init__(self, encoder) -> None:
        self._encoder, self.texts = encoder, []

    def windows(self, texts):
        self.texts += list(texts)
        return self._encoder.windows(texts)

    def embed_windows(self, texts):
        windows = self.windows(texts)
        return self._encoder.embed_ids([w.ids for w in windows]), windows

    def __getattr__(self, name):
        return getattr(self._encoder, name)


def test_doctests() -> None:
    assert doctest.testmod(part_scores).failed == 0


def test_a_sentence_two_recognizers_pick_is_encoded_once(engine, monkeypatch) -> None:
    from ml_backend.toxicity.recognizers.counter_speech import is_counter_speech
    from ml_backend.toxicity.recognizers.negated_hate import is_negated_hate

    assert is_counter_speech(BOTH) and is_negated_hate(BOTH)
    counting = _Counting(engine.encoder)
    monkeypatch.setattr(engine, "encoder", counting)
    two = "Saying that refugees are vermin is racist. Have a nice day."
    toxic, severe = engine.probabilities_both([BOTH, two, BOTH])
    # the batch's texts once each, then only the two sentences of the second text, once (not per recognizer)
    assert counting.texts == [BOTH, two, BOTH, "Saying that refugees are vermin is racist.", "Have a nice day."]
    assert toxic[0] == toxic[2] and toxic[0] < 0.5


def test_the_memo_gives_the_scores_of_a_fresh_pass(engine) -> None:
    texts = [BOTH, "Saying that refugees are vermin is racist. Have a nice day.", "I'll break your arms.",
             "  Calling them rats is cruel.  ", "Have a nice day."]
    toxic, severe = engine.probabilities_both(texts)
    for i, text in enumerate(texts):  # one text a call: nothing to share with the others
        t, s = engine.probabilities_both([text])
        assert np.isclose(toxic[i], t[0], atol=1e-12) and np.isclose(severe[i], s[0], atol=1e-12)


def test_no_profanity_scores_when_the_head_does_not_read_them(engine, monkeypatch) -> None:
    asked: list[str] = []
    real = learned_module.profanity_scores

    def counting(texts):
        asked.extend(texts)
        return real(texts)

    zero = engine.with_head(engine.head.with_settings(profanity_weight=0.0))
    monkeypatch.setattr(learned_module, "profanity_scores", counting)
    zero.probabilities_both(["Have a nice day.", "You are a fool."])
    assert asked == []
    zero.probabilities_both(["Calling them rats is cruel."])  # counter-speech reads the sentence's profanity
    assert asked == ["Calling them rats is cruel."]
    engine.probabilities_both(["Have a nice day."])         # the default head reads it
    assert asked[-1] == "Have a nice day."


def test_the_memo_is_bounded(monkeypatch) -> None:
    monkeypatch.setattr(part_scores, "MAX_ENTRIES", 3)
    calls: list[list[str]] = []

    def score(strings):
        calls.append(list(strings))
        return np.full(len(strings), 0.5), np.full(len(strings), 0.4), np.zeros(len(strings))

    memo = PartScores(score, lambda s: np.zeros(len(s)), key=str)
    memo([f"s{i}" for i in range(10)])
    memo([f"s{i}" for i in range(10)])
    assert len(calls[0]) == 10 and len(calls[1]) == 7   # three kept, seven scored again


def test_key_is_what_the_encoder_reads() -> None:
    assert encoder_key("Hello\n\n world!!!!!!") == encoder_key("Hello world!!!")
    assert encoder_key("Hello") != encoder_key("hello")
