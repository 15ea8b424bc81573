"""Span-level precision / recall / F1 per PII label (overlap match), for :mod:`ml_backend.evaluate_pii`.

A predicted span is right when a gold span of the same label overlaps it; a gold span is found when a predicted
span of the same label overlaps it. Rows are the labelled-set rows (``text``, ``spans``: ``start``/``end``/``label``).

>>> from ml_backend.pii import PiiFinding, PiiSpan
>>> rows = [{"text": "call Ann Lee", "spans": [{"start": 5, "end": 12, "label": "Name"}]}]
>>> s = span_scores(rows, [PiiFinding((PiiSpan(5, 12, "Name", 0.9, True, "PERSON"),), True, True, None, 0.9)])
>>> s["Name"]["precision"], s["Name"]["recall"], s["Name"]["f1"]
(1.0, 1.0, 1.0)
"""

from __future__ import annotations

from typing import Any, Sequence

from label_config.taxonomy import PII_LABELS


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def span_scores(rows: Sequence[dict[str, Any]], findings: Sequence[Any]) -> dict[str, dict[str, float]]:
    """``{label: {"tp_pred", "pred", "found", "gold", "precision", "recall", "f1"}}`` over all rows."""
    out: dict[str, dict[str, float]] = {}
    for lab in PII_LABELS:
        pred = right = gold = found = 0
        for row, f in zip(rows, findings):
            g_spans = [g for g in row["spans"] if g["label"] == lab]
            p_spans = [p for p in f.spans if p.label == lab]
            pred += len(p_spans)
            gold += len(g_spans)
            right += sum(any(p.start < g["end"] and g["start"] < p.end for g in g_spans) for p in p_spans)
            found += sum(any(p.start < g["end"] and g["start"] < p.end for p in p_spans) for g in g_spans)
        p, r = _ratio(right, pred), _ratio(found, gold)
        f1 = 2 * p * r / (p + r) if pred and gold and (p + r) else float("nan")
        out[lab] = {"tp_pred": right, "pred": pred, "found": found, "gold": gold, "precision": p, "recall": r, "f1": f1}
    return out


def format_span_scores(scores: dict[str, dict[str, float]]) -> str:
    """One line per label: ``Name  P 0.950 (19/20)  R 0.905 (19/21)  F1 0.927``."""
    def fmt(x: float) -> str:
        return "  n/a" if x != x else f"{x:5.3f}"

    lines = ["span P / R / F1 per label (overlap, same label)"]
    for lab, s in scores.items():
        lines.append(f"  {lab:12} P {fmt(s['precision'])} ({s['tp_pred']}/{s['pred']})  "
                     f"R {fmt(s['recall'])} ({s['found']}/{s['gold']})  F1 {fmt(s['f1'])}")
    return "\n".join(lines)
