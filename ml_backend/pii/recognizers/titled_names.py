"""Full names after a title or kin word used as a title, without "my": "Nurse Adaeze Okonkwo", "Uncle Kwabena
Mensah's birthday", "Coach Sione Tupou", "Grandma Mele Taufa", where spaCy's small model and the name lists
(thin on West and Southern African, Polynesian, Japanese names) know neither word.

The title says a person's name follows (the title itself is not part of the name); the next two or three
Title-case words need only have a name's shape, judged word by word as in
:func:`~ml_backend.pii.recognizers.person_slots.name_word_kind`: each a listed given or family name, or a word no
dictionary knows (no English word or inflection of one, ``ctx.common``; no known lower-case word; no function,
organisation, place or calendar word; no brand word). "Officer Training Corps", "Coach House Road", "Nurse Practitioner
Program" hold English words, so no name. A hyphenated word counts when every part does. A full name: PII, certain.

Cheap pre-check (``NEEDS``): a title word, capitalised, followed by a space and a capital letter.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Thank Nurse Adaeze Okonkwo. Call Coach House Road.", None, frozenset({"house", "road"}))
    >>> [ctx.text[c.start:c.end] for c in TitledNameRecognizer().find(ctx)]
    ['Adaeze Okonkwo']
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.person_slots import _PARTICLE, _PARTICLES, name_word_kind

NAME = PII_LABELS[0]
SCORE = 0.7

TITLES = (r"Nurse|Uncle|Auntie|Aunty|Aunt|Coach|Pastor|Officer|Grandma|Grandpa|Granny|Nana|Papa|Mama|Reverend|Rev\.?|"
          r"Father|Sister|Brother|Deacon|Bishop|Rabbi|Imam|Elder|Chief|Captain|Capt\.?|Sergeant|Sgt\.?|Detective|"
          r"Det\.?|Judge|Justice|Professor|Prof\.?|Doctor|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Mx\.?|Madam|Sir|Dame|Lady|"
          r"Teacher|Principal|Councillor|Councilor|Senator|Governor|Mayor|Sheriff|Deputy|Agent|Trooper|Lieutenant|"
          r"Lt\.?|Corporal|Cpl\.?|Private|Pvt\.?|Major|Colonel|Col\.?|General|Gen\.?|Admiral|Commander|Ambassador")
_WORD = r"[A-Z][a-zà-ÿ]++(?:['’\-][A-Za-zà-ÿ][a-zà-ÿ]++)?"
# two or three Title-case words; a possessive may follow ("Uncle Kwabena Mensah's birthday")
_NAME = re.compile(_WORD + r"(?:[ \t]" + _PARTICLE + _WORD + r"){1,2}(?:(?![\w'’\-])|(?=['’]s\b))")
NEEDS = re.compile(r"(?<![\w'’\-])(?:" + TITLES + r")[ \t]+[A-Z]")


class TitledNameRecognizer(GuidelineRecognizer):
    """``PERSON`` full names right after a title word: ``Name``, certain."""

    ENTITIES = ["PERSON"]
    NEEDS = NEEDS

    def find(self, ctx: TextContext) -> list[Candidate]:
        text, common = ctx.text, ctx.common
        out: list[Candidate] = []
        for cue in NEEDS.finditer(text):
            pos = cue.end() - 1
            m = _NAME.match(text, pos)
            if m is None:
                continue
            tokens = [t for t in re.finditer(r"\S+", m.group()) if t.group() not in _PARTICLES]
            kinds = [name_word_kind(t.group(), common, lower=False) for t in tokens]
            while len(kinds) > 2 and kinds[-1] is None:
                tokens, kinds = tokens[:-1], kinds[:-1]
            if len(tokens) < 2 or None in kinds:
                continue
            out.append(Candidate(pos, pos + tokens[-1].end(), NAME, "PERSON", SCORE, True))
        return out
