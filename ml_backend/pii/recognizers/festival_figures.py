"""Figures of scripture whose only cue is a religious festival, rite or text: "why is a cup left for Elijah at
Passover", "Esther in the Purim story", "why is Ruth read on Shavuot", "Prahlad and the Holi bonfire", "what the
Gita asks of Arjuna". The guideline: unsure whether real or fictional (some biblical figures) -> PII, not certain.

The figures are those of ``data/religious_figures.txt`` (:mod:`~ml_backend.pii.recognizers.religious_figures`
takes them with a word of religion, a god or a story motif in the prompt). Here the cue is a festival, rite or
religious text (:data:`~ml_backend.pii.not_pii.FESTIVAL_CUE`: Passover, seder, Hanukkah, Purim, Yom Kippur,
Good Friday, Ramadan, Eid, Diwali, Holi, Vesak, the Gita, the Haggadah ...) in the same sentence. A figure that is
also a common given name ("Esther", "Mary", "Peter") counts only with a festival of its own story
(``data/festival_figures.txt``: Esther with Purim, Elijah with Passover) and not in a sentence about someone's
plans ("a Hanukkah gift for Esther", "Mary is coming for Christmas dinner"). Not a person
who shares the name: not right after "my", "our", "friend", "daughter" ... ("My daughter Esther is in the Purim
play"), nor after a verb that addresses someone ("Ask Ruth whether she comes to the Shavuot dinner"). Greek myth
is not PII and its characters are not listed ("the Thesmophoria festival of Demeter").

Cheap pre-check: the text's words (:attr:`~ml_backend.pii.context.TextContext.words`) hold a festival word
and a listed figure (two set tests) before any pattern runs.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Why is a cup left for Elijah at Passover? Ask Ruth about the seder.", None)
    >>> [(ctx.text[c.start:c.end], c.certain) for c in FestivalFigureRecognizer().find(ctx)]
    [('Elijah', False)]
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.not_pii import FESTIVAL_CUE
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.religious_figures import _PERSONAL_BEFORE, _single_names
from ml_backend.pii.wordlists import read_list, religious_figures

NAME = PII_LABELS[0]
SCORE = 0.6

# a verb that addresses a living person right before the name: "Ask Ruth", "tell Miriam", "invite Esther"
_ADDRESSED_BEFORE = re.compile(
    r"(?i:\b(?:ask|tell|remind|email|e-mail|text|call|invite|thank|message|ping|let|meet|help|pay|visit|phone|"
    r"congratulate|wish|greet|dear|hi|hello|hey|with)[ \t]+)$"
)


# a sentence about a living person's plans: "a Hanukkah gift for Esther", "Mary is coming for Christmas dinner"
_SOCIAL = re.compile(r"(?i)\b(?:gifts?|presents?|cards?|dinner|lunch|brunch|party|parties|visit(?:s|ing)?|coming|"
                     r"come over|invite[ds]?|host(?:s|ing)?|menu|recipes?|buy|bought|shopping|birthday|wedding|"
                     r"text|texted|e-?mail(?:ed)?|message|call(?:ed)?|plans?|holiday|vacation|trip|flight|school)\b")


@cache
def festival_figures() -> dict[str, frozenset[str]]:
    """Festival (as :data:`FESTIVAL_CUE` matches it, lower case, single spaces) -> the figures of its story
    (``data/festival_figures.txt``)."""
    out: dict[str, frozenset[str]] = {}
    for line in read_list("festival_figures.txt"):
        keys, _, names = line.partition(":")
        for key in map(_key, keys.split("|")):
            out[key.strip()] = out.get(key.strip(), frozenset()) | frozenset(names.split())
    return out


# a word of every festival, rite or text FESTIVAL_CUE matches (the pre-check: one set test on the text's words)
_FESTIVAL_WORDS = frozenset(
    """passover pesach seder seders haggadah hanukkah hanukah chanukah chanukkah menorah dreidel purim megillah
    shavuot sukkot kippur hashanah simchat tisha mitzvah christmas nativity epiphany wednesday sunday week thursday
    friday easter pentecost whitsun eucharist rosary ramadan iftar suhoor eid hajj umrah ashura muharram mawlid
    laylat diwali deepavali holika navratri dussehra dasara durga janmashtami raksha ganesh vesak wesak bodhi
    uposatha vaisakhi baisakhi gurpurab gita mahabharata ramayana veda vedas upanishad upanishads purana puranas
    tripitaka dhammapada jataka jatakas tanakh talmud midrash granth avesta lent advent holi onam communion
    baptism""".split()
)


@cache
def _figure_words() -> frozenset[str]:
    return frozenset(n.casefold() for n in religious_figures())


def _key(cue: str) -> str:
    return re.sub(r"[ \t\-]+", " ", cue.casefold().replace("’", "'"))


class FestivalFigureRecognizer(GuidelineRecognizer):
    """``RELIGIOUS_FIGURE`` listed figures in a sentence naming a festival, rite or religious text: ``Name``, not
    certain."""

    ENTITIES = ["RELIGIOUS_FIGURE"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        words = ctx.words
        if _FESTIVAL_WORDS.isdisjoint(words) or _figure_words().isdisjoint(words):
            return []
        cues = [(m.start(), _key(m.group())) for m in FESTIVAL_CUE.finditer(text)]
        if not cues:
            return []
        needs_story = religious_figures()
        stories = festival_figures()
        out: list[Candidate] = []
        starts = [pos for pos, _ in cues]
        social: dict[int, bool] = {}  # per sentence start (one search a sentence, not one a name)
        for m in _single_names().finditer(text):
            s0, s1 = ctx.sentence_start(m.start()), ctx.sentence_end(m.end())
            here = [key for _, key in cues[bisect.bisect_left(starts, s0):bisect.bisect_left(starts, s1)]]
            if not here:
                continue
            name = m.group()
            if needs_story[name]:
                if s0 not in social:
                    social[s0] = _SOCIAL.search(text, s0, s1) is not None
                if social[s0] or not any(name in stories.get(k, ()) for k in here):
                    continue  # a common given name: only in its own festival's story, not in someone's plans
            before = text[max(0, m.start() - 40):m.start()]
            if _PERSONAL_BEFORE.search(before) or _ADDRESSED_BEFORE.search(before):
                continue
            out.append(Candidate(m.start(), m.end(), NAME, "RELIGIOUS_FIGURE", SCORE, False))
        return out
