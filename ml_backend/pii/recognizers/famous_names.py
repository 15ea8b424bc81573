"""Well-known people named as listed (``public_figures.txt``), where the small NER model sees no person: "Write a
rap about Genghis Khan", "a poem about Rembrandt", "why is Michelangelo famous?".

The guideline: a full name is PII even of famous or historical people (certain); a famous person named by one
word ("Rembrandt", "Confucius") is PII, not certain. Both are public figures (``pii_public_only``). Matched
case-sensitively, word by word, on the listed spelling. A one-word entry that is also a common given name
("Adele", "Elvis", "Prince") or an English word capitalised ("Sting", "Drake"): ``_AMBIGUOUS``, is left to the
name recognizers, which see a person only where the NER does. Things named after them ("the Einstein Prize")
are dropped by :mod:`ml_backend.pii.not_pii`, a name inside a longer organisation or place the NER found ("the
Rembrandt House Museum") is skipped.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Write a rap about Genghis Khan and a poem about Rembrandt.", None)
    >>> [(ctx.text[c.start:c.end], c.certain) for c in FamousNameRecognizer().find(ctx)]
    [('Genghis Khan', True), ('Rembrandt', False)]
"""

from __future__ import annotations

import re
from functools import cache

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.wordlists import public_figure_names

NAME = PII_LABELS[0]
SCORE = 0.7

_PARTICLES = frozenset("van von de da di du del della le la".split())  # "Van Gogh": a lone surname, not certain
_THING_ENTS = ("ORG", "FAC", "GPE", "LOC", "EVENT")
_CAP_WORD = re.compile(r"(?<![\w'’\-.])[A-ZÀ-ÞĀ-ſ][\w'’\-.]*+")
_NEXT_WORD = re.compile(r"[ ]([^\W\d_][\w'’\-.]*+)")


_POSSESSIVE_END = re.compile(r"['’]s$")


def _bare(word: str) -> str:
    return _POSSESSIVE_END.sub("", word).rstrip(".")


@cache
def _entries() -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word -> the listed names starting with it (as word tuples), longest first."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in public_figure_names():
        words = tuple(name.split())
        if len(words) == 1 and name.casefold() in _AMBIGUOUS:
            continue  # "Adele", "Prince", "Sting": a common first name or a word; the NER decides
        by_first.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}


# one-word entries that are common given names or English words (capitalised at a sentence start or in a title)
_AMBIGUOUS = frozenset("adele elvis oprah prince madonna drake homer dante sting cher bono buddha".split())


class FamousNameRecognizer(GuidelineRecognizer):
    """``PERSON`` listed public figures: ``Name``; full names certain, one-word names not; public."""

    ENTITIES = ["PERSON"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        entries = _entries()
        out: list[Candidate] = []
        last_end = -1
        for m in _CAP_WORD.finditer(text):  # only a capitalised word can start a listed name
            names = entries.get(_bare(m.group()))
            if not names or m.start() < last_end:
                continue
            for name in names:
                pos, end = m.start(), m.end()
                for part in name[1:]:
                    nxt = _NEXT_WORD.match(text, end)
                    if nxt is None or _bare(nxt.group(1)) != part.rstrip("."):
                        end = -1
                        break
                    end = nxt.end()
                if end < 0:
                    continue
                value = _POSSESSIVE_END.sub("", text[pos:end])
                if not name[-1].endswith("."):
                    value = value.rstrip(".")
                end = pos + len(value)
                last_end = end
                if not any(es <= pos and end < ee for es, ee, _ in ctx.ents_overlapping(pos, end, _THING_ENTS)):
                    # (else "the Rembrandt House Museum": a longer organisation or place holds the name)
                    certain = len(name) >= 2 and not (len(name) == 2 and name[0].casefold() in _PARTICLES)
                    out.append(Candidate(pos, end, NAME, "PERSON", SCORE, certain, public=True))
                break
        return out
