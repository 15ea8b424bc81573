"""labelguide importers: raw prompt logs -> deduplicated, capped, user-split, PII-screened Label Studio tasks.

One pipeline step per module, each a generator over a stream of :class:`importers.records.Record`::

    read.py       files -> records (JSONL, JSON arrays, CSV/TSV, Parquet; chat logs; OpenAssistant trees)
    normalize.py  white space; empty prompts dropped
    tasks.py      keep_usable (K outputs, a continuation) ... build_tasks (the task of each interface)
    dedupe.py     exact and long-common-prefix duplicates
    caps.py       at most N prompts per user
    splits.py     train / valid / test by hash(seed, user id)
    screen.py     PII: drop | flag | keep, with the shared engine (ml_backend.pii)
    push.py       into Label Studio, idempotent and resumable
    report.py     the counts, as text and JSON
    stats.py      descriptive statistics of a prompt file
    pipeline.py   the steps wired together; cli.py the click commands
"""
