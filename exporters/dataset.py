"""A ``datasets`` DatasetDict of preference pairs (one split per task ``split``), saved with ``save_to_disk``
beside a dataset card: what ``labelguide export dataset`` writes.

    from datasets import load_from_disk
    dd = load_from_disk("rm-dataset")          # DatasetDict({"train": ..., "valid": ..., "test": ...})

The pairs are written once, as Parquet under the fixed schema (:mod:`exporters.schema`), one file per split,
then loaded memory-mapped: memory stays flat whatever the size. The directory appears only complete (it is
written as ``DIR.partial`` and renamed). Records without a split go to a split named ``nosplit``.

``push_to_hub`` uploads the DatasetDict and its card with ``datasets``/``huggingface_hub``; it is not tested
here (no hub is reachable from the test machine).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from exporters.card import dataset_card
from exporters.errors import ExportError
from exporters.pair_files import write_pairs
from exporters.pairs import PairOptions
from exporters.report import RunReport
from exporters.schema import hf_features

DATASET_FORMATS = ("trl", "trl-chat", "hh", "grouped")


def write_dataset(tasks: Iterable[Any], out_dir: str | Path, fmt: str = "trl", options: PairOptions = PairOptions(),
                  report: RunReport | None = None, license: str = "other", guideline: str | None = None,
                  push_to_hub: str | None = None, since: Any = None) -> RunReport:
    """Write the pairs of a task stream as a DatasetDict in ``out_dir`` (``save_to_disk``) with a ``README.md``
    dataset card.

    Args:
        tasks: exported tasks.
        out_dir: the directory to create (it must not exist, or be empty).
        fmt: ``trl``, ``trl-chat``, ``hh`` (``chosen``/``rejected`` only) or ``grouped``.
        options: how rankings become pairs. Tied pairs are never in the dataset (no preference trainer can
            express a tie); the card says how many were left out.
        report: the report to count into.
        license: the data's licence for the card (an SPDX id or ``other``).
        guideline: the guideline version for the card (default: labelguide's version and interface digest).
        push_to_hub: also push to this Hugging Face Hub repository (untested here).
        since: an export state (``--since``).

    Returns:
        The run report (``files`` names each split's row count).

    Raises:
        ExportError: a bad format, a non-empty ``out_dir``, or ``datasets`` missing.
    """
    if fmt not in DATASET_FORMATS:
        raise ExportError(f"a dataset holds one of {', '.join(DATASET_FORMATS)}, not {fmt!r}")
    try:
        from datasets import Dataset, DatasetDict
        from datasets.utils.logging import disable_progress_bar
    except ImportError as exc:  # pragma: no cover - datasets is a dependency of the dataset command
        raise ExportError("export dataset needs the datasets package (pip install datasets)") from exc
    out_dir = Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise ExportError(f"{out_dir} exists and is not an empty directory")
    report = report if report is not None else RunReport()
    options = replace(options, ties="drop")
    disable_progress_bar()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".labelguide-dataset-", dir=out_dir.parent) as tmp:
        pairs = Path(tmp) / "pairs.parquet"
        if since is not None:  # saved only once the DatasetDict is in place
            since.deferred = True
        write_pairs(tasks, pairs, fmt, options, parquet=True, split_files=True, report=report, since=since)
        features = hf_features(fmt)
        splits = {}
        for path in sorted(Path(tmp).glob("pairs.*.parquet")):
            parts = path.name.split(".")
            if len(parts) != 3:  # pairs.<split>.parquet, not hh's side file pairs.meta.<split>.parquet
                continue
            name = parts[1]
            splits[name] = Dataset.from_parquet(str(path), features=features, cache_dir=str(Path(tmp) / "cache"))
        dd = DatasetDict(splits)  # no split at all when nothing was new (datasets cannot reload a 0-row split)
        partial = out_dir.with_name(out_dir.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        dd.save_to_disk(str(partial))
        card = dataset_card(dd, fmt, features, options, report, license=license, guideline=guideline)
        (partial / "README.md").write_text(card, encoding="utf-8")
        if out_dir.exists():
            out_dir.rmdir()
        partial.rename(out_dir)
    report.files = {f"{out_dir}[{name}]": len(ds) for name, ds in dd.items()}
    if since is not None:
        since.deferred = False
        since.save()
    if push_to_hub:  # pragma: no cover - no hub is reachable in the tests
        from datasets import load_from_disk
        from huggingface_hub import HfApi

        load_from_disk(str(out_dir)).push_to_hub(push_to_hub)
        HfApi().upload_file(path_or_fileobj=str(out_dir / "README.md"), path_in_repo="README.md",
                            repo_id=push_to_hub, repo_type="dataset")
        report.details["pushed to"] = push_to_hub
    return report

