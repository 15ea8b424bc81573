"""A surname used as a form of address at the start of a quoted line or a line: '"KOWALCZYK, your report is late."',
"'RAMIREZ, get down!'", '"SMITH-JONES, your timesheet is wrong."', 'Henderson, you call that a sprint?'. The
guideline: a lone surname is PII, not certain.

The slot: a line start, or an opening quote (``"`` ``“`` ``'`` ``‘``) at a line start or after a space or ``:``;
then one word (capitals, or Title case), hyphenated or not; then a comma, a space and a lower-case word (what is
said to the person). The word must be a surname:

- in capitals (a drill sergeant, a coach): every hyphen part a listed family name (``surnames.txt``: "NAKAMURA-SATO",
  "SMITH-JONES"), or one part of four letters or more that no dictionary knows ("KOWALCZYK", "PETROVIC"); a single
  listed word must read as a lone surname (:func:`~ml_backend.pii.recognizers.lone_surnames.is_lone_surname`: not
  "HONEY", "YOUNG"); never an English word ("WARNING", "NOTICE", "ATTENTION", "TEAM"), a title or kin word ("SIR",
  "MOM"), a mythology name ("ZEUS"), or a given name alone ("JOHN, you're late": a first name alone is not PII);
- in Title case: a word :func:`~ml_backend.pii.recognizers.lone_surnames.is_lone_surname` accepts ("Henderson,
  your bunk ..."); an unknown Title-case word opens many sentences and is left alone.

Cheap pre-check (``NEEDS``): a capitalised word of three letters or more followed by a comma somewhere.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext('He yelled: "KOWALCZYK, your report is late." Then: "WARNING, the door is open."', None,
    ...                   frozenset({"warning"}))
    >>> [(ctx.text[c.start:c.end], c.certain) for c in VocativeSurnameRecognizer().find(ctx)]
    [('KOWALCZYK', False)]
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.lone_surnames import is_lone_surname
from ml_backend.pii.recognizers.lowercase_names import is_english_form
from ml_backend.pii.recognizers.names import _STOP_WORDS, NOT_NAME_WORDS
from ml_backend.pii.wordlists import first_names_folded, mythology_names, ordinary_words, surnames_folded

NAME = PII_LABELS[0]
SCORE = 0.6

_WORD = r"([A-Z][A-Za-z]*+(?:['’][A-Z][A-Za-z]*+)?(?:-[A-Z][A-Za-z]*+)?)"
_VOCATIVE = re.compile(r"(?:^|(?<=[ \t:(])[\"“'‘]|^[\"“'‘])[ \t]*+" + _WORD + r",[ \t]++(?=[a-z])", re.MULTILINE)
NEEDS = re.compile(r"[A-Z][A-Za-z'’\-]{2,},")
_KIN_AND_TITLES = frozenset(
    """sir madam maam ma'am mister miss missus mom mum dad mama papa mommy daddy grandma grandpa nana honey darling
    sweetie babe baby dear boss chief captain sergeant sarge doc coach kid kids son guys folks team class everyone
    people ladies gentlemen friends buddy pal mate bro dude lord lady king queen prince princess officer detective
    agent major general colonel lieutenant private corporal soldier""".split()
)


def _unknown(part: str, common: frozenset[str]) -> bool:
    return len(part) >= 4 and bool(common) and not is_english_form(part, common)


def is_vocative_surname(word: str, common: frozenset[str]) -> bool:
    """``word`` (as written) reads as a surname used to address someone (see the module docstring).

    >>> [is_vocative_surname(w, frozenset({"warning", "smith", "jones"})) for w in ("SMITH-JONES", "WARNING", "JOHN")]
    [True, False, False]
    """
    low = word.casefold()
    parts = [p for p in re.split(r"['’\-]", low) if p]
    if not parts or any(p in _STOP_WORDS or p in _KIN_AND_TITLES for p in parts) or word.capitalize() in NOT_NAME_WORDS:
        return False
    if any(p.capitalize() in mythology_names() for p in parts):
        return False
    if not word.isupper():
        return len(parts) == 1 and is_lone_surname(word, common)
    if len(parts) == 2:
        return all(p in surnames_folded() or _unknown(p, common) for p in parts)
    if low in first_names_folded():
        return is_lone_surname(word.capitalize(), common)  # "HENDERSON"; not a given name alone ("JOHN")
    if low in surnames_folded():
        return is_lone_surname(word.capitalize(), common) or (low not in common and low not in ordinary_words())
    return _unknown(low, common)


class VocativeSurnameRecognizer(GuidelineRecognizer):
    """``PERSON`` surnames used as a form of address at the start of a (quoted) line: ``Name``, not certain."""

    ENTITIES = ["PERSON"]
    NEEDS = NEEDS

    def find(self, ctx: TextContext) -> list[Candidate]:
        out: list[Candidate] = []
        for m in _VOCATIVE.finditer(ctx.text):
            if is_vocative_surname(m.group(1), ctx.common):
                out.append(Candidate(m.start(1), m.end(1), NAME, "PERSON", SCORE, False))
        return out
