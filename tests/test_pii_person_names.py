"""PersonNameRecognizer and the name decision (classify_name): full names, titles, cues, the Name-span bug."""

from __future__ import annotations

import doctest

import pytest

from ml_backend.pii import get_pii_engine
from ml_backend.pii.recognizers import names, person_names
from pii_helpers import spans


@pytest.fixture(scope="module")
def engine():
    return get_pii_engine()


# issue 15.5: a capitalised verb at the start of a sentence is never part of the Name span
@pytest.mark.parametrize(
    "text,name",
    [("Call Jane Doe at 617-555-0143.", "Jane Doe"), ("Email Jane Doe at jane.doe@gmail.com", "Jane Doe"),
     ("Ask Peter Novak whether the invoice was paid.", "Peter Novak"),
     ("Tell Hannah Schulz the meeting moved.", "Hannah Schulz"),
     ("Write to Carlos Mendez and thank him.", "Carlos Mendez"), ("Text Maria Lopez the address.", "Maria Lopez"),
     ("Thanks. Call Robert Chen tomorrow.", "Robert Chen"), ("Please email Grace Liu the slides.", "Grace Liu")],
)
def test_sentence_initial_verbs_never_start_a_name(engine, text: str, name: str) -> None:
    names_found = [v for v, label in spans(engine.analyze(text), text) if label == "Name"]
    assert names_found == [name]


@pytest.mark.parametrize("text,name", [("Will Smith starred in it.", "Will Smith"), ("Mark Twain wrote it.", "Mark Twain")])
def test_a_given_name_at_the_start_stays(engine, text: str, name: str) -> None:
    assert (name, "Name") in spans(engine.analyze(text), text)


@pytest.mark.parametrize(
    "text,value,certain",
    [("Please summarize what Dr. Nakamura said.", "Nakamura", False),
     ("My name is Reba Quill.", "Reba Quill", True),
     ("Fix the grammar: DEAR MR PATEL, WE RECEIVED YOUR FORM", "PATEL", False),
     ("What's your last name? Abernathy.", "Abernathy", False)],
)
def test_titles_and_cues(value: str, text: str, certain: bool) -> None:
    from ml_backend.pii.context import TextContext

    got = [(text[c.start:c.end], c.certain) for c in person_names.find_names(TextContext(text, None))]
    assert (value, certain) in got


@pytest.mark.parametrize("word", ["Tales", "Firefox", "JSON", "MyClass", "OpenAI", "Creating", "Stereotypes"])
def test_words_the_ner_takes_for_people(engine, word: str) -> None:
    assert names.looks_like_a_word(word, engine._common)


@pytest.mark.parametrize("word", ["Kowalczyk", "McDonald", "Okonkwo", "Becker", "Garcia-Roberson"])
def test_surnames_are_not_words(engine, word: str) -> None:
    assert not names.looks_like_a_word(word, engine._common)


def test_a_lone_first_name_is_weak_and_a_full_name_certain(engine) -> None:
    assert not engine.analyze("Write a birthday poem for Emma, who loves horses.").has_pii
    f = engine.analyze("Write a thank-you note to my neighbour Karen Whitfield.")
    assert f.has_pii and f.certain


def test_docstrings() -> None:
    for module in (names, person_names):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0


@pytest.mark.parametrize(
    "text,name,certain",
    [("Who painted more self-portraits, Rembrandt or Van Gogh?", "Van Gogh", False),  # a lone surname
     ("Van Morrison sang it.", "Van Morrison", True)],  # a given name and a listed surname
)
def test_a_surname_with_its_particle_alone_is_not_certain(engine, text: str, name: str, certain: bool) -> None:
    f = engine.analyze(text)
    # "Rembrandt" is a famous one-word name: PII, not certain (recognizers/famous_names.py, issue 13)
    names = [(text[s.start:s.end], s.certain) for s in f.spans if s.label == "Name"]
    assert [n for n in names if n[0] != "Rembrandt"] == [(name, certain)]


def test_a_verb_the_model_tagged_with_the_name_is_trimmed(engine) -> None:
    """spaCy tags "Text Aisha Bello" as one ORG: the opening verb is cut and the rest is a full name."""
    text = "Text Aisha Bello that I'm late."
    assert spans(engine.analyze(text), text) == [("Aisha Bello", "Name")]


@pytest.mark.parametrize("text,name", [("Schrijf een brief aan Pieter de Vries.", "Pieter de Vries"),
                                       ("Write to Ludwig van Beethoven fans.", "Ludwig van Beethoven")])
def test_lowercase_particles_join_a_capitalised_name(engine, text: str, name: str) -> None:
    assert spans(engine.analyze(text), text) == [(name, "Name")]


# new guideline cases, written before the foreign-title rule (issue 13 item 3; first kept in test_pii_stage_names)
GUIDELINE_CASES = [
    ("Pouvez-vous écrire à Monsieur Lefebvre pour le remercier ?", True),
    ("Bitte antworte Herrn Kowalczyk bis Freitag.", True),
    ("Escribe un correo al señor Gutiérrez sobre la factura.", True),
]


@pytest.mark.parametrize("text,has_pii", GUIDELINE_CASES)
def test_guideline_cases(text: str, has_pii: bool) -> None:
    from pii_helpers import engine_verdict

    verdict = engine_verdict(text)
    assert verdict[0] is has_pii and not verdict[1]  # a title and a surname: PII, not certain


# round 10 (tests/test_pii_round10_cases.py, written first): "Sir" and "Dame" come before a given name, so "Sir
# Cedric" alone is a first name alone (weak), while "Dr. Nakamura" is a lone surname (PII, not certain)
@pytest.mark.parametrize(
    "text,name,weak",
    [("a knight named Sir Cedric rode out", "Cedric", True), ("Dame Rosalind rules the land", "Rosalind", True),
     ("Please ask Dr. Nakamura.", "Nakamura", False), ("Ask Sir Attenborough.", "Attenborough", False)],
)
def test_honours_before_a_given_name(text: str, name: str, weak: bool) -> None:
    from ml_backend.pii.context import TextContext

    start = text.index(name)
    c = names.classify_name(TextContext(text, None), start, start + len(name), source="cue")
    assert c is not None and c.weak is weak and not c.certain


# round 12 (tests/test_pii_round12_cases.py, written first): a listed public figure's surname alone, tagged a person
# by spaCy, is that figure (PII, not certain, public) unless it is also a given name ("Jackson")
@pytest.mark.parametrize("text,name,public", [("What did Thatcher do?", "Thatcher", True),
                                              ("Ask Jackson about it.", "Jackson", False)])
def test_public_surnames_alone(text: str, name: str, public: bool) -> None:
    from ml_backend.pii.context import TextContext

    start = text.index(name)
    ctx = TextContext(text, None, frozenset({"thatcher", "ask"}), [(start, start + len(name), "PERSON")])
    c = names.classify_name(ctx, start, start + len(name), source="spacy")
    assert (c is not None and c.public and not c.certain) is public


# round 16 (tests/test_pii_round16_cases.py, written first): the lower-case words of a French or Spanish sentence
# that the small model ran into a name span
@pytest.mark.parametrize(
    "text,ents,expected",
    [("écris de la part de Mamadou Diallo.", [(0, 34, "PERSON")], "Mamadou Diallo"),
     ("Le escribo en nombre de Kwame Mensah.", [(21, 36, "PERSON")], "Kwame Mensah"),
     ("Je vous écris de la part d'Aminata Traoré.", [(25, 41, "ORG")], "Aminata Traoré")],
)
def test_lower_case_words_before_a_name_in_another_language(text: str, ents: list, expected: str) -> None:
    from ml_backend.pii.context import TextContext
    from ml_backend.pii.recognizers.person_names import find_names

    assert expected in [text[c.start:c.end] for c in find_names(TextContext(text, None, frozenset(), ents))]


# round 17 (tests/test_pii_round17_cases.py, written first)
@pytest.mark.parametrize(
    "text,name,certain",
    [("Fill in the sample form with a placeholder name like Jane Doe.", "Jane Doe", False),
     ("Call Jane Doe at noon about the lease.", "Jane Doe", True),  # no sample data: a full name like any
     ("Was Kennedy's presidency a success?", "Kennedy", False),  # a public figure in a sentence about politics
     ("Write a retirement card for Władysław Kowalczyk.", "Władysław Kowalczyk", True)],
)
def test_round17_names(engine, text: str, name: str, certain: bool) -> None:
    f = engine.analyze(text)
    assert name in [text[s.start:s.end] for s in f.spans] and f.certain is certain


def test_a_given_name_that_is_a_public_surname_outside_politics_is_no_one(engine) -> None:
    assert not engine.analyze("Kennedy is coming to my party tomorrow; plan the snacks.").has_pii


def test_a_determiner_that_is_a_given_name_somewhere_is_trimmed() -> None:
    from ml_backend.pii.context import TextContext
    from ml_backend.pii.recognizers.names import trim_opener

    text = "My Jack Daniel's glass broke. My Smith is here."
    assert text[trim_opener(TextContext(text, None), 0, 14):14] == "Jack Daniel"
    # round 20: "My" opening a sentence is a determiner before one word too
    assert text[trim_opener(TextContext(text, None), 30, 38):38] == "Smith"


def test_a_one_word_person_entity_as_the_family_name_of_a_full_name(engine) -> None:
    from ml_backend.pii.context import TextContext
    from ml_backend.pii.recognizers.person_names import find_names
    from pii_helpers import english_words

    def names(text: str, ents: list) -> list[str]:
        ctx = TextContext(text, engine._nlp.make_doc(text), english_words(), ents)  # spaCy's tokens, given entities
        return [text[c.start:c.end] for c in find_names(ctx)]

    assert "Władysław Kowalczyk" in names("Write to Władysław Kowalczyk today", [(19, 28, "PERSON")])
    assert "Colonel Weber" not in names("US Army Colonel Weber recruits", [(16, 21, "PERSON")])  # a rank


@pytest.mark.parametrize("text,name", [("Write a talk inspired by Brené Brown's research.", "Brené Brown"),
                                       ("Summarize Zoë Baker's essay.", "Zoë Baker")])
def test_an_accented_given_name_before_a_family_name_that_is_a_word(engine, text: str, name: str) -> None:
    f = engine.analyze(text)
    assert name in [text[s.start:s.end] for s in f.spans] and f.certain


def test_an_accented_english_word_before_a_word_is_no_name(engine) -> None:
    assert not engine.analyze("Recommend a café latte recipe with oat milk.").has_pii
