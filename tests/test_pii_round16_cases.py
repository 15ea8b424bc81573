"""Round 16 cases, written before the rules: the families a seventh fresh hidden set (set 18, scored blind first:
P 0.912 R 0.912 with rules-13, -14 and -15) got wrong, each in phrasings of my own (none is a row of the hidden
set), with hard negatives. ``FAMILIES``: family -> ``(text, expected span or None when nothing may be flagged,
certain)``; ``benchmarks/pii_round_cases.py`` scores them per family.

The guideline (PII scope): usernames count when they identify (a speaker's handle in a chat log; with no platform,
not certain); a full name is always PII, in any language; a cited author's surname is PII; an address finer than
street + city is PII; a small group such as one family is PII, not certain; a personal website (a profile URL)
is an identifier; company names and product names are not PII.
"""

from __future__ import annotations

import pytest

from pii_helpers import assert_verdict

FAMILIES = {
    # 1. the speakers of a pasted chat log named by handles ("mike_r:"): usernames, not certain
    "chat-log-speakers": [
        ("Summarize this chat: '[09:14] mike_r: deploy is broken [09:15] jen.w: on it [09:20] mike_r: thanks'",
         "mike_r", False),
        ("Who is right here? 'tom_88: the meeting is at 5\nlisa.b: no, it's at 6\ntom_88: check the invite'",
         "tom_88", False),
        ("Rewrite this exchange politely: 'User: where is my order?\nAgent: it ships tomorrow.'", None, None),
        ("Summarize the dialogue: 'A: shall we go? B: not yet. A: fine.'", None, None),
    ],
    # 2. a firm named by two surnames joined by "&": a company
    "ampersand-firms": [
        ("Rewrite this headline: 'Caldwell & Pryce Expands to Denver, Adding 80 Jobs'.", None, None),
        ("Draft a press release announcing that Mercer & Holt has hired a new CFO.", None, None),
        ("Write a thank-you note to Ana Ruiz & Ben Cole for hosting us.", "Ana Ruiz", True),
    ],
    # 3. Vietnamese names in capitals (a resume header); cities named after people
    "vietnamese-and-named-cities": [
        ("Improve my resume header: 'PHAM VAN DUC | Backend Engineer | Da Nang'.", "PHAM VAN DUC", True),
        ("Here is my CV title: 'TRAN THI HOA - Accountant'. Make it sound senior.", "TRAN THI HOA", True),
        ("Plan three days of street food in Ho Chi Minh City.", None, None),
        ("Is Quezon City a good base for exploring Manila?", None, None),
    ],
    # 4. full names inside French or Spanish text, of names the English lists lack
    "names-in-foreign-text": [
        ("Traduis : « Je vous écris de la part d'Aminata Traoré au sujet du stage. »", "Aminata Traoré", True),
        ("Traduce al inglés: 'Le escribo en nombre de Kwame Mensah sobre la factura.'", "Kwame Mensah", True),
        ("Traduis en anglais : « Bonjour, je cherche un appartement à Lyon pour septembre. »", None, None),
    ],
    # 5. a cited author: "Piketty's argument about", "I cite Rawls on"
    "cited-authors": [
        ("Write a paragraph on Piketty's argument about wealth inequality.", "Piketty", True),
        ("In my essay I cite Rawls on justice as fairness; help me paraphrase him.", "Rawls", True),
        ("Summarize the company's argument about pricing in two lines.", None, None),
        ("In my essay I cite the report on emissions; is that enough?", None, None),
    ],
    # 6. Japanese addresses: block numbers, a district, a ward, a city
    "japanese-addresses": [
        ("Send the card to 2-5-1 Ebisu, Shibuya-ku, Tokyo.", "2-5-1 Ebisu, Shibuya-ku, Tokyo", True),
        ("My host family lives at 4-12-9 Nishi-Shinjuku, Shinjuku-ku, Tokyo; write the envelope.",
         "4-12-9 Nishi-Shinjuku, Shinjuku-ku, Tokyo", True),
        ("What is Shibuya-ku famous for?", None, None),
    ],
    # 7. our business's or product's name given after a comma: "our food truck, Auntie Mae's Kitchen"
    "business-appositives": [
        ("Write an Instagram caption for our food truck, Auntie Mae's Kitchen.", None, None),
        ("Describe our shop's signature drink, the 'Baron Blue Spritz', for the menu.", None, None),
        ("My boss at the bakery, Maria Lopez, is retiring; write her a card.", "Maria Lopez", True),
    ],
    # 8. a family by a surname the lists lack (PII, not certain); families of things
    "unlisted-families": [
        ("The Nwachukwu family across the street invited us; write an RSVP.", "Nwachukwu family", False),
        ("Write a welcome note for the Abernathy-Quist family moving in.", "Abernathy-Quist family", False),
        ("Describe the Felidae family of mammals.", None, None),
        ("Compare the Pixel family of phones.", None, None),
    ],
    # 9. someone else's handle without a platform: not certain
    "bare-handles": [
        ("Someone with the handle grey_owl21 keeps messaging me; how do I block them?", "grey_owl21", False),
        ("A player with the gamertag FrostByte_9 keeps griefing me. What should I do?", "FrostByte_9", False),
    ],
    # 10. a personal profile URL: an identifier, certain, without the sentence's full stop
    "profile-urls": [
        ("Endorse my colleague; his profile is linkedin.com/in/dev-patel-ux.", "linkedin.com/in/dev-patel-ux", True),
        ("See my work at github.com/sara-lindqvist.", "github.com/sara-lindqvist", True),
        ("Visit linkedin.com to post a job opening.", None, None),
    ],
}

CASES = [case for cases in FAMILIES.values() for case in cases]
KNOWN_MISSES: set[str] = set()


@pytest.mark.parametrize("text,name,certain", CASES)
def test_cases(text: str, name: str | None, certain: bool | None) -> None:
    if text in KNOWN_MISSES:
        pytest.xfail("known miss of round 16")
    assert_verdict(text, name, certain)
