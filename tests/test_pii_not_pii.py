"""The not-PII rules (ml_backend.pii.not_pii): company contacts, Greek mythology, brands, products, pets."""

from __future__ import annotations

import doctest

import pytest

from ml_backend.pii import get_pii_engine, not_pii
from ml_backend.pii.context import TextContext


@pytest.fixture(scope="module")
def engine():
    return get_pii_engine()


@pytest.mark.parametrize(
    "value,entity,company",
    [("1-800-555-0199", "PHONE_NUMBER", True), ("(888) 555-0100", "PHONE_NUMBER", True),
     ("0800 123 4567", "PHONE_NUMBER", True), ("415-555-0134", "PHONE_NUMBER", False),
     ("support@acme.com", "EMAIL_ADDRESS", True), ("no-reply@shop.example", "EMAIL_ADDRESS", True),
     ("jane.doe@gmail.com", "EMAIL_ADDRESS", False)],
)
def test_company_contact_values(value: str, entity: str, company: bool) -> None:
    assert not_pii.is_company_contact_value(value, entity) is company


def test_company_context() -> None:
    text = "Call Acme support at 555-0100. Or call me at 555-0199."
    ctx = TextContext(text, None)
    a, b = text.index("555-0100"), text.index("555-0199")
    assert not_pii.is_company_context(ctx, a, a + 8) and not not_pii.is_company_context(ctx, b, b + 8)


@pytest.mark.parametrize(
    "text",
    ["Write a story in which Zeus and Poseidon argue.", "Is a Michael Kors handbag worth the price?",
     "Write an ad for Ben & Jerry's new flavour.", "Our cat Mr. Whiskers turns ten today.",
     "Give me a training plan for my puppy, Captain Fluffington.", "Are Tommy Hilfiger shirts good quality?",
     "Our office is at 500 Market Street, San Francisco. Write directions.", "Email our sales team at sales@northwind.example."],
)
def test_not_pii(engine, text: str) -> None:
    assert not engine.analyze(text).has_pii


@pytest.mark.parametrize("text", ["My friend John Miller bought new shoes.", "Call me at 415-555-0134.",
                                  "Jane Smith's car was towed."])
def test_still_pii(engine, text: str) -> None:
    assert engine.analyze(text).has_pii


def test_docstrings() -> None:
    assert doctest.testmod(not_pii).failed == 0


@pytest.mark.parametrize(
    "text",
    ["What is the history of the Lincoln Memorial?", "Why is the Mona Lisa smiling?",
     "Describe the painting Whistler's Mother to a blind friend.", "Who won the Nobel Prize in 1921?",
     "Which is cheaper for groceries, Lidl or Sainsbury's?", "Is Trader Joe's open on Sundays?",
     "The Hilton on Main Street is at 225 Main Street, Hartford; write directions from the station."],
)
def test_things_named_after_people_are_not_pii(engine, text: str) -> None:
    assert not engine.analyze(text).has_pii, text


@pytest.mark.parametrize(
    "text",
    ["Book a room at the Hilton for Maria Gonzalez.", "The Halldór Ó Árnþórsson version recorded for Berkshire",
     "Send Abraham Lincoln's letter to the museum.", "My address is 225 Main Street, Hartford."],
)
def test_people_next_to_the_same_cues_stay_pii(engine, text: str) -> None:
    assert engine.analyze(text).has_pii, text


# new guideline cases, written before the product-model and business-place rules (issue 13 item 3)
GUIDELINE_CASES = [
    ("Should I buy the Garmin Forerunner 265 or the Coros Pace 3?", False),
    ("Compare the Dyson V8 with the Shark Navigator.", False),
    ("Is the Brother HL-L2350DW printer reliable?", False),
    ("Write an ad for the Kenwood Chef XL.", False),
    ("Our physiotherapy practice is at 44 Mill Road, Leeds. Write a welcome blurb.", False),
    ("The vet surgery at 9 Elm Grove, Bath, needs a new sign. Write the text.", False),
    ("Our yoga studio moved to 18 Harbour Street, Hull; announce it.", False),
    ("I live at 12 Queen Street, Perth, near the bakery. Write directions.", True),
    ("I met Sarah Jones in 2019 at a conference, write her an email.", True),
    ("Schick die Datei bitte an lena.krause@web.de weiter.", True),
]


@pytest.mark.parametrize("text,has_pii", GUIDELINE_CASES)
def test_guideline_cases(text: str, has_pii: bool) -> None:
    from pii_helpers import engine_verdict

    assert engine_verdict(text)[0] is has_pii


def test_model_number_after_a_name_is_a_product_but_a_year_is_not() -> None:
    from ml_backend.pii.context import TextContext
    from ml_backend.pii.not_pii import is_brand_or_pet_name

    text = "the Bose QuietComfort 45, a Dyson V15 and Ada Lovelace 1815"
    ctx = TextContext(text, None)
    assert is_brand_or_pet_name(ctx, 4, 21) and is_brand_or_pet_name(ctx, 28, 33)
    assert not is_brand_or_pet_name(ctx, 42, 54)


# round 5, written before the product-adjective rule: two capitalised words before a product noun, with product
# adjectives between ("green tea", "scented candles"), are a product line, not a person
PRODUCT_CASES = [
    ("Write a product description for our new Jasmine Pearl green tea.", False),
    ("Create an ad for the Ella Rose collection of summer dresses.", False),
    ("Describe the taste of the Morning Grace blend for our coffee menu.", False),
    ("Write a product description for Luna Belle scented candles.", False),
    ("Write a catchy tagline for the Sofia Marie skincare line.", False),
    ("Write a product description for the candles my friend Luna Garcia makes.", True),
    ("Write a letter to Sofia Martinez about the blend of coffee she ordered.", True),
    ("Buy Maria Lopez new shoes for her birthday.", True),
    ("Anna Smith phones me every day, write a polite reply.", True),
]


@pytest.mark.parametrize("text,has_pii", PRODUCT_CASES)
def test_product_lines(text: str, has_pii: bool) -> None:
    from pii_helpers import engine_verdict

    assert engine_verdict(text)[0] is has_pii


# round 12 (tests/test_pii_round12_cases.py, written first): a name span that took the model number in
@pytest.mark.parametrize("text,name,product", [("Write an ad for the Shark V20 vacuum.", "Shark V20", True),
                                               ("the Miele C3 is quiet", "Miele C3", True),
                                               ("Email Anna Kowalski 2nd reminder", "Anna Kowalski", False),
                                               ("Call Anna Kowalski", "Anna Kowalski", False),
                                               ("a Roomba J7", "Roomba J7", True), ("Mia V", "Mia V", False)])
def test_a_model_number_ends_a_product(text: str, name: str, product: bool) -> None:
    start = text.index(name)
    assert not_pii.is_brand_or_pet_name(TextContext(text, None), start, start + len(name)) is product


# round 15 (tests/test_pii_round15_cases.py, written first): a product line after its brand; an imperative verb
# that spaCy tags ORG is no company owning the address after it
def test_a_product_line_after_its_brand() -> None:
    from ml_backend.pii.not_pii import brand_spans, is_brand_or_pet_name

    text = "Does Mr. Clean Magic Eraser work? Ask Mr. Clean's Ann Lee."
    ctx = TextContext(text, None)
    s = text.index("Magic")
    assert is_brand_or_pet_name(ctx, s, s + len("Magic Eraser"), brand_spans(text))
    s = text.index("Ann")
    assert not is_brand_or_pet_name(ctx, s, s + len("Ann Lee"), brand_spans(text))


@pytest.mark.parametrize(
    "text,ents,company",
    [("Format this address: 7 Linden Road, Leeds.", [(0, 6, "ORG")], False),  # an imperative, no company
     ("Format this address: 7 Linden Road, Leeds.", [], False),
     ("Acme is at 7 Linden Road, Leeds.", [(0, 4, "ORG")], True),
     ("Contact Target at 7 Linden Road, Leeds.", [(8, 14, "ORG")], True)],  # a listed organisation, mid-sentence
)
def test_an_imperative_tagged_org_is_no_company(text: str, ents: list, company: bool) -> None:
    from ml_backend.pii.company_contacts import is_company_context

    ctx = TextContext(text, None, frozenset({"format", "target", "address"}), ents)
    s = text.index("7 Linden")
    assert is_company_context(ctx, s, s + len("7 Linden Road, Leeds")) is company


# round 16 (tests/test_pii_round16_cases.py, written first): a firm named by two names joined by "&"; a city
# named after a person
@pytest.mark.parametrize("value,firm", [("Mercer & Holt", True), ("Caldwell&Pryce", True), ("Ana Ruiz & Ben Cole", False),
                                       ("Mercer and Holt", False)])
def test_founders_firms(value: str, firm: bool) -> None:
    from ml_backend.pii.named_things import is_founders_firm

    assert is_founders_firm(value) is firm


def test_a_city_named_after_a_person() -> None:
    text = "Plan three days in Ho Chi Minh City with Ana Ruiz."
    ctx = TextContext(text, None)
    s = text.index("Ho")
    assert not_pii.is_named_after_person(ctx, s, s + len("Ho Chi Minh"))
    s = text.index("Ana")
    assert not not_pii.is_named_after_person(ctx, s, s + len("Ana Ruiz"))


# round 17 (tests/test_pii_round17_cases.py, written first): a storm's name with its word; a story's invented
# character; a person named like a brand after a relation cue
@pytest.mark.parametrize("text,name,nonhuman", [("Did Storm Eunice hit Brighton?", "Storm Eunice", True),
                                               ("After Hurricane Ian, we rebuilt.", "Hurricane Ian", True),
                                               ("Ask Stormy Daniels.", "Stormy Daniels", False)])
def test_storm_names(text: str, name: str, nonhuman: bool) -> None:
    s = text.index(name)
    assert not_pii.is_nonhuman_name(TextContext(text, None), s, s + len(name)) is nonhuman


@pytest.mark.parametrize(
    "text,name,character",
    [("Write a short story about a detective named Ines Calloway.", "Ines Calloway", True),
     ("Create a D&D villain named Lord Mordecai Ashvane.", "Mordecai Ashvane", True),
     ("I met a detective named Ines Calloway at work.", "Ines Calloway", False),  # no story asked for
     ("Write a story for my niece Clara Whitby.", "Clara Whitby", False)],  # no character named
)
def test_story_characters(text: str, name: str, character: bool) -> None:
    s = text.index(name)
    assert not_pii.is_story_character(TextContext(text, None), s, s + len(name)) is character


def test_a_person_named_like_a_brand_after_a_relation_cue() -> None:
    from ml_backend.pii.finding import Candidate

    text = "My coworker Jack Daniels hates it. A Jack Daniels bottle broke."
    a, b = text.index("Jack"), text.rindex("Jack")
    cands = [Candidate(a, a + 12, "Name", "PERSON", 0.85, True), Candidate(b, b + 12, "Name", "PERSON", 0.85, True)]
    kept = not_pii.drop_not_pii(TextContext(text, None), cands)
    assert [(c.start, c.end) for c in kept] == [(a, a + 12)]


# round 18 (tests/test_pii_round18_cases.py, written first): company contacts in other languages, a receipt's
# shop, an address that is no one's machine
@pytest.mark.parametrize(
    "text,has_pii",
    [('Traduza: "Nosso escritório fica na Rua Augusta 500, São Paulo."', False),
     ('Traduza: "Meu endereço é Rua Augusta 500, São Paulo."', True),
     ("FRESH FOODS\n88 Harbour Rd, Portsmouth\nApples 2.10\nTOTAL 2.10", False),
     ("Ship to Ana Ruiz, 88 Harbour Rd, Portsmouth\nTOTAL 2.10", True),  # a receipt with a name
     ("server:\n  host: 0.0.0.0\nand 127.0.0.1", False), ("The server at 84.17.3.9 is mine.", True)],
)
def test_round18_contexts(engine, text: str, has_pii: bool) -> None:
    assert engine.analyze(text).has_pii is has_pii


def test_a_role_mailbox_in_portuguese() -> None:
    assert not_pii.is_company_contact_value("contato@lojabela.com.br", "EMAIL_ADDRESS")


# round 19 (tests/test_pii_round19_cases.py, written first): German text with capitalised nouns is no English
def test_german_text_is_not_english() -> None:
    from ml_backend.pii.context import looks_english

    assert not looks_english("Das Schwimmbad bleibt wegen Sanierung bis Ende Mai geschlossen.")
    assert looks_english("Write a poem about the Sanierung bis Ende project.")


# round 20 (tests/test_pii_round20_cases.py, written first)
@pytest.mark.parametrize(
    "text,has_pii",
    [("My Kubernetes pods keep restarting. Why?", False), ("My colleague Dana Whitfield needs a letter.", True),
     ("The complaints address is complaints@fastnet.ie; draft a letter.", False),
     ("Their returns desk is returns@shoply.com.", False)],
)
def test_round20_determiners_and_mailboxes(engine, text: str, has_pii: bool) -> None:
    assert engine.analyze(text).has_pii is has_pii


def test_a_cued_band_is_a_group_not_a_full_name(engine) -> None:
    text = "Write a poster for my trio Silver Oaks at the jazz night."
    f = engine.analyze(text)
    assert [(text[s.start:s.end], s.certain) for s in f.spans] == [("Silver Oaks", False)]
