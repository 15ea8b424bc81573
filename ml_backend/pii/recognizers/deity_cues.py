"""Figures of myth and religion that no list holds, recognised by the words around them: "Amaterasu, the sun
goddess", "the Norse god Heimdall", "how Quetzalcoatl was worshipped", "the cult of Mithras". PII, not certain
(the guideline: unsure whether a person is real or fictional -> PII, not certain).

The listed names are in :mod:`~ml_backend.pii.recognizers.religious_figures`; this rule covers the rest. The name
is one or two capitalised words, no function word, not an English word capitalised only because it opens the
sentence ("Fire was worshipped": ``ctx.common``; WordNet lists many deities, so mid-sentence its words count),
and not a character of Greek or Roman mythology, which is not PII (:func:`ml_backend.pii.not_pii.is_mythology`).

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Write a hymn to Amaterasu, the sun goddess, and to the god Heimdall.", None)
    >>> [ctx.text[c.start:c.end] for c in DeityCueRecognizer().find(ctx)]
    ['Amaterasu', 'Heimdall']
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
import ml_backend.pii.not_pii as not_pii
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.names import _STOP_WORDS

NAME = PII_LABELS[0]
SCORE = 0.6

_ROLE = r"(?:god|goddess|deity|demigod|demigoddess|titan)"
_NAME = r"([A-Z][a-zà-ÿ'’\-]{2,24}(?: [A-Z][a-zà-ÿ'’\-]{2,24})?)"
# "Amaterasu, the sun goddess"; "Anubis, Egyptian god of the dead"
_ROLE_AFTER = re.compile(_NAME + r",[ \t]++(?:the |an? )?(?:[A-Za-z\-]++[ \t]++){0,3}?" + _ROLE + r"\b")
# "the goddess Amaterasu", "the Norse god Heimdall" (not "oh my god Jessica")
_ROLE_BEFORE = re.compile(
    r"(?i:\b(?:the|a|an)[ \t]++(?:[a-z\-]++[ \t]++){0,2}?)" + _ROLE + r"[ \t]++" + _NAME + r"(?![\w'’])"
)
# "Quetzalcoatl was worshipped", "the worship of Mithras", "the cult of Mithras", "temples to Baal"
_WORSHIP = re.compile(
    _NAME + r"[ \t]++(?:was|were|is|are)[ \t]++(?:once[ \t]++)?(?:worshipp?ed|venerated|revered)\b"
    r"|\b(?:worship|cult|veneration|temples?|shrines?|priests?|priestesses)[ \t]++(?:of|to)[ \t]++" + _NAME
    + r"(?![\w'’])"
)


# titles of the one God of monotheism, not names of a figure ("the temple of God")
_GENERIC = frozenset({"god", "lord", "heaven", "allah", "the lord", "almighty"})


# any word the three patterns need: the role words anywhere in a word ("demigod"), the worship words at its start
_ANY_CUE = re.compile(r"(?i:god|deity|titan|\b(?:worshi|venera|revered|cult|temple|shrine|priest))")


class DeityCueRecognizer(GuidelineRecognizer):
    """``RELIGIOUS_FIGURE`` names from a religious cue around them: ``Name``, not certain."""

    ENTITIES = ["RELIGIOUS_FIGURE"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        out: list[Candidate] = []
        if _ANY_CUE.search(text) is None:
            return out  # no cue word anywhere: the name-first patterns need not scan the text
        seen: set[int] = set()
        for rx in (_ROLE_AFTER, _ROLE_BEFORE, _WORSHIP):
            for m in rx.finditer(text):
                group = next(g for g in range(1, (m.lastindex or 1) + 1) if m.group(g))
                s, value = m.start(group), m.group(group)
                words = value.split()
                if (s in seen or not_pii.is_mythology(words) or value.casefold() in _GENERIC
                        or any(w.casefold() in _STOP_WORDS for w in words)):
                    continue
                if ctx.is_sentence_initial(s) and words[0].casefold() in ctx.common:
                    continue
                seen.add(s)
                out.append(Candidate(s, s + len(value), NAME, "RELIGIOUS_FIGURE", SCORE, False))
        return out
