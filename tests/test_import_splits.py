"""Split by user id: no user in two splits, ratios over users, deterministic; records without a user id."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from importers.records import ImporterError, Record, Tally
from importers.splits import SPLITS, assign_splits, parse_ratios, split_for


def test_parse_ratios():
    assert parse_ratios("0.8,0.1,0.1") == (0.8, 0.1, 0.1)
    for bad in ("0.8,0.1", "0.5,0.5,0.5", "a,b,c", "1.2,-0.1,-0.1"):
        with pytest.raises(ImporterError):
            parse_ratios(bad)


def test_zero_share_splits_are_never_used():
    assert {split_for(f"u{i}", (1.0, 0.0, 0.0)) for i in range(500)} == {"train"}
    assert {split_for(f"u{i}", (0.5, 0.0, 0.5)) for i in range(500)} == {"train", "test"}


ratio_triples = st.tuples(st.integers(1, 10), st.integers(0, 10), st.integers(0, 10)).map(
    lambda t: tuple(x / sum(t) for x in t))


@settings(max_examples=25, deadline=None)
@given(ratios=ratio_triples, seed=st.integers(0, 10**6), order_seed=st.integers(0, 100))
def test_no_user_in_two_splits_and_ratios_within_tolerance(ratios, seed, order_seed):
    users = [f"user-{i}" for i in range(3000)]
    rng = random.Random(order_seed)
    records = [Record(f"p{i}", user_id=rng.choice(users)) for i in range(6000)]
    out = list(assign_splits(records, ratios, seed))
    split_of: dict[str, set[str]] = {}
    for r in out:
        split_of.setdefault(r.user_id, set()).add(r.split)
    assert all(len(s) == 1 for s in split_of.values())
    shares = Counter(next(iter(s)) for s in split_of.values())
    for name, ratio in zip(SPLITS, ratios):
        assert abs(shares[name] / len(split_of) - ratio) < 0.04, (name, shares, ratios)
    # the assignment does not depend on the order of the stream
    rng.shuffle(records)
    again = {r.user_id: r.split for r in assign_splits(records, ratios, seed)}
    assert again == {u: next(iter(s)) for u, s in split_of.items()}


def test_seed_changes_the_assignment():
    users = [f"u{i}" for i in range(200)]
    a = [split_for(u, seed=1) for u in users]
    assert a == [split_for(u, seed=1) for u in users]
    assert a != [split_for(u, seed=2) for u in users]


def test_records_without_user_id_group_policy_and_warning():
    tally = Tally()
    records = [Record(f"turn {i}", group="tree-1") for i in range(5)] + [Record("lonely")]
    out = list(assign_splits(records, (0.34, 0.33, 0.33), seed=5, tally=tally))
    assert len(out) == 6 and len({r.split for r in out[:5]}) == 1  # one conversation, one split
    assert tally.counts["no_user_id"] == 6 and "6 record(s) have no user id" in tally.warnings[0]


def test_records_without_user_id_drop_policy():
    tally = Tally()
    out = list(assign_splits([Record("a", user_id="u"), Record("b")], no_user="drop", tally=tally))
    assert [r.prompt for r in out] == ["a"] and tally.counts["no_user_dropped"] == 1


def test_task_file_records_keep_their_split():
    (r,) = assign_splits([Record("x", split="test")], (1.0, 0.0, 0.0))
    assert r.split == "test"
