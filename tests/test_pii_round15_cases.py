"""Round 15 cases, written before the rules: the families a sixth fresh hidden set (set 17, scored blind first:
P 0.941 R 0.889 with rules-13 and rules-14) got wrong, each in phrasings of my own (none is a row of the hidden
set), with hard negatives. ``FAMILIES``: family -> ``(text, expected span or None when nothing may be flagged,
certain)``; ``benchmarks/pii_round_cases.py`` scores them per family.

The guideline (PII scope): a first name alone is usually not PII "unless combinable with other information"
(PII, not certain); usernames count when they identify (a handle on a named platform: certain); unsure whether a
name is real or fictional -> PII, not certain; contact details are PII; company and product names are not.
"""

from __future__ import annotations

import pytest

from pii_helpers import assert_verdict

FAMILIES = {
    # 1. a first name, a role, a workplace and a town: identifying together (PII, not certain)
    "combinable-first-names": [
        ("File a complaint about Derek, the day-shift cashier at the Safeway on Pine Street in Tacoma.", "Derek",
         False),
        ("Write a thank-you card for Lucía, the only midwife at Clínica Santa Fe in Cusco.", "Lucía", False),
        ("Write a review praising Omar, the head chef at Blue Fig in Austin.", "Omar", False),
        ("Write a story about Derek, a cashier who dreams of the sea.", None, None),
        ("My friend Anna, a teacher, loves hiking; suggest a gift.", None, None),
    ],
    # 2. a handle on a named platform identifies an account (certain); with no platform, not certain
    "platform-handles": [
        ("A user on Instagram, @lena.bakes, shared this recipe; convert it to grams.", "@lena.bakes", True),
        ("The Reddit user u/copperfox_88 claims this works. Is it true?", "u/copperfox_88", True),
        ("Summarize the TikTok video by @dancewithmia about posture.", "@dancewithmia", True),
        ("Reply to @sam_k with a polite no.", "@sam_k", False),
        ("Explain how Python's @property decorator works.", None, None),
    ],
    # 3. full names of well-known fictional characters: PII, not certain (real or fictional is unsure)
    "fictional-full-names": [
        ("Write a diary entry as Katniss Everdeen the night before the games.", "Katniss Everdeen", False),
        ("Write a story where Sherlock Holmes meets Hercule Poirot.", "Sherlock Holmes", False),
        ("Write a letter from Atticus Finch to his daughter about courage.", "Atticus Finch", False),
        ("Write a monologue for Ron Weasley about wizard chess.", "Ron Weasley", False),
        ("Write a birthday letter to my aunt Rosa Delgado.", "Rosa Delgado", True),
    ],
    # 4. a phone number in groups of six digits: the whole number
    "phone-spans": [
        ("Text my landlord at +44 7700 900456 about the boiler.", "+44 7700 900456", True),
        ("Call my sister on 07700 900321 tonight and wish her luck.", "07700 900321", True),
        ("Ring me at +353 87 123456 if the train is late.", "+353 87 123456", True),
        ("Call the museum to ask about the 1900 exhibition.", None, None),
    ],
    # 5. an imperative verb spaCy tags ORG ("Format", "Proofread") is no company whose address it is
    "imperative-org": [
        ("Format this address for an envelope: Lindenstraße 7, 10969 Berlin.", "Lindenstraße 7, 10969 Berlin", True),
        ("Proofread this label: 14 Willow Road, Cambridge CB2 1TN.", "14 Willow Road, Cambridge CB2 1TN", True),
        ("Format the store's address for the flyer: Target, 500 Main Street, Springfield.", None, None),
    ],
    # 6. a product line after its brand; restaurant chains named after people
    "brand-products": [
        ("Does Mr. Clean Magic Eraser remove crayon from walls?", None, None),
        ("Write a review of a dinner at Marie Callender's.", None, None),
        ("Is the Dyson Airwrap worth the price?", None, None),
        ("Write a thank-you note for dinner at Sarah Kim's house last night.", "Sarah Kim", True),
    ],
    # 7. what a scholar says about a subject: a cited author (certain)
    "cited-scholars": [
        ("Explain what Sapolsky says about stress hormones in baboons.", "Sapolsky", True),
        ("Summarize what Kahneman argues about fast and slow thinking.", "Kahneman", True),
        ("Summarize what Henderson said about the budget in the meeting.", "Henderson", False),
    ],
}

CASES = [case for cases in FAMILIES.values() for case in cases]
KNOWN_MISSES: set[str] = set()


@pytest.mark.parametrize("text,name,certain", CASES)
def test_cases(text: str, name: str | None, certain: bool | None) -> None:
    if text in KNOWN_MISSES:
        pytest.xfail("known miss of round 15")
    assert_verdict(text, name, certain)
