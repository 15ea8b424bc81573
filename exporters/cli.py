"""``labelguide export pairs|sft|labels`` and ``labelguide stats export``: thin wrappers over the exporters.

Each command reads tasks from an export file (``--input``) or a live project (``--project``, with
``LABEL_STUDIO_URL`` / ``LABEL_STUDIO_API_KEY``), calls one plain function, and ends with the run report on
standard error. Domain errors become ``click.ClickException`` here and nowhere else.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
from label_config import taxonomy as T

from exporters.errors import BadInput, ExportError
from exporters.formats import FORMATS
from exporters.labels import AUTO, write_labels
from exporters.pair_files import write_pairs
from exporters.pairs import AGGREGATES, TIES, PairOptions
from exporters.source import open_tasks
from exporters.report import RunReport, write_json
from exporters.stats_report import stats_text, write_stats_report
from exporters.sft import DEMONSTRATION_CONTROLS, SFT_FORMATS, write_sft
from exporters.stats import StatsCollector


def _comma_list(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    if not value:
        return None
    items = tuple(v.strip() for v in value.split(",") if v.strip())
    if param.name == "pairwise_fields" and len(items) != 2:
        raise click.BadParameter("give exactly two fields, left then right, e.g. answer1,answer2")
    return items


def source_options(fn: Callable) -> Callable:
    """``--input`` / ``--project`` (exactly one) and the server settings."""
    @click.option("--input", "-i", "input_path", type=click.Path(dir_okay=False, allow_dash=True),
                  help="A Label Studio JSON export file ('-' reads standard input); streamed, never loaded whole.")
    @click.option("--project", "-p", "project_id", type=int,
                  help="Pull a live project's export instead (needs LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY).")
    @click.option("--url", metavar="URL", help="Label Studio address (default: $LABEL_STUDIO_URL).")
    @click.option("--api-key", metavar="KEY", help="Label Studio API key (default: $LABEL_STUDIO_API_KEY).")
    @functools.wraps(fn)
    def wrapper(*args: Any, input_path: str | None, project_id: int | None, url: str | None, api_key: str | None,
                **kwargs: Any) -> Any:
        if (input_path is None) == (project_id is None):
            raise click.UsageError("give exactly one of --input EXPORT.json or --project ID")
        return fn(*args, source={"input_path": input_path, "project_id": project_id, "url": url,
                                 "api_key": api_key}, **kwargs)
    return wrapper


def _apply(fn: Callable, options: list[Callable]) -> Callable:
    for option in reversed(options):
        fn = option(fn)
    return fn


def output_options(fn: Callable) -> Callable:
    """``--output``, ``--parquet``, ``--split-files``, ``--strict``."""
    return _apply(fn, [
        click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
                     help="The file to write (JSONL unless --parquet; with --split-files the per-split files are "
                          "named after it: out.train.jsonl, out.valid.jsonl ...)."),
        click.option("--parquet", is_flag=True, help="Write Parquet instead of JSON Lines."),
        click.option("--split-files", is_flag=True,
                     help="One file per split (task data 'split'; 'nosplit' for none)."),
        click.option("--strict", is_flag=True,
                     help="Fail on the first bad task instead of skipping and counting it (nothing is written)."),
    ])


def ranking_options(fn: Callable) -> Callable:
    """How rankings are read from other templates."""
    return _apply(fn, [
        click.option("--ranker", metavar="NAME",
                     help=f"The Ranker's name when a config has several (default: '{T.RANKING}', else the only "
                          "one)."),
        click.option("--bucket-order", metavar="B1,B2,...", callback=_comma_list,
                     help="Bucket names best first, for Rankers whose buckets are not rank_1..rank_K "
                          "(e.g. best,ads)."),
        click.option("--pairwise-fields", metavar="LEFT,RIGHT", callback=_comma_list,
                     help="Task data fields of a Pairwise tag's left and right texts (default: detected, e.g. "
                          "answer1,answer2)."),
        click.option("--prompt-field", default=T.PROMPT, show_default=True, metavar="FIELD",
                     help="The task data field holding the prompt."),
    ])


def _run(action: Callable[[Iterator[dict], RunReport], RunReport], source: dict, strict: bool,
         report: RunReport | None = None) -> RunReport:
    """Open the source, run ``action`` over its tasks, map domain errors to click errors, print the report."""
    report = report or RunReport(strict=strict)
    try:
        tasks = open_tasks(**source, on_problem=report.read_problem)
        report = action(tasks, report)
    except BadInput as exc:
        raise click.ClickException(f"bad input (--strict): {exc}") from None
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(report.format(), err=True)
    if report.input_broken:
        raise click.ClickException("the input broke off; every complete task before the break was exported "
                                   "(see INPUT BROKEN above)")
    return report


@click.group()
def export() -> None:
    """Turn finished Label Studio tasks into training data: preference pairs, SFT data, flat labels.

    \b
    Example:
      labelguide export pairs --input project-1.json --output pairs.jsonl
    """


@export.command("pairs")
@source_options
@output_options
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="trl", show_default=True,
              help="trl (prompt/chosen/rejected strings), trl-chat (messages), hh (Anthropic HH transcripts), "
                   "openai (preference fine-tuning JSONL; metadata in OUT.meta.jsonl), grouped (one record per "
                   "ranking, outputs best first).")
@click.option("--ties", type=click.Choice(TIES), default="drop", show_default=True,
              help="Tied outputs give no pair (drop) or a pair marked tie=true (keep).")
@click.option("--aggregate", type=click.Choice(AGGREGATES), default="none", show_default=True,
              help="none: one pair set per annotation, with its annotator; mean-rank: one per task from each "
                   "output's mean rank (equal means are ties; annotator null).")
@click.option("--prefer-ground-truth", is_flag=True,
              help="When a task has a ground-truth annotation, use only that one (the others are counted).")
@click.option("--report", "with_report", is_flag=True,
              help="Also write statistics and agreement (stats.json, stats.md, PNG plots, run.json) into "
                   "OUTPUT's stem + '.report/'.")
@ranking_options
def pairs_command(source: dict, output: Path, parquet: bool, split_files: bool, strict: bool, fmt: str, ties: str,
                  aggregate: str, prefer_ground_truth: bool, with_report: bool, ranker: str | None,
                  bucket_order: tuple[str, ...] | None, pairwise_fields: tuple[str, str] | None,
                  prompt_field: str) -> None:
    """Rankings into preference pairs: every two outputs in different rank buckets, the better one chosen.

    Each pair carries task_id, annotator, chosen_rank, rejected_rank (1 = best), margin (rank difference),
    likert_margin (when outputs were rated), split and both outputs' model names. Cancelled annotations,
    unranked outputs and bad input (with the task id) are left out and counted in the report.

    \b
    Example:
      labelguide export pairs --input project-1.json --output rm.jsonl --format trl
      labelguide export pairs --project 3 --output hh.parquet --format hh --parquet --split-files
      labelguide export pairs -i export.json -o dpo.jsonl --format openai --aggregate mean-rank --report
    """
    options = PairOptions(ties=ties, aggregate=aggregate, prefer_ground_truth=prefer_ground_truth, ranker=ranker,
                          bucket_order=bucket_order, pairwise_fields=pairwise_fields, prompt_field=prompt_field)
    collector = StatsCollector(options) if with_report else None
    report = RunReport(strict=strict, details={"format": fmt + (" (parquet)" if parquet else "")})

    def action(tasks: Iterator[dict], report: RunReport) -> RunReport:
        if collector is not None:
            tasks = collector.watch(tasks)
        return write_pairs(tasks, output, fmt, options, parquet=parquet, split_files=split_files, report=report)

    report = _run(action, source, strict, report)
    if collector is not None:
        out_dir = output.with_name(f"{output.stem}.report")
        files = write_stats_report(collector.result(), out_dir)
        write_json(out_dir / "run.json", report.as_dict())
        click.echo(f"report: {out_dir}/ ({', '.join(p.name for p in files)}, run.json)", err=True)


@export.command("sft")
@source_options
@output_options
@click.option("--format", "-f", "fmt", type=click.Choice(SFT_FORMATS), default="completion", show_default=True,
              help="completion ({prompt, completion}) or chat ({messages: [..., user, assistant]}).")
@click.option("--prefer-ground-truth", is_flag=True,
              help="When a task has a ground-truth demonstration, use only that one.")
@click.option("--control", type=click.Choice(DEMONSTRATION_CONTROLS), default=T.DEMONSTRATION, show_default=True,
              help="The TextArea holding the answer (sensitive_demonstration for screening projects).")
@click.option("--prompt-field", default=T.PROMPT, show_default=True, metavar="FIELD",
              help="The task data field holding the prompt.")
def sft_command(source: dict, output: Path, parquet: bool, split_files: bool, strict: bool, fmt: str,
                prefer_ground_truth: bool, control: str, prompt_field: str) -> None:
    """Demonstrations (written answers) as SFT data, one record per completed annotation.

    \b
    Example:
      labelguide export sft --input demos.json --output sft.jsonl --format chat --split-files
    """
    report = RunReport(strict=strict, details={"format": fmt + (" (parquet)" if parquet else "")})
    _run(lambda tasks, r: write_sft(tasks, output, fmt, parquet, split_files, prefer_ground_truth, control,
                                    prompt_field, r), source, strict, report)


@export.command("labels")
@source_options
@output_options
@click.option("--interface", type=click.Choice([AUTO, *T.INTERFACES]), default=AUTO, show_default=True,
              help="Which interface's items become columns (auto: detected from the first annotated task).")
def labels_command(source: dict, output: Path, parquet: bool, split_files: bool, strict: bool,
                   interface: str) -> None:
    """Every guideline answer as flat records, one column per guideline item (for pandas).

    Per-output interfaces (comparison, ranking, screening) give one row per annotation and output, with its
    rank, Likert and flags; the others one row per annotation.

    \b
    Example:
      labelguide export labels --input comparisons.json --output labels.parquet --parquet
      python -c "import pandas as pd; print(pd.read_parquet('labels.parquet').groupby('model').likert.mean())"
    """
    _run(lambda tasks, r: write_labels(tasks, output, interface, parquet, split_files, r), source, strict)


@click.command("export")
@source_options
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write stats.json, stats.md and PNG plots (lengths, pairs per prompt, agreement per annotator) "
                   "into this directory.")
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON instead of text.")
@ranking_options
def stats_export(source: dict, out_dir: Path | None, as_json: bool, ranker: str | None,
                 bucket_order: tuple[str, ...] | None, pairwise_fields: tuple[str, str] | None,
                 prompt_field: str) -> None:
    """Statistics and annotator agreement of a finished export.

    Tasks and pairs per category and split, pairs per prompt, prompt and answer length per category;
    inter-annotator agreement on rankings (pairwise percent agreement, Krippendorff's alpha, Kendall's W) and on
    Likert ratings; for screening projects, each annotator's agreement with the ground-truth answers.

    \b
    Example:
      labelguide stats export --input project-1.json --out stats/
      labelguide stats export --project 3 --json | jq .agreement
    """
    options = PairOptions(ranker=ranker, bucket_order=bucket_order, pairwise_fields=pairwise_fields,
                          prompt_field=prompt_field)
    collector = StatsCollector(options)
    try:
        for task in open_tasks(**source):
            collector.observe(task)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from exc
    stats = collector.result()
    if out_dir is not None:
        files = write_stats_report(stats, out_dir)
        click.echo(f"wrote {', '.join(str(p) for p in files)}", err=True)
    public = {k: v for k, v in stats.items() if k != "lengths_raw"}
    if as_json:
        click.echo(json.dumps(public, indent=2, ensure_ascii=False, default=str))
    else:
        click.echo(stats_text(public))
