"""The relation and role cues before a person's name ("my coworker", "our neighbour", "her boss"): read by the
recognizers that take the name after one (:mod:`~ml_backend.pii.recognizers.person_slots`,
:mod:`~ml_backend.pii.recognizers.combinable_first_names`) and by the not-PII rules (a person named like a brand
after one is still a person: "my coworker Jack Daniels").

    >>> RELATION_CUE.match("my coworker, Ana").end(), "coworker" in RELATION_CUE_WORDS
    (13, True)
"""

from __future__ import annotations

import re

KIN = (r"(?:step-?|half-?|grand-?|great-?)?(?:mother|father|mom|mum|mommy|mummy|dad|daddy|parent|sister|brother|"
        r"sibling|son|daughter|child|kid|aunt|auntie|aunty|uncle|cousin|nephew|niece|wife|husband|spouse|partner|"
        r"grandma|grandpa|granny|nana|nani|dadi|baby)(?:-in-law)?")
RELATIONS = (KIN + r"|fianc[eé]e?|girlfriend|boyfriend|ex|ex-wife|ex-husband|ex-girlfriend|ex-boyfriend|crush|date|"
             r"friend|bestie|buddy|pal|mate|penpal|pen[ \t]+pal|roommate|room-mate|flatmate|housemate|neighbou?r|"
             r"colleague|co-?worker|workmate|teammate|team[ \t]+mate|classmate|schoolmate|labmate|bandmate|"
             r"boss|manager|supervisor|employer|employee|mentor|mentee|tutor|teacher|professor|lecturer|advisor|"
             r"adviser|counsel(?:l)?or|therapist|doctor|dentist|nurse|coach|trainer|instructor|principal|"
             r"student|pupil|intern|assistant|secretary|client|customer|patient|tenant|landlord|landlady|"
             r"lawyer|attorney|accountant|contractor|plumber|electrician|mechanic|babysitter|nanny|caregiver|carer|"
             r"driver|relative|godmother|godfather|godson|goddaughter|groom|bride|hire|recruiter|candidate|"
             r"applicant|subordinate|direct[ \t]+report|co-?founder|business[ \t]+partner")
RELATION_CUE = re.compile(
    r"(?i:\b(?:my|our|his|her|their|your)[ \t]+(?:[a-z\-]{2,14}[ \t]+){0,2}?(?:" + RELATIONS + r")s?)"
    r"(?:[ \t]*+,)?[ \t]++"
)
# the words of the relation cues, for the pre-check (a set test on ctx.words: "sister-in-law" is one word there)
RELATION_CUE_WORDS = frozenset(w for w in re.findall(r"[a-z][a-z\-]*", re.sub(r"\(\?:|\)\??|\[[^\]]*\]|\?|\\b", " ",
                                                                      RELATIONS)) if len(w) > 1) | frozenset(
    f"{p}{k}{s}" for p in ("", "step", "step-", "grand", "great-") for s in ("", "-in-law", "s")
    for k in "mother father sister brother son daughter mom dad mum parent".split()) | frozenset(
    "fiance fiancé fiancee fiancée co-worker coworker neighbor neighbour counselor counsellor".split())
# a relation cue just before a position (searched with ``endpos``)
RELATION_CUE_BEFORE = re.compile(RELATION_CUE.pattern + r"$")
