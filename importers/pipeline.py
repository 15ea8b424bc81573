"""The import pipeline wired together: read -> normalize -> keep usable -> dedupe -> cap -> split -> screen -> tasks.

:func:`prepare_tasks` streams a prompt file through every step and writes one JSONL file of Label Studio tasks per
split plus ``report.json`` (what ``--dry-run --out DIR`` leaves); :func:`import_prompts` does the same into a
temporary (or given) directory, then pushes the files to Label Studio. The whole input is never in memory: the
steps are generators, only digests (dedupe), counters (cap) and split assignments per user are kept.

    report = prepare_tasks("prompts.jsonl", "out/", ImportOptions(interface="instruction", pii="keep"))
    print(format_report(report))
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from importers.caps import DEFAULT_MAX_PER_USER, cap_per_user
from importers.dedupe import DEFAULT_PREFIX_CHARS, dedupe_prompts
from importers.normalize import normalize_records
from importers.push import DEFAULT_BATCH_SIZE, iter_task_files, push_tasks
from importers.limits import DEFAULT_MAX_DEPTH, DEFAULT_MAX_ITEM_BYTES, Limits
from importers.read import FieldSpec, OasstFilter, read_records
from importers.records import ImporterError, NothingUsableError, Tally
from importers.report import Report, build_report
from importers.screen import DEFAULT_PII_POLICY, PiiEngine, screen_pii
from importers.splits import DEFAULT_RATIOS, SPLITS, assign_splits, check_ratios
from importers.tasks import DEFAULT_MIN_OUTPUTS, build_tasks, check_interface, keep_usable
from label_config import taxonomy as T

REPORT_FILE = "report.json"


@dataclass(frozen=True)
class ImportOptions:
    """Every knob of the pipeline (one CLI flag each)."""

    interface: str = T.INSTRUCTION
    fmt: str = "auto"
    fields: FieldSpec = field(default_factory=FieldSpec)
    source: str | None = None
    encoding: str = "utf-8"
    strict: bool = False
    prefix_chars: int = DEFAULT_PREFIX_CHARS
    max_per_user: int = DEFAULT_MAX_PER_USER
    ratios: tuple[float, float, float] = DEFAULT_RATIOS
    seed: int = 0
    no_user: str = "group"
    pii: str = DEFAULT_PII_POLICY
    min_outputs: int = DEFAULT_MIN_OUTPUTS
    max_depth: int = DEFAULT_MAX_DEPTH
    max_item_mb: float = DEFAULT_MAX_ITEM_BYTES / 2**20
    oasst_langs: tuple[str, ...] = ()
    oasst_tree_states: tuple[str, ...] = ()

    @property
    def limits(self) -> Limits:
        return Limits(max_depth=self.max_depth, max_item_bytes=max(1, int(self.max_item_mb * 2**20)))

    @property
    def oasst(self) -> OasstFilter:
        return OasstFilter(langs=tuple(self.oasst_langs), tree_states=tuple(self.oasst_tree_states))

    def check(self) -> None:
        """Raise :class:`ImporterError` on an impossible combination before any work is done."""
        try:
            check_interface(self.interface)
        except ValueError as exc:
            raise ImporterError(str(exc)) from None
        check_ratios(self.ratios)
        for name in ("prefix_chars", "max_per_user"):
            if getattr(self, name) < 0:
                raise ImporterError(f"{name.replace('_', '-')} must be >= 0")
        if not 2 <= self.min_outputs <= T.K_MAX:
            raise ImporterError(f"min-outputs must be between 2 and {T.K_MAX}")
        if self.max_depth < 1 or self.max_item_mb <= 0:
            raise ImporterError("max-depth and max-item-mb must be > 0")


def task_stream(path: str | Path, options: ImportOptions, tally: Tally,
                pii_engine: PiiEngine | None = None) -> Iterator[dict[str, Any]]:
    """The tasks of a prompt file, each step a generator over the previous one.

    Args:
        path: the input file.
        options: the pipeline's options.
        tally: receives every step's counts.
        pii_engine: the PII detector (default: the shared engine, loaded only if ``options.pii`` screens).

    Returns:
        An iterator of Label Studio tasks with their split set.
    """
    options.check()
    records = read_records(path, fmt=options.fmt, fields=options.fields, source=options.source,
                           encoding=options.encoding, tally=tally, limits=options.limits, oasst=options.oasst)
    records = normalize_records(records, tally)
    records = keep_usable(records, options.interface, options.min_outputs, tally)
    records = dedupe_prompts(records, options.prefix_chars, tally)
    records = cap_per_user(records, options.max_per_user, tally)
    records = assign_splits(records, options.ratios, options.seed, options.no_user, tally)
    records = screen_pii(records, options.pii, engine=pii_engine, tally=tally)
    return build_tasks(records, options.interface, options.seed, tally)


def prepare_tasks(path: str | Path, out_dir: str | Path, options: ImportOptions = ImportOptions(),
                  pii_engine: PiiEngine | None = None, allow_empty: bool = False) -> Report:
    """Write ``out_dir/{train,valid,test}.jsonl`` (one task a line) and ``out_dir/report.json``.

    Files are written under temporary names and renamed at the end, so a run that stops half way never leaves
    files that look complete.

    Args:
        path: the input file.
        out_dir: created if needed.
        options: the pipeline's options.
        pii_engine: the PII detector (default: the shared engine).
        allow_empty: return a report with no task instead of raising :class:`NothingUsableError`.

    Returns:
        The :class:`Report` (also in ``report.json``).

    Raises:
        NothingUsableError: no task came out (``report.json`` is written first; the error carries the report
            and says why: what the lines were and the first problems).

    Example:
        >>> import tempfile, os
        >>> d = tempfile.mkdtemp(); src = os.path.join(d, "p.jsonl")
        >>> _ = open(src, "w").write('{"prompt": "Hi", "user_id": "u1"}\\n{"prompt": "hi", "user_id": "u2"}\\n')
        >>> r = prepare_tasks(src, os.path.join(d, "out"), ImportOptions(pii="keep"))
        >>> r.counts["tasks"], r.counts["duplicate_exact"], sum(r.splits.values())
        (1, 1, 1)
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tally = Tally(strict=options.strict)
    counts = dict.fromkeys(SPLITS, 0)
    tmp = {s: out_dir / f".{s}.jsonl.part" for s in SPLITS}
    files = {s: open(p, "w", encoding="utf-8") for s, p in tmp.items()}
    try:
        for task in task_stream(path, options, tally, pii_engine):
            split = task["data"][T.SPLIT]
            files[split].write(json.dumps(task, ensure_ascii=False) + "\n")
            counts[split] += 1
    except BaseException:
        for f in files.values():
            f.close()
        for p in tmp.values():
            p.unlink(missing_ok=True)
        raise
    for f in files.values():
        f.close()
    for s, p in tmp.items():
        os.replace(p, out_dir / f"{s}.jsonl")
    report = build_report(tally, counts, str(path), options.interface, _echo(options))
    report.write(out_dir / REPORT_FILE)
    if not allow_empty and report.counts["tasks"] == 0:
        raise NothingUsableError(report)
    return report


def import_prompts(path: str | Path, ls: Any, project: str, options: ImportOptions = ImportOptions(), *,
                   out_dir: str | Path | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                   ml_backend: str | None = None, progress: bool = True, pii_engine: PiiEngine | None = None,
                   after_batch: Callable[[int, int], None] | None = None) -> Report:
    """Prepare the tasks of a prompt file, then push them into project ``project`` (idempotent, resumable).

    Args:
        path: the input file.
        ls: a ``label_studio_sdk.LabelStudio`` client.
        project: the project's title (created when absent).
        options: the pipeline's options.
        out_dir: keep the task files and report there (default: a temporary directory, removed afterwards).
        batch_size: tasks per import request.
        ml_backend: an ML backend URL to connect to the project.
        progress: show a progress bar.
        pii_engine: the PII detector (default: the shared engine).
        after_batch: passed to :func:`~importers.push.push_tasks`.

    Returns:
        The :class:`Report`, with ``push`` filled.
    """
    with tempfile.TemporaryDirectory(prefix="labelguide-import-") as tmp:
        work = Path(out_dir) if out_dir else Path(tmp)
        report = prepare_tasks(path, work, options, pii_engine)
        files = [work / f"{s}.jsonl" for s in SPLITS]
        warnings: list[str] = []
        result = push_tasks(ls, project, options.interface, iter_task_files(files),
                            total=report.counts["tasks"], max_outputs=report.counts["max_outputs"],
                            batch_size=batch_size, ml_backend=ml_backend, progress=progress,
                            after_batch=after_batch, warn=warnings.append)
        report.push = result.to_dict()
        report.warnings += warnings
        if out_dir:
            report.write(work / REPORT_FILE)
    return report


def _echo(options: ImportOptions) -> dict[str, Any]:
    echo = asdict(options)
    echo["ratios"] = list(options.ratios)
    echo["oasst_langs"], echo["oasst_tree_states"] = list(options.oasst_langs), list(options.oasst_tree_states)
    return echo
