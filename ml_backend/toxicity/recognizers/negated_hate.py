"""Negated hate: a sentence that denies a hateful claim ("It's not true that women are worse drivers").

The head reads a bag of contextual word vectors, so "Immigrants are not animals" looks to it like "Immigrants are
animals" (it scores a claim and its negation within a few hundredths of each other). A sentence is negated hate
here when it holds a frame that denies the claim that follows (:data:`DENIALS`):

* "it's not true / false / a myth that ...", "there is no evidence that ...", "I would never say / call ...",
  "I have never believed ...", "I don't believe (for a second) ...", "I refuse to believe ...", "nobody should
  (ever) call ...", "nobody deserves to be ...", "never let anyone tell you ...", "being X does not make anyone
  ...", a denied difference ("X are no more criminal than ...", "not any lazier than anyone else"; not "no better
  than", a hedge);
* a group (a plural noun: "immigrants", "disabled people", "Jews") that ``is not`` / ``are not`` / ``do not`` /
  ``aren't`` something, at the start of the sentence (:data:`GROUP_IS_NOT`), unless what is denied is a good thing
  (:data:`GOOD_THINGS`: "human", "welcome", "smart", "equal", "belong", ...: "They are not human" is hate);

and none of: a hedge (:mod:`~ml_backend.toxicity.recognizers.hedges`: "I'm not saying X, but ...", "not all X,
just most"), a "but" / "because" after the denial (the claim comes back: "X are not bad, but ..."), a denial
aimed at the reader ("I would never call you ..."), a good thing denied after a denial of belief ("I don't
think they are human"), a denied atrocity ("there is no evidence that the Holocaust happened"). Such a sentence is lowered by
:func:`~ml_backend.toxicity.recognizers.units.cap_part` (level 0; at most level 1 when alt-profanity-check flags
it).

Example:
    >>> is_negated_hate("It's not true that women are worse drivers.")
    True
    >>> is_negated_hate("Immigrants are not human."), is_negated_hate("I'm not saying they're vermin, but they are.")
    (False, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ml_backend.toxicity.recognizers.hedges import is_hedged
from ml_backend.toxicity.recognizers.units import cap_part, rescore_by_parts, sentences

_A = "['\u2019]"
DENIALS = re.compile(
    rf"\b(?:it{_A}s|it is|that{_A}s|that is|it was) (?:simply |just )?(?:not true|untrue|false|a myth|a lie|nonsense|"
    rf"rubbish|a conspiracy theory) (?:that|to say)\b|"
    rf"\bthere{_A}?s? (?:is )?no (?:evidence|proof|truth|reason to (?:believe|think)|basis for)\b|"
    rf"\bi(?: would| will| could|{_A}d) never (?:say|call|tell|believe|think|accept|agree|claim)\b|"
    rf"\bi(?:{_A}ve| have)? never (?:once )?(?:believed|thought|said|claimed|accepted|called)\b|"
    rf"\bi (?:don{_A}t|do not|won{_A}t|will not|can{_A}t|cannot|refuse to) (?:\w+ ){{0,3}}?(?:believe|think|accept|"
    rf"agree)\b|\bi refuse to (?:believe|accept)\b|"
    rf"\b(?:nobody|no one|no-one) (?:should (?:ever )?(?:call|say|tell|believe|think)|deserves to be)\b|"
    rf"\bnever let (?:anyone|anybody|them|people) (?:tell|call|convince)\b|"
    rf"\b(?:does not|doesn{_A}t|do not|don{_A}t) make (?:anyone|someone|somebody|a person|you|people|them) "
    rf"(?:a|an|less)\b|"
    # comparisons that deny a difference: "no more criminal than", "not any lazier than anyone else"
    rf"\b(?:are|is|were) (?:no|not any|not) (?:more|less) \w+ (?:than|at)\b|"
    rf"\b(?:are|is|were) (?:no|not any|not) \w+er than\b(?<!\bbetter than)|"
    rf"\bany \w+ than (?:anyone|anybody|everyone|other|the rest)\b",
    re.IGNORECASE)
#: After a denial of belief ("I don't think ..."), a good thing denied is hateful: "I don't think they are human".
_GOOD_CLAIM = re.compile(
    r"\b(?:are|is|were|be) (?!less |no |not |any )(?:\w+ )?(?:human|welcome|wanted|equal|equals|normal|one of us|to be trusted|"
    r"trustworthy|civili[sz]ed)\b", re.IGNORECASE)
#: "<group> are not ...": up to three words, the last a plural noun, opening the sentence (after an optional "No,").
GROUP_IS_NOT = re.compile(
    rf"^(?:no,? )?(?:[a-z]+ ){{0,2}}?(?:[a-z]+s|people|men|women|children|folk)\s+(?:are|is|were|do|does|did)"
    rf"(?: not|n{_A}t)\b|^(?:no,? )?(?:[a-z]+ ){{0,2}}?(?:[a-z]+s|people|men|women|children|folk)\s+"
    rf"(?:aren{_A}t|don{_A}t|doesn{_A}t|weren{_A}t|isn{_A}t)\b", re.IGNORECASE)
#: Pronoun or generic subjects that make "X are not ..." an insult or a plain statement, not a denied stereotype.
_NOT_A_GROUP = re.compile(r"^(?:no,? )?(?:they|these|those|you|we|things|results|this|that|it)\b", re.IGNORECASE)
#: What a group is denied that makes the denial hateful ("are not human", "don't belong", "aren't welcome").
GOOD_THINGS = re.compile(
    rf"(?:not|n{_A}t) (?:\w+ )?(?:human|humans|people|persons|real|welcome|wanted|worth|smart|intelligent|clever|"
    rf"capable|competent|normal|equal|equals|trustworthy|to be trusted|needed|one of us|allowed|civili[sz]ed|clean|"
    rf"honest|loyal|good|decent|fit|able|qualified|natural|valid|belong|deserve|count|matter|fully)\b",
    re.IGNORECASE)
#: A denied atrocity is denial, not counter-speech: "There is no evidence that the Holocaust happened".
_ATROCITY = re.compile(r"\b(?:holocaust|shoah|gas chambers|genocide|slavery|apartheid|massacres?|pogroms?|"
                       r"ethnic cleansing|lynchings?)\b", re.IGNORECASE)
_CLAIM_COMES_BACK = re.compile(r"\b(?:but|because|cos|though|although|except)\b", re.IGNORECASE)
_AT_THE_READER = re.compile(r"\b(?:call|say|tell) you\b|\byou(?:{_A}re| are)\b".format(_A=_A), re.IGNORECASE)


def is_negated_hate(sentence: str) -> bool:
    """Whether ``sentence`` denies a claim (see the module docstring)."""
    text = sentence.strip()
    found = DENIALS.search(text)
    if found is None:
        group = GROUP_IS_NOT.search(text)
        if group is None or _NOT_A_GROUP.search(text) or GOOD_THINGS.search(text):
            return False
        found = group
    rest = text[found.end():]
    return not (_CLAIM_COMES_BACK.search(rest) or _AT_THE_READER.search(text) or _GOOD_CLAIM.search(rest)
                or _ATROCITY.search(rest) or is_hedged(text))


class NegatedHate:
    """The recognizer (see the module docstring)."""

    name = "negated-hate"
    version = 1
    raises = False

    def adjust(self, texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer
               ) -> tuple[np.ndarray, np.ndarray]:
        return rescore_by_parts(texts, toxic, severe, scorer, sentences, is_negated_hate, cap_part)
