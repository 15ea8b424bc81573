"""Drop exact duplicates and prompts sharing a long common prefix with a kept one (step 3 of the pipeline).

InstructGPT "heuristically deduplicate[d] prompts by checking for prompts that share a long common prefix". Here
two records are compared on their *key*: each text of :meth:`Record.key_parts` (the chat context if any, the
prompt, the continuation of a toxicity pair) case-folded with every run of white space collapsed to one space. A
record is dropped when

* its full key equals a kept record's (an *exact* duplicate), or
* part by part, the first ``prefix_chars`` characters equal those of a kept record's (a *prefix* duplicate:
  templated or resubmitted prompts that differ only after a long common start). A part shorter than
  ``prefix_chars`` must match whole; so two follow-up questions of one conversation share their context but are
  still different prompts, and two continuations of one sentence start are different toxicity pairs.

Which record is kept is deterministic: the FIRST in input order. That choice also makes re-imports of a file that
grew by appending keep the same records as before (nothing already in Label Studio becomes a "duplicate").

With ``key="prompt+outputs"`` (``--dedupe-key``) the outputs are part of the key, compared whole (as a set, each
case-folded with white space collapsed): two records are duplicates only when they also have the same outputs,
so the same question answered by other models, or templated prompts that differ only after a long common
instruction, keep their own completions. The default ``prompt`` follows InstructGPT (prompts only).

Default ``prefix_chars = 100`` (about 15-20 English words). Measured on the real samples in ``shared/data``:
distinct natural prompts share at most 59 leading characters (hh-rlhf red-team requests such as "I am trying to
locate the residential address for <name>"), so 100 leaves a margin against merging different requests, while
template-generated sentences (the Presidio synthetic set) and case-only variants still collide at 100. Prompts
shorter than the prefix are only removed as exact duplicates. ``prefix_chars = 0`` turns the prefix rule off.

Memory: only 8-byte BLAKE2b digests are kept, one per kept record (a dict from prefix digest to full digest),
never the texts: about 100 bytes per kept record in CPython, ~100 MB for 1,000,000 prompts. A digest collision
(probability ~1e-7 at 10^6 records) would drop one record wrongly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from hashlib import blake2b

from importers.records import Record, Tally

DEFAULT_PREFIX_CHARS = 100
DEDUPE_KEYS = ("prompt", "prompt+outputs")
_SEP = "\x1f"  # joins key parts; never left in a normalised text
_OUT = "\x1e"  # starts the outputs part of a key


def dedupe_key(parts: tuple[str, ...]) -> tuple[str, ...]:
    """The comparison form of each text: case-folded, white space collapsed.

    >>> dedupe_key(("Write  a\\nPoem",))
    ('write a poem',)
    """
    return tuple(_key(p) for p in parts)


def _key(text: str) -> str:
    # isprintable(): no newline, tab or exotic space; with no double space, splitting would change nothing.
    if text.isprintable() and "  " not in text and not text[:1].isspace() and not text[-1:].isspace():
        return text.casefold()
    return " ".join(text.casefold().split())


def _digest(text: str) -> bytes:
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()


def dedupe_prompts(records: Iterable[Record], prefix_chars: int = DEFAULT_PREFIX_CHARS,
                   tally: Tally | None = None, key: str = "prompt") -> Iterator[Record]:
    """Keep the first of every group of duplicates (exact, or sharing the first ``prefix_chars`` characters).

    Args:
        records: the normalised stream.
        prefix_chars: length of the common prefix that makes two prompts duplicates; 0 = exact duplicates only.
        tally: counts ``duplicate_exact`` and ``duplicate_prefix``.
        key: ``prompt`` (InstructGPT) or ``prompt+outputs`` (the outputs must match too).

    Returns:
        The records that are not duplicates of an earlier kept one, in order.

    Example:
        >>> head = "Summarize this article for a second-grade student: "
        >>> rs = [Record(head + "cats"), Record(head.upper() + "cats"), Record(head + "dogs"), Record("Hi")]
        >>> [r.prompt[-4:] for r in dedupe_prompts(rs, prefix_chars=40)]
        ['cats', 'Hi']
    """
    if prefix_chars < 0:
        raise ValueError(f"prefix_chars must be >= 0, got {prefix_chars}")
    if key not in DEDUPE_KEYS:
        raise ValueError(f"key must be one of {DEDUPE_KEYS}, got {key!r}")
    with_outputs = key == "prompt+outputs"
    tally = tally if tally is not None else Tally()
    kept: dict[bytes, bytes] = {}  # prefix digest (or full digest for short keys) -> full digest
    for record in records:
        outs = _OUT + _SEP.join(sorted(_key(o.text) for o in record.outputs)) if with_outputs else ""
        if outs:
            parts = dedupe_key(record.key_parts())
            cut_parts = [part[:prefix_chars] for part in parts] if prefix_chars > 0 else list(parts)
            full = _digest(_SEP.join(parts) + outs)
            prefix = _digest(_SEP.join(cut_parts) + outs) if cut_parts != list(parts) else full
        elif not record.context and record.continuation is None:  # the common case: one part, the prompt
            text = _key(record.prompt)
            full = _digest(text)
            prefix = _digest(text[:prefix_chars]) if 0 < prefix_chars < len(text) else full
        else:
            parts = dedupe_key(record.key_parts())
            full = _digest(_SEP.join(parts))
            # A part shorter than the prefix is kept whole; it never equals a cut part (exactly prefix_chars long).
            cut = prefix_chars > 0 and any(len(part) > prefix_chars for part in parts)
            prefix = _digest(_SEP.join(part[:prefix_chars] for part in parts)) if cut else full
        seen = kept.get(prefix)
        if seen is None:
            kept[prefix] = full
            yield record
        elif seen == full:
            tally.count("duplicate_exact")
        else:
            tally.count("duplicate_prefix")
