"""Keep only what Label Studio's own prediction check accepts (``PREDICTION_CHECK=sdk``, the default).

Label Studio 1.23.2 can validate every stored prediction against the project's config (feature flag
``fflag_feat_utc_210_prediction_validation_15082025``): ``label_studio_sdk.label_interface.LabelInterface
.validate_prediction``, and ONE invalid prediction fails the whole Retrieve with a 400. The SDK does not expand a
``Repeater``: the config's control is named ``inappropriate_{{idx}}``, so a region for ``inappropriate_1`` (the
name the labeling screen really uses) is "not found in configuration". The backend runs the same check on each
region before answering and drops the regions it refuses, so the rest of the prediction (and every other task of
the request) still arrives. ``PREDICTION_CHECK=off`` sends everything, for a Label Studio without the flag.

    >>> from label_config.render import render_config
    >>> check = check_for(render_config("comparison", k=2))
    >>> ok = {"from_name": "pii", "to_name": "prompt", "type": "choices", "value": {"choices": ["No"]}}
    >>> repeated = {"from_name": "inappropriate_1", "to_name": "output_1", "type": "choices",
    ...             "value": {"choices": ["Yes"]}}
    >>> kept, dropped = check.keep([ok, repeated])
    >>> [r["from_name"] for r in kept], dropped
    (['pii'], ['inappropriate_1'])
"""

from __future__ import annotations

import logging
from typing import Any

from ml_backend.bounded_cache import ByteLRU

log = logging.getLogger(__name__)


class PredictionCheck:
    """The SDK's prediction validation for one config (parsed once)."""

    def __init__(self, xml: str) -> None:
        from label_studio_sdk.label_interface import LabelInterface

        self._li = LabelInterface(xml)

    def keep(self, result: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
        """``(regions the check accepts, from_names of the ones it refuses)``; never raises."""
        kept, dropped = [], []
        for index, region in enumerate(result):
            try:
                errors = self._li.validate_region(region, return_errors=True, region_index=index,
                                                  context={"result": result, "region": region})
            except Exception:  # the SDK's own fault: treat the region as refused, the rest goes on
                errors = ["validation failed"]
            if errors:
                dropped.append(str(region.get("from_name", "?")))
            else:
                kept.append(region)
        if kept:
            try:
                whole = self._li.validate_prediction({"result": kept}, return_errors=True)
            except Exception:
                whole = ["validation failed"]
            if whole:  # regions valid one by one but not together: send nothing rather than fail the Retrieve
                dropped += [str(r.get("from_name", "?")) for r in kept]
                kept = []
        return kept, dropped


_CACHE: ByteLRU[PredictionCheck] = ByteLRU(16 * 2**20, weight=20.0)  # a LabelInterface is ~20x its XML


def configure_cache(max_bytes: int) -> None:
    """Bound this process's cache of parsed checks to about ``max_bytes``."""
    global _CACHE
    _CACHE = ByteLRU(max_bytes, weight=20.0)


def check_for(xml: str) -> PredictionCheck:
    """The check for ``xml`` (cached by its text, bounded in bytes)."""
    return _CACHE.get_or_build(xml, PredictionCheck)
