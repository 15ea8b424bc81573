"""Presidio's context enhancement without a lemmatizer: a score boost when a recognizer's context word is near.

Presidio's ``LemmaContextAwareEnhancer`` raises a result's score by 0.35 (to at least 0.4) when one of its
recognizer's ``context`` words is a substring of one of the keywords among the match token and the five keywords
before it, keywords being the *lemmas* of the text that are not stop words or punctuation. Running spaCy's
tagger and lemmatizer for that cost more than half of the engine's time. :func:`enhance_scores` does the same on
the lower-cased token texts instead of lemmas: the context words are matched as substrings, so plurals and
most verb forms still match ("cards" contains "card", "called" contains "call"); an irregular form whose lemma
is the context word and that does not contain it ("drove" for "drive") no longer counts.

    >>> import spacy
    >>> from presidio_analyzer import RecognizerResult
    >>> from presidio_analyzer.predefined_recognizers import UsPassportRecognizer
    >>> rec = UsPassportRecognizer()
    >>> doc = spacy.blank("en")("my passport number: 912803456")
    >>> r = RecognizerResult("US_PASSPORT", 20, 29, 0.05, recognition_metadata={"recognizer_identifier": rec.id})
    >>> [round(x.score, 2) for x in enhance_scores(doc.text, [r], {rec.id: rec}, doc)]
    [0.4]
"""

from __future__ import annotations

import bisect
from typing import Any, Mapping, Sequence

from presidio_analyzer import EntityRecognizer, RecognizerResult

SIMILARITY_FACTOR = 0.35
MIN_SCORE_WITH_CONTEXT = 0.4
PREFIX_COUNT = 5


def _keywords(doc: Any) -> tuple[list[str], set[str]]:
    words = [t.lower_ for t in doc]
    keys = {w for t, w in zip(doc, words) if not t.is_stop and not t.is_punct and w not in ("-pron-", "be")}
    keys |= {part for k in keys for part in k.split(":")}
    return words, keys


def enhance_scores(text: str, results: Sequence[RecognizerResult], recognizers: Mapping[str, EntityRecognizer],
                   doc: Any) -> list[RecognizerResult]:
    """``results`` with their scores raised where a context word of their recognizer is near (in place)."""
    if doc is None or not len(doc):
        return list(results)
    words: list[str] | None = None
    keys: set[str] = set()
    ends: list[int] | None = None
    for r in results:
        meta = r.recognition_metadata or {}
        rec = recognizers.get(meta.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, ""))
        if rec is None or not rec.context or meta.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
            continue
        if words is None or ends is None:
            words, keys = _keywords(doc)
            ends = [t.idx + len(t) for t in doc]
        # the match token: the first token that ends after the match starts (as Presidio picks it)
        index = min(bisect.bisect_right(ends, r.start), len(ends) - 1)
        context: list[str] = []
        i, remaining = index, PREFIX_COUNT + 1
        while 0 <= i and remaining > 0:
            if words[i] in keys:
                context.append(words[i])
                remaining -= 1
            i -= 1
        if index < len(words) and words[index] in keys:
            context.append(words[index])  # Presidio's forward context: the match token itself
        if any(cw.lower() in k for cw in rec.context for k in context):
            r.score = min(1.0, max(r.score + SIMILARITY_FACTOR, MIN_SCORE_WITH_CONTEXT))
    return list(results)
