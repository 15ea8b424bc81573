"""Read prompt logs into a stream of :class:`~importers.records.Record` (step 1 of the pipeline).

Containers (``importers.containers``): JSON Lines (``.jsonl``, ``.ndjson``; ``.json`` holding one object a line
or one JSON array), CSV/TSV and Parquet, each optionally gzipped (``.gz``, not Parquet). Nothing is loaded whole,
and every item is bounded in depth and size (``importers.limits``).

Record shapes, recognised per line:

* plain: ``{"prompt": "...", "user_id": "u1", "category": "...", "source": "..."}`` (field names mappable);
* comparison: the same plus ``"outputs"`` (or ``"completions"``, or the field ``--outputs-field`` names): a list
  of strings or of objects ``{"model": ..., "text": ..., "rank": 0}`` (``rank`` optional, 0 = best); the model
  and text keys are found among ``MODEL_KEYS`` / ``TEXT_KEYS`` (InstructGPT's ``{"model_type", "sample"}``
  included) or named with ``--model-key`` / ``--text-key``;
* toxicity: ``{"prompt": sentence start, "continuation": ...}`` (``{"text": ...}`` values as in
  RealToxicityPrompts are accepted);
* chat log: ``{"messages": [{"role": "user"|"assistant"|"system", "content": ...}, ...]}``: the LAST user
  message is the prompt, the turns before it become the record's ``context``; turns after it are ignored;
* OpenAssistant message tree (``{"message_tree_id", "prompt": {"role": "prompter", "replies": [...]}}``):
  every prompter message becomes a record, its assistant replies the outputs, their human ``rank`` kept
  (``importers.oasst``; filters for language and tree state);
* a Label Studio task ``{"data": {...}}`` (e.g. a ``--dry-run`` output): its ``data`` is read as a plain record,
  ``outputs`` items ``{id, title, body}`` with their model from ``models``, its ``external_id`` kept (predictions
  are not read back).

A line that cannot be parsed (bad JSON, bad encoding) is *malformed*; a parsed line that cannot be used
(missing prompt, prompt not a string, bad outputs) is *invalid*. Both are logged with their line number,
counted and skipped; with ``strict`` the first one raises :class:`~importers.records.BadInputError`. Reasons
name the line and the field (by the name the user mapped, or its position), never a value or an unknown key
(keys of a line can hold personal data).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from importers.containers import JSON_CELLS, csv_rows, jsonl_rows, parquet_rows
from importers.json_array import json_rows
from importers.containers import type_name as _type_name
from importers.limits import Limits
from importers.oasst import HUMAN_MODEL, OASST_RANK_VERSION, ROLE_ALIASES, OasstFilter, is_oasst_tree, \
    oasst_records
from importers.records import ImporterError, Output, Record, Tally, as_text
from label_config import taxonomy as T

FORMATS = ("auto", "jsonl", "json", "csv", "tsv", "parquet")
OUTPUT_KEYS = (T.OUTPUTS, "completions")
MODEL_KEYS = ("model", "model_type", "model_name")  # where an output object names its model (auto)
TEXT_KEYS = ("text", T.OUTPUT_BODY, "sample", "completion", "response", "content")  # where it holds its text
IMPORTED_RANK_VERSION = "imported-rank"  # model_version of predictions made from ``rank`` in an outputs list
MAX_ID_CHARS = 256  # longest user id / source / category kept

__all__ = ["FORMATS", "FieldSpec", "HUMAN_MODEL", "IMPORTED_RANK_VERSION", "OASST_RANK_VERSION", "OasstFilter",
           "detect_format", "read_records", "records_from_row"]


@dataclass(frozen=True)
class FieldSpec:
    """Where the prompt, the user and the outputs are in a record (``--prompt-field``, ``--user-field``,
    ``--outputs-field``, ``--model-key``, ``--text-key``); None = the usual names (``OUTPUT_KEYS``, ``MODEL_KEYS``,
    ``TEXT_KEYS``)."""

    prompt: str = T.PROMPT
    user: str = T.USER_ID
    outputs: str | None = None
    model_key: str | None = None
    text_key: str | None = None

    @property
    def output_fields(self) -> tuple[str, ...]:
        return (self.outputs,) if self.outputs else OUTPUT_KEYS


def read_records(path: str | Path, *, fmt: str = "auto", fields: FieldSpec = FieldSpec(), source: str | None = None,
                 encoding: str = "utf-8", tally: Tally | None = None, limits: Limits = Limits(),
                 oasst: OasstFilter = OasstFilter()) -> Iterator[Record]:
    """Stream the records of a prompt file, skipping (and counting) bad lines.

    Args:
        path: the input file.
        fmt: one of ``FORMATS``; ``auto`` picks by extension.
        fields: the names of the prompt, user and output fields.
        source: the source name of records without a ``source`` field (default: the file name's stem).
        encoding: text encoding of JSONL/CSV files.
        tally: counts ``read`` (lines), ``records``, ``malformed`` and ``invalid``.
        limits: the bounds of one item (depth, bytes, digits).
        oasst: which OpenAssistant trees and messages to keep (language, tree state).

    Returns:
        An iterator of records in file order (an OpenAssistant tree yields its prompts depth first).

    Example:
        >>> import tempfile, os
        >>> p = os.path.join(tempfile.mkdtemp(), "p.jsonl")
        >>> _ = open(p, "w").write('{"prompt": "Hi", "user_id": 7}\\n{oops\\n')
        >>> t = Tally()
        >>> [(r.prompt, r.user_id, r.source) for r in read_records(p, tally=t)], t.counts["malformed"]
        ([('Hi', '7', 'p')], 1)
    """
    path = Path(path)
    tally = tally if tally is not None else Tally()
    if not path.is_file():
        raise ImporterError(f"{path}: no such file")
    fmt = detect_format(path) if fmt == "auto" else fmt
    if fmt not in FORMATS:
        raise ImporterError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ImporterError(f"unknown encoding {encoding!r}") from None
    source = source or _stem(path)
    cells = tuple(dict.fromkeys((*JSON_CELLS, *fields.output_fields)))
    rows = {
        "jsonl": lambda: jsonl_rows(path, encoding, tally, limits),
        "json": lambda: json_rows(path, encoding, tally, limits),
        "csv": lambda: csv_rows(path, encoding, tally, ",", limits, cells),
        "tsv": lambda: csv_rows(path, encoding, tally, "\t", limits, cells),
        "parquet": lambda: parquet_rows(path, tally, limits),
    }[fmt]()
    found = 0
    try:
        for line, obj in rows:
            for record in records_from_row(obj, line, fields, source, tally, oasst):
                found += 1
                yield record
    finally:
        tally.count("records", found)


def detect_format(path: Path) -> str:
    """The format of ``path`` from its extension (``.gz`` ignored).

    >>> detect_format(Path("a.jsonl.gz")), detect_format(Path("b.pq")), detect_format(Path("c.tsv"))
    ('jsonl', 'parquet', 'tsv')
    """
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    ext = suffixes[-1] if suffixes else ""
    by_ext = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".tsv": "tsv",
              ".parquet": "parquet", ".pq": "parquet"}
    if ext not in by_ext:
        raise ImporterError(f"{path.name}: cannot tell the format from the extension; pass --format")
    return by_ext[ext]


def _stem(path: Path) -> str:
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return name.rsplit(".", 1)[0] if "." in name else name


# --------------------------------------------------------------------------------------------------
# One parsed row -> records
# --------------------------------------------------------------------------------------------------

def records_from_row(obj: dict, line: int, fields: FieldSpec, source: str, tally: Tally,
                     oasst: OasstFilter = OasstFilter()) -> Iterator[Record]:
    """The records in one parsed row: one for a plain or chat row, one per prompter message for a tree.

    Args:
        obj: the parsed row.
        line: its line (or row) number, for messages.
        fields: where the prompt, user and outputs are.
        source: the source of rows without a ``source`` field.
        tally: counts ``invalid``.
        oasst: the OpenAssistant filters.

    Returns:
        An iterator of records (empty when the row is invalid).

    Example:
        >>> rows = records_from_row({"messages": [{"role": "user", "content": "Hi"},
        ...     {"role": "assistant", "content": "Hello"}, {"role": "user", "content": "Bye"}]}, 1, FieldSpec(), "s", Tally())
        >>> r = next(rows); r.prompt, [t["role"] for t in r.context]
        ('Bye', ['user', 'assistant'])
    """
    if is_oasst_tree(obj):
        yield from oasst_records(obj, line, source, tally, oasst)
        return
    task_id = None
    if fields.prompt not in obj and isinstance(obj.get("data"), dict):
        obj = obj["data"]  # a Label Studio task: keep its external id, so re-importing it never duplicates
        task_id = _str(obj.get(T.EXTERNAL_ID))
    bad = _Bad(tally, line)
    context: list[dict[str, str]] = []
    if fields.prompt not in obj and "messages" in obj:
        chat = _chat(obj["messages"], bad)
        if chat is None:
            return
        prompt, context = chat
    else:
        if fields.prompt not in obj or obj[fields.prompt] is None:
            # The line's own keys are not quoted: a key can hold personal data. Their number is enough.
            bad(f"missing field {fields.prompt!r} (the object has {len(obj)} fields, none of that name); "
                f"map it with --prompt-field")
            return
        prompt = as_text(obj[fields.prompt])
        if prompt is None:
            bad(f"field {fields.prompt!r} is {_type_name(obj[fields.prompt])}, expected a string")
            return
    user = _user(obj.get(fields.user), fields.user, bad)
    if user is False:
        return
    record = Record(prompt=prompt, line=line, user_id=user, source=_short(obj.get(T.SOURCE)) or source,
                    context=context, category=_short(obj.get(T.CATEGORY)), split=_str(obj.get(T.SPLIT)),
                    external_id=task_id)
    if T.CONTINUATION in obj and obj[T.CONTINUATION] is not None:
        record.continuation = as_text(obj[T.CONTINUATION])
        if record.continuation is None:
            bad(f"field {T.CONTINUATION!r} is {_type_name(obj[T.CONTINUATION])}, expected a string")
            return
    key = next((k for k in fields.output_fields if obj.get(k) is not None), None)
    if key is not None:
        models = obj.get(T.MODELS) if isinstance(obj.get(T.MODELS), dict) else {}
        outputs = _outputs(obj[key], key, bad, fields, models)
        if outputs is None:
            return
        record.outputs = outputs
        if any(o.rank is not None for o in outputs):
            record.rank_source = IMPORTED_RANK_VERSION
    yield record


class _Bad:
    """Report an invalid row (a callable so helpers can report without knowing the line)."""

    def __init__(self, tally: Tally, line: int):
        self.tally, self.line = tally, line

    def __call__(self, reason: str) -> None:
        self.tally.problem("invalid", self.line, reason)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _short(value: Any) -> str | None:
    """A short string field (source, category): None when absent, empty or over ``MAX_ID_CHARS``."""
    value = _str(value)
    return value if value is not None and len(value) <= MAX_ID_CHARS else None


def user_id(value: Any) -> str | None:
    """A user id as a string; None when absent; ValueError (with the reason) when unusable.

    >>> user_id(42), user_id(" org-7 "), user_id(3.0), user_id(None)
    ('42', 'org-7', '3', None)
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value != value:  # NaN from a Parquet/pandas column
        return None
    if isinstance(value, str):
        value = value.strip()
        if len(value) > MAX_ID_CHARS:
            raise ValueError(f"a string of {len(value):,} characters (at most {MAX_ID_CHARS})")
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{_type_name(value)}, expected a string or a number")
    if isinstance(value, int):
        text = str(value)
    elif value in (float("inf"), float("-inf")):
        raise ValueError("an infinite number")
    else:
        text = str(int(value)) if value.is_integer() and abs(value) < 2**63 else repr(value)
    if len(text) > MAX_ID_CHARS:
        raise ValueError(f"a number of {len(text):,} digits (at most {MAX_ID_CHARS})")
    return text


def _user(value: Any, name: str, bad: _Bad) -> str | None | bool:
    """The user id as a string; None when absent; False (after reporting) when unusable."""
    try:
        return user_id(value)
    except ValueError as exc:
        bad(f"field {name!r} is {exc}")
        return False


def _chat(messages: Any, bad: _Bad) -> tuple[str, list[dict[str, str]]] | None:
    if not isinstance(messages, list):
        bad(f"field 'messages' is {_type_name(messages)}, expected a list of {{role, content}}")
        return None
    turns: list[dict[str, str]] = []
    for i, m in enumerate(messages, 1):
        if not isinstance(m, dict):
            bad(f"message {i} is {_type_name(m)}, expected {{role, content}}")
            return None
        role_value = m.get("role", m.get("from", ""))
        role = ROLE_ALIASES.get(role_value.lower()) if isinstance(role_value, str) else None
        content = m.get("content", m.get("value"))
        if role is None:
            bad(f"message {i} has an unknown role; expected user, assistant or system")
            return None
        if not isinstance(content, str):
            bad(f"message {i}: content is {_type_name(content)}, expected a string")
            return None
        turns.append({"role": role, "content": content})
    last_user = max((i for i, t in enumerate(turns) if t["role"] == "user"), default=None)
    if last_user is None:
        bad("field 'messages' has no user message")
        return None
    return turns[last_user]["content"], turns[:last_user]


def _first_key(item: dict, named: str | None, usual: tuple[str, ...]) -> str | None:
    if named:
        return named if named in item else None
    return next((k for k in usual if k in item), None)


def _outputs(value: Any, key: str, bad: _Bad, fields: FieldSpec = FieldSpec(),
             models: dict | None = None) -> list[Output] | None:
    """Outputs from strings, objects (``{model, text, rank}``, ``{model_type, sample}`` ... or the keys
    ``--model-key`` / ``--text-key`` name) or Label Studio items ``{id, title, body}``.

    >>> [(o.model, o.text) for o in _outputs([{"model_type": "ppo", "sample": "Hi"}], "completions", None)]
    [('ppo', 'Hi')]
    """
    if not isinstance(value, list):
        bad(f"field {key!r} is {_type_name(value)}, expected a list")
        return None
    outputs = []
    for i, item in enumerate(value, 1):
        if isinstance(item, str):
            outputs.append(Output(item))
            continue
        if not isinstance(item, dict):
            bad(f"{key} item {i} is {_type_name(item)}, expected a string or an object")
            return None
        text_key = _first_key(item, fields.text_key, TEXT_KEYS)
        text = item.get(text_key) if text_key else None
        if not isinstance(text, str):
            wanted = repr(fields.text_key) if fields.text_key else "any of " + ", ".join(TEXT_KEYS)
            bad(f"{key} item {i} has no text (looked for {wanted}; name it with --text-key)")
            return None
        model_key = _first_key(item, fields.model_key, MODEL_KEYS)
        model = item.get(model_key) if model_key else None
        if model is None or model == "":
            model = (models or {}).get(item.get(T.OUTPUT_ID)) or ""
        if not isinstance(model, (str, int)) or isinstance(model, bool) or len(str(model)) > MAX_ID_CHARS:
            bad(f"{key} item {i}: the model name is {_type_name(model)}, expected a short string")
            return None
        rank = item.get("rank")
        if rank is not None and (isinstance(rank, bool) or not isinstance(rank, int) or not 0 <= rank < 10**6):
            bad(f"{key} item {i}: rank is {_type_name(rank)}, expected an integer >= 0 (0 = best)")
            return None
        outputs.append(Output(text, model=str(model), rank=rank))
    return outputs
