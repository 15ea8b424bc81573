"""Build the Label Studio task of each interface from records (last step before writing or pushing).

One task per record, ``{"data": {...}}`` plus ``"predictions"`` when the source carried human rankings:

* instruction: ``{prompt, user_id, split, source, external_id}`` (+ ``category``, ``pii_flagged``,
  ``examples`` = earlier chat turns, when present);
* comparison / ranking: the same plus ``outputs`` = ``[{"id": "o0", "title": "Output A", "body": ...}, ...]``,
  shuffled in an order seeded by ``(seed, external id)``, ``models`` = ``{"o0": model, ...}`` (the model names
  stay in the data for the exports, the configs never show them) and ``rank_options`` = the ranks 1..K the
  interface offers beside each output (``taxonomy.rank_options``);
* toxicity: ``{prompt: sentence start, continuation, ...}``;
* demonstration: ``{prompt, examples, ...}``: ``examples`` ALWAYS present (``[]`` when none): the few-shot
  query/response pairs parsed from the prompt, or the earlier chat turns.

``external_id`` is a hash of the source and the content (prompt, chat context, continuation, outputs), so the same
record gets the same id on every run and a re-import can skip what is already in the project.

Outputs before the task is built (comparison / ranking):

* identical outputs within a task (``--identical-outputs``): ``merge`` (default) keeps the first of each group of
  equal texts (its model and rank), so a ranking never compares a text with itself; ``flag`` keeps them all and
  lists the groups in ``identical_outputs`` (``[["o0", "o3"]]``) for the annotators' tools and the exporters;
  ``keep`` does nothing. Counted: ``identical_output_tasks``, ``identical_outputs_merged``;
* more outputs than an interface shows (K > 9): dropped (``too_many_outputs``) unless ``--max-outputs K``
  samples K of them (:func:`sample_outputs`).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from importers.records import Record, Tally
from label_config import taxonomy as T

IMPORT_INTERFACES = (T.INSTRUCTION, T.COMPARISON, T.RANKING_ONLY, T.TOXICITY, T.DEMONSTRATION_IF)
WITH_OUTPUTS = (T.COMPARISON, T.RANKING_ONLY)
QUERY, RESPONSE = "Query", "Response"  # roles of ``examples`` turns (the demonstration config's Paragraphs)
SYSTEM = "System"  # role of a chat's system message in ``examples`` (exporters map it back to "system")
DEFAULT_MIN_OUTPUTS = T.K_MIN
PREDICTION_SCORE = 1.0
IDENTICAL_POLICIES = ("merge", "flag", "keep")
IDENTICAL_FIELD = "identical_outputs"  # task data field of the ``flag`` policy

_CHAT_ROLE = {"user": QUERY, "assistant": RESPONSE, "system": SYSTEM}
_QUERY_LABELS = {"q", "query", "input", "question", "human", "user", "customer", "me", "prompt"}
_RESPONSE_LABELS = {"a", "response", "output", "answer", "assistant", "ai", "bot", "agent", "completion"}
_LABEL_LINE = re.compile(r"^[ \t]*([A-Za-z][A-Za-z0-9 _-]{0,24}?)[ \t]*:[ \t]*(.*)$", re.MULTILINE)


def keep_usable(records: Iterable[Record], interface: str, min_outputs: int = DEFAULT_MIN_OUTPUTS,
                tally: Tally | None = None, *, max_outputs: int | None = None,
                identical: str = "merge") -> Iterator[Record]:
    """Keep the records an interface can show: K outputs for comparison/ranking, a continuation for toxicity.

    Args:
        records: the normalised stream.
        interface: one of ``IMPORT_INTERFACES``.
        min_outputs: fewest outputs of a comparison/ranking task (InstructGPT: K = 4..9); the most is ``K_MAX``.
        tally: counts ``too_few_outputs``, ``too_many_outputs``, ``no_continuation`` and the identical outputs.
        max_outputs: when set, records with more outputs are kept (:func:`sample_outputs` takes K of them later).
        identical: ``merge``, ``flag`` or ``keep`` identical outputs of one record (see the module docstring).

    Returns:
        The usable records, in order.

    Example:
        >>> from importers.records import Output
        >>> rs = [Record("a", outputs=[Output("x"), Output("y"), Output("x")]), Record("b")]
        >>> [(r.prompt, len(r.outputs)) for r in keep_usable(rs, "comparison", min_outputs=2)]
        [('a', 2)]
    """
    check_interface(interface)
    if not 2 <= min_outputs <= T.K_MAX:
        raise ValueError(f"min_outputs must be between 2 and {T.K_MAX}, got {min_outputs}")
    if identical not in IDENTICAL_POLICIES:
        raise ValueError(f"identical must be one of {IDENTICAL_POLICIES}, got {identical!r}")
    tally = tally if tally is not None else Tally()
    for record in records:
        if interface in WITH_OUTPUTS:
            if identical != "keep" and len(record.outputs) > 1:
                groups = identical_groups([o.text for o in record.outputs])
                if groups:
                    tally.count("identical_output_tasks")
                    if identical == "merge":
                        drop = {i for group in groups for i in group[1:]}
                        tally.count("identical_outputs_merged", len(drop))
                        record.outputs = [o for i, o in enumerate(record.outputs) if i not in drop]
            if len(record.outputs) < min_outputs:
                tally.count("too_few_outputs")
                continue
            if len(record.outputs) > T.K_MAX and max_outputs is None:
                tally.count("too_many_outputs")
                tally.warn(f"records with more than {T.K_MAX} outputs are dropped: pass --max-outputs K "
                           f"({T.K_MIN}..{T.K_MAX}) to sample K of them")
                continue
        elif interface == T.TOXICITY and not record.continuation:
            tally.count("no_continuation")
            continue
        yield record


def identical_groups(texts: list[str]) -> list[list[int]]:
    """Indexes of equal texts, groups of two or more, in order of first appearance.

    >>> identical_groups(["a", "b", "a", "c", "b", "a"])
    [[0, 2, 5], [1, 4]]
    """
    where: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        where.setdefault(text, []).append(i)
    return [group for group in where.values() if len(group) > 1]


def sample_outputs(records: Iterable[Record], k: int, seed: int | str = 0,
                   tally: Tally | None = None) -> Iterator[Record]:
    """Keep ``k`` of the outputs of each record that has more: seeded, balanced across models.

    For each record, the models picked least often so far come first; ties are broken by an order seeded by
    ``(seed, prompt)``. Over a file, every model is shown about equally often (when all records have the same N
    models, the counts differ by at most one), and the same file gives the same picks on every run (a file that
    grows by appending keeps its earlier picks). The kept outputs stay in their input order, with their ranks.

    Args:
        records: the stream (after dedupe and the cap, so the balance is over what is imported).
        k: outputs per record (``--max-outputs``; within the interfaces' ``K_MIN``..``K_MAX``).
        seed: the import's seed.
        tally: counts ``outputs_sampled`` (records that had more than ``k``).

    Returns:
        The records, each with at most ``k`` outputs.

    Example:
        >>> from importers.records import Output
        >>> rs = [Record(f"q{i}", outputs=[Output(str(j), model=f"m{j}") for j in range(6)]) for i in range(3)]
        >>> picked = Counter(o.model for r in sample_outputs(rs, 4) for o in r.outputs)
        >>> sorted(picked.values())
        [2, 2, 2, 2, 2, 2]
    """
    if k < 1:
        raise ValueError("k must be >= 1")
    tally = tally if tally is not None else Tally()
    picked: Counter = Counter()
    for record in records:
        outputs = record.outputs
        if len(outputs) > k:
            order = list(range(len(outputs)))
            random.Random(f"{seed}:sample:{record.prompt}").shuffle(order)
            order.sort(key=lambda i: picked[outputs[i].model])  # stable: fewest picks first, ties shuffled
            chosen = sorted(order[:k])
            record.outputs = [outputs[i] for i in chosen]
            tally.count("outputs_sampled")
        for output in record.outputs:
            picked[output.model] += 1
        yield record


def check_interface(interface: str) -> None:
    if interface not in IMPORT_INTERFACES:
        raise ValueError(f"interface {interface!r} cannot be imported into; choose one of {', '.join(IMPORT_INTERFACES)}")


def external_id(record: Record) -> str:
    """A stable id: SHA-256 of the source and the content (not the split, the user or the output order).

    A record read back from a Label Studio task keeps the id it had.

    >>> external_id(Record("Hi", source="api")) == external_id(Record("Hi", source="api", user_id="u9"))
    True
    """
    if record.external_id:
        return record.external_id
    content = {
        "source": record.source,
        "prompt": record.prompt,
        "context": [[t["role"], t["content"]] for t in record.context],
        "continuation": record.continuation,
        "outputs": sorted([o.model, o.text] for o in record.outputs),
    }
    blob = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def parse_examples(prompt: str) -> list[dict[str, str]]:
    """The few-shot query/response pairs of a prompt, as ``examples`` turns; ``[]`` when it has none.

    Recognised: lines starting with a known label (``Query:``/``Response:``, ``Q:``/``A:``, ``Input:``/``Output:``,
    ``Human:``/``AI:`` ...) alternating from a query, or any two labels alternating at least twice
    (``English: ... / French: ...``, counting the pair left for the model). Text before the first label is the instruction, not an example; the last
    query left for the model (with an empty response, or none) is not an example either.

    Args:
        prompt: the normalised prompt.

    Returns:
        ``[{"role": "Query"|"Response", "content": ...}, ...]``, complete pairs only.

    Example:
        >>> parse_examples("Translate.\\nEnglish: cheese\\nFrench: fromage\\nEnglish: bread\\nFrench:")
        [{'role': 'Query', 'content': 'cheese'}, {'role': 'Response', 'content': 'fromage'}]
        >>> parse_examples("Write a poem about cats.")
        []
    """
    lines = [(m.start(), m.end(2), m.group(1).strip().lower(), m.group(1)) for m in _LABEL_LINE.finditer(prompt)]
    if len(lines) < 2:
        return []
    known = [ln for ln in lines if ln[2] in _QUERY_LABELS or ln[2] in _RESPONSE_LABELS]
    roles = [QUERY if ln[2] in _QUERY_LABELS else RESPONSE for ln in known]
    turns = _alternating(prompt, known, roles, min_marks=2)
    if turns is None:
        first = lines[0][3]
        second = next((ln[3] for ln in lines if ln[3] != first), None)
        chosen = [ln for ln in lines if ln[3] in (first, second)]
        turns = _alternating(prompt, chosen, [QUERY if ln[3] == first else RESPONSE for ln in chosen], min_marks=4)
    return turns or []


def _alternating(prompt: str, marks: list, roles: list[str], min_marks: int) -> list[dict[str, str]] | None:
    if len(marks) < min_marks or any(role != (QUERY, RESPONSE)[i % 2] for i, role in enumerate(roles)):
        return None
    turns = []
    for i, (start, _end, _label, raw_label) in enumerate(marks):
        stop = marks[i + 1][0] if i + 1 < len(marks) else len(prompt)
        body = prompt[start:stop].split(":", 1)[1] if ":" in prompt[start:stop] else ""
        turns.append({"role": roles[i], "content": body.strip()})
    if turns and turns[-1]["role"] == QUERY:
        turns.pop()  # the query left for the model
    if turns and turns[-1]["role"] == RESPONSE and not turns[-1]["content"]:
        turns = turns[:-2]  # "French:" left empty for the model, with its query
    return turns if len(turns) >= 2 else None


def _context_examples(record: Record) -> list[dict[str, str]]:
    return [{"role": _CHAT_ROLE.get(t["role"], QUERY), "content": t["content"]} for t in record.context]


def _title(i: int) -> str:
    return f"Output {chr(ord('A') + i)}"


def build_task(record: Record, interface: str, seed: int | str = 0) -> dict[str, Any]:
    """The Label Studio task for one record.

    Args:
        record: a usable record (see :func:`keep_usable`) with its split set.
        interface: one of ``IMPORT_INTERFACES``.
        seed: seeds the order of the outputs (with the external id).

    Returns:
        ``{"data": {...}}``, plus ``"predictions"`` for comparison/ranking records with source rankings.

    Example:
        >>> from importers.records import Output
        >>> r = Record("Q?", user_id="u1", source="api", split="train",
        ...            outputs=[Output("best", "m1", 0), Output("worst", "m2", 1)])
        >>> task = build_task(r, "ranking", seed=0)
        >>> sorted(task["data"]), [o["title"] for o in task["data"]["outputs"]]
        (['external_id', 'models', 'outputs', 'prompt', 'rank_options', 'source', 'split', 'user_id'], ['Output A', 'Output B'])
        >>> [o["value"] for o in task["data"]["rank_options"]]
        ['1', '2']
        >>> ranks = {r["from_name"]: r["value"]["choices"][0] for r in task["predictions"][0]["result"]}
        >>> [task["data"]["models"][f"o{i}"] for i in range(2) if ranks[f"output_rank_{i}"] == "1"]
        ['m1']
    """
    check_interface(interface)
    ext_id = external_id(record)
    data: dict[str, Any] = {
        T.PROMPT: record.prompt,
        T.USER_ID: record.user_id,
        T.SPLIT: record.split,
        T.SOURCE: record.source,
        T.EXTERNAL_ID: ext_id,
    }
    if record.category:
        data[T.CATEGORY] = record.category
    if record.pii is not None:
        data[T.PII_FLAG] = record.pii
    if interface == T.DEMONSTRATION_IF:
        data[T.EXAMPLES] = _context_examples(record) if record.context else parse_examples(record.prompt)
    elif record.context:
        data[T.EXAMPLES] = _context_examples(record)
    task: dict[str, Any] = {"data": data}
    if interface == T.TOXICITY:
        data[T.CONTINUATION] = record.continuation
    elif interface in WITH_OUTPUTS:
        order = list(range(len(record.outputs)))
        random.Random(f"{seed}:{ext_id}").shuffle(order)
        shown = [record.outputs[i] for i in order]
        ids = [f"o{i}" for i in range(len(shown))]
        data[T.OUTPUTS] = [{T.OUTPUT_ID: oid, T.OUTPUT_TITLE: _title(i), T.OUTPUT_BODY: out.text}
                           for i, (oid, out) in enumerate(zip(ids, shown))]
        data[T.MODELS] = {oid: out.model for oid, out in zip(ids, shown)}
        data[T.RANK_OPTIONS] = T.rank_options(len(shown))
        prediction = ranking_prediction(ids, [out.rank for out in shown], record.rank_source)
        if prediction is not None:
            task["predictions"] = [prediction]
    return task


def ranking_prediction(ids: list[str], ranks: list[int | None], model_version: str) -> dict[str, Any] | None:
    """A prediction of each output's rank from source ranks (0 = best; equal ranks = a tie); None if < 2 ranked.

    The result has the shape the interfaces store: one ``output_rank_<i>`` choice per ranked output, ranks
    dense from 1 (``[1, 1, 0]`` -> 2, 2, 1). Unranked outputs get no choice, so Label Studio asks for them.

    Args:
        ids: output ids in shown order (the i-th is ``output_<i>`` in the config).
        ranks: each output's source rank, or None when unranked.
        model_version: where the ranks come from, e.g. ``oasst-human-rank``.

    Returns:
        ``{"model_version", "score", "result": [{"from_name": "output_rank_0", "to_name": "output_0",
        "type": "choices", "value": {"choices": ["2"]}}, ...]}``.

    Example:
        >>> [r["value"]["choices"] for r in ranking_prediction(["o0", "o1", "o2"], [1, 1, 0], "oasst-human-rank")["result"]]
        [['2'], ['2'], ['1']]
    """
    ranked = [rank for rank in ranks if rank is not None]
    if len(ranked) < 2:
        return None
    position = {rank: n for n, rank in enumerate(sorted(set(ranked)), 1)}
    result = [{"from_name": T.output_control(T.OUTPUT_RANK, i), "to_name": T.output_control(T.OUTPUT_TEXT, i),
               "type": "choices", "value": {"choices": [str(position[rank])]}}
              for i, rank in enumerate(ranks) if rank is not None]
    return {"model_version": model_version or "imported-rank", "score": PREDICTION_SCORE, "result": result}


def build_tasks(records: Iterable[Record], interface: str, seed: int | str = 0,
                tally: Tally | None = None, flag_identical: bool = False) -> Iterator[dict[str, Any]]:
    """:func:`build_task` over a stream; counts ``tasks``, ``predictions`` and the largest K (``max_outputs``).

    Args:
        records: usable records with their split set.
        interface: one of ``IMPORT_INTERFACES``.
        seed: seeds the order of outputs.
        tally: the shared counts.
        flag_identical: add ``identical_outputs`` (groups of output ids with equal text) where there are some.

    Returns:
        An iterator of tasks, in order.

    Example:
        >>> [t["data"]["examples"] for t in build_tasks([Record("Hi", split="test")], "demonstration")]
        [[]]
    """
    tally = tally if tally is not None else Tally()
    for record in records:
        task = build_task(record, interface, seed)
        if flag_identical and interface in WITH_OUTPUTS:
            groups = identical_groups([o[T.OUTPUT_BODY] for o in task["data"].get(T.OUTPUTS, [])])
            if groups:  # --identical-outputs flag: list each group of equal outputs by id
                ids = [o[T.OUTPUT_ID] for o in task["data"][T.OUTPUTS]]
                task["data"][IDENTICAL_FIELD] = [[ids[i] for i in group] for group in groups]
        tally.count("tasks")
        if "predictions" in task:
            tally.count("predictions")
        if record.outputs and len(record.outputs) > tally.counts["max_outputs"]:
            tally.counts["max_outputs"] = len(record.outputs)
        yield task
