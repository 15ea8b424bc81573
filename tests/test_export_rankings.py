"""Every ranking shape Label Studio stores, parsed into {output id: rank}: this project's buckets, the official
label-studio-frontend examples (legacy list, named buckets, Pairwise), the no-buckets form, and bad input."""

from __future__ import annotations

import json

import pytest

from exporters.errors import BadInput
from exporters.rankings import Ranking, find_ranking_result, parse_pairwise, parse_ranker
from label_config import taxonomy as T

from conftest import SHARED_DATA, TEST_DATA

LS_DIR = SHARED_DATA / "labelstudio"
OFFICIAL = json.loads((TEST_DATA / "export_lsf_examples.json").read_text())


def _official(case: str) -> dict:
    return next(t for t in OFFICIAL if t["meta"]["case"] == case)


def test_this_projects_buckets_with_a_tie_empty_and_missing_buckets():
    # the shape the foundation tests pin: rank_3 empty/missing, a tie in rank_1
    value = {"ranker": {"rank_1": ["o2", "o0"], "rank_2": ["o1"], "rank_3": [], "rank_4": ["o3"]}}
    ranking = parse_ranker(value, ["o0", "o1", "o2", "o3"], name=T.RANKING)
    assert ranking.ranks == {"o2": 1, "o0": 1, "o1": 2, "o3": 3}
    assert ranking.buckets() == [["o2", "o0"], ["o1"], ["o3"]]
    assert ranking.unranked == () and ranking.tied_pairs() == 1


def test_unsorted_bucket_and_outputs_never_mentioned_are_unranked():
    ranking = parse_ranker({"ranker": {"rank_2": ["o1"], "_": ["o0"]}}, ["o0", "o1", "o2"])
    assert ranking.ranks == {"o1": 1}
    assert ranking.unranked == ("o0", "o2")


def test_official_legacy_ranker_example_is_a_list_best_first():
    task = _official("ranker (legacy list)")
    result = task["annotations"][0]["result"][0]
    ids = [item["id"] for item in task["data"]["items"]]
    ranking = parse_ranker(result["value"], ids, name=result["from_name"])
    assert list(ranking.ranks) == ["1234", "123", "12345", "123456", "1234567"]
    assert list(ranking.ranks.values()) == [1, 2, 3, 4, 5]


def test_official_bucket_example_needs_its_bucket_order():
    task = _official("ranker with named buckets")
    result = task["annotations"][0]["result"][0]
    ids = [item["id"] for item in task["data"]["items"]]
    with pytest.raises(BadInput, match="unknown bucket"):
        parse_ranker(result["value"], ids, name=result["from_name"])
    ranking = parse_ranker(result["value"], ids, name=result["from_name"], bucket_order=["best", "ads"])
    assert ranking.ranks == {"mdn": 1, "blog": 2} and ranking.unranked == ("wiki",)


def test_official_pairwise_example():
    task = _official("pairwise")
    result = task["annotations"][0]["result"][0]
    assert parse_pairwise(result["value"], "text1", "text2") == Ranking({"text2": 1, "text1": 2})


def test_committed_official_examples_match_the_shared_originals():
    if not LS_DIR.exists():
        pytest.skip("shared data folder not present")
    for case, stem in (("ranker (legacy list)", "ranker"), ("ranker with named buckets", "ranker_buckets"),
                       ("pairwise", "pairwise")):
        original = json.loads((LS_DIR / f"lsf_example_{stem}_annotation.json").read_text())
        ours = _official(case)
        assert ours["annotations"][0]["result"] == original["annotations"][0]["result"]
        if stem == "pairwise":
            assert ours["data"] == original["data"]
        else:
            tasks = json.loads((LS_DIR / f"lsf_example_{stem}_tasks.json").read_text())
            assert ours["data"] == tasks[0]["data"]


def test_no_buckets_form_uses_the_ranker_name():
    ranking = parse_ranker({"ranker": {"answers": ["b", "c", "a"]}}, ["a", "b", "c"], name="answers")
    assert ranking.ranks == {"b": 1, "c": 2, "a": 3}
    # the same dict under another ranker's name is an unknown bucket, not silently a list
    with pytest.raises(BadInput, match="unknown bucket 'answers'"):
        parse_ranker({"ranker": {"answers": ["b"]}}, ["a", "b"], name="other")


@pytest.mark.parametrize("value,message", [
    ({"ranker": {"rank_1": ["o0", "o9"]}}, "ids not in the task's outputs: 'o9'"),
    ({"ranker": {"rank_1": ["o0"], "rank_2": ["o0"]}}, "id 'o0' in two buckets"),
    ({"ranker": {"rank_1": ["o0"], "_": ["o0"]}}, "id 'o0' in two buckets"),
    ({"ranker": ["o0", "o0"]}, "listed twice"),
    ({"ranker": {"rank_0": ["o0"]}}, "unknown bucket 'rank_0'"),
    ({"ranker": {"rank_1": "o0"}}, "not a list of ids"),
    ({"ranker": 5}, "neither a list nor buckets"),
    ({"selected": "left"}, "without a 'ranker' value"),
])
def test_bad_rankings_raise_with_a_reason(value, message):
    with pytest.raises(BadInput, match=message) as info:
        parse_ranker(value, ["o0", "o1"], name=T.RANKING)
    assert info.value.kind == "bad ranking"


def test_pairwise_without_a_side_is_bad():
    with pytest.raises(BadInput, match="neither 'left' nor 'right'"):
        parse_pairwise({"selected": "both"}, "a", "b")


def test_find_ranking_result_prefers_ours_then_the_only_ranker_then_pairwise():
    ours = {"from_name": T.RANKING, "type": "ranker", "value": {}}
    other = {"from_name": "rank", "type": "ranker", "value": {}}
    pairwise = {"from_name": "comparison", "type": "pairwise", "value": {"selected": "left"}}
    assert find_ranking_result([other, ours]) is ours
    assert find_ranking_result([other]) is other
    assert find_ranking_result([pairwise]) is pairwise
    assert find_ranking_result([{"from_name": "likert_0", "type": "rating"}]) is None
    assert find_ranking_result([other, ours], ranker="rank") is other
    with pytest.raises(BadInput, match="several rankers"):
        find_ranking_result([other, {"from_name": "rank2", "type": "ranker"}])


# -- the per-output rank choices of the interfaces since issue 9 -------------------------------------------------
PINNED = json.loads((TEST_DATA / "pinned_results.json").read_text())
LEGACY = json.loads((TEST_DATA / "pinned_results_legacy.json").read_text())


def _ids(entry: dict) -> list[str]:
    return [o[T.OUTPUT_ID] for o in entry["data"][T.OUTPUTS]]


@pytest.mark.parametrize("name", ["comparison", "ranking", "screening"])
def test_per_output_ranks_and_the_old_ranker_give_the_same_ranking(name):
    """Projects annotated before issue 9 (Ranker buckets) and after (output_rank_i choices) export alike."""
    from exporters.rankings import parse_ranking_result

    new = parse_ranking_result(find_ranking_result(PINNED[name]["result"]), _ids(PINNED[name]))
    old = parse_ranking_result(find_ranking_result(LEGACY[name]["result"]), _ids(LEGACY[name]))
    assert new == old and new.unranked == ()
    assert find_ranking_result(PINNED[name]["result"])["type"] == "output_ranks"


def _rank(i: int, *choices: str) -> dict:
    return {"from_name": T.output_control(T.OUTPUT_RANK, i), "to_name": T.output_control(T.OUTPUT_TEXT, i),
            "type": "choices", "value": {"choices": list(choices)}}


def test_an_incomplete_per_output_ranking_reports_the_unranked_outputs():
    from exporters.rankings import parse_ranking_result

    results = [_rank(0, "2"), _rank(2, "2"), {"from_name": "likert_1", "type": "rating", "value": {"rating": 3}}]
    ranking = parse_ranking_result(find_ranking_result(results), ["o0", "o1", "o2", "o3"])
    assert ranking.ranks == {"o0": 1, "o2": 1} and ranking.unranked == ("o1", "o3")


@pytest.mark.parametrize("results, message", [
    ([_rank(5, "1")], "no output 5"),
    ([_rank(0, "x")], "whole number"),
    ([_rank(0, "0")], "whole number"),
    ([_rank(0, "1", "2")], "whole number"),
])
def test_bad_per_output_ranks_raise_with_a_reason(results, message):
    from exporters.rankings import parse_ranking_result

    with pytest.raises(BadInput, match=message):
        parse_ranking_result(find_ranking_result(results), ["o0", "o1"])


def test_per_output_ranks_win_over_an_old_ranker_in_the_same_annotation():
    results = [*LEGACY["ranking"]["result"], _rank(0, "1")]
    assert find_ranking_result(results)["type"] == "output_ranks"
    assert find_ranking_result(results, ranker=T.RANKING)["type"] == "ranker"
    assert find_ranking_result(LEGACY["ranking"]["result"], ranker=T.OUTPUT_RANK) is None
