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


# -- groups: user AND conversation AND shared texts (issue 11.2) ---------------------------------------------------

import json  # noqa: E402
from pathlib import Path  # noqa: E402

from importers.normalize import normalize_text  # noqa: E402
from importers.pipeline import ImportOptions, prepare_tasks  # noqa: E402
from importers.read import read_records  # noqa: E402
from importers.records import Output  # noqa: E402
from importers.splits import MIN_LINK_CHARS  # noqa: E402

OASST = Path(__file__).resolve().parents[2] / "shared" / "data" / "oasst_en_100_trees.jsonl"
TEXTS = [f"shared text number {i} long enough to link" for i in range(12)]


def _norm(text):
    return " ".join(text.casefold().split())


def _leaks(records):
    """(what, a, b) for every pair that the split must keep together but did not."""
    by_user, by_group, by_text = {}, {}, {}
    for r in records:
        if r.user_id is not None:
            by_user.setdefault(r.user_id, set()).add(r.split)
        if r.group:
            by_group.setdefault(r.group, set()).add(r.split)
        for t in (r.prompt, *(c["content"] for c in r.context)):
            if len(_norm(t)) >= MIN_LINK_CHARS:
                by_text.setdefault(_norm(t), set()).add(r.split)
    leaks = [("user", k) for k, v in by_user.items() if len(v) > 1]
    leaks += [("group", k) for k, v in by_group.items() if len(v) > 1]
    leaks += [("text", k) for k, v in by_text.items() if len(v) > 1]
    for r in records:  # an output of one split in the prompt or context of another
        for o in r.outputs:
            seen = by_text.get(_norm(o.text), set()) - {r.split}
            if seen:
                leaks.append(("output", o.text))
    return leaks


record_strategy = st.builds(
    lambda user, group, prompt, context, outputs: Record(
        TEXTS[prompt], user_id=None if user is None else f"u{user}", group=None if group is None else f"g{group}",
        context=[{"role": "user", "content": TEXTS[c]} for c in context],
        outputs=[Output(TEXTS[o], model="m") for o in outputs]),
    st.one_of(st.none(), st.integers(0, 8)), st.one_of(st.none(), st.integers(0, 5)), st.integers(0, 11),
    st.lists(st.integers(0, 11), max_size=3), st.lists(st.integers(0, 11), max_size=3))


@settings(max_examples=200, deadline=None)
@given(records=st.lists(record_strategy, max_size=40), seed=st.integers(0, 50), order=st.randoms())
def test_property_no_user_group_text_or_output_in_two_splits(records, seed, order):
    out = list(assign_splits(records, (0.4, 0.3, 0.3), seed))
    assert _leaks(out) == []
    # the same records in another order get the same splits (the group's split is a function of its keys)
    before = [(r.prompt, r.user_id, r.group, tuple(c["content"] for c in r.context), r.split) for r in out]
    copies = [Record(r.prompt, user_id=r.user_id, group=r.group, context=r.context, outputs=r.outputs) for r in out]
    order.shuffle(copies)
    after = {(r.prompt, r.user_id, r.group, tuple(c["content"] for c in r.context)): r.split
             for r in assign_splits(copies, (0.4, 0.3, 0.3), seed)}
    assert all(after[key[:4]] == key[4] for key in before)


def test_a_user_who_shares_nothing_keeps_the_split_of_the_user_rule():
    records = [Record(f"a prompt of user {i} that is long enough", user_id=f"u{i}") for i in range(300)]
    tally = Tally()
    out = list(assign_splits(records, seed=7, tally=tally))
    assert all(r.split == split_for(f"user:{r.user_id}", seed=7) for r in out)
    assert tally.counts["split_moved"] == 0 and tally.counts["split_largest_group"] == 1


def test_shared_prompt_and_context_pull_records_together_and_moves_are_counted():
    base = "Explain the rules of cricket to a beginner, please"
    users = [f"user-{i}" for i in range(40)]
    records = [Record(base, user_id=users[0])]
    records += [Record(f"follow-up question {i} about the rules", user_id=u,
                       context=[{"role": "user", "content": base}]) for i, u in enumerate(users[1:])]
    tally = Tally()
    out = list(assign_splits(records, seed=1, tally=tally))
    assert len({r.split for r in out}) == 1
    own = [split_for(f"user:{u}", seed=1) for u in users]
    assert tally.counts["split_moved"] == sum(s != out[0].split for s in own) > 0
    assert tally.counts["split_largest_group"] == 40 and tally.counts["split_linked_groups"] == 1


def test_stock_outputs_do_not_chain_unrelated_prompts():
    refusal = "I am sorry, but I cannot help with that request."
    records = [Record(f"request number {i} that is long enough", user_id=f"u{i}",
                      outputs=[Output(refusal), Output(f"answer {i} that is long enough to count")])
               for i in range(200)]
    out = list(assign_splits(records, seed=0, tally=(tally := Tally())))
    assert len({r.split for r in out}) == 3 and tally.counts["split_largest_group"] == 1


def test_an_output_continued_in_another_chat_links_the_two():
    answer = "Paris is the capital of France and its largest city."
    first = Record("What is the capital of France, please?", user_id="a", outputs=[Output(answer), Output("x" * 30)])
    later = Record("And how many people live there today?", user_id="b",
                   context=[{"role": "user", "content": "What is the capital, again?"},
                            {"role": "assistant", "content": answer}])
    for seed in range(30):
        a, b = assign_splits([first, later], seed=seed)
        assert a.split == b.split


@pytest.mark.skipif(not OASST.exists(), reason="shared OpenAssistant sample not available")
@pytest.mark.parametrize("with_users", [False, True], ids=["no user ids", "a user id per message"])
def test_openassistant_trees_never_span_two_splits(tmp_path, with_users):
    """The shared 100 trees, as ranking tasks: no tree in two splits; no valid/test context holds a train text."""
    src = OASST
    if with_users:  # the case of the review: users per message spread one tree over several splits
        rows = [json.loads(line) for line in open(OASST, encoding="utf-8")]

        def give(m, tree, depth):  # three users per tree; every fifth tree shares one with the next tree
            m["user_id"] = f"user-{tree + 1}-0" if tree % 5 == 0 and depth % 3 == 0 else f"user-{tree}-{depth % 3}"
            for r in m.get("replies") or []:
                give(r, tree, depth + 1)

        for i, row in enumerate(rows):
            give(row["prompt"], i, 0)
        src = tmp_path / "oasst_users.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out"
    report = prepare_tasks(src, out, ImportOptions(interface="ranking", pii="keep", min_outputs=2, max_per_user=0))
    tasks = {s: [json.loads(line)["data"] for line in open(out / f"{s}.jsonl")] for s in SPLITS}
    assert sum(map(len, tasks.values())) == report.counts["tasks"] > 200
    tree_of = {normalize_text(r.prompt): r.group for r in read_records(src)}
    trees: dict[str, set] = {}
    for split, items in tasks.items():
        for d in items:
            trees.setdefault(tree_of[d["prompt"]], set()).add(split)
    assert all(len(s) == 1 for s in trees.values()), [t for t, s in trees.items() if len(s) > 1]
    assert len(trees) > 60 and len({next(iter(s)) for s in trees.values()}) >= 2
    train_texts = {_norm(d["prompt"]) for d in tasks["train"]} | {
        _norm(o["body"]) for d in tasks["train"] for o in d["outputs"]}
    for split in ("valid", "test"):
        for d in tasks[split]:
            assert not any(_norm(turn["content"]) in train_texts for turn in d.get("examples", []))
    if with_users:
        assert report.counts["split_moved"] > 0  # users' own splits had to give way to their trees
