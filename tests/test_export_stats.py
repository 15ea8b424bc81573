"""Statistics and agreement: the maths against published values and hand counts, the collector on multi-annotator
and screening exports, and the report files (Markdown, JSON, PNG)."""

from __future__ import annotations

import json
import random
from itertools import combinations

import pytest

from exporters.agreement import (
    AlphaAccumulator,
    add_preference_units,
    choice_agreement,
    kendalls_w,
    krippendorff_alpha,
    pairwise_agreement,
    preference_units,
)
from exporters.stats_report import stats_markdown, write_stats_report
from exporters.stats import StatsCollector, collect_stats
from label_config import taxonomy as T

from conftest import TEST_DATA

EDGE = json.loads((TEST_DATA / "export_edge_cases.json").read_text())
PNG = b"\x89PNG\r\n\x1a\n"


def test_krippendorff_published_examples():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4 coders x 12 units example
    units = [[1, 1, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4], [4, 4, 4, 4],
             [1, 1, 2, 1], [2, 2, 2, 2], [5, 5, 5], [1, 1], [3]]
    assert krippendorff_alpha(units, "nominal") == pytest.approx(0.743, abs=5e-4)
    assert krippendorff_alpha(units, "ordinal") == pytest.approx(0.815, abs=5e-4)
    assert krippendorff_alpha(units, "interval") == pytest.approx(0.849, abs=5e-4)


def test_krippendorff_edge_cases():
    assert krippendorff_alpha([[1, 1], [2, 2]]) == 1.0
    assert krippendorff_alpha([[1], [2]]) is None  # nothing pairable
    assert krippendorff_alpha([[1, 1], [1, 1]]) is None  # no variation: alpha undefined
    with pytest.raises(ValueError):
        krippendorff_alpha([[1, 2]], "ratio")


def test_kendalls_w_with_ties_by_hand():
    # 3 raters, 3 items; rater 3 ties b and c. Average ranks: a 1,1,1; b 2,3,2.5; c 3,2,2.5
    rankings = [{"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 3, "c": 2}, {"a": 1, "b": 2, "c": 2}]
    r = {"a": 3, "b": 7.5, "c": 7.5}
    s = sum((v - 6) ** 2 for v in r.values())
    expected = 12 * s / (9 * (27 - 3) - 3 * (2 ** 3 - 2))
    assert kendalls_w(rankings) == pytest.approx(expected)
    assert kendalls_w(rankings[:1]) is None and kendalls_w([{"a": 1}, {"a": 1}]) is None


def test_pairwise_agreement_by_hand():
    a, b = {"x": 1, "y": 2, "z": 2}, {"x": 2, "y": 1, "z": 3}
    pairs = list(combinations("xyz", 2))
    agree = sum((a[i] < a[j]) - (a[i] > a[j]) == (b[i] < b[j]) - (b[i] > b[j]) for i, j in pairs)
    assert pairwise_agreement(a, b) == (agree, 3) == (1, 3)
    assert preference_units([a, b]) == [[1, -1], [1, 1], [0, 1]]
    assert choice_agreement({"f": ["Yes"]}, {"f": ["Yes"], "g": ["No"]}) == (1, 1)


def test_preference_alpha_does_not_depend_on_the_order_of_output_ids():
    # outputs listed best first: counted one way, nearly every value is +1 and chance agreement looks high
    rng = random.Random(1)
    tasks = []
    for _ in range(200):
        first = list("abcd")
        second = first[:] if rng.random() < 0.8 else rng.sample(first, 4)
        tasks.append([{o: i for i, o in enumerate(first)}, {o: i for i, o in enumerate(second)}])
    renamed = [[{{"a": "z", "b": "y", "c": "x", "d": "w"}[o]: r for o, r in ranking.items()} for ranking in t]
               for t in tasks]
    alphas = []
    for data in (tasks, renamed):
        acc = AlphaAccumulator()
        for rankings in data:
            add_preference_units(acc, rankings)
        alphas.append(acc.alpha("nominal"))
    assert alphas[0] == pytest.approx(alphas[1]) and alphas[0] > 0.5
    one_way = krippendorff_alpha([u for t in tasks for u in preference_units(t)])
    assert one_way < alphas[0]  # the skew the symmetric count removes


def _ranking_task(task_id, rankings, gold=None, flags=None):
    """rankings: {user: [ids best first]}; gold: a ground-truth ranking; flags: {user: {control: value}}."""
    def annotation(user, order, gt=False):
        result = [{"from_name": T.RANKING, "to_name": T.OUTPUTS, "type": "ranker",
                   "value": {"ranker": {T.bucket_name(i + 1): [o] for i, o in enumerate(order)}}}]
        for name, value in (flags or {}).get(user, {}).items():
            result.append({"from_name": name, "to_name": "output_0", "type": "choices", "value": {"choices": [value]}})
        return {"id": task_id * 10 + user, "completed_by": user, "ground_truth": gt, "was_cancelled": False,
                "result": result}

    annotations = [annotation(u, order) for u, order in rankings.items()]
    if gold is not None:
        annotations.append(annotation(99, gold, gt=True))
    return {"id": task_id, "data": {"prompt": "one two three", "split": "train", "category": "Open QA",
                                    "outputs": [{"id": o, "body": "w " * (n + 1)} for n, o in enumerate("abcd")]},
            "annotations": annotations}


def test_collector_agreement_on_a_multi_annotator_export():
    tasks = [
        _ranking_task(1, {1: list("abcd"), 2: list("abcd")}),  # full agreement: 6 of 6
        _ranking_task(2, {1: list("abcd"), 2: list("dcba")}),  # full disagreement: 0 of 6
        _ranking_task(3, {1: list("abcd")}),  # one annotator: no agreement figure
    ]
    stats = collect_stats(tasks)
    agreement = stats["agreement"]
    assert agreement["pairwise_percent_agreement"] == {"value": 0.5, "n": 12}
    assert agreement["kendalls_w_mean"]["value"] == pytest.approx((1.0 + 0.0) / 2)
    assert agreement["kendalls_w_mean"]["n"] == 2
    assert agreement["krippendorff_alpha_preferences_nominal"]["n"] == 12  # 6 output pairs in each of 2 tasks
    assert stats["agreement_per_annotator"] == {"1": {"value": 0.5, "n": 12}, "2": {"value": 0.5, "n": 12}}
    assert stats["pairs"] == 6 * 5 and stats["by_category"]["Open QA"]["pairs"] == 30
    assert stats["pairs_per_prompt"]["histogram"] == {"6": 1, "12": 2}
    assert stats["lengths"]["Open QA"]["prompt"]["median"] == 3
    assert stats["lengths"]["Open QA"]["answer"]["max"] == 4


def test_collector_gold_agreement_per_annotator():
    tasks = [
        _ranking_task(1, {1: list("abcd"), 2: list("bacd")}, gold=list("abcd"),
                      flags={1: {"sexual_0": "No"}, 2: {"sexual_0": "Yes"}, 99: {"sexual_0": "No"}}),
        _ranking_task(2, {1: list("abcd")}, gold=list("abdc"), flags={99: {"violent_0": "No"}}),
    ]
    screening = collect_stats(tasks)["screening"]
    assert screening["1"] == {"tasks": 2, "flag_agreement": 0.5, "flags": 2, "ranking_agreement": round(11 / 12, 4), "pairs": 12}
    assert screening["2"]["flag_agreement"] == 0.0 and screening["2"]["ranking_agreement"] == round(5 / 6, 4)
    # the gold annotation is not an annotator among peers
    assert "99" not in collect_stats(tasks)["agreement_per_annotator"]


def test_edge_cases_stats_ignore_bad_input_but_count_it():
    stats = collect_stats(EDGE)
    assert stats["tasks"] == 10 and stats["annotations"] == 15 and stats["cancelled"] == 1
    assert stats["ground_truth"] == 1 and stats["problems"] == 4
    assert stats["pairs"] == 38
    assert set(stats["by_split"]) == {"train", "valid", "test", "(none)"}


def test_report_files(tmp_path):
    tasks = [_ranking_task(i, {1: list("abcd"), 2: list("abdc")}, gold=list("abcd")) for i in range(5)]
    collector = StatsCollector()
    assert list(collector.watch(tasks)) == tasks
    files = write_stats_report(collector.result(), tmp_path)
    names = {p.name for p in files}
    assert {"stats.json", "stats.md", "lengths_per_category.png", "pairs_per_prompt.png",
            "agreement_per_annotator.png"} <= names
    for p in files:
        if p.suffix == ".png":
            assert p.read_bytes()[:8] == PNG and p.stat().st_size > 2000
    saved = json.loads((tmp_path / "stats.json").read_text())
    assert "lengths_raw" not in saved and saved["agreement"]["pairwise_percent_agreement"]["value"] == round(5 / 6, 4)
    md = (tmp_path / "stats.md").read_text()
    assert "## Inter-annotator agreement" in md and "![agreement_per_annotator](agreement_per_annotator.png)" in md
    assert stats_markdown(saved) == md
