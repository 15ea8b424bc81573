"""Round 11 cases, written before the rules: the families a second fresh hidden set (set 13) got wrong, each in
several phrasings of my own (none is a row of the hidden set), with hard negatives. ``FAMILIES``: family ->
``(text, expected span or None when nothing may be flagged, certain)``; ``benchmarks/pii_round_cases.py`` scores
them per family.

The guideline (PII scope): a full name is always PII, even of cited authors (a cited author's surname alone is PII,
certain: ``recognizers/cited_authors.py``); company names and product names are not PII; places smaller than a
street and a city are PII only as a person's address (a neighbourhood's or an estate's name alone is not a person);
usernames count when they identify.
"""

from __future__ import annotations

import pytest

from pii_helpers import assert_verdict

FAMILIES = {
    # 1. the surname of a listed public figure (the list writes "George Orwell") before a work's title
    "public-surname-before-work": [
        ("Write a book report on Orwell's Animal Farm for a 9th grader.", "Orwell", True),
        ("Summarise the argument of Darwin's The Descent of Man.", "Darwin", True),
        ("What are the themes of Austen's Pride and Prejudice?", "Austen", True),
        ("Explain the symbolism in Steinbeck's The Grapes of Wrath.", "Steinbeck", True),
        ("Is Darwin's weather nice in July? I'm visiting the city.", None, None),
        ("Plan a weekend in Austin's South Congress district.", None, None),
    ],
    # 2. an organisation's name used as a product or a company ("Gmail's spam filter"); a person with a given name
    #    that is also a shop's ("Zara") is still a person
    "organisation-names": [
        ("Why does Gmail's search miss old emails?", None, None),
        ("How does Spotify's shuffle decide the next song?", None, None),
        ("Explain how Duolingo's streaks keep people coming back.", None, None),
        ("Compare Airbnb and Expedia for a family trip.", None, None),
        ("Write a reply to Zara Ahmed thanking her for the referral.", "Zara Ahmed", True),
        ("My manager Delta Burke asked for the slides; draft a reply.", "Delta Burke", True),
    ],
    # 3. a neighbourhood, estate or community named like a person ("Willow Creek", "Maple Heights"): a place word
    #    ends it
    "place-named-like-people": [
        ("Write a flyer for the Oak Ridge community garden opening.", None, None),
        ("Our HOA in Cedar Springs wants a newsletter; draft the first issue.", None, None),
        ("Draft a notice for residents of Maple Heights about the water outage.", None, None),
        ("Make a welcome sign for the Willow Crossing neighborhood picnic.", None, None),
        ("Ask Mark Springs to send the invoice.", "Mark Springs", True),
    ],
    # 4. a decorated gamertag in lower case, between underscores ("xX_darkwolf_Xx")
    "lowercase-decorated-gamertags": [
        ("Someone called xX_nightowl_Xx keeps spamming the chat; how do I mute them?", "xX_nightowl_Xx", True),
        ("Write a funny intro for my stream; my tag is Xx_frostbite_xX.", "Xx_frostbite_xX", True),
        ("Report the player xX__shadow__Xx for cheating, write the ticket.", "xX__shadow__Xx", True),
        ("Is the xXboxXx meme still funny?", None, None),
    ],
}

CASES = [case for cases in FAMILIES.values() for case in cases]
KNOWN_MISSES: set[str] = set()


@pytest.mark.parametrize("text,name,certain", CASES)
def test_cases(text: str, name: str | None, certain: bool | None) -> None:
    if text in KNOWN_MISSES:
        pytest.xfail("known miss of round 11")
    assert_verdict(text, name, certain)
