"""sign_offs: the writer's name after a letter's closing (round 7; cases in test_pii_round7_cases.py)."""

from __future__ import annotations

import doctest

import pytest

import ml_backend.pii.recognizers.sign_offs as sign_offs
from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers.sign_offs import SignOffRecognizer
from pii_helpers import found
from test_pii_person_slots import common

REC = SignOffRecognizer()


def test_doctests() -> None:
    assert doctest.testmod(sign_offs).failed == 0


@pytest.mark.parametrize(
    "text,expected",
    [("Thanks.\nSincerely,\nXiao-Ming Li", ["Xiao-Ming Li"]), ("I enjoyed it. Best regards, Jia-Hui Xu", ["Jia-Hui Xu"]),
     ("Cheers,\nHai-Yan Ng\n", ["Hai-Yan Ng"]), ("Kind regards,\nJ. Okafor", ["J. Okafor"]),
     ("Sincerely,\n[Your Name]", []), ("Kind regards,\nYour Name", []), ("Sincerely,\nThe Customer Service Team", []),
     ("Best regards,\nAcme Corporation", []), ("Thanks,\nManagement", []), ("Love,\nMom", []),
     ("Thanks, that works for me", [])],
)
def test_recognizer(text: str, expected: list[str]) -> None:
    assert found(REC, text, common=common()) == expected


def test_a_first_name_alone_is_weak() -> None:
    (c,) = REC.find(TextContext("Best,\nSarah", None, common()))
    assert c.weak and not c.certain
