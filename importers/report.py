"""The final report of an import: what was read, what each step dropped, what went where. Text and JSON.

Counts only: no prompt, no PII, no user id ever appears in it (problems give a line number and a reason).

    >>> from importers.records import Tally
    >>> t = Tally(); t.count("read", 3); t.count("tasks", 2); t.count("duplicate_exact")
    >>> r = build_report(t, {"train": 2, "valid": 0, "test": 0}, input="p.jsonl", interface="instruction")
    >>> r.to_dict()["counts"]["duplicates"], r.to_dict()["splits"]["train"]
    (1, 2)
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from importers.records import Tally

# (key in the JSON, label in the text) in pipeline order; every key is always present in the JSON.
ROWS: tuple[tuple[str, str], ...] = (
    ("read", "lines read"),
    ("records", "prompts found"),
    ("malformed", "malformed lines (bad JSON or encoding)"),
    ("invalid", "invalid records (missing or wrong fields)"),
    ("id_conflicts", "  external_id reused for other content"),
    ("oasst_state_skipped", "OpenAssistant trees filtered by state"),
    ("oasst_lang_skipped", "OpenAssistant messages filtered by lang"),
    ("empty", "empty prompts"),
    ("identical_output_tasks", "tasks with identical outputs"),
    ("identical_outputs_merged", "  outputs merged into an equal one"),
    ("too_few_outputs", "too few outputs for the interface"),
    ("too_many_outputs", "too many outputs for the interface"),
    ("outputs_sampled", "tasks with outputs sampled (K of N)"),
    ("no_continuation", "no continuation (toxicity)"),
    ("duplicates", "duplicates"),
    ("duplicate_exact", "  exact"),
    ("duplicate_prefix", "  sharing a long prefix"),
    ("over_cap", "over the per-user cap"),
    ("capped_users", "  users who hit the cap"),
    ("no_user_id", "records without a user id"),
    ("no_user_dropped", "  dropped for that"),
    ("split_linked_groups", "linked groups (one split each)"),
    ("split_moved", "  records moved to their group's split"),
    ("split_largest_group", "  largest group (records)"),
    ("pii_screened", "screened for PII"),
    ("pii_found", "  with PII"),
    ("pii_dropped", "  dropped for PII"),
    ("unscreened", "  screening timed out (treated as PII)"),
    ("tasks", "tasks"),
    ("predictions", "  with ranking predictions"),
    ("max_outputs", "largest K (outputs per task)"),
)


@dataclass
class Report:
    """Everything the import counted; ``push`` is filled when tasks went to Label Studio."""

    input: str
    interface: str
    options: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    splits: dict[str, int] = field(default_factory=dict)
    problems: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    policies: dict[str, Any] = field(default_factory=dict)
    push: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def write(self, path: str | Path) -> None:
        Path(path).write_text(self.to_json() + "\n", encoding="utf-8")


def build_report(tally: Tally, splits: dict[str, int], input: str, interface: str,
                 options: dict[str, Any] | None = None) -> Report:
    """The report of one run from the shared tally and the per-split task counts.

    Args:
        tally: the counts the pipeline steps kept.
        splits: tasks written per split.
        input: the input path (as given).
        interface: the interface the tasks are for.
        options: the options of the run, echoed for reproducibility.

    Returns:
        A :class:`Report`.

    Example:
        >>> build_report(Tally(), {}, "x.csv", "toxicity").counts["pii_found"]
        0
    """
    counts = {key: int(tally.counts.get(key, 0)) for key, _ in ROWS}
    counts["duplicates"] = counts["duplicate_exact"] + counts["duplicate_prefix"]
    problems = [{"kind": p.kind, "line": p.line, "reason": p.reason} for p in tally.problems]
    return Report(input=str(input), interface=interface, options=dict(options or {}), counts=counts,
                  splits=dict(splits), problems=problems, warnings=list(tally.warnings))


def format_report(report: Report) -> str:
    """The report as an aligned text table, zero rows of optional steps left out.

    Args:
        report: a :class:`Report`.

    Returns:
        Lines of text, ending without a newline.

    Example:
        >>> from importers.records import Tally
        >>> t = Tally(); t.count("read", 1200); t.count("records", 1200); t.count("tasks", 1200)
        >>> print(format_report(build_report(t, {"train": 1000, "valid": 100, "test": 100}, "a.jsonl", "instruction")))
        Import of a.jsonl as instruction tasks
          lines read                                      1,200
          prompts found                                   1,200
          malformed lines (bad JSON or encoding)              0
          invalid records (missing or wrong fields)           0
          empty prompts                                       0
          duplicates                                          0
          over the per-user cap                               0
          tasks                                           1,200
          per split                                      train 1,000 · valid 100 · test 100
    """
    always = {"read", "records", "malformed", "invalid", "empty", "duplicates", "over_cap", "tasks"}
    c = report.counts
    lines = [f"Import of {report.input} as {report.interface} tasks"]
    width = max(len(label) for _, label in ROWS) + 2
    for key, label in ROWS:
        if key in always or c.get(key):
            lines.append(f"  {label:<{width}}{c.get(key, 0):>10,}")
    if report.splits:
        lines.append(f"  {'per split':<{width}}    " + " · ".join(f"{k} {v:,}" for k, v in report.splits.items()))
    if report.problems:
        shown = report.problems[:5]
        more = c["malformed"] + c["invalid"] + c.get("unscreened", 0) - len(shown)
        lines.append("  first problems:")
        lines += [f"    line {p['line']}: {p['reason']}" for p in shown]
        if more > 0:
            lines.append(f"    ... {more:,} more (all counted; the first {len(report.problems)} in report.json)")
    if report.policies:
        lines.append("  policies: " + "; ".join(f"{k} {v}" for k, v in report.policies.items()))
    lines += [f"  warning: {w}" for w in report.warnings]
    if report.push:
        p = report.push
        verb = "created" if p.get("created") else "reused"
        lines.append(f"Label Studio project {p['project_title']!r} (id {p['project_id']}, {verb})")
        lines.append(f"  {'imported':<{width}}{p['imported']:>10,}")
        lines.append(f"  {'already there (skipped)':<{width}}{p['existing']:>10,}")
        lines.append(f"  {'batches':<{width}}{p['batches']:>10,}")
        for key, label in (("conflicts", "same external_id, other prompt (skipped)"),
                           ("duplicates_removed", "copies of a concurrent import deleted"),
                           ("duplicates_annotated", "annotated copies left to merge")):
            if p.get(key):
                lines.append(f"  {label:<{width}}{p[key]:>10,}")
        if p.get("waited_s", 0) >= 1:
            lines.append(f"  waited {p['waited_s']:.0f} s for another import into this project")
        if p.get("ml_backend"):
            lines.append(f"  ML backend connected: {p['ml_backend']}")
    return "\n".join(lines)
