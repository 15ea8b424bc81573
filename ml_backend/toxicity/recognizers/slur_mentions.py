"""Talk ABOUT slurs: condemning them, reporting or studying them ("Calling someone a slur because of their religion
is never acceptable", "The article quoted several slurs to show how common they are", "Words like 'X' are slurs
and should not be used").

The head learned "slur", "racial" and "religion" from sentences that use slurs, and alt-profanity-check flags a
slur quoted verbatim, so such sentences come out level 1 or 2. A sentence is picked here when it names slurs as
such (:data:`SLUR_NOUN`: "slur(s)", "the n-word", "epithets", "racial insults"; or :data:`QUOTED_WORD`, "that
word", "words like", with a quoted word) AND either condemns
them (:data:`CONDEMNS`: "never acceptable", "wrong", "hurt", "fired", "suspended", "banned", "should not be used",
"cowardly", "too common", ...) or reports on them (:data:`STUDIES`: "the article", "quoted", "the report lists",
"documentary", "study", "dictionary", "history of", ...), and holds no hedge
(:mod:`~ml_backend.toxicity.recognizers.hedges`: "it's not a slur if it's true") and is not aimed at the reader
(:data:`AIMED`: "you slur-spewing idiot"); or it quotes a word inside counter-speech
(:func:`~ml_backend.toxicity.recognizers.counter_speech.is_counter_speech`: "Calling gay people 'X' is hateful",
which counter-speech alone keeps at level 1 because alt-profanity-check flags the quoted slur). Such a sentence is
lowered to level 0
(:func:`~ml_backend.toxicity.recognizers.units.cap_part`), even when it quotes the slur: the round-5 families
count a slur the writer condemns as 0.

Example:
    >>> is_slur_mention("Using racial slurs at work will get you fired, and rightly so.")
    True
    >>> is_slur_mention("Slurs are just words, get over it."), is_slur_mention("He called me a slur.")
    (False, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ml_backend.toxicity.recognizers.counter_speech import is_counter_speech
from ml_backend.toxicity.recognizers.groups import words
from ml_backend.toxicity.recognizers.hedges import is_hedged
from ml_backend.toxicity.recognizers.units import CAP, rescore_by_parts, sentences

_A = "['\u2019]"
SLUR_NOUN = re.compile(
    r"\b(?:slurs?|slurring|the [a-z]-word|[a-z]-words?|epithets?|(?:racial|racist|homophobic|ethnic|religious|"
    r"sexist|ableist|transphobic) (?:insults?|abuse|names|language|words?))\b", re.IGNORECASE)
#: A word quoted and named as a word ("call a kid a 'X', tell them that word hurts"): only with a quotation mark.
QUOTED_WORD = re.compile(r"\b(?:that word|those words|such words|words like|the word)\b", re.IGNORECASE)
_QUOTE = re.compile("[\"'\u201c\u2018][^\"'\u201c\u201d\u2018\u2019 ]{2,20}[\"'\u201d\u2019]")
CONDEMNS = re.compile(
    rf"\b(?:never (?:acceptable|okay|ok|fine|a joke|funny|justified|excusable)|not (?:acceptable|okay|ok|funny|"
    rf"a joke)|unacceptable|(?:is|are) wrong|hurts?|hurtful|harm\w*|cruel|cowardly|shameful|disgusting|vile|"
    rf"hateful|ugly|fired|suspended|expelled|banned|bans?|punished|reported|kicked out|should (?:not|never) be "
    rf"(?:used|said|tolerated)|shouldn{_A}t be (?:used|said|tolerated)|won{_A}t tolerate|will not tolerate|"
    rf"(?:far )?too common|still common|no place|(?:stop|stopped|stopping) (?:using|saying)|don{_A}t use|"
    rf"do not use|never use|racis[mt]|bigot\w*|homophobi\w*|sexis[mt]|rightly|the right call|apologi[sz]\w*|"
    rf"tell them|explain why|condemn\w*|offensive|dehumani[sz]\w*)\b", re.IGNORECASE)
STUDIES = re.compile(
    r"\b(?:article|report|reports|reported|quoted|quotes|quoting|lists?|listed|documentary|study|studies|research|"
    r"researchers|survey|dictionary|history of|origins? of|museum|book|paper|linguists?|data|analysis|moderators?|"
    r"filter|flagged|show how|shows how|common they are)\b", re.IGNORECASE)
#: Slurs hurled at the reader are no talk about slurs.
AIMED = re.compile(r"\byou\s+(?:\w+[- ])?(?:slur|slurring)\w*\b|\bslur-\w+\s+(?:idiot|moron|\w+)\b", re.IGNORECASE)
TRIGGERS = frozenset("slur slurs slurring word words epithet epithets insult insults abuse names language".split())


def is_slur_mention(sentence: str) -> bool:
    """Whether ``sentence`` talks about slurs to condemn or report them (see the module docstring)."""
    if _QUOTE.search(sentence) and is_counter_speech(sentence):
        return True  # a quoted word inside counter-speech ("Calling gay people 'X' is hateful")
    found = words(sentence)
    if TRIGGERS.isdisjoint(found) and not re.search(r"\b[a-z]-word", sentence, re.IGNORECASE):
        return False
    named = SLUR_NOUN.search(sentence) or (QUOTED_WORD.search(sentence) and _QUOTE.search(sentence))
    if not named or AIMED.search(sentence) or is_hedged(sentence):
        return False
    return bool(CONDEMNS.search(sentence) or STUDIES.search(sentence))


def _cap(part: str, t: float, s: float, q: float) -> tuple[float, float]:
    return min(t, CAP), min(s, CAP)


class SlurMentions:
    """The recognizer (see the module docstring). It lowers a picked sentence to level 0."""

    name = "slur-mentions"
    version = 1
    raises = False

    def adjust(self, texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer
               ) -> tuple[np.ndarray, np.ndarray]:
        return rescore_by_parts(texts, toxic, severe, scorer, sentences, is_slur_mention, _cap)
