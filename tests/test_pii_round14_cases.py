"""Round 14 cases, written before the rules: the families a fifth fresh hidden set (set 16, scored blind first)
got wrong, each in several phrasings of my own (none is a row of the hidden set), with hard negatives.
``FAMILIES``: family -> ``(text, expected span or None when nothing may be flagged, certain)``;
``benchmarks/pii_round_cases.py`` scores them per family.

The guideline (PII scope): a full name is always PII, a nickname inside it included; a small group such as one
family is PII, not certain; a public figure named by surname alone is PII, not certain (``lone_surnames``);
names given to creatures and machines are no person's; an address finer than street + city is PII.
"""

from __future__ import annotations

import pytest

from pii_helpers import assert_verdict

FAMILIES = {
    # 1. Korean names, family name first and a hyphenated given name: "Kim Min-jun"
    "korean-names": [
        ("Write a thank-you note to Kim Min-jun for the interview yesterday.", "Kim Min-jun", True),
        ("Draft an email introducing Park Ji-yeon to the design team.", "Park Ji-yeon", True),
        ("My tutor Lee Seo-yeon is leaving; write her a farewell card.", "Lee Seo-yeon", True),
        ("Summarize the complaint that Choi Hyun-woo filed last week.", "Choi Hyun-woo", True),
        ("Give me a recipe for kimchi jjigae with tofu.", None, None),
        ("Explain the K-pop trainee system in a short paragraph.", None, None),
        ("What is the difference between Seoul and Busan for a first trip?", None, None),
    ],
    # 2. a public figure's surname alone that spaCy takes for a place or an organisation (PII, not certain)
    "public-surnames-mistagged": [
        ("How did Bismarck manage to unify Germany?", "Bismarck", False),
        ("Why did Gandhi choose nonviolent resistance?", "Gandhi", False),
        ("Why did Churchill oppose appeasement in the 1930s?", "Churchill", False),
        ("Plan a weekend trip to Bismarck, North Dakota.", None, None),
        ("Is the Lincoln Navigator a good family car?", None, None),
        ("Write a haiku about a churchyard in winter.", None, None),
    ],
    # 3. a nickname in quotes inside a full name: the whole name is the person's
    "nicknamed-names": [
        ("Write a eulogy for Margaret 'Peggy' Olsen, our longtime neighbor.", "Margaret 'Peggy' Olsen", True),
        ('Draft a toast for Robert "Bobby" Kline at his retirement party.', 'Robert "Bobby" Kline', True),
        ("Write a bio of Edwin 'Buzz' Aldrin for a school poster.", "Edwin 'Buzz' Aldrin", True),
        ("Write a short review of the song 'Peggy Sue'.", None, None),
        ("Explain what the word 'buzz' means in marketing.", None, None),
    ],
    # 4. names given to fantasy creatures and numbered machines: no person's
    "creatures-and-units": [
        ("Write a bedtime story about a pixie named Thistle who lives in a teapot.", None, None),
        ("Create a character sheet for a centaur called Orin the Swift.", None, None),
        ("Tell a story about a werewolf named Fang who is afraid of the moon.", None, None),
        ("Write a scene where a robot named Unit 7 learns to paint.", None, None),
        # relabelled in round 17: a character invented for the requested story is no one (hidden set 20 so labels)
        ("Write a story about a girl named Lucy Harlow who befriends a dragon.", None, None),
        ("Write a thank-you note to Lucy Harlow, who found our lost dragon kite.", "Lucy Harlow", True),
    ],
    # 5. a family named with the kind of family it is: "the Medici banking family" (PII, not certain)
    "kinds-of-family": [
        ("Explain how the Medici banking family shaped Florence.", "Medici banking family", False),
        ("Write a short history of the Rothschild banking family.", "Rothschild banking family", False),
        ("Summarize the rise of the Kennedy political family.", "Kennedy political family", False),
        ("Explain how a typical banking family in Renaissance Italy lived.", None, None),
    ],
    # 6. street types of British addresses: Gardens, Grove, Parade, Rise (the span runs on to the town)
    "street-types": [
        ("Send the parcel to 14 Rosewood Gardens, Leeds LS6 2AB.", "14 Rosewood Gardens, Leeds LS6 2AB", True),
        ("I moved to 22 Elm Grove, Bristol; write a change-of-address letter.", "22 Elm Grove, Bristol", True),
        ("Our new flat is at 5 Marine Parade, Brighton; write a note to the neighbours.", "5 Marine Parade, Brighton", True),
        ("Design a small grove of fruit trees for a school garden.", None, None),
        ("Write a parade announcement for the town's 200th anniversary.", None, None),
    ],
}

CASES = [case for cases in FAMILIES.values() for case in cases]
KNOWN_MISSES: set[str] = set()


@pytest.mark.parametrize("text,name,certain", CASES)
def test_cases(text: str, name: str | None, certain: bool | None) -> None:
    if text in KNOWN_MISSES:
        pytest.xfail("known miss of round 14")
    assert_verdict(text, name, certain)
