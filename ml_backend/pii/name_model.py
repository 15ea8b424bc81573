"""The learned person-name detector: a logistic regression over the sparse token features of
:mod:`ml_backend.pii.name_features`, stored as one weight per feature string (``data/name_model.json.gz``, built
by ``ml_backend/data/build_name_model.py``), and the decoding of its token scores into name spans.

A token is a name token when its probability reaches the model's threshold; adjacent name tokens (one space
apart, or joined by a hyphen) make one span; a particle ("van", "de", "al") may sit inside a span, never at its
edge; a trailing possessive stays outside. Only spans of two name words or more are returned (a full name): a lone
given name is usually no PII under the guideline.

    >>> model = NameModel({"b": -2.0, "w=derek": 3.0, "w=holloway": 3.0}, 0.0, 0.5, "names-test")
    >>> from ml_backend.pii.name_features import Lexicon
    >>> lex = Lexicon(frozenset(), frozenset(), frozenset({"ask", "team"}))
    >>> text = "ask derek holloway's team"
    >>> [text[s:e] for s, e, _ in model.spans(text, lex)]
    ['derek holloway']
"""

from __future__ import annotations

import gzip
import json
import math
from functools import cache
from pathlib import Path

from ml_backend.pii.name_features import PARTICLES, Lexicon, Token, candidates, features, text_case, tokenize

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "name_model.json.gz"


class NameModel:
    """Weights per feature string, an intercept, the decision threshold and a version (``names-1``)."""

    def __init__(self, weights: dict[str, float], intercept: float, threshold: float, version: str) -> None:
        self.weights = weights
        self.intercept = intercept
        self.threshold = threshold
        self.version = version
        # the threshold as a margin on the linear score: no exp per token
        self.margin = math.log(threshold / (1.0 - threshold))

    def scores(self, tokens: list[Token], lex: Lexicon, tcase: str, idx: list[int]) -> list[float]:
        """The linear score (log-odds) of each token in ``idx``."""
        w = self.weights
        get = w.get
        return [self.intercept + sum(get(f, 0.0) for f in features(tokens, i, lex, tcase)) for i in idx]

    def spans(self, text: str, lex: Lexicon) -> list[tuple[int, int, float]]:
        """``(start, end, probability)`` of the full names found in ``text`` (the mean probability of its words)."""
        tokens = tokenize(text)
        idx = paired(text, tokens, candidates(tokens, lex))
        if not idx:
            return []
        tcase = text_case(text)
        hot = {i: s for i, s in zip(idx, self.scores(tokens, lex, tcase, idx)) if s >= self.margin}
        return decode(text, tokens, hot)


def _joined(text: str, tokens: list[Token], a: int, b: int) -> bool:
    """Tokens ``a < b`` can sit in one span: one space or tab apart, or joined by a hyphen ("Obi-Nwankwo")."""
    if b == a + 1:
        return text[tokens[a][1]:tokens[b][0]] in (" ", "\t")
    return (b == a + 2 and tokens[a + 1][2] == "-" and tokens[a][1] == tokens[a + 1][0]
            and tokens[a + 1][1] == tokens[b][0])


def paired(text: str, tokens: list[Token], idx: list[int]) -> list[int]:
    """The candidates that have a candidate neighbour they could form a span with: only these are scored (a lone
    name token makes no span), which skips most tokens of a text.

    >>> toks = tokenize("Ask Derek Holloway and Sam")
    >>> paired("Ask Derek Holloway and Sam", toks, [0, 1, 2, 4])
    [0, 1, 2]
    """
    keep: set[int] = set()
    for a, b in zip(idx, idx[1:]):
        if _joined(text, tokens, a, b):
            keep.update((a, b))
    return sorted(keep)


def decode(text: str, tokens: list[Token], hot: dict[int, float]) -> list[tuple[int, int, float]]:
    """Spans of adjacent name tokens (``hot``: token index -> log-odds of the tokens over the threshold)."""
    out: list[tuple[int, int, float]] = []
    run: list[int] = []

    def close() -> None:
        while run and tokens[run[-1]][2].casefold() in PARTICLES:
            run.pop()
        while run and tokens[run[0]][2].casefold() in PARTICLES:
            run.pop(0)
        words = [i for i in run if tokens[i][2] != "-"]
        if len(words) >= 2:
            p = sum(1.0 / (1.0 + math.exp(-hot[i])) for i in words) / len(words)
            out.append((tokens[run[0]][0], tokens[run[-1]][1], round(p, 3)))
        run.clear()

    for i in sorted(hot):
        if run:
            last = run[-1]
            if not _joined(text, tokens, last, i):
                close()
            elif i == last + 2:
                run.append(last + 1)  # the hyphen
        run.append(i)
    close()
    return out


@cache
def load_model(path: Path = MODEL_PATH) -> NameModel:
    """The stored model (cached per process).

    >>> load_model().version.startswith("names-")     # doctest: +SKIP
    True
    """
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    return NameModel(data["weights"], float(data["intercept"]), float(data["threshold"]), data["version"])
