"""Full names written in lower case or in capitals: "john smith from accounting", "LETTER TO ROBERT WILLIAMS".

spaCy's small English model and the "First Last" shape rule need capitalised words; this recognizer reads word
lists instead. A name is two (or three) words of the same case, joined by single spaces, optionally with a
surname particle between ("pieter van den berg", "maria de la cruz"):

- a given name (``first_names.txt``) then a family name (``surnames.txt``);
- an ordinary word that is still often a name (``name_like_words.txt``: "grace", "rose", "mark", "calhoun")
  counts as the given name before a family name that is not ordinary ("grace kim", "ROSE MARTIN"), or as the
  family name after a given name that is not ordinary ("david calhoun"; not a street word: "alexander street");
  two ordinary words never do
  ("will power", "grace period": ``ordinary_words.txt``), nor function words;
- one half may be a word on no list at all (an unlisted surname or given name: "priya raghunathan", "OLUSEGUN
  ADEYEMI") when the other half is a listed name word that is not ordinary, and the unlisted word is no English
  word (the spaCy model's WordNet tables, given as ``ctx.common``) nor a known lower-case word
  (``lowercase_words.txt``: slang, inflections). Without ``ctx.common`` this third form is not tried.

After a cue that a person's name follows ("his name is", "named", "called", "my tutor", "the contractor") the pair
needs less: one listed name word that is not ordinary and one more name-like word ("dwayne hollis": two given
names; "garrett lomax"), also in a sentence the English test doubts. After a given name, a Dutch, German or Arabic
particle ("van der", "de", "bin") makes the next word a family name whatever it is ("anneke de jong").
East Asian order, family name first: a romanised Chinese or Japanese family name then a romanised given name or
a pinyin-shaped word ("li wei", "zhang min", "tanaka akira"). In capitals, a listed family name that is also an
ordinary word counts after a given name that is not, at the end of the phrase ("PROPERTY OF MICHAEL BROWN,").
A listed public figure (``public_figures.txt``) is a name whatever its words ("elon musk", "marie curie").
Not right after a house number ("389 king alexander" is a street); a trailing possessive stays outside ("rosa
delgado's"). A full name is PII, certain. Only in English text (the lists of ordinary words are English).

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("can you email john smith from accounting? he has the will power", None)
    >>> [ctx.text[c.start:c.end] for c in LowercaseNameRecognizer().find(ctx)]
    ['john smith']
"""

from __future__ import annotations

import re
from functools import cache

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.names import _STOP_WORDS
from ml_backend.pii.wordlists import (first_names_folded, ordinary_words, public_figures, read_list, romanized,
                                      romanized_phrases, surnames_folded)

NAME = PII_LABELS[0]
SCORE = 0.7

_WORD = re.compile(r"[^\W\d_]++(?:['’\-][^\W\d_]++)*+")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
# surname particles, longest first: "van den", "de la", "bin"
_PARTICLES = ("van der", "van den", "van de", "von der", "de la", "de los", "de las", "van", "von", "de", "del",
              "della", "di", "da", "du", "le", "la", "ter", "ten", "bin", "ibn", "al", "el", "dos", "das")
_PARTICLE = re.compile(r"(?i:(?:" + "|".join(p.replace(" ", "[ ]") for p in _PARTICLES) + r"))[ ]")
_HOUSE_NUMBER = re.compile(r"\d[\w/\-]*+[ \t,]*+$")
# particles that are no English word: after a given name the next word is a family name ("anneke de jong")
_FOREIGN_PARTICLES = frozenset("van der|van den|van de|von der|van|von|de|ter|ten|bin|ibn".split("|"))
# a person's name follows: "his name is", "named", "called", "my tutor", "the contractor", "our new hire"
_ROLES = (r"mentor|tutor|teacher|contractor|plumber|electrician|mechanic|builder|landlord|landlady|tenant|"
          r"neighbou?r|colleague|co-?worker|boss|manager|supervisor|friend|roommate|flatmate|classmate|client|"
          r"customer|patient|doctor|dentist|nurse|lawyer|attorney|accountant|therapist|coach|student|intern|"
          r"employee|hire|recruiter|assistant|cousin|uncle|aunt|nephew|niece|babysitter|nanny|driver|professor|"
          r"candidate|applicant|fianc[eé]e?|husband|wife|partner|girlfriend|boyfriend|son|daughter|brother|sister")
_LOWER_CUE = re.compile(
    r"(?i:\b(?:name is|name's|name was|named|called|goes by|(?:my|our|his|her|their|the|a|new)[ \t]+"
    r"(?:new[ \t]+|old[ \t]+|former[ \t]+)?(?:" + _ROLES + r")(?:,)?)[ \t]+)"
)
# a pinyin syllable (no tones): initial + final; a Chinese given name is one or two
_LOWER_CUE_BEFORE = re.compile(_LOWER_CUE.pattern + "$")
_CUE_LAST_WORDS = frozenset(
    "is name's was named called by neighbor neighbour coworker co-worker fiance fiancé fiancee fiancée".split()
    + [w for w in _ROLES.split("|") if w.isalpha()]
)
_PINYIN = re.compile(
    r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|"
    r"an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u)){1,2}$"
)
_PHRASE_END = re.compile(r"\s*+(?:[,.;:!?)]|$)")


@cache
def name_like_words() -> frozenset[str]:
    """Ordinary words that are still often names (``data/name_like_words.txt``)."""
    return frozenset(read_list("name_like_words.txt"))


# the word before a person's name: "to li na", "tell wang fang", "ask zhou yu"
_PERSON_BEFORE = frozenset("to for with from tell ask remind email e-mail message text call invite thank thanks "
                           "cc meet contact ping and dear hi hello hey".split())


def east_asian_pair(fa: str, fb: str, common: frozenset[str], before: str = "") -> bool:
    """Family name first: "li wei", "zhang min", "tanaka akira"; not "li ran", "wang fun" (English words after a
    short family name), nor borrowed words ("tai chi", "xie xie") or a syllable said twice. A short pinyin
    syllable that is also an English word counts after a word that introduces a person ("write to li na").

    >>> east_asian_pair("li", "na", frozenset({"na"}), before="to"), east_asian_pair("tai", "chi", frozenset())
    (True, False)
    """
    family, given = romanized()
    if fa not in family or fb in _STOP_WORDS or fb in ordinary_words() or fa == fb:
        return False
    if f"{fa} {fb}" in romanized_phrases():
        return False
    if fb in given:
        return True
    if _PINYIN.match(fb) is None:
        return False
    return fb not in common or (len(fb) <= 3 and (len(fa) >= 4 or before in _PERSON_BEFORE))


def _cued_kind(word: str, given: frozenset[str], family: frozenset[str], common: frozenset[str]) -> str | None:
    if word in _STOP_WORDS:
        return None
    if (word in given or word in family) and word not in ordinary_words():
        return "strong"
    if word in name_like_words():
        return "weak"
    if len(word) >= 3 and word.isalpha() and common and not is_english_form(word, common):
        return "unlisted"
    return None


@cache
def lowercase_words() -> frozenset[str]:
    """Known lower-case words that are no WordNet lemma (``data/lowercase_words.txt``)."""
    return frozenset(read_list("lowercase_words.txt"))


def _same_case(word: str) -> str | None:
    if word.islower():
        return "lower"
    if word.isupper() and len(word) > 1:
        return "upper"
    return None


_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("er", ""),
             ("ers", ""), ("est", ""), ("ly", ""), ("ness", ""))


def is_english_form(word: str, common: frozenset[str]) -> bool:
    """``word`` is an English word or a regular inflection of one ("meats", "pages", "putts")."""
    if word in common or word in lowercase_words():
        return True
    return any(word.endswith(suf) and len(word) - len(suf) >= 3 and word[: len(word) - len(suf)] + rep in common
               for suf, rep in _SUFFIXES)


def _plural_of_common(word: str, common: frozenset[str]) -> bool:
    """"arts", "banks": after a name-like ordinary word ("martial arts") a plural noun is no surname."""
    return word.endswith("s") and len(word) > 3 and (word[:-1] in common or word[:-2] in common)


def _english_sentence(ctx: TextContext, start: int, end: int) -> bool:
    """Most other words of the sentence around ``start:end`` are English: an unlisted word is then a name, not
    a word of another language ("om de skal", "sine familier")."""
    s0, s1 = ctx.sentence_start(start), ctx.sentence_end(end)
    words = [m.group().casefold() for m in _WORD.finditer(ctx.text, max(s0, start - 200), min(s1, end + 200))
             if not (start <= m.start() < end)]
    if not words:
        return True
    known = sum(w in _STOP_WORDS or is_english_form(w, ctx.common) for w in words)
    return known >= 0.6 * len(words)


def word_kind(word: str, listed: frozenset[str], common: frozenset[str]) -> str | None:
    """``"strong"`` (listed, not ordinary), ``"weak"`` (ordinary but name-like), ``"unlisted"`` (on no list,
    no English word), or None."""
    if word in _STOP_WORDS:
        return None
    if "-" in word and word not in listed:
        # round 16: a double-barrelled name ("smith-jones", "okafor-mensah"): every part a strong name word
        parts = [word_kind(p, listed, common) for p in word.split("-")]
        return "strong" if len(parts) == 2 and all(k == "strong" for k in parts) else None
    if word in listed:
        if word not in ordinary_words():
            return "strong"
        return "weak" if word in name_like_words() else None
    if (common and len(word) >= 3 and word.isalpha() and not is_english_form(word, common)
            and word not in ordinary_words() and word not in first_names_folded() and word not in surnames_folded()):
        return "unlisted"
    return None


# name-like family words that are mostly street or place words after a given name ("alexander street")
_STREET_WORDS = frozenset("street st avenue ave road rd lane drive court place way park square close crescent terrace "
                          "row gardens".split())
_PLACE_WORDS = _STREET_WORDS | frozenset("hill grove garden green bridge hall house field fields wood woods lake view"
                                         .split())


def _pair_ok(first: str | None, last: str | None, family_word: str = "") -> bool:
    if first is None or last is None:
        return False
    if first == "strong":  # "john smith", "priya raghunathan", "david calhoun"; not "alexander street"
        return last in ("strong", "unlisted") or (last == "weak" and family_word not in _PLACE_WORDS)
    return last == "strong"  # a name-like or unlisted given name + a family name: "grace kim", "olusegun adeyemi"


def is_name_pair(first: str, last: str, common: frozenset[str]) -> bool:
    """``first last`` (case-folded words) reads as a given name and a family name: the word-kind test of the
    lower-case full-name rule, without its sentence checks (a plural after an ordinary word, an English sentence
    for an unlisted word), which need the text around the pair.

    >>> is_name_pair("tomas", "novak", frozenset({"read"})), is_name_pair("pandas", "read", frozenset({"read"}))
    (True, False)
    """
    return _pair_ok(word_kind(first, first_names_folded(), common), word_kind(last, surnames_folded(), common), last)


def _word_before(text: str, pos: int) -> str:
    """The lower-cased word just before ``pos`` ("" at the start)."""
    m = re.search(r"([\w\-]+)[ \t]+$", text[max(0, pos - 24):pos])
    return m.group(1).casefold() if m else ""


class LowercaseNameRecognizer(GuidelineRecognizer):
    """``PERSON`` full names in lower case or all capitals: ``Name``, certain."""

    ENTITIES = ["PERSON"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        text, common = ctx.text, ctx.common
        cue_ends: set[int] | None = None  # in English text a cue is looked for only where a pair needs one
        if not ctx.english:
            cue_ends = {m.end() for m in _LOWER_CUE.finditer(text)} if common else set()
            if not cue_ends:
                return []

        def is_cued(i: int) -> bool:
            pos = words[i].start()
            if cue_ends is not None:
                return pos in cue_ends
            if not common or i == 0 or words[i - 1].group().casefold() not in _CUE_LAST_WORDS:
                return False  # the cheap test first: the word before is no cue's last word
            return _LOWER_CUE_BEFORE.search(text, max(0, pos - 48), pos) is not None

        given, family = first_names_folded(), surnames_folded()
        romanized_family = romanized()[0]
        words = [m for m in _WORD.finditer(text) if _same_case(m.group())]
        out: list[Candidate] = []
        i = 0
        while i + 1 < len(words):
            a = words[i]
            fa = a.group().casefold()
            if cue_ends is not None and a.start() not in cue_ends:
                i += 1
                continue
            if fa in _STOP_WORDS or (fa not in given and fa not in family and not common):
                i += 1  # the cheap rejections first: most words start no name
                continue
            case = _same_case(a.group())
            j = i + 1
            gap = text[a.end():words[j].start()]
            if gap not in (" ", "\t"):
                i += 1
                continue
            # skip over a particle ("van den"): the family word is the first word after it
            p = _PARTICLE.match(text, a.end() + 1) if gap == " " and fa in given else None
            particle = ""
            if p is not None:
                k = j
                while k < len(words) and words[k].end() <= p.end():
                    k += 1
                if k < len(words) and words[k].start() == p.end() and all(
                        _same_case(words[x].group()) == case for x in range(j, k + 1)):
                    j = k
                    gap = " "
                    particle = p.group().strip().casefold()
            b = words[j]
            b_text = _POSSESSIVE.sub("", b.group())
            fb = b_text.casefold()
            if (particle in _FOREIGN_PARTICLES and fb not in _STOP_WORDS and len(fb) >= 2
                    and word_kind(fa, given, common) == "strong"):
                # "anneke de jong", "chloe van der meer"
                ok = fb in family or is_cued(i) or _english_sentence(ctx, a.start(), b.end())
            elif _same_case(b.group()) != case:
                ok = False
            elif f"{fa} {fb}" in romanized_phrases():
                ok = False
            elif fa not in given and fb not in family and f"{fa} {fb}" not in public_figures():
                # (the cheap test first: east_asian_pair needs a romanised family name)
                ok = (case == "lower" and fa in romanized_family
                      and east_asian_pair(fa, fb, common, _word_before(text, a.start())))
            else:
                ka, kb = word_kind(fa, given, common), word_kind(fb, family, common)
                ok = (
                    (_pair_ok(ka, kb, fb) or f"{fa} {fb}" in public_figures()
                     or east_asian_pair(fa, fb, common, _word_before(text, a.start()))
                     or (case == "upper" and ka == "strong" and fb in family and fb not in _STREET_WORDS
                         and _PHRASE_END.match(text, b.end()) is not None))
                    and not (ka == "weak" and _plural_of_common(fb, common))
                    and ("unlisted" not in (ka, kb) or _english_sentence(ctx, a.start(), b.end()))
                )
            if not ok and _same_case(b.group()) == case and is_cued(i):
                kinds = (_cued_kind(fa, given, family, common), _cued_kind(fb, given, family, common))
                ok = "strong" in kinds and None not in kinds
            ok = ok and not _HOUSE_NUMBER.search(text, max(0, a.start() - 12), a.start())
            if not ok:
                i += 1
                continue
            end = b.start() + len(b_text)
            if j + 1 < len(words) and b_text == b.group():
                c = words[j + 1]
                fc = _POSSESSIVE.sub("", c.group()).casefold()
                if (_same_case(c.group()) == case and text[b.end():c.start()] == " " and fc in family
                        and fc not in ordinary_words() and fc not in _STOP_WORDS):
                    end = c.start() + len(fc)
                    j += 1
            out.append(Candidate(a.start(), end, NAME, "PERSON", SCORE, True))
            i = j + 1
        return out
