"""Split records into train / valid / test by user id (step 5 of the pipeline).

The split of a user is a pure function of ``(seed, user id)``: BLAKE2b of both, read as a number in [0, 1),
compared with the cumulative ratios. So every prompt of a user lands in the same split, on every run and machine,
whatever the order or size of the file; and the ratios hold over *users* (a user with many prompts moves many
prompts at once, so per-prompt ratios drift when a few users dominate - the cap step limits that).

Records without a user id (policy ``--no-user-id``, a warning gives their number):

* ``group`` (default): split by their conversation (the OpenAssistant tree id, so the turns of one tree never
  land in two splits), else by their own prompt; they are not capped. A record read back from a task file keeps
  the split written there (its conversation id is not in the task). Without user ids, the guarantee "no user in
  two splits" cannot be checked; the report says how many records this concerns.
* ``drop``: skip them (counted as ``no_user_dropped``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from hashlib import blake2b

from importers.dedupe import dedupe_key
from importers.records import ImporterError, Record, Tally

SPLITS = ("train", "valid", "test")
DEFAULT_RATIOS = (0.8, 0.1, 0.1)
NO_USER_POLICIES = ("group", "drop")
_TWO_64 = float(2**64)


def parse_ratios(text: str) -> tuple[float, float, float]:
    """``"0.8,0.1,0.1"`` -> ``(0.8, 0.1, 0.1)``; three numbers >= 0 summing to 1.

    >>> parse_ratios("0.9, 0.05, 0.05")
    (0.9, 0.05, 0.05)
    """
    try:
        ratios = tuple(float(x) for x in text.split(","))
    except ValueError:
        raise ImporterError(f"split ratios {text!r}: expected three numbers like 0.8,0.1,0.1") from None
    check_ratios(ratios)
    return ratios  # type: ignore[return-value]


def check_ratios(ratios: Sequence[float]) -> None:
    """Raise :class:`ImporterError` unless ``ratios`` are three numbers >= 0 summing to 1."""
    if len(ratios) != len(SPLITS) or any(r < 0 for r in ratios) or abs(sum(ratios) - 1) > 1e-6:
        raise ImporterError(f"split ratios {tuple(ratios)}: need {len(SPLITS)} numbers >= 0 summing to 1 "
                            f"({'/'.join(SPLITS)})")


def split_for(key: str, ratios: Sequence[float] = DEFAULT_RATIOS, seed: int | str = 0) -> str:
    """The split of ``key`` (a user id) under ``seed``: deterministic, uniform over users.

    Args:
        key: the user id (or the group key of a record without one).
        ratios: train/valid/test shares.
        seed: changes every assignment when changed.

    Returns:
        One of ``SPLITS``.

    Example:
        >>> split_for("user-42", (0.8, 0.1, 0.1), seed=1) == split_for("user-42", (0.8, 0.1, 0.1), seed=1)
        True
        >>> split_for("anyone", (0, 1, 0))
        'valid'
    """
    u = int.from_bytes(blake2b(f"{seed}\x1f{key}".encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                       "big") / _TWO_64
    cumulative = 0.0
    for name, share in zip(SPLITS, ratios):
        cumulative += share
        if u < cumulative:
            return name
    return next(name for name, share in reversed(list(zip(SPLITS, ratios))) if share > 0)


def assign_splits(records: Iterable[Record], ratios: Sequence[float] = DEFAULT_RATIOS, seed: int | str = 0,
                  no_user: str = "group", tally: Tally | None = None) -> Iterator[Record]:
    """Set ``record.split`` from the user id (see the module docstring for records without one).

    Args:
        records: the capped stream.
        ratios: train/valid/test shares, summing to 1.
        seed: the split seed.
        no_user: ``group`` or ``drop``, the policy for records without a user id.
        tally: counts ``no_user_id`` and ``no_user_dropped``; warns once when records lack a user id.

    Returns:
        The records with their split set, in order.

    Example:
        >>> rs = [Record("a", user_id="u1"), Record("b", user_id="u1"), Record("c")]
        >>> out = list(assign_splits(rs, seed=3, no_user="drop"))
        >>> len(out), out[0].split == out[1].split
        (2, True)
    """
    check_ratios(ratios)
    if no_user not in NO_USER_POLICIES:
        raise ImporterError(f"unknown policy {no_user!r} for records without a user id; "
                            f"choose {' or '.join(NO_USER_POLICIES)}")
    tally = tally if tally is not None else Tally()
    by_user: dict[str, str] = {}
    missing = 0
    for record in records:
        user = record.user_id
        if user is not None:
            split = by_user.get(user)
            if split is None:
                split = by_user[user] = split_for(f"user:{user}", ratios, seed)
        else:
            missing += 1
            tally.count("no_user_id")
            if no_user == "drop":
                tally.count("no_user_dropped")
                continue
            if record.split in SPLITS and not record.group:
                yield record  # from a task file: keep its split
                continue
            key = f"group:{record.group}" if record.group else "prompt:" + "\x1f".join(dedupe_key(record.key_parts()))
            split = split_for(key, ratios, seed)
        record.split = split
        yield record
    if missing:
        what = "dropped" if no_user == "drop" else "split by conversation or prompt, not capped"
        tally.warn(f"{missing:,} record(s) have no user id: {what} (--no-user-id {no_user})")
