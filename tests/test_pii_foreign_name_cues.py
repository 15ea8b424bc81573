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


@pytest.mark.parametrize(
    "text,flagged",
    [("Je m'appelle Claire.", False),  # a first name alone, in French: not PII (and "Je" is no name)
     ("Écris un poème sur la mer.", False), ("Wie spät ist es in Berlin?", False), ("¿Cuál es la capital de Perú?", False),
     ("Écris à Jean Dupont au 06 12 34 56 78.", True)],
)
def test_non_english_text_is_flagged_only_for_pii(text: str, flagged: bool) -> None:
    from ml_backend.pii import get_pii_engine

    f = get_pii_engine().analyze(text)
    assert f.has_pii is flagged, [(text[s.start:s.end], s.entity) for s in f.spans]
    if flagged:
        assert "Écris" not in [text[s.start:s.end] for s in f.spans]


@pytest.mark.parametrize(
    "text,name,certain",
    [("Напиши письмо Ольге Смирновой.", "Ольге Смирновой", True), ("田中さんにメールを書いてください。", "田中", False),
     ("김철수 씨에게 편지를 써 주세요.", "김철수", True)],
)
def test_names_in_other_scripts(text: str, name: str, certain: bool) -> None:
    (c,) = REC.find(TextContext(text, None))
    assert (text[c.start:c.end], c.certain) == (name, certain)


@pytest.mark.parametrize("text", ["Напиши стих о зиме.", "Москва — столица России.", "社長さんに聞いてください。",
                                  "お母さんに電話して。"])
def test_no_name_in_other_scripts(text: str) -> None:
    assert REC.find(TextContext(text, None)) == []


# round 5 (issue 13 item 3), written before the relation-cue rule: a name after a relation or role noun in
# German, French, Spanish, Italian, Portuguese, Dutch. (text, full name or None when nothing may be flagged)
RELATION_CASES = [
    ("Schreib eine Geburtstagskarte für meine Kollegin Sabine Hoffmann.", "Sabine Hoffmann"),
    ("Mein Chef Thomas Becker will den Bericht bis Freitag.", "Thomas Becker"),
    ("Kannst du meinem Nachbarn Jürgen Schulz einen Brief schreiben?", "Jürgen Schulz"),
    ("Écris un message à mon collègue Julien Moreau pour le remercier.", "Julien Moreau"),
    ("Ma voisine Camille Lefèvre organise une fête samedi.", "Camille Lefèvre"),
    ("Escribe un correo a mi jefe Andrés Castillo sobre las vacaciones.", "Andrés Castillo"),
    ("Mi vecina Lucía Romero necesita ayuda con su carta.", "Lucía Romero"),
    ("Scrivi un biglietto per la mia collega Giulia Ferri.", "Giulia Ferri"),
    ("Escreva uma mensagem para minha amiga Beatriz Almeida.", "Beatriz Almeida"),
    ("Schrijf een bedankje voor mijn collega Sanne Visser.", "Sanne Visser"),
    ("Schreib einen Brief an meine Kollegin über das Projekt.", None),
    ("Mein Chef arbeitet bei der Deutschen Bank.", None),
    ("Écris un poème pour mon ami sur la Tour Eiffel.", None),
    ("Mi jefe quiere un informe sobre Inteligencia Artificial.", None),
    ("Meine Freundin liebt Künstliche Intelligenz.", None),
]


@pytest.mark.parametrize("text,name", RELATION_CASES)
def test_names_after_a_relation_in_other_languages(text: str, name: str | None) -> None:
    from pii_helpers import engine_verdict

    has_pii, certain, found_spans = engine_verdict(text)
    assert has_pii is (name is not None), found_spans
    if name is not None:
        assert name in found_spans and certain


@pytest.mark.parametrize(
    "text,expected",
    [("Écris à mon ami Pieter van Dijk.", [("Pieter van Dijk", True)]),
     ("Mi jefe Andrés quiere el informe.", [("Andrés", False)]),  # a first name alone: weak
     ("Kauf für meine Kollegin Anna Blumen.", [("Anna", False)])],  # German nouns are capitalised: no surname
)
def test_relation_cue_spans(text: str, expected: list[tuple[str, bool]]) -> None:
    assert [(text[c.start:c.end], c.certain) for c in REC.find(TextContext(text, None))] == expected
