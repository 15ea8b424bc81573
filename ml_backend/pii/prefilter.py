"""Which texts need spaCy's NER: the engine skips it (tokenizer only) for texts where no entity could count.

spaCy's entities feed the name recognizers (PERSON, and ORG/GPE/... spans shaped like "First Last"), the company
context of contacts (ORG) and the dates tied to a person (DATE, TIME). None of them can change a finding when the
text has:

- no digit, no ``@``, no dotted host ("x.com"), no "u/", no month name, no "corner of" and no username cue (no
  contact, identifier, address, date, URL or username candidate whose company context or date an entity could
  decide), and
- no capitalised word except, at the start of a sentence, a function word, an imperative or greeting ("Write",
  "Please", "Hi") or a common English word that is neither a given name nor a family name: every PERSON entity
  spaCy could find is then rejected by the name rules (they need a capitalised name word).

:func:`needs_ner` decides that with one regex pass and set lookups. ``python -m ml_backend.check_pii_prefilter
--ner texts`` runs the engine with and without it on every labelled set and real corpus here (9,342 texts) and
counts the findings that differ: none.

    >>> needs_ner("Write a haiku about coffee."), needs_ner("Write a haiku for Jane."), needs_ner("Call me at 5")
    (False, True, True)

:func:`ner_windows` applies the same test to each sentence (and line) of a text and returns the stretches of
adjacent sentences that need NER, so that a long dialogue with one name in it runs NER on that sentence only.

    >>> text = "Write a poem about rain. It is for Jane Doe. Thanks."
    >>> [text[s:e] for s, e in ner_windows(text)]
    ['It is for Jane Doe. ']
"""

from __future__ import annotations

import re

from ml_backend.pii.context import _SENT_BREAK, TextContext
from ml_backend.pii.recognizers.names import _OPENERS, _STOP_WORDS
from ml_backend.pii.wordlists import first_names, surnames_folded

_TRIGGERS = re.compile(
    r"[\d@]|[^\s.]\.[A-Za-z]{2}|\bu/|(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|"
    r"corner of|user ?name|handle|gamer ?tag|screen ?name|login|nick)"
)
_WORD = re.compile(r"(?<![\w'’\-])[^\W\d_][\w'’\-]*+")
_PRONOUN_I = frozenset({"I", "I'm", "I’m", "I'd", "I’d", "I'll", "I’ll", "I've", "I’ve"})


def needs_ner(text: str, common: frozenset[str] = frozenset()) -> bool:
    """True unless no spaCy entity could change the finding on ``text`` (see the module docstring)."""
    if _TRIGGERS.search(text):
        return True
    ctx: TextContext | None = None
    fn = first_names()
    for m in _WORD.finditer(text):
        word = m.group()
        if not word[0].isupper() or word in _PRONOUN_I:
            continue
        low = word.casefold()
        if ctx is None:
            ctx = TextContext(text, None)
        if not ctx.is_sentence_initial(m.start()):
            return True
        if low in _STOP_WORDS or low in _OPENERS:
            continue
        if low in common and word not in fn and low not in surnames_folded():
            continue
        return True
    return False


def ner_windows(text: str, common: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """``(start, end)`` stretches of ``text`` (whole sentences and lines) that need spaCy's NER, adjacent ones
    merged; ``[]`` when none does."""
    cuts = [0]
    for m in _SENT_BREAK.finditer(text):
        end = m.end()
        while end < len(text) and text[end] in " \t":
            end += 1
        if cuts[-1] < end < len(text):
            cuts.append(end)
    cuts.append(len(text))
    windows: list[list[int]] = []
    for s, e in zip(cuts, cuts[1:]):
        if needs_ner(text[s:e], common):
            if windows and windows[-1][1] == s:
                windows[-1][1] = e
            else:
                windows.append([s, e])
    return [(s, e) for s, e in windows]
