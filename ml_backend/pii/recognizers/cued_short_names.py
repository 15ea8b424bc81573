"""Short East Asian full names in lower case right after a relation or role: "my neighbour li na", "my coworker wu
lei", "my landlord zhou bo", "my classmate kim ji-woo", "my roommate tran an", "my tutor park min-ho".

:mod:`~ml_backend.pii.recognizers.lowercase_names` reads lower-case pairs from word lists; a short syllable that is
also an English word ("na", "lei", "an") or a family name that is one ("park", "ma") defeats it. After a cue that a
person's name follows (its ``_LOWER_CUE``: "my neighbour", "our new intern", "named", "his name is"; also with up
to two words before the role: "my korean tutor"), the next two
lower-case words are a name when:

- the first is a Chinese, Korean or Vietnamese family name (``romanized_surnames.txt`` and the short ones below:
  "ma", "kim", "park", "tran", "nguyen") and no English function word ("he", "an", "do");
- the second is one or two romanised syllables (pinyin shape: "na", "lei", "bo"; Korean: "ji-woo", "min-ho";
  Vietnamese given names: "an", "linh"), no English function word ("my friend ma is visiting", "my colleague in
  beijing"), and, when it is also an English word, not followed by a function word that makes it a verb ("my
  friend li ran the race": "ran" before "the").

A full name: PII, certain. Cheap pre-check: the text's words (:attr:`~ml_backend.pii.context.TextContext.words`)
hold a family name of the set (one set test) before the cue pattern runs.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("my neighbour li na parks here; my coworker wu said no", None, frozenset({"na", "said"}))
    >>> [ctx.text[c.start:c.end] for c in CuedShortNameRecognizer().find(ctx)]
    ['li na']
"""

from __future__ import annotations

import re
from functools import cache

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.lowercase_names import _LOWER_CUE, _PINYIN, _ROLES
from ml_backend.pii.recognizers.names import _STOP_WORDS
from ml_backend.pii.wordlists import romanized

NAME = PII_LABELS[0]
SCORE = 0.7

# short family names the romanised list lacks: Chinese (pinyin and Cantonese), Korean, Vietnamese
_MORE_FAMILY = frozenset(
    """ma lu du fu gu hu yu zhu su wu qi ji ke luo mo bi yi ye ge ni mu ou pan fan ren tan ng chan wong lam yip lau
    tse cheung leung chow kwok fung tsang kim lee park choi jung jeong kang cho yoon yun jang lim han seo shin kwon
    hwang ahn song hong yoo ko moon yang son bae baek heo nam noh ha kwak sung cha joo woo min ryu jeon nguyen tran
    le pham hoang huynh phan vu vo dang bui ho ngo duong ly dinh truong lam mai trinh cao""".split()
)
_VIET_GIVEN = frozenset(
    """an anh binh chau chi cuong dat duc dung giang ha hai hanh hien hieu hoa hoai hong hung huong huy khanh khoa
    lan linh loan long mai minh my nam nga ngan ngoc nhung phong phuc phuong quang quynh son tam thanh thao thu
    thuy tien trang trung tuan tung uyen van viet vinh xuan yen""".split()
)
_KOREAN_SYLLABLE = re.compile(
    r"^(?:kk|tt|pp|ss|jj|ch|sh|[bcdghjkmnprstwy])?"
    r"(?:yae|yeo|wae|ae|eo|eu|oe|ui|ya|ye|yo|yu|wa|we|wo|wi|oo|ee|a|e|i|o|u)"
    r"(?:ng|n|m|l|k|p|t|r)?$"
)
# words after which an English verb reading of the second word is likely: "li ran the race", "ma lin out"
_VERB_FOLLOWERS = _STOP_WORDS | frozenset("out up down away off back over home".split())
_WORD = re.compile(r"[a-z]++(?:-[a-z]++)?")
# "my chinese coworker", "our lovely new neighbour": a possessive, up to two words, a role
_ROLE_AFTER_ADJECTIVES = re.compile(r"(?i:\b(?:my|our|his|her|their)[ \t]+(?:[a-z\-]++[ \t]+){1,2}?(?:" + _ROLES
                                    + r"),?[ \t]+)")


@cache
def family_names() -> frozenset[str]:
    """Lower-case East Asian family names: ``romanized_surnames.txt`` and :data:`_MORE_FAMILY`, no function word."""
    return (romanized()[0] | _MORE_FAMILY) - _STOP_WORDS


def _given_ok(word: str) -> bool:
    if word in _VIET_GIVEN or word in romanized()[1]:
        return True
    parts = word.split("-")
    if len(parts) > 2:
        return False
    return all(len(p) <= 6 and (_PINYIN.match(p) or _KOREAN_SYLLABLE.match(p)) for p in parts)


class CuedShortNameRecognizer(GuidelineRecognizer):
    """``PERSON`` short lower-case East Asian full names after a person cue: ``Name``, certain."""

    ENTITIES = ["PERSON"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        family = family_names()
        if family.isdisjoint(ctx.words):
            return []
        out: list[Candidate] = []
        ends = sorted({m.end() for rx in (_LOWER_CUE, _ROLE_AFTER_ADJECTIVES) for m in rx.finditer(text)})
        for cue_end in ends:
            words = [m for _, m in zip(range(3), _WORD.finditer(text, cue_end))]
            if len(words) < 2 or words[0].start() != cue_end or text[words[0].end():words[1].start()] != " ":
                continue
            fa, fb = words[0].group(), words[1].group()
            if fa not in family or fa == fb or not _given_ok(fb):
                continue  # (a syllable said twice is a laugh: "my wife ha ha")
            nxt = words[2].group() if len(words) > 2 and text[words[1].end():words[2].start()] == " " else ""
            if fb in _STOP_WORDS and not (fb == "an" and fa in family and (nxt.endswith("ed") or not nxt)):
                continue  # "my colleague in beijing", "my friend ma is"; "my roommate tran an borrowed"
            if fb in ctx.common and nxt in _VERB_FOLLOWERS:
                continue  # "my friend li ran the race"
            out.append(Candidate(words[0].start(), words[1].end(), NAME, "PERSON", SCORE, True))
        return out
