"""FamousNameRecognizer: listed public figures the NER misses ("Genghis Khan", "Rembrandt"): PII, public."""

from __future__ import annotations

import pytest

from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers.famous_names import FamousNameRecognizer
from pii_helpers import engine_verdict, found

REC = FamousNameRecognizer()

# new guideline cases, written before the rule (issue 13 item 3; first kept in test_pii_stage_names)
GUIDELINE_CASES = [
    ("Describe the painting style of Caravaggio.", True),
    ("Why is Michelangelo so famous?", True),
    ("Explain what Confucius taught about family.", True),
    ("How did Kublai Khan rule China?", True),
    ("Describe the Baroque painting style.", False),
]


@pytest.mark.parametrize("text,has_pii", GUIDELINE_CASES)
def test_guideline_cases(text: str, has_pii: bool) -> None:
    assert engine_verdict(text)[0] is has_pii


def test_full_names_certain_one_word_not_and_both_public() -> None:
    cands = REC.find(TextContext("Compare Genghis Khan's empire with what Rembrandt painted.", None))
    assert [(c.certain, c.public) for c in cands] == [(True, True), (False, True)]


@pytest.mark.parametrize("text", ["the prince of Wales", "Prince wrote it", "a Sting operation", "genghis khan"])
def test_ambiguous_or_differently_written_entries_are_left_to_the_ner(text: str) -> None:
    assert found(REC, text) == []


def test_a_thing_named_after_a_famous_person_is_not_pii() -> None:
    assert engine_verdict("Visit the Rembrandt House Museum in Amsterdam.")[0] is False


def test_a_stage_name_before_a_possessive_is_whole_without_it() -> None:
    from ml_backend.pii.recognizers.stage_names import StageNameRecognizer
    from pii_helpers import found

    assert found(StageNameRecognizer(), "Write a promo post for DJ Mbaye's set in Dakar.") == ["DJ Mbaye"]
