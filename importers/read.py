"""Read prompt logs into a stream of :class:`~importers.records.Record` (step 1 of the pipeline).

Containers: JSON Lines (``.jsonl``, ``.ndjson``; ``.json`` holding one object a line or one JSON array, read
with ijson), CSV/TSV and Parquet, each optionally gzipped (``.gz``, not Parquet). Nothing is loaded whole:
lines, rows and Parquet record batches are read one at a time.

Record shapes, recognised per line:

* plain: ``{"prompt": "...", "user_id": "u1", "category": "...", "source": "..."}`` (field names mappable);
* comparison: the same plus ``"outputs"`` (or ``"completions"``): a list of strings or of
  ``{"model": ..., "text": ..., "rank": 0}`` objects (``rank`` optional, 0 = best);
* toxicity: ``{"prompt": sentence start, "continuation": ...}`` (``{"text": ...}`` values as in
  RealToxicityPrompts are accepted);
* chat log: ``{"messages": [{"role": "user"|"assistant"|"system", "content": ...}, ...]}``: the LAST user
  message is the prompt, the turns before it become the record's ``context``; turns after it are ignored;
* OpenAssistant message tree (``{"message_tree_id", "prompt": {"role": "prompter", "replies": [...]}}``):
  every prompter message becomes a record, its assistant replies the outputs, their human ``rank`` kept;
* a Label Studio task ``{"data": {...}}`` (e.g. a ``--dry-run`` output): its ``data`` is read as a plain record,
  ``outputs`` items ``{id, title, body}`` with their model from ``models``, its ``external_id`` kept (predictions
  are not read back).

A line that cannot be parsed (bad JSON, bad encoding) is *malformed*; a parsed line that cannot be used
(missing prompt, prompt not a string, bad outputs) is *invalid*. Both are logged with their line number,
counted and skipped; with ``strict`` the first one raises :class:`~importers.records.BadInputError`.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from importers.records import ImporterError, Output, Record, Tally, as_text
from label_config import taxonomy as T

FORMATS = ("auto", "jsonl", "json", "csv", "tsv", "parquet")
OUTPUT_KEYS = (T.OUTPUTS, "completions")
OASST_RANK_VERSION = "oasst-human-rank"  # model_version of predictions made from OpenAssistant human ranks
IMPORTED_RANK_VERSION = "imported-rank"  # model_version of predictions made from ``rank`` in an outputs list
HUMAN_MODEL = "human"  # model name of an OpenAssistant reply written by a person

ROLE_ALIASES = {
    "user": "user", "human": "user", "prompter": "user",
    "assistant": "assistant", "gpt": "assistant", "bot": "assistant", "model": "assistant",
    "system": "system",
}
_JSON_CELLS = ("messages", *OUTPUT_KEYS)  # CSV cells that may hold JSON
_SPECIAL_KEYS = frozenset(("messages", "data", T.CONTINUATION, T.MODELS, *OUTPUT_KEYS))  # not a plain record


@dataclass(frozen=True)
class FieldSpec:
    """How to find the prompt and the user in a record (``--prompt-field``, ``--user-field``)."""

    prompt: str = T.PROMPT
    user: str = T.USER_ID


def read_records(path: str | Path, *, fmt: str = "auto", fields: FieldSpec = FieldSpec(), source: str | None = None,
                 encoding: str = "utf-8", tally: Tally | None = None) -> Iterator[Record]:
    """Stream the records of a prompt file, skipping (and counting) bad lines.

    Args:
        path: the input file.
        fmt: one of ``FORMATS``; ``auto`` picks by extension.
        fields: the names of the prompt and user fields.
        source: the source name of records without a ``source`` field (default: the file name's stem).
        encoding: text encoding of JSONL/CSV files.
        tally: counts ``read`` (lines), ``records``, ``malformed`` and ``invalid``.

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
    rows = {
        "jsonl": lambda: _jsonl_rows(path, encoding, tally),
        "json": lambda: _json_rows(path, encoding, tally),
        "csv": lambda: _csv_rows(path, encoding, tally, ","),
        "tsv": lambda: _csv_rows(path, encoding, tally, "\t"),
        "parquet": lambda: _parquet_rows(path, tally),
    }[fmt]()
    found = 0
    try:
        for line, obj in rows:
            for record in records_from_row(obj, line, fields, source, tally):
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


# --------------------------------------------------------------------------------------------------
# Containers -> (line number, dict)
# --------------------------------------------------------------------------------------------------

def _stem(path: Path) -> str:
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return name.rsplit(".", 1)[0] if "." in name else name


def _open_binary(path: Path) -> BinaryIO:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def _decode(raw: bytes, encoding: str, line: int, tally: Tally) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        hint = "; try --encoding latin-1 (or the file's real encoding)" if encoding.lower().replace("-", "") in (
            "utf8", "utf8sig") else ""
        tally.problem("malformed", line,
                      f"not valid {encoding}: byte 0x{raw[exc.start]:02x} at position {exc.start}{hint}")
        return None


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number",
            bool: "a boolean", type(None): "null"}.get(type(value), type(value).__name__)


def _jsonl_rows(path: Path, encoding: str, tally: Tally) -> Iterator[tuple[int, dict]]:
    read = 0
    try:
        with _open_binary(path) as f:
            for line, raw in enumerate(f, 1):
                if line == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8):]
                if not raw.strip():
                    continue
                read += 1
                try:
                    text = raw.decode(encoding)
                except UnicodeDecodeError:
                    _decode(raw, encoding, line, tally)  # reports it
                    continue
                try:
                    obj = json.loads(text)
                except json.JSONDecodeError as exc:
                    tally.problem("malformed", line, f"malformed JSON ({exc.msg} at column {exc.colno})")
                    continue
                if type(obj) is not dict:
                    tally.problem("malformed", line, f"expected a JSON object, got {_type_name(obj)}")
                    continue
                yield line, obj
    finally:
        tally.count("read", read)


def _json_rows(path: Path, encoding: str, tally: Tally) -> Iterator[tuple[int, dict]]:
    """A ``.json`` file: a JSON array streamed with ijson (items numbered from 1), else JSON Lines."""
    with _open_binary(path) as f:
        head = f.read(4096).lstrip(codecs.BOM_UTF8).lstrip()
    if not head.startswith(b"["):
        yield from _jsonl_rows(path, encoding, tally)
        return
    import ijson

    item = 0
    with _open_binary(path) as f:
        try:
            for obj in ijson.items(f, "item", use_float=True):
                item += 1
                tally.count("read")
                if not isinstance(obj, dict):
                    tally.problem("malformed", item, f"array item is {_type_name(obj)}, expected an object")
                    continue
                yield item, obj
        except (ijson.JSONError, UnicodeDecodeError) as exc:
            tally.count("read")
            tally.problem("malformed", item + 1, f"malformed JSON array after item {item} ({exc})")
            tally.warn(f"{path.name}: the JSON array cannot be read past item {item}; the rest is skipped")


class _Lines:
    """Decoded text lines of a file, skipping (and counting) lines that do not decode; knows its line number."""

    def __init__(self, path: Path, encoding: str, tally: Tally):
        self.path, self.encoding, self.tally, self.line = path, encoding, tally, 0

    def __iter__(self) -> Iterator[str]:
        with _open_binary(self.path) as f:
            for raw in f:
                self.line += 1
                if self.line == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8):]
                text = _decode(raw, self.encoding, self.line, self.tally)
                if text is not None:
                    yield text
                elif self.line == 1:
                    raise ImporterError(f"{self.path.name}: the header line is not valid {self.encoding}")


def _csv_rows(path: Path, encoding: str, tally: Tally, delimiter: str) -> Iterator[tuple[int, dict]]:
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))  # long prompts, few-shot examples
    lines = _Lines(path, encoding, tally)
    reader = csv.reader(iter(lines), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise ImporterError(f"{path.name}: cannot read the header line ({exc})") from None
    while True:
        start = lines.line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            tally.count("read")
            tally.problem("malformed", start, f"malformed CSV ({exc})")
            continue
        if not any(cell.strip() for cell in row):
            continue
        tally.count("read")
        if len(row) != len(header):
            tally.problem("malformed", start, f"{len(row)} cells, the header has {len(header)}")
            continue
        obj: dict[str, Any] = {}
        for name, cell in zip(header, row):
            if name in _JSON_CELLS and cell.lstrip()[:1] in ("[", "{"):
                try:
                    obj[name] = json.loads(cell)
                    continue
                except json.JSONDecodeError as exc:
                    tally.problem("invalid", start, f"column {name!r} holds malformed JSON ({exc.msg})")
                    break
            obj[name] = None if name in _JSON_CELLS and not cell.strip() else cell
        else:
            yield start, obj


def _parquet_rows(path: Path, tally: Tally) -> Iterator[tuple[int, dict]]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid / OSError with a readable message
        raise ImporterError(f"{path.name}: not a readable Parquet file ({exc})") from None
    row = 0
    for batch in pf.iter_batches(batch_size=4096):
        for obj in batch.to_pylist():
            row += 1
            tally.count("read")
            yield row, obj


# --------------------------------------------------------------------------------------------------
# One parsed row -> records
# --------------------------------------------------------------------------------------------------

def records_from_row(obj: dict, line: int, fields: FieldSpec, source: str, tally: Tally) -> Iterator[Record]:
    """The records in one parsed row: one for a plain or chat row, one per prompter message for a tree.

    Args:
        obj: the parsed row.
        line: its line (or row) number, for messages.
        fields: where the prompt and user are.
        source: the source of rows without a ``source`` field.
        tally: counts ``invalid``.

    Returns:
        An iterator of records (empty when the row is invalid).

    Example:
        >>> rows = records_from_row({"messages": [{"role": "user", "content": "Hi"},
        ...     {"role": "assistant", "content": "Hello"}, {"role": "user", "content": "Bye"}]}, 1, FieldSpec(), "s", Tally())
        >>> r = next(rows); r.prompt, [t["role"] for t in r.context]
        ('Bye', ['user', 'assistant'])
    """
    if _is_oasst_tree(obj):
        yield from oasst_records(obj, line, source, tally)
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
            keys = ", ".join(list(map(str, obj))[:12]) or "none"
            bad(f"missing field {fields.prompt!r} (fields: {keys}); map it with --prompt-field")
            return
        prompt = as_text(obj[fields.prompt])
        if prompt is None:
            bad(f"field {fields.prompt!r} is {_type_name(obj[fields.prompt])}, expected a string")
            return
    user = _user(obj.get(fields.user), fields.user, bad)
    if user is False:
        return
    record = Record(prompt=prompt, line=line, user_id=user, source=_str(obj.get(T.SOURCE)) or source,
                    context=context, category=_str(obj.get(T.CATEGORY)), split=_str(obj.get(T.SPLIT)),
                    external_id=task_id)
    if T.CONTINUATION in obj and obj[T.CONTINUATION] is not None:
        record.continuation = as_text(obj[T.CONTINUATION])
        if record.continuation is None:
            bad(f"field {T.CONTINUATION!r} is {_type_name(obj[T.CONTINUATION])}, expected a string")
            return
    key = next((k for k in OUTPUT_KEYS if obj.get(k) is not None), None)
    if key is not None:
        models = obj.get(T.MODELS) if isinstance(obj.get(T.MODELS), dict) else {}
        outputs = _outputs(obj[key], key, bad, models)
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


def _user(value: Any, name: str, bad: _Bad) -> str | None | bool:
    """The user id as a string; None when absent; False (after reporting) when unusable."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value != value:  # NaN from a Parquet/pandas column
        return None
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        bad(f"field {name!r} is {_type_name(value)}, expected a string or a number")
        return False
    return str(int(value)) if float(value).is_integer() else str(value)


def _chat(messages: Any, bad: _Bad) -> tuple[str, list[dict[str, str]]] | None:
    if not isinstance(messages, list):
        bad(f"field 'messages' is {_type_name(messages)}, expected a list of {{role, content}}")
        return None
    turns: list[dict[str, str]] = []
    for i, m in enumerate(messages, 1):
        if not isinstance(m, dict):
            bad(f"message {i} is {_type_name(m)}, expected {{role, content}}")
            return None
        role = ROLE_ALIASES.get(str(m.get("role", m.get("from", ""))).lower())
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


def _outputs(value: Any, key: str, bad: _Bad, models: dict | None = None) -> list[Output] | None:
    """Outputs from strings, ``{model, text, rank}`` objects or Label Studio items ``{id, title, body}``."""
    if not isinstance(value, list):
        bad(f"field {key!r} is {_type_name(value)}, expected a list")
        return None
    outputs = []
    for i, item in enumerate(value, 1):
        if isinstance(item, str):
            outputs.append(Output(item))
        elif isinstance(item, dict) and isinstance(item.get("text", item.get(T.OUTPUT_BODY)), str):
            text = item.get("text", item.get(T.OUTPUT_BODY))
            model = item.get("model") or (models or {}).get(item.get(T.OUTPUT_ID)) or ""
            rank = item.get("rank")
            if rank is not None and (isinstance(rank, bool) or not isinstance(rank, int) or rank < 0):
                bad(f"{key} item {i}: rank is {_type_name(rank)}, expected an integer >= 0 (0 = best)")
                return None
            outputs.append(Output(text, model=str(model), rank=rank))
        else:
            bad(f"{key} item {i} is {_type_name(item)}, expected a string or {{model, text}}")
            return None
    return outputs


# --------------------------------------------------------------------------------------------------
# OpenAssistant message trees
# --------------------------------------------------------------------------------------------------

def _is_oasst_tree(obj: dict) -> bool:
    root = obj.get("prompt")
    return isinstance(root, dict) and "replies" in root and root.get("role") == "prompter"


def oasst_records(tree: dict, line: int, source: str, tally: Tally) -> Iterator[Record]:
    """One record per prompter message of an OpenAssistant tree: its replies as outputs, with their ranks.

    The path from the root to a prompter message becomes the record's ``context``; the tree id is its ``group``
    (so a tree never spans two splits when users are unknown). Deleted messages and their subtrees are skipped.

    Args:
        tree: ``{"message_tree_id", "prompt": {"role": "prompter", "text", "replies": [...]}}``.
        line: the tree's line number.
        source: the records' source.
        tally: counts ``invalid`` (a message without text).

    Returns:
        An iterator of records, depth first.

    Example:
        >>> tree = {"message_tree_id": "t1", "prompt": {"role": "prompter", "text": "Q?", "replies": [
        ...     {"role": "assistant", "text": "A1", "rank": 1, "replies": []},
        ...     {"role": "assistant", "text": "A2", "rank": 0, "replies": []}]}}
        >>> r, = oasst_records(tree, 1, "oasst", Tally())
        >>> r.prompt, [(o.text, o.rank, o.model) for o in r.outputs], r.group
        ('Q?', [('A1', 1, 'human'), ('A2', 0, 'human')], 't1')
    """
    root = tree["prompt"]
    group = str(tree.get("message_tree_id") or root.get("message_id") or f"line-{line}")
    stack: list[tuple[dict, list[dict[str, str]]]] = [(root, [])]
    while stack:
        msg, context = stack.pop()
        if msg.get("deleted"):
            continue
        text = msg.get("text")
        if not isinstance(text, str):
            tally.problem("invalid", line, f"OpenAssistant message {msg.get('message_id', '?')} has no text")
            continue
        role = ROLE_ALIASES.get(str(msg.get("role")), "assistant")
        replies = [r for r in msg.get("replies") or () if isinstance(r, dict) and not r.get("deleted")]
        if role == "user":
            outputs = [Output(r["text"], model=str(r.get("model_name") or HUMAN_MODEL),
                              rank=r["rank"] if isinstance(r.get("rank"), int) else None)
                       for r in replies if ROLE_ALIASES.get(str(r.get("role"))) == "assistant"
                       and isinstance(r.get("text"), str)]
            user = msg.get("user_id")
            yield Record(prompt=text, line=line, user_id=str(user) if user else None, source=source,
                         context=context, outputs=outputs, group=group,
                         rank_source=OASST_RANK_VERSION if any(o.rank is not None for o in outputs) else "")
        turn = {"role": role, "content": text}
        for reply in reversed(replies):  # reversed: the stack pops the first reply first
            stack.append((reply, [*context, turn]))

