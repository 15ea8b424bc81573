"""labelguide exporters: finished Label Studio tasks into reward-model pairs, SFT data, flat labels, statistics.

One module per step, each a plain function over a stream of tasks (tested by listing the stream):

    read.py         tasks from an export file, streamed, bounded in depth and size (one bad task costs itself)
    pull.py         tasks from a live project (export snapshot), short errors without headers or cookies
    source.py       open_tasks: exactly one source, file or project
    walk.py         the task walker: envelope checks, every malformed task counted and named
    tasks.py        accessors: prompt, outputs, models, split, chat history, annotator, result values
    rankings.py     every Ranker / Pairwise result shape into {output id: rank}
    pairs.py        rankings into K-choose-2 preference pairs (ties, aggregation, ground truth)
    formats.py      pairs into trl / trl-chat / hh / openai / grouped records (the spec of each format)
    schema.py       one fixed Arrow schema per output, and the same as datasets.Features
    encode.py       JSON Lines bytes, exactly json.dumps, fast
    writers.py      JSONL / Parquet writers, one file or one per split; atomic.py: partial files
    pair_files.py   write_pairs: the pair file, its side file and the ties file
    sft.py          demonstrations into prompt/completion or chat records
    labels.py       every guideline answer as flat records, one column per item
    dataset.py      a datasets DatasetDict with its card (card.py)
    state.py        --since: export only what is new or changed
    stats.py        statistics of an export; agreement.py the agreement maths; tokens.py token lengths
    report.py       the run report; stats_report.py the statistics report
    cli.py          thin click wrappers (cli_options.py: shared options); the only place errors become click's

The names most scripts need are importable from the package itself (see docs/python_api.md)::

    >>> from exporters import open_tasks, write_pairs, PairOptions
    >>> callable(write_pairs)
    True
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# name -> module: imported on first use, so ``import exporters`` stays cheap
API = {
    "open_tasks": "source", "iter_export_file": "read", "iter_export_stream": "read", "ReadLimits": "read",
    "iter_project_tasks": "pull", "PairOptions": "pairs", "iter_ranked_tasks": "pairs", "iter_pairs": "pairs",
    "ranking_to_pairs": "pairs", "write_pairs": "pair_files", "write_sft": "sft", "iter_demonstrations": "sft",
    "write_labels": "labels", "iter_label_rows": "labels", "write_dataset": "dataset", "collect_stats": "stats",
    "StatsCollector": "stats", "RunReport": "report", "ExportState": "state", "schema": "schema",
    "hf_features": "schema", "TokenCounter": "tokens", "load_tokenizer": "tokens", "ExportError": "errors",
    "BadInput": "errors",
}

__all__ = sorted(API)


def __getattr__(name: str) -> Any:
    if name in API:
        return getattr(import_module(f"exporters.{API[name]}"), name)
    raise AttributeError(f"module 'exporters' has no attribute {name!r}")
