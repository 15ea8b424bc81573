"""Split records into train / valid / test so that evaluation stays unseen (step 7 of the pipeline).

Records are grouped by a union-find over their *link keys*; every group lands in one split:

* the user id (InstructGPT: no user's prompts in two splits);
* the conversation (``group``: an OpenAssistant tree id): the turns of one tree stay together;
* the texts: the prompt and every chat-context turn, case-folded with white space collapsed. Two records that
  share a prompt, or where one's context holds the other's prompt, are linked;
* the outputs, against those texts: a record whose output appears in another record's prompt or context (a
  chat continued from a model answer) is linked to it. Two records that merely share an output (a stock refusal)
  are not.

Texts shorter than ``MIN_LINK_CHARS`` (20) characters do not link: greetings and "Thanks!" are shared by
unrelated conversations and would chain them into one giant group.

**Which split a group gets**: that of its strongest key, a pure function of ``(seed, key)`` (BLAKE2b read as a
number in [0, 1), compared with the cumulative ratios). Strength: a split written in a task file read back, for
a record without user or conversation (``fixed``) > the smallest user key > the smallest conversation key > the smallest text key ("smallest" by the
hash). So a user who shares nothing with anyone keeps exactly the split of ``split_for("user:<id>")`` on every
run, the result does not depend on the order of the file, and the ratios hold over users. A record whose own
strongest key would have put it elsewhere is counted as *moved* (``split_moved``); the report gives the number
of groups that joined several keys (``split_linked_groups``) and the size of the largest (``split_largest_group``).

**Memory** (bounded, not streaming): the records themselves are not kept (the pipeline spools its tasks to a
file and writes the split files in a second pass). Kept: one union-find entry per distinct key (64-bit hashes,
about 200 bytes each in CPython) and, per record, its node and the hashes of its outputs in compact arrays
(8 bytes each). One million prompts with 8 outputs each and two context turns: about 0.6 GB.

Records without a user id (``--no-user-id``): ``group`` (default) links them by conversation and text like the
rest (they are not capped); ``drop`` skips them (``no_user_dropped``).

    >>> rs = [Record("Tell me about the history of Rome", user_id="u1"),
    ...       Record("And what about its emperors?", user_id="u2",
    ...              context=[{"role": "user", "content": "Tell me about the history of Rome"}])]
    >>> a, b = assign_splits(rs, seed=3)
    >>> a.split == b.split
    True
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from hashlib import blake2b

from importers.dedupe import _key, dedupe_key
from importers.records import ImporterError, Record, Tally

SPLITS = ("train", "valid", "test")
DEFAULT_RATIOS = (0.8, 0.1, 0.1)
NO_USER_POLICIES = ("group", "drop")
MIN_LINK_CHARS = 20
_TWO_64 = float(2**64)
_FIXED, _USER, _GROUP, _TEXT = 0, 1, 2, 3  # key strength, strongest first


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


def _hash(seed: int | str, key: str) -> int:
    return int.from_bytes(blake2b(f"{seed}\x1f{key}".encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "big")


def _split_of_hash(h: int, ratios: Sequence[float]) -> str:
    u = h / _TWO_64
    cumulative = 0.0
    for name, share in zip(SPLITS, ratios):
        cumulative += share
        if u < cumulative:
            return name
    return next(name for name, share in reversed(list(zip(SPLITS, ratios))) if share > 0)


def split_for(key: str, ratios: Sequence[float] = DEFAULT_RATIOS, seed: int | str = 0) -> str:
    """The split of ``key`` (``"user:<id>"``, ``"group:<tree>"``, ...) under ``seed``: deterministic, uniform.

    Example:
        >>> split_for("user:42", (0.8, 0.1, 0.1), seed=1) == split_for("user:42", (0.8, 0.1, 0.1), seed=1)
        True
        >>> split_for("anyone", (0, 1, 0))
        'valid'
    """
    return _split_of_hash(_hash(seed, key), ratios)


class SplitLinker:
    """Union-find over link keys: :meth:`add` each record (in order), then :meth:`split` of its index.

    >>> linker = SplitLinker(seed=0)
    >>> i = linker.add(Record("Name three rivers of Europe, please", user_id="a"))
    >>> j = linker.add(Record("Name three rivers of Europe, please", user_id="b"))
    >>> linker.finish(); linker.split(i) == linker.split(j)
    True
    """

    def __init__(self, ratios: Sequence[float] = DEFAULT_RATIOS, seed: int | str = 0):
        check_ratios(ratios)
        self.ratios, self.seed = tuple(ratios), seed
        self._parent: dict[int, int] = {}
        self._best: dict[int, tuple[int, int, str]] = {}  # root -> (strength, hash, split) of its strongest key
        self._users: dict[str, int] = {}  # user id -> its key's hash (users come back often)
        self._node = array("Q")  # per record: its own node (the hash of its strongest key)
        self._own = array("b")  # per record: index in SPLITS of its own strongest key's split
        self._out_start = array("Q")  # per record: where its output hashes start in _outputs
        self._outputs = array("Q")
        self._finished = False

    # -- union-find ------------------------------------------------------------------------------------------

    def _find(self, x: int) -> int:
        parent = self._parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return
        ba, bb = self._best.pop(ra), self._best.pop(rb)
        keep, other = (ra, rb) if ba[:2] <= bb[:2] else (rb, ra)
        self._parent[other] = keep
        self._best[keep] = min(ba, bb)

    # -- records ---------------------------------------------------------------------------------------------

    def add(self, record: Record) -> int:
        """Register one record's keys; returns its index (0, 1, 2 ... in the order added)."""
        if self._finished:
            raise RuntimeError("add() after finish()")
        seed, ratios, parent, best = self.seed, self.ratios, self._parent, self._best
        keys: list[tuple[int, int, str | None]] = []  # (strength, hash, fixed split) of each key of the record
        if record.split in SPLITS and record.user_id is None and not record.group:
            # read back from a task file, where its user and conversation are unknown: it keeps its split
            keys.append((_FIXED, _hash(seed, f"fixed:{len(self._node)}"), record.split))
        user = record.user_id
        if user is not None:
            h = self._users.get(user)
            if h is None:
                h = self._users[user] = _hash(seed, "user:" + user)
            keys.append((_USER, h, None))
        if record.group:
            keys.append((_GROUP, _hash(seed, "group:" + record.group), None))
        for text in (record.prompt, *[t["content"] for t in record.context]) if record.context else (record.prompt,):
            key = _key(text)
            if len(key) >= MIN_LINK_CHARS:
                keys.append((_TEXT, _hash(seed, "text:" + key), None))
        if not keys:  # a short prompt, no user, no conversation: a key of its own
            keys.append((_TEXT, _hash(seed, "record:" + "\x1f".join(dedupe_key(record.key_parts()))), None))
        for strength, h, split in keys:
            if h not in parent:
                parent[h] = h
                best[h] = (strength, h, split or _split_of_hash(h, ratios))
        first = keys[0][1]
        for _, h, _ in keys[1:]:
            self._union(first, h)
        strength, h, split = min(keys, key=lambda k: (k[0], k[1]))
        self._node.append(first)
        self._own.append(SPLITS.index(split or _split_of_hash(h, ratios)))
        self._out_start.append(len(self._outputs))
        for output in record.outputs:
            key = _key(output.text)
            if len(key) >= MIN_LINK_CHARS:
                self._outputs.append(_hash(seed, "text:" + key))
        return len(self._node) - 1

    def finish(self) -> None:
        """Link outputs to the texts they appear in; after this, :meth:`split` answers."""
        n = len(self._node)
        for i in range(n):
            stop = self._out_start[i + 1] if i + 1 < n else len(self._outputs)
            for j in range(self._out_start[i], stop):
                if self._outputs[j] in self._parent:  # a prompt or context turn of some record
                    self._union(self._node[i], self._outputs[j])
        self._outputs = array("Q")
        self._users = {}
        self._finished = True

    def split(self, index: int) -> str:
        """The split of record ``index`` (after :meth:`finish`)."""
        return self._best[self._find(self._node[index])][2]

    def moved(self, index: int) -> bool:
        """True when record ``index`` is not in the split its own strongest key would give it."""
        return SPLITS[self._own[index]] != self.split(index)

    def report(self, tally: Tally) -> None:
        """Count ``split_moved``, ``split_linked_groups`` and ``split_largest_group`` into ``tally``."""
        sizes: Counter = Counter(self._find(node) for node in self._node)
        keys_per_root: Counter = Counter(self._find(k) for k in self._parent)
        tally.count("split_moved", sum(1 for i in range(len(self._node)) if self.moved(i)))
        tally.count("split_linked_groups", sum(1 for root in sizes if keys_per_root[root] > 1))
        largest = tally.counts["split_largest_group"] = max(sizes.values(), default=0)
        if len(self._node) >= 20 and largest > len(self._node) / 2:
            tally.warn(f"one group of linked records holds {largest:,} of {len(self._node):,} records (users, "
                       "conversations or texts shared across them chain them together): the splits cannot follow "
                       "the ratios")


def assign_splits(records: Iterable[Record], ratios: Sequence[float] = DEFAULT_RATIOS, seed: int | str = 0,
                  no_user: str = "group", tally: Tally | None = None) -> Iterator[Record]:
    """Set ``record.split`` so that no user, conversation or shared text spans two splits.

    This form keeps the records in a list between the two passes (for tests and small inputs); the pipeline
    spools them to a file instead (``importers.pipeline``).

    Args:
        records: the capped stream.
        ratios: train/valid/test shares, summing to 1.
        seed: the split seed.
        no_user: ``group`` or ``drop``, the policy for records without a user id.
        tally: counts ``no_user_id``, ``no_user_dropped`` and the linker's counts; warns once when records lack a
            user id.

    Returns:
        The records with their split set, in order.

    Example:
        >>> rs = [Record("a", user_id="u1"), Record("b", user_id="u1"), Record("c")]
        >>> out = list(assign_splits(rs, seed=3, no_user="drop"))
        >>> len(out), out[0].split == out[1].split
        (2, True)
    """
    tally = tally if tally is not None else Tally()
    linker = SplitLinker(ratios, seed)
    kept = list(with_user_policy(records, no_user, tally))
    for record in kept:
        linker.add(record)
    linker.finish()
    linker.report(tally)
    for i, record in enumerate(kept):
        record.split = linker.split(i)
        yield record


def with_user_policy(records: Iterable[Record], no_user: str = "group", tally: Tally | None = None
                     ) -> Iterator[Record]:
    """Apply ``--no-user-id`` (``group`` keeps, ``drop`` skips records without a user id) and count them.

    >>> [r.prompt for r in with_user_policy([Record("a", user_id="u"), Record("b")], "drop")]
    ['a']
    """
    if no_user not in NO_USER_POLICIES:
        raise ImporterError(f"unknown policy {no_user!r} for records without a user id; "
                            f"choose {' or '.join(NO_USER_POLICIES)}")
    tally = tally if tally is not None else Tally()
    missing = 0
    try:
        for record in records:
            if record.user_id is None:
                missing += 1
                tally.count("no_user_id")
                if no_user == "drop":
                    tally.count("no_user_dropped")
                    continue
            yield record
    finally:
        if missing:
            what = "dropped" if no_user == "drop" else "split by conversation and text, not capped"
            tally.warn(f"{missing:,} record(s) have no user id: {what} (--no-user-id {no_user})")
