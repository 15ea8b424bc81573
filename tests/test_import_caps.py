"""Per-user cap: each user's first N prompts, deterministic; records without a user are not capped."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from importers.caps import cap_per_user
from importers.records import Record, Tally


def test_cap_keeps_the_first_n_of_each_user_in_order():
    records = [Record(f"p{i}", line=i, user_id=u) for i, u in enumerate("aabaaba")] + [Record("anon", line=9)]
    tally = Tally()
    out = list(cap_per_user(records, 2, tally))
    assert [r.line for r in out] == [0, 1, 2, 5, 9]
    assert tally.counts["over_cap"] == 3 and tally.counts["capped_users"] == 1


@settings(max_examples=200, deadline=None)
@given(users=st.lists(st.none() | st.sampled_from("abcde"), max_size=60), cap=st.integers(0, 6))
def test_cap_properties(users, cap):
    records = [Record(str(i), line=i, user_id=u) for i, u in enumerate(users)]
    tally = Tally()
    out = list(cap_per_user(records, cap, tally))
    per_user = Counter(r.user_id for r in out if r.user_id is not None)
    if cap:
        assert all(n <= cap for n in per_user.values())
    totals = Counter(u for u in users if u is not None)
    assert per_user == Counter({u: (min(n, cap) if cap else n) for u, n in totals.items()})
    lines = [r.line for r in out]
    assert lines == sorted(lines)  # a subsequence, order kept
    kept_of = {u: [r.line for r in out if r.user_id == u] for u in totals}
    for u, kept in kept_of.items():  # the FIRST ones of each user
        assert kept == [r.line for r in records if r.user_id == u][: len(kept)]
    assert sum(1 for r in out if r.user_id is None) == users.count(None)
    assert tally.counts["over_cap"] == len(records) - len(out)
