"""A mild insult said with affection: "He's such an idiot sometimes, but I love him", "My husband is a lovable
moron", "You big dummy, I missed you!".

The head and alt-profanity-check read "idiot" or "moron" as an insult and the head's level-2 odds follow it, so
such sentences come out level 2. The guideline's level 1 ("slight, or toxic to some people") fits: the word is
rude, the sentence is not an attack. A sentence is picked here when it holds a mild insult (:data:`MILD_INSULT`:
"idiot", "dork", "moron", "dummy", "fool", "brat", "muppet", "goofball", "dumbass", "doofus", ...) and affection
(:data:`AFFECTION`: "I love him", "adore", "my favourite", "I missed you", "bless him", "our idiot", "I'd do
anything for", "lost without", "lovable", ...), and nothing that makes it an attack (:data:`ATTACK`: "hate", "die",
"kill", a slur, "shut up", "worthless", ...). Its P(toxic) becomes at least level 1 and its P(clearly toxic) at most
:data:`~ml_backend.toxicity.recognizers.units.CAP`: level 1 (``level_one``).

Example:
    >>> is_affectionate_insult("He's such an idiot sometimes, but I love him.")
    True
    >>> is_affectionate_insult("He's an idiot and I hate him."), is_affectionate_insult("I love you, idiot, die.")
    (False, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ml_backend.toxicity.recognizers.groups import words
from ml_backend.toxicity.recognizers.units import CAP, LEVEL_ONE_FLOOR, sentences

_A = "['\u2019]"
MILD_INSULT = re.compile(
    r"\b(?:idiot|idiots|dork|dorks|moron|morons|dummy|dum-dum|fool|fools|brat|brats|muppet|goofball|goof|dumbass|"
    r"doofus|dingus|numpty|nitwit|knucklehead|airhead|weirdo|nerd|dope|dunce|clown|pest|menace|pain in the "
    r"(?:neck|butt|arse|ass)|silly (?:goose|billy)|twit|prat|plonker|wally|dweeb|nutter|nutcase|lunatic|"
    r"stubborn old \w+)\b", re.IGNORECASE)
AFFECTION = re.compile(
    rf"\b(?:i|we) (?:(?:still|really|just|absolutely) )?(?:love|adore|miss|missed|cherish) (?:him|her|you|them|"
    rf"that|this|my|our)\b|\b(?:love|adore) (?:him|her|you|them) (?:to bits|to death|anyway|so much|dearly)\b|"
    rf"\bi{_A}?d do anything for\b|\blost without\b|\bmy favou?rite\b|\bmissed you\b|\bbless (?:him|her|them)\b|"
    rf"\bbless (?:his|her|their) (?:heart|soul)\b|\blov(?:e)?able\b|"
    rf"\b(?:he|she|they){_A}?(?:s| is| are|re) (?:our|my) \w+\b|"
    rf"\bbut (?:he|she){_A}?s (?:my|our|a sweetheart|a sweetie|sweet|lovely|adorable)\b|\bsweetheart\b|"
    rf"\bi love (?:you|him|her)\b|\blove you\b|\b(?:adorable|endearing|cute)\b|\bmy (?:best friend|bestie)\b",
    re.IGNORECASE)
ATTACK = re.compile(
    rf"\b(?:hate|hates|hated|die|dies|dead|kill|shut up|worthless|useless|pathetic|disgusting|ugly|fat|stupid "
    rf"(?:bitch|cunt)|bitch|cunt|whore|slut|retard\w*|fag\w*|nigg\w*|trash|garbage|scum|loser|get lost|go away|"
    rf"never|can{_A}t stand)\b", re.IGNORECASE)
TRIGGERS = frozenset(
    "idiot idiots dork dorks moron morons dummy dum fool fools brat brats muppet goofball goof dumbass doofus dingus "
    "numpty nitwit knucklehead airhead weirdo nerd dope dunce clown pest menace pain silly twit prat plonker wally "
    "dweeb nutter nutcase lunatic stubborn".split())


def is_affectionate_insult(sentence: str) -> bool:
    """Whether ``sentence`` is a mild insult said with affection (see the module docstring)."""
    if TRIGGERS.isdisjoint(words(sentence)):
        return False
    return bool(MILD_INSULT.search(sentence)) and bool(AFFECTION.search(sentence)) and not ATTACK.search(sentence)


class AffectionateInsult:
    """The recognizer (see the module docstring): level 1 (``level_one``: the engine takes its P(clearly toxic))."""

    name = "affectionate-insult"
    version = 1
    raises = True
    level_one = True

    def adjust(self, texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer
               ) -> tuple[np.ndarray, np.ndarray]:
        toxic = np.array(toxic, np.float64)
        severe = np.array(severe, np.float64)
        for i, text in enumerate(texts):
            parts = sentences(text[:4000])
            picked = [p for p in parts if is_affectionate_insult(p)]
            if picked and len(picked) == len(parts):  # every sentence fond: another one may carry a real attack
                toxic[i], severe[i] = max(toxic[i], LEVEL_ONE_FLOOR), min(severe[i], CAP)
        return toxic, severe
