"""Censored profanity: "That's bullsh*t", "What the f**k", "This weather is sh1t", "bull$hit".

alt-profanity-check reads whole words, and the tokenizer cuts "bullsh*t" into pieces the head never saw together,
so a masked swear word scores lower than the word itself ("That's bullsh*t" level 0, "That's bullshit" level 1).
The guideline rates what the writer says, and the mask hides nothing from a reader. A word is unmasked here
(:func:`unmask`) when it starts with a letter, holds a mask (:data:`MASKS`: ``* # @ ! $ %`` or a digit) and
matches a swear word (:data:`SWEAR_WORDS`) of the same length letter by letter, a symbol standing for any letter,
``1 0 3 5 4`` for ``i o e s a`` (other digits for nothing: "P226" is a pistol), at most half of it masked. A
text holding one is scored as its unmasked form too, and keeps the higher
P(toxic) (it only raises); its P(clearly toxic) stays its own: measured on the Davidson tweets (head trained on
Stormfront only), raising both moved 7 "offensive" rows to level 2 and fixed none, so a masked word lifts a text
to level 1 at most.

Example:
    >>> unmask("That's bullsh*t, and f**k this."), unmask("Use sh*.txt to match files.")
    ("That's bullshit, and fuck this.", None)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ml_backend.toxicity.recognizers.units import MAX_CHARS

SWEAR_WORDS: tuple[str, ...] = (
    "fuck", "fucks", "fucked", "fucker", "fuckers", "fucking", "fuckin", "motherfucker", "shit", "shits", "shitty",
    "bullshit", "horseshit", "crap", "crappy", "bitch", "bitches", "asshole", "assholes", "arsehole", "bastard",
    "bastards", "damn", "dammit", "goddamn", "dick", "dicks", "dickhead", "piss", "pissed", "cunt", "cunts", "twat",
    "wanker", "prick", "whore", "slut", "douche", "douchebag", "jackass", "dumbass", "hell", "bloody", "bollocks",
)
MASKS = frozenset("*#@!$%0123456789")
_LEET = {"1": "i", "0": "o", "3": "e", "$": "s", "@": "a", "5": "s", "4": "a"}
_TOKEN = re.compile(r"(?<![\w*#@!$%])[A-Za-z][A-Za-z*#@!$%0-9]{1,14}")
_BY_LENGTH: dict[int, tuple[str, ...]] = {}
for _w in SWEAR_WORDS:
    _BY_LENGTH[len(_w)] = (*_BY_LENGTH.get(len(_w), ()), _w)


def _stands_for(c: str, letter: str) -> bool:
    """Whether the character ``c`` may stand for ``letter``: itself, a symbol mask, or its digit / sign look-alike."""
    return c == letter or c in _SYMBOLS or _LEET.get(c) == letter


_SYMBOLS = frozenset("*#%!@$")


def _match(token: str) -> str | None:
    low = token.lower()
    letters = sum(c.isalpha() for c in low)
    if letters < 2 or 2 * (len(low) - letters) > len(low):  # mostly masks ("****", "p226"): no word to read
        return None
    for word in _BY_LENGTH.get(len(low), ()):
        if all(_stands_for(c, w) for c, w in zip(low, word)):
            return word
    return None


def _unmask_token(token: str) -> str:
    """The swear word a masked token stands for (the token itself when none): also a token with a trailing ``!``
    that belongs to the sentence ("sh!t!")."""
    word = _match(token)
    if word is None and token[-1] in "!$%" :
        word = _match(token.rstrip("!$%"))
        if word is not None:
            return word + token[len(token.rstrip("!$%")):]
    return word or token


def unmask(text: str) -> str | None:
    """``text`` with its masked swear words written out, or None when it holds none."""
    if not any(c in MASKS for c in text):
        return None
    out = _TOKEN.sub(lambda m: _unmask_token(m.group(0)) if any(c in MASKS for c in m.group(0)) else m.group(0),
                     text)
    return out if out != text else None


class CensoredProfanity:
    """The recognizer (see the module docstring): a text's P(toxic) is at least its unmasked form's; it only raises,
    and P(clearly toxic) stays the text's own (``level_one``: a masked word lifts a text to level 1, never to 2)."""

    name = "censored-profanity"
    version = 1
    raises = True
    level_one = True

    def adjust(self, texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer
               ) -> tuple[np.ndarray, np.ndarray]:
        toxic = np.array(toxic, np.float64)
        severe = np.array(severe, np.float64)
        todo = [(i, u) for i, t in enumerate(texts) if len(t) <= MAX_CHARS and (u := unmask(t)) is not None]
        if todo:
            p_toxic, p_severe, _ = scorer([u for _, u in todo])
            for (i, _), t in zip(todo, p_toxic):
                toxic[i] = max(toxic[i], float(t))
        return toxic, severe
