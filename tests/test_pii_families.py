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


# round 14 (tests/test_pii_round14_cases.py, written first): the kind of family between the name and "family"
@pytest.mark.parametrize(
    "text,names",
    [("the Medici banking family", ["Medici banking family"]), ("the Zzyxq political family", ["Zzyxq political family"]),
     ("the Kennedy dynasty", ["Kennedy dynasty"]),
     ("the Table banking family", []),  # an ordinary word, not a name
     ("the banking family of Florence", [])],  # no name
)
def test_kinds_of_family(text: str, names: list[str]) -> None:
    assert found(REC, text, common=frozenset({"table", "banking"})) == names


def test_a_word_spacy_tags_a_person_names_a_kind_of_family() -> None:
    text = "the Rothschild banking family"  # "rothschild" is in WordNet
    ctx = TextContext(text, None, frozenset({"rothschild"}), ents=[(4, 14, "PERSON")])
    assert [text[c.start:c.end] for c in REC.find(ctx)] == ["Rothschild banking family"]


def test_a_nation_before_the_kind_of_family_is_no_family() -> None:
    text = "the Saudi royal family"
    assert REC.find(TextContext(text, None, ents=[(4, 9, "NORP")])) == []
