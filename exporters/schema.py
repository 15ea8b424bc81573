"""One fixed schema per output: every column has the same Arrow type whatever the data and the options.

The Parquet writers use these schemas, and :func:`hf_features` gives the same types as ``datasets.Features``, so
exports of different projects, and the JSON Lines and Parquet of one export, load and concatenate::

    features = hf_features("trl")
    a = load_dataset("json", data_files=["p1.jsonl", "p2.jsonl"], features=features)["train"]
    b = load_dataset("parquet", data_files=["p1.parquet", "p2.parquet"])["train"]
    concatenate_datasets([a, b])

(JSON Lines carry no types: a column that is null on every line of a file, e.g. ``likert_margin`` of a project
without Likert ratings, would otherwise be read as type ``null`` and refuse the next file's numbers.)

Names: ``trl``, ``trl-chat``, ``hh``, ``openai``, ``grouped`` (pair files), ``hh.meta`` / ``openai.meta`` (their
side files), ``ties:trl`` / ``ties:chat`` (the tied pairs kept with ``--ties keep``), ``sft:completion``,
``sft:chat``; the flat label rows have one schema per interface (:func:`exporters.labels.label_schema`).

    >>> schema("trl").field("likert_margin").type, schema("trl").field("task_id").type
    (DataType(double), DataType(int64))
    >>> schema("hh").names
    ['chosen', 'rejected']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pyarrow is imported only when a schema is asked for (it costs ~50 MB of memory)
    import pyarrow as pa

PAIR_FORMATS = ("trl", "trl-chat", "hh", "openai", "grouped")
SIDE_FILES = ("hh", "openai")  # formats whose metadata goes to a side file, line for line
# The pair metadata every pair format carries (in-line, or in the side file): see docs/formats_out.md.
PAIR_META = ("task_id", "annotator", "chosen_id", "rejected_id", "chosen_rank", "rejected_rank", "margin",
             "likert_margin", "chosen_model", "rejected_model", "split", "tie")


def messages_type() -> pa.DataType:
    """A list of ``{"role", "content"}`` messages."""
    import pyarrow as pa

    return pa.list_(pa.struct([("role", pa.string()), ("content", pa.string())]))


def meta_fields() -> list[pa.Field]:
    """The fields of :data:`PAIR_META`. Ranks and margins are floats (mean ranks are fractional; JSON Lines
    write whole ranks as ints, which load into these columns unchanged)."""
    import pyarrow as pa

    f64, text = pa.float64(), pa.string()
    return [pa.field("task_id", pa.int64()), pa.field("annotator", pa.int64()), pa.field("chosen_id", text),
            pa.field("rejected_id", text), pa.field("chosen_rank", f64), pa.field("rejected_rank", f64),
            pa.field("margin", f64), pa.field("likert_margin", f64), pa.field("chosen_model", text),
            pa.field("rejected_model", text), pa.field("split", text), pa.field("tie", pa.bool_())]


def _pairs(name: str) -> pa.Schema:
    import pyarrow as pa

    text, msgs = pa.string(), messages_type()
    meta = meta_fields()
    if name in ("trl", "ties:trl"):
        return pa.schema([("prompt", text), ("chosen", text), ("rejected", text), *meta])
    if name in ("trl-chat", "ties:chat"):
        return pa.schema([("prompt", msgs), ("chosen", msgs), ("rejected", msgs), *meta])
    if name == "hh":
        return pa.schema([("chosen", text), ("rejected", text)])
    if name == "hh.meta":
        return pa.schema([("prompt", text), ("chosen_response", text), ("rejected_response", text), *meta])
    if name == "openai":
        inp = pa.struct([("messages", msgs), ("tools", pa.list_(text)), ("parallel_tool_calls", pa.bool_())])
        return pa.schema([("input", inp), ("preferred_output", msgs), ("non_preferred_output", msgs)])
    if name == "openai.meta":
        return pa.schema(meta)
    if name == "grouped":
        output = pa.struct([("id", text), ("text", text), ("rank", pa.float64()), ("model", text),
                            ("likert", pa.float64())])
        return pa.schema([("task_id", pa.int64()), ("annotator", pa.int64()), ("prompt", text), ("messages", msgs),
                          ("outputs", pa.list_(output)), ("unranked", pa.list_(text)), ("n_pairs", pa.int64()),
                          ("n_annotations", pa.int64()), ("split", text)])
    raise KeyError(name)


def _sft(fmt: str) -> pa.Schema:
    import pyarrow as pa

    meta = [("task_id", pa.int64()), ("annotator", pa.int64()), ("category", pa.string()), ("split", pa.string()),
            ("ground_truth", pa.bool_())]
    if fmt == "completion":
        return pa.schema([("prompt", pa.string()), ("completion", pa.string()), *meta])
    if fmt == "chat":
        return pa.schema([("messages", messages_type()), *meta])
    raise KeyError(f"sft:{fmt}")


def schema(name: str) -> pa.Schema:
    """The Arrow schema of the output called ``name`` (see the module doc).

    Raises:
        KeyError: an unknown name.
    """
    if name.startswith("sft:"):
        return _sft(name[4:])
    return _pairs(name)


def ties_schema_name(fmt: str) -> str:
    """The schema of the ties file of pair format ``fmt``: the ``trl`` layout for ``trl``, else ``trl-chat``'s.

    >>> ties_schema_name("trl"), ties_schema_name("openai")
    ('ties:trl', 'ties:chat')
    """
    return "ties:trl" if fmt == "trl" else "ties:chat"


def hf_features(name: str | pa.Schema) -> Any:
    """The ``datasets.Features`` of output ``name`` (or of an Arrow schema, e.g. a labels schema); needs the
    ``datasets`` package.

    Example:
        >>> hf_features("trl")["likert_margin"]
        Value('float64')
    """
    from datasets import Features

    return Features.from_arrow_schema(schema(name) if isinstance(name, str) else name)
