"""The one entry point for training: ``/webhook`` ``START_TRAINING`` and ``/train`` both end here.

NOT IMPLEMENTED YET (issue 13, item 2, a later phase): :func:`start_training` only says so. Both routes already
authenticate, parse and answer through this function, so training can be added here without touching the HTTP
layer. Label Studio 1.23.2's "Start Training" posts ``{"action": "START_TRAINING", "project": {...}}`` to
``/webhook`` through its ML API connector (with the backend's basic auth) under the default feature flags, and
``{"annotations": [...], "project": "<id>.<ts>", "label_config": ...}`` to ``/train`` with that flag off.

    >>> start_training({"action": "START_TRAINING", "project": {"id": 3}}).status
    'unavailable'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

NOT_AVAILABLE = ("training is not available yet in this version of the labelguide backend; predictions come "
                 "from its fixed detectors")


@dataclass(frozen=True)
class TrainingOutcome:
    """What a training request led to: ``status`` ("unavailable" for now) and a message for Label Studio."""

    status: str
    message: str
    job: str | None = None


def start_training(event: dict[str, Any]) -> TrainingOutcome:
    """Start training from a ``START_TRAINING`` webhook or a ``/train`` body (not implemented: see the module)."""
    return TrainingOutcome("unavailable", NOT_AVAILABLE)
