"""Round 6 cases for cited_authors."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ml_backend.pii.recognizers.cited_authors as cited_authors
from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers.cited_authors import CitedAuthorRecognizer, is_author_word
from pii_helpers import assert_verdict, engine_verdict, found


# round 6 (issue 13 item 3), written before the rule: a cited author's surname alone in a citation frame ("According
# to X", "As X argued", "In X's view", "X argues that", "What did X mean by"): PII, certain.
# (text, surname or None when nothing may be flagged, certain)
CASES = [
    ("According to Foucault, power is everywhere. Explain this claim.", "Foucault", True),
    ("As Bourdieu argued, taste is a marker of class; give three examples.", "Bourdieu", True),
    ("In Habermas's view, what makes a public sphere legitimate?", "Habermas", True),
    ("Durkheim argues that suicide has social causes. Summarise his reasoning.", "Durkheim", True),
    ("What did Wittgenstein mean by a language game?", "Wittgenstein", True),
    ("Kahneman claims that we have two systems of thinking; is that still accepted?", "Kahneman", True),
    ("According to Piaget, children pass through four stages.", "Piaget", True),
    ("As Keynes famously put it, in the long run we are all dead. Explain.", "Keynes", True),
    ("In Rawls' view, justice is fairness. Critique it.", "Rawls", True),
    ("What did Gramsci mean by cultural hegemony?", "Gramsci", True),
    ("Vygotsky contends that learning is social; compare the two theories.", "Vygotsky", True),
    ("Summarise the passage where Arendt wrote that evil can be banal.", "Arendt", True),
    ("According to the report, sales fell by ten percent.", None, None),
    ("According to Google, the store closes at nine.", None, None),
    ("As Monday approached, the team grew nervous. Continue the story.", None, None),
    ("According to Wikipedia, the bridge opened in 1932.", None, None),
    ("In Japan's view, the treaty was unfair. Explain why.", None, None),
    ("What did Congress mean by this amendment?", None, None),
    ("As Christmas neared, the shops filled up. Write the next paragraph.", None, None),
    ("Research argues that sleep improves memory; is that true?", None, None),
    ("According to Genesis, the world was made in six days.", None, None),
]


@pytest.mark.parametrize("text,name,certain", CASES)
def test_cases(text: str, name: str | None, certain: bool | None) -> None:
    assert_verdict(text, name, certain)

REC = CitedAuthorRecognizer()


def test_doctests() -> None:
    assert doctest.testmod(cited_authors).failed == 0


@pytest.mark.parametrize(
    "text,expected",
    [("According to de Beauvoir, one is not born a woman.", ["de Beauvoir"]),
     ("As Okonkwo noted, the data were thin.", ["Okonkwo"]),
     ("According to NASA, the launch slipped.", []),  # all capitals: an organisation
     ("According to ChatGPT, it is fine.", []),  # an inner capital: a product
     ("According to Sarah, the party starts at eight.", []),  # a first name alone
     ("Critics argue that the plan fails.", []), ("Studies argue that sleep helps.", []),
     ("In Tradition's view nothing changes.", []),
     ("Write a reply to what Okafor wrote in the group chat.", []),  # a message, no citation (lone_surnames)
     ("According to Wikipeda, it rains.", []),  # one letter off a source
     ("born in the United States that was a colony", []),  # "States" is no verb (HH-RLHF)
     # written after the rule (the "X's concept of" frame): an idea of an author's, not a country's or a religion's
     ("Explain Bourdieu's concept of habitus.", ["Bourdieu"]),
     ("Describe Buddhism's view of suffering.", []), ("Summarise Michel Foucault's theory of power.", ["Michel Foucault"])],
)
def test_recognizer(text: str, expected: list[str]) -> None:
    assert found(REC, text, common=frozenset({"critic", "study", "tradition", "nasa"})) == expected


def test_public_figure_is_marked_public() -> None:
    from ml_backend.pii.context import TextContext

    (c,) = REC.find(TextContext("According to Marx, history is class struggle.", None, frozenset({"marx"})))
    assert c.public and c.certain


def test_word_shapes() -> None:
    assert is_author_word("Vygotsky", frozenset()) and not is_author_word("Monday", frozenset())
    assert not is_author_word("Wikipedia", frozenset()) and not is_author_word("WHO", frozenset())


def test_a_country_is_no_author() -> None:
    """Through the engine: spaCy's GPE entity, on a word WordNet knows, rules the country out."""
    assert engine_verdict("What is Japan's idea of beauty?")[0] is False
    assert engine_verdict("In Japan's view, the treaty was unfair.")[0] is False


def test_only_a_person_means() -> None:
    """Written after the rule: spaCy tags "Derrida" a place; in "What does X mean by" only a person fits."""
    assert engine_verdict("What does Derrida mean by différance?")[:2] == (True, True)


# round 10 (tests/test_pii_round10_cases.py, written first): academic citations and a famous author's possessive
# before a work's title
@pytest.mark.parametrize(
    "text,expected",
    [("the paper by Vaswani et al. (2017)", ["Vaswani"]), ("(Hinton, 2006)", ["Hinton"]),
     ("(Kahneman & Tversky, 1979)", ["Kahneman", "Tversky"]), ("(Okafor et al., 2020; Lund, 2019)", ["Okafor", "Lund"]),
     ("as Okonjo and Halvorsen (2019) showed", ["Okonjo", "Halvorsen"]),
     ("Nakagawa, T. (2021). Soil bacteria.", ["Nakagawa"]), ("Lund, K. J., & Moreau, P. (2018). Title.",
                                                            ["Lund", "Moreau"]),
     ("What changed in Python (2008)?", []),  # an English word before a year (WordNet knows it)
     ("(Google, 2020)", []), ("(WHO, 2021)", []), ("(Table 2, 2019)", []),
     ("What does 'et al.' mean?", [])],
)
def test_citations(text: str, expected: list[str]) -> None:
    assert sorted(found(REC, text, common=frozenset({"python", "table"}))) == sorted(expected)


@pytest.mark.parametrize(
    "text,expected",
    [("Explain Kafka's The Trial.", ["Kafka"]), ("Compare Dostoevsky's Crime and Punishment with it.", ["Dostoevsky"]),
     ("What are the themes of Henderson's Great Expectations?", ["Henderson"]),  # a family name, about reading
     ("Tell me about Henderson's Great Expectations.", []),  # a family name, no word about reading
     ("Tell me about Dickens's Great Expectations.", ["Dickens"]),  # (round 11) a listed "Charles Dickens"
     ("Is Murphy's Law real? It is in my book.", []),  # an eponym's noun
     ("Summarize the plot of Homer's Odyssey, focusing on Odysseus.", []),  # a Greek myth retold
     ("Explain Newton's laws of motion.", [])],  # no title after the possessive
)
def test_author_before_a_work(text: str, expected: list[str]) -> None:
    assert found(REC, text) == expected


_PIECES = st.sampled_from(["Vaswani", " et al.", " (2017)", ", 2019)", "(", " & ", " and ", "'s ", "The ", "Kafka",
                           ", T. ", "A.", " ", "\n", "x" * 40, "É", "-", "’s "])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.lists(_PIECES, min_size=1, max_size=300).map("".join), st.text(max_size=2000)))
def test_citation_spans_are_capitalised_words_inside_the_text(text: str) -> None:
    for c in REC.find(TextContext(text, None, frozenset())):
        assert 0 <= c.start < c.end <= len(text) and text[c.start].isupper()


@pytest.mark.parametrize("unit,count", [("Vaswani et al ", 14_285), ("(Hinton, ", 0), ("Lund, K. ", 9),
                                        ("Okonjo and Halvorsen (", 0), ("Kafka's The ", 16_665)])
def test_long_citation_runs_are_linear(unit: str, count: int) -> None:
    """A 200,000-character run of a frame's pieces, then a year: the frames' gaps are bounded, so each start costs
    a bounded look ahead (0.1-0.4 s here). Every "X et al" is a citation; no "(Hinton, " is (the last reaches a
    year in brackets, which counts only in a text about research); a reference's initials look at most 80 characters ahead for the year (9 "Lund, K." within reach); every
    "Kafka's The" but the last (a lower-case word follows it) is an author before a title."""
    text = unit * (200_000 // len(unit)) + " (2019) novel"
    assert len(REC.find(TextContext(text, None, frozenset()))) == count


# round 11 (tests/test_pii_round11_cases.py, written first): the surname of a listed public figure ("George Orwell"),
# or a word spaCy calls a person in a text about reading, before a work's title
def test_public_surnames_are_authors() -> None:
    from ml_backend.pii.wordlists import public_surnames

    assert {"orwell", "darwin", "austen"} <= public_surnames() and "great" not in public_surnames()
    assert found(REC, "Write a report on Orwell's Animal Farm.") == ["Orwell"]
    assert found(REC, "Summarise Darwin's The Descent of Man.") == ["Darwin"]  # also a given name: the list decides
    assert found(REC, "Is Darwin's weather nice? The city is hot.") == []  # no title after it


def test_a_person_spacy_found_in_a_text_about_reading() -> None:
    text = "Explain the symbolism in Steinbeck's The Grapes of Wrath."
    doc_ents = [(25, 34, "PERSON")]
    assert REC.find(TextContext(text, None, frozenset(), doc_ents))[0].certain
    assert REC.find(TextContext("Explain Steinbeck's The Grapes of Wrath.", None, frozenset(), [(8, 17, "PERSON")])) == []


# round 12 (tests/test_pii_round12_cases.py, written first): an author's scheme named after them
@pytest.mark.parametrize("text,expected", [("Explain Maslow's hierarchy of needs.", ["Maslow"]),
                                           ("Use Erikson's stages of development.", ["Erikson"]),
                                           ("Explain Bloom's taxonomy of objectives.", ["Bloom"]),
                                           ("Describe the company's hierarchy of managers.", [])])
def test_schemes_named_after_their_author(text: str, expected: list[str]) -> None:
    assert found(REC, text) == expected


# round 15 (tests/test_pii_round15_cases.py, written first): what a scholar says about a subject, present tense
@pytest.mark.parametrize("text,expected", [("Explain what Sapolsky says about stress.", ["Sapolsky"]),
                                           ("Summarize what Kahneman argues about intuition.", ["Kahneman"]),
                                           ("Summarize what Henderson said about the budget.", []),  # a remark
                                           ("Tell me what Google says about it.", [])])  # no person
def test_what_a_scholar_says_about(text: str, expected: list[str]) -> None:
    assert found(REC, text) == expected


# round 16 (tests/test_pii_round16_cases.py, written first): an author's argument about a subject; citing an author
@pytest.mark.parametrize("text,expected", [("Write on Piketty's argument about inequality.", ["Piketty"]),
                                           ("I cite Rawls on justice as fairness.", ["Rawls"]),
                                           ("In the essay I am quoting Arendt.", ["Arendt"]),
                                           ("I cite the report on emissions.", []),  # no name
                                           ("Summarize the company's argument about pricing.", [])])
def test_arguments_and_citations(text: str, expected: list[str]) -> None:
    assert found(REC, text) == expected


# round 17 (tests/test_pii_round17_cases.py, written first): an author's scheme or theory without "of"
@pytest.mark.parametrize("text,expected", [("What does Bloom's taxonomy say?", ["Bloom"]),
                                           ("Summarize Hofstede's cultural dimensions theory.", ["Hofstede"]),
                                           ("Explain Kohlberg's moral development theory.", ["Kohlberg"]),
                                           ("Summarize the team's pricing theory.", []),
                                           ("Use Patel's pricing model.", [])])  # a model is no scheme here
def test_schemes_and_theories_without_of(text: str, expected: list[str]) -> None:
    assert found(REC, text) == expected
