"""One ``external_id``, one task: records that carry the same id with different content are conflicts.

A record read back from a Label Studio task file keeps the ``external_id`` written there (``importers.read``), so
a re-import skips what is already in the project. Two such records with the same id and a different prompt (or
context, continuation, outputs) cannot both be right: the second is reported as *invalid*, naming both lines,
and skipped (``id_conflicts``); with ``--strict`` the import stops there. Records whose id is computed from their
content cannot conflict. Memory: one 8-byte content hash per record that came with its own id.

    >>> from importers.records import Record, Tally
    >>> t = Tally()
    >>> rs = [Record("Hi", line=3, external_id="e1"), Record("Hi", line=5, external_id="e1"),
    ...       Record("Bye", line=9, external_id="e1")]
    >>> [r.line for r in reject_id_conflicts(rs, t)], str(t.problems[0])
    ([3, 5], 'line 9: external_id already used by line 3 for a different prompt or outputs: skipped')
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from hashlib import blake2b

from importers.records import Record, Tally


def content_hash(record: Record) -> bytes:
    """8 bytes that change when the prompt, context, continuation or outputs change (not user, split, source)."""
    blob = json.dumps([record.prompt, [[t["role"], t["content"]] for t in record.context], record.continuation,
                       sorted([o.model, o.text] for o in record.outputs)], ensure_ascii=False)
    return blake2b(blob.encode("utf-8", "surrogatepass"), digest_size=8).digest()


def reject_id_conflicts(records: Iterable[Record], tally: Tally | None = None) -> Iterator[Record]:
    """Skip (and report, naming both lines) a record whose own ``external_id`` was seen with other content.

    Args:
        records: the stream (after dedupe: exact repeats are already gone).
        tally: counts ``invalid`` and ``id_conflicts``.

    Returns:
        The records without conflicts, in order.
    """
    tally = tally if tally is not None else Tally()
    seen: dict[str, tuple[int, bytes]] = {}
    for record in records:
        if record.external_id:
            digest = content_hash(record)
            first = seen.get(record.external_id)
            if first is None:
                seen[record.external_id] = (record.line, digest)
            elif first[1] != digest:
                tally.count("id_conflicts")
                tally.problem("invalid", record.line, f"external_id already used by line {first[0]} for a "
                              "different prompt or outputs: skipped")
                continue
        yield record
