"""JSON Lines bytes, exactly as ``json.dumps(record, ensure_ascii=False) + "\\n"`` encoded in UTF-8, fast.

Two encoders with one contract (tests/test_export_encode.py checks it against ``json.dumps`` on the real and
the benchmark exports, and on generated records):

- :func:`jsonl_record`: any record (SFT, labels, grouped), through the standard library's C encoder;
- :func:`pair_lines`: every pair of one ranking in a pair format, built from byte pieces. The pairs of a ranking
  share its prompt and outputs: each text is JSON-encoded once per ranking (orjson: the same bytes as
  ``json.dumps`` with ``ensure_ascii=False`` for every code point), then every line is joined from those
  pieces, never built key by key.

    >>> from exporters.pairs import RankedTask
    >>> from exporters.rankings import Ranking
    >>> from exporters.tasks import Output
    >>> outs = {"a": Output(0, "a", "Hi!", "m1"), "b": Output(1, "b", 'Go "away"', None)}
    >>> ranked = RankedTask(7, 3, "Say hi", [], outs, Ranking({"a": 1, "b": 2}), {"a": 6, "b": 4}, "train")
    >>> lines = pair_lines(ranked, "trl")
    >>> lines.main[0].decode()[:64]
    '{"prompt": "Say hi", "chosen": "Hi!", "rejected": "Go \\\\"away\\\\"",'
    >>> import json
    >>> json.loads(lines.main[0])["likert_margin"], lines.meta, lines.ties
    (2, [], [])

A text that cannot be UTF-8 (a lone surrogate, e.g. from invalid bytes in the input) raises :class:`BadText`,
which the writers report as that task's problem.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

import orjson

from exporters.pairs import RankedTask

_json_dumps = json.JSONEncoder(ensure_ascii=False).encode


class BadText(ValueError):
    """A text of the record is not valid Unicode (a lone surrogate); the record cannot be written."""


def jsonl_record(record: Any) -> bytes:
    """``json.dumps(record, ensure_ascii=False) + "\\n"`` in UTF-8.

    >>> jsonl_record({"a": "é", "b": [1, 2.5, None, True]})
    b'{"a": "\\xc3\\xa9", "b": [1, 2.5, null, true]}\\n'

    Raises:
        BadText: a text holds a lone surrogate.
    """
    try:
        return (_json_dumps(record) + "\n").encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadText("a text is not valid UTF-8 (a lone surrogate or invalid bytes in the input)") from exc


def text(value: str) -> bytes:
    """A JSON string, as ``json.dumps(value, ensure_ascii=False)`` in UTF-8.

    >>> text('a "b"\\n'), text("☕")
    (b'"a \\\\"b\\\\"\\\\n"', b'"\\xe2\\x98\\x95"')
    """
    try:
        return orjson.dumps(value)
    except TypeError as exc:  # orjson refuses lone surrogates
        raise BadText("a text is not valid UTF-8 (a lone surrogate or invalid bytes in the input)") from exc


def optional_text(value: str | None) -> bytes:
    """A JSON string or ``null``."""
    return b"null" if value is None else text(value)


def number(value: Any) -> bytes:
    """A JSON number as ``json.dumps`` writes it (ints as ints, floats by ``float.__repr__``), or ``null``.

    >>> number(3), number(1.5), number(None), number(1e16)
    (b'3', b'1.5', b'null', b'1e+16')
    """
    if value is None:
        return b"null"
    if value is True or value is False:
        return b"true" if value else b"false"
    if type(value) is int:
        return b"%d" % value
    return _json_dumps(value).encode("ascii")


def messages(turns: list[dict[str, str]]) -> bytes:
    """A list of ``{"role", "content"}`` messages (roles and contents as strings)."""
    return b"[" + b", ".join(b'{"role": ' + text(t["role"]) + b', "content": ' + text(t["content"]) + b"}"
                             for t in turns) + b"]"


class PairLines(NamedTuple):
    """The encoded lines of one ranking's pairs: the main file, the side file (``hh``/``openai``), the ties file
    (with ``keep_ties``), and how many tied pairs the ranking has."""

    main: list[bytes]
    meta: list[bytes]
    ties: list[bytes]
    n_ties: int = 0


# Formats whose records carry the pair metadata in-line; the others write it to a side file, line for line.
INLINE_META = ("trl", "trl-chat")
_TIE_FALSE, _TIE_TRUE = b', "tie": false}\n', b', "tie": true}\n'
_MARGIN, _LIKERT = b', "margin": ', b', "likert_margin": '
_NSMALL = 64
_SMALL = [b"%d" % k for k in range(_NSMALL)]  # ranks, margins and rating differences are mostly small ints


def pair_lines(ranked: RankedTask, fmt: str, keep_ties: bool = False) -> PairLines:
    """The JSON Lines of every pair of ``ranked`` in pair format ``fmt`` (``trl``, ``trl-chat``, ``hh``,
    ``openai``), byte for byte what ``json.dumps`` writes of the records of :mod:`exporters.formats`, in the
    order of :func:`exporters.pairs.ranking_to_pairs`.

    Args:
        ranked: one ranking with its prompt and outputs.
        fmt: the pair format.
        keep_ties: also encode the tied pairs, for the ties file (``trl`` layout for ``trl``, ``trl-chat``
            layout otherwise, metadata in-line, ``"tie": true``); they never go to the main file.

    Raises:
        BadText: a text of this ranking cannot be written.
    """
    likert = ranked.likert
    ranked_outputs = ranked.ranked()
    n = len(ranked_outputs)
    tid, ann, split = number(ranked.task_id), number(ranked.annotator), optional_text(ranked.split)
    ids = [text(o.id) for o, _ in ranked_outputs]
    texts = [text(o.text) for o, _ in ranked_outputs]
    models = [optional_text(o.model) for o, _ in ranked_outputs]
    ranks = [r for _, r in ranked_outputs]
    rank_b = [number(r) for r in ranks]
    rates = [likert.get(o.id) for o, _ in ranked_outputs]
    # the metadata of a pair: meta_head, chosen_ids[i], ids[j], chosen_ranks[i], rank_b[j], MARGIN, margin,
    # LIKERT, likert margin, chosen_models[i], models[j], tail (+ tie)
    meta_head = b', "task_id": ' + tid + b', "annotator": ' + ann + b', "chosen_id": '
    chosen_ids = [i + b', "rejected_id": ' for i in ids]
    chosen_ranks = [b', "chosen_rank": ' + r + b', "rejected_rank": ' for r in rank_b]
    chosen_models = [b', "chosen_model": ' + m + b', "rejected_model": ' for m in models]
    tail, tail_tie = b', "split": ' + split + _TIE_FALSE, b', "split": ' + split + _TIE_TRUE

    if fmt == "trl":
        heads = [b'{"prompt": ' + text(ranked.prompt) + b', "chosen": ' + t + b', "rejected": ' for t in texts]
        rejected = texts
    else:
        assistant = [b'[{"role": "assistant", "content": ' + t + b"}]" for t in texts]
        msgs = messages([*ranked.history, {"role": "user", "content": ranked.prompt}])
        chat_heads = [b'{"prompt": ' + msgs + b', "chosen": ' + a + b', "rejected": ' for a in assistant]
        rejected = assistant
        if fmt == "trl-chat":
            heads = chat_heads
        elif fmt == "hh":
            from exporters.formats import hh_prompt

            transcript = hh_prompt(ranked.prompt, ranked.history)
            start = text(transcript + " ")[:-1]
            full = [start + t[1:] for t in texts]
            heads = [b'{"chosen": ' + f + b', "rejected": ' for f in full]
            rejected = full
            side_heads = [b'{"prompt": ' + text(transcript) + b', "chosen_response": ' + t +
                          b', "rejected_response": ' for t in texts]
            side_rejected = texts
            side_meta = meta_head
        elif fmt == "openai":
            heads = [b'{"input": {"messages": ' + msgs + b', "tools": [], "parallel_tool_calls": true}, '
                     b'"preferred_output": ' + a + b', "non_preferred_output": ' for a in assistant]
            side_heads = [b""] * n
            side_rejected = [b""] * n
            side_meta = b'{"task_id": ' + tid + b', "annotator": ' + ann + b', "chosen_id": '
        else:
            raise ValueError(f"not a pair format: {fmt!r}")
    inline = fmt in INLINE_META
    tie_heads = heads if fmt in INLINE_META else (chat_heads if keep_ties else [])
    tie_rejected = texts if fmt == "trl" else (assistant if keep_ties else [])
    main: list[bytes] = []
    side: list[bytes] = []
    ties: list[bytes] = []
    add, add_side, add_tie = main.append, side.append, ties.append
    join, small = b"".join, _SMALL
    n_ties = 0
    for i in range(n):
        head, ri, li = heads[i], ranks[i], rates[i]
        cid, crank, cmodel = chosen_ids[i], chosen_ranks[i], chosen_models[i]
        for j in range(i + 1, n):
            rj, lj = ranks[j], rates[j]
            d = rj - ri
            margin = small[d] if type(d) is int and 0 <= d < _NSMALL else number(d)
            if li is None or lj is None:
                lm = b"null"
            else:
                lm = li - lj
                lm = small[lm] if type(lm) is int and 0 <= lm < _NSMALL else number(lm)
            if ri == rj:
                n_ties += 1
                if keep_ties:
                    add_tie(join((tie_heads[i], tie_rejected[j], meta_head, cid, ids[j], crank, rank_b[j], _MARGIN,
                                  margin, _LIKERT, lm, cmodel, models[j], tail_tie)))
            elif inline:
                add(join((head, rejected[j], meta_head, cid, ids[j], crank, rank_b[j], _MARGIN, margin, _LIKERT, lm,
                          cmodel, models[j], tail)))
            else:
                add(head + rejected[j] + b"}\n")
                add_side(join((side_heads[i], side_rejected[j], side_meta, cid, ids[j], crank, rank_b[j], _MARGIN,
                               margin, _LIKERT, lm, cmodel, models[j], tail)))
    return PairLines(main, side, ties, n_ties)
