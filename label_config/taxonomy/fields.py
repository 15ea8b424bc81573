"""Task data fields, object names and the ranking's control names: the names other tools rely on.

    >>> output_control("likert", 2), bucket_rank("rank_3")
    ('likert_2', 3)
"""

from __future__ import annotations

# --------------------------------------------------------------------------------------------------
# Task data fields and object tags (the names other tools rely on; keep exactly)
# --------------------------------------------------------------------------------------------------
PROMPT = "prompt"  # Text object over task data ``$prompt``
OUTPUTS = "outputs"  # List object over ``$outputs``: items ``{"id", "title", "body"}``
CONTINUATION = "continuation"  # Text object over ``$continuation`` (toxicity)
EXAMPLES = "examples"  # few-shot (query, response) turns ``{"role", "content"}``; may be an empty list
EXAMPLE_TEXT = "example"  # per-turn Text object inside the examples Repeater: ``example_0``, ``example_1``, ...
USE_CASE = "use_case"  # Text object over ``$use_case`` (prompt writing: the waitlist use case)
OUTPUT_TEXT = "output"  # per-output Text object inside the Repeater: ``output_0``, ``output_1``, ...

# Keys of one ``$outputs`` item.
OUTPUT_ID, OUTPUT_TITLE, OUTPUT_BODY = "id", "title", "body"

# Task data keys the importers add and the exporters read (never shown to annotators).
USER_ID = "user_id"
SPLIT = "split"
SOURCE = "source"
MODELS = "models"  # {output id: model name}, kept for export, hidden from annotators
EXTERNAL_ID = "external_id"
PII_FLAG = "pii_flagged"  # set by the importer's ``--pii flag`` policy

# --------------------------------------------------------------------------------------------------
# Ranking
# --------------------------------------------------------------------------------------------------
# The ranking is asked per output: beside each output, a required choice of its rank, 1 (best) .. K (worst),
# named ``output_rank_<i>``. The options come from the task (``$rank_options``, written by the importers), so
# a task with K = 4 offers 1..4 and one with K = 9 offers 1..9; two outputs with the same rank are a tie.
OUTPUT_RANK = "output_rank"  # per-output Choices: output_rank_0, output_rank_1, ...
RANK_OPTIONS = "rank_options"  # task data: [{"value": "1", "hotkey": " "}, ...], one option per rank
K_MIN, K_MAX = 4, 9  # InstructGPT showed K = 4..9 outputs per prompt

# Older projects used one Ranker over a List, with buckets rank_1 .. rank_K; the exporters still read them.
RANKING = "ranking"  # the old Ranker over ``outputs``
BUCKET_PREFIX = "rank_"  # buckets rank_1 .. rank_K, rank_1 = best
UNSORTED_BUCKET = "_"  # where Label Studio may put items never moved

# Label Studio gives every choice without a hotkey the next free key of "1234567890qwet...", in page order.
# A hotkey of one space is bound to no key at all: this is how a config turns that automatic hotkey off.
NO_HOTKEY = " "


def rank_options(k: int) -> list[dict[str, str]]:
    """The ``$rank_options`` of a task with ``k`` outputs: ranks 1..k, automatic hotkeys off.

    >>> rank_options(2)
    [{'value': '1', 'hotkey': ' '}, {'value': '2', 'hotkey': ' '}]
    """
    if k < 1:
        raise ValueError(f"a ranking needs at least one output, got k={k}")
    return [{"value": str(rank), "hotkey": NO_HOTKEY} for rank in range(1, k + 1)]


def bucket_name(rank: int) -> str:
    """Name of the (old) Ranker bucket holding outputs of rank ``rank`` (1 = best).

    >>> bucket_name(1)
    'rank_1'
    """
    return f"{BUCKET_PREFIX}{rank}"


def bucket_rank(name: str) -> int | None:
    """Inverse of :func:`bucket_name`; None for any other bucket name.

    >>> bucket_rank("rank_3"), bucket_rank("_"), bucket_rank("rank_x")
    (3, None, None)
    """
    if not name.startswith(BUCKET_PREFIX):
        return None
    tail = name[len(BUCKET_PREFIX):]
    return int(tail) if tail.isdigit() and int(tail) > 0 else None


def output_control(base: str, idx: int) -> str:
    """Control name of a per-output item for the output at position ``idx`` (0-based)."""
    return f"{base}_{idx}"


def output_index(name: str, base: str) -> int | None:
    """Inverse of :func:`output_control`: ``("sexual_3", "sexual") -> 3``; None if ``name`` is not one.

    >>> output_index("sexual_3", "sexual"), output_index("sexual_x", "sexual"), output_index("likert_1", "sexual")
    (3, None, None)
    """
    prefix = f"{base}_"
    if not name.startswith(prefix):
        return None
    tail = name[len(prefix):]
    return int(tail) if tail.isdigit() else None


REPEATER_INDEX = "{{idx}}"  # Label Studio's Repeater placeholder (outputs)
EXAMPLE_INDEX = "{{ex}}"  # the placeholder of the few-shot examples' Repeater
