"""Korean full names in romanisation: the family name first, then a two-syllable given name written with a hyphen
("Kim Min-jun", "Park Ji-yeon", "LEE SEO-YEON", "choi hyun-woo"), or (round 20) in Western order ("Soo-ah Park",
"Min-jun Lee"). PII, certain.

spaCy's small model often stops at the hyphen ("Choi Hyun"), and the given names are not on the given-name list,
so the name recognizers alone miss them. The family name must be one of the common Korean family names
(:data:`FAMILY`, which cover most people) and both syllables must be romanised Korean syllables
(:data:`_SYLLABLE`), so "Park Avenue-style" or "Kim Jong-un's" (a public figure: still a full name) behave.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Email Kim Min-jun and choi hyun-woo; ask the Park-and-ride desk.", None)
    >>> [ctx.text[c.start:c.end] for c in KoreanNameRecognizer().find(ctx)]
    ['Kim Min-jun', 'choi hyun-woo']
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer

NAME = PII_LABELS[0]
SCORE = 0.8

# common Korean family names; the two-letter ones that are English words ("An", "Do", "Go", "Ha", "Ma", "Na") are
# left out ("Do Re-mi")
FAMILY = ("kim|gim|lee|yi|rhee|park|pak|bak|choi|choe|jung|jeong|chung|kang|gang|cho|jo|yoon|yun|jang|chang|lim|"
          "han|oh|seo|suh|shin|sin|kwon|gwon|hwang|ahn|song|jeon|jun|hong|yoo|yu|ko|moon|mun|yang|son|sohn|bae|"
          "baek|paik|heo|hur|nam|noh|roh|kwak|sung|seong|cha|joo|woo|min|ryu|jin|ji|eom|chae|won|cheon|"
          "bang|gong|hyun|pyo|byun|yeom|yeo|chu|seok|wang|maeng|tak|ku|koo|kook|yook|gil|yeon|uhm")
# a romanised Korean syllable (Revised Romanisation and McCune-Reischauer spellings): an optional initial, a vowel,
# an optional final
_SYLLABLE = (r"(?:kk|tt|pp|ss|jj|ch|k|g|n|d|t|r|l|m|b|p|s|j|h|y|w)?"
             r"(?:yeo|yae|ya|yo|yu|ye|wae|wa|wo|we|wi|ui|ae|eo|eu|oe|oo|ee|a|e|i|o|u)"
             r"(?:ng|n|m|l|k|p|t|r|h)?")  # (a final "h" as in the common spelling "Soo-ah")
_NAME = re.compile(
    r"(?<![\w'’\-])((?i:" + FAMILY + r"))[ ]((?i:" + _SYLLABLE + r")-(?i:" + _SYLLABLE + r"))(?![\w\-])"
)
KOREAN_NAME = _NAME
# round 20: Western order, the given name first ("Soo-ah Park", "Min-jun Lee")
_WESTERN = re.compile(
    r"(?<![\w'’\-])((?i:" + _SYLLABLE + r")-(?i:" + _SYLLABLE + r"))[ ]((?i:" + FAMILY + r"))(?![\w\-])"
)


def is_korean_name(value: str) -> bool:
    """True when ``value`` is a Korean family name and a hyphenated two-syllable given name, in one case style:
    Title case ("Min-jun" or "Min-Jun"), all lower or all capitals.

    >>> is_korean_name("Kim Min-jun"), is_korean_name("PARK JI-YEON"), is_korean_name("Park Ride-share")
    (True, True, False)
    """
    m = _NAME.fullmatch(value)
    if m is not None:
        family, given = m.group(1), m.group(2)
    else:
        m = _WESTERN.fullmatch(value)
        if m is None:
            return False
        given, family = m.group(1), m.group(2)
    if value.islower() or value.isupper():
        return True
    head, tail = given.split("-")
    return family[:1].isupper() and family[1:].islower() and head[:1].isupper() and head[1:].islower() and (
        tail.islower() or (tail[:1].isupper() and tail[1:].islower()))


_TAIL = re.compile(r"-(?i:" + _SYLLABLE + r")(?![\w\-])")


def korean_name_end(text: str, start: int, end: int) -> int:
    """The end of the name at ``start:end``, taken over the second syllable of a Korean given name that a name
    span stopped before ("Choi Hyun" + "-woo"); ``end`` when there is none.

    >>> text = "Ask Choi Hyun-woo. Ask Ann Lee-Smith."
    >>> text[4:korean_name_end(text, 4, 13)], text[23:korean_name_end(text, 23, 30)]
    ('Choi Hyun-woo', 'Ann Lee')
    """
    m = _TAIL.match(text, end, min(len(text), end + 12))
    return m.end() if m is not None and is_korean_name(text[start:m.end()]) else end


class KoreanNameRecognizer(GuidelineRecognizer):
    """``PERSON`` Korean full names with a hyphenated given name: ``Name``, certain."""

    ENTITIES = ["PERSON"]
    NEEDS = re.compile(r"[A-Za-z]-[A-Za-z]")  # the hyphenated given name

    def find(self, ctx: TextContext) -> list[Candidate]:
        return [Candidate(m.start(), m.end(), NAME, "PERSON", SCORE, True)
                for rx in (_NAME, _WESTERN) for m in rx.finditer(ctx.text) if is_korean_name(m.group())]
