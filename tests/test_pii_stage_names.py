"""StageNameRecognizer: "Lil Nas X", "DJ Khaled" (PII, not certain); "Big Ben", "Baby Shark" are not people."""

from __future__ import annotations

import pytest

from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers.stage_names import StageNameRecognizer
from pii_helpers import found

REC = StageNameRecognizer()


@pytest.mark.parametrize(
    "text,names",
    [("Write a bio for the rapper Lil Nas X.", ["Lil Nas X"]), ("Write fan mail to DJ Khaled.", ["DJ Khaled"]),
     ("Rank the albums of Kid Cudi.", ["Kid Cudi"]), ("How tall is Big Ben?", []),
     ("Sing the Baby Shark song", []), ("Recommend Young Adult novels.", []),
     ("Is Big Sur worth a visit?", []),  # "Big" needs a music word
     ("The song The Big Three Killed My Baby is about cars", [])],  # ... and no English word after it
)
def test_stage_names(text: str, names: list[str]) -> None:
    assert found(REC, text, common=frozenset({"three"})) == names


def test_not_certain() -> None:
    (c,) = REC.find(TextContext("a verse by MC Hammer", None))
    assert c.label == "Name" and not c.certain


# new guideline cases, written before the trade-cue rule (issue 13 item 3); the cases for famous names, family acts
# and foreign titles written with them moved to test_pii_famous_names, test_pii_groups and test_pii_person_names
GUIDELINE_CASES = [
    ("Summarise the career of the singer Rosalía.", True),
    ("Write a tweet celebrating the rapper Dave's new album.", True),
    ("My favourite singer is coming to town, write a poem.", False),
    ("Which rapper has the most Grammy awards?", False),
]


@pytest.mark.parametrize("text,has_pii", GUIDELINE_CASES)
def test_guideline_cases(text: str, has_pii: bool) -> None:
    from pii_helpers import engine_verdict

    assert engine_verdict(text)[0] is has_pii


# round 5, written before the one-word stage-name rule: an ordinary word or common name used as a stage name in a
# sentence about a performer's career is PII (not certain); the same word elsewhere is not
CAREER_CASES = [
    ("Write a review of Prince's album Purple Rain.", True),
    ("Write a short bio of Drake and his latest album.", True),
    ("Why did Seal change his name and what is his best song?", True),
    ("Summarise Sting's career after The Police broke up and his solo tour.", True),
    ("What makes Adele's music so popular on her world tour?", True),
    ("Write a song about a seal on the beach.", False),
    ("Describe a prince in a fairy tale.", False),
    ("How does a bee sting work?", False),
    ("Pink is my favourite colour, write a song about it.", False),
    ("Explain Common Lisp and its music library.", False),
]


@pytest.mark.parametrize("text,has_pii", CAREER_CASES)
def test_one_word_stage_names_in_a_career_sentence(text: str, has_pii: bool) -> None:
    from pii_helpers import engine_verdict

    found_pii, certain, _ = engine_verdict(text)
    assert found_pii is has_pii and not certain


def test_one_word_stage_name_is_public() -> None:
    from ml_backend.pii.context import TextContext as Ctx

    (c,) = [c for c in REC.find(Ctx("Rank Seal's albums by sales.", None)) if c.start == 5]
    assert c.public and not c.certain
