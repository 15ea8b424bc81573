"""Small groups named as an act: "the Jackson 5", "the Carter Family", "the Kowalski Trio", "the Staple Singers", a
band named after a family ("which album made the Carpenters famous?"). The guideline: a small group can be PII;
in between -> PII, not certain.

- "the <Name> <act>": a capitalised name, then a number up to ten ("5", "Five") or an act word (Trio, Quartet,
  Quintet, Sextet, Twins, Cousins, Boys, Girls, Kids, Family; Sisters, Brothers, Singers). Before a number or an
  act word the name must be a family name (listed, or a word that is no English word nor the plural of one: "the
  Hernandez Five", "the Kowalski Trio", "the Carter Family"; not "the Fantastic Four", "the Big Three", "the
  Galactic Girls", "the Proud Family"; before a number no plural: "The Sims 3"; no count after the number: "the
  Pirates 2 years ago"); before Sisters, Brothers and Singers any name but an organisation, calendar or title word
  ("the Staple Singers"; as :mod:`~ml_backend.pii.recognizers.groups` reads "the Pointer Sisters"); never a word
  that is mostly an ordinary word ("the Rose Family" of plants). Nothing of an organisation may follow ("the Smith
  Family Foundation" is a charity).
- "the <Surname>s" in a sentence about music (album, song, band, concert, sang ...), where the surname is also an
  English word (:mod:`~ml_backend.pii.recognizers.families` takes the others): "the Carpenters", "the Judds".

Cheap pre-check: the text's words (:attr:`~ml_backend.pii.context.TextContext.words`) hold "the" and an act
word, a number up to ten or a music word (set tests) before any pattern runs.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Who sang in the Jackson 5? Not the Fantastic Four.", None, frozenset({"fantastic"}))
    >>> [ctx.text[c.start:c.end] for c in FamilyActRecognizer().find(ctx)]
    ['Jackson 5']
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.names import NOT_NAME_WORDS
from ml_backend.pii.wordlists import bands, ordinary_words, surnames_folded

NAME = PII_LABELS[0]
SCORE = 0.5

_NAME_WORD = r"[A-ZÀ-ÞĀ-ſ][a-zß-ÿĀ-ſ'’\-]{1,24}+"
_NUMBER = r"(?:[2-9]|10|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)"
# a family's own act words (any name but a title or organisation word: "the Staple Singers"), and the generic ones
# (a family name needed, as before a number: "the Kowalski Trio", not "the Galactic Girls")
_KIN_ACT = r"(?:Sisters|Brothers|Singers)"
_ACT = r"(?:Trio|Quartet|Quintet|Sextet|Twins|Cousins|Boys|Girls|Kids|Family)"
# a count of something, no act: "signed with the Pirates 2 years ago"
_UNITS = (r"years?|days?|weeks?|months?|hours?|minutes?|times?|points?|games?|goals?|runs?|wins?|losses?|seasons?|"
          r"percent|per|of|million|billion|thousand|hundred|dozen|inches|feet|miles|km|kg|lbs?|dollars|euros|pounds")
_THE_ACT = re.compile(
    r"(?<![\w])(?i:the)[ \t]++((?:(?:Von|Van|De|Di|Da|Mc|Le)[ \t]++)?(" + _NAME_WORD + r")[ \t]++(?:(" + _NUMBER
    + r")(?![ \t]++(?:" + _UNITS + r")\b)|" + _KIN_ACT + r"|(" + _ACT + r")))(?![\w'’\-])"
)
_ORG_AFTER = re.compile(r"[ \t]++(?:[A-Z][\w'’\-]*+[ \t]++){0,2}?(" + _NAME_WORD + r")")
_PLURAL = re.compile(r"(?<![\w])(?i:the)[ \t]++([A-ZÀ-ÞĀ-ſ][a-zß-ÿĀ-ſ'’\-]{1,24}?)(s)(?![\w'’\-])"
                     r"(?![ \t]++[A-Z])")
_MUSIC = re.compile(r"(?i)\b(?:albums?|songs?|singles?|bands?|concerts?|tours?|sang|sing|sings|singing|hits?|records?|"
                    r"lyrics|music|musicians?|duo|trio|gigs?|playlists?|harmon(?:y|ies|ise|ize)|perform(?:ed|s|ing)?|"
                    r"chart|charts|billboard|grammys?|vocals?|discography)\b")


# the pre-check: one set test on the text's words for an act word or number, or a music word
_ACT_WORDS = frozenset("2 3 4 5 6 7 8 9 10 two three four five six seven eight nine ten trio quartet quintet sextet "
                       "twins cousins boys girls kids family singers sisters brothers".split())
_MUSIC_WORDS = frozenset(
    """album albums song songs single singles band bands concert concerts tour tours sang sing sings singing hit hits
    record records lyrics music musician musicians duo trio gig gigs playlist playlists harmony harmonies harmonise
    harmonize perform performed performs performing chart charts billboard grammy grammys vocals discography""".split()
)


def _family_word(word: str, common: frozenset[str], number: bool = False) -> bool:
    """A listed family name, or a word that is no English word ("Kowalski", "Hernandez"); no plural of one
    ("Pirates"); before a number, no plural at all ("The Sims 3" is a game, "the Jackson 5" an act)."""
    low = word.casefold()
    if low in ordinary_words() or word in NOT_NAME_WORDS:
        return False
    if low.endswith("s") and (number or low[:-1] in common):
        return False
    return low in surnames_folded() or (bool(common) and low not in common)


class FamilyActRecognizer(GuidelineRecognizer):
    """``GROUP`` acts named after a family: ``Name``, not certain."""

    ENTITIES = ["GROUP"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        words = ctx.words
        if "the" not in words or (_ACT_WORDS.isdisjoint(words) and _MUSIC_WORDS.isdisjoint(words)):
            return []
        out: list[Candidate] = []
        band_names = set(bands())
        for m in _THE_ACT.finditer(text):
            word, number = m.group(2), m.group(3)
            if word in NOT_NAME_WORDS or word.casefold() in ordinary_words():
                continue  # "the Big Three", "the Royal Family", "the Rose Family"
            if (number is not None or m.group(4) is not None) and not _family_word(word, ctx.common,
                                                                                     number is not None):
                continue  # "the Fantastic Four", "the Final Four", "the Galactic Girls": no family name
            after = _ORG_AFTER.match(text, m.end())
            if after is not None and after.group(1) in NOT_NAME_WORDS:
                continue  # "the Smith Family Foundation"
            out.append(Candidate(m.start(1), m.end(1), NAME, "GROUP", SCORE, False))
        if _MUSIC.search(text):
            for m in _PLURAL.finditer(text):
                base, whole = m.group(1), m.group(1) + m.group(2)
                low = base.casefold()
                if ((low in ctx.common and low in surnames_folded() and base not in NOT_NAME_WORDS)
                        or f"The {whole}" in band_names):  # the band list wants "The": "made the Carpenters famous"
                    out.append(Candidate(m.start(1), m.end(2), NAME, "GROUP", SCORE, False))
        return out
