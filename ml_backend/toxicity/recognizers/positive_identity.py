"""Positive identity: a sentence that affirms a group, or speaks proudly from inside it ("I'm a gay man and proud
of it", "Muslims deserve the same rights as everyone else", "Black-owned businesses here are thriving").

The head learned from forum sentences where group names and "rights" occur mostly in hate, so it flags many
such sentences (it gives "People deserve the same rights as everyone else" 0.73, and "I love being a Black
woman" 0.82), and alt-profanity-check flags "gay" itself. A sentence is picked here when it names a group
(:data:`~ml_backend.toxicity.recognizers.groups.GROUPS`), holds an affirming frame (:data:`AFFIRMING`: pride,
"love being", "deserve equal rights / respect / to live safely", "are welcome / valued / an inspiration",
thriving, contributing, "bring talent / joy", "make wonderful parents / neighbours", celebrating, "stand with";
round 5: "make this country stronger", "the backbone of", "built this city", "are hardworking", "we are grateful",
...), and none of :data:`SPOILERS`: a negation, a turn ("but", "only", "because", "than", "too"), a demand
("should", "must"), a question, any word of contempt, harm or exclusion ("hate", "deport", "superior", "burden",
"locked up", "acting like", ...), a condition or a way out ("as long as they stay away", "are welcome to leave"),
"I love it when / how ..." (mostly sarcasm in tweets), a slur, or "white", "Aryan", "88" (white pride on a
nationalist forum is not the pride of a minority; such sentences are left to the head).

Such a sentence is lowered to level 0 (:func:`~ml_backend.toxicity.recognizers.units.cap_part`); when
alt-profanity-check flags it even without the group's name (a swear word), it stays at most level 1.

Example:
    >>> is_positive_identity("I'm a gay man and proud of it.")
    True
    >>> is_positive_identity("Gay people deserve to be locked up."), is_positive_identity("I'm proud to hate Jews.")
    (False, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ml_backend.toxicity.recognizers.groups import GROUPS, mentions_group
from ml_backend.toxicity.recognizers.units import cap_part_without, rescore_by_parts, sentences

_A = "['\u2019]"
AFFIRMING = re.compile(
    r"\bproud\b|\bpride\b|"
    r"\b(?:love|loving|enjoy|adore|cherish|embrace|celebrate) (?:being|my|our|who (?:i|we) are)\b|"
    r"\b(?:happy|glad|grateful|thankful|blessed|honou?red) (?:to be|for|that (?:i|we))\b|"
    r"\bdeserves? (?:the same|equal|full|basic|respect|dignity|rights|love|kindness|safety|better|a (?:voice|seat|"
    r"place|chance|say|home|future)|to (?:live|be (?:safe|heard|seen|happy|free|loved|respected|treated|included|"
    r"protected|paid|celebrated|welcomed)|feel (?:safe|welcome|at home)|marry|vote|thrive|exist|belong|succeed))\b|"
    r"\bequal (?:rights|pay|treatment|respect|opportunit\w+)\b|\b(?:civil|human) rights\b|"
    r"\b(?:are|is|were|was) (?:(?:so|very|truly|really|such) )?(?:welcome|valued|loved|valid|beautiful|"
    r"wonderful|amazing|brilliant|talented|kind|strong|inspiring|an inspiration|a gift|a blessing|awesome|"
    r"fantastic|incredible|the (?:best|kindest|nicest|bravest))\b|\ban inspiration\b|"
    r"\b(?:thriving|flourishing|booming|prospering|succeeding|doing (?:great|amazing|well|wonderful\w*|"
    r"brilliant\w*))\b|\bcontribut\w+|\benrich\w*|"
    r"\b(?:bring|brings|brought) (?:(?:so much|a lot of|such|great|real|new) )?"
    r"(?:joy|life|talent|energy|culture|ideas|skills|richness|diversity|love|happiness|colou?r|music|flavou?r)\b|"
    r"\bmake (?:wonderful|great|loving|excellent|amazing|fantastic|good) (?:parents|mothers|fathers|friends|"
    r"neighbou?rs|leaders|colleagues|partners|teachers|doctors|nurses|role models|citizens)\b|\bcelebrat\w+|"
    r"\b(?:stand|standing|stood) (?:with|by|up for)\b|\bhappy pride\b|"
    r"\b(?:we|i) (?:love|respect|admire|support|welcome|appreciate|value)\b(?! (?:it|when|how|that)\b)|"
    # round 5: what a group gives a place ("make this country stronger", "the backbone of our farms", "built this
    # city", "hardworking and generous", "welcomes immigrants", "we are grateful")
    r"\bmakes? (?:this|our|the|my) (?:country|nation|city|town|community|communities|neighbou?rhood|street|school|"
    r"workplace|economy|society|world) (?:(?:so much|a lot|even) )?(?:stronger|better|richer|safer|kinder|brighter|"
    r"more (?:vibrant|diverse|interesting|welcoming|alive))\b|\b(?:the )?backbone of\b|"
    r"\b(?:built|build|builds|helped build|rebuilt|shaped|feed|feeds|fed|care for|cares for|keep|keeps) (?:much of |"
    r"so much of |most of )?(?:this|our|the) (?:country|nation|city|town|community|economy|farms?|hospitals?|"
    r"elderly|sick|schools?)\b|\bwas built by\b|"
    r"\b(?:are|is|were) (?:(?:so|very|truly|really|incredibly) )?(?:hard-?working|generous|welcoming|friendly|"
    r"brave|resilient|decent|honest)\b|\bwelcom(?:e|es|ed|ing) (?:immigrants|refugees|migrants|newcomers)\b|"
    r"\b(?:we|i) (?:are|am) (?:so )?(?:grateful|thankful|lucky|blessed)\b|\bdeserve (?:our )?(?:respect|thanks|"
    r"gratitude)\b|\bwe owe\b|\bstart (?:businesses|companies)\b|\bcreate (?:jobs|businesses)\b",
    re.IGNORECASE)
SPOILERS = re.compile(
    rf"\b(?:not|no|never|nobody|none|nothing|neither|nor|without|but|except|unless|only|because|although|though|"
    rf"yet|too|than|if|should|shouldn{_A}t|must|need to|needs to|have to|hate\w*|kill\w*|die|dies|dead|death|rot|"
    rf"burn\w*|deport\w*|ban|bans|banned|vermin|disgust\w*|superior\w*|inferior\w*|master race|replac\w+|scum|"
    rf"filth\w*|animals?|plague|parasit\w+|invad\w+|invasion|threat\w*|danger\w*|burden\w*|drain|lock\w* up|"
    rf"jail\w*|prison\w*|camps?|gas|gassed|exterminat\w*|wipe\w*|eradicat\w*|get rid|go back|send (?:them|\w+) "
    rf"back|shut up|ruin\w*|destroy\w*|steal\w*|crim\w+|terror\w*|evil|sick\w*|mental\w*|disease\w*|stupid|lazy|"
    rf"dirty|ugly|weak|handouts?|welfare|bad|worse|worst|wrong|sin|sins|sinful|abomination\w*|lie|lies|fake|"
    rf"pretend\w*|confused|agenda|propaganda|groom\w*|pedo\w*|paedo\w*|freaks?|mistake|tolerate\w*|vile|"
    rf"starve\w*|suffer\w*|acting like|something to be proud of|as long as|so long as|provided|leave|go home|"
    rf"elsewhere|away|their place|their own (?:country|kind)|for now|white|aryan|heil|sieg|seig|wn|88|straight pride|"
    # slurs (not "queer", which people say of themselves; "queers" mostly is one)
    rf"queers|fags?|faggots?|homos?|dykes?|trann(?:y|ies)|nigg\w*|negro\w*|kikes?|spics?|chinks?|wetbacks?|towelheads?|"
    rf"ragheads?|retard\w*|savages?)\b|"
    rf"n{_A}t\b|\?", re.IGNORECASE)


def is_positive_identity(sentence: str) -> bool:
    """Whether ``sentence`` affirms a group (see the module docstring)."""
    return mentions_group(sentence) and bool(AFFIRMING.search(sentence)) and not SPOILERS.search(sentence)


#: alt-profanity-check flags "gay" by itself (``profanity_scores(["I am gay."])`` is above 0.5): the word naming the
#: speaker's own group must not keep a proud sentence at level 1, so it is asked again without the group's names.
_cap_without_group = cap_part_without(GROUPS)


class PositiveIdentity:
    """The recognizer (see the module docstring)."""

    name = "positive-identity"
    version = 2
    raises = False

    def adjust(self, texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer
               ) -> tuple[np.ndarray, np.ndarray]:
        return rescore_by_parts(texts, toxic, severe, scorer, sentences, is_positive_identity, _cap_without_group)
