"""The option sets the ``labelguide export`` commands share, and the one place their errors become click errors.

Messages are short: a domain error's own sentence (:class:`~exporters.errors.ExportError` never carries the
server's headers, cookies or tokens, nor the input's text), never a traceback.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
from label_config import taxonomy as T

from exporters.errors import BadInput, ExportError
from exporters.read import MAX_DEPTH, MAX_TASK_BYTES, ReadLimits
from exporters.report import RunReport
from exporters.source import open_tasks


def _comma_list(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    if not value:
        return None
    items = tuple(v.strip() for v in value.split(",") if v.strip())
    if param.name == "pairwise_fields" and len(items) != 2:
        raise click.BadParameter("give exactly two fields, left then right, e.g. answer1,answer2")
    return items


def _apply(fn: Callable, options: list[Callable]) -> Callable:
    for option in reversed(options):
        fn = option(fn)
    return fn


def source_options(fn: Callable) -> Callable:
    """``--input`` / ``--project`` (exactly one), the server settings and the reader's bounds."""
    @click.option("--input", "-i", "input_path", type=click.Path(dir_okay=False, allow_dash=True),
                  help="A Label Studio JSON export file ('-' reads standard input); streamed, never loaded whole.")
    @click.option("--project", "-p", "project_id", type=int,
                  help="Pull a live project's export instead (needs LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY).")
    @click.option("--url", metavar="URL", help="Label Studio address (default: $LABEL_STUDIO_URL).")
    @click.option("--api-key", metavar="KEY", help="Label Studio API key (default: $LABEL_STUDIO_API_KEY).")
    @click.option("--max-task-mb", type=click.FloatRange(min=0.001), default=MAX_TASK_BYTES / 2**20,
                  show_default=True, help="Largest single task (its JSON text); a larger one is reported and "
                                          "skipped.")
    @click.option("--max-depth", type=click.IntRange(min=2), default=MAX_DEPTH, show_default=True,
                  help="Deepest nesting of lists and objects in a task; a deeper one is reported and skipped.")
    @functools.wraps(fn)
    def wrapper(*args: Any, input_path: str | None, project_id: int | None, url: str | None, api_key: str | None,
                max_task_mb: float, max_depth: int, **kwargs: Any) -> Any:
        if (input_path is None) == (project_id is None):
            raise click.UsageError("give exactly one of --input EXPORT.json or --project ID")
        limits = ReadLimits(max_depth=max_depth, max_task_bytes=int(max_task_mb * 2**20))
        return fn(*args, source={"input_path": input_path, "project_id": project_id, "url": url,
                                 "api_key": api_key, "limits": limits}, **kwargs)
    return wrapper


def output_options(fn: Callable) -> Callable:
    """``--output``, ``--parquet``, ``--split-files``, ``--strict``, ``--since``."""
    return _apply(fn, [
        click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
                     help="The file to write (JSONL unless --parquet; with --split-files the per-split files are "
                          "named after it: out.train.jsonl, out.valid.jsonl ...)."),
        click.option("--parquet", is_flag=True, help="Write Parquet instead of JSON Lines."),
        click.option("--split-files", is_flag=True,
                     help="One file per split (task data 'split'; 'nosplit' for none)."),
        strict_option,
        since_option,
    ])


strict_option = click.option(
    "--strict", is_flag=True,
    help="Fail on the first bad task instead of skipping and counting it (nothing is written).")
since_option = click.option(
    "--since", "since_path", type=click.Path(dir_okay=False, path_type=Path), metavar="STATE.json",
    help="Export only annotations new or changed (by id and updated_at) since the run that wrote STATE.json; the "
         "file is created by the first run and updated when a run ends without error.")


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


def load_since(path: Path | None, whole_tasks: bool = False) -> Any:
    """The export state of ``--since`` (None without it)."""
    if path is None:
        return None
    from exporters.state import ExportState

    return ExportState.load(path, whole_tasks=whole_tasks)


SMALL_INPUT = 16 << 20  # below this, starting a second process costs more than it saves


def choose_workers(value: str, source: dict) -> int:
    """``--workers``: a number, or ``auto``: 2 when two cores are available and one of them idle (1-minute load
    average at most cores - 1), unless the input is a small file; else 1.

    >>> choose_workers("1", {}), choose_workers("2", {})
    (1, 2)
    """
    if value != "auto":
        try:
            n = int(value)
        except ValueError:
            raise click.BadParameter(f"{value!r} is neither a number nor auto", param_hint="--workers") from None
        if n < 1:
            raise click.BadParameter("give 1 or more", param_hint="--workers")
        return min(n, 2)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    path = source.get("input_path")
    if path not in (None, "-"):
        try:
            if os.path.getsize(path) < SMALL_INPUT:
                return 1
        except OSError:
            return 1  # the reader reports the missing file
    busy = os.getloadavg()[0]  # a second process only pays off with a core to spare
    return 2 if cores >= 2 and busy <= cores - 1 else 1


def run_export(action: Callable[[Iterator[dict], RunReport], RunReport], source: dict, report: RunReport) -> RunReport:
    """Open the source, run ``action`` over its tasks, map domain errors to short click errors, print the report;
    exit 1 when the input broke off (what came before it is written)."""
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
