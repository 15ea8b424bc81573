"""Interactive pre-annotation of PII spans: the annotator marks one span, the backend suggests the others.

With "Interactive preannotations" on, Label Studio's labeling screen sends each region the annotator finishes
drawing as ``params.context = {"result": [<the region>]}`` (``lsf:regionFinishedDrawing`` in its frontend) and
shows the ``result`` items that come back as suggestions. For a ``labels`` region of the PII spans control this
module returns, with the same label:

- every other occurrence of the same text (an e-mail address compared without regard to case);
- for a Name, the surname alone ("Doe" after "Jane Doe"), a title before it included only as the text has it;
- with the project's learned terms (:class:`ml_backend.pii.terms.Terms`, the version that serves the project's
  ``/predict``): every occurrence of a term the team keeps marking, with its learned label; and no suggestion at
  all of a term the team keeps un-marking (what the annotator marked stays theirs);
- the PII question answered Yes (the marked span is PII), so the flag agrees with the spans.

Plain string matching on the task's text (literal patterns), no engine. Nothing already marked is suggested
again; overlapping matches keep the first found (the marked span's own occurrences, then the learned terms).

    >>> from ml_backend.config_reader import Control, TextSource
    >>> spans = Control("pii_spans", "pii_spans", "Labels", TextSource("prompt", ("prompt",)), ("Name", "Contact"))
    >>> text = "Jane Doe wrote to Mr Doe; Jane Doe again."
    >>> [(r["value"]["start"], r["value"]["text"]) for r in suggest_spans(text, [Marked(0, 8, "Name")], spans)]
    [(26, 'Jane Doe'), (21, 'Doe')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from label_config import taxonomy as T
from ml_backend import results as R
from ml_backend.config_reader import ConfigControls, Control, TaskDataError

MAX_SUGGESTIONS = 200
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "mx", "jr", "sr"}
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Marked:
    """A span the annotator marked: code-point offsets into the task's text and its label."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    label: str
    score: float


def marked_spans(context: Any, control: Control, text: str) -> list[Marked]:
    """The ``labels`` regions of ``control`` in ``context["result"]`` that fit ``text`` (others are ignored).

    >>> from ml_backend.config_reader import Control, TextSource
    >>> c = Control("pii_spans", "pii_spans", "Labels", TextSource("prompt", ("prompt",)), ("Name",))
    >>> region = {"from_name": "pii_spans", "to_name": "prompt", "type": "labels",
    ...           "value": {"start": 0, "end": 4, "text": "Jane", "labels": ["Name"]}}
    >>> marked_spans({"result": [region, {"type": "choices"}]}, c, "Jane wrote")
    [Marked(start=0, end=4, label='Name')]
    """
    regions = context.get("result") if isinstance(context, Mapping) else None
    out = []
    for region in regions if isinstance(regions, list) else []:
        if not isinstance(region, Mapping) or region.get("type") != "labels":
            continue
        if region.get("from_name") != control.name or region.get("to_name") != control.to_name:
            continue
        value = region.get("value")
        if not isinstance(value, Mapping):
            continue
        start, end, labels = value.get("start"), value.get("end"), value.get("labels")
        if not (isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool)
                and not isinstance(end, bool) and 0 <= start < end <= len(text)):
            continue
        if isinstance(labels, list) and labels and isinstance(labels[0], str) and control.offers(labels[0]):
            out.append(Marked(start, end, labels[0]))
    return out


def _variants(surface: str, label: str) -> list[tuple[str, float, bool]]:
    """``(pattern text, score, ignore case)`` to look for, the marked surface first."""
    out = [(surface, 1.0, bool(_EMAIL.match(surface)))]
    if label == "Name":
        words = [w for w in _WORD.findall(surface) if w.lower().rstrip(".") not in _TITLES]
        if len(words) >= 2 and len(words[-1]) >= 2 and words[-1][0].isupper():
            out.append((words[-1], 0.8, False))
    return out


def _occurrences(text: str, pattern: str, ignore_case: bool) -> Iterable[tuple[int, int]]:
    flags = re.IGNORECASE if ignore_case else 0
    for m in re.finditer(rf"(?<!\w){re.escape(pattern)}(?!\w)", text, flags):
        yield m.start(), m.end()


def _merged(marked: list[Marked]) -> tuple[list[int], list[int]]:
    """The marked spans as sorted disjoint intervals ``(starts, ends)``: whether a match overlaps one of them is
    one bisection, however many regions the request holds."""
    starts: list[int] = []
    ends: list[int] = []
    for m in sorted(marked, key=lambda m: m.start):
        if ends and m.start <= ends[-1]:
            ends[-1] = max(ends[-1], m.end)
        else:
            starts.append(m.start)
            ends.append(m.end)
    return starts, ends


def suggest_spans(text: str, marked: list[Marked], control: Control, terms: Any = None) -> list[dict[str, Any]]:
    """Labels regions for the other occurrences and variants of each marked span, and the occurrences of the
    learned ``terms`` (see the module doc).

    >>> from ml_backend.config_reader import Control, TextSource
    >>> from ml_backend.pii.terms import Terms
    >>> spans = Control("pii_spans", "pii_spans", "Labels", TextSource("prompt", ("prompt",)), ("Name", "Contact"))
    >>> learned = Terms(always={"zorbo": "Name"}, never={"doe"})
    >>> text = "Jane Doe asked Zorbo; Jane Doe and Doe."
    >>> [r["value"]["text"] for r in suggest_spans(text, [Marked(0, 8, "Name")], spans, learned)]
    ['Jane Doe', 'Zorbo']
    """
    marked_starts, marked_ends = _merged(marked)
    taken: list[tuple[int, int]] = []  # what is suggested so far (at most MAX_SUGGESTIONS)
    never = terms.never_spans(text) if terms is not None else []  # sorted, disjoint (one regex's matches)
    never_starts = [ns for ns, _ in never]
    found: list[_Span] = []
    surfaces: dict[tuple[str, str], None] = {}  # each marked text once, at most MAX_SUGGESTIONS of them
    for m in marked:
        surface = text[m.start:m.end].strip()
        if surface and len(surfaces) < MAX_SUGGESTIONS:
            surfaces.setdefault((surface, m.label))

    def add(start: int, end: int, label: str, score: float) -> None:
        if len(found) >= MAX_SUGGESTIONS or any(start < e and s < end for s, e in taken):
            return
        j = bisect.bisect_right(marked_ends, start)  # the first marked span ending after ``start``
        if j < len(marked_ends) and marked_starts[j] < end:
            return  # the annotator marked it (or a span overlapping it) already
        k = bisect.bisect_right(never_starts, start) - 1  # the last never span starting at or before ``start``
        if k >= 0 and end <= never[k][1]:
            return  # a term the team un-marks, or a part of one ("Polo" of "Marco Polo")
        taken.append((start, end))
        found.append(_Span(start, end, label, score))

    for surface, label in surfaces:
        for pattern, score, ignore_case in _variants(surface, label):
            for start, end in _occurrences(text, pattern, ignore_case):
                if len(found) >= MAX_SUGGESTIONS:
                    break
                add(start, end, label, score)
    if terms is not None and len(found) < MAX_SUGGESTIONS:
        from ml_backend.pii.terms import TERM_SCORE

        for start, end, label in terms.occurrences(text):
            if control.offers(label):
                add(start, end, label, TERM_SCORE)
    regions = [R.span_result(control, text, span, f"{control.name}_suggested_{i}") for i, span in enumerate(found)]
    return [r for r in regions if r is not None]


def interactive_result(controls: ConfigControls, task: Any, context: Any,
                       terms: Any = None, max_text_chars: int | None = None) -> list[dict[str, Any]] | None:
    """The suggestions for one task, or None when the context holds no span of the PII spans control;
    ``terms``: the project's learned :class:`~ml_backend.pii.terms.Terms` (None: the defaults serve it).

    Raises ``config_reader.TaskDataError`` when the task lacks the text the spans label, or its text is longer
    than ``max_text_chars`` (``MAX_TEXT_CHARS``, as for a prediction).
    """
    control = controls.get(T.PII_SPANS)
    if control is None or control.source.url or not isinstance(task, Mapping) or not isinstance(
            task.get("data"), Mapping):
        return None  # a document behind a URL: the normal prediction (which fetches it) answers instead
    text = controls.text_of(control.source, task["data"])
    if max_text_chars is not None and len(text) > max_text_chars:
        raise TaskDataError(f"field {control.source.describe()!r} holds {len(text)} characters, more than the "
                            f"limit of {max_text_chars} (MAX_TEXT_CHARS)")
    marked = marked_spans(context, control, text)
    if not marked:
        return None
    result = suggest_spans(text, marked, control, terms)
    pii = controls.get(T.PII)
    if pii is not None and pii.source == control.source:
        flag = R.choice_result(pii, T.YES, 1.0)
        if flag is not None:
            result.insert(0, flag)
    return result
