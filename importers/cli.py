"""``labelguide import prompts`` and ``labelguide stats prompts``: thin click wrappers over ``importers.pipeline``.

Library errors (:class:`~importers.records.ImporterError`, :class:`~common.studio.StudioError`) become
``click.ClickException`` here and only here: a message, no traceback.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from importers.caps import DEFAULT_MAX_PER_USER
from importers.dedupe import DEDUPE_KEYS, DEFAULT_PREFIX_CHARS
from importers.limits import DEFAULT_MAX_DEPTH, DEFAULT_MAX_ITEM_BYTES, Limits
from importers.normalize import normalize_records
from importers.pipeline import REPORT_FILE, ImportOptions, import_prompts, prepare_tasks
from importers.push import DEFAULT_BATCH_SIZE, short_reason
from importers.read import FORMATS, FieldSpec, OasstFilter, read_records
from importers.records import NothingUsableError, Tally
from importers.report import format_report
from importers.screen import DEFAULT_PII_POLICY, PII_POLICIES
from importers.screen_pool import DEFAULT_TIMEOUT, available_cores
from importers.splits import NO_USER_POLICIES, parse_ratios
from importers.stats import UNITS, format_stats, prompt_stats
from importers.tasks import DEFAULT_MIN_OUTPUTS, IDENTICAL_POLICIES, IMPORT_INTERFACES
from label_config import taxonomy as T
from common.errors import LabelguideError
from common.studio import KEY_ENV, URL_ENV, connect


def _quiet_presidio(record: logging.LogRecord) -> bool:
    """Presidio warns once per text about spaCy labels it does not map (CARDINAL, MONEY ...): errors only."""
    return not record.name.startswith("presidio") or record.levelno >= logging.ERROR


def _errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn domain errors into ``click.ClickException``; set up warnings on stderr.

    Any other error from the Label Studio client (the SDK's ``ApiError``, whose text lists every HTTP header of
    the answer, ``Set-Cookie: sessionid=...`` included; httpx/requests connection errors) becomes a short
    message too: the status and the server's reason, never headers, cookies or tokens.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        root = logging.getLogger()
        if not root.handlers:
            handler = logging.StreamHandler()
            handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
            handler.addFilter(_quiet_presidio)
            root.addHandler(handler)
            root.setLevel(logging.WARNING)
        try:
            return fn(*args, **kwargs)
        except NothingUsableError as exc:
            click.echo(format_report(exc.report), err=True)
            raise click.ClickException(str(exc)) from None
        except LabelguideError as exc:  # ImporterError, StudioError
            raise click.ClickException(str(exc)) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:  # the SDK's ApiError, httpx/requests errors: never their headers
            module = type(exc).__module__.split(".")[0]
            if module in ("label_studio_sdk", "httpx", "httpcore", "requests", "urllib3"):
                raise click.ClickException(f"Label Studio call failed ({short_reason(exc)})") from None
            raise

    return wrapper


def input_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """How to read the input file (shared by ``import prompts`` and ``stats prompts``)."""
    for option in reversed((
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
                     help="Input container; auto = by extension (.jsonl .json .csv .tsv .parquet, optionally .gz)."),
        click.option("--prompt-field", default=T.PROMPT, show_default=True, help="Field holding the prompt."),
        click.option("--user-field", default=T.USER_ID, show_default=True,
                     help="Field holding the user (organisation) id."),
        click.option("--outputs-field", default=None, metavar="NAME",
                     help="Field holding the list of outputs [default: 'outputs', else 'completions']. "
                          "Example: --outputs-field responses"),
        click.option("--model-key", default=None, metavar="KEY",
                     help="Key naming the model inside each output object [default: model, model_type or "
                          "model_name]. Example: --model-key engine"),
        click.option("--text-key", default=None, metavar="KEY",
                     help="Key holding the text inside each output object [default: text, body, sample, "
                          "completion, response or content]. Example: --text-key sample"),
        click.option("--oasst-lang", "oasst_langs", multiple=True, metavar="LANG",
                     help="OpenAssistant trees: keep only messages in this language (repeatable). "
                          "Example: --oasst-lang en"),
        click.option("--oasst-tree-state", "oasst_states", multiple=True, metavar="STATE",
                     help="OpenAssistant trees: keep only trees in this state (repeatable). "
                          "Example: --oasst-tree-state ready_for_export"),
        click.option("--max-depth", type=click.IntRange(min=1), default=DEFAULT_MAX_DEPTH, show_default=True,
                     help="Deepest nesting of one line or item; deeper ones are reported and skipped."),
        click.option("--max-item-mb", type=click.FloatRange(min=0, min_open=True),
                     default=DEFAULT_MAX_ITEM_BYTES / 2**20, show_default=True,
                     help="Largest line, array item or CSV row in MiB; larger ones are reported and skipped."),
        click.option("--source", default=None, help="Source name of records without a 'source' field "
                     "[default: the file name's stem]. Part of each task's external id."),
        click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of JSONL/CSV input."),
        click.option("--strict", is_flag=True, help="Stop at the first malformed or invalid line instead of "
                     "skipping it (nothing is imported then)."),
    )):
        fn = option(fn)
    return fn


def studio_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Where Label Studio is and how to log in."""
    fn = click.option("--api-key", envvar=KEY_ENV, default=None, show_envvar=True,
                      help="Label Studio API key (legacy token or personal access token).")(fn)
    fn = click.option("--url", envvar=URL_ENV, default=None, show_envvar=True,
                      help="Label Studio URL [default: http://localhost:8080].")(fn)
    return fn


@click.group("import")
def import_group() -> None:
    """Turn raw prompt logs into Label Studio tasks.

    \b
    Example:
      labelguide import prompts prompts.jsonl --dry-run --out tasks/
    """


@import_group.command("prompts")
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--project", metavar="TITLE", help="Label Studio project title; created when absent, else reused.")
@click.option("--interface", type=click.Choice(IMPORT_INTERFACES), default=T.INSTRUCTION, show_default=True,
              help="Which labeling interface the tasks are for.")
@click.option("--ml-backend", metavar="URL", help="Connect this ML backend to the project after the import.")
@click.option("--dry-run", is_flag=True, help="Write the tasks to --out instead of Label Studio.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Directory for train.jsonl, valid.jsonl, test.jsonl and report.json (required with --dry-run; "
                   "kept after a real import when given).")
@click.option("--prefix-chars", type=click.IntRange(min=0), default=DEFAULT_PREFIX_CHARS, show_default=True,
              help="Prompts sharing this many leading characters with a kept one are duplicates; 0 = exact only.")
@click.option("--max-per-user", type=click.IntRange(min=0), default=DEFAULT_MAX_PER_USER, show_default=True,
              help="Keep each user's first N prompts; 0 = no cap.")
@click.option("--split-ratios", default="0.8,0.1,0.1", show_default=True, help="train,valid,test shares of groups (a user with their conversations and shared texts).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the user split and output order.")
@click.option("--pii", type=click.Choice(PII_POLICIES), default=DEFAULT_PII_POLICY, show_default=True,
              help="Prompts with PII: drop them, flag them in the task (pii_flagged), or keep without screening.")
@click.option("--no-user-id", "no_user", type=click.Choice(NO_USER_POLICIES), default="group", show_default=True,
              help="Records without a user id: group them by conversation and text like the rest, or drop them.")
@click.option("--min-outputs", type=click.IntRange(2, T.K_MAX), default=DEFAULT_MIN_OUTPUTS, show_default=True,
              help="Fewest outputs of a comparison/ranking task (InstructGPT: 4..9).")
@click.option("--max-outputs", type=click.IntRange(T.K_MIN, T.K_MAX), default=None, metavar="K",
              help=f"Sample K of N outputs per task (seeded, balanced across models; {T.K_MIN}..{T.K_MAX}) instead "
                   f"of dropping tasks with more than {T.K_MAX}. Example: --max-outputs 6")
@click.option("--identical-outputs", type=click.Choice(IDENTICAL_POLICIES), default="merge", show_default=True,
              help="Equal outputs within a task: merge them (keep the first), flag them (identical_outputs in the "
                   "task), or keep them as they are.")
@click.option("--dedupe-key", type=click.Choice(DEDUPE_KEYS), default="prompt", show_default=True,
              help="What makes two records duplicates: the prompt (InstructGPT), or the prompt and its outputs.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes screening PII, one engine each [default: the cores available]. Example: --workers 2")
@click.option("--pii-timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT,
              show_default=True, help="Seconds one text may take in PII screening; a slower one is reported and "
                                      "treated as PII (dropped, or flagged).")
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH_SIZE, show_default=True,
              help="Tasks per import request.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@input_options
@studio_options
@_errors
def import_prompts_cmd(input_path: Path, project: str | None, interface: str, ml_backend: str | None,
                       dry_run: bool, out_dir: Path | None, prefix_chars: int, max_per_user: int,
                       split_ratios: str, seed: int, pii: str, no_user: str, min_outputs: int,
                       max_outputs: int | None, identical_outputs: str, dedupe_key: str, workers: int | None,
                       pii_timeout: float, batch_size: int, as_json: bool, fmt: str, prompt_field: str,
                       user_field: str, outputs_field: str | None, model_key: str | None, text_key: str | None,
                       oasst_langs: tuple[str, ...], oasst_states: tuple[str, ...], max_depth: int,
                       max_item_mb: float, source: str | None, encoding: str, strict: bool, url: str | None,
                       api_key: str | None) -> None:
    """Deduplicate, cap, split and PII-screen prompts, then import them as Label Studio tasks.

    Reads INPUT (JSONL, JSON array, CSV/TSV or Parquet: plain prompts, comparisons with 'outputs', toxicity pairs,
    chat logs with 'messages', OpenAssistant trees), skips bad lines (reported with their line number), empty
    prompts, duplicates and prompts over the per-user cap, keeps every user, conversation and shared text in one
    of train/valid/test, screens PII on every core, and imports the tasks into the project, skipping those already
    there: re-running after a failure imports only what is missing, and concurrent imports into one project wait
    for each other. Prints a report of every count; exits 1 when nothing usable was read.

    \b
    Examples:
      labelguide import prompts prompts.jsonl --dry-run --out tasks/ --pii keep
      LABEL_STUDIO_API_KEY=... labelguide import prompts comparisons.jsonl \\
          --project "Comparisons" --interface comparison --ml-backend http://localhost:9090
      labelguide import prompts instructgpt.jsonl --interface ranking --max-outputs 6 \\
          --outputs-field completions --model-key model_type --text-key sample --dry-run --out tasks/
    """
    if dry_run and not out_dir:
        raise click.UsageError("--dry-run needs --out DIR")
    if not dry_run and not project:
        raise click.UsageError("--project TITLE is required (or use --dry-run --out DIR)")
    if dry_run and ml_backend:
        raise click.UsageError("--ml-backend needs a real import (not --dry-run)")
    fields = FieldSpec(prompt_field, user_field, outputs_field, model_key, text_key)
    options = ImportOptions(interface=interface, fmt=fmt, fields=fields, source=source,
                            encoding=encoding, strict=strict, prefix_chars=prefix_chars, max_per_user=max_per_user,
                            ratios=parse_ratios(split_ratios), seed=seed, no_user=no_user, pii=pii,
                            min_outputs=min_outputs, max_depth=max_depth, max_item_mb=max_item_mb,
                            oasst_langs=oasst_langs, oasst_tree_states=oasst_states, max_outputs=max_outputs,
                            identical_outputs=identical_outputs, dedupe_key=dedupe_key,
                            workers=workers or available_cores(), pii_timeout=pii_timeout)
    options.check()
    if dry_run:
        report = prepare_tasks(input_path, out_dir, options)
    else:
        ls = connect(url, api_key)
        report = import_prompts(input_path, ls, project, options, out_dir=out_dir, batch_size=batch_size,
                                ml_backend=ml_backend)
    if as_json:
        click.echo(report.to_json())
    else:
        click.echo(format_report(report))
        if out_dir:
            click.echo(f"Wrote {out_dir}/train.jsonl, valid.jsonl, test.jsonl and {REPORT_FILE}")


@click.command("prompts")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--unit", type=click.Choice(UNITS), default="words", show_default=True, help="Length unit.")
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
@input_options
@_errors
def stats_prompts(file: Path, unit: str, as_json: bool, fmt: str, prompt_field: str, user_field: str,
                  outputs_field: str | None, model_key: str | None, text_key: str | None,
                  oasst_langs: tuple[str, ...], oasst_states: tuple[str, ...], max_depth: int, max_item_mb: float,
                  source: str | None, encoding: str, strict: bool) -> None:
    """Counts per category, source and split, and the prompt length distribution of FILE.

    FILE is a prompt file in any format `labelguide import prompts` reads, or the task files it writes
    (their 'split' is counted). Lengths are in words by default (count, mean, std, quartiles, max), as in the
    InstructGPT paper's appendix tables.

    \b
    Example:
      labelguide stats prompts tasks/train.jsonl --unit chars
    """
    tally = Tally(strict=strict)
    fields = FieldSpec(prompt_field, user_field, outputs_field, model_key, text_key)
    limits = Limits(max_depth=max_depth, max_item_bytes=max(1, int(max_item_mb * 2**20)))
    records = normalize_records(read_records(file, fmt=fmt, fields=fields, source=source, encoding=encoding,
                                             tally=tally, limits=limits,
                                             oasst=OasstFilter(oasst_langs, oasst_states)), tally)
    stats = prompt_stats(records, unit)
    stats["skipped"] = {k: tally.counts[k] for k in ("malformed", "invalid", "empty")}
    if as_json:
        click.echo(json.dumps(stats, indent=2))
    else:
        click.echo(format_stats(stats))
        skipped = {k: v for k, v in stats["skipped"].items() if v}
        if skipped:
            click.echo("skipped: " + ", ".join(f"{k} {v:,}" for k, v in skipped.items()))
