"""Statistics of a finished export, gathered in one pass over the task stream (it can watch an export as it
is converted, so ``export pairs --report`` reads the input once).

- tasks, annotated tasks and pairs per category and per split; pairs per prompt;
- prompt and answer length (words) per category, like the InstructGPT paper's appendix tables;
- inter-annotator agreement on rankings: pairwise percent agreement, Krippendorff's alpha (nominal, on each
  output pair's preference -1/0/+1, both orientations of a pair counted so the arbitrary order of output ids
  cannot skew chance agreement), Kendall's W (mean per task), and alpha (interval) on the Likert ratings;
  per annotator: agreement with the other annotators of the same tasks;
- screening projects: each annotator's agreement with the gold answer on flags and on rankings (the gold from
  the team lead's file, :mod:`exporters.gold`, else an older project's ground-truth annotation);
- screening review projects: each labeler's mean researcher score (1-7) of their screening demonstrations.

Ground-truth annotations are the researchers' gold answers: they are left out of inter-annotator agreement.

    >>> c = StatsCollector()
    >>> task = {"id": 1, "data": {"prompt": "a b c", "outputs": [{"id": "x", "body": "one two"}, {"id": "y", "body": "3"}]},
    ...         "annotations": [{"completed_by": u, "result": [{"from_name": "ranking", "type": "ranker",
    ...                          "value": {"ranker": {"rank_1": [w], "rank_2": [l]}}}]} for u, w, l in ((1, "x", "y"), (2, "y", "x"))]}
    >>> c.observe(task)
    >>> s = c.result()
    >>> s["pairs"], s["agreement"]["pairwise_percent_agreement"]["value"]
    (2, 0.0)
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

from label_config import taxonomy as T

from exporters.agreement import (
    AlphaAccumulator,
    add_preference_units,
    choice_agreement,
    kendalls_w,
    pairwise_agreement,
)
from exporters.pairs import PairOptions, task_rankings
from exporters.report import RunReport
from exporters.walk import UNFORESEEN, check_task, unforeseen
from exporters.tasks import (
    annotator_id,
    choice_value,
    is_cancelled,
    is_ground_truth,
    rating_value,
    results,
    task_annotations,
    task_data,
    task_split,
    text_value,
)

NONE = "(none)"


def words(text: str) -> int:
    """Number of white-space separated words.

    >>> words("  two words ")
    2
    """
    return len(text.split())


def _summary(values: list[int]) -> dict[str, Any]:
    ordered = sorted(values)
    return {
        "n": len(ordered),
        "mean": round(statistics.fmean(ordered), 2),
        "median": statistics.median(ordered),
        "p90": ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))],
        "max": ordered[-1],
    }


def task_category(task: dict) -> str:
    """The task's use-case category: the most common ``category`` answer of its annotations, else task data's
    ``category``, else ``(none)``."""
    answers = Counter()
    for annotation in task_annotations(task):
        if is_cancelled(annotation):
            continue
        for r in results(annotation):
            if r.get("from_name") == T.CATEGORY:
                for c in choice_value(r) or []:
                    answers[c] += 1
    if answers:
        return answers.most_common(1)[0][0]
    value = task_data(task).get(T.CATEGORY)
    return str(value) if value else NONE


def _choices_by_name(annotation: dict) -> dict[str, list[str]]:
    """The choice answers of an annotation, rank choices left out (rankings are compared pair by pair)."""
    return {r["from_name"]: choice_value(r) or [] for r in results(annotation)
            if r.get("type") == "choices" and "from_name" in r
            and T.output_index(str(r["from_name"]), T.OUTPUT_RANK) is None}


class _Ratio:
    __slots__ = ("agree", "total")

    def __init__(self) -> None:
        self.agree = 0
        self.total = 0

    def add(self, agree: int, total: int) -> None:
        self.agree += agree
        self.total += total

    def value(self) -> float | None:
        return round(self.agree / self.total, 4) if self.total else None


class StatsCollector:
    """Accumulates the statistics of a task stream; :meth:`result` returns them as JSON-ready data.

    Args:
        options: how rankings are read (ranker name, bucket order, pairwise fields); ties and aggregation
            options are ignored: statistics count one pair set per annotation, ties dropped.
        tokens: an :class:`exporters.tokens.TokenCounter` to count token lengths with (optional).
        gold: the screening tasks' gold answers (:class:`exporters.gold.GoldAnswers`), matched by ``external_id``;
            a task's own ground-truth annotation is used where the file has no answer for it.
    """

    def __init__(self, options: PairOptions = PairOptions(), tokens: Any = None, gold: Any = None) -> None:
        self.options = PairOptions(ranker=options.ranker, bucket_order=options.bucket_order,
                                   pairwise_fields=options.pairwise_fields, prompt_field=options.prompt_field)
        self.tasks = 0
        self.annotations = 0
        self.cancelled = 0
        self.ground_truth = 0
        self.pairs = 0
        self.by_category: dict[str, Counter] = defaultdict(Counter)
        self.by_split: dict[str, Counter] = defaultdict(Counter)
        self.pairs_per_prompt: Counter = Counter()
        self.lengths: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.percent = _Ratio()
        self.per_annotator: dict[Any, _Ratio] = defaultdict(_Ratio)
        self.alpha_pref = AlphaAccumulator()
        self.pref_units = 0
        self.alpha_likert = AlphaAccumulator()
        self.w_sum = 0.0
        self.w_n = 0
        self.gold_flags: dict[Any, _Ratio] = defaultdict(_Ratio)
        self.gold_ranks: dict[Any, _Ratio] = defaultdict(_Ratio)
        self.gold_tasks: Counter = Counter()
        self.demo_scores: dict[Any, list[float]] = defaultdict(list)  # labeler -> researchers' 1-7 scores
        self.skipped = RunReport()  # what the ranking parser left out (bad input is counted, never raised)
        self.position = 0  # items observed, to name malformed tasks by position
        self.tokens = tokens  # an exporters.tokens.TokenCounter, or None
        self.gold = gold  # an exporters.gold.GoldAnswers, or None

    def watch(self, tasks: Iterable[Any]) -> Iterator[Any]:
        """Pass ``tasks`` through unchanged, observing each one."""
        for task in tasks:
            self.observe(task)
            yield task

    def observe(self, task: Any) -> None:
        """Add one task (a malformed one is counted in :attr:`skipped`, by id or position, and left out)."""
        self.position += 1
        task = check_task(task, self.position, self.skipped)
        if task is None:
            return
        self.tasks += 1
        annotations = task_annotations(task)
        live = [a for a in annotations if not is_cancelled(a)]
        self.annotations += len(annotations)
        self.cancelled += len(annotations) - len(live)
        self.ground_truth += sum(is_ground_truth(a) for a in live)
        category, split = task_category(task), task_split(task) or NONE
        for table, key in ((self.by_category, category), (self.by_split, split)):
            table[key]["tasks"] += 1
            table[key]["annotated_tasks"] += bool(live)

        data = task_data(task)
        prompt = data.get(self.options.prompt_field)
        if isinstance(prompt, str):
            self.lengths[category]["prompt"].append(words(prompt))
        for annotation in live:
            for r in results(annotation):
                if r.get("from_name") == T.DEMONSTRATION and (text := text_value(r)):
                    self.lengths[category]["demonstration"].append(words(text))

        try:
            rankings = task_rankings(task, self.options, self.skipped) if live else []
        except UNFORESEEN as exc:  # a shape no check foresaw: reported, the task's rankings left out
            self.skipped.problem(unforeseen(exc).with_task(task.get("id"), self.position))
            rankings = []
        if rankings:  # the outputs the rankings compare (also a Pairwise template's two texts)
            answers = [o.text for o in rankings[0].outputs.values()]
        else:
            items = data.get(T.OUTPUTS)
            answers = [i[T.OUTPUT_BODY] for i in items if isinstance(i, dict) and isinstance(i.get(T.OUTPUT_BODY), str)
                       ] if isinstance(items, list) else []
        self.lengths[category]["answer"].extend(words(a) for a in answers)
        pairs = 0
        for ranked in rankings:
            n = len(ranked.ranking.ranks)
            pairs += n * (n - 1) // 2 - ranked.ranking.tied_pairs()
        if self.tokens is not None:
            for ranked in rankings:
                self.tokens.add(ranked, category)
        self.pairs += pairs
        self.by_category[category]["pairs"] += pairs
        self.by_split[split]["pairs"] += pairs
        if rankings:
            self.pairs_per_prompt[pairs] += 1
        self._agreement(task, rankings)
        self._gold(task, rankings, live)
        self._demonstration_scores(data, live)

    def _demonstration_scores(self, data: dict, live: list[dict]) -> None:
        labeler = data.get(T.REVIEWED_LABELER)
        if labeler is None:
            return
        for annotation in live:
            for r in results(annotation):
                if r.get("from_name") == T.DEMONSTRATION_SCORE and (score := rating_value(r)) is not None:
                    self.demo_scores[labeler].append(float(score))

    def _agreement(self, task: dict, rankings: list) -> None:
        peers = [r for r in rankings if not r.ground_truth]
        if len(peers) < 2:
            return
        for a, b in combinations(peers, 2):
            agree, total = pairwise_agreement(a.ranking.ranks, b.ranking.ranks)
            self.percent.add(agree, total)
            self.per_annotator[a.annotator].add(agree, total)
            self.per_annotator[b.annotator].add(agree, total)
        self.pref_units += add_preference_units(self.alpha_pref, [r.ranking.ranks for r in peers])
        w = kendalls_w([r.ranking.ranks for r in peers])
        if w is not None:
            self.w_sum += w
            self.w_n += 1
        likert: dict[str, list[float]] = defaultdict(list)
        for r in peers:
            for oid, rating in r.likert.items():
                likert[oid].append(rating)
        for values in likert.values():
            self.alpha_likert.add(values)

    def _gold(self, task: dict, rankings: list, live: list[dict]) -> None:
        gold = next((a for a in live if is_ground_truth(a)), None)
        filed = self.gold.for_task(task, has_ground_truth=gold is not None) if self.gold is not None else None
        if filed is not None:  # the file's answer wins over one stored in Label Studio (a labeler can edit that)
            gold = filed
            gold_rankings = task_rankings(dict(task, annotations=[filed]), self.options, RunReport())
        elif gold is None:
            return
        else:
            gold_rankings = rankings
        gold_user = annotator_id(gold)
        gold_choices = _choices_by_name(gold)
        gold_ranking = next((r for r in gold_rankings if r.ground_truth), None)
        for annotation in live:
            user = annotator_id(annotation)
            if is_ground_truth(annotation) or user == gold_user:
                continue
            self.gold_tasks[user] += 1
            if gold_choices:
                self.gold_flags[user].add(*choice_agreement(gold_choices, _choices_by_name(annotation)))
            mine = next((r for r in rankings if r.annotator == user and not r.ground_truth), None)
            if gold_ranking is not None and mine is not None:
                self.gold_ranks[user].add(*pairwise_agreement(gold_ranking.ranking.ranks, mine.ranking.ranks))

    def result(self) -> dict[str, Any]:
        """The statistics as JSON-ready data (see ``docs/formats_out.md``)."""
        def table(rows: dict[str, Counter]) -> dict[str, dict[str, int]]:
            return {k: {"tasks": v["tasks"], "annotated_tasks": v["annotated_tasks"], "pairs": v["pairs"]}
                    for k, v in sorted(rows.items())}

        prompts = sum(self.pairs_per_prompt.values())
        ppp: dict[str, Any] = {"prompts": prompts}
        if prompts:
            expanded = sorted(self.pairs_per_prompt.elements())
            ppp.update(mean=round(statistics.fmean(expanded), 2), median=statistics.median(expanded),
                       max=expanded[-1], histogram={str(k): v for k, v in sorted(self.pairs_per_prompt.items())})
        agreement: dict[str, dict[str, Any]] = {}
        if self.percent.total:
            agreement["pairwise_percent_agreement"] = {"value": self.percent.value(), "n": self.percent.total}
            agreement["krippendorff_alpha_preferences_nominal"] = {
                "value": _round(self.alpha_pref.alpha("nominal")), "n": self.pref_units}
            agreement["kendalls_w_mean"] = {"value": _round(self.w_sum / self.w_n) if self.w_n else None,
                                            "n": self.w_n}
        if self.alpha_likert.units:
            agreement["krippendorff_alpha_likert_interval"] = {
                "value": _round(self.alpha_likert.alpha("interval")), "n": self.alpha_likert.units}
        screening = {
            str(user): {"tasks": n, "flag_agreement": self.gold_flags[user].value(), "flags": self.gold_flags[user].total,
                        "ranking_agreement": self.gold_ranks[user].value(), "pairs": self.gold_ranks[user].total}
            for user, n in sorted(self.gold_tasks.items(), key=lambda kv: str(kv[0]))
        }
        return {
            "tasks": self.tasks,
            "annotations": self.annotations,
            "cancelled": self.cancelled,
            "ground_truth": self.ground_truth,
            "pairs": self.pairs,
            "by_category": table(self.by_category),
            "by_split": table(self.by_split),
            "pairs_per_prompt": ppp,
            "lengths": {cat: {kind: _summary(v) for kind, v in kinds.items() if v}
                        for cat, kinds in sorted(self.lengths.items())},
            "lengths_raw": {cat: {kind: v for kind, v in kinds.items()} for cat, kinds in self.lengths.items()},
            "agreement": agreement,
            "agreement_per_annotator": {str(a): {"value": r.value(), "n": r.total}
                                        for a, r in sorted(self.per_annotator.items(), key=lambda kv: str(kv[0]))},
            "screening": screening,
            "screening_scores": {str(user): {"demonstrations": len(v), "mean_score": round(statistics.fmean(v), 2)}
                                 for user, v in sorted(self.demo_scores.items(), key=lambda kv: str(kv[0]))},
            "problems": self.skipped.problem_count,
            "problem_list": list(self.skipped.problems),
            **({"tokens": self.tokens.result()} if self.tokens is not None else {}),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def collect_stats(tasks: Iterable[Any], options: PairOptions = PairOptions(), gold: Any = None) -> dict[str, Any]:
    """The statistics of a whole task stream (see :class:`StatsCollector`; ``gold``: screening gold answers)."""
    collector = StatsCollector(options, gold=gold)
    for task in tasks:
        collector.observe(task)
    return collector.result()


def write_plots(stats: dict[str, Any], out_dir: Path) -> list[Path]:
    """PNG plots where a picture says more than a table: lengths per category, pairs per prompt, agreement per
    annotator (with others, and with gold). Matplotlib's Agg backend; returns the files written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written: list[Path] = []
    new_api = tuple(int(x) for x in matplotlib.__version__.split(".")[:2]) >= (3, 10)
    horizontal = {"orientation": "horizontal"} if new_api else {"vert": False}
    raw = stats.get("lengths_raw") or {}
    kinds = sorted({k for cats in raw.values() for k in cats})
    if kinds:
        fig, axes = plt.subplots(len(kinds), 1, figsize=(9, 3 * len(kinds)), squeeze=False)
        for ax, kind in zip(axes[:, 0], kinds):
            cats = [c for c in sorted(raw) if raw[c].get(kind)]
            ax.boxplot([raw[c][kind] for c in cats], showfliers=False, **horizontal)
            ax.set_yticks(range(1, len(cats) + 1), cats)
            ax.set_xlabel(f"{kind} length (words)")
        fig.tight_layout()
        written.append(_save(fig, out_dir / "lengths_per_category.png", plt))
    histogram = (stats.get("pairs_per_prompt") or {}).get("histogram") or {}
    if histogram:
        fig, ax = plt.subplots(figsize=(7, 3))
        ax.bar([int(k) for k in histogram], list(histogram.values()))
        ax.set_xlabel("pairs per prompt (all annotations, ties dropped)")
        ax.set_ylabel("prompts")
        fig.tight_layout()
        written.append(_save(fig, out_dir / "pairs_per_prompt.png", plt))
    bars = {f"annotator {a} vs peers": d["value"] for a, d in (stats.get("agreement_per_annotator") or {}).items()
            if d["value"] is not None}
    bars.update({f"annotator {a} vs gold": d["ranking_agreement"] for a, d in (stats.get("screening") or {}).items()
                 if d["ranking_agreement"] is not None})
    if bars:
        fig, ax = plt.subplots(figsize=(7, 0.4 * len(bars) + 1.5))
        ax.barh(list(bars), list(bars.values()))
        ax.set_xlim(0, 1)
        ax.axvline(0.73, linestyle="--", color="grey")
        ax.set_xlabel("pairwise ranking agreement (dashed: InstructGPT's ~73%)")
        fig.tight_layout()
        written.append(_save(fig, out_dir / "agreement_per_annotator.png", plt))
    return written


def _save(fig: Any, path: Path, plt: Any) -> Path:
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
