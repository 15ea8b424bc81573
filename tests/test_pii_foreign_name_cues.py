"""ForeignNameCueRecognizer: "my name is" in other languages; full names certain, a first name alone weak."""

from __future__ import annotations

import pytest

from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers.foreign_name_cues import ForeignNameCueRecognizer

REC = ForeignNameCueRecognizer()


@pytest.mark.parametrize(
    "text,name,certain",
    [("Hola, me llamo Lucía Navarro y necesito ayuda", "Lucía Navarro", True),
     ("Je m'appelle Jean Dupont.", "Jean Dupont", True), ("Ich heiße Jonas Weber und wohne in Köln", "Jonas Weber", True),
     ("私の名前は佐藤健です。自己紹介を書いてください。", "佐藤健", True), ("我叫王伟。请帮我写简历。", "王伟", True),
     ("제 이름은 김민준입니다", "김민준", True), ("Me llamo Lucía.", "Lucía", False)],
)
def test_names(text: str, name: str, certain: bool) -> None:
    (c,) = REC.find(TextContext(text, None))
    assert (text[c.start:c.end], c.certain, c.weak) == (name, certain, not certain)


@pytest.mark.parametrize(
    "text",
    ["我叫他去买菜。", "私は学生です。", "Escribe un poema sobre el mar.", "Schreib mir ein Gedicht über den Herbst.",
     "请帮我写一首关于春天的诗。"],
)
def test_no_cue_no_name(text: str) -> None:
    assert REC.find(TextContext(text, None)) == []
