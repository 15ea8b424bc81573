"""Full names in the middle of an English sentence that spaCy's small model misses: "saying Itzel Ramírez-Quintero
will cover for me", "thank Tevita Fifita for organising", where at most one word is on the name lists (West and
Southern African, Polynesian, Japanese given names; hyphenated Spanish family names).

A run of two or three Title-case words (a possessive may follow), right after a lower-case word or a word and a
comma (so not at a sentence start, and not the tail of a longer capitalised run: "Medersa Bou Inania"), with no Title-case word right after it. Each
word has a name's shape (:func:`~ml_backend.pii.recognizers.person_slots.name_word_kind`: a listed given or
family name, or a word no dictionary knows; no English word, function, organisation, place, calendar or brand
word; and here no English word at all, even a listed name that is one: "Iris Atlas", "Ruby Falcon", "White Doll"
are code names and things), and at least one is a listed name word. Not inside quotes (a title of a work), not where spaCy found an
organisation, place, product, work, event, nationality, law or language, and only in English text. A full name:
PII, certain.

Cheap pre-check (``NEEDS``): a lower-case letter or comma, a space, a Title-case word, a space (a particle) and a
capital.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Please thank Tevita Fifita Wolfe for it, and see Machu Picchu.", None,
    ...                   frozenset({"please", "thank", "see"}), ents=[(49, 61, "LOC")])
    >>> [ctx.text[c.start:c.end] for c in MidSentenceNameRecognizer().find(ctx)]
    ['Tevita Fifita Wolfe']
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.lowercase_names import is_english_form
from ml_backend.pii.recognizers.person_slots import _PARTICLE, _PARTICLES, name_word_kind

NAME = PII_LABELS[0]
SCORE = 0.6

_WORD = r"[A-Z][a-zà-ÿ]++(?:['’\-][A-Za-zà-ÿ][a-zà-ÿ]++)?"
_FIRST = r"[A-Z][a-zà-ÿ]++"  # the first word is not hyphenated ("the Harley-Davidson Sportster")
_RUN = re.compile(r"(?<=[a-z,][ \t])" + _FIRST + r"(?:[ \t]" + _PARTICLE + _WORD + r"){1,2}"
                  r"(?:(?![\w'’\-])|(?=['’]s\b))(?![ \t]+[A-Z])")
# the start of every run: the same pattern up to the second word's capital (a particle between)
NEEDS = re.compile(r"[a-z,][ \t]" + _FIRST + r"[ \t]" + _PARTICLE + r"[A-Z]")
_PREV_WORD = re.compile(r"(\S+)[ \t]$")
_NOT_PERSON = ("ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP", "LAW", "LANGUAGE")
_QUOTES = re.compile(r"[\"“”‘’«»]|(?<!\w)'|'(?!\w)")


class MidSentenceNameRecognizer(GuidelineRecognizer):
    """``PERSON`` full names of name-shaped words mid-sentence: ``Name``, certain."""

    ENTITIES = ["PERSON"]
    NEEDS = NEEDS

    def find(self, ctx: TextContext) -> list[Candidate]:
        if not ctx.common or not ctx.english:
            return []
        text, common = ctx.text, ctx.common
        out: list[Candidate] = []
        for m in _RUN.finditer(text):
            tokens = [t for t in re.finditer(r"\S+", m.group()) if t.group() not in _PARTICLES]
            kinds = [name_word_kind(t.group(), common, lower=False) for t in tokens]
            if len(tokens) < 2 or None in kinds or "listed" not in kinds:
                continue
            if any(is_english_form(p, common) for t in tokens for p in re.split(r"['’\-]", t.group().casefold())
                   if len(p) > 1):
                continue  # "Iris Atlas", "White Doll", "Judge Moore": a listed name that is also an English word
            start, end = m.start(), m.end()
            prev = _PREV_WORD.search(text, max(0, start - 40), start)
            if prev is not None and prev.group(1)[0].isupper() and not prev.group(1).endswith(","):
                continue  # "Medersa Bou Inania": the tail of a longer capitalised run
            if len(_QUOTES.findall(text, ctx.sentence_start(start), start)) % 2:
                continue  # inside a quoted title
            if ctx.ents_overlapping(start, end, _NOT_PERSON):
                continue
            out.append(Candidate(start, end, NAME, "PERSON", SCORE, True))
        return out
