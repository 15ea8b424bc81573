"""The dataset card (``README.md``) of an exported DatasetDict: schema, counts, guideline version, licence, and
how ties and aggregation were handled. The YAML header is what the Hugging Face Hub reads (``license``,
``configs``, split sizes); the schema is in the card's table and in the saved ``dataset_info.json``.

    >>> guideline_version().startswith("labelguide ")
    True
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path
from typing import Any

from exporters.pairs import PairOptions
from exporters.report import RunReport

TEMPLATES = Path(__file__).resolve().parents[1] / "label_config" / "templates"
FORMAT_NOTES = {
    "trl": "TRL's standard preference format with an explicit prompt (`DPOTrainer`, `RewardTrainer`).",
    "trl-chat": "TRL's conversational preference format (the trainer applies the chat template).",
    "hh": "Anthropic hh-rlhf, field for field: `chosen` and `rejected` transcripts only (the prompt is implicit).",
    "grouped": "One record per ranking, outputs best first (InstructGPT's all-pairs-in-one-batch-element loss).",
}


def guideline_version() -> str:
    """labelguide's version and a digest of the labeling interfaces it renders (the committed templates)."""
    try:
        version = metadata.version("labelguide")
    except metadata.PackageNotFoundError:
        version = "(not installed)"
    digest = hashlib.sha256()
    for path in sorted(TEMPLATES.glob("*.xml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"labelguide {version}, InstructGPT labeling guidelines (Ouyang et al. 2022), interfaces {digest.hexdigest()[:12]}"


def dataset_card(dd: Any, fmt: str, features: Any, options: PairOptions, report: RunReport, license: str = "other",
                 guideline: str | None = None) -> str:
    """The card of DatasetDict ``dd`` written in format ``fmt`` (its ``features``) with ``options``; ``report``
    gives the counts."""
    counts = {name: len(ds) for name, ds in dd.items()}
    lines = ["---", f"license: {license}", "task_categories:", "- text-generation", "tags:", "- rlhf",
             "- preference", "- labelguide", "configs:", "- config_name: default", "  data_files:"]
    lines += [f"  - split: {name}\n    path: {name}/*.arrow" for name in counts]
    lines += ["dataset_info:", "  splits:"]
    lines += [f"  - name: {name}\n    num_examples: {n}" for name, n in counts.items()]
    lines += ["---", "", f"# Preference pairs ({fmt})", "", FORMAT_NOTES.get(fmt, ""), "",
              f"- Guideline: {guideline or guideline_version()}", f"- Licence of the data: `{license}` (set with "
              "`--license`; the annotated data's licence is its owner's call)", "", "## Splits", "",
              "| split | records |", "|---|---|", *(f"| {k} | {v} |" for k, v in counts.items()),
              *([] if counts else ["| (none: nothing to export, e.g. nothing new since the last export) | 0 |"]), "",
              "Splits are the tasks' own `split` (assigned at import: by user and conversation, so no prompt of one "
              "split appears in another); records without one are in `nosplit`.", "", "## Schema", "",
              "| column | type |", "|---|---|", *(f"| `{k}` | `{v!r}` |" for k, v in features.items()), "",
              "The same types as the JSON Lines and Parquet exports (`exporters.schema`).", "",
              "## How the pairs were made", ""]
    aggregation = ("one ranking per task from each output's mean rank over its annotations (equal means are ties; "
                   "`annotator` is null)" if options.aggregate == "mean-rank"
                   else "one pair set per annotation (every completed annotation with a ranking), with its annotator")
    lines += [f"- Aggregation: {aggregation}.",
              f"- Ties: tied outputs give no pair (no preference trainer can express a tie): "
              f"{report.ties_dropped} tied pairs left out" + (" (grouped records keep ties as shared ranks)."
                                                              if fmt == "grouped" else "."),
              "- Ground truth: " + ("only the ground-truth annotation of a task that has one."
                                    if options.prefer_ground_truth else "counted like any other annotation."),
              "- Pairs: every two ranked outputs in different rank buckets (all K-choose-2 pairs of a ranking, as "
              "InstructGPT trained its reward model), the better one chosen; `margin` is the rank difference.",
              "", "## Counts", "", f"- tasks read: {report.tasks}, used: {report.tasks_used}",
              f"- annotations read: {report.annotations}, used: {report.annotations_used}",
              f"- pairs: {report.pairs}; unranked outputs left out: {report.unranked_outputs}",
              f"- problems (bad tasks, skipped and counted): {report.problem_count}", ""]
    skipped = {**{f"task: {k}": v for k, v in report.tasks_skipped.items()},
               **{f"annotation: {k}": v for k, v in report.annotations_skipped.items()}}
    if skipped:
        lines += ["| left out | count |", "|---|---|", *(f"| {k} | {v} |" for k, v in sorted(skipped.items())), ""]
    lines += ["## Load", "", "```python", "from datasets import load_from_disk",
              'dd = load_from_disk("<this directory>")', "```", ""]
    return "\n".join(lines)
