"""Round 13 cases, written before the rules: the families a fourth fresh hidden set (set 15, scored blind first)
got wrong, each in several phrasings of my own (none is a row of the hidden set), with hard negatives.
``FAMILIES``: family -> ``(text, expected span or None when nothing may be flagged, certain)``;
``benchmarks/pii_round_cases.py`` scores them per family.

The guideline (PII scope): company names are not PII (a shop, a firm or an app given a name is a company or a
product, and so is a company named after its founders: "Smith & Wesson"); a small group such as one family is PII
(``recognizers/families.py``: "the Okonkwo family", not certain).
"""

from __future__ import annotations

import pytest

from pii_helpers import assert_verdict

FAMILIES = {
    # 1. a business, product or publication given a name: "a bakery called Golden Crumb"; a person so named stays one
    "named-businesses": [
        ("Write a slogan for a coffee shop called Morning Harbor.", None, None),
        ("Design a menu for a restaurant named Silver Olive.", None, None),
        ("I'm starting a podcast called Quiet Hours; write the trailer script.", None, None),
        ("Write an App Store description for an app called Budget Buddy.", None, None),
        ("Create a mission statement for a startup named Blue Lantern.", None, None),
        ("Write a welcome email for a newsletter called Sunday Pages.", None, None),
        ("I met a woman named Clara Whitford at the conference; write a follow-up email.", "Clara Whitford", True),
        ("Write a card for my colleague, a nurse named Daniel Osei.", "Daniel Osei", True),
    ],
    # 2. a family named by a double or hyphenated surname: "the Fernandez-Lopez family" (PII, not certain)
    "hyphenated-families": [
        ("Write a thank-you note to the Garcia-Moreno family for hosting us.", "Garcia-Moreno family", False),
        ("Plan a reunion for the Lindqvist-Berg family next summer.", "Lindqvist-Berg family", False),
        ("Draft a welcome card for the Okafor-Adeyemi family moving in next door.", "Okafor-Adeyemi family", False),
        ("Write a poem about a family road trip.", None, None),
        ("Plan a reunion for the extended family next summer.", None, None),
    ],
    # 3. a company named after its founders: "Johnson & Johnson", "Procter & Gamble"
    "founder-named-companies": [
        ("Summarize Procter & Gamble's latest annual report.", None, None),
        ("Is Johnson & Johnson stock a good long-term buy?", None, None),
        ("Write a press release template in the style of Marks & Spencer.", None, None),
        ("Compare Barnes & Noble with independent bookstores.", None, None),
        ("Explain Abercrombie & Fitch's rebrand.", None, None),
        ("Write a thank-you note to Lena Marsh and Tomas Weber for the dinner.", "Lena Marsh", True),
    ],
}

CASES = [case for cases in FAMILIES.values() for case in cases]
KNOWN_MISSES: set[str] = set()


@pytest.mark.parametrize("text,name,certain", CASES)
def test_cases(text: str, name: str | None, certain: bool | None) -> None:
    if text in KNOWN_MISSES:
        pytest.xfail("known miss of round 13")
    assert_verdict(text, name, certain)
