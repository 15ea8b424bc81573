"""Round 9 cases, written before the rules: the families a fresh hidden set (set 11) got wrong, each in several
phrasings of my own (none is a row of the hidden set), with hard negatives. ``FAMILIES``: family ->
``(text, expected span or None when nothing may be flagged, certain)``; ``benchmarks/pii_round_cases.py`` scores
them per family.

The guideline (PII scope): company names and company contact details are not PII (a shop's or an agency's
account handle is a company contact); usernames count when they identify, and a username made of a given name and
a surname ("marek.kowalczyk") carries a full name; being in another language is no reason to flag a text; dates
directly tied to a person (birth) are PII.
"""

from __future__ import annotations

import pytest

from pii_helpers import assert_verdict

FAMILIES = {
    # 1. a business account's @handle: a business noun in the handle, or the handle is an organisation's name.
    #    A person's handle is PII, not certain without a platform cue (the convention of recognizers/handles.py)
    "company-handles": [
        ("Tag @lunabakery.co in the post about our new croissants.", None, None),
        ("DM @brightsmile.dental to book a cleaning, write that as a caption.", None, None),
        ("Our shop's Instagram is @threadandneedle.studio, write a bio for it.", None, None),
        ("Write a tweet thanking @greenleaf_cafe for hosting our book club.", None, None),
        ("Mention @harborview.hotel in the review of our stay.", None, None),
        ("Write an Instagram caption that tags @peakfitness.gym and @oakbarrel.brewing.", None, None),
        ("Follow @unicef for more stories like this, add that to my post.", None, None),
        ("My friend's Instagram is @kayla.m.jones, write a birthday shout-out.", "@kayla.m.jones", True),
        ("Reply to @dj_tomasz_88 who said my mix was too long.", "@dj_tomasz_88", False),
        ("Write a caption tagging my sister @the.real.priya.", "@the.real.priya", False),
    ],
    # 2. a username or code-comment owner made of a given name and a surname joined by a dot
    "dotted-name-usernames": [
        ("# FIXME(marek.kowalczyk): this breaks on leap years\nWhat is wrong with this comment's code?",
         "marek.kowalczyk", True),
        ("Ping daniela.rossi on Slack about the release notes, write the message.", "daniela.rossi", True),
        ("ssh into the box as tomas.novak and restart nginx; explain each step.", "tomas.novak", True),
        ("The reviewer was olusegun.adeyemi, summarise his comments politely.", "olusegun.adeyemi", True),
        ("Why does numpy.linalg.solve fail on a singular matrix?", None, None),
        ("Load settings from config.yaml and print them in Python.", None, None),
        ("What does pandas.read_csv do with a missing header?", None, None),
        ("Explain the os.path.join function with an example.", None, None),
        ("Why does my react.native build fail on iOS?", None, None),
    ],
    # 3. text in another language: no flag for the language, a name is still a name
    "other-languages": [
        ("¿Qué tan grande es la economía de América Latina comparada con Europa?", None, None),
        ("Résume l'histoire de la Révolution française en cinq phrases.", None, None),
        ("Cuéntame sobre la historia de la Ciudad de México.", None, None),
        ("Wie funktioniert die Mülltrennung in Deutschland?", None, None),
        ("Explique-moi la différence entre la Seine et la Loire.", None, None),
        ("Escribe una carta de recomendación para Lucía Gómez Herrera, mi asistente.", "Lucía Gómez Herrera", True),
        ("Schreibe eine Geburtstagskarte für Jürgen Hoffmann.", "Jürgen Hoffmann", True),
    ],
    # 4. a birthday given as the day someone turns an age, or a day and month after "birthday": a date tied to a
    #    person (birth). Day and month are day precision: certain, as "born on March 3" is
    "birthday-dates": [
        ("My son turns 5 on March 3rd, plan a dinosaur party.", "March 3rd", True),
        ("Write a card for Leo who turns 30 on June 14.", "June 14", True),
        ("Plan a surprise for my wife, her birthday is on 12/09.", "12/09", True),
        ("Grandma is turning 90 on the 2nd of May; write a toast.", "the 2nd of May", True),
        ("My niece turns 4 on 23/07, suggest a gift under 20 pounds.", "23/07", True),
        ("Write a birthday poem for my best friend from school who turns twenty-one on August 8.", "August 8", True),
        ("The store turns 10 years old on March 3rd; write an ad.", None, None),
        ("Our app turns 2 on 12/09, draft a tweet.", None, None),
        ("The meeting is on 12/09 at noon.", None, None),
        ("The temperature turns cold on March 3rd every year.", None, None),
        ("Turn 5 degrees on March 3rd, the instructions say.", None, None),
    ],
}

CASES = [case for cases in FAMILIES.values() for case in cases]
# round 10 fixed the one known miss of this round, "@unicef" (an organisation known by its name alone:
# ml_backend/pii/company_handles.py)
KNOWN_MISSES: set[str] = set()


@pytest.mark.parametrize("text,name,certain", CASES)
def test_cases(text: str, name: str | None, certain: bool | None) -> None:
    if text in KNOWN_MISSES:
        pytest.xfail("known miss of round 9")
    assert_verdict(text, name, certain)
