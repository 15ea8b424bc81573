"""Implicit stereotypes: a group said to be, as a whole, unfit, untrustworthy or a burden, without a rude word
("Women are too emotional to run a company", "Muslims can never be trusted", "Immigrants are a burden").

The head catches most of these (the word "burden" next to a group is what it learned from forum hate), but not
when the claim reads like a plain opinion ("Women belong in the kitchen": 0.32). A sentence is picked here when
it opens with a group (:data:`~ml_backend.toxicity.recognizers.groups.GROUPS`, optionally after "all", "most",
"these", "those" and a word: "gay men", "old people") and goes straight on to a frame that generalises
(:data:`FRAMES`): "are too emotional / weak / lazy ... to" (a stereotype's adjectives only: not "too
scared to go home"), "can never be trusted", "should not be allowed to / near",
"belong in the kitchen", "are a burden / drain / threat", "only care about", "are all the same", "are naturally
less ...", "will never fit in", "come here to take ...", "run the media"; and is neither counter-speech nor
negated hate (their frames report or deny the claim: "It's a myth that women are too emotional to lead"), nor
a hedge. Such a text's probabilities become at least :data:`FLOOR` (level 2).

Example:
    >>> is_stereotype("Women are too emotional to run a company.")
    True
    >>> is_stereotype("Women are too often left out of research."), is_stereotype("My dog can never be trusted.")
    (False, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ml_backend.toxicity.recognizers.counter_speech import is_counter_speech
from ml_backend.toxicity.recognizers.groups import GROUPS, mentions_group
from ml_backend.toxicity.recognizers.hedges import is_hedged
from ml_backend.toxicity.recognizers.negated_hate import is_negated_hate
from ml_backend.toxicity.recognizers.units import sentences

_A = "['\u2019]"
#: "Women", "All Muslims", "Those gay men", "Old people", "Most immigrants": the sentence's subject.
_SUBJECT = re.compile(
    r"^\W*(?:(?:all|most|these|those|the|many|so many) )?(?:[a-z]+ )?", re.IGNORECASE)
FRAMES = re.compile(
    rf"^(?:people |men |women |folks |families )?(?:are|were) (?:just |simply |all |always )?too "
    rf"(?:emotional|weak|stupid|dumb|lazy|timid|soft|fragile|irrational|hysterical|primitive|backward|violent|"
    rf"aggressive|greedy|dishonest|slow|"
    rf"simple|childish|ignorant|selfish|incompetent|unreliable|bossy|sensitive|feeble|dim|thick|uncivili[sz]ed) "
    rf"(?:to|for)\b|"
    rf"^(?:people |men |women )?(?:can|could|should|will) never be trusted\b|^(?:people |men |women )?"
    rf"(?:can{_A}t|cannot|can not) (?:ever )?be trusted\b|^(?:people |men |women )?are (?:not to be trusted|"
    rf"untrustworthy)\b|"
    rf"^(?:people |men |women )?(?:should(?:n{_A}t| not| never)|must not|mustn{_A}t) be (?:allowed|let|permitted) "
    rf"(?:to|near|in|around|into|on)\b(?! be (?:paid|treated|harassed|abused|fired|bullied|discriminated|mistreated|"
    rf"refused|denied|excluded))|"
    rf"^(?:people |men |women )?(?:belong|should stay|should be kept|must stay) (?:in the kitchen|at home|"
    rf"barefoot|in their place)\b|"
    rf"^(?:people |men |women )?are (?:(?:just|nothing but|such|simply) )?(?:a|an) (?:burden|drain|threat|danger|"
    rf"menace|liability|curse)\b|"
    rf"^(?:people |men |women )?only care about (?:money|themselves|power|their own)\b|"
    rf"^(?:people |men |women )?are all the same\b|"
    rf"^(?:people |men |women )?are (?:naturally|inherently|genetically|biologically|by nature) (?:less|more|"
    rf"inferior|lazy|lazier|violent|stupid|dishonest|weaker|aggressive|criminal|greedy|dumber)\b|"
    rf"^(?:people |men |women )?will never (?:fit in|integrate|be (?:real|equal|one of us|like us|civili[sz]ed))\b|"
    rf"^(?:people |men |women )?(?:only )?(?:come|came) (?:here|over here) to (?:take|steal|live off|sponge|scrounge)"
    rf"\b|^(?:people |men |women )?(?:run|control|own) (?:the|all the) (?:media|banks|world|government|money)\b",
    re.IGNORECASE)
#: The least a stereotype keeps of either probability (above every level-2 threshold in use).
FLOOR = 0.9


def is_stereotype(sentence: str) -> bool:
    """Whether ``sentence`` opens with a group and a generalising frame (see the module docstring)."""
    text = sentence.strip()
    if not mentions_group(text):
        return False
    subject_end = _SUBJECT.match(text).end()  # every part of it is optional: it always matches
    for found in GROUPS.finditer(text, 0, min(len(text), subject_end + 40)):
        if found.start() > subject_end:
            break
        if FRAMES.search(text[found.end():].lstrip()):
            return not (is_counter_speech(text) or is_negated_hate(text) or is_hedged(text))
    return False


class Stereotypes:
    """The recognizer (see the module docstring). It raises: a stereotype's probabilities become at least FLOOR."""

    name = "stereotypes"
    version = 1
    raises = True

    def adjust(self, texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer
               ) -> tuple[np.ndarray, np.ndarray]:
        toxic = np.array(toxic, np.float64)
        severe = np.array(severe, np.float64)
        for i, text in enumerate(texts):
            if any(is_stereotype(s) for s in sentences(text[:4000])):
                toxic[i], severe[i] = max(toxic[i], FLOOR), max(severe[i], FLOOR)
        return toxic, severe
