"""Fixed schemas in ``datasets`` (issue 11): exports of two different projects, JSON Lines and Parquet, load and
concatenate; ``export dataset`` writes a DatasetDict with its card; ``export stats --tokenizer`` counts tokens
as TRL does and says how many pairs a max_length drops."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

datasets = pytest.importorskip("datasets")
from datasets import concatenate_datasets, load_dataset, load_from_disk  # noqa: E402

from exporters.pair_files import write_pairs  # noqa: E402
from exporters.pairs import PairOptions  # noqa: E402
from exporters.schema import hf_features, schema, ties_schema_name  # noqa: E402
from exporters.sft import write_sft  # noqa: E402
from labelguide.cli import main  # noqa: E402
from tiny_lm import build_tokenizer  # noqa: E402

from conftest import TEST_DATA  # noqa: E402

# Two real, different projects: a comparison project (Likert ratings, models, splits, chat turns) and the
# RLHF template's Pairwise export (no ratings, no models, no splits: every such column is null in its files).
PROJECTS = {"comparison": json.loads((TEST_DATA / "export_edge_cases.json").read_text()),
            "rlhf": json.loads((TEST_DATA / "export_rlhf_slice.json").read_text())}
OPTIONS = {"comparison": PairOptions(ties="keep"), "rlhf": PairOptions(aggregate="mean-rank", ties="keep")}


def _export(tmp_path, fmt):
    files = {}
    for name, tasks in PROJECTS.items():
        for ext in ("jsonl", "parquet"):
            path = tmp_path / f"{name}.{fmt}.{ext}"
            write_pairs(tasks, path, fmt, OPTIONS[name], parquet=ext == "parquet")
            files[name, ext] = str(path)
    return files


@pytest.mark.parametrize("fmt", ["trl", "trl-chat", "hh", "openai", "grouped"])
def test_two_projects_jsonl_and_parquet_concatenate(tmp_path, fmt):
    files = _export(tmp_path, fmt)
    features = hf_features(fmt)
    cache = str(tmp_path / "cache")
    for order in (("comparison", "rlhf"), ("rlhf", "comparison")):  # the old failure depended on file order
        js = load_dataset("json", data_files=[files[p, "jsonl"] for p in order], features=features,
                          cache_dir=cache, split="train")
        pq = load_dataset("parquet", data_files=[files[p, "parquet"] for p in order], cache_dir=cache,
                          split="train")
        assert js.features == pq.features == features
        both = concatenate_datasets([js, pq])
        assert len(both) == 2 * len(js) > 0
        assert js.to_list() == pq.to_list()
    # the side files and the ties files have fixed schemas of their own
    for kind, name in ((".meta", f"{fmt}.meta"), (".ties", ties_schema_name(fmt))):
        parquets = sorted(tmp_path.glob(f"*.{fmt}{kind}.parquet"))
        if fmt == "grouped" or (kind == ".meta" and fmt not in ("hh", "openai")):
            assert not parquets
            continue
        loaded = load_dataset("parquet", data_files=[str(p) for p in parquets], cache_dir=cache, split="train")
        js = load_dataset("json", data_files=[str(p.with_suffix(".jsonl")) for p in parquets],
                          features=hf_features(name), cache_dir=cache, split="train")
        assert loaded.features == hf_features(name) and len(concatenate_datasets([loaded, js])) == 2 * len(js)


def test_every_column_is_typed_whatever_the_data(tmp_path):
    """The Parquet files of both projects have exactly the fixed schema, null-only columns included."""
    import pyarrow.parquet as pq

    files = _export(tmp_path, "trl")
    for project in PROJECTS:
        table = pq.read_table(files[project, "parquet"])
        assert table.schema.equals(schema("trl"))
    rlhf = pq.read_table(files["rlhf", "parquet"])
    assert rlhf.column("likert_margin").null_count == rlhf.num_rows  # all null, still float64
    assert str(rlhf.schema.field("likert_margin").type) == "double"


def test_without_features_json_lines_cannot_carry_a_null_only_column(tmp_path):
    """Why hf_features exists: JSON Lines have no types, and a column null on every line is read as type null."""
    files = _export(tmp_path, "trl")
    with pytest.raises(Exception) as caught:
        load_dataset("json", data_files=[files["rlhf", "jsonl"], files["comparison", "jsonl"]],
                     cache_dir=str(tmp_path / "cache"), split="train")
    assert "to null" in str(caught.value.__cause__ or caught.value)


def test_sft_schemas_concatenate(tmp_path):
    pinned = json.loads((TEST_DATA / "pinned_results.json").read_text())
    task = {"id": 1, "data": pinned["demonstration"]["data"],
            "annotations": [{"id": 1, "completed_by": 1, "result": pinned["demonstration"]["result"]}]}
    bare = {"id": 2, "data": {"prompt": "Say hi"}, "annotations": [{"id": 2, "result": [
        {"from_name": "demonstration", "type": "textarea", "value": {"text": ["Hi"]}}]}]}
    for fmt in ("completion", "chat"):
        paths = []
        for i, tasks in enumerate(([task], [bare])):
            for parquet in (False, True):
                path = tmp_path / f"s{i}.{fmt}.{'parquet' if parquet else 'jsonl'}"
                write_sft(tasks, path, fmt, parquet=parquet)
                paths.append(path)
        js = load_dataset("json", data_files=[str(p) for p in paths if p.suffix == ".jsonl"][::-1],
                          features=hf_features(f"sft:{fmt}"), cache_dir=str(tmp_path / "c"), split="train")
        pq = load_dataset("parquet", data_files=[str(p) for p in paths if p.suffix == ".parquet"][::-1],
                          cache_dir=str(tmp_path / "c"), split="train")
        assert len(concatenate_datasets([js, pq])) == 4


# ------------------------------------------------------------------------------------------------------------
# export dataset
# ------------------------------------------------------------------------------------------------------------

def test_export_dataset_writes_a_dataset_dict_and_its_card(tmp_path):
    out = tmp_path / "rm-dataset"
    result = CliRunner().invoke(main, ["export", "dataset", "-i", str(TEST_DATA / "export_edge_cases.json"),
                                       "-o", str(out), "--license", "cc-by-4.0"])
    assert result.exit_code == 0, result.output
    dd = load_from_disk(str(out))
    assert set(dd) == {"train", "valid", "test", "nosplit"}
    assert sum(len(d) for d in dd.values()) == 38
    assert all(d.features == hf_features("trl") for d in dd.values())
    assert not any(any(d["tie"]) for d in dd.values())
    assert {r["split"] for r in dd["valid"]} == {"valid"} and {r["split"] for r in dd["nosplit"]} == {None}
    card = (out / "README.md").read_text()
    for needed in ("license: cc-by-4.0", "Guideline: labelguide", "interfaces ", "| train |", "`likert_margin`",
                   "2 tied pairs left out", "one pair set per annotation", "problems (bad tasks, skipped and counted): 4"):
        assert needed in card, needed
    assert not list(tmp_path.glob("*.partial")) and not list(tmp_path.glob(".labelguide-dataset-*"))
    # an existing non-empty directory is refused, short and clear
    again = CliRunner().invoke(main, ["export", "dataset", "-i", str(TEST_DATA / "export_edge_cases.json"),
                                      "-o", str(out)])
    assert again.exit_code == 1 and "exists and is not an empty directory" in again.output


def test_export_dataset_hh_is_chosen_and_rejected_only(tmp_path):
    out = tmp_path / "hh"
    result = CliRunner().invoke(main, ["export", "dataset", "-i", str(TEST_DATA / "export_rlhf_slice.json"),
                                       "-o", str(out), "--format", "hh"])
    assert result.exit_code == 0, result.output
    dd = load_from_disk(str(out))
    assert list(dd) == ["nosplit"] and dd["nosplit"].column_names == ["chosen", "rejected"]


# ------------------------------------------------------------------------------------------------------------
# Token lengths
# ------------------------------------------------------------------------------------------------------------

def _texts(tasks):
    for t in tasks:
        data = t.get("data") or {}
        yield from (v for v in data.values() if isinstance(v, str))
        for o in data.get("outputs") or []:
            if isinstance(o, dict) and isinstance(o.get("body"), str):
                yield o["body"]


@pytest.mark.parametrize("chat", [False, True])
def test_export_stats_counts_tokens_as_trl_and_the_pairs_max_length_drops(tmp_path, chat):
    export = TEST_DATA / "export_edge_cases.json"
    tasks = PROJECTS["comparison"]
    tok = build_tokenizer(_texts(tasks), tmp_path / "tok", chat=chat)
    records = tmp_path / "pairs.jsonl"
    write_pairs(tasks, records, "trl-chat" if chat else "trl")
    lengths = []
    for line in records.read_text().splitlines():  # what TRL's RewardTrainer tokenizes for each side
        r = json.loads(line)
        if chat:
            sides = [len(tok.apply_chat_template(r["prompt"] + r[k], tokenize=True, return_dict=True)["input_ids"])
                     for k in ("chosen", "rejected")]
        else:
            sides = [len(tok(text=r["prompt"] + r[k] + tok.eos_token)["input_ids"]) for k in ("chosen", "rejected")]
        lengths.append(max(sides))
    limit = sorted(lengths)[len(lengths) // 2]  # about half the pairs over it
    expected = sum(n > limit for n in lengths)
    assert 0 < expected < len(lengths)
    result = CliRunner().invoke(main, ["export", "stats", "-i", str(export), "--tokenizer", str(tmp_path / "tok"),
                                       "--max-length", str(limit), "--json"])
    assert result.exit_code == 0, result.output
    tokens = json.loads(result.stdout)["tokens"]
    assert tokens["mode"] == ("chat template" if chat else "prompt + answer + eos")
    assert tokens["pairs"] == len(lengths) == 38
    assert tokens["pairs_over_max_length"] == expected
    assert tokens["sequence_tokens"]["max"] == max(lengths)
    text = CliRunner().invoke(main, ["export", "stats", "-i", str(export), "--tokenizer", str(tmp_path / "tok"),
                                     "--max-length", str(limit)])
    assert f"exceeds max_length={limit}: {expected} of 38" in text.stdout


def test_a_bad_tokenizer_directory_is_a_short_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["export", "stats", "-i", str(TEST_DATA / "export_edge_cases.json"),
                                       "--tokenizer", str(tmp_path / "empty")])
    assert result.exit_code == 1 and "cannot load a tokenizer" in result.output and "Traceback" not in result.output


def test_export_dataset_since_saves_the_state_only_with_the_dataset(tmp_path):
    export = str(TEST_DATA / "export_edge_cases.json")
    state = tmp_path / "ds.state.json"
    blocker = tmp_path / "taken"
    (blocker / "x").mkdir(parents=True)  # a non-empty directory: the dataset cannot be written
    failed = CliRunner().invoke(main, ["export", "dataset", "-i", export, "-o", str(blocker), "--since", str(state)])
    assert failed.exit_code == 1 and not state.exists()
    first = CliRunner().invoke(main, ["export", "dataset", "-i", export, "-o", str(tmp_path / "w1"), "--since", str(state)])
    assert first.exit_code == 0, first.output
    assert sum(len(d) for d in load_from_disk(str(tmp_path / "w1")).values()) == 38 and state.exists()
    again = CliRunner().invoke(main, ["export", "dataset", "-i", export, "-o", str(tmp_path / "w2"), "--since", str(state)])
    assert again.exit_code == 0, again.output
    assert sum(len(d) for d in load_from_disk(str(tmp_path / "w2")).values()) == 0
