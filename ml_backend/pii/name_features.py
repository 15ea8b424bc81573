"""Tokens and sparse features of the learned person-name detector (shared by its build script and its recognizer).

A text is cut into tokens by one regex (words with inner apostrophes, a possessive ``'s``, digits, single
punctuation marks); no spaCy call, so training and run time see the same tokens and a recognizer test needs no Doc.
Only *candidate* tokens are scored (:func:`is_candidate`): words of two letters or more that are no function word
and no common English word or inflection of one (unless a name list holds them and they are capitalised), and
surname particles. Each candidate gets a list of
string features (the word, its case and shape, affixes, name-list membership, the two words either side and their
case, the text's case); the model is a weight per feature string.

    >>> toks = tokenize("Ask SGT. Derek Holloway's team")
    >>> [t[2] for t in toks]
    ['Ask', 'SGT', '.', 'Derek', 'Holloway', "'s", 'team']
    >>> lex = Lexicon(frozenset({"derek"}), frozenset({"holloway"}), frozenset({"ask", "team"}))
    >>> [toks[i][2] for i in candidates(toks, lex)]
    ['SGT', 'Derek', 'Holloway']
    >>> "l=g" in features(toks, 3, lex, "M")
    True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS as _SPACY_STOP_WORDS

# a word (inner apostrophes kept: "O'Brien", "don't"; not a possessive), a possessive, a number, one other mark
TOKEN = re.compile(r"[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+)*|['’][sS]\b|\d+|[^\w\s]")
# words inside a name that join its parts: "van der", "de la", "bin", "al"
PARTICLES = frozenset("van der den de la del della di da du le von ter ten bin ibn al el dos das y".split())
# function words (no name): the engine's stop words plus a few more
FUNCTION_WORDS = frozenset(_SPACY_STOP_WORDS) | frozenset(
    """a an the my your our their his her its this that these those per for of to in on at by with from and or but
    not no is are was were be been am do does did will would can could should may might must shall i me we us you
    he she it they them what which who whom whose when where why how all any some every each if so as than then
    there here also just very too about into over after before up down out off again once""".split()
)
_SENT_END = frozenset(".!?:;\n\"“”()[]*•")
_CONTRACTION = re.compile(r"['’](?:m|ve|d|ll|re|t)$")
# regular inflections of a common word ("regards", "emailed", "meetings"): no candidate
_INFLECTIONS = (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("ly", ""))
_DIACRITIC = re.compile(r"[^\x00-\x7f]")

# one token: (start, end, text)
Token = tuple[int, int, str]


@dataclass(frozen=True)
class Lexicon:
    """The word lists the features read: given names, family names, common English words (all lower-cased)."""

    given: frozenset[str]
    family: frozenset[str]
    common: frozenset[str]


def tokenize(text: str) -> list[Token]:
    """``(start, end, text)`` of every token (see the module docstring)."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def case_of(word: str) -> str:
    """``T`` Title, ``L`` lower, ``U`` UPPER (two letters or more), ``M`` anything else.

    >>> [case_of(w) for w in ("Derek", "derek", "DEREK", "McDonald", "A")]
    ['T', 'L', 'U', 'M', 'T']
    """
    if word.islower():
        return "L"
    if word.isupper():
        return "U" if len(word) > 1 else "T"
    if word[:1].isupper() and word[1:].islower():
        return "T"
    return "M"


@cache
def shape(word: str) -> str:
    """The word's letters as X / x / d / other, runs collapsed: ``O'Brien`` -> ``X'Xx``."""
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def text_case(text: str) -> str:
    """The text's own case: ``L`` (no capital letter), ``U`` (no small letter), ``M`` (mixed)."""
    has_upper = any(ch.isupper() for ch in text)
    has_lower = any(ch.islower() for ch in text)
    return "L" if not has_upper else "U" if not has_lower else "M"


def is_candidate(word: str, lex: Lexicon) -> bool:
    """Can ``word`` be (part of) a name? See the module docstring."""
    if not word[:1].isalpha() or len(word) < 2:
        return False
    low = word.casefold()
    if low in PARTICLES:
        return True
    if low in FUNCTION_WORDS:
        return False
    if _CONTRACTION.search(low):
        return False  # "i'm", "you're", "didn't"
    english = low in lex.common or any(low.endswith(suf) and low[: len(low) - len(suf)] + rep in lex.common
                                       for suf, rep in _INFLECTIONS)
    if word.islower():
        return not english  # in lower case an English word is the word ("lane", "hoes"), even if a name list has it
    return not english or low in lex.given or low in lex.family


def candidates(tokens: list[Token], lex: Lexicon) -> list[int]:
    """The indices of the candidate tokens (:func:`is_candidate`)."""
    return [i for i, t in enumerate(tokens) if is_candidate(t[2], lex)]


def _lists(low: str, lex: Lexicon) -> str:
    """A short code of the lists ``low`` is on: ``g`` given, ``f`` family, ``c`` common, ``s`` function word."""
    return ("g" if low in lex.given else "") + ("f" if low in lex.family else "") + (
        "c" if low in lex.common else "") + ("s" if low in FUNCTION_WORDS else "")


def _near(tokens: list[Token], j: int, lex: Lexicon, tag: str) -> list[str]:
    if j < 0:
        return [f"{tag}:BOS"]
    if j >= len(tokens):
        return [f"{tag}:EOS"]
    word = tokens[j][2]
    low = word.casefold()
    if not word[:1].isalpha():
        return [f"{tag}w={low}"]
    return [f"{tag}w={low}", f"{tag}c={case_of(word)}", f"{tag}l={_lists(low, lex)}",
            f"{tag}cl={case_of(word)}{_lists(low, lex)}"]


def features(tokens: list[Token], i: int, lex: Lexicon, tcase: str) -> list[str]:
    """The feature strings of token ``i`` (``tcase``: :func:`text_case` of the text)."""
    start, _, word = tokens[i]
    low = word.casefold()
    cs = case_of(word)
    lists = _lists(low, lex)
    prev = tokens[i - 1][2] if i > 0 else "\n"
    gap_before = i > 0 and tokens[i - 1][1] < start
    initial = i == 0 or (prev in _SENT_END and (prev != "." or gap_before))
    out = ["b", f"w={low}", f"c={cs}", f"sh={shape(word)}", f"p3={low[:3]}", f"s2={low[-2:]}", f"s3={low[-3:]}",
           f"s4={low[-4:]}", f"len={min(len(low), 12)}", f"l={lists}", f"cl={cs}{lists}", f"tc={tcase}{cs}",
           f"tcl={tcase}{cs}{lists}", f"ini={int(initial)}{cs}"]
    if _DIACRITIC.search(word):
        out.append("dia")
    if low in PARTICLES:
        out.append("part")
    out += _near(tokens, i - 1, lex, "-1")
    out += _near(tokens, i + 1, lex, "+1")
    out += _near(tokens, i - 2, lex, "-2")
    out += _near(tokens, i + 2, lex, "+2")
    if i > 0 and tokens[i - 1][2] == "-" and not gap_before:
        out += ["hyph-", f"hyph-{cs}{lists}"]
    if i + 1 < len(tokens) and tokens[i + 1][2] == "-" and tokens[i + 1][0] == tokens[i][1]:
        out.append("hyph+")
    return out


def fold(text: str) -> str:
    """``text`` without diacritics ("Wiśniewski" -> "Wisniewski"): the build script's ASCII variants."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
