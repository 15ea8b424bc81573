"""Round 10 cases, written before the rules: the families a fresh hidden set (set 12) got wrong, each in several
phrasings of my own (none is a row of the hidden set), with hard negatives. ``FAMILIES``: family ->
``(text, expected span or None when nothing may be flagged, certain)``; ``benchmarks/pii_round_cases.py`` scores
them per family.

The guideline (PII scope): a full name is always PII, even of cited authors (the project's convention, as in
``recognizers/cited_authors.py``: a cited author's surname alone is PII, certain); identifiers include device ids;
company names and company contact details are not PII (an organisation's own account handle is a company contact);
a first name alone is usually not PII.
"""

from __future__ import annotations

import pytest

from pii_helpers import assert_verdict

FAMILIES = {
    # 1. a cited author in an academic citation: "X et al.", "(X, 2019)", "X and Y (1979)"
    "citations": [
        ("Summarise the transformer paper by Vaswani et al. in plain words.", "Vaswani", True),
        ("Is 'Krizhevsky et al. (2012)' the right in-text citation for AlexNet?", "Krizhevsky", True),
        ("Rewrite this sentence in APA style: deep belief nets were introduced in 2006 (Hinton, 2006).",
         "Hinton", True),
        ("My essay says prospect theory (Kahneman & Tversky, 1979) explains loss aversion. Is that right?",
         "Kahneman", True),
        ("Paraphrase: As shown by Okonjo and Halvorsen (2019), remote work raises output.", "Okonjo", True),
        ("Format this reference: Nakagawa, T. (2021). Soil bacteria in urban parks. Ecology Letters, 24(3).",
         "Nakagawa", True),
        ("What changed in Python (2008) when version 3 came out?", None, None),
        ("Summarise Table 2 (2019) of the annual report.", None, None),
        ("The Apollo program (1961-1972) landed twelve astronauts; write a timeline.", None, None),
        ("List the sequels of Windows (1985) in order.", None, None),
        ("What does 'et al.' mean in a citation?", None, None),
    ],
    # 2. a famous author's surname before a work's title: "Orwell's Animal Farm". Eponyms before a common noun
    #    ("Newton's laws", "Parkinson's disease") and shops or shows named for a person are not citations
    "author-before-work": [
        ("Write an essay on the symbolism in Kafka's The Metamorphosis.", "Kafka", True),
        ("Compare the narrators of Dostoevsky's Crime and Punishment and Notes from Underground.",
         "Dostoevsky", True),
        ("Give me discussion questions for Hemingway's The Old Man and the Sea.", "Hemingway", True),
        ("What are the main themes of Chekhov's The Cherry Orchard?", "Chekhov", True),
        ("Summarise the plot of Shakespeare's Macbeth in five sentences.", "Shakespeare", True),
        ("Explain Newton's laws of motion with examples.", None, None),
        ("What are the early signs of Parkinson's disease?", None, None),
        ("Write a review of McDonald's Big Mac.", None, None),
        ("Summarise the plot of Grey's Anatomy season 1.", None, None),
        ("Is Murphy's Law a real scientific law?", None, None),
        ("Explain the Macy's Thanksgiving Day Parade to a child.", None, None),
    ],
    # 3. a device identifier: a UUID or a lower-case hex id after a device cue
    "device-ids": [
        ("The app crashes on launch; my device id is 3f1c9a2e-7b44-4d0e-a8c1-5e2f9b0d6a17. What should I send?",
         "3f1c9a2e-7b44-4d0e-a8c1-5e2f9b0d6a17", True),
        ("Android ID: 9774d56d682e549c. Why can't the MDM enrol my phone?", "9774d56d682e549c", True),
        ("My advertising ID is 38400000-8cf0-11bd-b23e-10b96e40000d, how do I reset it?",
         "38400000-8cf0-11bd-b23e-10b96e40000d", True),
        ("Support asked for my IMEI, it's 356938035643809. Is it safe to share?", "356938035643809", True),
        ("What is a UUID like 123e4567-e89b-12d3-a456-426614174000 made of?", None, None),
        ("Why does git say commit 9fceb02d0ae598e95dc970b74767f19372d61af8 is not a tree?", None, None),
        ("Generate a random device id format for my test fixtures.", None, None),
        ("The request id 5f2b7c1e-0d3a-4e8f-9b6a-2c4d8e1f0a3b failed with 500; what does that mean?", None, None),
    ],
    # 4. an organisation's own account, known by its name: "@Delta", "@SpotifyCares"
    "organisation-handles": [
        ("Write a tweet asking @Delta why my bag went to Denver.", None, None),
        ("Tag @Nike in my marathon photo caption.", None, None),
        ("Draft a DM to @SpotifyCares about my family plan being charged twice.", None, None),
        ("Write a complaint to @Uber_Support about a driver who cancelled.", None, None),
        ("Tweet at @NASA asking when the next Artemis launch is.", None, None),
        ("Write a thank-you reply to @WHO for the vaccine guidance thread.", None, None),
        ("Reply to @mayaokafor who said my thread was wrong.", "@mayaokafor", False),
        ("Write a shout-out to @coach_dwayne for the workout plan.", "@coach_dwayne", False),
        ("Tag @lena.writes.poems in the reading list post.", "@lena.writes.poems", False),
    ],
    # 5. "Sir" or "Dame" before a given name alone: a first name alone (an invented knight); with a surname it is
    #    a full name
    "honorific-given-names": [
        ("Write a bedtime story about a knight named Sir Cedric and a clever fox.", None, None),
        ("Make up a poem about brave Sir Percival and the giant.", None, None),
        ("In my story, Dame Rosalind rules the kingdom of Elmere; describe her castle.", None, None),
        ("Write a letter of thanks to Sir David Attenborough.", "David Attenborough", True),
        ("Summarise Dame Judi Dench's career in three lines.", "Judi Dench", True),
        ("Draft an invitation to Sir Keir Starmer for our school's prize day.", "Keir Starmer", True),
    ],
}

CASES = [case for cases in FAMILIES.values() for case in cases]
KNOWN_MISSES: set[str] = set()


@pytest.mark.parametrize("text,name,certain", CASES)
def test_cases(text: str, name: str | None, certain: bool | None) -> None:
    if text in KNOWN_MISSES:
        pytest.xfail("known miss of round 10")
    assert_verdict(text, name, certain)
