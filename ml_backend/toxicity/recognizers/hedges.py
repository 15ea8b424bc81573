"""Hedges: frames that LOOK like counter-speech or negation but carry the insult or the hateful claim anyway.

"I'm not saying they're vermin, but they are", "No offense, but you're an idiot", "I'm not racist, but ...",
"Not all of them are thieves, just most", "It's not racist to say X, it's a fact", "Saying X isn't hate, it's the
truth", "People who say X are right", "Calling them animals is an insult to animals". A sentence holding one
(:func:`is_hedged`) is never lowered by the counter-speech or the negated-hate recognizer: its figures stay the
head's. Shared by both (not a recognizer itself).

Every pattern is linear-time (no nested quantifiers).

Example:
    >>> is_hedged("No offense, but you're an idiot."), is_hedged("It's not true that women are worse drivers.")
    (True, False)
"""

from __future__ import annotations

import re

_APOS = "['\u2019]"
HEDGES = re.compile(
    # "no offense but", "not to be rude but", "with all due respect", "I'm not racist but"
    rf"\bno offen[cs]e\b|\bnot to be (?:rude|mean|racist|harsh)\b|\bwith (?:all )?due respect\b|"
    rf"\bi{_APOS}?m not (?:a )?(?:racist|sexist|homophobic|bigot\w*|hater)\b|\bi am not (?:a )?(?:racist|sexist)\b|"
    # "I'm not saying X, but ...", "it's not that X, they just ...", "I don't hate X, I just ..."
    rf"\b(?:not|n{_APOS}t) (?:saying|that|hate|mind)\b[^.!?]{{0,120}}?\b(?:but|just|only)\b|"
    rf"\bnobody is saying\b[^.!?]{{0,120}}?\bbut\b|"
    # "not all X are Y, just most of them"; "not all ... but most"
    rf"\bnot all\b[^.!?]{{0,80}}?\b(?:just|only|but) (?:most|many|the majority)\b|"
    # the frame is denied: "it's not racist to say", "isn't hate", "is not bigotry"
    rf"\b(?:isn{_APOS}t|wasn{_APOS}t|aren{_APOS}t|(?:is|was|are|it{_APOS}s|it is|that{_APOS}s) not) (?:racis[mt]|"
    rf"hate|hateful|hate speech|bigot\w*|sexis[mt]|wrong|offensive|a stereotype|prejudice\w*)\b|"
    rf"\b(?:it{_APOS}s|it is|that{_APOS}s|that is|just) (?:the|a) (?:truth|fact)\b|\bjust facts?\b|"
    rf"\b(?:are|is|were) (?:right|correct)\b|\binsult to (?:animals|pigs|dogs|rats|apes|monkeys)\b|\btoo good for\b|"
    rf"\bno (?:better|different) (?:than|from) (?:animals|rats|dogs|pigs|apes|monkeys|vermin|cockroaches|savages|"
    rf"beasts|parasites|trash|garbage)\b",
    re.IGNORECASE)


def is_hedged(sentence: str) -> bool:
    """Whether ``sentence`` holds a hedge (see the module docstring)."""
    return bool(HEDGES.search(sentence))
