"""FamilyRecognizer: a family by its surname ("the Hendersons", "the Okafor family"): a small group, not certain."""

from __future__ import annotations

import pytest

from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers.families import FamilyRecognizer
from pii_helpers import found

REC = FamilyRecognizer()


@pytest.mark.parametrize(
    "text,names",
    [("Plan a surprise for the Hendersons next door.", ["Hendersons"]), ("Keeping up with the Joneses", ["Joneses"]),
     ("Invite the Okafor family for dinner.", ["Okafor family"]),
     ("How did the Romans build roads?", []), ("He manages the Dallas Cowboys.", []), ("I love The Smiths.", [])],
)
def test_families(text: str, names: list[str]) -> None:
    assert found(REC, text, common=frozenset({"roman", "romans"})) == names


def test_a_family_is_not_certain() -> None:
    (c,) = REC.find(TextContext("the Hendersons", None))
    assert c.label == "Name" and not c.certain


# new guideline cases, written before the change (issue 13 item 3): a surname that is also a word ("smith")
GUIDELINE_CASES = [
    ("Draft a birthday message to the Smith twins.", True),
    ("Write a welcome card for the Baker family next door.", True),
    ("The cat family includes lions and tigers; explain.", False),
    ("Describe the rose family of plants.", False),
]


@pytest.mark.parametrize("text,has_pii", GUIDELINE_CASES)
def test_guideline_cases(text: str, has_pii: bool) -> None:
    from pii_helpers import engine_verdict

    assert engine_verdict(text)[0] is has_pii


# round 13 (tests/test_pii_round13_cases.py, written first): a double surname before "family"
@pytest.mark.parametrize(
    "text,names",
    [("the Garcia-Moreno family", ["Garcia-Moreno family"]), ("the Okafor-Zzyxq household", ["Okafor-Zzyxq household"]),
     ("the Coca-Cola family of drinks", []),  # an English word in it (below: "cola")
     ("the Zzyxq-Qwvb family", [])],  # no listed part
)
def test_double_surnames(text: str, names: list[str]) -> None:
    assert found(REC, text, common=frozenset({"cola", "coca"})) == names
