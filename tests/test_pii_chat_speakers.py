"""ChatSpeakerRecognizer: the handles that name the speakers of a pasted chat log ("[10:02] dana.k: ..."):
usernames, PII, not certain."""

from __future__ import annotations

import doctest

import pytest

from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers import chat_speakers
from ml_backend.pii.recognizers.chat_speakers import ChatSpeakerRecognizer
from pii_helpers import found

REC = ChatSpeakerRecognizer()


@pytest.mark.parametrize(
    "text,names",
    [("'[09:14] mike_r: it broke [09:15] jen.w: on it'", ["mike_r", "jen.w"]),
     ("tom_88: at 5?\nlisa.b: no, at 6", ["tom_88", "lisa.b"]),
     ("[10:02] dana.k: can we move standup?", ["dana.k"]),  # one label, but a timestamp: a chat
     ("User: where is my order?\nAgent: tomorrow.", []),  # roles
     ("Mike: hi\nAnna: hello", []),  # first names alone
     ("learning_rate: 0.1\nbatch_size: 32", []),  # a configuration: numbers after the colon
     ("first_name: Ana\nlast_name: Ruiz", []),  # field names of words, no handle
     ("Note: tom_88: hi", [])],  # one label, no timestamp, mid-line
)
def test_chat_speakers(text: str, names: list[str]) -> None:
    assert found(REC, text) == names


def test_a_speaker_is_not_certain() -> None:
    assert all(not c.certain for c in REC.find(TextContext("a_1: hi\nb_2: yo", None)))


def test_a_long_log_is_linear() -> None:
    text = "[10:00] user_1: hi there\n" * 20000
    assert len(found(REC, text)) == 20000


def test_doctests() -> None:
    assert doctest.testmod(chat_speakers).failed == 0
