"""Texts -> sentence embeddings from the first layers of all-MiniLM-L6-v2 (int8, onnxruntime; no torch).

The encoder is BERT (6 layers, 384 wide, 12 heads) as shipped by sentence-transformers; we run only its first
:data:`DEFAULT_LAYERS` layers and mean-pool that layer's token states, then L2-normalise. Why not all six:
measured on held-out sources, a head on layer 3-4 states generalises as well or better than one on the final
sentence embedding (the last layers are tuned for sentence similarity, not for what makes text rude), at half the
cost (see ``ml_backend/toxicity/train.py``). The graph is built in memory when the encoder loads
(:mod:`~ml_backend.toxicity.encoder_graph`: int8 weights, about 1 s) and run by onnxruntime on one thread.

Text handling, before the tokenizer: :func:`~ml_backend.toxicity.text.normalise_text` (the same at training and at
prediction), then only the first :data:`MAX_CHARS` characters are read. A text longer than one window of
:data:`WINDOW_TOKENS` word pieces is cut into at most :data:`MAX_WINDOWS` windows, each embedded on its own
(:meth:`MiniLMEncoder.windows`: whole sentences where they fit); the engine scores every window and keeps
the most toxic one, so one rude sentence in a long polite text is not averaged away. Cost per text is
therefore bounded whatever its length. Within one request each distinct window runs once
(:meth:`MiniLMEncoder.embed_ids` with a memo): a window's result depends only on its own ids.

Example:
    >>> enc = MiniLMEncoder()                        # doctest: +SKIP
    >>> enc.embed(["Have a nice day."]).shape         # doctest: +SKIP
    (1, 384)
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ml_backend.toxicity.engine import ToxicityModelError
from ml_backend.toxicity.minilm_files import MINILM_REVISION, MiniLMFiles, read_minilm
from ml_backend.toxicity.text import normalise_text

#: How many of the 6 transformer layers are run (the head reads this layer's mean-pooled states).
DEFAULT_LAYERS = 3
HIDDEN = 384
#: Word pieces per window, [CLS] and [SEP] included: the training texts are tweets and forum sentences (median 19
#: word pieces, 99% under 82), so a window is about what the head learned from.
WINDOW_TOKENS = 64
#: Windows read per text at most, and characters read per text at most (the rest is ignored).
MAX_WINDOWS = 16
MAX_CHARS = 6_000
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
#: onnxruntime threads per encoder (env ``LABELGUIDE_TOXICITY_THREADS``): 1 = one core per backend worker.
THREADS_ENV = "LABELGUIDE_TOXICITY_THREADS"
#: A per-request memo of raw pooled states by window ids (see :meth:`MiniLMEncoder.embed_ids`), and its bound.
WindowMemo = dict[tuple[int, ...], np.ndarray]
MEMO_ENTRIES = 8192


@dataclass(frozen=True)
class Window:
    """One encoder input: word-piece ids ([CLS] ... [SEP]) of a run of sentences of text ``text_index``."""

    text_index: int
    ids: list[int]
    text: str


def _threads() -> int:
    try:
        return max(1, int(os.environ.get(THREADS_ENV, "1")))
    except ValueError:
        return 1


class MiniLMEncoder:
    """all-MiniLM-L6-v2's first ``layers`` layers, mean-pooled: texts -> unit vectors of 384 floats.

    Args:
        layers: transformer layers to run (1..6); a head must be used with the encoder it was trained on.
        files: the verified model files (default: :func:`~ml_backend.toxicity.minilm_files.read_minilm`).

    Attributes:
        version: names the weights' revision, the layer and the arithmetic, e.g.
            ``"minilm-l6-v2@1110a24.L3.int8.w64"`` (a head records it as the encoder it was trained on).
    """

    def __init__(self, layers: int = DEFAULT_LAYERS, files: MiniLMFiles | None = None) -> None:
        if not 1 <= layers <= 6:
            raise ValueError(f"layers must be 1..6, got {layers}")
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - both are dependencies
            raise ToxicityModelError(f"the toxicity encoder needs onnxruntime and tokenizers: {exc}") from exc
        from ml_backend.toxicity.encoder_graph import build_encoder_graph

        files = files or read_minilm(layers=layers)
        try:
            self._tok = Tokenizer.from_str(files.tokenizer_json)
            vocab = json.loads(files.tokenizer_json)["model"]["vocab"]
            self._cls, self._sep = vocab["[CLS]"], vocab["[SEP]"]
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = _threads()
            options.inter_op_num_threads = 1
            options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
            options.log_severity_level = 3
            self._session = onnxruntime.InferenceSession(
                build_encoder_graph(files.weights, layers), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001 - any malformed file is the same problem for the caller
            raise ToxicityModelError(f"cannot build the MiniLM encoder: {type(exc).__name__}: {exc}") from exc
        self._tok.no_padding()
        self._tok.no_truncation()
        # ``encode_batch_fast`` (tokenizers >= 0.20) skips the character offsets we never read: the same ids
        self._encode_batch = getattr(self._tok, "encode_batch_fast", self._tok.encode_batch)
        self._lock = threading.Lock()  # one session run at a time: the worker's core is the limit anyway
        self._positions = np.arange(WINDOW_TOKENS, dtype=np.int64)
        self.layers = layers
        self.version = f"minilm-l6-v2@{MINILM_REVISION[:7]}.L{layers}.int8.w{WINDOW_TOKENS}"

    def windows(self, texts: Sequence[str]) -> list[Window]:
        """The windows of ``texts`` (every text has at least one, in order).

        A text is split into sentences (after ``.``, ``!``, ``?`` or a line break), consecutive sentences are
        joined while they fit in one window, and a sentence longer than a window is cut into windows of word
        pieces. A text that fits in one window is one window, exactly as at training time.
        """
        out: list[Window] = []
        body = WINDOW_TOKENS - 2
        split: list[list[str]] = []
        for text in texts:
            prepared = normalise_text(text[:MAX_CHARS])
            split.append([s for s in _SENTENCE_END.split(prepared) if s.strip()] or [prepared])
        distinct = list(dict.fromkeys(sentence for sentences in split for sentence in sentences))
        with self._lock:  # one tokenizer call for the batch's distinct sentences; ids do not depend on the batch
            encoded = self._encode_batch(distinct, add_special_tokens=False) if distinct else []
        word_pieces = {sentence: enc.ids for sentence, enc in zip(distinct, encoded)}
        for index, sentences in enumerate(split):
            pieces: list[tuple[list[int], list[str]]] = []  # (ids, sentences) being joined
            for sentence in sentences:
                ids = word_pieces[sentence]
                if pieces and len(pieces[-1][0]) + len(ids) <= body:
                    pieces[-1][0].extend(ids)
                    pieces[-1][1].append(sentence)
                    continue
                for start in range(0, max(len(ids), 1), body):
                    pieces.append((list(ids[start:start + body]), [sentence]))
            for ids, joined in pieces[:MAX_WINDOWS]:
                out.append(Window(index, [self._cls, *ids, self._sep], " ".join(joined)))
        return out

    def embed_ids(self, ids: Sequence[Sequence[int]], memo: WindowMemo | None = None) -> np.ndarray:
        """Unit-length mean-pooled states for each id window (shape ``(len(ids), 384)``), one window a run.

        A window whose ids occur twice (in ``ids``, or in ``memo`` from an earlier call) is run once: the graph's
        result depends only on the window's own ids, so the copy is the same to the bit. ``memo`` (a dict the
        caller keeps for one request, e.g. :meth:`~ml_backend.toxicity.learned.LearnedToxicityEngine.probabilities_both`)
        receives the new windows' raw pooled states, up to :data:`MEMO_ENTRIES`.

        >>> enc = MiniLMEncoder()                                       # doctest: +SKIP
        >>> memo = {}
        >>> a = enc.embed_ids([[101, 7592, 102], [101, 7592, 102]], memo)   # doctest: +SKIP
        >>> len(memo), bool((a[0] == a[1]).all())                       # doctest: +SKIP
        (1, True)
        """
        memo = {} if memo is None else memo
        keys = [tuple(window) for window in ids]
        fresh: dict[tuple[int, ...], np.ndarray] = {}
        with self._lock:
            for key in keys:
                if key in memo or key in fresh:
                    continue
                arr = np.asarray(key, dtype=np.int64)[None, :]
                feed = {"input_ids": arr, "positions": self._positions[:arr.shape[1]]}
                fresh[key] = self._session.run(None, feed)[0][0]
        out = np.zeros((len(ids), HIDDEN), np.float32)
        for i, key in enumerate(keys):
            out[i] = fresh[key] if key in fresh else memo[key]
        for key, vec in fresh.items():
            if len(memo) >= MEMO_ENTRIES:
                break
            memo[key] = vec
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), np.float32(1e-12))

    def embed_windows(self, texts: Sequence[str]) -> tuple[np.ndarray, list[Window]]:
        """(embeddings of every window, the windows)."""
        windows = self.windows(texts)
        return self.embed_ids([w.ids for w in windows]), windows

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One embedding per text: the mean of its windows' embeddings, re-normalised (for training and analysis)."""
        vecs, windows = self.embed_windows(texts)
        owner = np.asarray([w.text_index for w in windows], dtype=np.int64)
        out = np.zeros((len(texts), HIDDEN), np.float32)
        np.add.at(out, owner, vecs)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), np.float32(1e-12))
