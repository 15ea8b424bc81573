"""Identifiers Presidio has no pattern for: partially masked ids, ids after a cue word, "card ending in 1234",
a device id written as a UUID or in lower-case hex after its cue ("Android ID: 9774d56d682e549c").

The guideline: identifiers (SSN, medical record, account, licence, vehicle plate, device id ...) are PII even
partially masked. Structured ids with a checksum or a fixed shape (cards, IBAN, SSN, IP ...) come from Presidio's
own recognizers.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("SSN ***-**-1234 and account number 99881234", None)
    >>> [(ctx.text[c.start:c.end], c.entity) for c in IdentifierRecognizer().find(ctx)]
    [('***-**-1234', 'MASKED_ID'), ('99881234', 'ACCOUNT_ID')]
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.prechecks import DIGIT
from ml_backend.pii.recognizers.base import GuidelineRecognizer

IDENTIFIER = PII_LABELS[4]

_MASK = r"[Xx*•●#]"
# Each chunk is possessive (``{2,}+``): a run of masks or digits is one chunk, never re-split (the old pattern
# re-split a digit run followed by a letter in every possible way: exponential time).
_MASKED_ID = re.compile(
    rf"(?<![\w*•●#])(?:[A-Z]{{2}}\d{{2}}[\s\-]?)?(?:(?:{_MASK}{{2,}}+|\d{{2,}}+)[\s.\-]?){{1,7}}(?:{_MASK}{{2,}}+|\d{{2,}}+)(?![\w*•●#])"
    rf"|(?<![\w*•●#]){_MASK}{{3,}}+\d{{2,6}}(?![\w])"
    rf"|(?<![\w])\d{{2,6}}{_MASK}{{3,}}+(?![\w*•●#])"
)
_ENDING_IN = re.compile(
    r"(?i:\b(?:card|account|acct|ssn|social security(?: number)?|number|iban|phone)\b[^.\n]{0,30}?"
    r"\b(?:ending|ends|ending in|ends in|ending with|last (?:4|four) digits?(?: are| is|:)?)\b\s*(?:in|with|:)?\s*)"
    r"(\d{4})\b"
)
_ID_CUE = re.compile(
    r"(?i:\b(?:account|acct|a/c|member(?:ship)?|customer|client|policy|passport|driver'?s? licen[cs]e|licen[cs]e|"
    r"dl|id|identification|identity card|national id|patient|mrn|medical record|health(?:care)? (?:card|number)|"
    r"insurance|claim|(?:licen[cs]e |number |registration )?plate|vehicle registration|registration|reg|vin|"
    r"serial|device(?: id)?|imei|mac address|routing|sort code|employee|staff|student|tax|tin|ein|ssn|"
    r"social security|social insurance|sin|nhs|national insurance|ni|voter|badge|library card|"
    r"(?:credit |debit |bank |payment )?card|cc|"
    # round 18: a prescription's number ("Rx #5512093", "prescription no. 8841207")
    r"rx(?=[ \t]*+#)|prescription)"
    r"(?:\s+(?:number|no\.?|num|nr|#|id|code))?(?:\s+(?:is|was|:|=|of))?\s*[:#]?\s*)"
    r"([A-Z0-9][A-Z0-9\-]{3,24}[A-Z0-9]|\d{4,})\b"
)
# a device's or account's id written as a UUID or lower-case hex ("device id is 3f1c9a2e-7b44-...", "Android ID:
# 9774d56d682e549c"): only after a cue that names whose id it is (a request's or a commit's id is no person's)
_HEX_ID_CUE = re.compile(
    r"(?i:\b(?:(?:device|android|advertising|ad|hardware|machine|installation|install|user|account|customer|member|"
    r"player)[ \t]*+(?:id|identifier)|idfa|gaid|aaid|udid|imei|meid|serial(?:[ \t]*+(?:number|no\.?|#))?|"
    # round 20: "on device 7c1e9a40-52bd-...": a whole UUID right after "device"
    r"device(?=[ \t]++[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-))"
    r"(?:[ \t]++(?:is|was))?[ \t]*+[:#=]?[ \t]*+)"
    r"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-f]{12,40})(?![\w\-])"
)
# "Number is 4152488713445952355": 12-19 digits after "number" are a card or account number, not a phone
_LONG_NUMBER = re.compile(r"(?i:\bnumber\s*(?:is|:|=)?\s*)(\d{12,19})\b")
#: "2020-01-02", "12/09/2021", "1-2-20": a day or month has one or two digits and a year two or four, so an SSN's
#: three-digit first group ("123-45-6789") is never a date.
DATE_LIKE = re.compile(r"^(?:\d{1,2}|\d{4})[\-/.]\d{1,2}[\-/.](?:\d{1,2}|\d{4})$")


class IdentifierRecognizer(GuidelineRecognizer):
    """Masked ids (``MASKED_ID``), the last digits of a card or account (``PARTIAL_ID``), ids after a cue word
    (``ACCOUNT_ID``): all ``Identifier``, certain."""

    ENTITIES = ["MASKED_ID", "PARTIAL_ID", "ACCOUNT_ID"]
    NEEDS = DIGIT  # every pattern needs a digit

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        out: list[Candidate] = []
        for m in _MASKED_ID.finditer(text):
            v = m.group()
            masks = sum(v.count(c) for c in "Xx*•●#")
            digits = sum(c.isdigit() for c in v)
            if masks >= 3 and digits >= 2 and len(v) >= 6 and re.search(_MASK + "{2,}", v):
                if re.fullmatch(r"[Xx]+\d+", v) and len(v) < 7:
                    continue
                out.append(Candidate(m.start(), m.end(), IDENTIFIER, "MASKED_ID", 0.8, True))
        for m in _ENDING_IN.finditer(text):
            out.append(Candidate(m.start(1), m.end(1), IDENTIFIER, "PARTIAL_ID", 0.6, True))
        for m in _LONG_NUMBER.finditer(text):
            out.append(Candidate(m.start(1), m.end(1), IDENTIFIER, "ACCOUNT_ID", 0.6, True))
        for m in _ID_CUE.finditer(text):
            v = m.group(1)
            if sum(c.isdigit() for c in v) < 3 or DATE_LIKE.match(v):
                continue
            out.append(Candidate(m.start(1), m.end(1), IDENTIFIER, "ACCOUNT_ID", 0.7, True))
        for m in _HEX_ID_CUE.finditer(text):
            v = m.group(1)
            if "-" in v or (sum(c.isdigit() for c in v) >= 2 and sum(c.isalpha() for c in v) >= 2):
                out.append(Candidate(m.start(1), m.end(1), IDENTIFIER, "ACCOUNT_ID", 0.7, True))
        return out
