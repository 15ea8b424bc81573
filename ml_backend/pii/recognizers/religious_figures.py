"""Figures of religious texts and of (non-Greek) myth: PII, not certain.

The guideline: unsure whether a person is real or fictional (some biblical figures) -> PII, not certain.
Characters of Greek (and Roman) mythology are not PII (:mod:`ml_backend.pii.not_pii`).

- :class:`BiblicalNameRecognizer`: full names ("Pontius Pilate", "Mary Magdalene"), a Presidio deny-list
  ``PatternRecognizer`` over ``data/biblical_names.txt`` (case-insensitive).
- :class:`ReligiousFigureRecognizer`: single names ("Moses", "Odin", "Krishna") from
  ``data/religious_figures.txt``; a name that is also a common given name ("Noah", "David") counts only with a
  religious cue in the prompt ("ark", "bible", "prophet" ...) or a motif of its own story (the words after the
  name in the file: "Jonah and the whale", "Daniel in the lions' den", "Joseph's coat of many colours"), and not
  right after "my" / "our" / "friend" ...

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Retell the story of Noah and the ark. My son Noah loves it.", None)
    >>> [ctx.text[c.start:c.end] for c in ReligiousFigureRecognizer().find(ctx)], [c.start for c in ReligiousFigureRecognizer().find(ctx)]
    (['Noah'], [20])
"""

from __future__ import annotations

import re
from functools import cache

from presidio_analyzer import PatternRecognizer

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.wordlists import biblical_names, religious_figures, religious_motifs

NAME = PII_LABELS[0]
SCORE = 0.6

_RELIGIOUS_CUE = re.compile(
    r"(?i)\b(?:bible|biblical|genesis|exodus|gospels?|scriptures?|testament|prophets?|apostles?|disciples?|psalms?|"
    r"church|sunday school|sermon|god|gods|goddess|lord|temple|synagogue|mosque|quran|koran|torah|talmud|ark|"
    r"israelites?|hebrews?|heaven|angels?|myths?|mythology|norse|egyptian|hindu|hinduism|buddhist|deity|deities|"
    r"worship|parable|saint|religion|religious|king|kings|pharaoh|messiah|miracles?|prayer|holy|"
    r"judaism|jewish|jews|christianity|christians?|islam|islamic|muslims?|sikhs?|sikhism|buddhism|jainism|"
    r"zoroastrianism|abrahamic|patriarchs?|matriarchs?|covenant|hadith|sunnah|surah|vedas?|ramayana|mahabharata|"
    r"upanishads?|guru|faiths?|monotheis(?:m|tic)|theolog(?:y|ical)|rabbis?|imams?|priests?|caliphs?)\b"
)
# "my son Noah", "our friend David": a person who shares the name
_PERSONAL_BEFORE = re.compile(
    r"(?i:\b(?:my|our|your|his|her|their|a|named|called)(?:\s+(?:little|baby|best|old|new))?"
    r"(?:\s+(?:son|daughter|friend|brother|sister|cousin|nephew|niece|neighbou?r|colleague|boss|dad|mom|mum|"
    r"husband|wife|partner|boyfriend|girlfriend|kid|child|boy|girl|student|teacher|coach|dog|cat|puppy))?\s+)$"
)

_WORDS = re.compile(r"[^\W\d_]+")


@cache
def _single_names() -> re.Pattern[str]:
    names = sorted(religious_figures(), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


class BiblicalNameRecognizer(PatternRecognizer):
    """``RELIGIOUS_FIGURE`` full names of ``data/biblical_names.txt`` (case-insensitive)."""

    def __init__(self) -> None:
        names = sorted(biblical_names(), key=len, reverse=True)
        super().__init__(supported_entity="RELIGIOUS_FIGURE", name="BiblicalNameRecognizer", deny_list=names,
                         deny_list_score=SCORE)


class ReligiousFigureRecognizer(GuidelineRecognizer):
    """``RELIGIOUS_FIGURE`` single names: ``Name``, not certain."""

    ENTITIES = ["RELIGIOUS_FIGURE"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        needs_cue = religious_figures()
        cued: bool | None = None
        out = []
        words: frozenset[str] | None = None
        for m in _single_names().finditer(text):
            if needs_cue[m.group()]:
                if cued is None:
                    cued = _RELIGIOUS_CUE.search(text) is not None
                motif = False
                if not cued:
                    if words is None:
                        words = frozenset(w.casefold() for w in _WORDS.findall(text))
                    motif = not words.isdisjoint(religious_motifs()[m.group()])
                if not (cued or motif) or _PERSONAL_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                    continue
            out.append(Candidate(m.start(), m.end(), NAME, "RELIGIOUS_FIGURE", SCORE, False))
        return out
