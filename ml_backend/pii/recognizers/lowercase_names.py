"""Full names written in lower case or in capitals: "john smith from accounting", "LETTER TO ROBERT WILLIAMS".

spaCy's small English model and the "First Last" shape rule need capitalised words; this recognizer reads word
lists instead: a given name (``first_names.txt``) followed by a family name (``surnames.txt``), optionally a
third family name ("maría fernández lópez"), all lower case or all capitals, where no word is an ordinary English
word that is also a name ("will power", "grace period": ``ordinary_words.txt``) or a function word, and not right
after a house number ("389 king alexander" is a street). A full name is PII, certain. Only in English text (the
ordinary-word list is English).

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("can you email john smith from accounting? he has the will power", None)
    >>> [ctx.text[c.start:c.end] for c in LowercaseNameRecognizer().find(ctx)]
    ['john smith']
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.names import _STOP_WORDS
from ml_backend.pii.wordlists import first_names_folded, ordinary_words, surnames_folded

NAME = PII_LABELS[0]
SCORE = 0.7

_WORD = re.compile(r"[^\W\d_]++(?:['’\-][^\W\d_]++)*+")


def _same_case(word: str) -> str | None:
    if word.islower():
        return "lower"
    if word.isupper() and len(word) > 1:
        return "upper"
    return None


class LowercaseNameRecognizer(GuidelineRecognizer):
    """``PERSON`` full names in lower case or all capitals: ``Name``, certain."""

    ENTITIES = ["PERSON"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        if not ctx.english:
            return []
        text = ctx.text
        given, family, ordinary = first_names_folded(), surnames_folded(), ordinary_words()
        words = [m for m in _WORD.finditer(text) if _same_case(m.group())]
        out: list[Candidate] = []
        i = 0
        while i + 1 < len(words):
            a, b = words[i], words[i + 1]
            fa, fb = a.group().casefold(), b.group().casefold()
            case = _same_case(a.group())
            ok = (
                case == _same_case(b.group())
                and text[a.end():b.start()] in (" ", "\t")
                and fa in given and fb in family
                and not ({fa, fb} & ordinary or {fa, fb} & _STOP_WORDS)
            )
            if ok and re.search(r"\d[\w/\-]*[ \t,]*$", text[max(0, a.start() - 12):a.start()]):
                ok = False  # "389 king alexander": a street after a house number, not a person
            if not ok:
                i += 1
                continue
            end = b.end()
            if i + 2 < len(words):
                c = words[i + 2]
                fc = c.group().casefold()
                if (_same_case(c.group()) == case and text[b.end():c.start()] == " " and fc in family
                        and fc not in ordinary and fc not in _STOP_WORDS):
                    end = c.end()
                    i += 1
            out.append(Candidate(a.start(), end, NAME, "PERSON", SCORE, True))
            i += 2
        return out
