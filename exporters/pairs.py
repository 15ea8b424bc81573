"""Rankings into preference pairs, as InstructGPT trains its reward model: all K-choose-2 pairs of a ranking.

Two steps, each a generator over the task stream:

1. :func:`iter_ranked_tasks`: each completed annotation's ranking (or, with ``aggregate="mean-rank"``, one
   ranking per task from the mean rank of each output) with the prompt, outputs, Likert ratings and split.
   Cancelled annotations, annotations without a ranking, tasks without annotations and bad input are left out
   and counted in the :class:`~exporters.report.RunReport`.
2. :func:`ranking_to_pairs`: every two outputs in different rank buckets give one pair, the better one chosen.
   Tied outputs give no pair (``ties="drop"``) or a pair marked ``tie=True`` (``ties="keep"``).

    >>> from exporters.tasks import Output
    >>> outs = {o.id: o for o in (Output(0, "o0", "A"), Output(1, "o1", "B"), Output(2, "o2", "C"))}
    >>> ranked = RankedTask(7, 3, "Say hi", [], outs, Ranking({"o2": 1, "o0": 1, "o1": 2}), {}, "train")
    >>> [(p.chosen_id, p.rejected_id, p.margin) for p in ranking_to_pairs(ranked)]
    [('o0', 'o1', 1), ('o2', 'o1', 1)]
    >>> [(p.chosen_id, p.rejected_id, p.tie) for p in ranking_to_pairs(ranked, ties="keep")][0]
    ('o0', 'o2', True)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from label_config import taxonomy as T

from exporters.errors import BadInput
from exporters.rankings import PAIRWISE_TYPE, Ranking, find_ranking_result, parse_ranking_result
from exporters.report import RunReport
from exporters.walk import UNFORESEEN, counted_tasks, unforeseen
from exporters.tasks import (
    Output,
    annotator_id,
    is_cancelled,
    is_ground_truth,
    pairwise_outputs,
    per_output_ratings,
    results,
    task_annotations,
    task_history,
    task_id,
    task_outputs,
    task_prompt,
    task_split,
)

TIES = ("drop", "keep")
AGGREGATES = ("none", "mean-rank")


@dataclass(frozen=True)
class PairOptions:
    """How rankings become pairs.

    Args:
        ties: ``drop`` (no pair for tied outputs) or ``keep`` (a pair marked ``tie``).
        aggregate: ``none`` (one ranking per annotation) or ``mean-rank`` (one per task, outputs ordered by
            their mean rank over the annotations; equal means are ties).
        prefer_ground_truth: when a task has a ground-truth annotation with a ranking, use only those.
        ranker: the Ranker's name when a config has several (default: ``ranking``, else the only one).
        bucket_order: bucket names best first, for Rankers whose buckets are not ``rank_1..rank_K``.
        pairwise_fields: data fields of the left and right texts of a Pairwise tag (default: detected).
        prompt_field: the task data field holding the prompt.
    """

    ties: str = "drop"
    aggregate: str = "none"
    prefer_ground_truth: bool = False
    ranker: str | None = None
    bucket_order: tuple[str, ...] | None = None
    pairwise_fields: tuple[str, str] | None = None
    prompt_field: str = T.PROMPT

    def __post_init__(self) -> None:
        if self.ties not in TIES:
            raise ValueError(f"ties must be one of {TIES}, got {self.ties!r}")
        if self.aggregate not in AGGREGATES:
            raise ValueError(f"aggregate must be one of {AGGREGATES}, got {self.aggregate!r}")


@dataclass(slots=True)
class RankedTask:
    """One ranking of one task's outputs: an annotation's, or the mean over annotations (``annotator`` None).

    Not frozen: one is made per annotation (33,000 a run), and a frozen dataclass sets each field through
    ``object.__setattr__``; treat it as read-only."""

    task_id: Any
    annotator: Any
    prompt: str
    history: list[dict[str, str]]
    outputs: dict[str, Output]
    ranking: Ranking
    likert: dict[str, float]
    split: str | None
    n_annotations: int = 1
    ground_truth: bool = False

    def ranked(self) -> list[tuple[Output, float]]:
        """``(output, rank)`` of the ranked outputs, best first; ties in ``$outputs`` order."""
        pairs = [(self.outputs[oid], rank) for oid, rank in self.ranking.ranks.items()]
        pairs.sort(key=lambda p: (p[1], p[0].index))
        return pairs


class Pair(NamedTuple):
    """One preference pair and where it comes from. Ranks: 1 = best; ``margin`` = rejected_rank - chosen_rank;
    ``likert_margin`` = chosen Likert - rejected Likert when both outputs were rated (may be negative).

    A named tuple: a million of them are made per InstructGPT-size export, and tuples are cheap to make."""

    task_id: Any
    annotator: Any
    prompt: str
    history: list[dict[str, str]]
    chosen: str
    rejected: str
    chosen_id: str
    rejected_id: str
    chosen_rank: float
    rejected_rank: float
    margin: float
    likert_margin: float | None
    chosen_model: str | None
    rejected_model: str | None
    split: str | None
    tie: bool = False


def ranking_to_pairs(ranked: RankedTask, ties: str = "drop") -> list[Pair]:
    """All pairs of outputs in different rank buckets, the better one chosen; tied pairs only with ``keep``.

    Args:
        ranked: one ranking with its task's prompt and outputs.
        ties: ``drop`` or ``keep`` (a tied pair is marked ``tie=True``, margin 0, in ``$outputs`` order).

    Returns:
        C(n, 2) pairs for n ranked outputs, minus the tied ones unless kept, best-ranked chosen first.

    Example:
        >>> from exporters.tasks import Output
        >>> outs = {"a": Output(0, "a", "x", "m1"), "b": Output(1, "b", "y", "m2")}
        >>> p = ranking_to_pairs(RankedTask(1, 2, "p", [], outs, Ranking({"b": 1, "a": 2}), {"a": 3, "b": 6}, None))[0]
        >>> (p.chosen, p.rejected, p.chosen_rank, p.rejected_rank, p.margin, p.likert_margin, p.chosen_model)
        ('y', 'x', 1, 2, 1, 3, 'm2')
    """
    likert = ranked.likert
    items = [(o, rank, likert.get(o.id)) for o, rank in ranked.ranked()]
    keep_ties = ties == "keep"
    tid, annotator, prompt, history, split = ranked.task_id, ranked.annotator, ranked.prompt, ranked.history, ranked.split
    pairs: list[Pair] = []
    append = pairs.append
    for i, (better, r_better, l_better) in enumerate(items):
        for worse, r_worse, l_worse in items[i + 1:]:
            tie = r_better == r_worse
            if tie and not keep_ties:
                continue
            append(Pair(tid, annotator, prompt, history, better.text, worse.text, better.id, worse.id, r_better,
                        r_worse, r_worse - r_better,
                        l_better - l_worse if l_better is not None and l_worse is not None else None,
                        better.model, worse.model, split, tie))
    return pairs


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def aggregate_mean_rank(rankings: list[RankedTask]) -> RankedTask:
    """One ranking from several annotations of a task: each output's mean rank (and mean Likert).

    An output counts as ranked when at least one annotation ranked it; equal means are ties.

    Example:
        >>> from exporters.tasks import Output
        >>> outs = {k: Output(i, k, k) for i, k in enumerate("abc")}
        >>> one = RankedTask(1, 10, "p", [], outs, Ranking({"a": 1, "b": 2, "c": 3}), {}, None)
        >>> two = RankedTask(1, 11, "p", [], outs, Ranking({"b": 1, "a": 2, "c": 3}), {}, None)
        >>> agg = aggregate_mean_rank([one, two])
        >>> agg.ranking.ranks, agg.annotator, agg.n_annotations
        ({'a': 1.5, 'b': 1.5, 'c': 3.0}, None, 2)
    """
    first = rankings[0]
    ranks: dict[str, list[float]] = {}
    likert: dict[str, list[float]] = {}
    for r in rankings:
        for oid, rank in r.ranking.ranks.items():
            ranks.setdefault(oid, []).append(rank)
        for oid, rating in r.likert.items():
            likert.setdefault(oid, []).append(rating)
    mean_ranks = {oid: _mean(v) for oid, v in ranks.items()}
    unranked = tuple(oid for oid in first.outputs if oid not in mean_ranks)
    return RankedTask(first.task_id, None, first.prompt, first.history, first.outputs,
                      Ranking(mean_ranks, unranked), {oid: _mean(v) for oid, v in likert.items()}, first.split,
                      n_annotations=len(rankings))


def _outputs_for(task: dict, result: dict, options: PairOptions) -> list[Output]:
    if result.get("type") == PAIRWISE_TYPE:
        return pairwise_outputs(task, options.pairwise_fields)
    return task_outputs(task, to_name=result.get("to_name"), source=result.get("source"))


def _parse(result: dict, outputs: list[Output], options: PairOptions) -> Ranking:
    return parse_ranking_result(result, [o.id for o in outputs], options.bucket_order)


def task_rankings(task: dict, options: PairOptions, report: RunReport) -> list[RankedTask]:
    """The usable rankings of one task, one per annotation (before aggregation); counts what it leaves out.

    Raises:
        BadInput: only when ``report.strict``; otherwise problems are counted and the task or annotation skipped.
    """
    tid = task_id(task)
    annotations = task_annotations(task)
    report.annotations += len(annotations)
    if not annotations:
        report.skip_task("no annotations")
        return []
    try:
        prompt = task_prompt(task, options.prompt_field)
        history = task_history(task)
    except BadInput as exc:
        report.problem(exc)
        report.skip_task(exc.kind, annotations=len(annotations))
        return []

    candidates: list[tuple[dict, dict]] = []
    for annotation in annotations:
        if is_cancelled(annotation):
            report.skip_annotation("cancelled")
            continue
        try:
            result = find_ranking_result(results(annotation), options.ranker)
        except BadInput as exc:
            report.problem(exc.with_task(tid))
            report.skip_annotation(exc.kind)
            continue
        if result is None:
            report.skip_annotation("no ranking")
            continue
        candidates.append((annotation, result))
    if not candidates:
        report.skip_task("no usable annotation")
        return []

    try:
        outputs = _outputs_for(task, candidates[0][1], options)
    except BadInput as exc:
        report.problem(exc.with_task(tid))
        report.skip_task(exc.kind, annotations=len(candidates))
        return []
    by_id = {o.id: o for o in outputs}

    ranked: list[tuple[dict, RankedTask]] = []
    for annotation, result in candidates:
        try:
            ranking = _parse(result, outputs, options)
        except BadInput as exc:
            report.problem(exc.with_task(tid))
            report.skip_annotation(exc.kind)
            continue
        if not ranking.ranks:
            report.skip_annotation("empty ranking")
            continue
        likert = per_output_ratings(annotation, outputs) if result.get("type") != PAIRWISE_TYPE else {}
        ranked.append((annotation, RankedTask(tid, annotator_id(annotation), prompt, history, by_id, ranking,
                                              likert, task_split(task), ground_truth=is_ground_truth(annotation))))

    if options.prefer_ground_truth and any(is_ground_truth(a) for a, _ in ranked):
        for a, _ in ranked:
            if not is_ground_truth(a):
                report.skip_annotation("not ground truth (ground truth preferred)")
        ranked = [(a, r) for a, r in ranked if is_ground_truth(a)]
    if not ranked:
        report.skip_task("no usable annotation")
        return []
    report.tasks_used += 1
    report.annotations_used += len(ranked)
    return [r for _, r in ranked]


def _skip_unforeseen(task: dict, exc: BaseException, report: RunReport, before: tuple[int, int, int, int]) -> None:
    """Count a task whose reading failed unforeseen as skipped, keeping annotations = used + skipped."""
    annotations, used, skipped, tasks_used = before
    n = len(task_annotations(task))
    report.annotations = annotations + n
    report.annotations_used, report.tasks_used = used, tasks_used
    counted = sum(report.annotations_skipped.values()) - skipped
    report.problem(unforeseen(exc).with_task(task_id(task)))
    report.skip_task("malformed task", annotations=max(0, n - counted))


def iter_ranked_tasks(tasks: Iterable[Any], options: PairOptions = PairOptions(),
                      report: RunReport | None = None, since: Any = None) -> Iterator[RankedTask]:
    """Rankings of a task stream: one per used annotation, or one per task with ``mean-rank``.

    Example:
        >>> task = {"id": 4, "data": {"prompt": "p", "outputs": [{"id": "a", "body": "x"}, {"id": "b", "body": "y"}]},
        ...         "annotations": [{"completed_by": 1, "result": [{"from_name": "ranking", "type": "ranker",
        ...                          "value": {"ranker": {"rank_1": ["b"], "rank_2": ["a"]}}}]},
        ...                         {"completed_by": 2, "was_cancelled": True, "result": []}]}
        >>> report = RunReport()
        >>> [(r.annotator, r.ranking.ranks) for r in iter_ranked_tasks([task], report=report)]
        [(1, {'b': 1, 'a': 2})]
        >>> report.annotations_used, dict(report.annotations_skipped)
        (1, {'cancelled': 1})
    """
    report = report if report is not None else RunReport()
    for task in counted_tasks(tasks, report, since):  # since: an exporters.state.ExportState (--since)
        before = (report.annotations, report.annotations_used, sum(report.annotations_skipped.values()),
                  report.tasks_used)
        try:
            rankings = task_rankings(task, options, report)
        except UNFORESEEN as exc:  # a shape no check foresaw: this task is reported and skipped, the walk goes on
            _skip_unforeseen(task, exc, report, before)
            continue
        if not rankings:
            continue
        if options.aggregate == "mean-rank":
            rankings = [aggregate_mean_rank(rankings)]
        for ranked in rankings:
            report.unranked_outputs += len(ranked.ranking.unranked)
            yield ranked


def iter_pairs(tasks: Iterable[Any], options: PairOptions = PairOptions(),
               report: RunReport | None = None) -> Iterator[Pair]:
    """Every pair of a task stream (see :func:`ranking_to_pairs`); counts pairs and ties in ``report``."""
    report = report if report is not None else RunReport()
    for ranked in iter_ranked_tasks(tasks, options, report):
        tied = ranked.ranking.tied_pairs()
        if options.ties == "keep":
            report.ties_kept += tied
        else:
            report.ties_dropped += tied
        yield from ranking_to_pairs(ranked, options.ties)
