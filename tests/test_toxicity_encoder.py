"""The MiniLM encoder: its files (found without importing their package, hash-checked), the int8 ONNX graph
against the float32 numpy reference, the ONNX writer, and the windows that bound the cost of long texts."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ml_backend.toxicity.encoder import MAX_CHARS, MAX_WINDOWS, WINDOW_TOKENS, MiniLMEncoder
from ml_backend.toxicity.encoder_numpy import NumpyMiniLM
from ml_backend.toxicity.engine import ToxicityModelError
from ml_backend.toxicity.learned import shared_encoder
from ml_backend.toxicity.minilm_files import (
    MINILM_SHA256,
    locate_minilm_zip,
    read_minilm,
    read_safetensors,
)
from ml_backend.toxicity.onnx_proto import FLOAT, Graph, model_bytes

ROOT = Path(__file__).resolve().parents[1]
REAL_TEXTS = [json.loads(line)["text"] for line in open(ROOT / "tests" / "data" / "toxicity_eval.jsonl")][::6]


@pytest.fixture(scope="module")
def files():
    return read_minilm()


@pytest.fixture(scope="module")
def encoder():
    return shared_encoder(3)


def test_the_zip_is_found_and_both_hashes_match(files) -> None:
    path = locate_minilm_zip()
    assert path.name == "model.zip" and path == files.path
    with zipfile.ZipFile(path) as zf:
        for member, expected in MINILM_SHA256.items():
            assert hashlib.sha256(zf.read(member)).hexdigest() == expected
    assert files.weights["embeddings.word_embeddings.weight"].shape == (30522, 384)


def test_the_package_is_never_imported() -> None:
    code = ("import sys; from ml_backend.toxicity.learned import shared_encoder; shared_encoder(3); "
            "print('all_minilm_l6_v2' in sys.modules, 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
    assert "all_minilm" not in out.stderr.lower()


def test_a_tampered_zip_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "model.zip"
    with zipfile.ZipFile(locate_minilm_zip()) as src, zipfile.ZipFile(bad, "w") as dst:
        for member in ("tokenizer.json", "model.safetensors"):
            data = src.read(member)
            dst.writestr(member, data.replace(b"[UNK]", b"[UNX]", 1) if member == "tokenizer.json" else data)
    with pytest.raises(ToxicityModelError, match="tokenizer.json has sha256"):
        read_minilm(bad)
    monkeypatch.setenv("LABELGUIDE_MINILM_ZIP", str(tmp_path / "missing.zip"))
    with pytest.raises(ToxicityModelError, match="is not a file"):
        locate_minilm_zip()


@pytest.mark.parametrize("blob", [b"", b"\xff" * 8 + b"{}", (5).to_bytes(8, "little") + b"{bad}",
                                  (60).to_bytes(8, "little") + b'{"w": {"dtype": "F32", "shape": [4], '
                                                               b'"data_offsets": [0, 16]}}     '])
def test_malformed_safetensors_are_a_clear_error(blob: bytes) -> None:
    with pytest.raises(ToxicityModelError, match="safetensors"):
        read_safetensors(blob)


def test_int8_graph_matches_the_float32_reference(files, encoder) -> None:
    ids = [w.ids for w in encoder.windows(REAL_TEXTS)]
    int8 = encoder.embed_ids(ids)
    ref = NumpyMiniLM(files.weights, 3).forward(ids)
    ref /= np.linalg.norm(ref, axis=1, keepdims=True)
    cos = (int8 * ref).sum(1)
    assert cos.min() > 0.99, cos.min()
    assert np.allclose(np.linalg.norm(int8, axis=1), 1.0, atol=1e-5)


def test_numpy_reference_equals_transformers_bert(files) -> None:
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    config = transformers.BertConfig(vocab_size=30522, hidden_size=384, num_hidden_layers=3, num_attention_heads=12,
                                     intermediate_size=1536, hidden_act="gelu", layer_norm_eps=1e-12)
    model = transformers.BertModel(config, add_pooling_layer=False).eval()
    state = {k: torch.from_numpy(v.copy()) for k, v in files.weights.items()
             if not k.startswith(("encoder.layer.3", "encoder.layer.4", "encoder.layer.5", "pooler"))}
    model.load_state_dict(state, strict=False)
    ids = [[101, 2017, 2024, 1037, 2204, 2711, 1012, 102], [101, 7592, 102]]
    ours = NumpyMiniLM(files.weights, 3).forward(ids)
    with torch.no_grad():
        for row, window in zip(ours, ids):
            hidden = model(torch.tensor([window])).last_hidden_state[0].mean(0).numpy()
            assert np.allclose(row, hidden, atol=2e-4)


def test_onnx_writer_makes_a_model_onnxruntime_runs() -> None:
    ort = pytest.importorskip("onnxruntime")
    g = Graph("t")
    g.input("x", FLOAT, [1, "N"])
    g.output("y", FLOAT, [1, "N"])
    two = g.initializer("two", np.array([2.0], np.float32))
    g.node("Softmax", [g.node("Mul", ["x", two], ["m"])], ["y"], axis=-1)  # a negative attribute
    session = ort.InferenceSession(model_bytes(g, {"": 18}), providers=["CPUExecutionProvider"])
    x = np.array([[0.0, 1.0, 2.0]], np.float32)
    expected = np.exp(2 * x) / np.exp(2 * x).sum()
    assert np.allclose(session.run(None, {"x": x})[0], expected, atol=1e-6)


def test_windows_bound_the_cost_of_any_text(encoder) -> None:
    windows = encoder.windows(["", "hi", "word " * 20_000, "a" * 1_000_000, "💀" * 3000, "x.\n" * 30_000])
    owner = [w.text_index for w in windows]
    assert owner.count(0) == owner.count(1) == 1
    assert len(windows[0].ids) == 2  # an empty text is [CLS] [SEP]
    assert owner.count(2) == MAX_WINDOWS and all(1 <= owner.count(i) <= MAX_WINDOWS for i in (3, 4, 5))
    assert all(len(w.ids) <= WINDOW_TOKENS for w in windows)
    start = time.perf_counter()
    vecs, windows = encoder.embed_windows(["I will find you. " * 50_000])
    assert time.perf_counter() - start < 10 and len(vecs) == len(windows) == MAX_WINDOWS
    assert MAX_CHARS < 50_000


def test_short_texts_are_one_window_and_long_ones_split_at_sentences(encoder) -> None:
    assert len(encoder.windows(["You are a worthless idiot. Go away."])) == 1
    long = "We walked along the river and talked about the garden. " * 8 + "You are an idiot."
    windows = encoder.windows([long])
    assert len(windows) > 1 and windows[-1].text.endswith("You are an idiot.")
    assert all(w.text.endswith(".") for w in windows)


def test_same_embedding_alone_or_in_a_batch(encoder) -> None:
    texts = REAL_TEXTS[:12]
    together = encoder.embed(texts)
    alone = np.vstack([encoder.embed([t]) for t in texts])
    assert np.array_equal(together, alone)


def test_encoder_refuses_a_bad_layer_count(files) -> None:
    for layers in (0, 7):
        with pytest.raises(ValueError):
            MiniLMEncoder(layers, files)


@pytest.mark.parametrize("module", ["minilm_files", "onnx_proto", "encoder_graph"])
def test_docstring_examples(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"ml_backend.toxicity.{module}"))
    assert result.failed == 0 and result.attempted > 0


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_is_windowed_fast(raw: str) -> None:
    encoder = shared_encoder(3)
    start = time.perf_counter()
    windows = encoder.windows([raw])
    assert time.perf_counter() - start < 1.0
    assert 1 <= len(windows) <= MAX_WINDOWS and all(len(w.ids) <= WINDOW_TOKENS for w in windows)


@pytest.mark.parametrize("raw", ["\n" * 50_000, ". " * 25_000, "!?" * 25_000, "a. \n" * 12_500, " " * 50_000])
def test_sentence_splitting_is_linear(encoder, raw: str) -> None:
    start = time.perf_counter()
    encoder.windows([raw])
    assert time.perf_counter() - start < 1.0  # the splitter reads at most MAX_CHARS characters anyway
