"""Round 17 cases, written before the rules: the families an eighth fresh hidden set (set 20, scored blind first:
P 0.812 R 0.788 with rules-13, 0.848 / 0.848 with rules-16) got wrong, each in phrasings of my own (none is a row
of the hidden set), with hard negatives. ``FAMILIES``: family -> ``(text, expected span or None when nothing may be
flagged, certain)``; ``benchmarks/pii_round_cases.py`` scores them per family.

The guideline (PII scope): product and brand names are not PII, a person named like one still is; a storm is no
person; a cited author's surname is PII; unsure whether a full name is real or fictional (a placeholder such as
"Jane Doe") -> PII, not certain; a famous figure by surname alone is PII, not certain; identifiers (a vehicle
plate) are PII. Characters invented for a requested story are no one (set 20 labels them not PII, and so does
round 17; round 14 had labelled one such name PII, relabelled here).
"""

from __future__ import annotations

import pytest

from pii_helpers import assert_verdict

FAMILIES = {
    # 1. a brand with a possessive, the determiner before it; a person named like a brand, with a relation cue
    "brand-possessives": [
        ("My Jack Daniel's glass broke in the dishwasher; how do I clean the shards?", None, None),
        ("Is Mrs. Meyer's basil hand soap gentle enough for kids?", None, None),
        ("My coworker Jack Daniels hates the whiskey jokes; write him a funny email signature.", "Jack Daniels", True),
    ],
    # 2. a named storm: "Storm Ciarán", "Hurricane Ian"
    "storms": [
        ("Did Storm Eunice damage the pier in Brighton?", None, None),
        ("How long did power outages after Storm Ciarán last?", None, None),
        ("Write a donation appeal for Typhoon Haiyan survivors.", None, None),
    ],
    # 3. an author's scheme or theory named after them, without "of": a cited author (certain)
    "scheme-theories": [
        ("What does Bloom's taxonomy say about analysis tasks?", "Bloom", True),
        ("Summarize Hofstede's cultural dimensions theory for managers.", "Hofstede", True),
        ("Explain Kohlberg's moral development theory to a teenager.", "Kohlberg", True),
        ("Summarize the team's pricing theory in two lines.", None, None),
    ],
    # 4. characters invented for a requested story: no one
    "story-characters": [
        ("Write a short story about a detective named Ines Calloway who solves a museum theft.", None, None),
        ("Create a D&D villain named Lord Mordecai Ashvane with a tragic past.", None, None),
        ("Write a poem about a knight called Sir Aldric Thorne and his last battle.", None, None),
        ("Write a bedtime story for my niece Clara Whitby's fifth birthday.", "Clara Whitby", True),
    ],
    # 5. a placeholder name in sample data: PII, not certain
    "placeholder-names": [
        ("Fill in this sample form with a placeholder name like Jane Doe.", "Jane Doe", False),
        ("Use Max Mustermann as the sample customer in the invoice template.", "Max Mustermann", False),
        ("Generate sample JSON for a product with a name, a price and a SKU.", None, None),
    ],
    # 6. a stage name before a possessive: the name without the "'s"
    "stage-name-possessives": [
        ("Write a promo post for DJ Mbaye's set at Club Nova in Dakar this Friday.", "DJ Mbaye", False),
        ("Write a caption for MC Tavita's album launch.", "MC Tavita", False),
    ],
    # 7. a lower-case full name with a double-barrelled surname
    "lowercase-double-surnames": [
        ("reply to this review from karen smith-jones about the cold soup", "karen smith-jones", True),
        ("forward the complaint from david okafor-mensah to the manager", "david okafor-mensah", True),
        ("reply to this review about the well-being of the staff", None, None),
    ],
    # 8. Indian vehicle plates: state, district, series, number
    "indian-plates": [
        ("My car's plate is MH 12 AB 3456 and I got a challan; how do I pay it?", "MH 12 AB 3456", True),
        ("The scooter TN 09 BX 7788 was towed; write a complaint to the police.", "TN 09 BX 7788", True),
        ("Is the MH 60 a good helicopter for rescue work?", None, None),
    ],
    # 9. given names with Polish letters the lists lack
    "polish-names": [
        ("My grandmother Małgorzata Wiśniewska died on 3 May 2018; write an obituary.", "Małgorzata Wiśniewska",
         True),
        ("Write a retirement card for Władysław Kowalczyk from the whole office.", "Władysław Kowalczyk", True),
    ],
    # 10. public figures by surname alone that are also given names, with another figure or a history word
    "public-given-surnames": [
        ("Compare Lincoln's and Roosevelt's wartime leadership.", "Roosevelt", False),
        ("Was Kennedy's presidency a success?", "Kennedy", False),
        ("My son Lincoln wants a dinosaur cake for his party.", None, None),
        ("Kennedy is coming to my party tomorrow; plan the snacks.", None, None),
    ],
}

CASES = [case for cases in FAMILIES.values() for case in cases]
KNOWN_MISSES: set[str] = set()


@pytest.mark.parametrize("text,name,certain", CASES)
def test_cases(text: str, name: str | None, certain: bool | None) -> None:
    if text in KNOWN_MISSES:
        pytest.xfail("known miss of round 17")
    assert_verdict(text, name, certain)
