"""A title before a name written in lower case: "my neighbour mrs. patel", "tell dr okafor i'll be late", "mr
john smith". After a title, a family name alone is PII, not certain (a lone surname); a given name and a family
name are a full name, certain.

The word after the title must be a family name that is not an ordinary word, or a word on no list at all and no
English word (the same test as :mod:`~ml_backend.pii.recognizers.lowercase_names`); a listed brand is not a
person ("dr pepper"). Only in English text; capitalised titles are handled by the name recognizers.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("my neighbour mrs. patel is lovely; ask mr john smith", None, frozenset({"lovely"}))
    >>> [(ctx.text[c.start:c.end], c.certain) for c in LowercaseTitleRecognizer().find(ctx)]
    [('patel', False), ('john smith', True)]
"""

from __future__ import annotations

import re
from functools import cache

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.lowercase_names import word_kind
from ml_backend.pii.wordlists import brands, first_names_folded, surnames_folded

NAME = PII_LABELS[0]

_TITLED = re.compile(
    r"(?<![\w.])(mr|mrs|ms|miss|dr|prof|professor|sir|madam|mx)\.?[ \t]++([a-z][a-z'’\-]{1,24})"
    r"(?:[ \t]([a-z][a-z'’\-]{1,24}))?(?![\w'’\-])"
)


@cache
def _brands_folded() -> frozenset[str]:
    return frozenset(b.casefold().replace(".", "") for b in brands())


class LowercaseTitleRecognizer(GuidelineRecognizer):
    """``PERSON`` names after a lower-case title: a lone surname (not certain) or a full name (certain)."""

    ENTITIES = ["PERSON"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        if not ctx.english:
            return []
        out: list[Candidate] = []
        given, family = first_names_folded(), surnames_folded()
        for m in _TITLED.finditer(ctx.text):
            title, first, second = m.group(1), m.group(2), m.group(3)
            if f"{title} {first}" in _brands_folded():
                continue
            if (second and word_kind(first, given, ctx.common) in ("strong", "weak")
                    and word_kind(second, family, ctx.common) in ("strong", "unlisted")):
                out.append(Candidate(m.start(2), m.end(3), NAME, "PERSON", 0.7, True))
            elif word_kind(first, family, ctx.common) in ("strong", "unlisted"):
                out.append(Candidate(m.start(2), m.end(2), NAME, "PERSON", 0.6, False))
        return out
