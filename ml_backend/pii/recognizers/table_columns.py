"""Cells of a pasted table (CSV, TSV, ``;`` or ``|`` separated, a markdown table) under a header that says what
they hold: a person's name ("full_name", "Customer Name"), a personal identifier ("employee_id", "patient_id",
"ssn", "account_number") or a home address ("address", "street"). The guideline: a full name, an identifier and
an address are PII, certain; the header says so where the small NER model, reading "1,Aiko Yamamoto,+81 ...",
does not.

A header is a line of two or more cells, each a short field name (letters, digits, ``_``, ``-``, spaces); the rows
after it have the same separator and as many cells. A name column counts only when it names a person
("full_name", "customer_name"), or is a bare "name" beside a personal column (email, phone, birth date, address, an
identifier): "sku,name,price" lists products. A name cell needs two name-like words (a first name alone is no
PII); a family-name column's cell is a lone surname (not certain), or, beside a given-name column, the family name
of a full name (certain); an identifier cell needs a digit; an address cell a digit and a letter.

    >>> from ml_backend.pii.context import TextContext
    >>> text = "id,full_name,phone\\n1,Aiko Yamamoto,+81 90 1234\\nemployee_id,department\\nE-10293,Finance"
    >>> [(text[c.start:c.end], c.label) for c in TableColumnRecognizer().find(TextContext(text, None))]
    [('Aiko Yamamoto', 'Name'), ('E-10293', 'Identifier')]
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer

NAME, LOCATION, IDENTIFIER = PII_LABELS[0], PII_LABELS[1], PII_LABELS[4]

_SEPARATORS = (",", "\t", ";", "|")
_FIELD = re.compile(r"[A-Za-z][A-Za-z0-9_ \-]{0,30}")
_PERSON_NAME = re.compile(r"(?:(?:customer|client|employee|patient|student|contact|member|user|guest|owner|"
                          r"applicant|candidate|tenant|passenger|author|person|account|holder|cardholder|"
                          r"emergency|parent|guardian)_?)?(?:full_?name|name)|first_?name|last_?name|surname|"
                          r"given_?name|family_?name")
_PERSONAL = re.compile(r"e-?mail|phone|mobile|cell|tel|telephone|dob|date_?of_?birth|birth_?date|birthday|"
                       r"address|street|ssn|passport|zip|postcode|postal_?code")
_ID = re.compile(r"(?:employee|patient|student|customer|member|user|staff|account|passport|licen[cs]e|national|"
                 r"tax|insurance|policy|medical_?record|health|driver|badge|personnel)_?(?:id|no|num|number|#)|"
                 r"ssn|sin|nin|nhs_?(?:no|number)?|mrn|iban|account_?(?:no|num|number)|passport|"
                 r"national_?id|tax_?id|licen[cs]e_?(?:no|number)")
_ADDRESS = re.compile(r"(?:home_?|street_?|postal_?|mailing_?|billing_?|shipping_?)?address|street")
_NAME_WORD = re.compile(r"[A-ZÀ-Þ][a-zß-ÿĀ-ſ'’\-]+|[A-ZÀ-Þ]{2,}")


def _field(cell: str) -> str:
    return re.sub(r"[ \-]+", "_", cell.strip().strip("*`").casefold())


def _cells(line: str, sep: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each cell of ``line`` (stripped), a markdown table's outer bars dropped."""
    out, pos = [], 0
    for part in line.split(sep):
        s = pos + len(part) - len(part.lstrip())
        out.append((s, s + len(part.strip())))
        pos += len(part) + 1
    if sep == "|" and out and out[0][0] == out[0][1]:
        out = out[1:]
    if sep == "|" and out and out[-1][0] == out[-1][1]:
        out = out[:-1]
    return out


_GIVEN_FIELDS = frozenset({"first_name", "firstname", "given_name", "givenname"})


def _kinds(fields: list[str]) -> list[str | None]:
    """The kind of each column: "name", "id", "address" or None."""
    personal = any(_PERSONAL.fullmatch(f) or _ID.fullmatch(f) for f in fields)
    named = {f for f in fields if _PERSON_NAME.fullmatch(f)}
    kinds: list[str | None] = []
    for f in fields:
        if _ID.fullmatch(f):
            kinds.append("id")
        elif _ADDRESS.fullmatch(f):
            kinds.append("address")
        elif f in ("last_name", "lastname", "surname", "family_name", "familyname"):
            # a family name alone; with a given-name column beside it the row holds a full name (certain)
            kinds.append("surname+given" if named & _GIVEN_FIELDS else "surname")
        elif f in _GIVEN_FIELDS:
            kinds.append(None)  # a first name alone is no PII
        elif f in named and (f != "name" or personal):
            kinds.append("name")
        else:
            kinds.append(None)
    return kinds


class TableColumnRecognizer(GuidelineRecognizer):
    """``PERSON`` / ``ACCOUNT_ID`` / ``STREET_ADDRESS`` cells under a header that names them: certain."""

    ENTITIES = ["PERSON", "ACCOUNT_ID", "STREET_ADDRESS"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        if "\n" not in text or not any(sep in text for sep in _SEPARATORS):
            return []
        lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
        out: list[Candidate] = []
        i = 0
        while i < len(lines):
            start, line = lines[i]
            sep = next((s for s in _SEPARATORS if line.count(s) >= 1 + (s == "|")), None)
            cells = _cells(line, sep) if sep else []
            fields = [_field(line[a:b]) for a, b in cells]
            if len(cells) < 2 or not all(f and _FIELD.fullmatch(line[a:b].strip("*` ")) for f, (a, b) in
                                         zip(fields, cells)):
                i += 1
                continue
            kinds = _kinds(fields)
            if not any(kinds):
                i += 1
                continue
            i += 1
            while i < len(lines) and sep in lines[i][1]:
                row_start, row = lines[i]
                if re.fullmatch(r"[\s|:\-]+", row):
                    i += 1
                    continue  # a markdown table's rule line
                row_cells = _cells(row, sep)
                if len(row_cells) != len(cells):
                    break  # another table (or none): its header is read next
                for kind, (a, b) in zip(kinds, row_cells):
                    c = self._cell(row_start + a, row_start + b, row[a:b], kind)
                    if c is not None:
                        out.append(c)
                i += 1
        return out

    @staticmethod
    def _cell(start: int, end: int, value: str, kind: str | None) -> Candidate | None:
        if kind is None or end <= start:
            return None
        if kind == "name":
            words = value.split()
            if 2 <= len(words) <= 4 and all(_NAME_WORD.fullmatch(w) for w in words):
                return Candidate(start, end, NAME, "PERSON", 0.8, True)
            return None
        if kind in ("surname", "surname+given"):
            if _NAME_WORD.fullmatch(value):
                return Candidate(start, end, NAME, "PERSON", 0.7, kind == "surname+given")
            return None
        if kind == "id":
            if any(ch.isdigit() for ch in value) and len(value) <= 40:
                return Candidate(start, end, IDENTIFIER, "ACCOUNT_ID", 0.8, True)
            return None
        if any(ch.isdigit() for ch in value) and any(ch.isalpha() for ch in value):
            return Candidate(start, end, LOCATION, "STREET_ADDRESS", 0.7, True)
        return None
