"""Token lengths of an export, counted as TRL counts them, and how many pairs a ``max_length`` would drop.

TRL's ``RewardTrainer`` (1.x) tokenizes each side of a pair as ``prompt + answer + eos`` (``tokenizer(text=...)``,
special tokens included), or, for conversational data, applies the tokenizer's chat template to the prompt
messages followed by the answer; it then DROPS every pair whose chosen or rejected sequence is longer than
``max_length`` (default 1024), silently. ``DPOTrainer`` truncates the same sequences instead. This module counts
the same sequences with a local tokenizer (no hub), so the loss is known before training:

    counter = TokenCounter(load_tokenizer("my-tokenizer/"), max_length=1024)
    for ranked in iter_ranked_tasks(tasks):
        counter.add(ranked, category="Generation")
    counter.result()["pairs_over_max_length"]

The chat template is used when the tokenizer has one (``mode="chat"``), plain concatenation otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from exporters.errors import ExportError

TRL_DEFAULT_MAX_LENGTH = 1024


def load_tokenizer(path: str | Path) -> Any:
    """A tokenizer from a local directory (saved with ``save_pretrained``), never from a hub.

    Raises:
        ExportError: no such directory, transformers missing, or the directory holds no tokenizer.
    """
    path = Path(path)
    if not path.is_dir():
        raise ExportError(f"--tokenizer {path}: not a directory (give a tokenizer saved with save_pretrained)")
    try:
        from transformers import AutoTokenizer
    except ImportError as exc:  # pragma: no cover - the hub extra installs transformers
        raise ExportError("token lengths need transformers (pip install 'labelguide[hub]')") from exc
    try:
        return AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    except Exception as exc:  # noqa: BLE001 - transformers raises OSError, ValueError ... for a bad directory
        raise ExportError(f"--tokenizer {path}: cannot load a tokenizer from it ({type(exc).__name__})") from None


def _summary(values: list[int]) -> dict[str, Any]:
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    n = len(ordered)
    return {"n": n, "mean": round(sum(ordered) / n, 1), "median": ordered[n // 2],
            "p90": ordered[min(n - 1, int(0.9 * n))], "p99": ordered[min(n - 1, int(0.99 * n))], "max": ordered[-1]}


class TokenCounter:
    """Accumulates token lengths of rankings and the pairs over ``max_length``.

    Args:
        tokenizer: a ``transformers`` tokenizer (see :func:`load_tokenizer`).
        max_length: TRL's ``max_length``.
        chat: use the chat template (default: when the tokenizer has one).
    """

    def __init__(self, tokenizer: Any, max_length: int = TRL_DEFAULT_MAX_LENGTH, chat: bool | None = None) -> None:
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.chat = bool(getattr(tokenizer, "chat_template", None)) if chat is None else chat
        self.eos = getattr(tokenizer, "eos_token", None) or ""
        self.prompt_lengths: list[int] = []
        self.answer_lengths: list[int] = []
        self.sequence_lengths: list[int] = []
        self.pairs = 0
        self.over = 0
        self.by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # [pairs, over]

    def _plain(self, prompt: str, answers: list[str]) -> tuple[int, list[int], list[int]]:
        tok, eos = self.tokenizer, self.eos
        texts = [prompt, *answers]
        texts += [prompt + a + (eos if not a.endswith(eos) else "") for a in answers]
        ids = tok(text=texts)["input_ids"]
        n = len(answers)
        return len(ids[0]), [len(x) for x in ids[1:n + 1]], [len(x) for x in ids[n + 1:]]

    def _chat(self, messages: list[dict], answers: list[str]) -> tuple[int, list[int], list[int]]:
        def n_tokens(conversation: list[dict], **kwargs: Any) -> int:
            return len(self.tokenizer.apply_chat_template(conversation, tokenize=True, return_dict=True,
                                                          **kwargs)["input_ids"])

        tok = self.tokenizer
        prompt = n_tokens(messages, add_generation_prompt=True)
        full = [n_tokens([*messages, {"role": "assistant", "content": a}]) for a in answers]
        plain = [len(x) for x in tok(text=answers, add_special_tokens=False)["input_ids"]]
        return prompt, plain, full

    def add(self, ranked: Any, category: str = "(none)") -> None:
        """Count one ranking (an :class:`exporters.pairs.RankedTask`): its prompt, its ranked outputs, and the
        untied pairs whose longer side exceeds ``max_length``."""
        outputs = [o for o, _ in ranked.ranked()]
        ranks = [r for _, r in ranked.ranked()]
        answers = [o.text for o in outputs]
        if self.chat:
            messages = [*ranked.history, {"role": "user", "content": ranked.prompt}]
            prompt, plain, full = self._chat(messages, answers)
        else:
            prompt, plain, full = self._plain(ranked.prompt, answers)
        self.prompt_lengths.append(prompt)
        self.answer_lengths.extend(plain)
        self.sequence_lengths.extend(full)
        limit, counts = self.max_length, self.by_category[category]
        for i in range(len(outputs)):
            for j in range(i + 1, len(outputs)):
                if ranks[i] == ranks[j]:
                    continue
                over = max(full[i], full[j]) > limit
                self.pairs += 1
                self.over += over
                counts[0] += 1
                counts[1] += over

    def result(self) -> dict[str, Any]:
        """The lengths (n, mean, median, p90, p99, max) and the pairs over ``max_length``, as JSON-ready data."""
        share = round(self.over / self.pairs, 4) if self.pairs else None
        return {
            "tokenizer": getattr(self.tokenizer, "name_or_path", None) and Path(self.tokenizer.name_or_path).name,
            "mode": "chat template" if self.chat else "prompt + answer + eos",
            "max_length": self.max_length,
            "prompt_tokens": _summary(self.prompt_lengths),
            "answer_tokens": _summary(self.answer_lengths),
            "sequence_tokens": _summary(self.sequence_lengths),
            "pairs": self.pairs,
            "pairs_over_max_length": self.over,
            "share_over_max_length": share,
            "by_category": {c: {"pairs": p, "over_max_length": o} for c, (p, o) in sorted(self.by_category.items())},
        }
