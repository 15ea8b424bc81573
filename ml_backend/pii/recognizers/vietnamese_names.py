"""Vietnamese full names written without diacritics, in lower case or capitals: "nguyen van an", "TRAN THI MAI".

A Vietnamese name is family name + middle name + given name. The family names are few (Nguyen, Tran, Le,
Pham ... cover most people) and the middle names of the ``van`` / ``thi`` kind are fewer, so three words of
the same case, a listed family name then a listed middle name, then a short given name, are a full name
(PII, certain) even when the given name is also an English word ("an", "long", "son"). The given name must be a
listed Vietnamese given name, or a short word (up to 6 letters) that is no English word, so "do van rentals"
stays plain. Capitalised Vietnamese names are left to the name recognizers (spaCy finds "Nguyen Van An").

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("draft an email to nguyen van an. do van rentals exist?", None)
    >>> [ctx.text[c.start:c.end] for c in VietnameseNameRecognizer().find(ctx)]
    ['nguyen van an']
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer

NAME = PII_LABELS[0]
SCORE = 0.75

FAMILY = ("nguyen|tran|le|pham|hoang|huynh|phan|vu|vo|dang|bui|do|ho|ngo|duong|ly|truong|dinh|lam|trinh|cao|luong|"
          "ha|mai|ta|doan|la|vuong|trieu|thai|quach|lai|kieu|tong|chau|lu|khuc|hua|van|ton|phung|luu|au")
MIDDLE = ("van|thi|duc|minh|ngoc|thanh|quoc|huu|xuan|hong|kim|thu|anh|gia|cong|dinh|ba|quang|hoang|bao|tuan|"
          "thuy|phuong|khanh|nhat|tien|trung|tan|dang|hai|phuc|viet|manh|mai|diem|cam|bich|my|thao")
# given names that are also English words or short syllables the English test would reject
GIVEN = frozenset("""an anh binh chi chau cuong dung dat duy giang ha hai han hanh hien hieu hoa hoai hung huong huy
khang khanh khoa lan lam le lien linh loan loc long mai minh my nam nga ngan nghia ngoc nhan nhi nhung oanh phat
phong phuc phuong quan quang quoc quyen quynh son tam tan thanh thao thi thinh tho thu thuy tien tin toan trang tri
trinh trong trung tu tuan tung tuyet uyen van vi viet vinh vy xuan yen""".split())
_NAME = re.compile(
    # a word's start: no letter, hyphen or word-internal apostrophe before it; an opening quote is fine (round 16:
    # "'PHAM VAN DUC | Engineer'")
    r"(?<![\w\-])(?<!\w['’])((?i:" + FAMILY + r"))[ ]((?i:" + MIDDLE + r"))(?:[ ]((?i:" + MIDDLE + r")))??[ ]([^\W\d_]{1,6})(?![\w'’\-])"
)


class VietnameseNameRecognizer(GuidelineRecognizer):
    """``PERSON`` Vietnamese full names in lower case or capitals: ``Name``, certain."""

    ENTITIES = ["PERSON"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        out: list[Candidate] = []
        for m in _NAME.finditer(ctx.text):
            value = m.group()
            if not (value.islower() or value.isupper()):
                continue  # "Do Van ..." in Title case: the other recognizers decide
            given = m.group(4).casefold()
            if given not in GIVEN and (given in ctx.common or not ctx.common or len(given) < 2):
                continue  # "do van rentals": an English word, not a given name
            out.append(Candidate(m.start(), m.end(), NAME, "PERSON", SCORE, True))
        return out
