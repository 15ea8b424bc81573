"""NicknamedNameRecognizer: a full name with a quoted nickname inside ("Margaret 'Peggy' Olsen"): the whole is
one person's name, certain."""

from __future__ import annotations

import doctest

import pytest

from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers import nicknamed_names
from ml_backend.pii.recognizers.nicknamed_names import NicknamedNameRecognizer
from pii_helpers import found

REC = NicknamedNameRecognizer()


@pytest.mark.parametrize(
    "text,names",
    [("a eulogy for Margaret 'Peggy' Olsen", ["Margaret 'Peggy' Olsen"]),
     ('a toast for Robert "Bobby" Kline', ['Robert "Bobby" Kline']),
     ("a bio of Edwin “Buzz” Aldrin", ["Edwin “Buzz” Aldrin"]),
     ("James 'The Hammer' Zzyxq fights tonight", ["James 'The Hammer' Zzyxq"]),
     ("Margaret 'Peggy\" Olsen", []),  # quotes that do not match
     ("Jack 'Hey' Tune", []),  # an English word, not a family name
     ("Play 'Peggy' Olsen", [])],  # "Play" is no given name
)
def test_nicknamed_names(text: str, names: list[str]) -> None:
    assert found(REC, text, common=frozenset({"tune", "play"})) == names


def test_a_nicknamed_name_is_certain() -> None:
    (c,) = REC.find(TextContext("Margaret 'Peggy' Olsen", None))
    assert c.label == "Name" and c.certain


def test_a_long_run_of_quoted_words_is_linear() -> None:
    text = "Zzyx 'Peggy' " * 20000
    assert found(REC, text) == []


def test_doctests() -> None:
    assert doctest.testmod(nicknamed_names).failed == 0
