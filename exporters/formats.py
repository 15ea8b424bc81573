"""Preference pairs as the records trainers read, and the writers (JSONL or Parquet, one file or one per split).

Formats (see ``docs/formats_out.md`` for which trainer reads which):

- ``trl``: TRL's standard preference format, plain strings, explicit prompt::

    >>> p = Pair(7, 3, "Say hi", [], "Hi!", "Go away.", "o1", "o0", 1, 2, 1, 2, "m1", "m0", "train")
    >>> pair_to_trl(p)["prompt"], pair_to_trl(p)["chosen"], pair_to_trl(p)["rejected"]
    ('Say hi', 'Hi!', 'Go away.')

- ``trl-chat``: TRL's conversational preference format::

    >>> pair_to_trl_chat(p)["prompt"], pair_to_trl_chat(p)["chosen"]
    ([{'role': 'user', 'content': 'Say hi'}], [{'role': 'assistant', 'content': 'Hi!'}])

- ``hh``: Anthropic HH-RLHF: full transcripts, plus the prompt and both responses::

    >>> pair_to_hh(p)["chosen"]
    '\\n\\nHuman: Say hi\\n\\nAssistant: Hi!'

- ``openai``: OpenAI preference fine-tuning (DPO) JSONL; only OpenAI's fields, the pair's metadata goes to a
  sidecar file line for line::

    >>> pair_to_openai(p)["preferred_output"]
    [{'role': 'assistant', 'content': 'Hi!'}]

- ``grouped``: one record per ranking with the outputs best first (InstructGPT puts all pairs of one prompt in
  one batch element), see :func:`ranked_to_grouped`.

Every pair record also carries the metadata of :data:`PAIR_META` (task id, annotator, ranks, margin, models,
split, tie).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exporters.errors import ExportError
from exporters.pairs import Pair, PairOptions, RankedTask, iter_ranked_tasks, ranking_to_pairs
from exporters.report import RunReport

if TYPE_CHECKING:  # pyarrow is imported only when Parquet is written (it costs ~50 MB of memory)
    import pyarrow as pa

FORMATS = ("trl", "trl-chat", "hh", "openai", "grouped")
PAIR_META = ("task_id", "annotator", "chosen_id", "rejected_id", "chosen_rank", "rejected_rank", "margin",
             "likert_margin", "chosen_model", "rejected_model", "split", "tie")
HH_HUMAN, HH_ASSISTANT = "\n\nHuman: ", "\n\nAssistant:"
NO_SPLIT = "nosplit"  # file-name part for records without a split, with --split-files
PARQUET_BATCH = 4096

_encode = json.JSONEncoder(ensure_ascii=False).encode


# ------------------------------------------------------------------------------------------------------------
# Records
# ------------------------------------------------------------------------------------------------------------


def pair_meta(pair: Pair) -> dict[str, Any]:
    """The pair's metadata fields (:data:`PAIR_META`)."""
    return {
        "task_id": pair.task_id,
        "annotator": pair.annotator,
        "chosen_id": pair.chosen_id,
        "rejected_id": pair.rejected_id,
        "chosen_rank": pair.chosen_rank,
        "rejected_rank": pair.rejected_rank,
        "margin": pair.margin,
        "likert_margin": pair.likert_margin,
        "chosen_model": pair.chosen_model,
        "rejected_model": pair.rejected_model,
        "split": pair.split,
        "tie": pair.tie,
    }


def chat_messages(prompt: str, history: list[dict[str, str]]) -> list[dict[str, str]]:
    """The earlier turns, then the prompt as the last user message.

    >>> chat_messages("And now?", [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}])[-1]
    {'role': 'user', 'content': 'And now?'}
    """
    return [*history, {"role": "user", "content": prompt}]


def hh_prompt(prompt: str, history: list[dict[str, str]]) -> str:
    """The HH transcript up to the answer: each turn ``\\n\\nHuman: ...`` / ``\\n\\nAssistant: ...``, ending in
    ``\\n\\nAssistant:`` (a system turn is written as a Human turn: HH has no system role).

    >>> hh_prompt("Why?", [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}])
    '\\n\\nHuman: Hi\\n\\nAssistant: Hello\\n\\nHuman: Why?\\n\\nAssistant:'
    """
    parts = [(HH_ASSISTANT + " " if turn["role"] == "assistant" else HH_HUMAN) + turn["content"] for turn in history]
    return "".join(parts) + HH_HUMAN + prompt + HH_ASSISTANT


def pair_to_trl(pair: Pair) -> dict[str, Any]:
    """TRL standard preference record: ``{"prompt", "chosen", "rejected", ...meta}`` (plain strings).

    Earlier chat turns are not part of a plain prompt; use ``trl-chat``, ``hh`` or ``openai`` for chat tasks
    (the run report counts such pairs).
    """
    return {"prompt": pair.prompt, "chosen": pair.chosen, "rejected": pair.rejected, **pair_meta(pair)}


def pair_to_trl_chat(pair: Pair) -> dict[str, Any]:
    """TRL conversational preference record: the prompt as messages, each answer as one assistant message."""
    return {
        "prompt": chat_messages(pair.prompt, pair.history),
        "chosen": [{"role": "assistant", "content": pair.chosen}],
        "rejected": [{"role": "assistant", "content": pair.rejected}],
        **pair_meta(pair),
    }


def pair_to_hh(pair: Pair) -> dict[str, Any]:
    """Anthropic HH record: ``chosen``/``rejected`` full transcripts (``prompt + " " + response``), the
    ``prompt`` transcript and both responses, as in the hh-rlhf files, then the metadata.

    Example:
        >>> r = pair_to_hh(Pair(1, 2, "Hi", [], "Hello", "", "a", "b", 1, 2, 1, None, None, None, None))
        >>> r["prompt"], r["rejected"]
        ('\\n\\nHuman: Hi\\n\\nAssistant:', '\\n\\nHuman: Hi\\n\\nAssistant: ')
    """
    prompt = hh_prompt(pair.prompt, pair.history)
    return {
        "chosen": f"{prompt} {pair.chosen}",
        "rejected": f"{prompt} {pair.rejected}",
        "prompt": prompt,
        "chosen_response": pair.chosen,
        "rejected_response": pair.rejected,
        **pair_meta(pair),
    }


def pair_to_openai(pair: Pair) -> dict[str, Any]:
    """OpenAI preference fine-tuning record (``input.messages``, ``preferred_output``, ``non_preferred_output``).

    Only OpenAI's fields: the metadata is written to a sidecar file by :func:`write_pairs`.
    """
    return {
        "input": {"messages": chat_messages(pair.prompt, pair.history), "tools": [], "parallel_tool_calls": True},
        "preferred_output": [{"role": "assistant", "content": pair.chosen}],
        "non_preferred_output": [{"role": "assistant", "content": pair.rejected}],
    }


def ranked_to_grouped(ranked: RankedTask) -> dict[str, Any]:
    """One record per ranking: the prompt and its ranked outputs best first (ties share a rank).

    Example:
        >>> from exporters.rankings import Ranking
        >>> from exporters.tasks import Output
        >>> outs = {"a": Output(0, "a", "x", "m1"), "b": Output(1, "b", "y", "m2")}
        >>> r = ranked_to_grouped(RankedTask(5, 2, "p", [], outs, Ranking({"a": 2, "b": 1}), {"b": 7}, "test"))
        >>> [(o["id"], o["rank"], o["likert"]) for o in r["outputs"]], r["n_pairs"]
        ([('b', 1, 7), ('a', 2, None)], 1)
    """
    ranked_outputs = ranked.ranked()
    return {
        "task_id": ranked.task_id,
        "annotator": ranked.annotator,
        "prompt": ranked.prompt,
        "messages": chat_messages(ranked.prompt, ranked.history),
        "outputs": [{"id": o.id, "text": o.text, "rank": rank, "model": o.model, "likert": ranked.likert.get(o.id)}
                    for o, rank in ranked_outputs],
        "unranked": list(ranked.ranking.unranked),
        "n_pairs": len(ranked_outputs) * (len(ranked_outputs) - 1) // 2 - ranked.ranking.tied_pairs(),
        "n_annotations": ranked.n_annotations,
        "split": ranked.split,
    }


PAIR_BUILDERS: dict[str, Callable[[Pair], dict[str, Any]]] = {
    "trl": pair_to_trl,
    "trl-chat": pair_to_trl_chat,
    "hh": pair_to_hh,
    "openai": pair_to_openai,
}

# ------------------------------------------------------------------------------------------------------------
# Parquet schemas (explicit, so every batch and every split file has the same columns and types)
# ------------------------------------------------------------------------------------------------------------

def messages_type() -> pa.DataType:
    """Parquet type of a list of ``{"role", "content"}`` messages."""
    import pyarrow as pa

    return pa.list_(pa.struct([("role", pa.string()), ("content", pa.string())]))


def meta_fields(aggregated: bool) -> list[pa.Field]:
    """Parquet fields of :data:`PAIR_META`; ranks and margins are floats when aggregated (mean ranks)."""
    import pyarrow as pa

    num = pa.float64() if aggregated else pa.int64()
    return [pa.field("task_id", pa.int64()), pa.field("annotator", pa.int64()), pa.field("chosen_id", pa.string()),
            pa.field("rejected_id", pa.string()), pa.field("chosen_rank", num), pa.field("rejected_rank", num),
            pa.field("margin", num), pa.field("likert_margin", pa.float64()), pa.field("chosen_model", pa.string()),
            pa.field("rejected_model", pa.string()), pa.field("split", pa.string()), pa.field("tie", pa.bool_())]


def pair_schema(fmt: str, aggregated: bool = False) -> pa.Schema:
    """The Parquet schema of format ``fmt``.

    >>> pair_schema("trl").names[:4]
    ['prompt', 'chosen', 'rejected', 'task_id']
    """
    import pyarrow as pa

    meta = meta_fields(aggregated)
    text = pa.string()
    _MESSAGES = messages_type()
    if fmt == "trl":
        return pa.schema([("prompt", text), ("chosen", text), ("rejected", text), *meta])
    if fmt == "trl-chat":
        return pa.schema([("prompt", _MESSAGES), ("chosen", _MESSAGES), ("rejected", _MESSAGES), *meta])
    if fmt == "hh":
        return pa.schema([("chosen", text), ("rejected", text), ("prompt", text), ("chosen_response", text),
                          ("rejected_response", text), *meta])
    if fmt == "openai":
        inp = pa.struct([("messages", _MESSAGES), ("tools", pa.list_(pa.string())), ("parallel_tool_calls", pa.bool_())])
        return pa.schema([("input", inp), ("preferred_output", _MESSAGES), ("non_preferred_output", _MESSAGES)])
    if fmt == "grouped":
        num = pa.float64() if aggregated else pa.int64()
        output = pa.struct([("id", text), ("text", text), ("rank", num), ("model", text), ("likert", pa.float64())])
        return pa.schema([("task_id", pa.int64()), ("annotator", pa.int64()), ("prompt", text), ("messages", _MESSAGES),
                          ("outputs", pa.list_(output)), ("unranked", pa.list_(text)), ("n_pairs", pa.int64()),
                          ("n_annotations", pa.int64()), ("split", text)])
    raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")


def openai_meta_schema(aggregated: bool = False) -> pa.Schema:
    """Schema of the openai sidecar file: the pair metadata."""
    import pyarrow as pa

    return pa.schema(meta_fields(aggregated))


# ------------------------------------------------------------------------------------------------------------
# Writers
# ------------------------------------------------------------------------------------------------------------


def _partial(path: Path) -> Path:
    return path.with_name(path.name + ".partial")


_KEYS: dict[str, str] = {}


def jsonl_lines(records: list[dict]) -> str:
    """The JSON Lines of ``records``, exactly as ``json.dumps(r, ensure_ascii=False)`` + newline each, but each
    distinct top-level string object is encoded once per call: the pairs of one ranking share their prompt and
    outputs, so a batch of 36 pairs of 9 outputs encodes 10 texts instead of 108.

    >>> p = 'a "quoted" prompt'
    >>> records = [{"prompt": p, "n": 1, "x": None, "ok": True}, {"prompt": p, "r": 1.5, "m": [{"k": "é"}]}]
    >>> jsonl_lines(records) == "".join(json.dumps(r, ensure_ascii=False) + "\\n" for r in records)
    True
    """
    memo: dict[int, tuple[str, str]] = {}
    memo_get, keys_get, encode = memo.get, _KEYS.get, _encode
    out: list[str] = []
    append = out.append
    for record in records:
        sep = "{"
        for key, value in record.items():
            k = keys_get(key)
            if k is None:
                k = _KEYS.setdefault(key, encode(key) + ": ")
            append(sep)
            append(k)
            sep = ", "
            kind = type(value)
            if kind is str:
                hit = memo_get(id(value))
                if hit is None or hit[0] is not value:
                    hit = memo[id(value)] = (value, encode(value))
                append(hit[1])
            elif kind is int:
                append(int.__repr__(value))
            elif value is None:
                append("null")
            elif kind is bool:
                append("true" if value else "false")
            else:
                append(encode(value))
        append("{}\n" if sep == "{" else "}\n")
    return "".join(out)


class _JsonlSink:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._f = open(_partial(path), "w", encoding="utf-8", newline="\n", buffering=1 << 20)

    def write_many(self, records: list[dict]) -> None:
        self._f.write(jsonl_lines(records))

    def close(self) -> None:
        self._f.close()


class _ParquetSink:
    def __init__(self, path: Path, schema: pa.Schema) -> None:
        import pyarrow.parquet as pq

        self.path = path
        self.schema = schema
        self._writer = pq.ParquetWriter(_partial(path), schema)
        self._rows: list[dict] = []

    def write_many(self, records: list[dict]) -> None:
        self._rows.extend(records)
        if len(self._rows) >= PARQUET_BATCH:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            try:
                self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self.schema))
            except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
                raise ExportError(f"{self.path}: a record does not fit the Parquet schema: {exc}") from exc
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()


def split_path(path: Path, split: str | None) -> Path:
    """The file of ``split`` beside ``path``: ``pairs.jsonl`` -> ``pairs.train.jsonl``.

    >>> split_path(Path("out/pairs.jsonl"), "train").as_posix(), split_path(Path("pairs.parquet"), None).name
    ('out/pairs.train.jsonl', 'pairs.nosplit.parquet')
    """
    part = "".join(c if c.isalnum() or c in "-_" else "_" for c in (split or NO_SPLIT))
    return path.with_name(f"{path.stem}.{part}{path.suffix}")


def sidecar_path(path: Path) -> Path:
    """The metadata file beside an ``openai`` file: ``dpo.jsonl`` -> ``dpo.meta.jsonl``."""
    return path.with_name(f"{path.stem}.meta{path.suffix}")


class RecordWriter:
    """Writes records to one JSONL or Parquet file, or one file per split; counts what each file got.

    Args:
        path: the output file (with ``split_files``, the name the per-split files are derived from).
        schema: the Parquet schema; Parquet is written when given, JSONL otherwise.
        split_files: one file per split (:func:`split_path`).

    Example:
        >>> import tempfile, os
        >>> d = tempfile.mkdtemp()
        >>> with RecordWriter(Path(d) / "x.jsonl", split_files=True) as w:
        ...     w.write({"a": 1}, "train"); w.write({"a": 2}, None)
        >>> sorted(Path(p).name for p in w.counts), open(os.path.join(d, "x.train.jsonl")).read()
        (['x.nosplit.jsonl', 'x.train.jsonl'], '{"a": 1}\\n')
    """

    def __init__(self, path: Path, schema: pa.Schema | None = None, split_files: bool = False) -> None:
        self.path = Path(path)
        self.schema = schema
        self.split_files = split_files
        self.counts: dict[str, int] = {}
        self._sinks: dict[str | None, _JsonlSink | _ParquetSink] = {}
        if not split_files:
            self._open(None)

    def _open(self, split: str | None) -> _JsonlSink | _ParquetSink:
        path = split_path(self.path, split) if self.split_files else self.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            sink = _ParquetSink(path, self.schema) if self.schema is not None else _JsonlSink(path)
        except OSError as exc:
            raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
        self._sinks[split] = sink
        self.counts[str(path)] = 0
        return sink

    def write(self, record: dict, split: str | None = None) -> None:
        """Write one record (to its split's file with ``split_files``)."""
        self.write_many([record], split)

    def write_many(self, records: list[dict], split: str | None = None) -> None:
        """Write records of one split (to that split's file with ``split_files``)."""
        if not records:
            return
        key = split if self.split_files else None
        sink = self._sinks.get(key) or self._open(key)
        sink.write_many(records)
        self.counts[str(sink.path)] += len(records)

    def close(self) -> None:
        """Flush and close every file, then move each into place (files are written as ``*.partial``)."""
        for sink in self._sinks.values():
            sink.close()
        for sink in self._sinks.values():
            _partial(sink.path).replace(sink.path)

    def abort(self) -> None:
        """Close and delete every partial file: a failed run leaves no half-written output."""
        for sink in self._sinks.values():
            try:
                sink.close()
            except Exception:  # noqa: BLE001 - already failing; the partial file goes anyway
                pass
            _partial(sink.path).unlink(missing_ok=True)
        self.counts.clear()

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def write_pairs(tasks: Iterable[Any], output: str | Path, fmt: str = "trl", options: PairOptions = PairOptions(),
                parquet: bool = False, split_files: bool = False, report: RunReport | None = None) -> RunReport:
    """Convert a task stream into preference records in ``fmt`` and write them; one pass, constant memory.

    Args:
        tasks: exported tasks (e.g. :func:`exporters.read.open_tasks`).
        output: the output file (``.jsonl`` or ``.parquet``; with ``split_files`` the per-split names derive
            from it).
        fmt: one of :data:`FORMATS`.
        options: ties, aggregation, ground truth, ranker/bucket/pairwise settings.
        parquet: write Parquet instead of JSONL.
        split_files: one file per split.
        report: the report to count into (a new one when None; ``strict`` lives there).

    Returns:
        The run report: tasks, annotations used and skipped by reason, pairs written, ties dropped, files.

    Raises:
        BadInput: the first bad task when ``report.strict``.
        ExportError: the input or output cannot be read or written.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    report = report if report is not None else RunReport()
    output = Path(output)
    aggregated = options.aggregate == "mean-rank"
    schema = pair_schema(fmt, aggregated) if parquet else None
    build = PAIR_BUILDERS.get(fmt)
    with ExitStack() as files:  # on any failure both writers delete their partial files
        writer = files.enter_context(RecordWriter(output, schema, split_files))
        meta_writer = (files.enter_context(RecordWriter(sidecar_path(output), openai_meta_schema(aggregated)
                                                        if parquet else None, split_files))
                       if fmt == "openai" else None)
        for ranked in iter_ranked_tasks(tasks, options, report):
            tied = ranked.ranking.tied_pairs()
            if fmt == "grouped":  # ties stay visible as shared ranks: nothing is dropped
                record = ranked_to_grouped(ranked)
                writer.write(record, ranked.split)
                report.records += 1
                report.pairs += record["n_pairs"]
                if tied:
                    report.note("tied pairs (shared ranks in grouped records)", tied)
                continue
            if options.ties == "keep":
                report.ties_kept += tied
            else:
                report.ties_dropped += tied
            pairs = ranking_to_pairs(ranked, options.ties)
            if ranked.history and fmt == "trl" and pairs:
                report.note("chat pairs without earlier turns (plain trl)", len(pairs))
            writer.write_many([build(pair) for pair in pairs], ranked.split)  # type: ignore[misc]
            if meta_writer is not None:
                meta_writer.write_many([pair_meta(pair) for pair in pairs], ranked.split)
            report.pairs += len(pairs)
            report.records += len(pairs)
    report.files.update(writer.counts)
    if meta_writer is not None:
        report.files.update(meta_writer.counts)
    return report
