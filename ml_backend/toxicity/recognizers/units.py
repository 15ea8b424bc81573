"""Cut a text into sentences, and re-score a text from its parts (shared by the recognizers).

A recognizer that looks at a part of a text (one sentence) needs that part's own probabilities and a
way back to the text's: the text then takes the maximum over its parts, each part after the recognizer's
correction. Only texts with a part the recognizer picked are re-scored; every other text keeps its figures.

Every pattern is linear-time (character classes, no nested quantifiers).

Example:
    >>> sentences("You lie. Go away!  Fine")
    ['You lie.', 'Go away!', 'Fine']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np

from ml_backend.toxicity.profanity import profanity_scores

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
#: Longer texts are left alone: a recognizer is for sentences, and a long text's windows already cover it.
MAX_CHARS = 2000

#: ``(part, p_toxic, p_severe, profanity) -> (p_toxic, p_severe)`` for a picked part, or None to keep it.
PartFix = Callable[[str, float, float, float], tuple[float, float] | None]


def sentences(text: str) -> list[str]:
    """The non-empty sentences of ``text`` (cut after ``.``, ``!`` or ``?`` followed by a space).

    Every recognizer cuts every text of a batch, so the cut is remembered for the last :data:`SPLIT_CACHE` texts
    (a new list each call: a caller may keep or change it).
    """
    if len(text) > SPLIT_CACHE_CHARS:  # a long text is cut afresh: the memory stays bounded (512 x 8,000 chars)
        return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
    return list(_sentences(text))


#: Texts whose sentences :func:`sentences` remembers (a batch's texts, each cut by up to 16 recognizers), and the
#: longest text it remembers.
SPLIT_CACHE = 512
SPLIT_CACHE_CHARS = 8_000


@lru_cache(maxsize=SPLIT_CACHE)
def _sentences(text: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in _SENTENCE_END.split(text) if s.strip())


def rescore_by_parts(
    texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer,
    split: Callable[[str], list[str]], picked: Callable[[str], bool], fix: PartFix,
) -> tuple[np.ndarray, np.ndarray]:
    """Per text: when ``picked`` holds for one of its parts (``split``), the maximum over its parts after ``fix``.

    ``scorer(strings) -> (toxic, severe, profanity)`` scores all parts of all picked texts in one call.
    """
    toxic = np.array(toxic, np.float64)
    severe = np.array(severe, np.float64)
    todo: list[tuple[int, list[str]]] = []
    for i, text in enumerate(texts):
        if len(text) > MAX_CHARS:
            continue
        parts = split(text)
        if any(picked(p) for p in parts):
            todo.append((i, parts))
    if not todo:
        return toxic, severe
    flat = [p for _, parts in todo for p in parts]
    p_toxic, p_severe, profanity = scorer(flat)
    k = 0
    for i, parts in todo:
        best_t = best_s = 0.0
        changed = False
        for part in parts:
            t, s, q = float(p_toxic[k]), float(p_severe[k]), float(profanity[k])
            k += 1
            fixed = fix(part, t, s, q) if picked(part) else None
            if fixed is not None:
                t, s = fixed
                changed = True
            best_t, best_s = max(best_t, t), max(best_s, s)
        if changed:
            toxic[i], severe[i] = min(toxic[i], best_t), min(severe[i], best_s)
    return toxic, severe


#: The most a lowered sentence keeps of either probability (below level 1 at every threshold in use).
CAP = 0.3


def cap_part(part: str, t: float, s: float, q: float) -> tuple[float, float]:
    """A :data:`PartFix` that lowers a picked sentence: to :data:`CAP` (level 0); when alt-profanity-check flags
    it (``q >= 0.5``: a slur or a swear word quoted verbatim), only ``P(clearly toxic)``, so it stays at most
    level 1 ("toxic to some people").

    >>> cap_part("x", 0.9, 0.8, 0.1), cap_part("x", 0.9, 0.8, 0.9)
    ((0.3, 0.3), (0.9, 0.3))
    """
    if q >= 0.5:
        return t, min(s, CAP)
    return min(t, CAP), min(s, CAP)


def cap_part_without(words: re.Pattern[str]) -> PartFix:
    """:func:`cap_part`, with alt-profanity-check asked again with ``words`` blanked out when it flagged the
    sentence: for words it flags by themselves that the recognizer's frame uses innocently ("racist" in a sentence
    condemning a claim, "gay" in a proud one), so that such a word alone does not keep the sentence at level 1.

    >>> fix = cap_part_without(re.compile("x"))
    >>> fix("a calm sentence", 0.9, 0.8, 0.1)
    (0.3, 0.3)
    """
    def fix(part: str, t: float, s: float, q: float) -> tuple[float, float]:
        if q >= 0.5:
            q = profanity_scores([words.sub(" ", part)])[0]
        return cap_part(part, t, s, q)

    return fix


#: ``part -> the part as it would read without what misleads the head`` (None: the part is not picked).
Rewrite = Callable[[str], str | None]


def rescore_rewritten(
    texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer, rewrite: Rewrite,
) -> tuple[np.ndarray, np.ndarray]:
    """Per text with a part that ``rewrite`` picks: the maximum over its parts, a picked part scored as its
    rewritten form (e.g. "I hate Mondays" as "I dislike Mondays"); never above the text's own figures.

    What stays toxic in a rewritten part (a swear word, an insult) keeps its score: only the misleading words are
    taken out. ``scorer`` scores every part of every picked text in one call.

    >>> def scorer(parts):
    ...     t = np.asarray([0.9 if "hate" in p else 0.1 for p in parts])
    ...     return t, t, np.zeros(len(parts))
    >>> rescore_rewritten(["I hate Mondays.", "I hate you."], np.full(2, 0.9), np.full(2, 0.9), scorer,
    ...                   lambda p: p.replace("hate", "dislike") if "Mondays" in p else None)[0].tolist()
    [0.1, 0.9]
    """
    toxic = np.array(toxic, np.float64)
    severe = np.array(severe, np.float64)
    todo: list[tuple[int, list[str]]] = []
    for i, text in enumerate(texts):
        if len(text) > MAX_CHARS:
            continue
        parts = sentences(text)
        rewritten = [rewrite(p) for p in parts]
        if any(r is not None for r in rewritten):
            todo.append((i, [p if r is None else r for p, r in zip(parts, rewritten)]))
    if not todo:
        return toxic, severe
    p_toxic, p_severe, _ = scorer([p for _, parts in todo for p in parts])
    k = 0
    for i, parts in todo:
        n = len(parts)
        toxic[i] = min(toxic[i], float(np.max(p_toxic[k:k + n])))
        severe[i] = min(severe[i], float(np.max(p_severe[k:k + n])))
        k += n
    return toxic, severe


#: The least P(toxic) a sentence raised to level 1 keeps (level 1 at the default thresholds (0.5, 0.5)).
LEVEL_ONE_FLOOR = 0.6
#: Below this P(toxic) the head called the sentence clean (the default level-1 threshold).
HEAD_CLEAN = 0.5


def raise_to_level_one(texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray,
                       picked: Callable[[str], bool]) -> tuple[np.ndarray, np.ndarray]:
    """Per text with a sentence ``picked`` holds for, P(toxic) at least :data:`LEVEL_ONE_FLOOR`; where the head
    called it clean (below :data:`HEAD_CLEAN`), P(clearly toxic) at most the head's P(toxic), so that it lands on
    level 1 (for a ``level_one`` recognizer: the engine takes the returned P(clearly toxic) as it is).

    >>> t, s = raise_to_level_one(["Go away.", "Hi."], np.array([0.2, 0.2]), np.array([0.4, 0.4]),
    ...                           lambda s: "away" in s)
    >>> t.tolist(), s.tolist()
    ([0.6, 0.2], [0.2, 0.4])
    """
    toxic = np.array(toxic, np.float64)
    severe = np.array(severe, np.float64)
    for i, text in enumerate(texts):
        if toxic[i] < LEVEL_ONE_FLOOR and any(picked(s) for s in sentences(text[:4000])):
            if toxic[i] < HEAD_CLEAN:
                severe[i] = min(severe[i], toxic[i])
            toxic[i] = LEVEL_ONE_FLOOR
    return toxic, severe


def raise_to_level_two(texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray,
                       picked: Callable[[str], bool], floor: float = 0.9) -> tuple[np.ndarray, np.ndarray]:
    """Per text with a sentence ``picked`` holds for, both probabilities at least ``floor`` (level 2).

    >>> raise_to_level_two(["I hope you die."], np.array([0.3]), np.array([0.2]), lambda s: True)[1].tolist()
    [0.9]
    """
    toxic = np.array(toxic, np.float64)
    severe = np.array(severe, np.float64)
    for i, text in enumerate(texts):
        if any(picked(s) for s in sentences(text[:4000])):
            toxic[i], severe[i] = max(toxic[i], floor), max(severe[i], floor)
    return toxic, severe
