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
from typing import Any, BinaryIO

from exporters.encode import BadText, compact_ranking, pair_lines_of
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


class PairFileWriter:
    """The files of one pair export (pair file, side file, ties file) and what went into them.

    Used as a context manager (on failure every partial file is deleted); :meth:`add` encodes and writes one
    ranking. The counts it keeps (:attr:`summary`) are plain data, so a writer in another process
    (:mod:`exporters.parallel`) can hand them back: ``pairs``, ``ties``, ``notes``, ``bad`` (rankings with a text
    that cannot be written: ``(task_id, annotations, reason)``) and ``files`` (records per file).
    """

    def __init__(self, output: Path, fmt: str, keep_ties: bool, parquet: bool = False,
                 split_files: bool = False) -> None:
        self.fmt, self.keep_ties, self.parquet = fmt, keep_ties, parquet
        self.summary: dict[str, Any] = {"pairs": 0, "records": 0, "ties": 0, "notes": {}, "bad": [], "files": {}}
        self._files = ExitStack()

        def writer(path: Path, name: str) -> RecordWriter:
            return self._files.enter_context(RecordWriter(path, schema(name) if parquet else None, split_files))

        self.main = writer(output, fmt)
        self.side = writer(side_path(output, "meta"), f"{fmt}.meta") if fmt in SIDE_FILES else None
        self.ties = writer(side_path(output, "ties"), ties_schema_name(fmt)) if keep_ties else None

    def __enter__(self) -> PairFileWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._files.__exit__(*exc)
        if exc[0] is None:
            for w in (self.main, self.side, self.ties):
                if w is not None:
                    self.summary["files"].update(w.counts)

    def _note(self, what: str, n: int) -> None:
        self.summary["notes"][what] = self.summary["notes"].get(what, 0) + n

    def add(self, ranked: RankedTask) -> None:
        """Encode and write the records of one ranking (a text that cannot be written skips it, counted)."""
        fmt, split, summary = self.fmt, ranked.split, self.summary
        try:
            if fmt == "grouped":  # ties stay visible as shared ranks: nothing is dropped
                record = ranked_to_grouped(ranked)
                self.main.write(record, split)
                tied = ranked.ranking.tied_pairs()
                summary["records"] += 1
                summary["pairs"] += record["n_pairs"]
                if tied:
                    self._note("tied pairs (shared ranks in grouped records)", tied)
                return
            if self.parquet:
                check_texts(ranked_texts(ranked))
                pairs = ranking_to_pairs(ranked, "keep" if self.keep_ties else "drop")
                untied = [p for p in pairs if not p.tie]
                self.main.write_many([PAIR_BUILDERS[fmt](p) for p in untied], split)
                if self.side is not None:
                    self.side.write_many([SIDE_BUILDERS[fmt](p) for p in untied], split)
                if self.ties is not None:
                    self.ties.write_many([pair_to_tie(p, fmt) for p in pairs if p.tie], split)
                n = len(untied)
                tied = len(pairs) - n if self.keep_ties else ranked.ranking.tied_pairs()
            else:
                self.add_compact(compact_ranking(ranked))
                return
        except BadText as exc:
            summary["bad"].append((ranked.task_id, ranked.n_annotations, str(exc)))
            return
        self._count(n, tied, bool(ranked.history))

    def add_compact(self, ranking: tuple) -> None:
        """Encode and write one ranking given as :func:`exporters.encode.compact_ranking` (JSON Lines only)."""
        split = ranking[4]
        try:
            lines = pair_lines_of(ranking, self.fmt, self.keep_ties)
        except BadText as exc:
            self.summary["bad"].append((ranking[0], ranking[5], str(exc)))
            return
        n, tied = lines.n_main, lines.n_ties
        self.main.write_bytes(lines.main, n, split)
        if self.side is not None:
            self.side.write_bytes(lines.meta, n, split)
        if self.ties is not None:
            self.ties.write_bytes(lines.ties, tied, split)
        self._count(n, tied, bool(ranking[3]))

    def _count(self, n: int, tied: int, chat: bool) -> None:
        summary = self.summary
        summary["ties"] += tied
        if chat and self.fmt == "trl" and n:
            self._note("chat pairs without earlier turns (plain trl)", n)
        summary["pairs"] += n
        summary["records"] += n


def apply_summary(summary: dict[str, Any], report: RunReport, keep_ties: bool) -> None:
    """Count a :class:`PairFileWriter`'s summary into the run report (a ranking that could not be written is
    taken back from the annotations and tasks used, each task once)."""
    report.pairs += summary["pairs"]
    report.records += summary["records"]
    if keep_ties:
        report.ties_kept += summary["ties"]
    else:
        report.ties_dropped += summary["ties"]
    for what, n in summary["notes"].items():
        report.note(what, n)
    last: Any = object()
    for task_id, n_annotations, reason in summary["bad"]:
        report.annotations_used -= n_annotations
        report.skip_annotation("task skipped (bad text)", n_annotations)
        if task_id != last:
            last = task_id
            report.tasks_used -= 1
            report.skip_task("bad text")
            report.problem(BadInput(reason, task_id, "bad text"))
    report.files.update(summary["files"])


def write_pairs(tasks: Iterable[Any], output: str | Path, fmt: str = "trl", options: PairOptions = PairOptions(),
                parquet: bool = False, split_files: bool = False, report: RunReport | None = None,
                since: ExportState | None = None, workers: int = 1) -> RunReport:
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
        workers: 2 encodes and writes the JSON Lines of the pair formats in a second process while this one
            reads and ranks (:mod:`exporters.parallel`; the same bytes); 1 does everything here.

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
    ranked_stream = iter_ranked_tasks(tasks, options, report, since)
    if workers > 1 and not parquet and fmt != "grouped":
        from exporters.parallel import write_in_a_second_process

        summary = write_in_a_second_process(ranked_stream, output, fmt, keep_ties, split_files)
    else:
        with PairFileWriter(output, fmt, keep_ties, parquet, split_files) as files:
            for ranked in ranked_stream:
                files.add(ranked)
        summary = files.summary
    apply_summary(summary, report, keep_ties)
    if since is not None:
        since.save()
    return report


def serve(stdin: BinaryIO, stdout: BinaryIO, output: str, fmt: str, keep_ties: bool, split_files: bool) -> None:
    """The writing process of :mod:`exporters.parallel`: write the rankings read from ``stdin`` (pickled
    batches, :func:`exporters.parallel.read_message`), then send the pickled summary on ``stdout``."""
    import pickle

    from exporters.parallel import read_message

    try:
        with PairFileWriter(Path(output), fmt, keep_ties, parquet=False, split_files=split_files) as files:
            while data := read_message(stdin):
                for ranking in pickle.loads(data):
                    files.add_compact(ranking)
        summary: dict[str, Any] = files.summary
    except EOFError:  # the reading side is gone: the partial files are already deleted
        return
    except ExportError as exc:
        summary = {"error": str(exc)}
    except Exception as exc:  # noqa: BLE001 - reported by type only: a message may quote the data
        summary = {"error": f"the writing process failed ({type(exc).__name__})"}
    stdout.write(pickle.dumps(summary))
    stdout.flush()


if __name__ == "__main__":  # python -m exporters.pair_files OUTPUT FORMAT KEEP_TIES SPLIT_FILES
    import sys

    serve(sys.stdin.buffer, sys.stdout.buffer, sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4] == "1")
