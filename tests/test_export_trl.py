"""The proof of issue 11: TRL's RewardTrainer and DPOTrainer run a few steps on the trl, trl-chat and hh exports,
loaded with ``datasets`` under the fixed features, with a tiny Llama and a BPE tokenizer built here (no hub).
And TRL reads hh directly: the sequence it trains on is the transcript once, not the prompt twice."""

from __future__ import annotations

import json
import warnings

import pytest

trl = pytest.importorskip("trl")
from datasets import load_dataset  # noqa: E402

from exporters.pair_files import write_pairs  # noqa: E402
from exporters.schema import hf_features  # noqa: E402
from tiny_lm import build_tokenizer, tiny_llama  # noqa: E402

from conftest import TEST_DATA  # noqa: E402

EXPORT = json.loads((TEST_DATA / "export_edge_cases.json").read_text())


def _texts():
    for t in EXPORT:
        data = t.get("data") or {}
        yield from (v for v in data.values() if isinstance(v, str))
        yield from (o["body"] for o in data.get("outputs") or [] if isinstance(o, dict) and "body" in o)


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory):
    return build_tokenizer(_texts(), tmp_path_factory.mktemp("tok"))


def _dataset(tmp_path, fmt):
    out = tmp_path / f"{fmt}.jsonl"
    write_pairs(EXPORT, out, fmt)
    return load_dataset("json", data_files=str(out), features=hf_features(fmt), split="train",
                        cache_dir=str(tmp_path / "cache"))


def _args(config_class, tmp_path, **extra):
    return config_class(output_dir=str(tmp_path / "run"), max_steps=2, per_device_train_batch_size=2,
                        learning_rate=1e-3, report_to="none", save_strategy="no", logging_steps=1, use_cpu=True,
                        disable_tqdm=True, max_length=512, **extra)


@pytest.mark.parametrize("fmt", ["trl", "trl-chat", "hh"])
def test_reward_trainer_runs_on_the_export(tmp_path, tokenizer, fmt):
    from trl import RewardConfig, RewardTrainer

    dataset = _dataset(tmp_path, fmt)
    if "margin" in dataset.column_names:  # a rank difference: as a TRL margin it is a strong one (docs/formats_out.md)
        dataset = dataset.remove_columns("margin")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        trainer = RewardTrainer(model=tiny_llama(tokenizer, "reward"), args=_args(RewardConfig, tmp_path),
                                train_dataset=dataset, processing_class=tokenizer)
        result = trainer.train()
    assert result.global_step == 2 and result.training_loss > 0
    first = trainer.train_dataset[0]
    decoded = tokenizer.decode(first["chosen_ids"], skip_special_tokens=False)
    if fmt == "hh":  # the transcript once: no prompt column for TRL to prepend a second time
        raw = json.loads((tmp_path / "hh.jsonl").read_text().splitlines()[0])
        assert decoded == raw["chosen"] + tokenizer.eos_token
        prompt = raw["chosen"].rsplit("\n\nAssistant:", 1)[0]
        assert decoded.count(prompt) == 1
    if fmt == "trl":
        raw = json.loads((tmp_path / "trl.jsonl").read_text().splitlines()[0])
        assert decoded == raw["prompt"] + raw["chosen"] + tokenizer.eos_token


@pytest.mark.parametrize("fmt", ["trl", "trl-chat", "hh"])
def test_dpo_trainer_runs_on_the_export(tmp_path, tokenizer, fmt):
    from trl import DPOConfig, DPOTrainer

    dataset = _dataset(tmp_path, fmt)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # the reference model is given (the same seed: the same weights), else TRL reloads it from a hub id
        trainer = DPOTrainer(model=tiny_llama(tokenizer), ref_model=tiny_llama(tokenizer),
                             args=_args(DPOConfig, tmp_path), train_dataset=dataset, processing_class=tokenizer)
        result = trainer.train()
    assert result.global_step == 2
    if fmt == "hh":  # TRL found the implicit prompt (the common prefix of chosen and rejected), transcript once
        raw = json.loads((tmp_path / "hh.jsonl").read_text().splitlines()[0])
        transcript = json.loads((tmp_path / "hh.meta.jsonl").read_text().splitlines()[0])["prompt"]
        prompt = tokenizer.decode(trainer.train_dataset[0]["prompt_ids"], skip_special_tokens=True)
        assert raw["chosen"].startswith(prompt) and prompt.startswith(transcript)
        assert prompt.count("Human:") == transcript.count("Human:")
