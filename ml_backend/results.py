"""Detector output + the config's controls -> Label Studio result dicts. Pure functions: no I/O, no models.

Result shapes (what Label Studio stores as a prediction's ``result`` items)::

    {"from_name": "pii", "to_name": "prompt", "type": "choices", "value": {"choices": ["Yes"]}, "score": 0.97}
    {"id": "pii_spans_0", "from_name": "pii_spans", "to_name": "prompt", "type": "labels",
     "value": {"start": 11, "end": 17, "text": "Rubija", "labels": ["Name"]}, "score": 0.85}

A value the config does not offer (a customised config without "Yes", a label it lacks) is never emitted.

    >>> from ml_backend.config_reader import Control, TextSource
    >>> pii = Control("pii", "pii", "Choices", TextSource("prompt", ("prompt",)), ("Yes", "No"))
    >>> choice_result(pii, "Yes", 0.91234)
    {'from_name': 'pii', 'to_name': 'prompt', 'type': 'choices', 'value': {'choices': ['Yes']}, 'score': 0.9123}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from label_config import taxonomy as T
from ml_backend.config_reader import ConfigControls, Control


class _Span(Protocol):
    start: int
    end: int
    label: str
    score: float


class _Finding(Protocol):
    spans: Sequence[_Span]
    has_pii: bool
    certain: bool
    public_only: bool | None
    score: float


class _Toxicity(Protocol):
    probability: float
    level: int


def _score(value: float) -> float:
    return round(min(1.0, max(0.0, float(value))), 4)


def choice_result(control: Control, value: str, score: float) -> dict[str, Any] | None:
    """A Choices result selecting ``value``; None when the control does not offer it."""
    if not control.offers(value):
        return None
    return {
        "from_name": control.name,
        "to_name": control.to_name,
        "type": "choices",
        "value": {"choices": [value]},
        "score": _score(score),
    }


def span_result(control: Control, text: str, span: _Span, region_id: str) -> dict[str, Any] | None:
    """A Labels region over ``text[span.start:span.end]``; None for offsets outside the text or an unknown label.

    >>> from types import SimpleNamespace as NS
    >>> from ml_backend.config_reader import Control, TextSource
    >>> spans = Control("pii_spans", "pii_spans", "Labels", TextSource("prompt", ("prompt",)), ("Name",))
    >>> span_result(spans, "My name is Rubija", NS(start=11, end=17, label="Name", score=0.85), "r0")["value"]
    {'start': 11, 'end': 17, 'text': 'Rubija', 'labels': ['Name']}
    """
    start, end = int(span.start), int(span.end)
    if not (0 <= start < end <= len(text)) or not control.offers(span.label):
        return None
    return {
        "id": region_id,
        "from_name": control.name,
        "to_name": control.to_name,
        "type": "labels",
        "value": {"start": start, "end": end, "text": text[start:end], "labels": [span.label]},
        "score": _score(span.score),
    }


# A No on text the PII engine does not support fully (mostly another script or language): no better than a coin toss
UNSUPPORTED_NO_CONFIDENCE = 0.5


def pii_confidence(finding: _Finding, supported: bool = True) -> float:
    """Confidence in the Yes/No answer: the finding's score for Yes, its complement for No; a No on a text the
    engine does not support (``supported=False``) at most :data:`UNSUPPORTED_NO_CONFIDENCE`.

    >>> from types import SimpleNamespace as NS
    >>> pii_confidence(NS(has_pii=False, score=0.0)), pii_confidence(NS(has_pii=False, score=0.0), supported=False)
    (1.0, 0.5)
    """
    if finding.has_pii:
        return finding.score
    return 1.0 - finding.score if supported else min(1.0 - finding.score, UNSUPPORTED_NO_CONFIDENCE)


def pii_results(controls: ConfigControls, finding: _Finding, text: str,
                supported: bool = True) -> tuple[list[dict[str, Any]], int]:
    """Results for the instruction controls ``pii``, ``pii_certain``, ``pii_public_only``, ``pii_spans``.

    ``supported`` is False for a text the engine does not read fully (see :func:`pii_confidence`).

    ``pii_certain`` and ``pii_public_only`` are shown only when ``pii`` is Yes, so they are filled only then;
    ``pii_public_only`` only when the engine could tell. Returns ``(results, spans dropped)``: a span is
    dropped when its offsets fall outside the text or the config lacks its label.
    """
    out: list[dict[str, Any] | None] = []
    yes = finding.has_pii
    if (c := controls.get(T.PII)) is not None:
        out.append(choice_result(c, T.YES if yes else T.NO, pii_confidence(finding, supported)))
    if yes and (c := controls.get(T.PII_CERTAIN)) is not None:
        out.append(choice_result(c, T.YES if finding.certain else T.NO, finding.score))
    if yes and finding.public_only is not None and (c := controls.get(T.PII_PUBLIC_ONLY)) is not None:
        out.append(choice_result(c, T.YES if finding.public_only else T.NO, finding.score))
    dropped = 0
    if (c := controls.get(T.PII_SPANS)) is not None:
        for n, span in enumerate(finding.spans):
            region = span_result(c, text, span, f"{c.name}_{n}")
            dropped += region is None
            out.append(region)
    return [r for r in out if r is not None], dropped


def level_confidence(tox: _Toxicity) -> float:
    """Confidence in a toxicity level: the toxic probability for levels 1 and 2, its complement for level 0."""
    return tox.probability if tox.level > 0 else 1.0 - tox.probability


def toxicity_results(controls: ConfigControls, input_tox: _Toxicity | None, output_tox: _Toxicity | None,
                     relative: int | None) -> list[dict[str, Any]]:
    """Results for ``toxicity_input``, ``toxicity_output`` (levels "0"/"1"/"2") and ``relative_toxicity``.

    ``relative`` is the engine's -1/0/1 suggestion from the two levels; its score is the lower of the two
    level confidences it rests on.
    """
    out: list[dict[str, Any] | None] = []
    if input_tox is not None and (c := controls.get(T.TOXICITY_INPUT)) is not None:
        out.append(choice_result(c, str(input_tox.level), level_confidence(input_tox)))
    if output_tox is not None and (c := controls.get(T.TOXICITY_OUTPUT)) is not None:
        out.append(choice_result(c, str(output_tox.level), level_confidence(output_tox)))
    if (relative is not None and input_tox is not None and output_tox is not None
            and (c := controls.get(T.RELATIVE_TOXICITY_NAME)) is not None):
        score = min(level_confidence(input_tox), level_confidence(output_tox))
        out.append(choice_result(c, str(relative), score))
    return [r for r in out if r is not None]


CLEARLY_TOXIC = 2  # the guideline's level 2: rude, disrespectful or unreasonable


def inappropriate_result(control: Control, output_tox: _Toxicity,
                         prompt_tox: _Toxicity | None) -> dict[str, Any] | None:
    """``inappropriate_{i}`` = Yes for a clearly toxic output (level 2) after a non-toxic prompt; else nothing.

    Never No: no toxicity is no evidence that an output suits a customer assistant (it may give harmful
    advice). Nothing after a toxic prompt either: the guideline answers N/A when the prompt itself is
    unreasonable, and toxicity alone cannot tell.
    """
    if output_tox.level < CLEARLY_TOXIC or (prompt_tox is not None and prompt_tox.level > 0):
        return None
    return choice_result(control, T.YES, output_tox.probability)


def task_score(results: Sequence[dict[str, Any]]) -> float:
    """A prediction's score: the mean of its items' scores (0.0 for an empty prediction).

    >>> task_score([{"score": 0.5}, {"score": 1.0}]), task_score([])
    (0.75, 0.0)
    """
    scores = [r["score"] for r in results if "score" in r]
    return _score(sum(scores) / len(scores)) if scores else 0.0
