"""Demonstrations (SFT) and prompt writing."""

from __future__ import annotations

from label_config.taxonomy.instruction import CATEGORY_ITEM
from label_config.taxonomy.items import Item, Kind
from label_config.taxonomy.values import *  # noqa: F403

# --------------------------------------------------------------------------------------------------
# Demonstration (SFT) and prompt writing
# --------------------------------------------------------------------------------------------------
DEMONSTRATION = "demonstration"
PROMPT_KIND = "prompt_kind"
WRITTEN_PROMPT = "written_prompt"

DEMONSTRATION_ITEMS: tuple[Item, ...] = (
    Item(
        DEMONSTRATION,
        "Write the ideal answer to this prompt",
        Kind.TEXT,
        help="Helpful, truthful, harmless. Follow the user's intent and any explicit constraints; for a confusing "
        "instruction, ask for clarification; for a false premise, reject it; for a few-shot prompt, answer only "
        "the last query in the same format.",
        required=True,
        required_message="Write your answer to the prompt before you submit.",
    ),
    CATEGORY_ITEM,
)

PROMPT_WRITING_ITEMS: tuple[Item, ...] = (
    Item(
        PROMPT_KIND,
        "Kind of prompt",
        Kind.CHOICE,
        PROMPT_KINDS,
        "Plain: any task, for diversity. Few-shot: an instruction plus several query/response pairs. User-based: "
        "written for the use case shown. Keys: p, f, u.",
        required=True,
        choice_help=PROMPT_KIND_HELP,
        required_message="Pick the kind of prompt you wrote: plain, few-shot or user-based.",
        hotkeys={"Plain": "p", "Few-shot": "f", "User-based": "u"},
    ),
    Item(
        WRITTEN_PROMPT,
        "Write the prompt",
        Kind.TEXT,
        help="Write what a real user would send. For few-shot, write the instruction, then each pair as "
        '"Query: ..." and "Response: ..." lines, ending with a last "Query: ...".',
        required=True,
        required_message="Write the prompt before you submit.",
    ),
    CATEGORY_ITEM,
)
