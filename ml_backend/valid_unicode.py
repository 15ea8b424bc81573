"""Text a tokenizer can encode: a ``str`` can hold a lone surrogate (U+D800-U+DFFF), UTF-8 cannot, and spaCy's and
the toxicity encoder's tokenizers raise on one. :func:`without_surrogates` makes each one U+FFFD, one code point
for one, so offsets into the result are offsets into the original text.

    >>> without_surrogates("a\\ud800b")
    'a\\ufffdb'
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with every surrogate code point replaced by U+FFFD (ASCII text is returned as it is, unscanned).

    >>> without_surrogates("plain"), len(without_surrogates("x\\udfffy"))
    ('plain', 3)
    """
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)
