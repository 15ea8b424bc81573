"""Usernames made of a given name and a family name joined by a dot: "# FIXME(marek.kowalczyk): ...", "ssh into
the box as tomas.novak", "the reviewer was olusegun.adeyemi". The guideline: a full name is always PII, and a
username counts when it identifies; a username that spells a full name carries that name (PII, certain).

The token: two words of letters joined by one dot, both in lower case or both capitalised ("Tomas.Novak"), not
inside a longer dotted path ("numpy.linalg.solve"), an @handle, an e-mail or a URL, not called as a function
("read_csv(" after it), not a file name or a web domain ("maria.json", "ukar.org": :data:`_FILE_EXTENSIONS`). The two words must read as a
given name and a family name by the lower-case full-name rule
(:func:`~ml_backend.pii.recognizers.lowercase_names.is_name_pair`: a listed given name with a listed or unknown
family name, or an unknown given name with a listed family name; English words are neither). "pandas.read_csv",
"os.path", "react.native" and "grace.period" are no names.

Cheap pre-check (``NEEDS``): a letter, a dot and a letter.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("ssh in as tomas.novak, then run pandas.read_csv on config.yaml", None, frozenset({"read"}))
    >>> [(ctx.text[c.start:c.end], c.certain) for c in DottedNameRecognizer().find(ctx)]
    [('tomas.novak', True)]
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.lowercase_names import is_name_pair

NAME = PII_LABELS[0]
SCORE = 0.7
NEEDS = re.compile(r"[^\W\d_]\.[^\W\d_]")

_DOTTED = re.compile(
    r"(?<![\w@./\-])([a-z]{2,20}|[A-Z][a-z]{1,19})\.([a-z]{3,24}|[A-Z][a-z]{2,23})(?![\w@/\-(]|\.\w)"
)
_FILE_EXTENSIONS = frozenset(
    """json yaml yml toml txt csv tsv py pyc ipynb js jsx ts tsx md rst html htm css scss xml sql sh bash zsh exe dll
    pdf doc docx xls xlsx ppt pptx png jpg jpeg gif svg webp mp3 mp4 wav mov avi zip tar rar gz bz2 log cfg ini conf
    env lock bak tmp dat bin iso apk dmg jar war java kt rb php go rs cpp hpp swift lua""".split()
) | frozenset(  # web domains: "ukar.org" is a site
    """com org net edu gov mil int info biz name pro xyz app dev io ai co me tv uk us de fr es it nl eu ca au
    online site shop store tech blog""".split()
)


class DottedNameRecognizer(GuidelineRecognizer):
    """``USERNAME`` spans, labelled ``Name``: ``given.family`` usernames, certain."""

    ENTITIES = ["USERNAME"]
    NEEDS = NEEDS

    def find(self, ctx: TextContext) -> list[Candidate]:
        if not ctx.common:  # without the English vocabulary every code word would look like a name
            return []
        out: list[Candidate] = []
        for m in _DOTTED.finditer(ctx.text):
            first, last = m.group(1), m.group(2)
            if first[0].isupper() != last[0].isupper():
                continue
            first, last = first.casefold(), last.casefold()
            if last in _FILE_EXTENSIONS or not is_name_pair(first, last, ctx.common):
                continue
            out.append(Candidate(m.start(), m.end(), NAME, "USERNAME", SCORE, True))
        return out
