"""Round 18 cases, written before the rules: the families a ninth fresh hidden set (set 22, structured and odd
formats, scored blind first: P 0.850 R 0.872 with rules-13 to rules-17) got wrong, each in phrasings of my own
(none is a row of the hidden set), with hard negatives. ``FAMILIES``: family -> ``(text, expected span or None
when nothing may be flagged, certain)``; ``benchmarks/pii_round_cases.py`` scores them per family.

The guideline (PII scope): a full name, a contact detail, an address finer than street + city and an identifier
are PII, certain; company names and company contact details, receipts without names and chat logs without names
are not.
"""

from __future__ import annotations

import pytest

from pii_helpers import assert_verdict

FAMILIES = {
    # 1. a table's cells under a header that says what they hold
    "table-columns": [
        ("Dedupe these rows:\nid,customer_name,email\n7,Ngozi Adeyemi,n.ade@mail.com\n8,Lars Berg,lb@mail.com",
         "Ngozi Adeyemi", True),
        ("Sort by start date:\nstaff_id;team;start\nST-4471;Ops;2022-03-01\nST-4480;HR;2021-11-15", "ST-4471", True),
        ("| Patient ID | Ward |\n|---|---|\n| P-88213 | 4B |\nSummarize the ward load.", "P-88213", True),
        ("Format as a table:\nsku,name,price\nA-100,Blue Mug,9.99\nA-101,Red Plate,12.50", None, None),
        ("Chart this:\ncity,population\nLagos,15400000\nCairo,10100000", None, None),
    ],
    # 2. addresses written in capitals
    "all-caps-addresses": [
        ("DELIVER TO 42 QUEEN STREET, LEEDS BEFORE NOON - REWRITE AS A POLITE EMAIL", "42 QUEEN STREET, LEEDS",
         True),
        ("MY NEW ADDRESS IS 9 ELM ROAD, CARDIFF. WRITE A CHANGE-OF-ADDRESS NOTE.", "9 ELM ROAD, CARDIFF", True),
        ("WRITE A SLOGAN FOR A STREET FOOD FESTIVAL ON THE HIGH ROAD", None, None),
    ],
    # 3. an e-mail in a log line after "key=": the address without its key
    "logged-emails": [
        ('level=warn msg="bounce" email=t.nakamura@gmail.com id=77\nwhy did this bounce?', "t.nakamura@gmail.com", True),
        ("user=jlopez@outlook.com action=login status=fail; explain the log", "jlopez@outlook.com", True),
    ],
    # 4. prescription numbers and plates with longer groups
    "prescriptions-and-plates": [
        ("Rx #5512093 - Metformin 500mg, 60 tabs. How should I take it?", "5512093", True),
        ("Prescription no. 8841207 was refused; write an appeal.", "8841207", True),
        ("Licence plate: WX 4K281\nWrite an appeal against the parking fine.", "WX 4K281", True),
    ],
    # 5. phone numbers after a cue word in Polish, Turkish, Indonesian
    "phone-cues-more-languages": [
        ('Translate: "Proszę dzwonić pod numer 602 345 678 po południu."', "602 345 678", True),
        ('Translate: "Beni 0532 123 45 67 numaralı telefondan arayın."', "0532 123 45 67", True),
        ('Translate: "Hubungi saya di nomor 0812 3456 7890 besok."', "0812 3456 7890", True),
        ('Translate: "Proszę zadzwonić jutro rano."', None, None),
    ],
    # 6. a company's office and mailbox stated in Portuguese, Spanish or German; a receipt's shop
    "company-contacts-in-other-languages": [
        ('Traduza: "Nosso escritório fica na Rua Augusta 500, São Paulo. Fale conosco: contato@lojabela.com.br"',
         None, None),
        ('Traduce: "Nuestra oficina está en Calle Mayor 10, Madrid. Escríbenos a contacto@tiendasol.es"', None, None),
        ("FRESH FOODS\n88 Harbour Rd, Portsmouth\nApples 2.10\nTOTAL 2.10\nHow much did I spend?", None, None),
        ('Traduza: "Meu endereço é Rua Augusta 500, São Paulo; meu e-mail é ana.souza@gmail.com"',
         "ana.souza@gmail.com", True),
    ],
    # 7. no person: a bind-all address, credentials in a URL, a product
    "config-and-products": [
        ("server:\n  host: 0.0.0.0\n  port: 9000\nWhat does 0.0.0.0 mean?", None, None),
        ("url: mysql://app:${DB_PW}@db.local:3306/main\nIs this config safe?", None, None),
        ("Action items:\n- move tickets to Jira\n- fix the build\nTurn them into a list.", None, None),
    ],
}

CASES = [case for cases in FAMILIES.values() for case in cases]
KNOWN_MISSES: set[str] = set()


@pytest.mark.parametrize("text,name,certain", CASES)
def test_cases(text: str, name: str | None, certain: bool | None) -> None:
    if text in KNOWN_MISSES:
        pytest.xfail("known miss of round 18")
    assert_verdict(text, name, certain)
