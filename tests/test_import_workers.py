"""PII screening on every core (issue 15.2): a process pool with one engine per worker, identical to one process,
order kept, and a text that hangs costs only itself (issue 10: one slow record must not stall the import)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from importers.pipeline import ImportOptions, prepare_tasks
from importers.records import ImporterError, Record, Tally
from importers.screen import screen_pii
from importers.screen_pool import ScreenPool

PRESIDIO = Path(__file__).resolve().parents[2] / "shared" / "data" / "presidio_synth_dataset_v2_400_enriched.jsonl"
SLOW = "import_fakes:slow_engine"


def _records(n=40, hang=()):
    return [Record(("HANG " if i in hang else "") + (f"mail user{i}@example.com" if i % 3 == 0 else f"prompt {i}"),
                   line=i + 1) for i in range(n)]


def test_a_hanging_text_is_reported_and_dropped_the_rest_goes_through_in_order():
    tally = Tally()
    t0 = time.perf_counter()
    kept = list(screen_pii(_records(hang={7}), "drop", batch_size=8, tally=tally, workers=2, timeout=1.5,
                           factory=SLOW))
    seconds = time.perf_counter() - t0
    assert seconds < 60  # two timeouts (the batch, then the text alone) and a worker restart, not an hour
    expected = [i + 1 for i in range(40) if i % 3 != 0 and i != 7]
    assert [r.line for r in kept] == expected
    (problem,) = tally.problems
    assert problem.line == 8 and problem.kind == "unscreened" and "1.5 s" in problem.reason
    assert tally.counts["unscreened"] == 1 and tally.counts["pii_screened"] == 40


def test_a_hanging_text_is_flagged_under_flag():
    kept = list(screen_pii(_records(n=10, hang={2}), "flag", batch_size=4, workers=1, timeout=1.0, factory=SLOW))
    assert [r.line for r in kept] == list(range(1, 11))
    assert [r.pii for r in kept] == [i % 3 == 0 or i == 2 for i in range(10)]


def test_an_engine_that_cannot_load_is_a_clear_error():
    with pytest.raises(ImporterError, match="cannot be loaded in a worker.*model files missing"):
        list(screen_pii(_records(n=3), "drop", workers=1, factory="import_fakes:broken_engine"))


def test_the_work_is_shared_by_the_workers(tmp_path, monkeypatch):
    log = tmp_path / "pids.log"
    monkeypatch.setenv("LABELGUIDE_TEST_PID_LOG", str(log))
    with ScreenPool(workers=2, timeout=30, factory="import_fakes:pid_engine") as pool:
        flags = list(pool.screen(iter([[f"text {i}-{j}" for j in range(4)] for i in range(40)])))
    assert flags == [[False] * 4] * 40
    rows = [line.split() for line in log.read_text().splitlines()]
    assert len({pid for pid, _, _ in rows}) == 2
    spans = [(pid, float(a), float(b)) for pid, a, b in rows]
    overlapping = sum(1 for p, a, b in spans for q, c, d in spans if p < q and a < d and c < b)
    assert overlapping >= 10  # the two workers screen at the same time, not one after the other


@pytest.mark.skipif(not PRESIDIO.exists(), reason="shared Presidio sample not available")
def test_one_and_two_workers_give_identical_tasks(tmp_path):
    """The shared engine on 400 labelled sentences: the task files of 1 and 2 workers are byte-identical."""
    pytest.importorskip("ml_backend.pii")
    src = tmp_path / "presidio.jsonl"
    rows = [json.loads(line) for line in open(PRESIDIO, encoding="utf-8")]
    src.write_text("".join(json.dumps({"prompt": r["full_text"], "user_id": f"u{i % 50}"}) + "\n"
                           for i, r in enumerate(rows)))
    outs = {}
    for workers in (1, 2):
        out = tmp_path / f"w{workers}"
        report = prepare_tasks(src, out, ImportOptions(pii="flag", workers=workers, max_per_user=0))
        outs[workers] = ({s: (out / f"{s}.jsonl").read_bytes() for s in ("train", "valid", "test")},
                         report.counts["pii_found"], report.counts["pii_screened"])
    assert outs[1] == outs[2]
    files, found, screened = outs[1]
    assert screened > 300 and 0.5 * screened < found < screened
    assert sum(f.count(b"\n") for f in files.values()) == screened  # flag keeps every record
    drop = prepare_tasks(src, tmp_path / "drop", ImportOptions(pii="drop", workers=2, max_per_user=0))
    assert drop.counts["tasks"] == screened - found  # idempotent: the same verdicts again
