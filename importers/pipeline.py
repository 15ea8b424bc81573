"""The import pipeline wired together.

read -> normalize -> keep usable (K outputs, identical outputs) -> dedupe -> cap -> user policy -> sample outputs
-> external-id conflicts -> PII screen -> tasks -> split (two passes over a spool file) -> one file per split.

:func:`prepare_tasks` streams a prompt file through every step and writes one JSONL file of Label Studio tasks per
split plus ``report.json`` (what ``--dry-run --out DIR`` leaves); :func:`import_prompts` does the same into a
temporary (or given) directory, then pushes the files to Label Studio. The whole input is never in memory: the
steps are generators; kept are digests (dedupe, links of the split), counters (cap, output sampling) and the
tasks on disk (the spool, read again once the split of every group is known).

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
from importers.dedupe import DEDUPE_KEYS, DEFAULT_PREFIX_CHARS, dedupe_prompts
from importers.identity import reject_id_conflicts
from importers.normalize import normalize_records
from importers.push import DEFAULT_BATCH_SIZE, iter_task_files, push_tasks
from importers.limits import DEFAULT_MAX_DEPTH, DEFAULT_MAX_ITEM_BYTES, Limits
from importers.read import FieldSpec, OasstFilter, read_records
from importers.records import ImporterError, NothingUsableError, Record, Tally
from importers.report import Report, build_report
from importers.screen import DEFAULT_PII_POLICY, PiiEngine, screen_pii
from importers.screen_pool import DEFAULT_TIMEOUT
from importers.splits import DEFAULT_RATIOS, SPLITS, SplitLinker, check_ratios, with_user_policy
from importers.tasks import (DEFAULT_MIN_OUTPUTS, IDENTICAL_POLICIES, build_tasks, check_interface, keep_usable,
                             sample_outputs)
from label_config import taxonomy as T

REPORT_FILE = "report.json"
_PENDING = "\x00"  # the split of a spooled task until every group is known
_PENDING_JSON = '"split": "\\u0000"' 


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
    max_outputs: int | None = None
    identical_outputs: str = "merge"
    dedupe_key: str = "prompt"
    workers: int | None = None
    pii_timeout: float = DEFAULT_TIMEOUT

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
        if self.max_outputs is not None and not max(T.K_MIN, self.min_outputs) <= self.max_outputs <= T.K_MAX:
            raise ImporterError(f"max-outputs must be between {max(T.K_MIN, self.min_outputs)} (min-outputs, "
                                f"and the interfaces' K_MIN) and {T.K_MAX}")
        if self.identical_outputs not in IDENTICAL_POLICIES:
            raise ImporterError(f"identical-outputs must be one of {', '.join(IDENTICAL_POLICIES)}")
        if self.dedupe_key not in DEDUPE_KEYS:
            raise ImporterError(f"dedupe-key must be one of {', '.join(DEDUPE_KEYS)}")
        if (self.workers is not None and self.workers < 1) or self.pii_timeout <= 0:
            raise ImporterError("workers and pii-timeout must be > 0")


def record_stream(path: str | Path, options: ImportOptions, tally: Tally,
                  pii_engine: PiiEngine | None = None) -> Iterator[Record]:
    """The records of a prompt file through every step before the split, each a generator over the previous one.

    Args:
        path: the input file.
        options: the pipeline's options.
        tally: receives every step's counts.
        pii_engine: a PII detector to run in this process (default: the shared engine in ``options.workers``
            processes, loaded only if ``options.pii`` screens).

    Returns:
        An iterator of records, in input order, their split not yet set.
    """
    options.check()
    records = read_records(path, fmt=options.fmt, fields=options.fields, source=options.source,
                           encoding=options.encoding, tally=tally, limits=options.limits, oasst=options.oasst)
    records = normalize_records(records, tally)
    records = keep_usable(records, options.interface, options.min_outputs, tally,
                          max_outputs=options.max_outputs, identical=options.identical_outputs)
    records = dedupe_prompts(records, options.prefix_chars, tally, key=options.dedupe_key)
    records = cap_per_user(records, options.max_per_user, tally)
    records = with_user_policy(records, options.no_user, tally)
    if options.max_outputs is not None:
        records = sample_outputs(records, options.max_outputs, options.seed, tally)
    records = reject_id_conflicts(records, tally)
    return screen_pii(records, options.pii, engine=pii_engine, tally=tally, workers=options.workers,
                      timeout=options.pii_timeout)


def task_stream(path: str | Path, options: ImportOptions, tally: Tally,
                pii_engine: PiiEngine | None = None) -> Iterator[dict[str, Any]]:
    """The tasks of a prompt file with their split set, held in memory (for small inputs and tests).

    :func:`prepare_tasks` does the same in bounded memory, through a spool file.
    """
    linker = SplitLinker(options.ratios, options.seed)
    tasks = list(build_tasks(_linked(record_stream(path, options, tally, pii_engine), linker), options.interface,
                             options.seed, tally, flag_identical=options.identical_outputs == "flag"))
    linker.finish()
    linker.report(tally)
    for i, task in enumerate(tasks):
        task["data"][T.SPLIT] = linker.split(i)
    return iter(tasks)


def _linked(records: Iterator[Record], linker: SplitLinker) -> Iterator[Record]:
    for record in records:
        linker.add(record)
        record.split = _PENDING
        yield record


def prepare_tasks(path: str | Path, out_dir: str | Path, options: ImportOptions = ImportOptions(),
                  pii_engine: PiiEngine | None = None, allow_empty: bool = False) -> Report:
    """Write ``out_dir/{train,valid,test}.jsonl`` (one task a line) and ``out_dir/report.json``.

    Pass 1 streams the records through every step, writes each task to a spool file with its split pending and
    gives its link keys to a :class:`~importers.splits.SplitLinker`; pass 2 reads the spool once and writes each
    task into its group's split file. Files are written under temporary names and renamed at the end, so a run
    that stops half way never leaves files that look complete.

    Args:
        path: the input file.
        out_dir: created if needed.
        options: the pipeline's options.
        pii_engine: a PII detector to run in this process (default: the shared engine in a pool).
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
    spool_path = out_dir / ".tasks.spool.part"
    tmp = {s: out_dir / f".{s}.jsonl.part" for s in SPLITS}
    linker = SplitLinker(options.ratios, options.seed)
    try:
        with open(spool_path, "w", encoding="utf-8") as spool:
            records = _linked(record_stream(path, options, tally, pii_engine), linker)
            for task in build_tasks(records, options.interface, options.seed, tally,
                                    flag_identical=options.identical_outputs == "flag"):
                spool.write(json.dumps(task, ensure_ascii=False) + "\n")
        linker.finish()
        linker.report(tally)
        files = {s: open(p, "w", encoding="utf-8") for s, p in tmp.items()}
        try:
            with open(spool_path, encoding="utf-8") as spool:
                for i, line in enumerate(spool):
                    split = linker.split(i)
                    if _PENDING_JSON in line:
                        line = line.replace(_PENDING_JSON, f'"split": "{split}"', 1)
                    else:  # another serialisation of the task: set the field the slow way
                        task = json.loads(line)
                        task["data"][T.SPLIT] = split
                        line = json.dumps(task, ensure_ascii=False) + "\n"
                    files[split].write(line)
                    counts[split] += 1
        finally:
            for f in files.values():
                f.close()
    except BaseException:
        for p in (*tmp.values(), spool_path):
            p.unlink(missing_ok=True)
        raise
    spool_path.unlink(missing_ok=True)
    for s, p in tmp.items():
        os.replace(p, out_dir / f"{s}.jsonl")
    report = build_report(tally, counts, str(path), options.interface, _echo(options))
    report.policies = policies(options)
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


def policies(options: ImportOptions) -> dict[str, Any]:
    """The data-handling policies of a run, in words, for the report (``report.json`` ``policies``).

    >>> policies(ImportOptions(pii="keep"))["split"]
    'one split per group of records sharing a user, a conversation or a text (>= 20 chars)'
    """
    from importers.splits import MIN_LINK_CHARS

    out: dict[str, Any] = {
        "dedupe": f"key {options.dedupe_key}, prefix {options.prefix_chars} chars, first kept",
        "split": f"one split per group of records sharing a user, a conversation or a text (>= {MIN_LINK_CHARS} "
                 "chars)",
        "pii": options.pii if options.pii == "keep" else
        f"{options.pii}, {options.workers or 'all'} worker(s), {options.pii_timeout:g} s per text then treated as PII",
    }
    if options.interface in (T.COMPARISON, T.RANKING_ONLY):
        out["identical_outputs"] = options.identical_outputs
        out["max_outputs"] = (f"sample {options.max_outputs} per task, balanced across models"
                              if options.max_outputs else f"drop tasks with more than {T.K_MAX}")
    return out


def _echo(options: ImportOptions) -> dict[str, Any]:
    echo = asdict(options)
    echo["ratios"] = list(options.ratios)
    echo["oasst_langs"], echo["oasst_tree_states"] = list(options.oasst_langs), list(options.oasst_tree_states)
    return echo
