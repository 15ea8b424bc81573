"""Name shapes and the guideline's decision on a name-shaped span (:func:`classify_name`), shared by the name
recognizers (``person_names.py``, ``lowercase_names.py``).

The guideline: a FULL name is always PII, even of famous or historical people (certain); a first name alone
usually not (``weak``: it counts only when the prompt holds other PII); a lone surname or an unknown single name
is PII, not certain; biblical full names are PII, not certain. Characters of Greek mythology, brands and pets are
decided in :mod:`ml_backend.pii.not_pii`.

A sentence-initial verb or greeting is never part of a name: "Call Jane Doe at ..." gives "Jane Doe"
(:func:`trim_name` strips a leading word that starts the sentence, is a common English word and is no given name).

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Email Jane Doe at noon", None, frozenset({"email"}))
    >>> c = classify_name(ctx, 0, 14, source="spacy")
    >>> ctx.text[c.start:c.end], c.certain
    ('Jane Doe', True)
"""

from __future__ import annotations

import re
from functools import cache
from typing import Sequence

from label_config.taxonomy import PII_LABELS
import ml_backend.pii.not_pii as not_pii
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.wordlists import (biblical_names, fictional_folded, first_names, placeholder_names, public_figures,
                                      public_surnames, surnames_folded)

NAME = PII_LABELS[0]

TITLES = (r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Madam|Mme|Mlle|Herrn|Herr|Frau|Sr|Sra|Srta|Monsieur|Mademoiselle|"
          r"Señora|Señorita|Señor|Senora|Senorita|Senor|Signora|Signorina|Signor|Senhora|Senhor|Mevrouw|Meneer)")
_TITLE_RE = re.compile(r"(?<![\w])" + TITLES + r"\.?$", re.IGNORECASE)
# honours placed before a given name ("Sir Elton", "Dame Judi"), not a surname
_GIVEN_NAME_TITLE = re.compile(r"(?<![\w])(?:Sir|Dame)[ \t]*+$")

# Words that, capitalized, end or spoil a "First Last" name guess: organisations, places, generic title words.
NOT_NAME_WORDS = frozenset(
    """
    Street St Avenue Ave Road Rd Boulevard Blvd Lane Drive Court Way Place Square Highway Park Parkway Bridge River
    Lake Mountain Mount Mountains Island Islands Valley Hill Hills Beach Bay City County State Republic Kingdom
    Creek Crossing Heights Estates Commons Landing Hollow Terrace
    University College School Institute Academy Hospital Clinic Center Centre Bank Group Inc Ltd Llc Corp Company
    Co Foundation Fund Trust Society Association Club Team Union Party Church Cathedral Museum Library Airport
    Station Hotel Restaurant Cafe Store Shop Mall Market Tower Hall House Palace Castle Studios Records Press Post
    Times News Journal Magazine Review Daily Weekly Tech Technologies Systems Software Solutions Services Labs
    Industries International Global Capital Partners Holdings Ventures Media Network Networks Airlines Motors
    Pharmaceuticals Energy Health Care Insurance Financial Consulting Agency Department Ministry Council Committee
    Court Police Army Navy Force Forces Orchestra Choir Band Ensemble Quartet Corporation Incorporated Limited
    Company Enterprises Manager Director President Officer Chief Executive Secretary Chairman Chairwoman
    Senator Governor Mayor Minister Chancellor Founder Cofounder Editor Producer Script Video Channel App Electric Electronics Dynamics Mills Foods Airways Brands Petroleum Oil Gas Steel
    Chemicals Automotive Instruments Semiconductor Semiconductors Communications Telecom Pharma Princess Royal Duchess Emperor Empress Pope Countess Majesty Highness Street Day Week Month Year Monday Tuesday Wednesday Thursday Friday Saturday
    Sunday January February March April June July August September October November December Christmas Easter
    Award Awards Prize Cup League Championship Series Festival Show Film Movie Album Song Book Edition Version
    Pro Max Plus Mini Ultra Air Edition Tips Guide Review Sale Summer Winter Spring Autumn Fall North South East
    West Northern Southern Eastern Western Central Upper Lower New Old Great Little Big Saint San Santa Los Las
    English French German Spanish Italian Chinese Japanese American British European African Asian Russian
    Christian Muslim Jewish Catholic Protestant Google Apple Microsoft Amazon Facebook Twitter Instagram Python
    Java Excel Word Windows Linux Android Covid Corona Please Thanks Thank Hello Dear Hi Yes No Note Subject Re Fwd The And Of
    Grammy Grammys Emmy Emmys Oscars Bafta Baftas Bros Brothers Sisters
    """.split()
)


_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÞĀ-ſ][a-zß-ÿĀ-ſ'’\-]+$|^[A-ZÀ-ÞĀ-ſ][a-zß-ÿĀ-ſ]*[A-ZÀ-ÞĀ-ſ][a-zß-ÿĀ-ſ'’\-]+$")
_INITIAL = re.compile(r"^[A-ZÀ-ÞĀ-ſ]\.?$")
_CAP_WORD = re.compile(r"[A-ZÀ-ÞĀ-ſ][^\W\d_]*+")
_NAME_CUE = re.compile(
    r"(?i:\b(?:(?:my|his|her|their|your|partner'?s|wife'?s|husband'?s|mother'?s|father'?s|son'?s|daughter'?s)\s+)?"
    r"(full |first |last |maiden |family |sur|given |middle )?name\??\s*(?:is|was|:|\?)[ \t]*|\b(?:called|named)[ \t]+)"
    r"((?:[A-ZÀ-ÞĀ-ſ][\w'’\-]*\.?)(?:[ \t]+(?:[A-ZÀ-ÞĀ-ſ][\w'’\-]*\.?)){0,3})"
)
_TITLE_NAME = re.compile(
    r"(?<![\w])(?i:" + TITLES + r")\.?[ \t]+((?:[A-ZÀ-ÞĀ-ſ][\w'’\-]*\.?)(?:[ \t]+(?:[A-ZÀ-ÞĀ-ſ][\w'’\-]*\.?)){0,2})"
)
_GROUP_CUE = re.compile(
    r"(?i:\b(?:the (?:rock |pop |punk |metal |indie |boy |girl |jazz )?(?:band|group|duo|trio|quartet|quintet)|"
    r"boy band|girl group)\s+)((?:The\s+)?[A-Z0-9][\w'’&\-]*(?:\s+[A-Z0-9][\w'’&\-]*){0,3})"
)
_SELF_INTRO = re.compile(r"(?i:\b(?:my name is|my name's|i'm|i am|call me|this is|it's|name:)\s*)$")
_SURNAME_CUE = re.compile(r"(?i:\b(?:last name|surname|family name|maiden name)\b[^.\n]{0,12})$")
# "<X> is a design agency", "<X>, an investment bank": X is an organisation (or a group), not a person.
_ORG_PREDICATE = re.compile(
    r"(?:'s)?(?:\s*+,\s*+|\s++(?:is|was|are|were|has been)\s++)(?:a|an|the|one of the)\s++(?:[\w\-]++\s++){0,5}?"
    r"(?i:company|agency|bank|firm|corporation|startup|start-up|business|brand|manufacturer|retailer|publisher|"
    r"label|studio|university|college|school|charity|foundation|orchestra|institute|nonprofit|non-profit|"
    r"conglomerate|enterprise|provider|group|organi[sz]ation|club|team|consultancy|producer|chain|store|"
    r"restaurant|hotel|airline|platform|app|website|service|fund|holding)s?\b"
)
_SPLIT_NAME = re.compile(r"[\s]+")
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
# "(?:b?w?a?h+a+)+" (nested quantifiers: exponential on "Haahaahaa...x") is written "b?w?a?(?:h++a++)++": the
# same words, one way to match each.
_INTERJECTION = re.compile(r"(?i)^(?:b?w?a?(?:h++a++)++h*+|h+m+|u+h+m*|o+h+|a+h+|wanna|gonna|gotta|lol|omg|wow|yay|ugh|"
                           r"haha\w*|hehe\w*|okay|ok|yeah|yep|nope|dude|bro)$|(\w)\1\1")
# function words that never appear inside a person's name ("van", "de", "bin" ... do, and are not listed)
_STOP_WORDS = frozenset(
    """a an the my your our their his her its this that these those per for of to in on at by with from and or but
    not no is are was were be been am do does did will would can could should may might must shall i me we us you
    he she it they them what which who whom whose when where why how all any some every each""".split()
)


# Sentence-initial words that are never the start of a name, even when they are given names somewhere
# ("Will", "Tell" ...): imperatives and greetings that open prompts.
_OPENERS = frozenset(
    """call email e-mail mail text message ask tell write contact invite thank thanks meet remind help send pay
    visit ping phone notify congratulate wish greet forward cc bcc dear hi hello hey please introduce reply
    respond answer draft inform warn let get show give""".split()
)


@cache
def _biblical_folded() -> frozenset[str]:
    return frozenset(n.casefold() for n in biblical_names())


_DETERMINERS = frozenset("my our your their".split())  # never a name before a capitalised word at a sentence's start


def trim_opener(ctx: TextContext, start: int, end: int) -> int:
    """The start of a name span without a sentence-initial verb or greeting ("Call Jane Doe" -> "Jane Doe"): a
    leading word that starts the sentence, is no given name, and is an opener, a function word or a common
    English word.

    >>> ctx = TextContext("Call Jane Doe at 5", None, frozenset({"call"}))
    >>> trim_opener(ctx, 0, 13)
    5
    """
    text = ctx.text
    m = re.match(r"([^\W\d_][\w'’\-]*+)[ \t]+(?=\S)", text[start:end])
    if m is None or not ctx.is_sentence_initial(start):
        return start
    word = m.group(1)
    low = word.casefold()
    if word not in first_names() and (low in _OPENERS or low in _STOP_WORDS or low in ctx.common):
        return start + m.end()
    if low in _STOP_WORDS and len(text[start + m.end():end].split()) >= 2:
        return start + m.end()  # round 17: "My Jack Daniel's": "My" is a given name somewhere, here a determiner
    if low in _DETERMINERS:
        return start + m.end()  # round 20: "My Kubernetes pods": a determiner before one word too
    return start


_LOCATIVE = re.compile(
    r"(?i:\b(?:in|near|around|across|throughout|visit|visiting|trip to|travel(?:l?ing)? to|moved to|flew to|"
    r"fly to|drive to|based in|born in|live in|lives in|living in)\s+)$"
)


_SUFFIXES = ("ies", "es", "s", "ed", "ing", "ers", "er", "ly", "ize", "ise", "ized", "ised", "izes", "ises")
_CAMEL_NAME = re.compile(r"^(?:Mc|Mac|O['’]|De|Di|Da|Du|Le|La|Van|Von|Fitz)[A-Z]")


def looks_like_a_word(word: str, common: frozenset[str]) -> bool:
    """True when a single capitalised word the NER took for a person looks like an ordinary word or a product
    rather than a surname: all capitals ("JSON"), inner capitals ("MyClass", "OpenAI"; not "McDonald"), a dot,
    an inflected common word ("Tales", "Creating"), or two common words run together ("Firefox", "Greatschools").
    Known given and family names never do. (It stands in for the part-of-speech tagger, which is not run.)

    >>> [looks_like_a_word(w, frozenset({"tale", "fire", "fox", "create"})) for w in ("Tales", "Firefox", "Creating", "Kowalczyk", "McDonald")]
    [True, True, True, False, False]
    """
    low = word.casefold()
    if word in first_names() or low in surnames_folded():
        return False
    if len(word) > 1 and word.isupper():
        return True
    if re.search(r"[a-z][A-Z]", word) and not _CAMEL_NAME.match(word) or "." in word:
        return True
    if low in common:
        return True
    for suf in _SUFFIXES:
        if low.endswith(suf) and len(low) - len(suf) >= 3:
            stem = low[: -len(suf)]
            if stem in common or stem + "e" in common or (suf == "ies" and stem + "y" in common):
                return True
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in common:
                return True  # "Shopping" -> "shop"
    return any(low[:i] in common and low[i:] in common for i in range(3, len(low) - 2))


def _name_words(value: str) -> list[str]:
    return [w for w in _SPLIT_NAME.split(value.strip()) if w and w not in {"-", "&"}]


# function words spaCy runs a name in capitals into ("PRIYANKA CHATTERJEE ABOUT THE TRIAL")
_CAPS_TAIL_WORDS = _STOP_WORDS | frozenset("about re regarding please".split())


def trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip whitespace, a possessive 's, trailing punctuation and leading titles off a name span."""
    value = text[start:end]
    lead = len(value) - len(value.lstrip())
    start += lead
    value = value.strip()
    end = start + len(value)
    if value.isupper():  # "MARCUS ABERNATHY'S", "PRIYANKA CHATTERJEE ABOUT": spaCy's span in capitals runs on
        words = value.split(" ")
        while len(words) > 2 and words[-1].casefold() in _CAPS_TAIL_WORDS:
            words.pop()
        if len(words) < len(value.split(" ")):
            value = " ".join(words)
            end = start + len(value)
    for suffix in ("'s", "’s", "'S", "’S", "'", "’"):
        if value.endswith(suffix):
            end -= len(suffix)
            value = value[: -len(suffix)]
            break
    while value and value[-1] in ",.;:!?)\"”":
        if value[-1] == "." and re.search(r"\b[A-Z]\.$", value):
            break
        end -= 1
        value = value[:-1]
    m = re.match(r"(?i:" + TITLES + r")\.?\s+", value)
    if m:
        start += m.end()
    return start, end


def classify_name(ctx: TextContext, start: int, end: int, *, source: str, score: float = 0.85) -> Candidate | None:
    """Turn a name-shaped span into a Name candidate per the guideline, or None when it is not PII.

    Full name (two or more name words) -> certain, except a surname with its particle alone ("Van Gogh": a lone
    surname, not certain); Greek/Roman mythology -> None; biblical full name -> not
    certain; one word after a title or a surname cue -> lone surname, not certain; one word on the first-name list
    (or after "my name is") -> weak (PII only when combinable); any other single word -> not certain.
    """
    text = ctx.text
    start, end = trim_name(text, start, end)
    if end <= start:
        return None
    start = trim_opener(ctx, start, end)
    value = text[start:end]
    words = _name_words(value)
    if not words or not all(_NAME_WORD.match(w) for w in words):
        return None  # digits, brackets, code
    if not any(ch.isupper() for ch in value):
        return None
    if value.isupper() and len(value) > 4 and len(words) == 1 and not (
        source == "cue" and value.casefold() in surnames_folded()
    ):
        return None  # an all-caps word ("HARSTAD"), unless a title names it ("DEAR MR PATEL")
    folded = value.casefold()
    core_words = [w.strip(".,'’") for w in words if not _INITIAL.match(w)]
    if not_pii.is_mythology(core_words):
        return None
    if folded in _biblical_folded():
        return Candidate(start, end, NAME, "PERSON", 0.6, False)
    if folded in fictional_folded() or (folded in placeholder_names() and _SAMPLE_DATA.search(
            text, ctx.sentence_start(start), ctx.sentence_end(end))):
        # round 15: "Sherlock Holmes": real or fictional?; round 17: "a placeholder name like Jane Doe"
        return Candidate(start, end, NAME, "PERSON", 0.7, False)
    public = folded in public_figures()
    if not public and any(w.strip(".,") in NOT_NAME_WORDS for w in core_words[1:]):
        return None  # "Crown St", "Williamson Orchestra", "Globex Corporation", "Princess Royal"
    if not public and _ORG_PREDICATE.match(text, end, end + 90):
        return None  # "Berkshire Hathaway is a design agency"
    if len(core_words) >= 2 and not public:
        fn = first_names()
        if any(w.casefold() in _STOP_WORDS for w in core_words[1:]) or (
            core_words[0] not in fn and core_words[0].casefold() in _STOP_WORDS
        ):
            return None  # "My Track", "Per My Disorder"
        if (source == "spacy" and core_words[0] not in fn and all(w.casefold() in ctx.common for w in core_words[1:])
                and not _accented_name(core_words, ctx.common)):
            return None  # "Youtube Script": no known given name and only common words after it
        if source == "spacy" and core_words[0] not in fn and not ctx.english:
            return None  # "Künstliche Intelligenz": capitalised nouns of a German sentence, no given name
    if len(core_words) == 2 and _particle_surname(core_words):
        return Candidate(start, end, NAME, "PERSON", 0.6, False, public=public)  # "Van Gogh": a lone surname
    if len(core_words) >= 2:
        return Candidate(start, end, NAME, "PERSON", score, True, public=public)
    if not core_words:
        return None
    word = core_words[0]
    before = text[max(0, start - 30):start]
    if public or (source == "spacy" and word.casefold() in public_surnames() and (
            word not in first_names() or _PUBLIC_CONTEXT.search(text, ctx.sentence_start(start), ctx.sentence_end(end)))):
        # round 12: "Churchill", "Thatcher" alone (the list writes "Winston Churchill"); not "Jackson", a given name;
        # round 17: a given name too ("Kennedy", "Roosevelt") in a sentence about politics or history
        return Candidate(start, end, NAME, "PERSON", 0.7, False, public=True)
    # "Dr. Nakamura": a title before a surname; "Sir Cedric", "Dame Rosalind": a given name, alone as any is
    titled = _TITLE_RE.search(before.rstrip()) and not (word in first_names() and _GIVEN_NAME_TITLE.search(before))
    if titled or _SURNAME_CUE.search(before):
        return Candidate(start, end, NAME, "PERSON", 0.6, False)
    if word in first_names() or _SELF_INTRO.search(before):
        return Candidate(start, end, NAME, "PERSON", 0.3, False, weak=True)
    if word.casefold() in _STOP_WORDS or word.casefold() in _OPENERS:
        return None  # "What", "Please": never a name
    if word in NOT_NAME_WORDS or (source == "spacy" and word.casefold() in ctx.common):
        return None  # a capitalized common word ("Discipline", "Salesperson") the small model took for a name
    if source == "spacy" and _LOCATIVE.search(before):
        return None  # "a weekend in Kraków": a place the small model took for a name
    if source == "spacy" and (_INTERJECTION.match(word) or not ctx.english or looks_like_a_word(word, ctx.common)):
        return None  # "Bwahahaha"; a German noun; "Tales", "Firefox", "JSON", "MyClass" (no tagger to ask)
    if source == "spacy" or source == "cue":
        return Candidate(start, end, NAME, "PERSON", 0.5, False)
    return None


# round 17: a sentence about sample or test data, where a placeholder name is no one in particular
_SAMPLE_DATA = re.compile(r"(?i:\b(?:placeholder|sample|dummy|example|fake|mock|test|template|fictitious|generic|"
                          r"made-up|invented|anonymous|anonymi[sz]ed)\b)")
# round 17: a sentence about politics or history, where a public figure's surname that is also a given name
# ("Was Kennedy's presidency a success?") is that figure
_PUBLIC_CONTEXT = re.compile(r"(?i:\b(?:president|presidency|presidential|prime[ \t]+minister|administration|"
                             r"war|wartime|leadership|speech|speeches|assassinat\w*|reign|empire|senator|"
                             r"chancellor|dictator|election|cabinet|policies|legacy|inaugura\w*|congress|parliament|"
                             r"revolution|treaty|civil[ \t]+rights)\b)")


def _accented_name(words: Sequence[str], common: frozenset[str]) -> bool:
    """Round 19: "Brené Brown", "Zoë Baker": an accented first word that is no English word ("café" is one), then a
    listed family name: a given name the lists lack, not "Youtube Script"."""
    first, last = words[0], words[-1]
    return (any(ord(ch) > 127 for ch in first) and first.casefold() not in common
            and last.casefold() in surnames_folded())


_PARTICLES = frozenset("van von de da di du del della le la ter ten dos das".split())
_LOWER_PARTICLES = frozenset("van von de der den da di du del della la le ter ten dos das".split())


def _particle_surname(words: Sequence[str]) -> bool:
    """"Van Gogh", "da Vinci", "De Gaulle": a surname with its particle and no given name (not "Van Morrison":
    a given name, then a listed surname)."""
    first, last = words
    if first.casefold() not in _PARTICLES:
        return False
    return not (first in first_names() and last.casefold() in surnames_folded())


def _looks_like_person_name(words: Sequence[str]) -> bool:
    """"First [M.] Last": a known given name, then capitalized name words, none of them an org/place word."""
    if not 2 <= len(words) <= 4:
        return False
    if words[0] not in first_names() or words[0] in NOT_NAME_WORDS:
        return False
    rest = [w for w in words[1:] if not _INITIAL.match(w) and w not in _LOWER_PARTICLES]
    if not rest or words[-1] in _LOWER_PARTICLES:
        return False
    return all(_NAME_TOKEN.match(w) and w not in NOT_NAME_WORDS for w in rest)


def _first_last_sequences(ctx: TextContext) -> list[tuple[int, int]]:
    """Character spans of "First [M.] Last" token sequences on one line: a Title-case token on the given-name
    list, then up to three name words or initials, ending on a name word ("Jana Vítková", "Shane M Culp")."""
    if ctx.doc is None:
        return []
    fn = first_names()
    if not any(w in fn for w in _CAP_WORD.findall(ctx.text)):
        return []  # no capitalised given name: no sequence can start (and the Doc need not be walked)
    tokens = list(ctx.doc)
    out = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if not (t.text in fn and t.is_title and t.text not in NOT_NAME_WORDS):
            i += 1
            continue
        words, last = [t.text], i  # ``last``: index of the last token of the last full name word
        j = i + 1
        while j < len(tokens) and len(words) < 4 and "\n" not in tokens[j - 1].whitespace_ and not tokens[j].is_space:
            w = tokens[j].text
            if w == "." and _INITIAL.match(words[-1]) and tokens[j - 1].whitespace_ == "":
                words[-1] += "."
            elif _INITIAL.match(w):
                words.append(w)
            elif _NAME_TOKEN.match(w) and w not in NOT_NAME_WORDS:
                words.append(w)
                last = j
            elif (w in _LOWER_PARTICLES and j + 1 < len(tokens) and "\n" not in tokens[j].whitespace_
                  and _NAME_TOKEN.match(tokens[j + 1].text) and tokens[j + 1].text not in NOT_NAME_WORDS):
                pass  # "Pieter de Vries", "Ludwig van Beethoven": the particle joins the name
            else:
                break
            j += 1
        while len(words) > 1 and _INITIAL.match(words[-1]):
            words.pop()  # never end on an initial
        if len(words) >= 2 and last > i and _looks_like_person_name(words):
            out.append((t.idx, tokens[last].idx + len(tokens[last].text)))
            i = last + 1
        else:
            i += 1
    return out


