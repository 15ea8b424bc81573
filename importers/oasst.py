"""OpenAssistant message trees -> records: one per prompter message, its assistant replies as ranked outputs.

A tree is ``{"message_tree_id", "tree_state", "prompt": {"role": "prompter", "text", "lang", "replies": [...]}}``
(the shape of the OASST exports). Filters (``--oasst-lang``, ``--oasst-tree-state``): a tree whose
``tree_state`` is not among the wanted states is skipped whole (counted ``oasst_state_skipped``); a message whose
``lang`` is not among the wanted languages is skipped with its subtree (``oasst_lang_skipped``: its replies would
carry its context). Deleted messages and their subtrees are skipped. A broken message (no text, ``replies`` not
a list, a reply that is not an object) is reported by its position in the tree, never by its content or id,
and only its subtree is lost.

    >>> from importers.records import Tally
    >>> tree = {"message_tree_id": "t1", "tree_state": "ready_for_export", "prompt": {"role": "prompter",
    ...     "text": "Q?", "lang": "en", "replies": [{"role": "assistant", "text": "A1", "rank": 1, "replies": []},
    ...     {"role": "assistant", "text": "A2", "rank": 0, "replies": "oops"}]}}
    >>> t = Tally()
    >>> [(r.prompt, len(r.outputs)) for r in oasst_records(tree, 1, "oasst", t)], [str(p) for p in t.problems]
    ([('Q?', 2)], ["line 1: OpenAssistant message 1.2 (depth 2): 'replies' is a string, expected a list"])
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from importers.containers import type_name
from importers.records import Output, Record, Tally

OASST_RANK_VERSION = "oasst-human-rank"  # model_version of predictions made from OpenAssistant human ranks
HUMAN_MODEL = "human"  # model name of an OpenAssistant reply written by a person
MAX_ID_CHARS = 256

ROLE_ALIASES = {
    "user": "user", "human": "user", "prompter": "user",
    "assistant": "assistant", "gpt": "assistant", "bot": "assistant", "model": "assistant",
    "system": "system",
}


@dataclass(frozen=True)
class OasstFilter:
    """Which trees and messages to keep; empty = all. ``langs`` compares case-insensitively (``en``, ``de``)."""

    langs: tuple[str, ...] = ()
    tree_states: tuple[str, ...] = ()

    def keeps_lang(self, msg: dict) -> bool:
        if not self.langs:
            return True
        lang = msg.get("lang")
        return isinstance(lang, str) and lang.lower() in {x.lower() for x in self.langs}


def is_oasst_tree(obj: dict) -> bool:
    """True for ``{"prompt": {"role": "prompter", "replies": ...}}``.

    >>> is_oasst_tree({"prompt": {"role": "prompter", "replies": []}}), is_oasst_tree({"prompt": "Hi"})
    (True, False)
    """
    root = obj.get("prompt")
    return isinstance(root, dict) and "replies" in root and root.get("role") == "prompter"


def _role(msg: dict) -> str:
    role = msg.get("role")
    return ROLE_ALIASES.get(role, "assistant") if isinstance(role, str) else "assistant"


def _short(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = str(value).strip()
    return text if text and len(text) <= MAX_ID_CHARS else None


def oasst_records(tree: dict, line: int, source: str, tally: Tally,
                  keep: OasstFilter = OasstFilter()) -> Iterator[Record]:
    """One record per prompter message of an OpenAssistant tree: its replies as outputs, with their ranks.

    The path from the root to a prompter message becomes the record's ``context``; the tree id is its ``group``
    (so a tree never spans two splits). Messages are named by position in reports: ``1.2.1`` is the first reply
    of the second reply of the root.

    Args:
        tree: ``{"message_tree_id", "prompt": {"role": "prompter", "text", "replies": [...]}}``.
        line: the tree's line number.
        source: the records' source.
        tally: counts ``invalid`` and the filters' skips.
        keep: the language and tree-state filters.

    Returns:
        An iterator of records, depth first.

    Example:
        >>> tree = {"message_tree_id": "t1", "prompt": {"role": "prompter", "text": "Q?", "replies": [
        ...     {"role": "assistant", "text": "A1", "rank": 1, "replies": []},
        ...     {"role": "assistant", "text": "A2", "rank": 0, "replies": []}]}}
        >>> r, = oasst_records(tree, 1, "oasst", Tally())
        >>> r.prompt, [(o.text, o.rank, o.model) for o in r.outputs], r.group
        ('Q?', [('A1', 1, 'human'), ('A2', 0, 'human')], 't1')
    """
    if keep.tree_states and tree.get("tree_state") not in keep.tree_states:
        tally.count("oasst_state_skipped")
        return
    root = tree["prompt"]
    group = _short(tree.get("message_tree_id")) or _short(root.get("message_id")) or f"line-{line}"
    stack: list[tuple[dict, list[dict[str, str]], str]] = [(root, [], "1")]
    while stack:
        msg, context, where = stack.pop()
        if msg.get("deleted"):
            continue
        depth = where.count(".") + 1
        text = msg.get("text")
        if not isinstance(text, str):
            tally.problem("invalid", line, f"OpenAssistant message {where} (depth {depth}) has no text")
            continue
        if not keep.keeps_lang(msg):
            tally.count("oasst_lang_skipped")
            continue
        raw_replies = msg.get("replies")
        if raw_replies is None:
            raw_replies = []
        if not isinstance(raw_replies, list):
            tally.problem("invalid", line, f"OpenAssistant message {where} (depth {depth}): 'replies' is "
                          f"{type_name(raw_replies)}, expected a list")
            raw_replies = []
        replies: list[tuple[dict, str]] = []
        for i, r in enumerate(raw_replies, 1):
            if not isinstance(r, dict):
                tally.problem("invalid", line, f"OpenAssistant message {where}.{i} (depth {depth + 1}) is "
                              f"{type_name(r)}, expected an object")
            elif r.get("deleted"):
                continue
            elif keep.keeps_lang(r):
                replies.append((r, f"{where}.{i}"))
            else:
                tally.count("oasst_lang_skipped")
        role = _role(msg)
        if role == "user":
            outputs = []
            for r, _ in replies:
                if _role(r) == "assistant" and isinstance(r.get("text"), str):
                    rank = r.get("rank")
                    rank = rank if isinstance(rank, int) and not isinstance(rank, bool) and 0 <= rank < 10**6 \
                        else None
                    outputs.append(Output(r["text"], model=_short(r.get("model_name")) or HUMAN_MODEL, rank=rank))
            yield Record(prompt=text, line=line, user_id=_short(msg.get("user_id")), source=source,
                         context=context, outputs=outputs, group=group,
                         rank_source=OASST_RANK_VERSION if any(o.rank is not None for o in outputs) else "")
        turn = {"role": role, "content": text}
        for reply, position in reversed(replies):  # reversed: the stack pops the first reply first
            stack.append((reply, [*context, turn], position))
