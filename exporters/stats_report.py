"""The statistics of :mod:`exporters.stats` rendered as Markdown, plain text, JSON and PNG plots.

    >>> print(stats_text({"tasks": 1, "annotations": 2, "by_category": {}, "by_split": {}}).splitlines()[0])
    # Export statistics
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exporters.report import write_json
from exporters.stats import write_plots


def _md_table(header: list[str], rows: list[list[Any]]) -> list[str]:
    def cell(v: Any) -> str:
        if isinstance(v, float):
            return f"{v:.3f}"
        return "" if v is None else str(v)

    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return out


def stats_markdown(stats: dict[str, Any]) -> str:
    """The statistics of :meth:`exporters.stats.StatsCollector.result` as a Markdown report.

    Example:
        >>> print(stats_markdown({"tasks": 1, "annotations": 2, "by_category": {}, "by_split": {},
        ...     "pairs_per_prompt": {}, "lengths": {}, "agreement": {}, "screening": {}}).splitlines()[0])
        # Export statistics
    """
    lines = ["# Export statistics", ""]
    lines += [f"- tasks: {stats.get('tasks', 0)}", f"- annotations: {stats.get('annotations', 0)} "
              f"(cancelled {stats.get('cancelled', 0)}, ground truth {stats.get('ground_truth', 0)})",
              f"- pairs (ties dropped, one set per annotation): {stats.get('pairs', 0)}", ""]
    for title, key in (("Per category", "by_category"), ("Per split", "by_split")):
        table = stats.get(key) or {}
        if table:
            lines += [f"## {title}", ""]
            lines += _md_table(["", "tasks", "annotated tasks", "pairs"],
                               [[k, v["tasks"], v["annotated_tasks"], v["pairs"]] for k, v in table.items()])
            lines.append("")
    ppp = stats.get("pairs_per_prompt") or {}
    if ppp.get("prompts"):
        lines += ["## Pairs per prompt", "", *_md_table(list(ppp), [list(ppp.values())]), ""]
    lengths = stats.get("lengths") or {}
    if lengths:
        lines += ["## Length in words per category", ""]
        rows = []
        for cat, kinds in lengths.items():
            for kind, d in kinds.items():
                rows.append([cat, kind, d["n"], d["mean"], d["median"], d["p90"], d["max"]])
        lines += _md_table(["category", "text", "n", "mean", "median", "p90", "max"], rows) + [""]
    agreement = stats.get("agreement") or {}
    if agreement:
        lines += ["## Inter-annotator agreement", ""]
        lines += _md_table(["measure", "value", "n"], [[k, v.get("value"), v.get("n")] for k, v in agreement.items()])
        lines += ["", "Percent agreement: share of output pairs two annotators of the same task order the same "
                  "way (a tie counts as its own answer); InstructGPT reports about 73% between training labelers.",
                  ""]
    screening = stats.get("screening") or {}
    if screening:
        lines += ["## Agreement with the gold answers (screening), per annotator", ""]
        lines += _md_table(["annotator", "tasks", "flag agreement", "flags", "ranking agreement", "pairs"],
                           [[a, d["tasks"], d["flag_agreement"], d["flags"], d["ranking_agreement"], d["pairs"]]
                            for a, d in screening.items()])
        lines.append("")
    scores = stats.get("screening_scores") or {}
    if scores:
        lines += ["## Screening demonstrations: the researchers' score (1-7), per labeler", ""]
        lines += _md_table(["labeler", "demonstrations", "mean score"],
                           [[a, d["demonstrations"], d["mean_score"]] for a, d in scores.items()])
        lines.append("")
    tokens = stats.get("tokens")
    if tokens:
        lines += [f"## Token lengths ({tokens.get('tokenizer')}, {tokens['mode']})", ""]
        rows = [[k.replace("_tokens", ""), *(tokens[k].get(c) for c in ("n", "mean", "median", "p90", "p99", "max"))]
                for k in ("prompt_tokens", "answer_tokens", "sequence_tokens")]
        lines += _md_table(["tokens of", "n", "mean", "median", "p90", "p99", "max"], rows)
        share = tokens.get("share_over_max_length")
        lines += ["", f"Pairs whose longer side exceeds max_length={tokens['max_length']}: "
                  f"{tokens['pairs_over_max_length']} of {tokens['pairs']}"
                  + (f" ({share:.1%})" if share is not None else "")
                  + ". TRL's RewardTrainer drops them silently (DPOTrainer truncates them); raise max_length or "
                  "filter them.", ""]
        per = [[c, d["pairs"], d["over_max_length"]] for c, d in (tokens.get("by_category") or {}).items()]
        if per:
            lines += _md_table(["category", "pairs", "over max_length"], per) + [""]
    problems = stats.get("problem_list") or []
    if stats.get("problems"):
        lines += [f"## Problems ({stats['problems']}, each left out of the figures)", ""]
        lines += [f"- {p}" for p in problems[:50]]
        if stats["problems"] > len(problems[:50]):
            lines.append(f"- ... {stats['problems'] - len(problems[:50])} more")
        lines.append("")
    for name in stats.get("plots") or []:
        lines.append(f"![{Path(name).stem}]({Path(name).name})")
    return "\n".join(lines).rstrip() + "\n"


def stats_text(stats: dict[str, Any]) -> str:
    """The statistics as plain text for a terminal (the Markdown without the table rules)."""
    return "\n".join(line for line in stats_markdown(stats).splitlines() if not line.startswith("|---"))


def write_stats_report(stats: dict[str, Any], out_dir: Path, plots: bool = True) -> list[Path]:
    """Write ``stats.json``, ``stats.md`` and, with ``plots``, PNG plots into ``out_dir``.

    Returns:
        The files written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = write_plots(stats, out_dir) if plots else []
    stats = {k: v for k, v in stats.items() if k != "lengths_raw"}
    stats["plots"] = [p.name for p in written]
    write_json(out_dir / "stats.json", stats)
    (out_dir / "stats.md").write_text(stats_markdown(stats), encoding="utf-8")
    return [out_dir / "stats.json", out_dir / "stats.md", *written]
