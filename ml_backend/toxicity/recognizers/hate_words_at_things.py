"""Hate and violence words aimed at things, not at people: "I hate Mondays", "I hate it when the bus is late",
"this bug is killing me", "she's killing it at the gym", "my cat is a little monster".

The head and alt-profanity-check both read "hate" and "kill" as the strongest signs of toxicity (the head gives
"I hate Mondays" 0.82, "These shoes are murdering my feet" level 2). A sentence is picked here when it holds

* the speaker's dislike (:data:`DISLIKE`: "I hate", "we really can't stand", "I loathe", ...), and names no
  person or group (:func:`~ml_backend.toxicity.recognizers.groups.names_a_person`: no "you", "them", "people",
  group name or capitalised name; days and months are fine);
* a thing harming the speaker (:data:`HURTS_ME`: "is killing me", "are murdering my feet", "destroyed my
  back", "will be the death of me"), naming no person or group either; or
* a success idiom (:data:`SUCCESS`: "killing it", "nailed it", "slayed it") or a fond "little monster(s)"
  (:data:`FOND`), whoever it is about;

and no threat frame (a first-person intent: "I'll kill it" about a person is the threats recognizer's).
A picked sentence is not capped: it is re-scored with those words replaced by mild ones (:func:`mild`: "hate" ->
"dislike", "killing me" -> "bothering me"), so whatever else in it is rude (a swear word) keeps its score
(:func:`~ml_backend.toxicity.recognizers.units.rescore_rewritten`).

Example:
    >>> mild("I absolutely hate traffic on the bridge.")
    'I absolutely dislike traffic on the bridge.'
    >>> mild("This bug is killing me."), mild("I hate you."), mild("I hate Muslims.")
    ('This bug is bothering me.', None, None)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ml_backend.toxicity.recognizers.groups import mentions_group, names_a_person, words
from ml_backend.toxicity.recognizers.threats import INTENT
from ml_backend.toxicity.recognizers.units import rescore_rewritten

_A = "['\u2019]"
_ADVERBS = r"(?:(?:really|absolutely|just|so|honestly|truly|totally|genuinely|literally|seriously|kinda|kind of|" \
           r"sometimes|always|still|do|actually) )*"
DISLIKE = re.compile(
    rf"\b(?P<who>i|we) {_ADVERBS}(?P<verb>hate|hated|hating|loathe|loathed|detest|detested|despise|despised|"
    rf"can{_A}?t stand|cannot stand|could not stand|couldn{_A}t stand)\b", re.IGNORECASE)
HURTS_ME = re.compile(
    r"\b(?P<verb>killing|murdering|destroying|wrecking|torturing|slaughtering|killed|murdered|destroyed|wrecked|"
    r"slaughtered)(?P<obj> (?:me|us|my \w+|our \w+))\b|\b(?P<death>(?:be|is|was|will be) the death of "
    r"(?:me|us))\b", re.IGNORECASE)
SUCCESS = re.compile(
    r"\b(?:killing|killed|kill|kills|slaying|slayed|slay|slays|nailed|nailing|crushing|crushed|smashing|smashed) "
    r"it\b(?! (?:with|to death|off))", re.IGNORECASE)
FOND = re.compile(r"\b(?:little|tiny|cute|sweet|adorable|furry|cheeky) monsters?\b", re.IGNORECASE)
#: A sentence without one of these words holds none of the patterns above (a cheap test first).
TRIGGERS = frozenset(
    "hate hated hating loathe loathed detest detested despise despised stand killing murdering destroying wrecking "
    "torturing slaughtering killed murdered destroyed wrecked slaughtered death kill kills slaying slayed slay slays "
    "nailed nailing crushing crushed smashing smashed monster monsters".split())
_MILD = {"hate": "dislike", "hated": "disliked", "hating": "disliking", "loathe": "dislike", "loathed": "disliked",
         "detest": "dislike", "detested": "disliked", "despise": "dislike", "despised": "disliked"}


def _mild_verb(verb: str) -> str:
    return _MILD.get(verb.lower(), "dislike")


def mild(sentence: str) -> str | None:
    """``sentence`` with its hate or violence words about things made mild, or None when it is not picked (see
    the module docstring)."""
    if TRIGGERS.isdisjoint(words(sentence)) or INTENT.search(sentence):
        return None
    out, picked = sentence, False
    if SUCCESS.search(out) and not mentions_group(out):
        out, picked = SUCCESS.sub("doing great", out), True
    if FOND.search(out):
        out, picked = FOND.sub("little rascal", out), True
    person = names_a_person(out)
    if not person and DISLIKE.search(out):
        out = DISLIKE.sub(lambda m: m.group(0)[:m.start("verb") - m.start()] + _mild_verb(m.group("verb")), out)
        picked = True
    if not person and HURTS_ME.search(out):
        out = HURTS_ME.sub(lambda m: "is too much for me" if m.group("death") else f"bothering{m.group('obj')}",
                           out)
        picked = True
    return out if picked else None


class HateWordsAtThings:
    """The recognizer (see the module docstring)."""

    name = "hate-words-at-things"
    version = 1
    raises = False

    def adjust(self, texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer
               ) -> tuple[np.ndarray, np.ndarray]:
        return rescore_rewritten(texts, toxic, severe, scorer, mild)
