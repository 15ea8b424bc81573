"""Round 19 cases, written before the rules: the families a tenth fresh hidden set (set 19, scored blind first:
P 0.972 R 0.897 with rules-13 to rules-18) got wrong, each in phrasings of my own (none is a row of the hidden
set), with hard negatives. ``FAMILIES``: family -> ``(text, expected span or None when nothing may be flagged,
certain)``; ``benchmarks/pii_round_cases.py`` scores them per family.

The guideline (PII scope): a full name is PII in any language; an address finer than street + city is PII; text in
another language with no name is not.
"""

from __future__ import annotations

import pytest

from pii_helpers import assert_verdict

FAMILIES = {
    # 1. a given name with an accent the lists lack, before a family name that is also a word
    "accented-given-names": [
        ("Write a talk outline inspired by Brené Brown's research on shame.", "Brené Brown", True),
        ("Summarize Zoë Baker's essay on urban gardens.", "Zoë Baker", True),
        ("Recommend a café latte recipe with oat milk.", None, None),
    ],
    # 2. German text: capitalised nouns are no names; names with umlauts are
    "german-text": [
        ("Fasse zusammen: 'Das Schwimmbad bleibt wegen Sanierung bis Ende Mai geschlossen. Führungen sind "
         "nach Anmeldung möglich.'", None, None),
        ("Übersetze: 'Die Ausstellung wird verlängert, Eintrittskarten gibt es an der Kasse.'", None, None),
        ("Schreib eine Karte für meinen Kollegen Jürgen Schröder zum Ruhestand.", "Jürgen Schröder", True),
        ("Schreib eine E-Mail an meine Chefin Bärbel Köhler wegen des Urlaubs.", "Bärbel Köhler", True),
    ],
    # 3. a French, Spanish or Italian address with a lower-case street word after the number
    "lowercase-street-words": [
        ("Écris un mot pour mes voisins du 14 rue des Acacias, Nantes, à cause du bruit.",
         "14 rue des Acacias, Nantes", True),
        ("Escribe una nota para el vecino del 8 calle del Carmen, Sevilla.", "8 calle del Carmen, Sevilla", True),
        ("Écris un poème sur la rue et la pluie.", None, None),
    ],
}

CASES = [case for cases in FAMILIES.values() for case in cases]
KNOWN_MISSES: set[str] = set()


@pytest.mark.parametrize("text,name,certain", CASES)
def test_cases(text: str, name: str | None, certain: bool | None) -> None:
    if text in KNOWN_MISSES:
        pytest.xfail("known miss of round 19")
    assert_verdict(text, name, certain)
