"""Phone numbers: Presidio's ``PhoneRecognizer`` (python-phonenumbers) run only around digit runs, and numbers in
any national format after or before a cue word ("call me at 0494 92 82 32", "Fax: ...", "416 60 039 office"; the
cue words also in Spanish, Portuguese, French, German, Italian and Dutch: "Su teléfono es 612 345 678").

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("They're not answering at 78 651 450", None)
    >>> [ctx.text[c.start:c.end] for c in CuedPhoneRecognizer().find(ctx)]
    ['78 651 450']
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.prechecks import DIGIT
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.identifiers import DATE_LIKE

CONTACT = PII_LABELS[3]

_PHONE_CUE = re.compile(
    r"(?i:\b(?:phone|tel|telephone|mobile|cell|cellphone|fax|call|calling|text|sms|whatsapp|number|reach|"
    r"contact|answering at|messages? to|registered|ring|dial|desk|office|home|landline|"
    # the same cues in Spanish, Portuguese, French, German, Italian, Dutch
    r"tel[eé]fono|m[oó]vil|celular|telem[oó]vel|t[eé]l[eé]phone|portable|telefon|handy|handynummer|telefono|"
    r"cellulare|telefoonnummer|mobiel|n[uú]mero|num[eé]ro|nummer|"
    # round 18: Polish, Turkish, Indonesian ("pod numer", "telefon numaram", "di nomor")
    r"numer|numerem|numara|numaram|numaras[ıi]|nomor|telepon|telefonu)\b[^\n\d+(]{0,25}?)"
    r"(\+?\(?\d{1,5}\)?(?:[ \t.\-]{1,2}\(?\d{1,6}\)?){1,6}(?!\d)(?:[ \t]?(?:x|ext\.?)[ \t]?\d{1,5})?)"
)
_PHONE_AFTER = re.compile(
    r"(?<![\d\-])(\+?\(?\d{1,4}\)?(?:[ \t.\-]{1,2}\(?\d{1,6}\)?){1,6})(?!\d)(?:[ \t]?(?:x|ext\.?)[ \t]?\d{1,5})?[ \t\-]+(?i:office|fax|mobile|cell|home|work)\b"
)
# (round 15: a group holds up to six digits, and a number never ends inside one: "+44 7700 900123" was cut to
# "+44 7700 90012")
_PHONE_WINDOW = re.compile(r"\+?\(?\d[\d \t().\-/]{4,}\d")


class CuedPhoneRecognizer(GuidelineRecognizer):
    """``PHONE_NUMBER`` after a cue word or before "office"/"fax"/...: ``Contact``, certain, 6 to 15 digits."""

    ENTITIES = ["PHONE_NUMBER"]
    NEEDS = DIGIT

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        out = []
        for rx in (_PHONE_CUE, _PHONE_AFTER):
            for m in rx.finditer(text):
                v = m.group(1).rstrip(" .-")
                digits = sum(c.isdigit() for c in v)
                if not 6 <= digits <= 15 or DATE_LIKE.match(v.replace(" ", "")):
                    continue
                if re.fullmatch(r"\d{4}", v) or re.fullmatch(r"(?:19|20)\d\d", v.strip()):
                    continue
                s = m.start(1)
                out.append(Candidate(s, s + len(v), CONTACT, "PHONE_NUMBER", 0.6, True))
        return out


class WindowedPhoneRecognizer(PhoneRecognizer):
    """Presidio's PhoneRecognizer, run only on windows around digit runs.

    python-phonenumbers scans the whole text once per region (8 regions): that was 60% of Presidio's time per
    text. A phone number needs a run of at least 6 digits and separators, so matching on those runs (plus a
    margin) finds the same numbers at a fraction of the cost. Offsets are mapped back to the full text.
    """

    def __init__(self) -> None:
        super().__init__()
        self.name = "PhoneRecognizer"

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Any]:
        windows: list[list[int]] = []
        for m in _PHONE_WINDOW.finditer(text):
            s, e = max(0, m.start() - 8), min(len(text), m.end() + 8)
            if windows and s <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], e)
            else:
                windows.append([s, e])
        results: list[Any] = []
        for s, e in windows:
            for r in super().analyze(text[s:e], entities, None):
                r.start += s
                r.end += s
                results.append(r)
        return EntityRecognizer.remove_duplicates(results)
