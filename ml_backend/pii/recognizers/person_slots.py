"""Full names in a person slot: right after a relation or role ("my sister-in-law Sowmya Venkataraman", "my former
student Haruto Nakagawa", "my boss, Murali Krishnan", "my coworker balaji subramanian"), where the name lists
(Faker-derived, thin on South Asian, African and East Asian given names) know neither word.

The slot says a person's name follows; the words need only have a name's shape. Two or three words of one case
(Title case, or all lower case), joined by single spaces (a particle between is fine: "van", "de", "bin"), each:

- a listed given name or family name (in lower case: not one that is mostly an ordinary word, ``ordinary_words.txt``);
  or
- a word no dictionary knows: no English word or inflection of one (the spaCy model's WordNet tables,
  ``ctx.common``), no known lower-case word (``lowercase_words.txt``: "ngl", "lol"), no function word, no
  organisation, place or calendar word (``NOT_NAME_WORDS``), no listed brand.

"My brother-in-law Tesla Model 3", "my roommate Nintendo Switch", "my sister-in-law dal makhani recipe" hold an
English word, so no name. In lower case, where nothing else marks a name, the words after the name must read as
what a person does or is ("is", "keeps", "said", "borrowed", a comma, the end of the sentence ...), and a pair of
two unlisted words needs an English sentence around it (not "om de skal"). The relation cues: ``my`` / ``our`` /
``his`` / ``her`` / ``their`` / ``your`` (up to two words such as "former", "new", "best" between) and a relation
or role (:data:`RELATIONS`: family incl. in-laws and step-relations, friends, work and school roles, landlord,
neighbour ...), optionally a comma. A full name: PII, certain.

Cheap pre-check: the text's words (:attr:`~ml_backend.pii.context.TextContext.words`) hold a relation word (one set
test) before the cue pattern runs.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("My cousin Babajide Oyelaran is getting married. My roommate Nintendo Switch broke.", None,
    ...                   frozenset({"switch", "get", "marry", "break"}))
    >>> [ctx.text[c.start:c.end] for c in RelationNameRecognizer().find(ctx)]
    ['Babajide Oyelaran']
"""

from __future__ import annotations

import re
from functools import cache

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.relations import KIN, RELATION_CUE, RELATION_CUE_WORDS, RELATIONS
from ml_backend.pii.recognizers.lowercase_names import _english_sentence, is_english_form
from ml_backend.pii.recognizers.names import _STOP_WORDS, NOT_NAME_WORDS
from ml_backend.pii.wordlists import brands, first_names_folded, ordinary_words, surnames_folded

NAME = PII_LABELS[0]
SCORE = 0.7

# the relation cues live in ml_backend/pii/relations.py (the not-PII rules read them too)
_KIN, RELATIONS, _CUE, _CUE_WORDS = KIN, RELATIONS, RELATION_CUE, RELATION_CUE_WORDS
_TITLE_WORD = r"[A-Z][a-z]++(?:['’\-][A-Za-z][a-z]++)?"
_LOWER_WORD = r"[a-z]++(?:['’\-][a-z]++)?"
_PARTICLE = r"(?:(?:van|von|de|da|di|du|del|der|den|la|le|bin|binti|ibn|al|el|dos|das|ter|ten)[ \t])?"
_TITLE_NAME = re.compile(_TITLE_WORD + r"(?:[ \t]" + _PARTICLE + _TITLE_WORD + r"){1,2}(?![\w'’\-])")
_LOWER_NAME = re.compile(_LOWER_WORD + r"(?:[ \t]" + _PARTICLE + _LOWER_WORD + r"){1,2}(?![\w'’\-])")
_PARTICLES = frozenset("van von de da di du del der den la le bin binti ibn al el dos das ter ten".split())
# after a lower-case name: what a person does or is, or the sentence goes on ("is", "keeps", ",", "for")
_PERSON_NEXT = re.compile(
    r"(?:['’]s\b|[ \t]*+(?:[,.;:!?)]|$)|[ \t]++(?:is|was|has|had|have|keeps|kept|wants|wanted|said|says|asked|asks|"
    r"told|tells|got|gets|just|always|never|still|also|who|and|or|for|to|about|from|at|in|on|with|will|would|can|"
    r"could|did|does|doesn['’]t|didn['’]t|won['’]t|isn['’]t|wasn['’]t|can['’]t|borrowed|borrows|loves|hates|"
    r"likes|thinks|thought|needs|needed|sent|sends|texted|called|calls|left|leaves|moved|moves|took|takes|made|"
    r"makes|gave|gives|invited|invites|got|came|comes|went|goes|started|starts|joined|joins|lost|won|became|"
    r"seems|seemed|refuses|refused|won|knows|knew|lives|lived|works|worked|bought|stole|broke|yelled|shouted|"
    r"complained|complains|mentioned|mentions|posted|posts|wrote|writes|emailed|emails|messaged|messages|"
    r"recommended|recommends|introduced|asked|ignored|ignores|blocked|blocks|owes|owed|passed|died|retired|"
    r"graduated|graduates|turned|turns)\b)"
)


@cache
def _brand_words() -> frozenset[str]:
    return frozenset(w for b in brands() for w in b.split())


def _known_name(low: str, *, lower: bool) -> bool:
    if low not in first_names_folded() and low not in surnames_folded():
        return False
    return not lower or low not in ordinary_words()


def name_word_kind(word: str, common: frozenset[str], *, lower: bool) -> str | None:
    """``"listed"`` (a given or family name; in lower case not a mostly ordinary one), ``"unknown"`` (a word no
    dictionary knows), or None (an English word, a function word, an organisation or calendar word, a brand word).

    >>> name_word_kind("Oyelaran", frozenset({"switch"}), lower=False), name_word_kind("Switch", frozenset({"switch"}), lower=False)
    ('unknown', None)
    """
    low = word.casefold()
    if low in _STOP_WORDS or word.capitalize() in NOT_NAME_WORDS or word in _brand_words():
        return None
    parts = re.split(r"['’\-]", low)
    if all(_known_name(p, lower=lower) for p in parts if p) or _known_name(low, lower=lower):
        return "listed"
    if common and len(low) >= 3 and not any(is_english_form(p, common) for p in parts if len(p) > 1):
        return "unknown"
    return None


class RelationNameRecognizer(GuidelineRecognizer):
    """``PERSON`` full names right after a relation or role cue: ``Name``, certain."""

    ENTITIES = ["PERSON"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        if _CUE_WORDS.isdisjoint(ctx.words):
            return []
        text, common = ctx.text, ctx.common
        out: list[Candidate] = []
        for cue in _CUE.finditer(text):
            pos = cue.end()
            m = _TITLE_NAME.match(text, pos) or _LOWER_NAME.match(text, pos)
            if m is None:
                continue
            lower = m.group().islower()
            tokens = [t for t in re.finditer(r"\S+", m.group()) if t.group() not in _PARTICLES]
            kinds = [name_word_kind(t.group(), common, lower=lower) for t in tokens]
            while len(kinds) > 2 and kinds[-1] is None:
                tokens, kinds = tokens[:-1], kinds[:-1]  # "Sowmya Venkataraman Visits": the third word is no name
            if len(tokens) < 2 or None in kinds:
                continue
            end = pos + tokens[-1].end()
            if lower:
                if not _PERSON_NEXT.match(text, end):
                    continue  # "my friend paneer tikka masala tastes": no person's verb after it
                if "listed" not in kinds and not _english_sentence(ctx, pos, end):
                    continue
            out.append(Candidate(pos, end, NAME, "PERSON", SCORE, True))
        return out
