"""Writing preference pairs: the pair file, its side file (``hh``, ``openai``) and the ties file, in one pass.

    >>> import tempfile, json
    >>> from pathlib import Path
    >>> task = {"id": 4, "data": {"prompt": "p", "outputs": [{"id": "a", "body": "x"}, {"id": "b", "body": "y"},
    ...         {"id": "c", "body": "z"}]}, "annotations": [{"completed_by": 1, "result": [{"from_name": "ranking",
    ...         "type": "ranker", "value": {"ranker": {"rank_1": ["b", "c"], "rank_2": ["a"]}}}]}]}
    >>> out = Path(tempfile.mkdtemp()) / "pairs.jsonl"
    >>> report = write_pairs([task], out, "hh", PairOptions(ties="keep"))
    >>> report.pairs, report.ties_kept, sorted(Path(f).name for f in report.files)
    (2, 1, ['pairs.jsonl', 'pairs.meta.jsonl', 'pairs.ties.jsonl'])
    >>> sorted(json.loads(out.read_text().splitlines()[0]))
    ['chosen', 'rejected']

JSON Lines are encoded by :func:`exporters.encode.pair_lines` (each text once per ranking, lines joined from
byte pieces); Parquet rows are the records of :mod:`exporters.formats` under the fixed schemas of
:mod:`exporters.schema`. Both hold the same records.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from exporters.encode import BadText, pair_lines
from exporters.errors import BadInput, ExportError
from exporters.formats import (
    FORMATS,
    PAIR_BUILDERS,
    SIDE_BUILDERS,
    pair_to_tie,
    ranked_to_grouped,
)
from exporters.pairs import PairOptions, RankedTask, iter_ranked_tasks, ranking_to_pairs
from exporters.report import RunReport
from exporters.schema import SIDE_FILES, schema, ties_schema_name
from exporters.state import ExportState
from exporters.writers import RecordWriter, check_texts, side_path


def ranked_texts(ranked: RankedTask) -> list[Any]:
    """Every text a ranking's records hold (to check them before anything is written)."""
    return [ranked.prompt, ranked.history, ranked.split,
            [(o.id, o.text, o.model) for o in ranked.outputs.values()]]


class _BadTasks:
    """Counts rankings that cannot be written (a text that is not valid UTF-8): each task once."""

    def __init__(self, report: RunReport) -> None:
        self.report = report
        self.last: Any = object()

    def skip(self, ranked: RankedTask, exc: BadText) -> None:
        report = self.report
        report.annotations_used -= ranked.n_annotations
        report.skip_annotation("task skipped (bad text)", ranked.n_annotations)
        if ranked.task_id != self.last:
            self.last = ranked.task_id
            report.tasks_used -= 1
            report.skip_task("bad text")
            report.problem(BadInput(str(exc), ranked.task_id, "bad text"))


def write_pairs(tasks: Iterable[Any], output: str | Path, fmt: str = "trl", options: PairOptions = PairOptions(),
                parquet: bool = False, split_files: bool = False, report: RunReport | None = None,
                since: ExportState | None = None) -> RunReport:
    """Convert a task stream into preference records in ``fmt`` and write them; one pass, constant memory.

    Args:
        tasks: exported tasks (e.g. :func:`exporters.source.open_tasks`).
        output: the output file (``.jsonl`` or ``.parquet``; with ``split_files`` the per-split names derive
            from it). ``hh`` and ``openai`` also write ``OUT.meta.jsonl`` (the metadata, line for line).
        fmt: one of :data:`exporters.formats.FORMATS`.
        options: ties, aggregation, ground truth, ranker/bucket/pairwise settings. With ``ties="keep"``, tied
            pairs go to ``OUT.ties.jsonl`` (never into the pair file: no trainer of these formats can express a
            tie); ``grouped`` records keep ties as shared ranks.
        parquet: write Parquet instead of JSON Lines.
        split_files: one file per split.
        report: the report to count into (a new one when None; ``strict`` lives there).
        since: an export state (:mod:`exporters.state`): only annotations new or changed since the run that
            wrote it; saved, updated, when the run ends without error.

    Returns:
        The run report: tasks, annotations used and skipped by reason, pairs written, ties, files.

    Raises:
        BadInput: the first bad task when ``report.strict``.
        ExportError: the input or output cannot be read or written.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    report = report if report is not None else RunReport()
    output = Path(output)
    keep_ties = options.ties == "keep" and fmt != "grouped"
    bad = _BadTasks(report)

    def writer(path: Path, name: str) -> RecordWriter:
        return files.enter_context(RecordWriter(path, schema(name) if parquet else None, split_files))

    with ExitStack() as files:  # on any failure every writer deletes its partial files
        main = writer(output, fmt)
        side = writer(side_path(output, "meta"), f"{fmt}.meta") if fmt in SIDE_FILES else None
        ties = writer(side_path(output, "ties"), ties_schema_name(fmt)) if keep_ties else None
        for ranked in iter_ranked_tasks(tasks, options, report, since):
            split = ranked.split
            if fmt == "grouped":  # ties stay visible as shared ranks: nothing is dropped
                tied = ranked.ranking.tied_pairs()
                record = ranked_to_grouped(ranked)
                try:
                    main.write(record, split)
                except BadText as exc:
                    bad.skip(ranked, exc)
                    continue
                report.records += 1
                report.pairs += record["n_pairs"]
                if tied:
                    report.note("tied pairs (shared ranks in grouped records)", tied)
                continue
            try:
                if parquet:
                    check_texts(ranked_texts(ranked))
                    pairs = ranking_to_pairs(ranked, options.ties)
                    untied = [p for p in pairs if not p.tie]
                    main.write_many([PAIR_BUILDERS[fmt](p) for p in untied], split)
                    if side is not None:
                        side.write_many([SIDE_BUILDERS[fmt](p) for p in untied], split)
                    if ties is not None:
                        ties.write_many([pair_to_tie(p, fmt) for p in pairs if p.tie], split)
                    n, tied = len(untied), len(pairs) - len(untied) if keep_ties else ranked.ranking.tied_pairs()
                else:
                    lines = pair_lines(ranked, fmt, keep_ties)
                    n, tied = lines.n_main, lines.n_ties
                    main.write_bytes(lines.main, n, split)
                    if side is not None:
                        side.write_bytes(lines.meta, n, split)
                    if ties is not None:
                        ties.write_bytes(lines.ties, tied, split)
            except BadText as exc:
                bad.skip(ranked, exc)
                continue
            if keep_ties:
                report.ties_kept += tied
            else:
                report.ties_dropped += tied
            if ranked.history and fmt == "trl" and n:
                report.note("chat pairs without earlier turns (plain trl)", n)
            report.pairs += n
            report.records += n
    for w in (main, side, ties):
        if w is not None:
            report.files.update(w.counts)
    if since is not None:
        since.save()
    return report
