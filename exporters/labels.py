"""Every guideline answer as flat records, one column per guideline item, ready for ``pandas``.

Rows follow the interface (named, or detected from the first annotated task's control names):

- interfaces with per-output questions or a ranking (``comparison``, ``ranking``, ``screening``): one row per
  annotation and output, with ``output_index``, ``output_id``, ``model``, ``output``, ``rank`` (1 = best, None
  when unranked) and a column per output item (``likert``, ``fails_task``, ``sexual`` ...); prompt-level items
  (e.g. the screening's self-assessment) repeat on each output row;
- the others (``instruction``, ``toxicity``, ``demonstration``, ``prompt_writing``, ``survey``): one row per
  annotation, a column per item.

Values: a single choice as its string (numeric scales such as toxicity ``0/1/2`` and relative toxicity
``-1/0/1`` as ints), several choices as a list, a rating as a number, a text as a string, PII spans as a list of
``{"start", "end", "text", "label"}``. Cancelled annotations are skipped and counted. Answers the annotator was
not asked are blanked and counted in the report's notes: a PII sub-flag under PII = No, and PII spans under
PII = No (a pre-annotated span the annotator left in place when answering No).

The survey is anonymous: its rows carry no ``annotator`` and no ``annotation_id`` (Label Studio's own export
keeps ``completed_by``; share this one). Only when the user asks to join answers across exports does
``survey_salt`` put a salted one-way id in ``annotator`` (:func:`anonymous_id`).

    >>> task = {"id": 2, "data": {"prompt": "Is Jo Bloggs ok?"}, "annotations": [{"id": 9, "completed_by": 1,
    ...     "result": [{"from_name": "pii", "type": "choices", "value": {"choices": ["Yes"]}},
    ...                {"from_name": "pii_spans", "type": "labels", "value": {"start": 3, "end": 12,
    ...                 "text": "Jo Bloggs", "labels": ["Name"]}}]}]}
    >>> row = next(iter_label_rows([task], interface="instruction"))
    >>> row["pii"], row["pii_spans"], row["category"]
    ('Yes', [{'start': 3, 'end': 12, 'text': 'Jo Bloggs', 'label': 'Name'}], None)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from label_config import taxonomy as T

from exporters.encode import BadText
from exporters.errors import BadInput, ExportError
from exporters.rankings import PAIRWISE_TYPE, find_ranking_result, parse_ranking_result
from exporters.report import RunReport
from exporters.walk import UNFORESEEN, annotated_tasks, is_int64, unforeseen
from exporters.writers import RecordWriter
from exporters.tasks import (
    annotator_id,
    choice_value,
    is_cancelled,
    is_ground_truth,
    output_index,
    rating_value,
    result_value,
    results,
    task_annotations,
    task_data,
    task_id,
    task_outputs,
    task_split,
    text_value,
)

if TYPE_CHECKING:
    import pyarrow as pa

AUTO = "auto"
DETECT_LIMIT = 10_000  # tasks buffered at most while looking for the first annotated one

def _numeric(item: T.Item) -> bool:
    return bool(item.choices) and all(c.lstrip("-").isdigit() for c in item.choices)


def _per_row_layout(iface: T.Interface) -> bool:
    return iface.has_ranking or any(it.per_output for it in iface.items)


def _prompt_items(iface: T.Interface) -> list[T.Item]:
    return [it for it in iface.items if not it.per_output]


def _output_items(iface: T.Interface) -> list[T.Item]:
    return [it for it in iface.items if it.per_output]


def _object_fields(iface: T.Interface) -> list[str]:
    """Task text fields copied into each row (the prompt, a toxicity continuation ...)."""
    return [f for f in iface.data_fields if f not in (T.OUTPUTS, T.EXAMPLES, T.RANK_OPTIONS)]


ANONYMOUS = (T.SURVEY,)  # interfaces whose rows never name the annotator


def anonymous_id(user: Any, salt: str) -> str | None:
    """A salted one-way id of a Label Studio user: the same user and salt give the same id; without the salt
    the user cannot be recovered from it. None for no user.

    >>> anonymous_id(3, "s3cret") == anonymous_id(3, "s3cret") != anonymous_id(4, "s3cret")
    True
    >>> len(anonymous_id(3, "s3cret"))
    16
    """
    if not salt:
        raise ValueError("the salt of an anonymous id must not be empty")
    if user is None:
        return None
    return hashlib.sha256(f"{salt}\x00{user}".encode()).hexdigest()[:16]


def label_columns(interface: str) -> list[str]:
    """The columns of interface ``interface``'s rows, in order.

    >>> label_columns("toxicity")[-4:]
    ['toxicity_input', 'toxicity_output', 'relative_toxicity', 'continuity']
    >>> cols = label_columns("comparison")
    >>> cols[cols.index("output_index"):cols.index("output_index") + 6]
    ['output_index', 'output_id', 'model', 'output', 'rank', 'likert']
    """
    iface = T.interface(interface)
    cols = ["task_id", "annotation_id", "annotator", "ground_truth", "split", *_object_fields(iface)]
    cols += [it.name for it in _prompt_items(iface)]
    if _per_row_layout(iface):
        cols += ["output_index", "output_id", "model", "output", "rank"]
        cols += [it.name for it in _output_items(iface)]
    return cols


def _item_type(item: T.Item) -> pa.DataType:
    import pyarrow as pa

    if item.kind in (T.Kind.CHOICE, T.Kind.DROPDOWN):
        return pa.int64() if _numeric(item) else pa.string()
    if item.kind == T.Kind.MULTI:
        return pa.list_(pa.string())
    if item.kind == T.Kind.RATING:
        return pa.float64()
    if item.kind == T.Kind.SPANS:
        return pa.list_(pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()),
                                   ("label", pa.string())]))
    return pa.string()


def label_schema(interface: str) -> pa.Schema:
    """The Parquet schema of interface ``interface``'s rows."""
    import pyarrow as pa

    iface = T.interface(interface)
    annotator = pa.string() if interface in ANONYMOUS else pa.int64()  # a salted id, or null
    fields = [("task_id", pa.int64()), ("annotation_id", pa.int64()), ("annotator", annotator),
              ("ground_truth", pa.bool_()), ("split", pa.string())]
    fields += [(f, pa.string()) for f in _object_fields(iface)]
    fields += [(it.name, _item_type(it)) for it in _prompt_items(iface)]
    if _per_row_layout(iface):
        fields += [("output_index", pa.int64()), ("output_id", pa.string()), ("model", pa.string()),
                   ("output", pa.string()), ("rank", pa.int64())]
        fields += [(it.name, _item_type(it)) for it in _output_items(iface)]
    return pa.schema(fields)


def detect_interface(annotation: dict) -> str:
    """The interface whose control names best match an annotation's results (fewest items on a tie).

    >>> detect_interface({"result": [{"from_name": "likert_0"}, {"from_name": "ranking"}]})
    'comparison'
    >>> detect_interface({"result": [{"from_name": "toxicity_input"}]})
    'toxicity'
    """
    names = {str(r.get("from_name", "")) for r in results(annotation)}

    def score(iface: T.Interface) -> tuple[int, int]:
        hits = 0
        for item in iface.items:
            if item.per_output:
                hits += any(output_index(n, item.name) is not None for n in names)
            else:
                hits += item.name in names
        hits += iface.has_ranking and (T.RANKING in names
                                       or any(T.output_index(n, T.OUTPUT_RANK) is not None for n in names))
        return hits, -len(iface.items)

    return max(T.INTERFACES.values(), key=score).name


def _int_or_none(value: Any) -> int | None:
    return value if is_int64(value) else None


def _value(item: T.Item, found: list[dict]) -> Any:
    """The answer to ``item`` in its results, typed as :func:`label_schema` says (anything else: None)."""
    if not found:
        return None
    if item.kind == T.Kind.SPANS:
        spans = []
        for r in found:
            v = result_value(r)
            labels = v.get("labels")
            text = v.get("text")
            for label in labels if isinstance(labels, list) else []:
                spans.append({"start": _int_or_none(v.get("start")), "end": _int_or_none(v.get("end")),
                              "text": text if isinstance(text, str) else None, "label": str(label)})
        return spans
    if item.kind in (T.Kind.CHOICE, T.Kind.DROPDOWN, T.Kind.MULTI):
        choices = choice_value(found[-1])
        if not choices:
            return None
        if item.kind == T.Kind.MULTI:
            return choices
        if _numeric(item):
            return int(choices[0]) if choices[0].lstrip("-").isdigit() and len(choices[0]) < 19 else None
        return choices[0]
    if item.kind == T.Kind.RATING:
        return rating_value(found[-1])
    if item.kind == T.Kind.TEXT:
        return text_value(found[-1])
    return None


def drop_hidden_answers(iface: T.Interface, row: dict[str, Any], report: RunReport | None = None) -> None:
    """Blank, in ``row``, the answers the annotator was not asked: an item whose ``show_when`` is not met (a
    sub-flag answered before PII was switched to No), and PII spans under PII = No (a pre-annotation left in
    place). Each is counted in ``report.notes``.

        >>> row = {T.PII: T.NO, T.PII_CERTAIN: T.YES, T.PII_SPANS: [{"start": 0, "end": 2, "text": "Jo",
        ...        "label": "Name"}]}
        >>> drop_hidden_answers(T.interface(T.INSTRUCTION), row); row[T.PII_CERTAIN], row[T.PII_SPANS]
        (None, [])
    """
    for item in _prompt_items(iface):
        cond = item.show_when
        if cond is not None and row.get(item.name) is not None and row.get(cond.name) != cond.value:
            row[item.name] = None
            if report is not None:
                report.note("hidden answers dropped")
    if row.get(T.PII) == T.NO and row.get(T.PII_SPANS):
        if report is not None:
            report.note("PII spans dropped: PII = No", len(row[T.PII_SPANS]))
        row[T.PII_SPANS] = []


def annotation_rows(task: dict, annotation: dict, interface: str, survey_salt: str | None = None,
                    report: RunReport | None = None) -> list[dict[str, Any]]:
    """The rows of one annotation (see the module doc for the layout; ``survey_salt``: see the module doc).

    Answers the annotator was not asked are blanked (:func:`drop_hidden_answers`) and counted in ``report``.

    Raises:
        BadInput: a per-output interface's task has bad outputs, or its ranking is bad.
    """
    iface = T.interface(interface)
    by_name: dict[str, list[dict]] = {}
    for r in results(annotation):
        by_name.setdefault(str(r.get("from_name", "")), []).append(r)
    data = task_data(task)
    base = {"task_id": task_id(task), "annotation_id": annotation.get("id"), "annotator": annotator_id(annotation),
            "ground_truth": is_ground_truth(annotation), "split": task_split(task)}
    if interface in ANONYMOUS:
        base["annotation_id"] = None
        base["annotator"] = anonymous_id(base["annotator"], survey_salt) if survey_salt else None
    base.update({f: data.get(f) if isinstance(data.get(f), str) else None for f in _object_fields(iface)})
    base.update({it.name: _value(it, by_name.get(it.name, [])) for it in _prompt_items(iface)})
    drop_hidden_answers(iface, base, report)
    if not _per_row_layout(iface):
        return [base]
    outputs = task_outputs(task)
    ranks: dict[str, float] = {}
    ranking = find_ranking_result(results(annotation)) if iface.has_ranking else None
    if ranking is not None and ranking.get("type") != PAIRWISE_TYPE:
        ranks = parse_ranking_result(ranking, [o.id for o in outputs]).ranks
    rows = []
    for out in outputs:
        row = dict(base, output_index=out.index, output_id=out.id, model=out.model, output=out.text,
                   rank=ranks.get(out.id))
        for it in _output_items(iface):
            row[it.name] = _value(it, by_name.get(T.output_control(it.name, out.index), []))
        rows.append(row)
    return rows


def _first_annotated(tasks: Iterator[Any]) -> tuple[list[Any], dict | None]:
    buffered: list[Any] = []
    for task in tasks:
        buffered.append(task)
        if isinstance(task, dict):
            live = [a for a in task_annotations(task) if isinstance(a, dict) and not is_cancelled(a) and results(a)]
            if live:
                return buffered, live[0]
        if len(buffered) >= DETECT_LIMIT:
            break
    return buffered, None


def resolve_interface(tasks: Iterable[Any], interface: str = AUTO) -> tuple[str, Iterator[Any]]:
    """``(interface, tasks)``: the interface named, or detected from the first annotated task (looking at most
    :data:`DETECT_LIMIT` tasks ahead), and the same task stream, unconsumed."""
    stream = iter(tasks)
    if interface != AUTO:
        T.interface(interface)  # KeyError names the known ones
        return interface, stream
    buffered, annotation = _first_annotated(stream)
    detected = detect_interface(annotation) if annotation is not None else T.INSTRUCTION
    return detected, chain(buffered, stream)


def iter_annotation_rows(tasks: Iterable[Any], interface: str = AUTO, report: RunReport | None = None,
                         since: Any = None, survey_salt: str | None = None) -> Iterator[list[dict]]:
    """The label rows of each usable annotation, one list per annotation (see :func:`iter_label_rows`)."""
    report = report if report is not None else RunReport()
    interface, stream = resolve_interface(tasks, interface)
    for task, kept in annotated_tasks(stream, report, since):
        used = 0
        for annotation in kept:
            if is_cancelled(annotation):
                report.skip_annotation("cancelled")
                continue
            try:
                rows = annotation_rows(task, annotation, interface, survey_salt, report)
            except BadInput as exc:
                report.problem(exc.with_task(task_id(task)))
                report.skip_annotation(exc.kind)
                continue
            except UNFORESEEN as exc:
                report.problem(unforeseen(exc, "annotation").with_task(task_id(task)))
                report.skip_annotation("malformed annotation")
                continue
            used += 1
            report.annotations_used += 1
            yield rows
        if used:
            report.tasks_used += 1
        else:
            report.skip_task("no usable annotation")


def iter_label_rows(tasks: Iterable[Any], interface: str = AUTO, report: RunReport | None = None,
                    survey_salt: str | None = None) -> Iterator[dict]:
    """Flat label rows of a task stream; cancelled annotations and bad input are counted in ``report``."""
    for rows in iter_annotation_rows(tasks, interface, report, survey_salt=survey_salt):
        yield from rows


def write_labels(tasks: Iterable[Any], output: str | Path, interface: str = AUTO, parquet: bool = False,
                 split_files: bool = False, report: RunReport | None = None, since: Any = None,
                 survey_salt: str | None = None) -> RunReport:
    """Write the flat label rows of a task stream (JSONL or Parquet).

    Args:
        tasks: exported tasks.
        output: the output file.
        interface: an interface name of ``label_config.taxonomy``, or ``auto``.
        parquet, split_files: see :class:`exporters.formats.RecordWriter`.
        report: the report to count into.
        since: an export state (:mod:`exporters.state`, ``--since``): only new or changed annotations.
        survey_salt: survey rows only: put a salted one-way id of the annotator in ``annotator`` (to join
            answers across exports); without it survey rows name nobody.

    Returns:
        The run report (``details`` names the interface used).
    """
    report = report if report is not None else RunReport()
    try:
        interface, stream = resolve_interface(tasks, interface)
    except KeyError as exc:
        raise ExportError(str(exc.args[0])) from exc
    report.details["interface"] = interface
    with RecordWriter(Path(output), label_schema(interface) if parquet else None, split_files) as writer:
        for rows in iter_annotation_rows(stream, interface, report, since, survey_salt):
            try:
                writer.write_many(rows, rows[0]["split"] if rows else None)
            except BadText as exc:
                report.annotations_used -= 1
                report.skip_annotation("bad text")
                report.problem(BadInput(str(exc), rows[0]["task_id"], "bad text"))
                continue
            report.records += len(rows)
    report.files.update(writer.counts)
    if since is not None:
        since.save()
    return report
