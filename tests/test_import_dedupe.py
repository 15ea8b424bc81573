"""Dedupe: exact and long-common-prefix duplicates, first kept; checked against a naive reference."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from importers.dedupe import DEFAULT_PREFIX_CHARS, dedupe_key, dedupe_prompts
from importers.records import Record, Tally


def _prompts(records):
    return [r.prompt for r in records]


def test_exact_duplicates_ignore_case_and_white_space():
    tally = Tally()
    out = dedupe_prompts([Record("Who built the statue?"), Record("  who built the\nSTATUE? "), Record("Other")],
                         tally=tally)
    assert _prompts(out) == ["Who built the statue?", "Other"]
    assert tally.counts["duplicate_exact"] == 1 and tally.counts["duplicate_prefix"] == 0


def test_long_common_prefix_is_a_duplicate_short_prompts_only_exact():
    head = "x" * DEFAULT_PREFIX_CHARS
    tally = Tally()
    records = [Record(head + " first"), Record(head + " second"), Record("Write a poem about cats."),
               Record("Write a poem about dogs.")]
    assert _prompts(dedupe_prompts(records, tally=tally)) == [head + " first", "Write a poem about cats.",
                                                             "Write a poem about dogs."]
    assert tally.counts["duplicate_prefix"] == 1


def test_prefix_zero_means_exact_only_and_first_is_kept():
    records = [Record("ab c"), Record("ab d"), Record("AB  C")]
    assert _prompts(dedupe_prompts(records, prefix_chars=0)) == ["ab c", "ab d"]
    assert _prompts(dedupe_prompts(records, prefix_chars=2)) == ["ab c"]


def test_chat_context_and_toxicity_pairs():
    ctx = [{"role": "user", "content": "c" * 150}]
    follow_ups = [Record("What about tomorrow?", context=ctx), Record("And next week?", context=ctx)]
    assert len(list(dedupe_prompts(follow_ups))) == 2  # same long context, different questions
    pairs = [Record("s" * 120, continuation=" one"), Record("s" * 120, continuation=" two"),
             Record("s" * 120, continuation=" one")]
    assert [r.continuation for r in dedupe_prompts(pairs)] == [" one", " two"]


def _naive(records, n):
    """Reference: compare with every kept record (O(n^2)), same definition."""
    kept, keys = [], []
    for r in records:
        key = dedupe_key(r.key_parts())
        if any(key == k or (n > 0 and tuple(p[:n] for p in key) == tuple(p[:n] for p in k)) for k in keys):
            continue
        kept.append(r)
        keys.append(key)
    return kept


texts = st.text(alphabet="ab C\n", max_size=10)


@settings(max_examples=150, deadline=None)
@given(prompts=st.lists(texts, max_size=40), conts=st.lists(st.none() | texts, max_size=40),
       prefix=st.integers(0, 6))
def test_dedupe_matches_the_naive_reference(prompts, conts, prefix):
    records = [Record(p, line=i, continuation=conts[i] if i < len(conts) else None) for i, p in enumerate(prompts)]
    tally = Tally()
    out = list(dedupe_prompts(records, prefix, tally))
    assert [r.line for r in out] == [r.line for r in _naive(records, prefix)]
    assert len(out) + tally.counts["duplicate_exact"] + tally.counts["duplicate_prefix"] == len(records)
    assert [r.line for r in dedupe_prompts(records, prefix)] == [r.line for r in out]  # deterministic
