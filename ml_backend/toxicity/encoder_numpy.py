"""The MiniLM forward pass in plain float32 numpy: the reference the int8 ONNX graph is checked against.

Not used for prediction (the engine runs :mod:`~ml_backend.toxicity.encoder_graph` through onnxruntime, about 5x
faster); the tests compare the two on real text, and this file is the readable statement of what the graph
computes: BERT embeddings + layer norm, then per layer fused Q/K/V attention, residual + layer norm, exact-GELU
feed-forward, residual + layer norm; then the mean of the token states over the real (unpadded) tokens.

Example:
    >>> from ml_backend.toxicity.minilm_files import read_minilm      # doctest: +SKIP
    >>> NumpyMiniLM(read_minilm().weights, layers=3).forward([[101, 7592, 102]]).shape   # doctest: +SKIP
    (1, 384)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

HIDDEN = 384
HEADS = 12
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


class NumpyMiniLM:
    """MiniLM's first ``layers`` layers in numpy; :meth:`forward` gives mean-pooled (not normalised) states."""

    def __init__(self, weights: dict[str, np.ndarray], layers: int) -> None:
        self._word = weights["embeddings.word_embeddings.weight"]
        self._pos = weights["embeddings.position_embeddings.weight"]
        self._type0 = weights["embeddings.token_type_embeddings.weight"][0]
        self._eln = (weights["embeddings.LayerNorm.weight"], weights["embeddings.LayerNorm.bias"])
        self._layers = [_Layer(weights, i) for i in range(layers)]

    def forward(self, batch_ids: Sequence[Sequence[int]]) -> np.ndarray:
        """Mean-pooled states of the last layer run, one row per id window (padding masked out)."""
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
        return pooled
