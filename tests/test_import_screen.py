"""PII screening: drop / flag / keep, batching, counts only; the shared engine on labelled synthetic PII."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from importers.pipeline import ImportOptions, prepare_tasks
from importers.records import ImporterError, Record, Tally
from importers.screen import screen_pii
from label_config import taxonomy as T

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "data" / "presidio_synth_dataset_v2_400_enriched.jsonl"
SECRET = "jane.doe@example.com"


@dataclass
class Finding:
    has_pii: bool


class AtSignEngine:
    """A stand-in with the shared engine's API: PII = an '@' in the text. Records its batch sizes."""

    def __init__(self):
        self.batches: list[int] = []

    def analyze_batch(self, texts):
        self.batches.append(len(texts))
        return [Finding("@" in t) for t in texts]


def _records():
    return [Record(f"prompt {i}" + (f" mail {SECRET}" if i % 3 == 0 else ""), line=i) for i in range(10)]


def test_drop_flag_keep():
    engine, tally = AtSignEngine(), Tally()
    kept = list(screen_pii(_records(), "drop", engine=engine, batch_size=4, tally=tally))
    assert [r.line for r in kept] == [1, 2, 4, 5, 7, 8] and all(r.pii is None for r in kept)
    assert engine.batches == [4, 4, 2]
    assert (tally.counts["pii_screened"], tally.counts["pii_found"], tally.counts["pii_dropped"]) == (10, 4, 4)
    flagged = list(screen_pii(_records(), "flag", engine=AtSignEngine()))
    assert [r.pii for r in flagged] == [i % 3 == 0 for i in range(10)]
    unused = AtSignEngine()
    assert len(list(screen_pii(_records(), "keep", engine=unused))) == 10 and unused.batches == []


def test_context_is_screened_too():
    record = Record("What should I write back?", context=[{"role": "user", "content": f"My mail is {SECRET}"}])
    assert list(screen_pii([record], "drop", engine=AtSignEngine())) == []


def test_report_counts_pii_but_never_shows_it(tmp_path):
    src = tmp_path / "p.jsonl"
    src.write_text("\n".join(json.dumps({"prompt": r.prompt, "user_id": f"u{r.line}"}) for r in _records()) + "\n")
    report = prepare_tasks(src, tmp_path / "out", ImportOptions(pii="flag"), pii_engine=AtSignEngine())
    assert report.counts["pii_found"] == 4 and report.counts["tasks"] == 10
    written = (tmp_path / "out" / "report.json").read_text()
    assert SECRET not in written and "prompt 0" not in written
    tasks = [json.loads(line) for s in ("train", "valid", "test") for line in open(tmp_path / "out" / f"{s}.jsonl")]
    assert sum(t["data"][T.PII_FLAG] for t in tasks) == 4


def test_missing_engine_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "ml_backend.pii", None)  # import fails as if the module were absent
    with pytest.raises(ImporterError, match="--pii keep"):
        list(screen_pii(_records(), "drop"))
    with pytest.raises(ImporterError, match="unknown PII policy"):
        list(screen_pii(_records(), "maybe"))


@pytest.mark.slow
@pytest.mark.skipif(not SAMPLE.exists(), reason="shared Presidio sample not available")
def test_shared_engine_drops_structured_pii_on_labelled_sentences():
    pytest.importorskip("ml_backend.pii")
    rows = [json.loads(line) for line in open(SAMPLE, encoding="utf-8")][:120]
    strong = {"EMAIL_ADDRESS", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "IP_ADDRESS", "PERSON"}
    records = [Record(r["full_text"], line=i) for i, r in enumerate(rows)]
    tally = Tally()
    kept = {r.line for r in screen_pii(records, "drop", tally=tally)}
    with_strong = [i for i, r in enumerate(rows) if any(s["entity_type"] in strong for s in r["spans"])]
    without = [i for i, r in enumerate(rows) if not r["spans"]]
    dropped_strong = sum(i not in kept for i in with_strong) / len(with_strong)
    assert dropped_strong >= 0.8, dropped_strong  # a threshold on a labelled set, not exact outputs
    assert sum(i in kept for i in without) >= 0.5 * len(without)
    assert tally.counts["pii_found"] == tally.counts["pii_dropped"] == len(records) - len(kept)
