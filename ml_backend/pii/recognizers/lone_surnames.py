"""Lone surnames the NER misses where the sentence makes a person of them: after a question's auxiliary and before
a verb ("Did Henderson get fired?", "Why did Fitzgerald resign?"), before a speech verb ("Okafor said ...",
"what Okafor wrote"), the name a booking is under (round 12: "reservation for Lindqvist", "table for Brennan":
:func:`is_booked_surname`). The guideline: a lone surname is PII, not certain.

The word must be capitalised, a listed family name (``surnames.txt``), no ordinary word ("Did Brown get darker"),  no
known place the NER found ("Washington said"; the small model takes "Henderson" for a town, kept), and, when it is also an English word or a name in
WordNet (``ctx.common``: "kale", "fitzgerald"), it must have a surname's shape (below). A word that is also a listed given name
("Did John get fired?": a first name alone is usually not PII) counts only with a surname's shape: ``Mc`` /
``Mac`` / ``Fitz`` / ``O'``, or an ending such as ``-ski``, ``-wicz``, ``-ez``, ``-sen``, ``-berg``, or ``-son``
in a long word ("Henderson"; not "Jason", "Madison").

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Did Henderson get fired? Did John get fired? Did Brown get darker?", None)
    >>> [ctx.text[c.start:c.end] for c in LoneSurnameRecognizer().find(ctx)]
    ['Henderson']
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.names import NOT_NAME_WORDS
from ml_backend.pii.wordlists import first_names, ordinary_words, surnames_folded

NAME = PII_LABELS[0]
SCORE = 0.5

_X = r"([A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?)"
_VERB = (r"get|got|be|say|said|tell|told|do|know|leave|quit|resign|retire|respond|reply|react|approve|sign|mean|"
         r"write|think|ever|really|actually|finally|just|still|already|never|always|apologi[sz]e|admit|deny|claim|"
         r"agree|refuse|threaten|lie|cheat|steal|sue|testify|confess|win|lose")
_SPEECH = (r"said|says|told|tells|wrote|writes|asked|asks|replied|replies|claimed|claims|mentioned|argued|insisted|"
           r"complained|announced|admitted|denied|thinks|thought|believes|suggested|emailed|texted|resigned|quit|"
           r"retired|was fired|got fired|has been fired|got promoted|was promoted|apologi[sz]ed|responded|"
           r"testified|confessed|promised|warned|explained|tweeted|posted")
_QUESTION = re.compile(r"(?i:\b(?:did|does|will|would|should|could|can|has|had|is|was)[ \t]+)" + _X
                       + r"(?=[ \t]+(?i:" + _VERB + r")\b)")
_SPOKE = re.compile(r"(?<![\w'’\-])" + _X + r"(?=[ \t]+(?i:" + _SPEECH + r")\b)")
# round 12: a booking under a surname: "reservation for Lindqvist", "table for Brennan, party of six", "pickup
# order under Nakashima", "booking under the name Okafor"
_BOOKED = re.compile(r"(?i:\b(?:reservations?|bookings?|table|pick-?up(?:[ \t]+order)?|order)[ \t]+(?:for|under)"
                     r"[ \t]+(?:the[ \t]+name[ \t]+(?:of[ \t]+)?)?)" + _X
                     + r"(?=[ \t]*+[,.;:!?'\"”)]|[ \t]++(?i:is|was|party|at|table|for|has|on)\b)")
_PLACE_ENTS = ("GPE", "LOC", "FAC")  # not ORG: the small model takes many lone surnames for one
_SURNAME_SHAPE = re.compile(r"^(?:Mc|Mac|Fitz|O['’])[A-Z]?[a-z]|(?:ski|ska|sky|wicz|witz|ez|sen|sson|berg|stein|mann|"
                            r"elli|etti|ovic|opoulos|akis|oglu|escu|enko|worth|baum|feld)$|^\w{5,}son$")


def is_lone_surname(word: str, common: frozenset[str]) -> bool:
    """``word`` reads as a family name on its own (see the module docstring).

    >>> is_lone_surname("Henderson", frozenset()), is_lone_surname("Jason", frozenset())
    (True, False)
    """
    low = word.casefold()
    if low not in surnames_folded() or low in ordinary_words() or word in NOT_NAME_WORDS:
        return False
    if low in common and not _SURNAME_SHAPE.search(word):
        return False
    return word not in first_names() or _SURNAME_SHAPE.search(word) is not None


def is_booked_surname(word: str, common: frozenset[str]) -> bool:
    """``word``, the name a booking is under, reads as a family name: a listed one (also when it is a given name
    too: "Brennan"), or a word that is no English word and no given name ("Nakashima"); not a given name alone
    ("table for Sarah"), an English word ("reservation for Thanksgiving"), a day or a month.

    >>> [is_booked_surname(w, frozenset({"thanksgiving"})) for w in ("Brennan", "Nakashima", "Sarah", "Thanksgiving")]
    [True, True, False, False]
    """
    low = word.casefold()
    if word in NOT_NAME_WORDS or low in ordinary_words() or low in common:
        return False
    if low in surnames_folded():
        return True
    return word not in first_names()


class LoneSurnameRecognizer(GuidelineRecognizer):
    """``PERSON`` lone surnames before a verb of a question or a speech verb: ``Name``, not certain."""

    ENTITIES = ["PERSON"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        out: list[Candidate] = []
        seen: set[int] = set()
        for rx in (_QUESTION, _SPOKE):
            for m in rx.finditer(text):
                word = m.group(1)
                if m.start(1) in seen or not is_lone_surname(word, ctx.common):
                    continue
                if word.casefold() in ctx.common and ctx.ents_overlapping(m.start(1), m.end(1), _PLACE_ENTS):
                    continue  # "Washington said": a known place speaking (not "Henderson", an unknown one)
                seen.add(m.start(1))
                out.append(Candidate(m.start(1), m.end(1), NAME, "PERSON", SCORE, False))
        for m in _BOOKED.finditer(text):
            if m.start(1) not in seen and is_booked_surname(m.group(1), ctx.common):
                out.append(Candidate(m.start(1), m.end(1), NAME, "PERSON", SCORE, False))
        return out
