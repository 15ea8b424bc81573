"""At most N prompts per user (step 4 of the pipeline; InstructGPT: 200 per user id).

Which prompts a heavy user keeps is deterministic: their FIRST ``max_per_user`` prompts in input order (after
deduplication). Input order, not a hash, because it keeps re-imports stable: when a log grows by appending, the
prompts kept before are kept again, so nothing already in Label Studio turns into "over cap". Records without a
user id are not capped (the split step's policy handles them). Memory: one counter per user.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from importers.records import Record, Tally

DEFAULT_MAX_PER_USER = 200


def cap_per_user(records: Iterable[Record], max_per_user: int = DEFAULT_MAX_PER_USER,
                 tally: Tally | None = None) -> Iterator[Record]:
    """Keep each user's first ``max_per_user`` records; 0 means no cap.

    Args:
        records: the deduplicated stream.
        max_per_user: the cap (InstructGPT: 200); 0 disables it.
        tally: counts ``over_cap`` (records dropped) and ``capped_users`` (users who hit the cap).

    Returns:
        The records within their user's cap, in order.

    Example:
        >>> rs = [Record(str(i), user_id="heavy" if i < 4 else "light") for i in range(6)]
        >>> [r.prompt for r in cap_per_user(rs, max_per_user=2)]
        ['0', '1', '4', '5']
    """
    if max_per_user < 0:
        raise ValueError(f"max_per_user must be >= 0, got {max_per_user}")
    tally = tally if tally is not None else Tally()
    seen: dict[str, int] = {}
    for record in records:
        user = record.user_id
        if max_per_user == 0 or user is None:
            yield record
            continue
        n = seen.get(user, 0) + 1
        seen[user] = n
        if n <= max_per_user:
            yield record
        else:
            tally.count("over_cap")
            if n == max_per_user + 1:
                tally.count("capped_users")
