"""Cases for the learned person-name detector, written BEFORE it was wired in: the families fresh hidden sets
missed after rule rounds (new phrasings, not the hidden sets' texts) and not-PII look-alikes.

``CASES``: family -> ``(text, a span that must be found, or None when nothing may be flagged)``. Only the prompt
level verdict (``has_pii``) and the span are pinned, not "certain": the learned detector's spans are "PII, not
certain" unless another recognizer agrees (:mod:`ml_backend.pii.recognizers.learned_names`).
Scored before and after with pytest on the start commit and on this branch.
"""

from __future__ import annotations

import pytest

from pii_helpers import engine_verdict

CASES: dict[str, list[tuple[str, str | None]]] = {
    "hyphenated-african-full-name": [
        ("Write a welcome note for Chiamaka Obi-Nwankwo, who joins the lab on Monday.", "Chiamaka Obi-Nwankwo"),
        ("Can you proofread the letter Babatunde Adewale-Ogun wrote to the council?", "Babatunde Adewale-Ogun"),
        ("Draft a reference for Kofi Asante-Boateng, my former teaching assistant.", "Kofi Asante-Boateng"),
        ("The invoice should be addressed to Ifeoma Eze-Okafor.", "Ifeoma Eze-Okafor"),
        ("Remind Yaw Owusu-Ansah that the report is due Friday.", "Yaw Owusu-Ansah"),
    ],
    "lowercase-full-name-any-culture": [
        ("can you write a birthday poem for oluwaseun adebayo", "oluwaseun adebayo"),
        ("email to nguyen thi lan about the rent increase", "nguyen thi lan"),
        ("write a complaint about my landlord, kaveh rostami, who never fixes the heater", "kaveh rostami"),
        ("please summarise what aleksandra kowalczyk said in the meeting", "aleksandra kowalczyk"),
        ("thank-you note for mehmet yilmaz who fixed my car", "mehmet yilmaz"),
        ("ask siobhan mcnamara if she can swap shifts", "siobhan mcnamara"),
    ],
    "caps-rank-and-name": [
        ("WRITE A CITATION FOR CPL. MARCUS ABERNATHY'S BRAVERY", "MARCUS ABERNATHY"),
        ("MEMO TO LT. GWENDOLYN FAIRWEATHER RE: SUPPLY CHECK", "GWENDOLYN FAIRWEATHER"),
        ("Draft the eulogy for SGT. TOBIAS WRENFIELD, who served 20 years.", "TOBIAS WRENFIELD"),
        ("A LETTER FROM DR. PRIYANKA CHATTERJEE ABOUT THE TRIAL", "PRIYANKA CHATTERJEE"),
    ],
    "capitalised-full-name-unlisted": [
        ("Write a limerick about Thaddeus Quimby and his pet ferret.", "Thaddeus Quimby"),
        ("My advisor Ingrid Halvorsen-Lie wants the draft by noon.", "Ingrid Halvorsen-Lie"),
        ("Tell Rangi Parata the meeting moved to Thursday.", "Rangi Parata"),
        ("I need a cover letter addressed to Mrs. Eulalia Brightwater.", "Eulalia Brightwater"),
    ],
    "not-pii-look-alikes": [
        ("Compare the Samsung Galaxy Buds and the Sony WF-1000XM5.", None),
        ("Write a story about Zeus, Hera and Poseidon arguing over Olympus.", None),
        ("My dog Biscuit keeps chewing the sofa; how do I stop him?", None),
        ("Explain how Goldman Sachs and Morgan Stanley differ as employers.", None),
        ("What is the capital of Burkina Faso and how big is Lake Victoria?", None),
        ("Summarise the history of the Ottoman Empire in five bullet points.", None),
        ("WRITE A HAIKU ABOUT THE NORTHERN LIGHTS OVER NORWAY", None),
        ("how do i make banana bread without eggs", None),
        ("Give me a recipe for chicken tikka masala and garlic naan.", None),
        ("In March and April the Rocky Mountains get late snow.", None),
        ("Refactor this Python: def get_user_name(self): return self.first_name", None),
        ("Recommend three Nintendo Switch games like Animal Crossing.", None),
    ],
}

# still missed with names-1 (the hyphen's second half scores low before a full stop; a two-word name on no list
# before "the meeting"; in lower case the detector keeps only listed words, for precision on real text)
XFAIL = {
    # (round 16: "oluwaseun adebayo" passes since both are on the hand-written African name lists)
    "The invoice should be addressed to Ifeoma Eze-Okafor.": "span stops at the hyphen: 'Ifeoma Eze'",
    "Tell Rangi Parata the meeting moved to Thursday.": "neither word listed, no cue the model learned",
}
ROWS = [pytest.param(fam, text, name, id=f"{fam}-{i}",
                     marks=[pytest.mark.xfail(reason=XFAIL[text], strict=True)] if text in XFAIL else [])
        for i, (fam, text, name) in enumerate((f, t, n) for f, rows in CASES.items() for t, n in rows)]


@pytest.mark.parametrize("family,text,name", ROWS)
def test_learned_name_case(family: str, text: str, name: str | None) -> None:
    has_pii, _, found = engine_verdict(text)
    assert has_pii is (name is not None), found
    if name is not None:
        assert name in found, found


# -- the recognizer on its own (no spaCy run: a small common-word set) ---------------------------------------------

_COMMON = frozenset("write draft reference assistant limerick ferret patch tonight deploy atlas lane moved to the "
                    "include venice".split())


def _found(text: str) -> list[str]:
    from ml_backend.pii.context import TextContext
    from ml_backend.pii.recognizers.learned_names import LearnedNameRecognizer

    ctx = TextContext(text, None, _COMMON)
    return [text[c.start:c.end] for c in LearnedNameRecognizer().find(ctx)]


def test_recognizer_finds_an_unlisted_full_name() -> None:
    assert _found("Write a limerick about Thaddeus Quimby and his ferret.") == ["Thaddeus Quimby"]


@pytest.mark.parametrize("text", [
    "deploy the patch to Iris Atlas tonight",          # the family word is an English word (a code name)
    "Top spots include Santa Monica, Venice and more.",  # a place head word
    "let b2 := Array.mkEmpty len2",                      # camelCase: code
    "my friend paneer tikka masala tastes better",       # lower case: words on no name list
    "Écris une lettre à Thaddeus Quimby pour demain.",    # not English
])
def test_recognizer_skips(text: str) -> None:
    assert _found(text) == []


def test_model_is_small_versioned_and_in_model_version() -> None:
    from ml_backend.pii.name_model import MODEL_PATH, load_model

    assert MODEL_PATH.stat().st_size < 5_000_000
    assert load_model().version == "names-1"
    from ml_backend.pii import get_pii_engine

    assert get_pii_engine().model_version.endswith("+names-1")
