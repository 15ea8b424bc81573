"""``labelguide export pairs|sft|labels|dataset|stats`` (and ``labelguide stats export``): thin wrappers.

Each command reads tasks from an export file (``--input``) or a live project (``--project``, with
``LABEL_STUDIO_URL`` / ``LABEL_STUDIO_API_KEY``), calls one plain function, and ends with the run report on
standard error. Domain errors become short ``click.ClickException`` messages (:mod:`exporters.cli_options`)
and nowhere else.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click
from label_config import taxonomy as T

from exporters.cli_options import (
    choose_workers,
    load_since,
    output_options,
    ranking_options,
    run_export,
    since_option,
    source_options,
    strict_option,
)
from exporters.errors import ExportError
from exporters.formats import FORMATS
from exporters.labels import AUTO, write_labels
from exporters.pair_files import write_pairs
from exporters.pairs import AGGREGATES, TIES, PairOptions
from exporters.report import RunReport, write_json
from exporters.sft import DEMONSTRATION_CONTROLS, SFT_FORMATS, write_sft
from exporters.source import open_tasks
from exporters.stats import StatsCollector
from exporters.stats_report import stats_text, write_stats_report
from exporters.tokens import TRL_DEFAULT_MAX_LENGTH


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
              help="Tied outputs give no pair (drop), or (keep) a pair marked tie=true in OUT.ties.jsonl: never in "
                   "the pair file, whose trainers cannot express a tie.")
@click.option("--aggregate", type=click.Choice(AGGREGATES), default="none", show_default=True,
              help="none: one pair set per annotation, with its annotator; mean-rank: one per task from each "
                   "output's mean rank (equal means are ties; annotator null).")
@click.option("--prefer-ground-truth", is_flag=True,
              help="When a task has a ground-truth annotation, use only that one (the others are counted).")
@click.option("--workers", default="auto", show_default=True, metavar="N|auto",
              help="2: a second process encodes and writes the JSON Lines while this one reads and ranks (same "
                   "bytes, faster with a core to spare); 1: one process; auto: 2 when two cores are available and "
                   "one is idle (load average), unless the input is a file under 16 MB. Parquet, grouped: 1.")
@click.option("--report", "with_report", is_flag=True,
              help="Also write statistics and agreement (stats.json, stats.md, PNG plots, run.json) into "
                   "OUTPUT's stem + '.report/'.")
@ranking_options
def pairs_command(source: dict, output: Path, parquet: bool, split_files: bool, strict: bool, since_path: Path | None,
                  fmt: str, ties: str, aggregate: str, prefer_ground_truth: bool, workers: str, with_report: bool,
                  ranker: str | None,
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
      labelguide export pairs --project 3 -o week-49.jsonl --since rm.state.json   # only new or changed
    """
    options = PairOptions(ties=ties, aggregate=aggregate, prefer_ground_truth=prefer_ground_truth, ranker=ranker,
                          bucket_order=bucket_order, pairwise_fields=pairwise_fields, prompt_field=prompt_field)
    collector = StatsCollector(options) if with_report else None
    report = RunReport(strict=strict, details={"format": fmt + (" (parquet)" if parquet else "")})

    def action(tasks: Iterator[dict], report: RunReport) -> RunReport:
        if collector is not None:
            tasks = collector.watch(tasks)
        since = load_since(since_path, whole_tasks=aggregate == "mean-rank")
        return write_pairs(tasks, output, fmt, options, parquet=parquet, split_files=split_files, report=report,
                           since=since, workers=choose_workers(workers, source))

    report = run_export(action, source, report)
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
def sft_command(source: dict, output: Path, parquet: bool, split_files: bool, strict: bool, since_path: Path | None,
                fmt: str, prefer_ground_truth: bool, control: str, prompt_field: str) -> None:
    """Demonstrations (written answers) as SFT data, one record per completed annotation.

    \b
    Example:
      labelguide export sft --input demos.json --output sft.jsonl --format chat --split-files
    """
    report = RunReport(strict=strict, details={"format": fmt + (" (parquet)" if parquet else "")})
    run_export(lambda tasks, r: write_sft(tasks, output, fmt, parquet, split_files, prefer_ground_truth, control,
                                          prompt_field, r, load_since(since_path)), source, report)


@export.command("labels")
@source_options
@output_options
@click.option("--interface", type=click.Choice([AUTO, *T.INTERFACES]), default=AUTO, show_default=True,
              help="Which interface's items become columns (auto: detected from the first annotated task).")
@click.option("--survey-join-salt", "survey_salt", default=None, envvar="LABELGUIDE_SURVEY_SALT",
              help="Survey only: put a salted one-way id of each labeler in 'annotator', to join their answers "
                   "across exports (keep the salt secret). Without it survey rows name nobody.")
def labels_command(source: dict, output: Path, parquet: bool, split_files: bool, strict: bool,
                   since_path: Path | None, interface: str, survey_salt: str | None) -> None:
    """Every guideline answer as flat records, one column per guideline item (for pandas).

    Per-output interfaces (comparison, ranking, screening) give one row per annotation and output, with its
    rank, Likert and flags; the others one row per annotation.

    \b
    Example:
      labelguide export labels --input comparisons.json --output labels.parquet --parquet
      python -c "import pandas as pd; print(pd.read_parquet('labels.parquet').groupby('model').likert.mean())"
    """
    run_export(lambda tasks, r: write_labels(tasks, output, interface, parquet, split_files, r, load_since(since_path),
                                             survey_salt=survey_salt),
               source, RunReport(strict=strict))


@export.command("dataset")
@source_options
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The directory to create (save_to_disk layout, with README.md, the dataset card).")
@click.option("--format", "-f", "fmt", type=click.Choice(["trl", "trl-chat", "hh", "grouped"]), default="trl",
              show_default=True, help="The record format of every split (see export pairs).")
@click.option("--aggregate", type=click.Choice(AGGREGATES), default="none", show_default=True,
              help="none: one pair set per annotation; mean-rank: one per task from mean ranks.")
@click.option("--prefer-ground-truth", is_flag=True, help="Use only a task's ground-truth annotation when it has one.")
@click.option("--license", "license_", default="other", show_default=True, metavar="SPDX",
              help="The data's licence, for the dataset card (e.g. cc-by-4.0).")
@click.option("--guideline-version", metavar="TEXT",
              help="The guideline version for the card (default: labelguide's version and interface digest).")
@click.option("--push-to-hub", metavar="REPO", help="Also push to this Hugging Face Hub dataset repository "
                                                     "(needs a hub token; not tested here).")
@strict_option
@since_option
@ranking_options
def dataset_command(source: dict, output: Path, fmt: str, aggregate: str, prefer_ground_truth: bool, license_: str,
                    guideline_version: str | None, push_to_hub: str | None, strict: bool, since_path: Path | None,
                    ranker: str | None, bucket_order: tuple[str, ...] | None,
                    pairwise_fields: tuple[str, str] | None, prompt_field: str) -> None:
    """Preference pairs as a datasets DatasetDict (one split per task split), saved with save_to_disk, plus a
    dataset card: schema, counts, guideline version, licence, how ties and aggregation were handled.

    Tied pairs are left out (counted in the card). Load it with datasets.load_from_disk(OUTPUT).

    \b
    Example:
      labelguide export dataset --project 3 --output rm-dataset --license cc-by-4.0
      python -c "from datasets import load_from_disk; print(load_from_disk('rm-dataset'))"
    """
    from exporters.dataset import write_dataset

    options = PairOptions(aggregate=aggregate, prefer_ground_truth=prefer_ground_truth, ranker=ranker,
                          bucket_order=bucket_order, pairwise_fields=pairwise_fields, prompt_field=prompt_field)
    report = RunReport(strict=strict, details={"format": f"{fmt} (DatasetDict)"})
    run_export(lambda tasks, r: write_dataset(tasks, output, fmt, options, r, license=license_,
                                              guideline=guideline_version, push_to_hub=push_to_hub,
                                              since=load_since(since_path, aggregate == "mean-rank")),
               source, report)


@click.command("export")
@source_options
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write stats.json, stats.md and PNG plots (lengths, pairs per prompt, agreement per annotator) "
                   "into this directory.")
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON instead of text.")
@click.option("--tokenizer", type=click.Path(file_okay=False, exists=True, path_type=Path), metavar="DIR",
              help="A local tokenizer directory (saved with save_pretrained): report prompt and answer token "
                   "lengths, and how many pairs --max-length drops (counted as TRL's RewardTrainer does).")
@click.option("--max-length", type=click.IntRange(min=1), default=TRL_DEFAULT_MAX_LENGTH, show_default=True,
              help="The max_length to check pairs against (TRL's default: 1024).")
@click.option("--screening-gold", type=click.Path(dir_okay=False, exists=True, path_type=Path), metavar="FILE",
              help="The researchers' answers to a screening project's tasks, kept out of Label Studio (the JSONL "
                   "`labelguide screening import FILE` read): each labeler's flags and ranking are compared with "
                   "them, matched by external_id; a task with no line (and no ground-truth annotation, older "
                   "projects) is an error. [default: the bundled sample's, for the tasks `labelguide up` "
                   "imported]")
@ranking_options
def stats_export(source: dict, out_dir: Path | None, as_json: bool, tokenizer: Path | None, max_length: int,
                 screening_gold: Path | None, ranker: str | None, bucket_order: tuple[str, ...] | None,
                 pairwise_fields: tuple[str, str] | None, prompt_field: str) -> None:
    """Statistics and annotator agreement of a finished export, and token lengths with a local tokenizer.

    Tasks and pairs per category and split, pairs per prompt, prompt and answer length per category;
    inter-annotator agreement on rankings (pairwise percent agreement, Krippendorff's alpha, Kendall's W) and on
    Likert ratings; for screening projects, each annotator's agreement with the gold answers (--screening-gold
    FILE; an older project's ground-truth annotations). With --tokenizer: token lengths and the pairs over
    --max-length (TRL drops them silently).

    \b
    Example:
      labelguide export stats --input project-1.json --out stats/
      labelguide export stats --project 7 --screening-gold our_screening.jsonl
      labelguide export stats --project 3 --tokenizer ./llama-tokenizer --max-length 1024
      labelguide stats export --project 3 --json | jq .agreement
    """
    options = PairOptions(ranker=ranker, bucket_order=bucket_order, pairwise_fields=pairwise_fields,
                          prompt_field=prompt_field)
    try:
        counter = None
        if tokenizer is not None:
            from exporters.tokens import TokenCounter, load_tokenizer

            counter = TokenCounter(load_tokenizer(tokenizer), max_length=max_length)
        collector = StatsCollector(options, tokens=counter, gold=_screening_gold(screening_gold))
        for task in open_tasks(**source, on_problem=collector.skipped.read_problem):
            collector.observe(task)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    stats = collector.result()
    if out_dir is not None:
        files = write_stats_report(stats, out_dir)
        click.echo(f"wrote {', '.join(str(p) for p in files)}", err=True)
    public = {k: v for k, v in stats.items() if k != "lengths_raw"}
    if as_json:
        click.echo(json.dumps(public, indent=2, ensure_ascii=False, default=str))
    else:
        click.echo(stats_text(public))
    if collector.skipped.input_broken:
        raise click.ClickException(f"the input broke off: {collector.skipped.input_broken}")


export.add_command(stats_export, "stats")


def _screening_gold(path: Path | None):
    """The gold answers ``--screening-gold`` names (each task needs one), else the bundled sample's (optional)."""
    from labelguide.sample import SAMPLE_DIR, SCREENING_FILE
    from labelguide.screening import screening_gold

    try:
        return screening_gold(path) if path else screening_gold(SAMPLE_DIR / SCREENING_FILE, required=False)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
