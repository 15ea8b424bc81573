"""DeityCueRecognizer: unlisted figures of myth and religion from a cue ("the sun goddess", "was worshipped")."""

from __future__ import annotations

import pytest

from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers.deity_cues import DeityCueRecognizer
from pii_helpers import found

REC = DeityCueRecognizer()


@pytest.mark.parametrize(
    "text,names",
    [("Write a hymn to Amaterasu, the sun goddess.", ["Amaterasu"]),
     ("Describe how Quetzalcoatl was worshipped by the Aztecs.", ["Quetzalcoatl"]),
     ("Tell me about the Norse god Heimdall.", ["Heimdall"]),
     ("What was the cult of Mithras?", ["Mithras"]),
     ("Zeus, the king of the gods, and the goddess Athena", []),  # Greek mythology is not PII
     ("Oh my god Jessica, stop", []),  # an exclamation, not a deity
     ("Who is the Sun god in Egyptian myth?", []),
     ("Fire was worshipped by many peoples.", []),  # an English word that opens the sentence
     ("Say how Amaterasu was worshipped at Ise.", ["Amaterasu"]),  # WordNet lists it; mid-sentence it is a name
     ("He sat in the temple of God.", []),
     # the role words inside "demigod" count for the quick pre-check as for the patterns
     ("Tell the story of the demigod Maui and the sun.", ["Maui"])],
)
def test_deities(text: str, names: list[str]) -> None:
    assert found(REC, text, common=frozenset({"sun", "fire", "amaterasu"})) == names


def test_not_certain() -> None:
    (c,) = REC.find(TextContext("the goddess Amaterasu", None))
    assert c.label == "Name" and not c.certain
