"""Round 20 cases, written before the rules: families three fresh hidden sets (sets 21, 23 and 24, scored blind
first and reported before this round) got wrong, each in phrasings of my own (none is a row of a hidden set), with
hard negatives. ``FAMILIES``: family -> ``(text, expected span or None when nothing may be flagged, certain)``;
``benchmarks/pii_round_cases.py`` scores them per family.

The guideline (PII scope): usernames count when they identify (a handle on a named platform: certain); a full
name is PII in any order of its parts; a small group such as a band is PII, not certain; a device id is an
identifier; company contact details are not PII.
"""

from __future__ import annotations

import pytest

from pii_helpers import assert_verdict

FAMILIES = {
    # 1. a handle with a hyphen (GitHub allows them): the whole handle
    "hyphenated-handles": [
        ("On GitHub, @lena-vogt-dev opened an issue about the installer; draft a reply.", "@lena-vogt-dev", True),
        ("Thank @tom-okafor on GitHub for the pull request.", "@tom-okafor", True),
    ],
    # 2. "My" before a capitalised word is a determiner, never a given name
    "my-determiner": [
        ("My Python script leaks memory when the loop runs; what am I missing?", None, None),
        ("My Kubernetes pods keep restarting after the update. Why?", None, None),
        ("My colleague Dana Whitfield needs a reference letter.", "Dana Whitfield", True),
    ],
    # 3. a company's complaints or returns mailbox
    "role-mailboxes": [
        ("The complaints address on their site is complaints@fastnet.ie; draft a firm letter.", None, None),
        ("Their returns desk is returns@shoply.com; ask for a refund.", None, None),
        ("Email my landlord at p.hennessy@gmail.com about the boiler.", "p.hennessy@gmail.com", True),
    ],
    # 4. a band or group named after its noun: a small group, not certain
    "named-bands": [
        ("Write a tweet saying our band Copper Lanterns plays the Roxy on Friday.", "Copper Lanterns", False),
        ("Write a poster for my trio Silver Oaks at the jazz night.", "Silver Oaks", False),
        ("Write a tweet about the band's new album.", None, None),
    ],
    # 5. a Korean name in Western order, the hyphenated given name first
    "korean-western-order": [
        ("How do I recreate my grandmother Soo-ah Park's kimchi stew?", "Soo-ah Park", True),
        ("Write a welcome note for Min-jun Lee, our new intern.", "Min-jun Lee", True),
        ("Book a park-and-ride ticket for Saturday.", None, None),
    ],
    # 6. a device id written as a UUID right after "device"
    "device-uuids": [
        ("The app crashed on device 7c1e9a40-52bd-4f0e-8a3b-1d2e3f4a5b6c after the update; why?",
         "7c1e9a40-52bd-4f0e-8a3b-1d2e3f4a5b6c", True),
        ("Request 7c1e9a40-52bd-4f0e-8a3b-1d2e3f4a5b6c timed out on the server; explain the log.", None, None),
    ],
    # 7. a full name of three words whose last two spaCy tagged alone
    "three-word-names": [
        ("Quote our happy customer Mariana Costa Ribeiro in a testimonial block.", "Mariana Costa Ribeiro", True),
        ("Write a thank-you card for Joana Silva Pereira.", "Joana Silva Pereira", True),
    ],
}

CASES = [case for cases in FAMILIES.values() for case in cases]
KNOWN_MISSES: set[str] = set()


@pytest.mark.parametrize("text,name,certain", CASES)
def test_cases(text: str, name: str | None, certain: bool | None) -> None:
    if text in KNOWN_MISSES:
        pytest.xfail("known miss of round 20")
    assert_verdict(text, name, certain)
