"""What flows through the import pipeline: one :class:`Record` per prompt, a :class:`Tally` of what happened.

Every step (``read`` -> ``normalize`` -> ``dedupe`` -> ``caps`` -> ``splits`` -> ``screen`` -> ``tasks``) is a
generator over a stream of records; the steps share one :class:`Tally` that counts what each dropped and keeps
the first problems (line number and reason, never the text of a prompt).

    >>> tally = Tally()
    >>> tally.count("read", 2)
    >>> tally.problem("malformed", 3, "malformed JSON (Expecting value: column 1)")
    >>> tally.counts["read"], tally.counts["malformed"], tally.problems[0].line
    (2, 1, 3)
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from common.errors import LabelguideError

log = logging.getLogger("importers")

MAX_PROBLEMS = 100  # problems kept (and logged) individually; the rest are only counted
MAX_LOGGED = 20


class ImporterError(LabelguideError):
    """An import cannot go on; the message says why and what to do. The CLI shows it without a traceback."""


class BadInputError(ImporterError):
    """A record could not be used and ``strict`` was asked for: the message names the line and the reason."""

    def __init__(self, kind: str, line: int, reason: str):
        super().__init__(f"line {line}: {reason} ({kind}; stopped because of --strict)")
        self.kind, self.line, self.reason = kind, line, reason


class NothingUsableError(ImporterError):
    """No task came out of an input: the message says why (what was read, what dropped it, the first problems)."""

    def __init__(self, report: Any):
        c = report.counts
        drops = [(label, c.get(key, 0)) for key, label in (
            ("malformed", "malformed"), ("invalid", "invalid"), ("empty", "empty"),
            ("too_few_outputs", "too few outputs"), ("too_many_outputs", "too many outputs (see --max-outputs)"),
            ("no_continuation", "without a continuation"), ("duplicates", "duplicates"), ("over_cap", "over the cap"),
            ("no_user_dropped", "without a user id"), ("pii_dropped", "with PII"),
            ("oasst_state_skipped", "OpenAssistant trees filtered by state"),
            ("oasst_lang_skipped", "OpenAssistant messages filtered by language"))]
        why = ", ".join(f"{n:,} {label}" for label, n in drops if n) or "the input holds no record"
        first = "; first problem: " + f"line {report.problems[0]['line']}: {report.problems[0]['reason']}" \
            if report.problems else ""
        super().__init__(f"nothing usable in {report.input}: {c.get('read', 0):,} lines read, "
                         f"{c.get('records', 0):,} records, 0 tasks ({why}){first}")
        self.report = report


@dataclass(slots=True)
class Output:
    """One model output of a comparison/ranking record; ``rank`` 0 = best when the source ranked it."""

    text: str
    model: str = ""
    rank: int | None = None


@dataclass(slots=True)
class Record:
    """One prompt and what came with it. Built by ``read``, refined by the later steps.

    ``context`` holds earlier chat turns ``{"role": "user"|"assistant"|"system", "content"}``; ``group`` is the
    conversation a record belongs to (an OpenAssistant tree id), used to split records without a user id;
    ``split`` and ``pii`` are set by the ``splits`` and ``screen`` steps.
    """

    prompt: str
    line: int = 0
    user_id: str | None = None
    source: str = ""
    context: list[dict[str, str]] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    continuation: str | None = None
    category: str | None = None
    group: str | None = None
    split: str | None = None
    pii: bool | None = None
    rank_source: str = ""  # model_version of imported rankings, e.g. "oasst-human-rank"
    external_id: str | None = None  # kept when reading Label Studio tasks back; else computed by ``tasks``

    def key_parts(self) -> tuple[str, ...]:
        """The texts that make two records the same: the chat context (if any), the prompt, the continuation.

        >>> Record("Hi", context=[{"role": "user", "content": "Yo"}, {"role": "assistant", "content": "Hey"}]).key_parts()
        ('Yo\\nHey', 'Hi')
        """
        parts = ["\n".join(t["content"] for t in self.context)] if self.context else []
        parts.append(self.prompt)
        if self.continuation is not None:
            parts.append(self.continuation)
        return tuple(parts)


@dataclass(frozen=True, slots=True)
class Problem:
    """A record that was skipped: where and why (never its content)."""

    kind: str  # malformed | invalid
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class Tally:
    """Counts shared by the pipeline steps; ``strict`` turns the first problem into :class:`BadInputError`."""

    strict: bool = False
    counts: Counter = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] += n

    def problem(self, kind: str, line: int, reason: str) -> None:
        """Count a skipped record under ``kind`` (and ``kind:reason`` family); raise when strict."""
        self.counts[kind] += 1
        if self.strict:
            raise BadInputError(kind, line, reason)
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(kind, line, reason))
        n = self.counts["malformed"] + self.counts["invalid"]
        if n <= MAX_LOGGED:
            log.warning("skipped line %d: %s", line, reason)
        elif n == MAX_LOGGED + 1:
            log.warning("more skipped lines: only counted from now on (first %d kept in the report)", MAX_PROBLEMS)

    def warn(self, message: str) -> None:
        """A warning kept once for the report (the report shows it; the log only at INFO level)."""
        if message not in self.warnings:
            self.warnings.append(message)
            log.info(message)


def as_text(value: Any) -> str | None:
    """A string field's value: a string as is, ``{"text": s}`` (RealToxicityPrompts, OpenAssistant) as ``s``.

    >>> as_text("a"), as_text({"text": "b"}), as_text(3)
    ('a', 'b', None)
    """
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        return value["text"]
    return None
