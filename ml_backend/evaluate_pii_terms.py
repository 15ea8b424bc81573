"""Does learning a team's terms help? A simulated project in a domain the default engine is weak on.

The domain (generated here, seeded, and kept apart from every other labelled set): an internal ops chat of a
game studio. Colleagues are named by chat nicknames in lower case ("ping zorbo about the build": PII, a name
that identifies a colleague), and build servers and projects have codenames shaped like full names ("the Iris
Atlas cluster", "deploy to Marco Polo": not PII). Prompts also hold ordinary PII (e-mails, phone numbers) and
nothing at all. Nicknames and codenames follow a Zipf-like frequency, so the evaluation part holds some that the
team never labelled.

The simulation: the backend pre-annotates the first ``--train`` tasks with the default engine; the team's
annotations are the gold spans (they keep right suggestions, delete wrong ones, add missed ones). The terms are
learned from those tasks (:func:`ml_backend.pii.terms.learn_terms`) and the rest of the domain is scored with
the default engine and with ``engine.with_terms(terms)``, prompt-level and span-level (same label, overlap).

    python -m ml_backend.evaluate_pii_terms [--tasks 500] [--train 300] [--seed 7] [--write tests/data/pii_domain_ops.jsonl]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from pathlib import Path
from typing import Any, Sequence

from label_config import taxonomy as T
from ml_backend.pii import get_pii_engine
from ml_backend.pii.terms import Terms, learn_terms

NICKNAMES = ["zorbo", "kthx", "mirelle", "vantro", "skelly", "quibb", "dravik", "nyxie", "tobbo", "welkin", "grimsy",
             "ottavo", "pexa", "rundle", "sprock", "yennic", "bazzle", "corvo", "fliss", "jaxxo"]
CODENAMES = ["Iris Atlas", "Marco Polo", "Ruby Falcon", "Victor Nile", "Stella Forge", "Felix Harbor", "Nina Quarry",
             "Oscar Delta", "Hugo Summit", "Clara Vault"]
TEMPLATES_NAME = ["ping {n} about the build", "can you ask {n} to review my PR?", "{n} broke the nightly again lol",
                  "tell {n} the standup moved to 10", "who owns the shader cache, {n} or {m}?",
                  "write a thank-you note to {n} for fixing the crash", "remind {n} to rotate the keys"]
TEMPLATES_CODE = ["deploy the patch to {c} tonight", "is the {c} cluster down?", "summarize the incident on {c}",
                  "migrate the assets from {c} to {d}", "write release notes for {c} 2.3"]
TEMPLATES_PII = ["send the logs to {n}.{n2}@gmail.com", "my cell is 415-555-01{k:02d}, text me if {c} fails"]
TEMPLATES_NONE = ["write a haiku about merge conflicts", "explain what a race condition is",
                  "draft a post-mortem template", "how do I profile a Unity build?"]


def _zipf(rng: random.Random, items: Sequence[str]) -> str:
    weights = [1 / (i + 1) for i in range(len(items))]
    return rng.choices(list(items), weights=weights, k=1)[0]


def make_domain(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` labelled rows ``{"text", "has_pii", "certain", "spans", "source", "rule"}`` of the ops-chat domain."""
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        kind = rng.choices(["name", "code", "pii", "none"], weights=[4, 3, 2, 1], k=1)[0]
        nick, other = _zipf(rng, NICKNAMES), _zipf(rng, NICKNAMES)
        code, code2 = _zipf(rng, CODENAMES), _zipf(rng, CODENAMES)
        spans: list[dict[str, Any]] = []
        if kind == "none":
            text = rng.choice(TEMPLATES_NONE)
        else:
            template = rng.choice({"name": TEMPLATES_NAME, "code": TEMPLATES_CODE, "pii": TEMPLATES_PII}[kind])
            values = {"n": nick, "m": other, "c": code, "d": code2, "n2": other, "k": rng.randrange(100)}
            text = template.format(**values)
            if kind == "name":
                for name in dict.fromkeys([nick] + ([other] if "{m}" in template else [])):
                    i = text.index(name)
                    spans.append({"start": i, "end": i + len(name), "label": "Name"})
            if kind == "pii":
                if "@" in text:
                    i = text.index(nick + ".")
                    spans.append({"start": i, "end": text.index(" ", i) if " " in text[i:] else len(text), "label": "Contact"})
                else:
                    i = text.index("415")
                    spans.append({"start": i, "end": i + 12, "label": "Contact"})
        spans.sort(key=lambda s: s["start"])
        rows.append({"text": text, "has_pii": bool(spans), "certain": (kind == "pii") if spans else None,
                     "spans": spans, "source": "ops-chat-domain", "rule": kind})
    return rows


def _region(start: int, end: int, text: str, label: str) -> dict[str, Any]:
    return {"from_name": T.PII_SPANS, "to_name": T.PROMPT, "type": "labels",
            "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]}}


def simulate_project(rows: Sequence[dict[str, Any]], engine: Any) -> list[dict[str, Any]]:
    """Label Studio tasks as an export would hold them: the backend's predictions and the team's annotations."""
    findings = engine.analyze_batch([r["text"] for r in rows])
    tasks = []
    for i, (row, f) in enumerate(zip(rows, findings)):
        text = row["text"]
        tasks.append({"id": i, "data": {T.PROMPT: text},
                      "predictions": [{"result": [_region(s.start, s.end, text, s.label) for s in f.spans]}],
                      "annotations": [{"result": [_region(s["start"], s["end"], text, s["label"]) for s in row["spans"]],
                                       "was_cancelled": False}]})
    return tasks


def score(rows: Sequence[dict[str, Any]], findings: Sequence[Any]) -> dict[str, float]:
    """Prompt-level and span-level (same label, overlapping) precision, recall, F1."""
    tp = fp = fn = 0
    stp = sfp = sfn = 0
    for row, f in zip(rows, findings):
        tp += row["has_pii"] and f.has_pii
        fp += (not row["has_pii"]) and f.has_pii
        fn += row["has_pii"] and not f.has_pii
        def hit(a: Any, b: dict[str, Any]) -> bool:
            return a.label == b["label"] and a.start < b["end"] and b["start"] < a.end
        stp += sum(any(hit(p, g) for p in f.spans) for g in row["spans"])
        sfn += sum(not any(hit(p, g) for p in f.spans) for g in row["spans"])
        sfp += sum(not any(hit(p, g) for g in row["spans"]) for p in f.spans)

    def prf(a: int, b: int, c: int) -> tuple[float, float, float]:
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    p, r, f1 = prf(tp, fp, fn)
    sp, sr, sf1 = prf(stp, sfp, sfn)
    return {"precision": p, "recall": r, "f1": f1, "span_precision": sp, "span_recall": sr, "span_f1": sf1}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ml_backend.evaluate_pii_terms", description=__doc__.split("\n")[0])
    ap.add_argument("--tasks", type=int, default=500)
    ap.add_argument("--train", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--write", default=None, help="also write the generated rows (JSON lines) here")
    args = ap.parse_args(argv)
    rows = make_domain(args.tasks, args.seed)
    if args.write:
        Path(args.write).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    train, test = rows[:args.train], rows[args.train:]
    engine = get_pii_engine()
    terms = learn_terms(simulate_project(train, engine))
    with tempfile.TemporaryDirectory() as d:  # the saved form is what the engine gets
        terms = Terms.load(terms.save(d).parent)
    learned = engine.with_terms(terms)
    before = score(test, engine.analyze_batch([r["text"] for r in test]))
    after = score(test, learned.analyze_batch([r["text"] for r in test]))
    unseen = sorted({r["text"] for r in test} - {r["text"] for r in train})
    print(f"domain: ops chat, {len(rows)} tasks (seed {args.seed}); team labels the first {len(train)}, scored on "
          f"the other {len(test)} ({len(unseen)} prompts not seen in training)")
    print(f"learned: {len(terms.always)} always-suggest terms, {len(terms.never)} never-suggest terms")
    print(f"{'':18}{'default':>10}{'with terms':>12}")
    for key in ("precision", "recall", "f1", "span_precision", "span_recall", "span_f1"):
        print(f"{key:18}{before[key]:10.3f}{after[key]:12.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
