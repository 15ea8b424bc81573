"""Counter-speech: a sentence that reports a hateful claim in order to condemn it.

"Saying that Black people are animals is dehumanising and racist", "The poster that said gays are a disease was
taken down": the head sees the claim's words and calls the sentence hate. A sentence is counter-speech here when
it holds BOTH a frame that reports or quotes a claim (:data:`REPORTING`: "saying", "calling", "claims that",
"remarks", "the idea that", a quotation mark after "like", ...) AND a word that condemns it (:data:`CONDEMNING`:
"racist", "bigotry", "wrong", "dehumanising", "hate speech", "condemned", "taken down", ...). Such a sentence's
probabilities become at most :data:`CAP` (below level 1), unless alt-profanity-check flags it (then it is rude
anyway). A sentence with only one of the two frames is left alone: "Black people are animals" and "That is racist"
are both unchanged.

Example:
    >>> is_counter_speech("Calling Muslims terrorists because of their faith is bigotry.")
    True
    >>> is_counter_speech("Muslims are terrorists."), is_counter_speech("Saying that is the truth.")
    (False, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ml_backend.toxicity.recognizers.units import rescore_by_parts, sentences

REPORTING = re.compile(
    r"\b(?:saying|calling|claiming|labell?ing|branding|to (?:say|call|claim)|(?:said|says|claimed|claims|"
    r"suggested|suggests|argued|argues|insisted|insists) that|the (?:idea|claim|notion|myth|lie|stereotype|trope|"
    r"belief) that|remarks?|comments?|posters?|slogans?|chant(?:s|ing)?|tweets?|posts?|who (?:says?|claims?|"
    r"thinks?|believes?|calls?)|people (?:claiming|saying)|anyone (?:claiming|saying))\b"
    r"|\blike\s+[\"'\u201c\u2018]", re.IGNORECASE)
CONDEMNING = re.compile(
    r"\b(?:racis[mt]|bigot(?:s|ed|ry)?|wrong|dehumani[sz](?:ing|es|e)|hateful|hate speech|hate crimes?|disgusting|"
    r"unacceptable|a crime|ignoran(?:t|ce)|nonsense|false|a lie|lies|myths?|condemn(?:s|ed|ing)?|rightly|"
    r"educate (?:themselves|yourself|himself|herself)|consequences|persecution|xenophob\w*|sexis[mt]|homophob\w*|"
    r"transphob\w*|antisemit\w*|islamophob\w*|prejudiced?|stereotyp\w*|shameful|inexcusable|taken down|removed|"
    r"banned|apologi[sz]ed?|debunked|untrue|baseless)\b", re.IGNORECASE)
#: The most a counter-speech sentence keeps of either probability.
CAP = 0.3


def is_counter_speech(sentence: str) -> bool:
    """Whether ``sentence`` reports a claim and condemns it (see the module docstring)."""
    return bool(REPORTING.search(sentence)) and bool(CONDEMNING.search(sentence))


class CounterSpeech:
    """The recognizer (see the module docstring)."""

    name = "counter-speech"
    version = 1
    raises = False

    def adjust(self, texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer
               ) -> tuple[np.ndarray, np.ndarray]:
        def fix(part: str, t: float, s: float, q: float) -> tuple[float, float] | None:
            if q >= 0.5:
                return None
            return min(t, CAP), min(s, CAP)

        return rescore_by_parts(texts, toxic, severe, scorer, sentences, is_counter_speech, fix)
