"""Stage names built on a performer's prefix: "Lil Nas X", "DJ Khaled", "MC Hammer", "Young Thug", "Kid Cudi".
The guideline: stage names and pseudonyms count when they identify a person: PII, not certain (a stage name
alone may or may not be taken for the person).

"DJ", "MC", "Lil", "Yung" mark a stage name anywhere; "Young", "Big", "Kid", "Baby" only with a music word in
the text ("rapper", "album", "song" ...) and before a word that is no English word (``ctx.common``), so "Big
Ben", "Young Adult fiction", "Baby Shark" and the song "Big Three Killed My Baby" stay plain.

A performer named by their trade ("the rapper Stormzy", "the singer Rosalía", "the comedian Ali Wong"): the capitalised
words after it are a stage name or a name, PII (one word: not certain), unless they are an English word and no
listed name ("the rapper Future" is missed: a word).

One-word stage names that are ordinary words or common names ("Prince", "Seal", "Sting", "Pink":
``data/stage_names.txt``) count only capitalised, in a sentence about a performer's career (album, song, tour,
concert, band, "changed his name" ...) and not after an article or possessive ("a seal", "the Prince", "my
friend Adele"): PII,
not certain, public. A word that only starts the sentence ("Pink is my favourite colour") does not count.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Write a bio for the rapper Lil Nas X and a toast for Big Ben.", None)
    >>> [ctx.text[c.start:c.end] for c in StageNameRecognizer().find(ctx)]
    ['Lil Nas X']
"""

from __future__ import annotations

import re
from functools import cache

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.wordlists import first_names, stage_names, surnames_folded

NAME = PII_LABELS[0]
SCORE = 0.55

_STAGE = re.compile(
    r"(?<![\w])(DJ|MC|Lil'?|Yung|Young|Big|Kid|Baby)[ \t]++([A-Z][\w$'’\-]{0,20}+(?:[ \t][A-Z0-9][\w$'’\-]{0,20}+){0,2})"
)
_MUSIC = re.compile(r"(?i)\b(?:rapper|rap|singer|song|album|track|concert|tour|music|mixtape|artist|lyric|"
                    r"hip[ -]hop|grammy|grammie|billboard|verse|feat|ft)s?\b")
_TRADE_WORDS = ("rapper", "singer", "songwriter", "musician", "drummer", "guitarist", "bassist", "pianist",
                "violinist", "producer", "comedian", "comic", "youtuber", "streamer", "vlogger", "influencer",
                "tiktoker", "drag queen", "painter", "sculptor", "photographer", "poet", "novelist", "playwright",
                "actor", "actress", "footballer", "boxer", "wrestler", "chef", "dancer", "magician")
_TRADE = re.compile(
    r"(?i:\b(?:" + "|".join(_TRADE_WORDS) + r"))"
    r"[ \t]++([A-Z][\w$'’\-]{1,20}+(?:[ \t][A-Z][\w$'’\-]{1,20}+){0,2})"
)
_POSSESSIVE = re.compile(r"['’]s?$")
_ALWAYS = frozenset({"DJ", "MC", "Lil", "Lil'", "Yung"})
# "Big Ben", "Big Mac", "Baby Shark": things, whatever the text says
_NOT_STAGE = frozenset({"Ben", "Mac", "Apple", "Bang", "Brother", "Shark", "Boomers", "Adult", "Money", "Data", "Tech"})


_CAREER = re.compile(r"(?i)\b(?:albums?|songs?|singles?|tours?|touring|concerts?|music(?:al)?|bands?|lyrics|"
                     r"records?|recorded|recording|career|solo|hits?|charts?|grammys?|discography|debut|gigs?|"
                     r"mixtapes?|sang|sings?|singing|performs?|performed|performances?|stage name|"
                     r"changed (?:his|her|their) name|rapper|singer|musician|dj|fans|setlist|duets?|ep|lp|"
                     r"billboard|eurovision|hip[ -]hop|r&b|pop star|popstar|rock star)\b")
_ARTICLE_BEFORE = re.compile(r"(?i:\b(?:a|an|the|this|that|every|each|one|some|(?:my|your|his|her|our|their)"
                             r"(?:[ \t]+[a-z\-]+)?))[ \t]+$")  # "a Seal", "my friend Adele": no stage name


@cache
def _one_word_stage_names() -> re.Pattern[str]:
    names = sorted(stage_names(), key=len, reverse=True)
    return re.compile(r"(?<![\w'’\-])(?:" + "|".join(re.escape(n) for n in names) + r")(?=['’]s\b|(?![\w'’\-]))")


def _career_stage_names(ctx: TextContext) -> list[Candidate]:
    """One-word stage names in a sentence about a performer's career (see the module docstring)."""
    text = ctx.text
    out: list[Candidate] = []
    career: dict[tuple[int, int], bool] = {}  # a career word in the sentence? (one scan a sentence, not a name)
    for m in _one_word_stage_names().finditer(text):
        nxt = re.match(r"[ \t]+([A-Z])", text[m.end():m.end() + 3])
        if nxt is not None or _ARTICLE_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # "Pink Floyd", "Common Lisp": part of a longer name; "a Seal", "the Prince"
        if ctx.is_sentence_initial(m.start()) and m.group().casefold() in ctx.common:
            continue  # "Pink is my favourite colour": a capital that only starts the sentence
        s0, s1 = ctx.sentence_start(m.start()), ctx.sentence_end(m.end())
        if (s0, s1) not in career:
            career[s0, s1] = _CAREER.search(text, s0, s1) is not None
        if career[s0, s1]:
            out.append(Candidate(m.start(), m.end(), NAME, "PERSON", SCORE, False, public=True))
    return out


class StageNameRecognizer(GuidelineRecognizer):
    """``PERSON`` stage names: ``Name``, not certain."""

    ENTITIES = ["PERSON"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        music: bool | None = None
        out: list[Candidate] = []
        for m in _STAGE.finditer(text):
            prefix, rest = m.group(1), m.group(2)
            if rest.split()[0] in _NOT_STAGE:
                continue
            if prefix not in _ALWAYS:
                if rest.split()[0].casefold() in ctx.common:
                    continue  # "Big Three Killed My Baby": a title of English words
                if music is None:
                    music = _MUSIC.search(text) is not None
                if not music:
                    continue
            # round 17: "DJ Mbaye's set": the name without its possessive
            end = m.start(2) + len(_POSSESSIVE.sub("", rest))
            out.append(Candidate(m.start(), end, NAME, "PERSON", SCORE, False))
        out.extend(_career_stage_names(ctx))
        stage = [(c.start, c.end) for c in out]
        low = text.lower()
        if not any(t in low for t in _TRADE_WORDS):
            return out  # the cheap test first: no trade word anywhere
        for m in _TRADE.finditer(text):
            if any(s <= m.start(1) < e for s, e in stage):
                continue  # "the rapper Lil Nas X": the stage name is already found whole
            words = m.group(1).split()
            first = _POSSESSIVE.sub("", words[0])
            low = first.casefold()
            if low in ctx.common and first not in first_names() and low not in surnames_folded():
                continue  # "the singer I like", "the painter Turner" is kept: a listed surname
            end = m.start(1) + len(_POSSESSIVE.sub("", m.group(1)))
            certain = len(words) >= 2 and first in first_names()
            out.append(Candidate(m.start(1), end, NAME, "PERSON", SCORE, certain))
        return out
