"""Screen prompts for personally identifiable information (step 6 of the pipeline).

The detector is the one the ML backend uses (``ml_backend.pii.get_pii_engine()``: one engine, two callers). What
is screened is what a user wrote: the prompt and its earlier chat turns (not model outputs, not toxicity
continuations). Policies:

* ``drop`` (default, as InstructGPT did): records with PII are left out;
* ``flag``: kept, with ``pii_flagged`` set in the task's data (True/False) for the labelers and the exports;
* ``keep``: no screening at all (the engine is not even loaded).

The report counts what was found; neither the log nor the report ever shows the PII or the prompt.
Texts go to the engine in batches (``analyze_batch``), which is much faster than one by one.

With the shared engine, screening runs in ``--workers`` processes (default: every core this process may use),
one engine each (``importers.screen_pool``): same flags as one process, same order. A text whose screening
takes longer than ``--pii-timeout`` seconds is *unscreened*: reported with its line (``unscreened``) and
treated as PII: dropped under ``drop``, flagged ``pii_flagged: true`` under ``flag``. An engine passed in by the
caller (tests, other tools) runs in this process, without the timeout.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from importers.records import ImporterError, Record, Tally
from importers.screen_pool import DEFAULT_FACTORY, DEFAULT_TIMEOUT, ScreenPool

PII_POLICIES = ("drop", "flag", "keep")
DEFAULT_PII_POLICY = "drop"
DEFAULT_BATCH = 64


class PiiEngine(Protocol):
    """What screening needs from the shared engine: one finding per text, each with ``has_pii``."""

    def analyze_batch(self, texts: list[str]) -> list[Any]: ...


def load_pii_engine() -> PiiEngine:
    """The shared PII engine, imported only when screening is asked for (spaCy and Presidio load slowly)."""
    try:
        from ml_backend.pii import get_pii_engine
    except ImportError as exc:
        raise ImporterError(f"PII screening needs the shared engine ml_backend.pii, which cannot be imported "
                            f"({exc}); install it, or pass --pii keep to import without screening") from None
    return get_pii_engine()


def screened_text(record: Record) -> str:
    """The text screened for PII: the chat context then the prompt.

    >>> screened_text(Record("Call me", context=[{"role": "user", "content": "I am Ann Lee"}]))
    'I am Ann Lee\\n\\nCall me'
    """
    return "\n\n".join([t["content"] for t in record.context] + [record.prompt])


def screen_pii(records: Iterable[Record], policy: str = DEFAULT_PII_POLICY, engine: PiiEngine | None = None,
               batch_size: int = DEFAULT_BATCH, tally: Tally | None = None, workers: int | None = None,
               timeout: float = DEFAULT_TIMEOUT, factory: str = DEFAULT_FACTORY) -> Iterator[Record]:
    """Drop, flag or keep records whose prompt contains PII.

    Args:
        records: the stream.
        policy: ``drop``, ``flag`` or ``keep``.
        engine: anything with ``analyze_batch(texts) -> [finding with .has_pii]``, run in this process; default:
            the shared engine in a pool of ``workers`` processes.
        batch_size: texts per ``analyze_batch`` call.
        tally: counts ``pii_screened``, ``pii_found``, ``pii_dropped`` and ``unscreened``.
        workers: processes of the pool (default: the cores available).
        timeout: seconds one batch, then one text, may take in the pool.
        factory: ``module:function`` that builds the engine in each worker.

    Returns:
        The records kept, in order; with ``flag`` each has ``record.pii`` set.

    Example:
        >>> class Emails:
        ...     def analyze_batch(self, texts):
        ...         return [type("F", (), {"has_pii": "@" in t})() for t in texts]
        >>> rs = [Record("mail bob@example.com"), Record("hello")]
        >>> [r.prompt for r in screen_pii(rs, "drop", engine=Emails())]
        ['hello']
    """
    if policy not in PII_POLICIES:
        raise ImporterError(f"unknown PII policy {policy!r}; choose one of {', '.join(PII_POLICIES)}")
    if policy == "keep":
        yield from records
        return
    if batch_size < 1:
        raise ValueError("batch_size must be >= 1")
    tally = tally if tally is not None else Tally()
    batches = _batches(records, batch_size)
    if engine is not None:
        for batch in batches:
            findings = engine.analyze_batch([screened_text(r) for r in batch])
            if len(findings) != len(batch):
                raise ImporterError(f"the PII engine returned {len(findings)} findings for {len(batch)} texts")
            yield from _apply(batch, [bool(getattr(f, "has_pii")) for f in findings], policy, tally, timeout)
        return
    pending: list[list[Record]] = []

    def texts() -> Iterator[list[str]]:
        for batch in batches:
            pending.append(batch)
            yield [screened_text(r) for r in batch]

    _check_factory(factory)
    with ScreenPool(workers, timeout=timeout, factory=factory) as pool:
        for flags in pool.screen(texts()):
            yield from _apply(pending.pop(0), flags, policy, tally, timeout)


def _check_factory(factory: str) -> None:
    """Fail early, in this process, when the engine's module cannot be found (the workers would fail later)."""
    import importlib.util
    import sys

    module = factory.partition(":")[0]
    try:
        missing = sys.modules.get(module, False) is None or importlib.util.find_spec(module) is None
    except (ImportError, ValueError) as exc:
        missing, reason = True, str(exc)
    else:
        reason = f"no module {module}"
    if missing:
        raise ImporterError(f"PII screening needs the shared engine {module}, which cannot be imported "
                            f"({reason}); install it, or pass --pii keep to import without screening")


def _batches(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    batch: list[Record] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _apply(batch: list[Record], flags: list[bool | None], policy: str, tally: Tally,
           timeout: float) -> Iterator[Record]:
    tally.count("pii_screened", len(batch))
    for record, has_pii in zip(batch, flags):
        if has_pii is None:
            tally.problem("unscreened", record.line, f"PII screening took more than {timeout:g} s: treated as PII "
                          f"({'dropped' if policy == 'drop' else 'flagged'}, --pii {policy})")
            has_pii = True
        if has_pii:
            tally.count("pii_found")
        if policy == "drop" and has_pii:
            tally.count("pii_dropped")
            continue
        if policy == "flag":
            record.pii = has_pii
        yield record
