"""How one guideline question is described: :class:`Kind`, :class:`Condition`, :class:`Item`.

    >>> Item("pii", "Any PII?", Kind.CHOICE, ("Yes", "No")).kind.value
    'choice'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

class Kind(str, Enum):
    """How an item is answered; ``render`` maps each kind to one Label Studio control tag."""

    CHOICE = "choice"  # Choices, single
    MULTI = "multi"  # Choices, multiple
    DROPDOWN = "dropdown"  # Choices, layout="select"
    RATING = "rating"  # Rating 1..LIKERT_MAX
    SPANS = "spans"  # Labels over a Text
    TEXT = "text"  # TextArea
    RANK = "rank"  # per-output Choices whose options are the task's $rank_options (1..K)


@dataclass(frozen=True)
class Condition:
    """Show an item only when control ``name`` has ``value`` selected."""

    name: str
    value: str


@dataclass(frozen=True)
class Item:
    """One guideline question.

    ``name`` is the control name (a base name when ``per_output``), ``question`` what the annotator reads,
    ``choices`` the stored values, ``help`` the guideline's rule in a sentence or two. ``short`` labels the item
    in the compact per-output block; ``required_message`` is what Label Studio shows when a required item is
    left empty; ``hotkeys`` maps a choice to its key (every other choice gets no hotkey).
    """

    name: str
    question: str
    kind: Kind
    choices: tuple[str, ...] = ()
    help: str = ""
    show_when: Condition | None = None
    per_output: bool = False
    required: bool = False
    choice_help: dict[str, str] = field(default_factory=dict)
    short: str = ""
    required_message: str = ""
    hotkeys: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The compact label (``short``), else the question."""
        return self.short or self.question
