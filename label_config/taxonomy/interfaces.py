"""The interfaces: which task fields each reads and which items it asks, and every item by name.

    >>> interface("comparison").has_ranking, ITEMS["pii"].choices
    (True, ('Yes', 'No'))
"""

from __future__ import annotations

from dataclasses import dataclass
from label_config.taxonomy.fields import *  # noqa: F403
from label_config.taxonomy.items import Item
from label_config.taxonomy.instruction import *  # noqa: F403
from label_config.taxonomy.labelers import *  # noqa: F403
from label_config.taxonomy.outputs import *  # noqa: F403
from label_config.taxonomy.toxicity import *  # noqa: F403
from label_config.taxonomy.writing import *  # noqa: F403

# --------------------------------------------------------------------------------------------------
# Interfaces
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Interface:
    """One Label Studio labeling interface: its name, title, the task fields it reads and its items."""

    name: str
    title: str
    description: str
    data_fields: tuple[str, ...]
    items: tuple[Item, ...]
    has_ranking: bool = False


INSTRUCTION = "instruction"
COMPARISON = "comparison"
RANKING_ONLY = "ranking"
TOXICITY = "toxicity"
DEMONSTRATION_IF = "demonstration"
PROMPT_WRITING = "prompt_writing"
SCREENING = "screening"
SURVEY = "survey"
SCREENING_REVIEW = "screening_review"

INTERFACES: dict[str, Interface] = {
    i.name: i
    for i in (
        Interface(INSTRUCTION, "Instruction metadata",
                  "Label the prompt: PII, use case, and what it asks for.", (PROMPT,), INSTRUCTION_ITEMS),
        Interface(COMPARISON, "Output comparison",
                  "Flag PII in the prompt; rate, flag and rank each output (1 = best, ties allowed).",
                  (PROMPT, OUTPUTS, RANK_OPTIONS), PII_ITEMS + OUTPUT_ITEMS, has_ranking=True),
        Interface(RANKING_ONLY, "Output ranking", "Rank every output, 1 = best, ties allowed (fast pass).",
                  (PROMPT, OUTPUTS, RANK_OPTIONS), (), has_ranking=True),
        Interface(TOXICITY, "Toxicity", "Rate the toxicity of a sentence start and its continuation.",
                  (PROMPT, CONTINUATION), TOXICITY_ITEMS),
        Interface(DEMONSTRATION_IF, "Demonstration (SFT)", "Write the ideal answer to the prompt.",
                  (PROMPT, EXAMPLES), DEMONSTRATION_ITEMS),
        Interface(PROMPT_WRITING, "Prompt writing", "Write a prompt: plain, few-shot or user-based.",
                  (USE_CASE,), PROMPT_WRITING_ITEMS),
        Interface(SCREENING, "Labeler screening",
                  "Flag sensitive speech in each output, rank the outputs, write a sensitive demonstration.",
                  (PROMPT, OUTPUTS, RANK_OPTIONS), tuple(it for it in OUTPUT_ITEMS if it.name in SENSITIVE_SPEECH_ITEMS)
                  + SCREENING_ITEMS, has_ranking=True),
        Interface(SURVEY, "Labeler survey", "Optional, anonymous: about you and about the work.",
                  ("survey",), SURVEY_ITEMS),
        Interface(SCREENING_REVIEW, "Screening review",
                  "Researchers: score a labeler's screening demonstration, 1-7.", (PROMPT, REVIEWED_TEXT),
                  REVIEW_ITEMS),
    )
}

SURVEY_OBJECT = "survey"  # Text object over ``$survey`` (the survey's intro shown to the labeler)


def interface(name: str) -> Interface:
    """The interface called ``name``; raises KeyError listing the known ones."""
    try:
        return INTERFACES[name]
    except KeyError:
        raise KeyError(f"unknown interface {name!r}; known: {', '.join(INTERFACES)}") from None


ITEMS: dict[str, Item] = {}
for _iface in INTERFACES.values():
    for _item in _iface.items:
        ITEMS.setdefault(_item.name, _item)
ITEMS[OUTPUT_RANK] = RANK_ITEM
