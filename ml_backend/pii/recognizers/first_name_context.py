"""A first name made identifying by what the prompt says of the person: their named school, class, employer or
workplace. The guideline: a first name alone is usually not PII, "unless combinable with other information";
"Liam in third grade at Oakwood Elementary in Millbrook" or "Priya, a nurse at St. Agnes Hospital" narrows the
name down to a person: PII, not certain. "Tell Raj the meeting moved" stays a first name alone (not PII).

The name is a capitalised listed given name (not after "named" / "called": a story's character, "a girl named
Lily who attends a school for witches"). Right after it (after a comma, in the same clause, within 90
characters) comes a description of the person (``who``, ``from``, ``in``, ``at``, ``a``, ``our``, ``works``,
``attends`` ...; not "to": "Ask Sarah to meet us at Oakwood Elementary"), and in that description:

- a named school: capitalised words before Elementary, Primary, High School, Academy, College ... ("at Hillcrest
  Primary"); or
- a named employer or workplace: "works at / for" or a job ("a nurse", "our cashier", "a sophomore") then "at",
  "for" or "with" and a capitalised name ("at St. Agnes Hospital", "at the Kroger"), or "from the <Place> fire
  department / library / hospital ..." ("from the Tarrytown fire department");
- a small town or firm right after the name: "from" and a capitalised word no dictionary knows ("Liam from
  Millbrook", "Raj from Infosys"; not "Anna from Berlin", "Sam from Accounting": WordNet, ``ctx.common``, knows
  large places and words).

Unnamed places ("works at a bank", "Maria from accounting", "loves going to school") do not count.

Cheap pre-check: the text's words (:attr:`~ml_backend.pii.context.TextContext.words`) hold "at", "from",
"in", "of" or "attends" (a set test), a capitalised word is a listed given name, and one regex search finds a
school word or a preposition before a capitalised name, before any description is looked at.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Leah from Room 4B at Hillcrest Primary won. Tell Raj the meeting moved.", None)
    >>> [(ctx.text[c.start:c.end], c.certain) for c in ContextualFirstNameRecognizer().find(ctx)]
    [('Leah', False)]
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.names import NOT_NAME_WORDS, looks_like_a_word
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.wordlists import first_names

NAME = PII_LABELS[0]
SCORE = 0.5

_SCHOOL_NOUN = (r"Elementary|Primary|Middle|High|Secondary|Junior|Grammar|Prep|Preparatory|Montessori|Academy|"
                r"School|College|University|Kindergarten|Preschool|Pre-School|Nursery|Daycare|Day Care|Institute")
_JOB = (r"nurse|teacher|cashier|barista|manager|engineer|doctor|clerk|waiter|waitress|driver|librarian|pharmacist|"
        r"technician|receptionist|mechanic|chef|cook|officer|firefighter|paramedic|assistant|student|pupil|"
        r"sophomore|freshman|junior|senior|intern|volunteer|coach|pastor|janitor|secretary|accountant|developer|"
        r"designer|analyst|consultant|surgeon|dentist|therapist|counsel(?:l)?or|principal|lecturer|professor|"
        r"researcher|scientist|lawyer|paralegal|bartender|server|stocker|supervisor|director|employee|worker|"
        r"trainee|apprentice|guard|caretaker|carer|aide|tutor|instructor|kid|child|boy|girl|son|daughter|"
        r"\w+grader|first-year|second-year|third-year|fourth-year")
_WORKPLACE = (r"fire (?:department|station)|police (?:department|station)|library|hospital|clinic|school|bank|"
              r"branch|office|store|shop|plant|factory|council|post office|bakery|pharmacy|salon|gym|garage|"
              r"daycare|nursery|surgery|practice|restaurant|caf[eé]|hotel|warehouse|depot|museum|church|team")
_CAPS = r"(?:the[ \t]+)?(?:[A-Z][\w'’.\-]*+[ \t]+){0,4}?"
_NAMED_SCHOOL = re.compile(r"\b(?:at|attends|attending|attended|goes[ \t]+to|go[ \t]+to|from|in|of)[ \t]+" + _CAPS
                           + r"(?:[A-Z][\w'’.\-]*+[ \t]+)(?:" + _SCHOOL_NOUN + r")\b")
_NAMED_EMPLOYER = re.compile(
    r"(?i:\b(?:works|worked|working|employed|interns|interning|volunteers|volunteering|teaches|teaching|studies|"
    r"studying|" + _JOB + r"s?)[ \t]+(?:at|for|with|in))[ \t]+(?:the[ \t]+)?[A-Z][\w'’\-]*+"
)
_NAMED_WORKPLACE = re.compile(r"\bfrom[ \t]+(?:the[ \t]+)?[A-Z][\w'’\-]*+(?:[ \t]+[A-Z][\w'’\-]*+)?[ \t]+(?i:"
                              + _WORKPLACE + r")\b")
# the pre-checks: a word that links a description (a set test), a listed given name, then a school word, a
# preposition before a capitalised name, or a work verb
_LINK_WORDS = frozenset("at from in of attends attending attended".split())
_PRECHECK = re.compile(r"(?:" + _SCHOOL_NOUN + r")\b|\b(?:at|for|with|from)[ \t]+(?:the[ \t]+)?[A-Z]")
# what may follow the name when the words after it describe the person
_DESCRIBES = re.compile(
    r"[ \t]*+,?[ \t]*+(?:who|that|from|in|at|of|a|an|our|my|his|her|their|is|was|works|worked|attends|attended|"
    r"goes|studies|teaches|volunteers|currently|now|the[ \t]+new)\b"
)
_STORY_BEFORE = re.compile(r"(?i:\b(?:named|called|nicknamed)[ \t]+)$")
_CLAUSE_END = re.compile(r"[.;!?\n]|\b(?:and|but|so|because|while|then)\b")
_CAP_WORD = re.compile(r"(?<![\w'’\-])[A-Z][a-z]+(?![\w'’\-])")


# "Liam from Millbrook", "Raj from Infosys": right after the name, "from" and a capitalised word
_FROM_PLACE = re.compile(r"[ \t]*+,?[ \t]*+(?:who[ \t]+is[ \t]+)?from[ \t]+([A-Z][a-z'’\-]{2,24}+)(?![\w'’\-])")


class ContextualFirstNameRecognizer(GuidelineRecognizer):
    """``PERSON`` first names followed by the person's named school or employer: ``Name``, not certain."""

    ENTITIES = ["PERSON"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        words = ctx.words
        if _LINK_WORDS.isdisjoint(words):
            return []
        fn = first_names()
        names = [m for m in _CAP_WORD.finditer(text) if m.group() in fn and m.group() not in NOT_NAME_WORDS]
        if not names or _PRECHECK.search(text) is None:
            return []
        out: list[Candidate] = []
        for m in names:
            if _STORY_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue
            if not _DESCRIBES.match(text, m.end()):
                continue
            end = min(len(text), m.end() + 90)
            stop = _CLAUSE_END.search(text, m.end(), end)
            end = stop.start() if stop else end
            if any(rx.search(text, m.end(), end) for rx in (_NAMED_SCHOOL, _NAMED_EMPLOYER, _NAMED_WORKPLACE)) or (
                    self._from_small_place(ctx, m.end())):
                out.append(Candidate(m.start(), m.end(), NAME, "PERSON", SCORE, False))
        return out

    @staticmethod
    def _from_small_place(ctx: TextContext, pos: int) -> bool:
        """"from" and a place or employer no dictionary knows: a small town or a firm ("Liam from Millbrook",
        "Raj from Infosys"); not a known city, country or word ("Anna from Berlin", "Sam from Accounting"), an
        organisation word, a given name ("a card for Emma from Grandma", "for Liam from Jack")."""
        m = _FROM_PLACE.match(ctx.text, pos)
        if m is None:
            return False
        word = m.group(1)
        return (bool(ctx.common) and not looks_like_a_word(word, ctx.common) and word not in NOT_NAME_WORDS
                and word not in first_names())  # (not "Your Brain from Rotating Them": an inflected word)
