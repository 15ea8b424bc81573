"""The writer's name after a letter's closing: "Sincerely,\\nXiao-Ming Li", "Best regards, Jia-Hui Xu", "Cheers,\\nHai-Yan
Ng". The closing makes a person's name of what follows it, whatever the name lists say (Faker's lists lack many
hyphenated Chinese and Korean given names, and spaCy's small model rarely tags a two-letter surname).

The slot: a closing (:data:`CLOSINGS`: "Sincerely", "Best regards", "Kind regards", "Yours truly", "Cheers",
"Thanks" ...) at the start of a line or after a sentence's end, a comma (or none before a line break), then on the
same line or the next one, up to the end of that line: one to four Title-case words, each hyphenated or not
("Xiao-Ming", "Seo-Yeon"), or initials ("J."). Every word must be a listed given or family name, a word no
dictionary knows, a hyphenated word of Title-case parts (each part two to six letters, or listed), or a short
East Asian family name ("Li", "Ng", "Ho"); none may be a function word ("The Customer Service Team", "[Your
Name]", "Your Name"), an organisation word ("Acme Corporation", "HR Department") or an English word that is no
name ("Management"). Two words or more: a full name, PII, certain; one listed given name: a first name alone
(weak: PII only with other PII); one other word: PII, not certain.

Cheap pre-check: the text's words (:attr:`~ml_backend.pii.context.TextContext.words`) hold a closing's word.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Fix this.\\nSincerely,\\nXiao-Ming Li\\n\\nKind regards,\\nThe Team", None, frozenset({"team"}))
    >>> [(ctx.text[c.start:c.end], c.certain) for c in SignOffRecognizer().find(ctx)]
    [('Xiao-Ming Li', True)]
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.cued_short_names import family_names
from ml_backend.pii.recognizers.lowercase_names import is_english_form
from ml_backend.pii.recognizers.names import _STOP_WORDS, NOT_NAME_WORDS
from ml_backend.pii.wordlists import first_names, first_names_folded, surnames_folded

NAME = PII_LABELS[0]
SCORE = 0.7

CLOSINGS = (r"sincerely(?:[ \t]+yours)?|yours[ \t]+(?:sincerely|truly|faithfully|respectfully|always)|"
            r"(?:best|kind|kindest|warm|warmest|many|with)[ \t]+(?:regards|wishes|thanks)|regards|best|cheers|"
            r"thanks|thank[ \t]+you|many[ \t]+thanks|respectfully|cordially|warmly|love|with[ \t]+love|"
            r"all[ \t]+the[ \t]+best|take[ \t]+care|hugs|xoxo|faithfully|gratefully|with[ \t]+gratitude|"
            r"best[ \t]+wishes|talk[ \t]+soon|see[ \t]+you[ \t]+soon|till[ \t]+then")
_NAME_WORD = r"(?:[A-Z][a-z]*+(?:-[A-Z][a-z]++)*+|[A-Z]\.)"
_SIGN_OFF = re.compile(
    r"(?:^|(?<=[.!?])[ \t]++)(?i:" + CLOSINGS + r")(?:[ \t]*+,[ \t]*+\n?|[ \t]*+,?[ \t]*+\n)[ \t]*+"
    r"(" + _NAME_WORD + r"(?:[ \t]" + _NAME_WORD + r"){0,3})[ \t]*+[.!]?[ \t]*+(?=\n|$)",
    re.MULTILINE,
)
_CLOSING_WORDS = frozenset(re.findall(r"[a-z]+", CLOSINGS)) - _STOP_WORDS - frozenset({"all", "see", "take"})
_HYPHEN_PART = re.compile(r"^[A-Z][a-z]{1,5}$")


def _name_word(word: str, common: frozenset[str]) -> bool:
    low = word.casefold()
    if re.fullmatch(r"[A-Z]\.", word):
        return True
    if low in _STOP_WORDS or word in NOT_NAME_WORDS:
        return False
    if "-" in word:
        return all(_HYPHEN_PART.match(p) or p.casefold() in first_names_folded() or p.casefold() in surnames_folded()
                   for p in word.split("-"))
    if low in first_names_folded() or low in surnames_folded() or low in family_names():
        return True
    return bool(common) and len(low) >= 3 and not is_english_form(low, common)


class SignOffRecognizer(GuidelineRecognizer):
    """``PERSON`` names after a letter's closing: ``Name``; full names certain."""

    ENTITIES = ["PERSON"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        if _CLOSING_WORDS.isdisjoint(ctx.words):
            return []
        out: list[Candidate] = []
        for m in _SIGN_OFF.finditer(ctx.text):
            words = m.group(1).split()
            if not all(_name_word(w, ctx.common) for w in words) or all(len(w) <= 2 for w in words):
                continue
            s, e = m.span(1)
            if len(words) >= 2:
                out.append(Candidate(s, e, NAME, "PERSON", SCORE, True))
            elif words[0] in first_names():
                out.append(Candidate(s, e, NAME, "PERSON", 0.3, False, weak=True))
            else:
                out.append(Candidate(s, e, NAME, "PERSON", 0.5, False))
        return out
