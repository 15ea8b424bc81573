"""Texts -> sentence embeddings from the first layers of all-MiniLM-L6-v2, in plain numpy (no torch).

The encoder is BERT (6 layers, 384 wide, 12 heads) as shipped by sentence-transformers; we run only its first
:data:`DEFAULT_LAYERS` layers and mean-pool that layer's token states (masking padding), then L2-normalise. Why not
all six: measured on held-out sources, a head on layer 3-4 states generalises as well or better than on the final
sentence embedding (the last layers are tuned for sentence similarity, not for the words that make text rude), at
half the cost (``ml_backend/toxicity/train.py`` prints the comparison).

Text handling, before the tokenizer: :func:`~ml_backend.toxicity.text.normalise_text` (the same at training and at
prediction), then only the first :data:`MAX_CHARS` characters are read. A text longer than one window of
:data:`WINDOW_TOKENS` word pieces is cut into at most :data:`MAX_WINDOWS` windows, each embedded on its own
(:meth:`MiniLMEncoder.embed_windows`); the engine scores every window and keeps the most toxic one. Cost per text is
therefore bounded whatever its length.

Example:
    >>> enc = MiniLMEncoder()                        # doctest: +SKIP
    >>> enc.embed(["Have a nice day."]).shape         # doctest: +SKIP
    (1, 384)
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence

import numpy as np

from ml_backend.toxicity.engine import ToxicityModelError
from ml_backend.toxicity.minilm_files import MINILM_REVISION, MiniLMFiles, read_minilm
from ml_backend.toxicity.text import normalise_text

#: How many of the 6 transformer layers are run (the head reads this layer's mean-pooled states).
DEFAULT_LAYERS = 4
HIDDEN = 384
HEADS = 12
#: Word pieces per window, [CLS] and [SEP] included (the model was trained with 128).
WINDOW_TOKENS = 128
#: Windows read per text at most, and characters read per text at most (the rest is ignored).
MAX_WINDOWS = 8
MAX_CHARS = 6_000
#: Texts per forward pass (sorted by length first, so each batch pads little).
BATCH_SIZE = 16

_LN_EPS = np.float32(1e-12)


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray) -> np.ndarray:
    x = x - x.mean(-1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x)[:, None] / np.float32(x.shape[1])
    return x * (np.float32(1.0) / np.sqrt(var + _LN_EPS)) * gamma + beta


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, ``x * Phi(x)``, with erf by Abramowitz-Stegun 7.1.26 (abs error < 1.5e-7), in float32.

    |z| is capped at 9 (erf is 1 to float32 precision there) so ``exp(-z*z)`` never makes slow denormals.
    """
    z = x * np.float32(0.70710678)
    a = np.minimum(np.abs(z), np.float32(9.0))
    t = np.float32(1.0) / (np.float32(1.0) + np.float32(0.3275911) * a)
    poly = ((((np.float32(1.061405429) * t - np.float32(1.453152027)) * t + np.float32(1.421413741)) * t
             - np.float32(0.284496736)) * t + np.float32(0.254829592)) * t
    erf = np.float32(1.0) - poly * np.exp(-a * a)
    return np.float32(0.5) * x * (np.float32(1.0) + np.copysign(erf, z))


class _Layer:
    """One BERT layer's weights, transposed for ``x @ W`` and with Q, K, V fused into one matrix."""

    def __init__(self, w: dict[str, np.ndarray], i: int) -> None:
        p = f"encoder.layer.{i}."
        self.wqkv = np.ascontiguousarray(np.concatenate(
            [w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")], 0).T)
        self.bqkv = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
        self.wo = np.ascontiguousarray(w[p + "attention.output.dense.weight"].T)
        self.bo = w[p + "attention.output.dense.bias"]
        self.g1, self.b1 = w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]
        self.wi = np.ascontiguousarray(w[p + "intermediate.dense.weight"].T)
        self.bi = w[p + "intermediate.dense.bias"]
        self.wo2 = np.ascontiguousarray(w[p + "output.dense.weight"].T)
        self.bo2 = w[p + "output.dense.bias"]
        self.g2, self.b2 = w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]

    def __call__(self, x: np.ndarray, bias: np.ndarray, mask_keys: np.ndarray, batch: int, length: int
                 ) -> np.ndarray:
        dh = HIDDEN // HEADS
        qkv = (x @ self.wqkv + self.bqkv).reshape(batch, length, 3, HEADS, dh)
        q = np.ascontiguousarray(qkv[:, :, 0].transpose(0, 2, 1, 3))
        k = np.ascontiguousarray(qkv[:, :, 1].transpose(0, 2, 3, 1))
        v = np.ascontiguousarray(qkv[:, :, 2].transpose(0, 2, 1, 3))
        s = np.matmul(q, k) * np.float32(1.0 / np.sqrt(dh)) + bias
        s -= s.max(-1, keepdims=True)
        np.maximum(s, np.float32(-80.0), out=s)  # exp underflows to exactly 0 instead of slow denormals
        np.exp(s, out=s)
        s *= mask_keys
        s /= s.sum(-1, keepdims=True)
        ctx = np.matmul(s, v).transpose(0, 2, 1, 3).reshape(batch * length, HIDDEN)
        x = _layer_norm(x + ctx @ self.wo + self.bo, self.g1, self.b1)
        h = _gelu(x @ self.wi + self.bi)
        return _layer_norm(x + h @ self.wo2 + self.bo2, self.g2, self.b2)


class MiniLMEncoder:
    """all-MiniLM-L6-v2's first ``layers`` layers, mean-pooled: texts -> unit vectors of 384 floats.

    Args:
        layers: transformer layers to run (1..6); the head must have been trained on the same layer.
        files: the verified model files (default: :func:`~ml_backend.toxicity.minilm_files.read_minilm`).

    Attributes:
        version: names the weights' revision and the layer, e.g. ``"minilm-l6-v2@1110a24.L4"``.
    """

    def __init__(self, layers: int = DEFAULT_LAYERS, files: MiniLMFiles | None = None) -> None:
        if not 1 <= layers <= 6:
            raise ValueError(f"layers must be 1..6, got {layers}")
        from tokenizers import Tokenizer  # a small Rust wheel; imported here so the package imports without it

        files = files or read_minilm()
        w = files.weights
        try:
            self._tok = Tokenizer.from_str(files.tokenizer_json)
            self._word = w["embeddings.word_embeddings.weight"]
            self._pos = w["embeddings.position_embeddings.weight"]
            self._type0 = w["embeddings.token_type_embeddings.weight"][0]
            self._eln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
            self._layers = [_Layer(w, i) for i in range(layers)]
        except (KeyError, ValueError, Exception) as exc:  # noqa: BLE001 - any malformed file is the same problem
            raise ToxicityModelError(f"cannot build the MiniLM encoder: {type(exc).__name__}: {exc}") from exc
        self._tok.no_padding()
        self._tok.no_truncation()
        vocab = json.loads(files.tokenizer_json)["model"]["vocab"]
        self._cls, self._sep = vocab["[CLS]"], vocab["[SEP]"]
        self._lock = threading.Lock()  # the tokenizer object is not documented as thread-safe
        self.layers = layers
        self.version = f"minilm-l6-v2@{MINILM_REVISION[:7]}.L{layers}"

    def windows(self, texts: Sequence[str]) -> tuple[list[list[int]], list[int]]:
        """Word-piece id windows for ``texts`` and, per window, the index of its text (every text has >= 1).

        >>> enc = MiniLMEncoder()                      # doctest: +SKIP
        >>> enc.windows(["hi", ""])[1]                 # doctest: +SKIP
        [0, 1]
        """
        prepared = [normalise_text(t[:MAX_CHARS]) for t in texts]
        with self._lock:
            encoded = self._tok.encode_batch(prepared, add_special_tokens=False)
        body = WINDOW_TOKENS - 2
        ids: list[list[int]] = []
        owner: list[int] = []
        for i, enc in enumerate(encoded):
            pieces = enc.ids[:body * MAX_WINDOWS]
            for start in range(0, max(len(pieces), 1), body):
                ids.append([self._cls, *pieces[start:start + body], self._sep])
                owner.append(i)
        return ids, owner

    def embed_ids(self, ids: Sequence[Sequence[int]], batch_size: int = BATCH_SIZE) -> np.ndarray:
        """Unit-length mean-pooled states for each id window (shape ``(len(ids), 384)``)."""
        out = np.zeros((len(ids), HIDDEN), np.float32)
        order = np.argsort([len(x) for x in ids], kind="stable")
        for start in range(0, len(ids), batch_size):
            idx = order[start:start + batch_size]
            out[idx] = self._forward([ids[j] for j in idx])
        return out

    def embed_windows(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(embeddings of every window, index of each window's text)."""
        ids, owner = self.windows(texts)
        return self.embed_ids(ids), np.asarray(owner, dtype=np.int64)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One embedding per text: the mean of its windows' embeddings, re-normalised (for training and analysis)."""
        vecs, owner = self.embed_windows(texts)
        out = np.zeros((len(texts), HIDDEN), np.float32)
        np.add.at(out, owner, vecs)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), np.float32(1e-12))

    def _forward(self, batch_ids: list[Sequence[int]]) -> np.ndarray:
        batch, length = len(batch_ids), max(len(x) for x in batch_ids)
        ids = np.zeros((batch, length), np.int64)
        mask = np.zeros((batch, length), np.float32)
        for r, x in enumerate(batch_ids):
            ids[r, :len(x)] = x
            mask[r, :len(x)] = 1.0
        x = (self._word[ids] + self._pos[:length][None] + self._type0).reshape(batch * length, HIDDEN)
        x = _layer_norm(x, *self._eln)
        bias = ((np.float32(1.0) - mask) * np.float32(-1e4))[:, None, None, :]
        mask_keys = mask[:, None, None, :]  # padding gets exactly zero attention, as if the batch held one text
        for layer in self._layers:
            x = layer(x, bias, mask_keys, batch, length)
        x = x.reshape(batch, length, HIDDEN)
        pooled = np.einsum("btd,bt->bd", x, mask) / mask.sum(1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), np.float32(1e-12))
