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
    >>> lines.main.decode()[:64]
    '{"prompt": "Say hi", "chosen": "Hi!", "rejected": "Go \\\\"away\\\\"",'
    >>> import json
    >>> json.loads(lines.main)["likert_margin"], lines.meta, lines.ties, lines.n_main
    (2, b'', b'', 1)

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
    """The encoded JSON Lines of one ranking's pairs: the main file, the side file (``hh``/``openai``), the ties
    file (with ``keep_ties``), how many lines the main file got and how many tied pairs the ranking has."""

    main: bytes
    meta: bytes
    ties: bytes
    n_main: int
    n_ties: int


# Formats whose records carry the pair metadata in-line; the others write it to a side file, line for line.
INLINE_META = ("trl", "trl-chat")
_PAIR_FORMATS = ("trl", "trl-chat", "hh", "openai")
_NSMALL = 64
_SMALL = [b"%d" % k for k in range(_NSMALL)]  # ranks and margins are mostly small ints
_LIKERT_OPEN, _LIKERT_CLOSE = b', "likert_margin": ', b', "chosen_model": '
# the likert_margin piece of two integer ratings in 0..63, indexed by their difference + 64
_LIKERT_INT = [_LIKERT_OPEN + b"%d" % (d - 64) + _LIKERT_CLOSE for d in range(2 * _NSMALL)]
_LIKERT_NULL = _LIKERT_OPEN + b"null" + _LIKERT_CLOSE


def _rank_pieces(rank: Any) -> tuple[bytes, bytes]:
    encoded = number(rank)
    return encoded + b', "rejected_rank": ', encoded + b', "margin": '


_RANK_PIECES = [_rank_pieces(r) for r in range(_NSMALL)]
_ID_PIECES: dict[str, tuple[bytes, bytes]] = {}
_MODEL_PIECES: dict[tuple[str | None, bytes], tuple[bytes, bytes]] = {}
_CACHE_MAX = 4096


def _likert_piece(better: Any, worse: Any) -> bytes:
    if better is None or worse is None:
        return _LIKERT_NULL
    return _LIKERT_OPEN + number(better - worse) + _LIKERT_CLOSE


def compact_ranking(ranked: RankedTask) -> tuple:
    """What :func:`pair_lines_of` needs of a ranking, as plain tuples (cheap to pickle to a writing process):
    ``(task_id, annotator, prompt, history, split, n_annotations, [(id, text, model, rank, rating), ...])``,
    outputs best first.

    >>> from exporters.rankings import Ranking
    >>> from exporters.tasks import Output
    >>> compact_ranking(RankedTask(1, 2, "p", [], {"a": Output(0, "a", "x")}, Ranking({"a": 1}), {"a": 5}, None))
    (1, 2, 'p', [], None, 1, [('a', 'x', None, 1, 5)])
    """
    likert = ranked.likert
    return (ranked.task_id, ranked.annotator, ranked.prompt, ranked.history, ranked.split, ranked.n_annotations,
            [(o.id, o.text, o.model, rank, likert.get(o.id)) for o, rank in ranked.ranked()])


def pair_lines(ranked: RankedTask, fmt: str, keep_ties: bool = False) -> PairLines:
    """:func:`pair_lines_of` a :class:`~exporters.pairs.RankedTask`."""
    return pair_lines_of(compact_ranking(ranked), fmt, keep_ties)


def pair_lines_of(ranking: tuple, fmt: str, keep_ties: bool = False) -> PairLines:
    """The JSON Lines of every pair of ``ranked`` in pair format ``fmt`` (``trl``, ``trl-chat``, ``hh``,
    ``openai``), byte for byte what ``json.dumps`` writes of the records of :mod:`exporters.formats`, in the
    order of :func:`exporters.pairs.ranking_to_pairs`.

    Args:
        ranking: one ranking with its prompt and outputs (:func:`compact_ranking`).
        fmt: the pair format.
        keep_ties: also encode the tied pairs, for the ties file (``trl`` layout for ``trl``, ``trl-chat``
            layout otherwise, metadata in-line, ``"tie": true``); they never go to the main file.

    Raises:
        BadText: a text of this ranking cannot be written.

    Every line is cut into pieces that depend on the chosen output only, on the rejected one only, or on
    both (margin, likert margin); the pieces are computed once per ranking, and the lines of the ranking are
    joined in one call.
    """
    task_id, annotator, prompt, history, split_name, _, ranked_outputs = ranking
    n = len(ranked_outputs)
    tid, ann, split = number(task_id), number(annotator), optional_text(split_name)
    if fmt not in _PAIR_FORMATS:
        raise ValueError(f"not a pair format: {fmt!r}")
    dumps = orjson.dumps
    meta_head = b', "task_id": ' + tid + b', "annotator": ' + ann + b', "chosen_id": '
    # A metadata line is: A[i] B[j] cid[i] rid[j] crank[i] rrank[j] margin(i, j) likert(i, j) cmodel[i] rmodel[j].
    # The pieces of an id, a rank, a model name (with the split) are the same in every ranking that has them:
    # they are kept in small caches, so most outputs cost one encoded text and three look-ups.
    id_pieces, model_pieces, rank_pieces = _ID_PIECES, _MODEL_PIECES, _RANK_PIECES
    if len(id_pieces) > _CACHE_MAX or len(model_pieces) > _CACHE_MAX:
        id_pieces.clear()
        model_pieces.clear()
    texts, cid, rid, crank, rrank, cmodel, rmodel, ranks, rates = [], [], [], [], [], [], [], [], []
    try:
        for oid, otext, omodel, rank, rating in ranked_outputs:
            texts.append(dumps(otext))
            pieces = id_pieces.get(oid)
            if pieces is None:
                encoded = dumps(oid)
                pieces = id_pieces[oid] = (encoded + b', "rejected_id": ', encoded + b', "chosen_rank": ')
            cid.append(pieces[0])
            rid.append(pieces[1])
            pieces = rank_pieces[rank] if type(rank) is int and 0 <= rank < _NSMALL else _rank_pieces(rank)
            crank.append(pieces[0])
            rrank.append(pieces[1])
            key = (omodel, split)
            pieces = model_pieces.get(key)
            if pieces is None:
                model = b"null" if omodel is None else dumps(omodel)
                pieces = model_pieces[key] = (model + b', "rejected_model": ',
                                              model + b', "split": ' + split + b', "tie": false}\n')
            cmodel.append(pieces[0])
            rmodel.append(pieces[1])
            ranks.append(rank)
            rates.append(rating)
    except TypeError as exc:  # orjson refuses lone surrogates
        raise BadText("a text is not valid UTF-8 (a lone surrogate or invalid bytes in the input)") from exc

    side_format = fmt in ("hh", "openai")
    if fmt == "trl":
        heads = [b'{"prompt": ' + text(prompt) + b', "chosen": ' + t + b', "rejected": ' for t in texts]
        rejected = texts
    elif fmt in ("trl-chat", "hh", "openai"):
        assistant = [b'[{"role": "assistant", "content": ' + t + b"}]" for t in texts]
        msgs = messages([*history, {"role": "user", "content": prompt}])
        chat_heads = [b'{"prompt": ' + msgs + b', "chosen": ' + a + b', "rejected": ' for a in assistant]
        heads, rejected = chat_heads, assistant
    else:
        raise ValueError(f"not a pair format: {fmt!r}")
    if side_format:
        if fmt == "hh":
            from exporters.formats import hh_prompt

            transcript = hh_prompt(prompt, history)
            start = text(transcript + " ")[:-1]
            full = [start + t[1:] for t in texts]
            main_heads = [b'{"chosen": ' + f + b', "rejected": ' for f in full]
            main_close = [f + b"}\n" for f in full]
            a_meta = [b'{"prompt": ' + text(transcript) + b', "chosen_response": ' + t + b', "rejected_response": '
                      for t in texts]
            b_meta = [t + meta_head for t in texts]
        else:
            main_heads = [b'{"input": {"messages": ' + msgs + b', "tools": [], "parallel_tool_calls": true}, '
                          b'"preferred_output": ' + a + b', "non_preferred_output": ' for a in assistant]
            main_close = [a + b"}\n" for a in assistant]
            a_meta = [b'{"task_id": ' + tid + b', "annotator": ' + ann + b', "chosen_id": '] * n
            b_meta = [b""] * n
    else:
        a_meta, b_meta = heads, [r + meta_head for r in rejected]
    if keep_ties:  # the ties file: the trl layout for trl, else trl-chat's, metadata in-line
        rmodel_tie = [m[:-len(b'false}\n')] + b'true}\n' for m in rmodel]
        a_tie = heads if fmt == "trl" else chat_heads
        b_tie = [r + meta_head for r in (texts if fmt == "trl" else assistant)]

    int_ranks = all(type(r) is int and 0 < r < _NSMALL for r in ranks)
    int_rates = all(type(r) is int and 0 <= r < _NSMALL for r in rates)
    offset = [r + _NSMALL if int_rates else r for r in rates]
    small, likert_int = _SMALL, _LIKERT_INT
    meta: list[bytes] = []
    main: list[bytes] = []
    ties: list[bytes] = []
    add_meta, add_main, add_tie = meta.extend, main.extend, ties.extend
    n_ties = 0
    if int_ranks and int_rates and not side_format and not keep_ties:  # the common case, without branches
        for i in range(n):
            a, ri, li, c, cr, cm = a_meta[i], ranks[i], offset[i], cid[i], crank[i], cmodel[i]
            for j in range(i + 1, n):
                rj = ranks[j]
                if rj == ri:
                    n_ties += 1
                    continue
                add_meta((a, b_meta[j], c, rid[j], cr, rrank[j], small[rj - ri], likert_int[li - rates[j]], cm,
                          rmodel[j]))
    else:
        for i in range(n):
            a, ri, li = a_meta[i], ranks[i], offset[i]
            c, cr, cm = cid[i], crank[i], cmodel[i]
            for j in range(i + 1, n):
                rj = ranks[j]
                margin = small[rj - ri] if int_ranks else number(rj - ri)
                lm = likert_int[li - rates[j]] if int_rates else _likert_piece(li, rates[j])
                if rj == ri:
                    n_ties += 1
                    if keep_ties:
                        add_tie((a_tie[i], b_tie[j], c, rid[j], cr, rrank[j], margin, lm, cm, rmodel_tie[j]))
                    continue
                add_meta((a, b_meta[j], c, rid[j], cr, rrank[j], margin, lm, cm, rmodel[j]))
                if side_format:
                    add_main((main_heads[i], main_close[j]))
    n_main = n * (n - 1) // 2 - n_ties
    join = b"".join
    if side_format:
        return PairLines(join(main), join(meta), join(ties), n_main, n_ties)
    return PairLines(join(meta), b"", join(ties), n_main, n_ties)
