"""Parse every ranking shape Label Studio stores into one form: ``{output id: rank}``, 1 = best.

Shapes read:

- Per-output rank choices (this project's interfaces since issue 9): one ``choices`` result per ranked output,
  named ``output_rank_<i>`` for the i-th output of ``$outputs``, holding its rank as a string; equal ranks = a
  tie; an output without one is unranked. :func:`find_ranking_result` gathers them into one result of type
  ``output_ranks``::

    >>> r = find_ranking_result([{"from_name": "output_rank_0", "type": "choices", "value": {"choices": ["2"]}},
    ...                          {"from_name": "output_rank_1", "type": "choices", "value": {"choices": ["1"]}}])
    >>> parse_ranking_result(r, ["o0", "o1", "o2"])
    Ranking(ranks={'o0': 2, 'o1': 1}, unranked=('o2',))

- Ranker with buckets (this project: ``rank_1`` .. ``rank_K``; several ids in one bucket = a tie; buckets may be
  empty or missing; ``"_"`` holds items never moved, which count as unranked)::

    >>> parse_ranker({"ranker": {"rank_1": ["o2", "o0"], "rank_2": ["o1"], "rank_4": ["o3"]}}, ["o0", "o1", "o2", "o3"])
    Ranking(ranks={'o2': 1, 'o0': 1, 'o1': 2, 'o3': 3}, unranked=())

  Ranks are dense: an empty bucket between two full ones adds nothing (``rank_4`` above is rank 3), because with
  ties the annotator's choice of bucket number below a tie is arbitrary.
- Legacy Ranker, a plain list best first: ``{"ranker": ["1234", "123"]}``.
- Ranker without buckets: ``{"ranker": {"<ranker name>": [ids, best first]}}``.
- Other templates' named buckets (``{"best": [...], "ads": [...]}``) when their order is given
  (``bucket_order=["best", "ads"]``); otherwise an unknown bucket is bad input.
- Pairwise (the "Human Preference collection for RLHF" template): ``{"selected": "left"|"right"}``, see
  :func:`parse_pairwise`.

Bad input raises :class:`~exporters.errors.BadInput`: an id not among the task's outputs, an id in two buckets,
an unknown bucket, a malformed value. A reason never quotes a value (a ranking can hold text: a template that ranks
texts, a hand-edited export): it says what kind of value was found, and names an id or a bucket only when it is a
short name (:func:`_name`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from label_config import taxonomy as T

from exporters.errors import BadInput
from exporters.walk import json_kind

RANKER_TYPE = "ranker"
PAIRWISE_TYPE = "pairwise"
OUTPUT_RANKS_TYPE = "output_ranks"  # the gathered per-output rank choices of one annotation (not a Label Studio type)


@dataclass(frozen=True, slots=True)
class Ranking:
    """Ranks of the ranked outputs (1 = best, equal ranks = a tie) and the outputs left unranked.

    ``ranks`` keeps the order the annotation listed them in; ranks are ints, or floats when averaged.
    """

    ranks: dict[str, float]
    unranked: tuple[str, ...] = field(default=())

    def buckets(self) -> list[list[str]]:
        """Ids grouped by rank, best first.

        >>> Ranking({"a": 2, "b": 1, "c": 2}).buckets()
        [['b'], ['a', 'c']]
        """
        groups: dict[float, list[str]] = {}
        for oid, rank in self.ranks.items():
            groups.setdefault(rank, []).append(oid)
        return [groups[r] for r in sorted(groups)]

    def tied_pairs(self) -> int:
        """Number of pairs of ranked outputs that share a rank.

        >>> Ranking({"a": 1, "b": 1, "c": 1, "d": 2}).tied_pairs()
        3
        """
        return sum(len(b) * (len(b) - 1) // 2 for b in self.buckets())


def _bad(reason: str, kind: str = "bad ranking") -> BadInput:
    return BadInput(reason, kind=kind)


_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:")


def _name(value: str, what: str = "an id") -> str:
    """``'o9'`` for a short name (letters, digits, ``_-.:``, at most 40), else "an id of 26 characters": a value
    that is text is described, never quoted.

    >>> _name("o9"), _name("rank_1", "a bucket"), _name("call me at home", "a bucket")
    ("'o9'", "'rank_1'", 'a bucket of 15 characters')
    """
    if 0 < len(value) <= 40 and _NAME_CHARS.issuperset(value):
        return repr(value)
    return f"{what} of {len(value)} characters"


def _ids(value: object, where: str) -> list[str]:
    if not isinstance(value, list):
        raise _bad(f"{where} is not a list of ids ({json_kind(value)})")
    return [str(v) for v in value]


def _check_known(ids: Iterable[str], known: set[str]) -> None:
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise _bad(f"ids not in the task's outputs: {', '.join(map(_name, unknown[:5]))}")


def _dense(raw: dict[str, int]) -> dict[str, int]:
    levels = {r: n for n, r in enumerate(sorted(set(raw.values())), start=1)}
    return {oid: levels[r] for oid, r in raw.items()}


def parse_ranker(value: dict, output_ids: Sequence[str], name: str | None = None,
                 bucket_order: Sequence[str] | None = None) -> Ranking:
    """The ranking in a Ranker result's ``value``.

    Args:
        value: the result's ``value`` (``{"ranker": ...}``).
        output_ids: ids of the task's outputs; every output not ranked is reported in ``unranked``.
        name: the Ranker's name (the result's ``from_name``), which names the one list of a Ranker without
            buckets.
        bucket_order: bucket names best first, for templates whose buckets are not ``rank_N``.

    Returns:
        A :class:`Ranking` with dense ranks.

    Raises:
        BadInput: unknown ids, an id twice, an unknown bucket, a malformed value.

    Example:
        >>> parse_ranker({"ranker": ["b", "a"]}, ["a", "b", "c"])
        Ranking(ranks={'b': 1, 'a': 2}, unranked=('c',))
        >>> parse_ranker({"ranker": {"rank": ["b", "a"]}}, ["a", "b"], name="rank")
        Ranking(ranks={'b': 1, 'a': 2}, unranked=())
        >>> parse_ranker({"ranker": {"rank_1": ["a"], "_": ["b"]}}, ["a", "b"])
        Ranking(ranks={'a': 1}, unranked=('b',))
        >>> parse_ranker({"ranker": {"ads": ["x"], "best": ["y"]}}, ["x", "y"], bucket_order=["best", "ads"])
        Ranking(ranks={'x': 2, 'y': 1}, unranked=())
    """
    if not isinstance(value, dict) or "ranker" not in value:
        found = "a JSON object without it" if isinstance(value, dict) else json_kind(value)
        raise _bad(f"ranker result without a 'ranker' value ({found})")
    ranker = value["ranker"]
    known = set(output_ids)
    raw: dict[str, int] = {}
    unsorted: list[str] = []
    if isinstance(ranker, list):  # legacy: one list, best first
        for pos, oid in enumerate(_ids(ranker, "the ranker list"), start=1):
            if oid in raw:
                raise _bad(f"id {_name(oid)} listed twice")
            raw[oid] = pos
    elif isinstance(ranker, dict):
        order = {b: n for n, b in enumerate(bucket_order or (), start=1)}
        lists = [k for k in ranker if k != T.UNSORTED_BUCKET]
        no_buckets = name is not None and lists == [name] and T.bucket_rank(name) is None and name not in order
        for bucket, members in ranker.items():
            ids = _ids(members, f"bucket {_name(str(bucket), 'a name')}")
            if bucket == T.UNSORTED_BUCKET:
                for oid in ids:
                    if oid in raw or oid in unsorted:
                        raise _bad(f"id {_name(oid)} in two buckets")
                    unsorted.append(oid)
                continue
            if no_buckets:
                positions = list(range(1, len(ids) + 1))
            else:
                rank = order.get(bucket) or T.bucket_rank(bucket)
                if rank is None:
                    hint = f" (expected {T.bucket_name(1)}..{T.bucket_name(T.K_MAX)} or {T.UNSORTED_BUCKET!r}"
                    named = _name(str(bucket), "a name")
                    named = named if named.startswith("'") else f"({named})"
                    raise _bad(f"unknown bucket {named}{hint}; give the bucket order for other templates)")
                positions = [rank] * len(ids)
            for oid, pos in zip(ids, positions):
                if oid in raw or oid in unsorted:
                    raise _bad(f"id {_name(oid)} in two buckets")
                raw[oid] = pos
    else:
        raise _bad(f"ranker value is neither a list nor buckets ({json_kind(ranker)})")
    _check_known([*raw, *unsorted], known)
    unranked = tuple(oid for oid in output_ids if oid not in raw)
    return Ranking(_dense(raw), unranked)


def parse_pairwise(value: dict, left_id: str, right_id: str) -> Ranking:
    """The ranking in a Pairwise result: the selected side is rank 1, the other rank 2 (no ties).

    Example:
        >>> parse_pairwise({"selected": "right"}, "answer1", "answer2")
        Ranking(ranks={'answer2': 1, 'answer1': 2}, unranked=())
    """
    selected = value.get("selected") if isinstance(value, dict) else None
    if selected == "left":
        return Ranking({left_id: 1, right_id: 2})
    if selected == "right":
        return Ranking({right_id: 1, left_id: 2})
    found = json_kind(selected) if isinstance(value, dict) and "selected" in value else "no 'selected'"
    raise _bad(f"pairwise result selects neither 'left' nor 'right' ({found})")


def gather_output_ranks(results: Iterable[dict]) -> dict | None:
    """The per-output rank choices (``output_rank_<i>``) of one annotation as one result, or None without any.

    Returns:
        ``{"from_name": "output_rank", "to_name": "outputs", "type": "output_ranks",
        "value": {"ranks": {"<i>": <choices of output_rank_i>}}}`` (the last result wins when a name repeats).

    Example:
        >>> gather_output_ranks([{"from_name": "output_rank_3", "type": "choices", "value": {"choices": ["1"]}}])["value"]
        {'ranks': {'3': ['1']}}
    """
    ranks: dict[str, Any] = {}
    for r in results:
        idx = T.output_index(str(r.get("from_name", "")), T.OUTPUT_RANK)
        if idx is not None and r.get("type") == "choices":
            ranks[str(idx)] = (r.get("value") or {}).get("choices") if isinstance(r.get("value"), dict) else None
    if not ranks:
        return None
    return {"from_name": T.OUTPUT_RANK, "to_name": T.OUTPUTS, "type": OUTPUT_RANKS_TYPE, "value": {"ranks": ranks}}


def parse_output_ranks(value: dict, output_ids: Sequence[str]) -> Ranking:
    """The ranking in gathered per-output rank choices (see :func:`gather_output_ranks`).

    Raises:
        BadInput: a rank for an output the task does not have, a rank that is not one whole number >= 1.

    Example:
        >>> parse_output_ranks({"ranks": {"0": ["1"], "1": ["3"], "2": ["1"]}}, ["a", "b", "c", "d"])
        Ranking(ranks={'a': 1, 'b': 2, 'c': 1}, unranked=('d',))
    """
    ranks = value.get("ranks") if isinstance(value, dict) else None
    if not isinstance(ranks, dict):
        raise _bad(f"per-output ranks without a 'ranks' mapping ({json_kind(ranks)})")
    raw: dict[str, int] = {}
    for idx in sorted(ranks, key=lambda i: int(i) if str(i).isdigit() else -1):
        name = T.output_control(T.OUTPUT_RANK, idx)
        if not str(idx).isdigit() or int(idx) >= len(output_ids):
            raise _bad(f"{name}: the task has {len(output_ids)} outputs, no output {idx}")
        choices = ranks[idx]
        if not isinstance(choices, list) or len(choices) != 1 or not str(choices[0]).strip().isdigit() \
                or int(str(choices[0])) < 1:
            raise _bad(f"{name}: a rank must be one whole number >= 1, got {_rank_shape(choices)}")
        raw[output_ids[int(idx)]] = int(str(choices[0]))
    unranked = tuple(oid for oid in output_ids if oid not in raw)
    return Ranking(_dense(raw), unranked)


def _rank_shape(choices: Any) -> str:
    """What a bad rank choice holds, without quoting it: "'0'" (a short number), "a value that is not a whole
    number", "3 values".

    >>> _rank_shape(["0"]), _rank_shape(["two"]), _rank_shape(["1", "2"]), _rank_shape("1")
    ("'0'", 'a value that is not a whole number', '2 values', 'a JSON string, not a list')
    """
    if not isinstance(choices, list):
        return f"{json_kind(choices)}, not a list"
    if len(choices) != 1:
        return f"{len(choices)} values"
    text = str(choices[0]).strip()
    if len(text) <= 12 and text.lstrip("-+").replace(".", "", 1).isdigit():
        return repr(text)
    return "a value that is not a whole number"


def parse_ranking_result(result: dict, output_ids: Sequence[str], bucket_order: Sequence[str] | None = None) -> Ranking:
    """The ranking held by a result :func:`find_ranking_result` returned, whatever its shape.

    For a Pairwise result, ``output_ids`` are the left and right ids.

    Raises:
        BadInput: see :func:`parse_ranker`, :func:`parse_output_ranks`, :func:`parse_pairwise`.
    """
    kind, value = result.get("type"), result.get("value") or {}
    if kind == OUTPUT_RANKS_TYPE:
        return parse_output_ranks(value, output_ids)
    if kind == PAIRWISE_TYPE:
        return parse_pairwise(value, output_ids[0], output_ids[1])
    return parse_ranker(value, output_ids, name=result.get("from_name"), bucket_order=bucket_order)


def find_ranking_result(results: Iterable[dict], ranker: str | None = None) -> dict | None:
    """The result holding the ranking: this project's per-output rank choices (gathered, see
    :func:`gather_output_ranks`), else the Ranker named ``ranker`` (default: the old ``ranking``, else the only
    Ranker), else the only Pairwise result. None when there is none.

    ``ranker="output_rank"`` asks for the per-output ranks only; another name for that Ranker only.

    Raises:
        BadInput: several Rankers and none chosen by name.
    """
    results = list(results)
    if ranker is None or ranker == T.OUTPUT_RANK:
        gathered = gather_output_ranks(results)
        if gathered is not None or ranker is not None:
            return gathered
    rankers = [r for r in results if r.get("type") == RANKER_TYPE]
    if ranker is not None:
        named = [r for r in rankers if r.get("from_name") == ranker]
        return named[-1] if named else None
    if rankers:
        ours = [r for r in rankers if r.get("from_name") == T.RANKING]
        if ours:
            return ours[-1]
        names = {r.get("from_name") for r in rankers}
        if len(names) > 1:
            raise _bad(f"several rankers ({', '.join(sorted(map(str, names)))}); choose one by name")
        return rankers[-1]
    pairwise = [r for r in results if r.get("type") == PAIRWISE_TYPE]
    return pairwise[-1] if pairwise else None
