"""First names made identifying by details the prompt gives of the person (the guideline: a first name alone is
usually not PII "unless combinable with other information": PII, not certain). Two forms:

- **a relation's first name and a named employer**: after a relation or role cue
  (:data:`~ml_backend.pii.recognizers.person_slots.RELATIONS`: "my coworker", "my colleague", "my boss"), a given
  name in any case, hyphenated or not, every part a listed given name ("mary-kate", "jean-luc", "Anne-Marie"),
  and in the rest of the sentence a named organisation after "at", "for", "from", "with", "leaving", "joined"
  ("at Deloitte", "leaving Accenture", "at the Marriott"): "my coworker mary-kate who sits next to me at Deloitte";
- **a first name (or two joined by "and") and two kinds of detail**: a capitalised listed given name, and after it
  in the same sentence two of: a named organisation, school or team ("at Stanford", "at the University of Lagos",
  "for the Riverside Hawks", "of the Lakeside Lions"; after "of" only with "the": not "a group of NA"), a year ("in 2014", "back in 2010", "class of 2019"), a
  town ("in Maplewood"): "Priya and Rahul, who met at Stanford in 2014", "Jake, the goalie for the Riverside Hawks
  in Maplewood".

Not a function word or mostly ordinary word that is a given name somewhere ("My", "Will"), a name that is part of a longer capitalised name, a known place spaCy found ("Jordan", "Paris"), a story's character
after "named" / "called", nor a first name with one detail only ("Jack and Jill went up the hill in 1765", "Jake,
a goalie who dreams of going pro"). A capitalised word after the preposition is an organisation when it is no
month, weekday or given name alone, and either several words, capitals, a word no dictionary knows or any word after
"at"; a town is a word no dictionary knows or a place spaCy found ("in Python" is neither), or (round 15) a given
name after "in" that ends a clause ("in Dayton.", "in Austin, where").

Cheap pre-check: the text's words (:attr:`~ml_backend.pii.context.TextContext.words`) hold "at", "for", "from",
"with", "of", "on", "in", "leaving" or "joined" (one set test), then one regex search finds a capitalised word
after one of them.

    >>> from ml_backend.pii.context import TextContext
    >>> text = "my coworker mary-kate at Deloitte hums. Write a toast for Priya and Rahul, who met at Stanford in 2014."
    >>> ctx = TextContext(text, None, frozenset({"hum", "write", "toast", "meet"}))
    >>> [(text[c.start:c.end], c.certain) for c in CombinableFirstNameRecognizer().find(ctx)]
    [('mary-kate', False), ('Priya', False), ('Rahul', False)]
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.lowercase_names import is_english_form
from ml_backend.pii.recognizers.names import _STOP_WORDS, NOT_NAME_WORDS
from ml_backend.pii.recognizers.person_slots import _CUE, _CUE_WORDS
from ml_backend.pii.wordlists import first_names, first_names_folded, ordinary_words

NAME = PII_LABELS[0]
SCORE = 0.5

_CALENDAR = frozenset("""Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
July August September October November December Christmas Easter Halloween Thanksgiving Noon Midnight""".split())
_CAP = r"(?:[A-Z][\w&'’.\-]*+|[A-Z]{2,})"
_ORG = re.compile(r"\b(?:(?:at|for|from|with|on|leaving|left|joined|joining)[ \t]++(?:the[ \t]++)?|of[ \t]++the[ \t]++)(" + _CAP
                  + r"(?:[ \t]++(?:of[ \t]++)?" + _CAP + r"){0,3})")
_YEAR = re.compile(r"\b(?:in|since|of|from|back[ \t]+in|around|circa|by)[ \t]++(?:the[ \t]+(?:fall|spring|summer|"
                   r"autumn|winter)[ \t]+of[ \t]+)?(?:19|20)\d\d\b")
_TOWN = re.compile(r"\bin[ \t]++(" + _CAP + r"(?:[ \t]++" + _CAP + r")?)")
# (round 15: accented letters too: "Lucía", "Inês")
_NAME = re.compile(r"(?<![\w'’\-])[A-ZÀ-Þ][a-zß-ÿ]++(?:-[A-ZÀ-Þ][a-zß-ÿ]++)?(?![\w'’\-])")
_PAIR_OR_ONE = re.compile(r"[ \t]++(?:and|&)[ \t]++([A-Z][a-z]++)(?![\w'’\-])")
_SLOT_NAME = re.compile(r"([A-Za-z][a-z]++(?:-[A-Za-z][a-z]++)?)(?![\w'’\-])")
_WHO = re.compile(r",?[ \t]++who\b")
_STORY_BEFORE = re.compile(r"(?i:\b(?:named|called|nicknamed)[ \t]+)$")
_LINK_WORDS = frozenset("at for from with of on in leaving left joined joining".split())
_PRECHECK = re.compile(r"\b(?:at|for|from|with|of|on|in|leaving|left|joined|joining)[ \t]++(?:the[ \t]++)?[A-Z]")


def _org_ok(ctx: TextContext, m: re.Match[str]) -> bool:
    """The capitalised phrase after the preposition names an organisation, school or team: several words or
    capitals ("Riverside Hawks", "IIT", "Boston College"), or one word no dictionary knows ("Deloitte"), or one
    after "at" ("at Stanford"); no month or weekday, no given name alone ("a toast for Ben and Chloe")."""
    words = m.group(1).split()
    if words[0] in _CALENDAR:
        return False
    if len(words) > 1:
        return words[0] not in first_names() or any(w in NOT_NAME_WORDS for w in words[1:])
    word = words[0].rstrip(".")
    if word in NOT_NAME_WORDS or (word in first_names() and not m.group().startswith(("at", "from"))):
        return False  # (a given name "for Ben", "with Chloe"; "at Stanford" is a place)
    if word.isupper() and len(word) > 1:
        return True
    return m.group().startswith(("at", "leaving", "left", "joined", "joining")) or not (
        ctx.common and is_english_form(word.casefold(), ctx.common)) and bool(ctx.common)


def _orgs(ctx: TextContext, start: int, end: int) -> list[re.Match[str]]:
    return [m for m in _ORG.finditer(ctx.text, start, end) if _org_ok(ctx, m)]


_CLAUSE_END = re.compile(r"[ \t]*+(?:[.,;:!?)]|$)")


def _towns(ctx: TextContext, start: int, end: int) -> bool:
    """"in Maplewood": a capitalised word no dictionary knows, or a place spaCy found, after "in"."""
    for t in _TOWN.finditer(ctx.text, start, end):
        word = t.group(1).split()[0].rstrip(".")
        if word in _CALENDAR or word in NOT_NAME_WORDS:
            continue
        if word in first_names():
            if ctx.ents_overlapping(t.start(1), t.end(1), ("GPE", "LOC")) or _CLAUSE_END.match(
                    ctx.text, t.start(1) + len(word)):
                return True  # round 15: "in Dayton.", "in Austin, where": a town that is also a given name
            continue
        if (ctx.common and not is_english_form(word.casefold(), ctx.common)) or ctx.ents_overlapping(
                t.start(1), t.end(1), ("GPE", "LOC")):
            return True
    return False


def _given(word: str) -> bool:
    """Every hyphen part of ``word`` is a listed given name ("mary-kate", "Anne-Marie", "Priya")."""
    return all(p.casefold() in first_names_folded() for p in word.split("-"))


class CombinableFirstNameRecognizer(GuidelineRecognizer):
    """``PERSON`` first names with an employer (after a relation cue) or two kinds of detail: ``Name``, not certain."""

    ENTITIES = ["PERSON"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        if _LINK_WORDS.isdisjoint(ctx.words):
            return []
        text = ctx.text
        if _PRECHECK.search(text) is None:
            return []
        out: list[Candidate] = []
        seen: set[int] = set()

        def add(s: int, e: int) -> None:
            if s not in seen:
                seen.add(s)
                out.append(Candidate(s, e, NAME, "PERSON", SCORE, False))

        if not _CUE_WORDS.isdisjoint(ctx.words):
            for cue in _CUE.finditer(text):
                m = _SLOT_NAME.match(text, cue.end())
                if m is None or not _given(m.group(1)) or re.match(r"[ \t]+[A-Za-z][a-z]", text[m.end():m.end() + 3]) \
                        and _NAME.match(text, m.end() + 1) is not None:
                    continue  # no given name, or a full name (the name recognizers' case)
                if _orgs(ctx, m.end(), ctx.sentence_end(m.end())):
                    add(m.start(1), m.end(1))
        if _YEAR.search(text) is None and _TOWN.search(text) is None:
            return out  # two kinds of detail need a year or a town
        for m in _NAME.finditer(text):
            word = m.group()
            if word not in first_names() and not ("-" in word and _given(word)):
                continue
            if word.casefold() in _STOP_WORDS or word.casefold() in ordinary_words():
                continue  # "My wife had to ...": a function word that is a given name somewhere
            if _STORY_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue
            prev = re.search(r"([A-Z][a-z]+)[ \t]$", text[max(0, m.start() - 20):m.start()])
            if re.match(r"[ \t]+[A-Z][a-z]", text[m.end():m.end() + 3]) or (
                    prev is not None and not ctx.is_sentence_initial(m.start() - len(prev.group()))):
                continue  # part of a longer capitalised name
            if (word.casefold() in ctx.common and ctx.ents_overlapping(m.start(), m.end(), ("GPE", "LOC", "FAC"))
                    and not _WHO.match(text, m.end())):
                continue  # "Jordan", "Paris": a known place spaCy found (not "Sofia, who plays ..."; its ORG tags
                # on "Jake" are no evidence)
            names = [(m.start(), m.end())]
            pair = _PAIR_OR_ONE.match(text, m.end())
            if pair and pair.group(1) in first_names():
                names.append(pair.span(1))
            after = names[-1][1]
            end = min(ctx.sentence_end(after), after + 140)
            kinds = bool(_orgs(ctx, after, end)) + bool(_YEAR.search(text, after, end)) + _towns(ctx, after, end)
            if kinds >= 2:
                for s, e in names:
                    add(s, e)
        return out
