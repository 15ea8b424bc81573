"""Preference pairs as the records trainers read, and the writers (JSONL or Parquet, one file or one per split).

Formats (see ``docs/formats_out.md`` for which trainer reads which):

- ``trl``: TRL's standard preference format, plain strings, explicit prompt::

    >>> p = Pair(7, 3, "Say hi", [], "Hi!", "Go away.", "o1", "o0", 1, 2, 1, 2, "m1", "m0", "train")
    >>> pair_to_trl(p)["prompt"], pair_to_trl(p)["chosen"], pair_to_trl(p)["rejected"]
    ('Say hi', 'Hi!', 'Go away.')

- ``trl-chat``: TRL's conversational preference format::

    >>> pair_to_trl_chat(p)["prompt"], pair_to_trl_chat(p)["chosen"]
    ([{'role': 'user', 'content': 'Say hi'}], [{'role': 'assistant', 'content': 'Hi!'}])

- ``hh``: Anthropic HH-RLHF, field for field: only the ``chosen`` and ``rejected`` transcripts; the prompt
  transcript, both responses and the pair's metadata go to a side file line for line::

    >>> pair_to_hh(p)
    {'chosen': '\\n\\nHuman: Say hi\\n\\nAssistant: Hi!', 'rejected': '\\n\\nHuman: Say hi\\n\\nAssistant: Go away.'}

- ``openai``: OpenAI preference fine-tuning (DPO) JSONL; only OpenAI's fields, the pair's metadata goes to a
  sidecar file line for line::

    >>> pair_to_openai(p)["preferred_output"]
    [{'role': 'assistant', 'content': 'Hi!'}]

- ``grouped``: one record per ranking with the outputs best first (InstructGPT puts all pairs of one prompt in
  one batch element), see :func:`ranked_to_grouped`.

The ``trl`` and ``trl-chat`` records carry the metadata of :data:`PAIR_META` (task id, annotator, ranks,
margin, models, split, tie) in-line; ``hh`` and ``openai`` write it to a side file. No trainer these formats
feed can express a tie, so tied pairs never go into a pair file: with ``ties="keep"`` they go to a ties file of
their own (:func:`write_pairs`). The schemas are fixed (:mod:`exporters.schema`); JSON Lines are encoded by
:mod:`exporters.encode`, byte for byte what ``json.dumps`` writes of these records.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from exporters.pairs import Pair, RankedTask
from exporters.schema import PAIR_FORMATS, PAIR_META

FORMATS = PAIR_FORMATS  # the CLI and the tests read the format names and the pair metadata fields here
PAIR_META = PAIR_META

HH_HUMAN, HH_ASSISTANT = "\n\nHuman: ", "\n\nAssistant:"


# ------------------------------------------------------------------------------------------------------------
# Records
# ------------------------------------------------------------------------------------------------------------


def pair_meta(pair: Pair) -> dict[str, Any]:
    """The pair's metadata fields (:data:`PAIR_META`)."""
    return {
        "task_id": pair.task_id,
        "annotator": pair.annotator,
        "chosen_id": pair.chosen_id,
        "rejected_id": pair.rejected_id,
        "chosen_rank": pair.chosen_rank,
        "rejected_rank": pair.rejected_rank,
        "margin": pair.margin,
        "likert_margin": pair.likert_margin,
        "chosen_model": pair.chosen_model,
        "rejected_model": pair.rejected_model,
        "split": pair.split,
        "tie": pair.tie,
    }


def chat_messages(prompt: str, history: list[dict[str, str]]) -> list[dict[str, str]]:
    """The earlier turns, then the prompt as the last user message.

    >>> chat_messages("And now?", [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}])[-1]
    {'role': 'user', 'content': 'And now?'}
    """
    return [*history, {"role": "user", "content": prompt}]


def hh_prompt(prompt: str, history: list[dict[str, str]]) -> str:
    """The HH transcript up to the answer: each turn ``\\n\\nHuman: ...`` / ``\\n\\nAssistant: ...``, ending in
    ``\\n\\nAssistant:`` (a system turn is written as a Human turn: HH has no system role).

    >>> hh_prompt("Why?", [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}])
    '\\n\\nHuman: Hi\\n\\nAssistant: Hello\\n\\nHuman: Why?\\n\\nAssistant:'
    """
    parts = [(HH_ASSISTANT + " " if turn["role"] == "assistant" else HH_HUMAN) + turn["content"] for turn in history]
    return "".join(parts) + HH_HUMAN + prompt + HH_ASSISTANT


def pair_to_trl(pair: Pair) -> dict[str, Any]:
    """TRL standard preference record: ``{"prompt", "chosen", "rejected", ...meta}`` (plain strings).

    Earlier chat turns are not part of a plain prompt; use ``trl-chat``, ``hh`` or ``openai`` for chat tasks
    (the run report counts such pairs).
    """
    return {"prompt": pair.prompt, "chosen": pair.chosen, "rejected": pair.rejected, **pair_meta(pair)}


def pair_to_trl_chat(pair: Pair) -> dict[str, Any]:
    """TRL conversational preference record: the prompt as messages, each answer as one assistant message."""
    return {
        "prompt": chat_messages(pair.prompt, pair.history),
        "chosen": [{"role": "assistant", "content": pair.chosen}],
        "rejected": [{"role": "assistant", "content": pair.rejected}],
        **pair_meta(pair),
    }


def pair_to_hh(pair: Pair) -> dict[str, Any]:
    """Anthropic HH record, field for field as hh-rlhf: the ``chosen`` and ``rejected`` full transcripts
    (``prompt transcript + " " + response``), nothing else (TRL reads them with the prompt implicit).

    Example:
        >>> r = pair_to_hh(Pair(1, 2, "Hi", [], "Hello", "", "a", "b", 1, 2, 1, None, None, None, None))
        >>> r["rejected"]
        '\\n\\nHuman: Hi\\n\\nAssistant: '
    """
    prompt = hh_prompt(pair.prompt, pair.history)
    return {"chosen": f"{prompt} {pair.chosen}", "rejected": f"{prompt} {pair.rejected}"}


def pair_to_hh_meta(pair: Pair) -> dict[str, Any]:
    """The ``hh`` side-file record: the prompt transcript and both responses (``prompt + " " + response`` is the
    transcript), then the metadata.

    >>> pair_to_hh_meta(Pair(1, 2, "Hi", [], "Hello", "", "a", "b", 1, 2, 1, None, None, None, None))["prompt"]
    '\\n\\nHuman: Hi\\n\\nAssistant:'
    """
    return {"prompt": hh_prompt(pair.prompt, pair.history), "chosen_response": pair.chosen,
            "rejected_response": pair.rejected, **pair_meta(pair)}


def pair_to_openai(pair: Pair) -> dict[str, Any]:
    """OpenAI preference fine-tuning record (``input.messages``, ``preferred_output``, ``non_preferred_output``).

    Only OpenAI's fields: the metadata (:func:`pair_meta`) goes to a side file, line for line.
    """
    return {
        "input": {"messages": chat_messages(pair.prompt, pair.history), "tools": [], "parallel_tool_calls": True},
        "preferred_output": [{"role": "assistant", "content": pair.chosen}],
        "non_preferred_output": [{"role": "assistant", "content": pair.rejected}],
    }


def ranked_to_grouped(ranked: RankedTask) -> dict[str, Any]:
    """One record per ranking: the prompt and its ranked outputs best first (ties share a rank).

    Example:
        >>> from exporters.rankings import Ranking
        >>> from exporters.tasks import Output
        >>> outs = {"a": Output(0, "a", "x", "m1"), "b": Output(1, "b", "y", "m2")}
        >>> r = ranked_to_grouped(RankedTask(5, 2, "p", [], outs, Ranking({"a": 2, "b": 1}), {"b": 7}, "test"))
        >>> [(o["id"], o["rank"], o["likert"]) for o in r["outputs"]], r["n_pairs"]
        ([('b', 1, 7), ('a', 2, None)], 1)
    """
    ranked_outputs = ranked.ranked()
    return {
        "task_id": ranked.task_id,
        "annotator": ranked.annotator,
        "prompt": ranked.prompt,
        "messages": chat_messages(ranked.prompt, ranked.history),
        "outputs": [{"id": o.id, "text": o.text, "rank": rank, "model": o.model, "likert": ranked.likert.get(o.id)}
                    for o, rank in ranked_outputs],
        "unranked": list(ranked.ranking.unranked),
        "n_pairs": len(ranked_outputs) * (len(ranked_outputs) - 1) // 2 - ranked.ranking.tied_pairs(),
        "n_annotations": ranked.n_annotations,
        "split": ranked.split,
    }


PAIR_BUILDERS: dict[str, Callable[[Pair], dict[str, Any]]] = {
    "trl": pair_to_trl,
    "trl-chat": pair_to_trl_chat,
    "hh": pair_to_hh,
    "openai": pair_to_openai,
}
# The side file of the formats that keep their metadata out of the record.
SIDE_BUILDERS: dict[str, Callable[[Pair], dict[str, Any]]] = {"hh": pair_to_hh_meta, "openai": pair_meta}


def pair_to_tie(pair: Pair, fmt: str) -> dict[str, Any]:
    """The ties-file record of a tied pair: the ``trl`` layout for ``trl``, else the ``trl-chat`` layout (earlier
    turns kept), metadata in-line with ``"tie": true``."""
    return pair_to_trl(pair) if fmt == "trl" else pair_to_trl_chat(pair)

