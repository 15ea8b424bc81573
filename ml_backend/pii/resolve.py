"""Candidates -> one :class:`PiiFinding`: conditions, overlaps, weak evidence and the guideline's flags.

1. Conditional candidates: ``requires="person"`` (a "Website:" in a record) is kept only when the prompt names a
   person; ``requires="full_name_near"`` (a day-precise date without a cue) only within 120 characters of a full
   name with no blank line between.
2. Overlaps: the more specific evidence wins (:data:`PRIORITY`, higher first), then strong over weak, then the
   higher score, then the longer span. A greedy address that ran into a phone number on the next line is clipped
   to the part before it rather than dropped.
3. Lone first names (``weak``) count only when the prompt holds other PII ("combinable"), at score 0.4.
4. Flags: ``has_pii`` = any span; ``certain`` = any certain span; ``public_only`` True when every name is a known
   public figure and nothing else private is present, False when a contact, identifier or address is present,
   else None; ``score`` = the best span score, or without PII the score of what was set aside, capped at 0.49.

    >>> from ml_backend.pii.finding import Candidate
    >>> f = resolve("Lucas: lucas.m@outlook.com", [Candidate(0, 5, "Name", "PERSON", 0.3, False, weak=True),
    ...                                          Candidate(7, 26, "Contact", "EMAIL_ADDRESS", 1.0, True)])
    >>> [(s.label, s.score) for s in f.spans], f.certain
    ([('Name', 0.4), ('Contact', 1.0)], True)
"""

from __future__ import annotations

import bisect

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.finding import NO_PII, Candidate, PiiFinding, PiiSpan

NAME, LOCATION, DATE, CONTACT, IDENTIFIER = PII_LABELS
DEFAULT_SCORE_THRESHOLD = 0.35
PERSON_ENTITIES = ("PERSON", "RELIGIOUS_FIGURE")

# When spans overlap, the more specific evidence wins (higher first), then the higher score, then the longer span.
PRIORITY: dict[str, int] = {
    "EMAIL_ADDRESS": 10,
    "CREDIT_CARD": 9, "IBAN_CODE": 9, "US_SSN": 9, "IP_ADDRESS": 9, "MASKED_ID": 9, "CRYPTO": 9, "UK_NHS": 9,
    "ACCOUNT_ID": 8, "US_DRIVER_LICENSE": 8, "US_PASSPORT": 8, "US_BANK_NUMBER": 8, "US_ITIN": 8,
    "MEDICAL_LICENSE": 8, "MAC_ADDRESS": 8, "PARTIAL_ID": 8, "VEHICLE_PLATE": 8,
    "PHONE_NUMBER": 7,
    "PERSONAL_URL": 6,
    "STREET_ADDRESS": 5,
    "TEAM_TERM": 4,
    "USERNAME": 4,
    "PERSON": 3, "GROUP": 3, "RELIGIOUS_FIGURE": 3,
    "DATE_OF_PERSON": 1,
}


def _conditions_met(text: str, cands: list[Candidate]) -> list[Candidate]:
    if not any(c.requires for c in cands):
        return cands
    has_person = any(c.entity in PERSON_ENTITIES and not c.weak for c in cands)
    full_names = [(c.start, c.end) for c in cands if c.entity == "PERSON" and c.certain]
    out = []
    for c in cands:
        if c.requires == "person" and not has_person:
            continue
        if c.requires == "full_name_near":
            near = False
            for ns, ne in full_names:
                lo, hi = (ne, c.start) if ne <= c.start else (c.end, ns)
                if 0 <= hi - lo <= 120 and "\n\n" not in text[lo:hi]:
                    near = True
                    break
            if not near:
                continue
        out.append(c)
    return out


class _Placed:
    """The chosen spans, which never overlap, sorted by (start, end), so their ends are sorted too: the ones
    overlapping a span are found by bisection, not by comparing it with every chosen span (quadratic on a text
    of thousands of candidates)."""

    def __init__(self) -> None:
        self.keys: list[tuple[int, int]] = []
        self.ends: list[int] = []
        self.cands: list[Candidate] = []

    def overlapping(self, start: int, end: int) -> list[Candidate]:
        hi = bisect.bisect_left(self.keys, (end, -1))  # spans starting before ``end``
        lo = bisect.bisect_right(self.ends, start)     # spans ending after ``start``
        return [k for k in self.cands[lo:hi] if start < k.end and k.start < end]

    def add(self, c: Candidate) -> None:
        i = bisect.bisect(self.keys, (c.start, c.end))
        self.keys.insert(i, (c.start, c.end))
        self.ends.insert(i, c.end)
        self.cands.insert(i, c)


def resolve(text: str, cands: list[Candidate], score_threshold: float = DEFAULT_SCORE_THRESHOLD) -> PiiFinding:
    """The finding on ``text`` from its candidates (see the module docstring)."""
    if not cands:
        return NO_PII
    cands = _conditions_met(text, cands)
    order = sorted(cands, key=lambda c: (-PRIORITY.get(c.entity, 0), c.weak, -c.score, -(c.end - c.start)))
    chosen: list[Candidate] = []
    placed = _Placed()
    for c in order:
        clash = placed.overlapping(c.start, c.end)
        if clash and c.label == LOCATION:
            first = min(clash, key=lambda k: k.start)
            if c.start < first.start:
                c.end = c.start + len(text[c.start:first.start].rstrip(" \t\n,;-(\\"))
            if c.end - c.start >= 4 and any(ch.isalpha() for ch in text[c.start:c.end]):
                clash = placed.overlapping(c.start, c.end)
        if clash:
            continue
        chosen.append(c)
        placed.add(c)
    strong = [c for c in chosen if not c.weak and c.score >= score_threshold]
    if not strong:
        # no PII; the score still says how close it came (a lone first name, a sub-threshold match)
        near = min(0.49, max((c.score for c in chosen), default=0.0))
        return NO_PII if near == 0.0 else PiiFinding((), False, False, None, round(near, 3))
    spans = list(strong)
    for c in chosen:
        if c.weak:
            spans.append(Candidate(c.start, c.end, c.label, c.entity, 0.4, False))
    spans.sort(key=lambda c: (c.start, c.end))
    out = tuple(PiiSpan(c.start, c.end, c.label, round(c.score, 3), c.certain, c.entity) for c in spans)
    names = [c for c in strong if c.label == NAME and c.entity in PERSON_ENTITIES]
    private_kinds = any(c.label in (CONTACT, IDENTIFIER, LOCATION) for c in strong)
    if private_kinds:
        public_only: bool | None = False
    elif names and all(c.public for c in names) and all(c.label in (NAME, DATE) for c in strong):
        public_only = True
    else:
        public_only = None
    return PiiFinding(spans=out, has_pii=True, certain=any(s.certain for s in out), public_only=public_only,
                      score=max(s.score for s in out))
