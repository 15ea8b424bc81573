"""The lower-cased words of a text as a set, for the recognizers' cheap pre-checks (one set test instead of a
regex scan), computed once per text however many recognizers ask.

Words are runs of letters, digits, ``_`` and hyphens ("Passover?" -> "passover", "Peter's" -> "peter", "s";
"ji-woo" stays whole).
The last text's set is kept (the engine analyses one text at a time; the pair is replaced in one assignment, so a
thread that reads it sees a matching pair).

    >>> sorted(lower_words("Why is a cup left for Elijah at Passover?"))[:4]
    ['a', 'at', 'cup', 'elijah']
    >>> "passover" in lower_words("Why is a cup left for Elijah at Passover?")
    True
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[\w\-]+")
_LAST: tuple[str, frozenset[str]] = ("", frozenset())


def lower_words(text: str) -> frozenset[str]:
    """The set of ``text``'s words, lower-cased (see the module docstring)."""
    global _LAST
    last = _LAST
    if last[0] is text:
        return last[1]
    words = frozenset(_WORD.findall(text.lower()))
    _LAST = (text, words)
    return words
