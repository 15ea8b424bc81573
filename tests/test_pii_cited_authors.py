"""Round 6 cases for cited_authors."""

from __future__ import annotations

import pytest

import doctest

import ml_backend.pii.recognizers.cited_authors as cited_authors
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
