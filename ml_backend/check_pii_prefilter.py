"""Is the NER pre-filter exact? The engine with and without it, on every labelled set and real corpus here.

``PiiEngine(ner="all")`` runs spaCy's NER on every whole text; ``ner="texts"`` skips the texts where no sentence
needs it (the pre-filter proper); ``ner="sentences"`` (the default) runs it only on the sentences
:func:`ml_backend.pii.prefilter.ner_windows` selects. This script counts the texts whose finding (spans, flags,
score) differs from ``"all"``, per corpus, and prints the differing ones (``--show``).

    python -m ml_backend.check_pii_prefilter [--ner sentences|texts] [--limit 5000] [--show]
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from ml_backend.evaluate_pii import REPO, load_rows
from ml_backend.pii import PiiEngine, get_pii_engine

SHARED = REPO.parent / "shared" / "data"


def corpora(limit: int) -> dict[str, list[str]]:
    """Text sets: the labelled sets under tests/data and the real corpora of ../shared/data (first ``limit``)."""
    out: dict[str, list[str]] = {}
    for name in ("pii_eval", "pii_guideline_dev", "pii_guideline_holdout", "pii_domain_ops"):
        path = REPO / "tests" / "data" / f"{name}.jsonl"
        if path.exists():
            out[name] = [r["text"] for r in load_rows(path)]

    def jsonl(name: str) -> list[dict]:
        path = SHARED / name
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []

    out["presidio_synth_400"] = [r["full_text"] for r in jsonl("presidio_synth_dataset_v2_400_enriched.jsonl")]
    out["hh_rlhf_300"] = [r[k] for r in jsonl("hh_rlhf_harmless_base_test_300.jsonl") for k in ("chosen", "rejected")]
    stack = [r["prompt"] for r in jsonl("oasst_en_100_trees.jsonl")]
    msgs = []
    while stack:
        m = stack.pop()
        msgs.append(m.get("text", ""))
        stack.extend(m.get("replies", []))
    out["oasst_1167"] = msgs
    out["davidson_tweets"] = [r["tweet"] for r in jsonl("toxicity_train/davidson_labeled_24783.jsonl")][:limit]
    out["stormfront_sentences"] = [r["text"] for r in jsonl("toxicity_train/stormfront_sentences_10944.jsonl")][:limit]
    return {k: v for k, v in out.items() if v}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ml_backend.check_pii_prefilter", description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=5000, help="texts per large corpus")
    ap.add_argument("--show", action="store_true", help="print the texts whose finding differs")
    ap.add_argument("--ner", default="sentences", choices=("sentences", "texts"), help="the mode to check")
    args = ap.parse_args(argv)
    fast = get_pii_engine() if args.ner == "sentences" else PiiEngine(ner=args.ner)
    full = PiiEngine(ner="all")
    total = differing = 0
    for name, texts in corpora(args.limit).items():
        a, b = fast.analyze_batch(texts), full.analyze_batch(texts)
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        total += len(texts)
        differing += len(diff)
        print(f"{name:24} {len(texts):6} texts, {len(diff):3} findings differ")
        if args.show:
            for i in diff:
                t = texts[i]
                print(f"    {t[:160]!r}\n      with prefilter {[(t[s.start:s.end], s.label) for s in a[i].spans]}"
                      f" score {a[i].score}\n      without        {[(t[s.start:s.end], s.label) for s in b[i].spans]}"
                      f" score {b[i].score}")
    print(f"all: {total} texts, {differing} findings differ")
    return 0 if differing == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
