"""TableColumnRecognizer: the cells of a pasted table under a header that names them (a person's name, a
personal identifier, an address): PII, certain; a first name alone and product tables are not."""

from __future__ import annotations

import doctest

import pytest

from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers import table_columns
from ml_backend.pii.recognizers.table_columns import TableColumnRecognizer

REC = TableColumnRecognizer()


def cells(text: str) -> list[tuple[str, str, bool]]:
    return [(text[c.start:c.end], c.label, c.certain) for c in REC.find(TextContext(text, None))]


@pytest.mark.parametrize(
    "text,expected",
    [("id,customer_name,email\n7,Ngozi Adeyemi,n@x.com", [("Ngozi Adeyemi", "Name", True)]),
     ("staff_id;team\nST-4471;Ops\nST-4480;HR", [("ST-4471", "Identifier", True), ("ST-4480", "Identifier", True)]),
     ("| Patient ID | Ward |\n|---|---|\n| P-88213 | 4B |", [("P-88213", "Identifier", True)]),
     ("name\temail\nAna Ruiz\tana@x.com", [("Ana Ruiz", "Name", True)]),  # a bare "name" beside an e-mail column
     ("first_name,last_name\nAna,Ruiz", [("Ruiz", "Name", True)]),  # the row holds a full name
     ("last_name,team\nRuiz,Ops", [("Ruiz", "Name", False)]),  # a lone surname
     ("first_name,team\nAna,Ops", []),  # a first name alone
     ("sku,name,price\nA-100,Blue Mug,9.99", []),  # products
     ("city,population\nLagos,15400000", []),
     ("home_address,phone\n12 Elm Road Leeds,555", [("12 Elm Road Leeds", "Location", True)]),
     ("id,full_name\n1,Ana Ruiz\nsku,price\nA1,9.99", [("Ana Ruiz", "Name", True)])],  # a second table
)
def test_table_columns(text: str, expected: list) -> None:
    assert cells(text) == expected


def test_a_long_table_is_linear() -> None:
    text = "id,full_name,phone\n" + "1,Ana Ruiz,555\n" * 20000
    assert len(REC.find(TextContext(text, None))) == 20000


def test_doctests() -> None:
    assert doctest.testmod(table_columns).failed == 0
