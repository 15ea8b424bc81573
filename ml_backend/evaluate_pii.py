"""Evaluate the PII engine on the labelled set ``tests/data/pii_eval.jsonl``, against plain Presidio.

Run ``python -m ml_backend.evaluate_pii [--data PATH ...] [--legacy] [--spacy-model NAME] [--no-baseline] [--no-speed]``; or
call :func:`evaluate` from Python with an engine (anything with ``analyze_batch``) or a function
``texts -> list[PiiFinding]``.

The labelled set, one JSON object a line::

    {"text": "Here's my SSN: 460-89-9847", "has_pii": true, "certain": true,
     "spans": [{"start": 15, "end": 26, "label": "Identifier"}],
     "source": "presidio-synth", "rule": "template-89"}

``certain`` is null when ``has_pii`` is false; ``text[start:end]`` is the gold span; ``label`` is one of
``taxonomy.PII_LABELS``. ``source`` is ``presidio-synth`` (converted from
``shared/data/presidio_synth_dataset_v2_400_enriched.jsonl`` by :func:`synth_rows`, real gold spans, exact
duplicates dropped) or ``guideline-edge`` (hand-written cases, ``rule`` names the guideline rule they test).

How the synthetic set's gold types map onto the guideline (the reason for each is in :data:`GOLD_TYPE_MAP` and
:data:`NOT_PII_TYPES`); template-level decisions (which single names are given names, which addresses are a
business's) are in the ``*_TEMPLATES`` constants below, decided once per sentence template, not per row.

Metrics: prompt-level precision/recall of ``has_pii``; agreement of ``certain`` on the prompts both call PII;
span recall per label (a gold span is found when a predicted span of the same label overlaps it) and exact span
recall (same label, same start and end: "Call Jane Doe" for "Jane Doe" is a miss); per-rule accuracy for the
guideline cases. ``--legacy`` adds the engine of the commit before the recognizer rewrite
(:mod:`ml_backend.pii_legacy`) as a column, measured in the same run. Plain Presidio = ``AnalyzerEngine`` via ``NlpEngineProvider`` on the same spaCy
model, default recognizers, no rules, any entity it returns = PII.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from label_config.taxonomy import PII_LABELS
from ml_backend.evaluate_pii_spans import format_span_scores, span_scores
from ml_backend.pii import DEFAULT_SPACY_MODEL, PiiFinding, PiiSpan, build_analyzer, get_pii_engine

NAME, LOCATION, DATE, CONTACT, IDENTIFIER = PII_LABELS

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / "tests" / "data" / "pii_eval.jsonl"
SYNTH_SOURCE = REPO.parent / "shared" / "data" / "presidio_synth_dataset_v2_400_enriched.jsonl"

# Gold entity type of the synthetic set -> guideline label.
GOLD_TYPE_MAP: dict[str, str] = {
    "PERSON": NAME,  # a full name is always PII; single names: see FIRST_NAME_/SURNAME_TEMPLATES
    "STREET_ADDRESS": LOCATION,  # smaller than street + city; business addresses: BUSINESS_ADDRESS_TEMPLATES
    "PHONE_NUMBER": CONTACT,
    "EMAIL_ADDRESS": CONTACT,
    "CREDIT_CARD": IDENTIFIER,  # account number
    "IBAN_CODE": IDENTIFIER,  # account number
    "US_SSN": IDENTIFIER,
    "IP_ADDRESS": IDENTIFIER,
    "US_DRIVER_LICENSE": IDENTIFIER,  # licence number
    "DOMAIN_NAME": IDENTIFIER,  # every occurrence is the "Website:" of a personal profile: a personal website
    "DATE_TIME": DATE,  # only in DATE_TEMPLATES (tied to a person); other dates are not PII
}
# Gold types that are NOT PII under the guideline, with the reason.
NOT_PII_TYPES: dict[str, str] = {
    "GPE": "a city, region or country alone is not PII (the guideline: units smaller than street + city are)",
    "ZIP_CODE": "a postcode alone covers thousands of people; inside an address it is part of the Location span",
    "ORGANIZATION": "company names are not PII",
    "NRP": "nationality, religion or politics is not an identifier in the guideline's list",
    "TITLE": "a job title or honorific alone identifies no one",
    "AGE": "age is not in the guideline's list (dates tied to a person are; an age is not a date)",
}
# Sentence templates (``template_id``) whose single-word PERSON is a given name: not PII alone (the guideline: "a
# first name alone usually not"), kept as a Name span only when the prompt holds other PII ("combinable").
FIRST_NAME_TEMPLATES = frozenset({36, 47, 58, 60, 75, 86, 90, 91, 92, 97, 100, 102, 108, 120, 126, 136, 139, 159, 173, 200})
# ... whose single-word PERSON is a surname: PII, not certain ("a lone surname").
SURNAME_TEMPLATES = frozenset({69, 101, 104, 109, 122, 127, 171, 181})
# ... where given names come with the small organisation they belong to (its founders, an employee): combinable,
# so PII, not certain.
COMBINABLE_TEMPLATES = frozenset({86, 120})
# ... where the street address is a business's or public place's ("The restaurant is at ...", "The address of
# <company> is ...", "The bus station is on ..."): company contact details, not PII.
BUSINESS_ADDRESS_TEMPLATES = frozenset({73, 74, 87, 134, 148, 163})
# ... where the date is tied to a person: "your date of birth. It's ...", a "Date / Name / Phone" record.
DATE_TEMPLATES = frozenset({61, 172})


def synth_rows(path: Path | str = SYNTH_SOURCE) -> list[dict[str, Any]]:
    """Convert the synthetic dataset to labelled rows under the guideline (exact duplicate texts dropped).

    >>> rows = synth_rows()                                     # doctest: +SKIP
    >>> rows[3]["spans"], rows[3]["has_pii"]                    # doctest: +SKIP
    ([{'start': 15, 'end': 26, 'label': 'Identifier'}], True)
    """
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        src = json.loads(line)
        text, tid = src["full_text"], src["template_id"]
        if text in seen:
            continue
        seen.add(text)
        spans: list[dict[str, Any]] = []
        weak: list[dict[str, Any]] = []
        certain = False
        for s in sorted(src["spans"], key=lambda s: (s["start_position"], s["end_position"])):
            etype, start, end = s["entity_type"], s["start_position"], s["end_position"]
            if text[start:end] != s["entity_value"]:
                raise ValueError(f"source row {src['source_index']}: span does not slice the text")
            label = GOLD_TYPE_MAP.get(etype)
            if label is None:
                if etype not in NOT_PII_TYPES:
                    raise ValueError(f"unmapped gold type {etype}")
                continue
            if label == DATE and tid not in DATE_TEMPLATES:
                continue
            if label == LOCATION and tid in BUSINESS_ADDRESS_TEMPLATES:
                continue
            span = {"start": start, "end": end, "label": label}
            if label == NAME and len(s["entity_value"].split()) == 1:
                if tid in FIRST_NAME_TEMPLATES:
                    weak.append(span)
                    continue
                if tid not in SURNAME_TEMPLATES:
                    raise ValueError(f"template {tid}: decide whether its single names are given names or surnames")
                spans.append(span)  # lone surname: PII, not certain
                continue
            spans.append(span)
            certain = True  # full name, structured identifier, contact, street address, date of a person
        if weak and (spans or tid in COMBINABLE_TEMPLATES):
            spans.extend(weak)
            spans.sort(key=lambda s: (s["start"], s["end"]))
        has_pii = bool(spans)
        out.append(
            {
                "text": text,
                "has_pii": has_pii,
                "certain": certain if has_pii else None,
                "spans": spans,
                "source": "presidio-synth",
                "rule": f"template-{tid}",
            }
        )
    return out


def load_rows(path: Path | str = DEFAULT_DATA) -> list[dict[str, Any]]:
    """Read the labelled set (JSON lines)."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def write_rows(rows: Iterable[dict[str, Any]], path: Path | str = DEFAULT_DATA) -> None:
    """Write the labelled set, one compact JSON object a line (UTF-8, not ASCII-escaped)."""
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


# ----------------------------------------------------------------------------------------------------------------
# Evaluation
# ----------------------------------------------------------------------------------------------------------------

Predictor = Callable[[list[str]], list[PiiFinding]]


def _as_predictor(engine_or_fn: Any) -> Predictor:
    if hasattr(engine_or_fn, "analyze_batch"):
        return lambda texts: engine_or_fn.analyze_batch(texts)
    if callable(engine_or_fn):
        return engine_or_fn
    raise TypeError("expected an engine with analyze_batch or a function texts -> list[PiiFinding]")


def _ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def evaluate(engine_or_fn: Any, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Score ``engine_or_fn`` on ``rows``.

    Returns ``{"n", "tp", "fp", "fn", "tn", "precision", "recall", "f1", "certain_agreement",
    "span_recall": {label: {"found", "total", "recall"}}, "by_source": {...}, "by_rule": {rule: {"n", "correct",
    "certain_ok", "certain_n"}}, "errors": [row indices wrong on has_pii]}``.

    >>> evaluate(lambda texts: [PiiFinding((), False, False, None, 0.0) for _ in texts],
    ...          [{"text": "hi", "has_pii": False, "certain": None, "spans": [], "source": "x", "rule": "r"}])["tn"]
    1
    """
    predict = _as_predictor(engine_or_fn)
    findings = predict([r["text"] for r in rows])
    if len(findings) != len(rows):
        raise ValueError("the predictor returned a different number of findings")

    def prompt_stats(idx: Iterable[int]) -> dict[str, Any]:
        tp = fp = fn = tn = 0
        cert_ok = cert_n = 0
        for i in idx:
            gold, pred = rows[i]["has_pii"], findings[i].has_pii
            tp += gold and pred
            fp += (not gold) and pred
            fn += gold and not pred
            tn += (not gold) and not pred
            if gold and pred and rows[i]["certain"] is not None:
                cert_n += 1
                cert_ok += findings[i].certain == rows[i]["certain"]
        p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        return {
            "n": tp + fp + fn + tn, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": p, "recall": r, "f1": _ratio(2 * p * r, p + r) if tp else 0.0,
            "certain_agreement": _ratio(cert_ok, cert_n),
        }

    result = prompt_stats(range(len(rows)))
    span_found: Counter[str] = Counter()
    span_total: Counter[str] = Counter()
    for row, f in zip(rows, findings):
        for g in row["spans"]:
            span_total[g["label"]] += 1
            if any(p.label == g["label"] and p.start < g["end"] and g["start"] < p.end for p in f.spans):
                span_found[g["label"]] += 1
    result["span_recall"] = {
        lab: {"found": span_found[lab], "total": span_total[lab], "recall": _ratio(span_found[lab], span_total[lab])}
        for lab in PII_LABELS
    }
    exact: Counter[str] = Counter()
    for row, f in zip(rows, findings):
        got = {(p.start, p.end, p.label) for p in f.spans}
        exact.update(g["label"] for g in row["spans"] if (g["start"], g["end"], g["label"]) in got)
    result["exact_span_recall"] = {
        lab: {"found": exact[lab], "total": span_total[lab], "recall": _ratio(exact[lab], span_total[lab])}
        for lab in PII_LABELS
    }
    sources: dict[str, list[int]] = defaultdict(list)
    by_rule: dict[str, dict[str, int]] = {}
    for i, row in enumerate(rows):
        sources[row["source"]].append(i)
        if row["source"].startswith("guideline"):
            st = by_rule.setdefault(row["rule"], {"n": 0, "correct": 0, "certain_ok": 0, "certain_n": 0})
            st["n"] += 1
            st["correct"] += findings[i].has_pii == row["has_pii"]
            if row["has_pii"] and findings[i].has_pii:
                st["certain_n"] += 1
                st["certain_ok"] += findings[i].certain == row["certain"]
    result["by_source"] = {src: prompt_stats(idx) for src, idx in sorted(sources.items())}
    result["by_rule"] = dict(sorted(by_rule.items()))
    result["errors"] = [i for i, (row, f) in enumerate(zip(rows, findings)) if row["has_pii"] != f.has_pii]
    result["span_scores"] = span_scores(rows, findings)
    return result


# ----------------------------------------------------------------------------------------------------------------
# Plain Presidio baseline
# ----------------------------------------------------------------------------------------------------------------

_PLAIN_LABEL = {
    "PERSON": NAME,
    "LOCATION": LOCATION,
    "DATE_TIME": DATE,
    "PHONE_NUMBER": CONTACT,
    "EMAIL_ADDRESS": CONTACT,
    "NRP": None,
    "ORGANIZATION": None,
}


def plain_presidio(spacy_model: str = DEFAULT_SPACY_MODEL) -> Predictor:
    """Presidio defaults as a predictor: every entity it returns is PII; spans keep a guideline label when one
    fits (PERSON -> Name, LOCATION -> Location, DATE_TIME -> Date, phone/e-mail -> Contact, NRP/ORGANIZATION ->
    no label, every other type -> Identifier)."""
    from presidio_analyzer import BatchAnalyzerEngine

    batch = BatchAnalyzerEngine(build_analyzer(spacy_model))

    def predict(texts: list[str]) -> list[PiiFinding]:
        out = []
        for results in batch.analyze_iterator(texts, language="en", batch_size=64):
            spans = tuple(
                PiiSpan(r.start, r.end, _PLAIN_LABEL.get(r.entity_type, IDENTIFIER) or "Other", float(r.score), True,
                        r.entity_type)
                for r in results
            )
            out.append(PiiFinding(spans, bool(spans), bool(spans), None, max((s.score for s in spans), default=0.0)))
        return out

    predict.batch_engine = batch  # type: ignore[attr-defined]
    return predict


# ----------------------------------------------------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------------------------------------------------


def _fmt(x: float) -> str:
    return "  n/a" if x != x else f"{x:5.3f}"


def format_report(ours: dict[str, Any], plain: dict[str, Any] | None = None,
                  legacy: dict[str, Any] | None = None) -> str:
    """A plain-text report of up to three :func:`evaluate` results."""
    cols = ([("ours", ours)] + ([("legacy engine", legacy)] if legacy else [])
            + ([("plain presidio", plain)] if plain else []))
    lines = [f"{'':34}" + "".join(f"{name:>16}" for name, _ in cols)]

    def row(title: str, get: Callable[[dict[str, Any]], str]) -> None:
        lines.append(f"{title:34}" + "".join(f"{get(r):>16}" for _, r in cols))

    lines.append("prompt level (has_pii)")
    row("  prompts", lambda r: str(r["n"]))
    row("  precision", lambda r: _fmt(r["precision"]))
    row("  recall", lambda r: _fmt(r["recall"]))
    row("  f1", lambda r: _fmt(r["f1"]))
    row("  tp / fp / fn / tn", lambda r: f"{r['tp']}/{r['fp']}/{r['fn']}/{r['tn']}")
    row("  certain agreement (both PII)", lambda r: _fmt(r["certain_agreement"]))
    lines.append("span recall per label (overlap, same label)")
    for lab in PII_LABELS:
        row(f"  {lab}", lambda r, lab=lab: f"{_fmt(r['span_recall'][lab]['recall'])} "
            f"({r['span_recall'][lab]['found']}/{r['span_recall'][lab]['total']})")
    lines.append("exact span recall per label (same label, start and end)")
    for lab in PII_LABELS:
        row(f"  {lab}", lambda r, lab=lab: f"{_fmt(r['exact_span_recall'][lab]['recall'])} "
            f"({r['exact_span_recall'][lab]['found']}/{r['exact_span_recall'][lab]['total']})")
    for src in ours["by_source"]:
        lines.append(f"source {src}")
        row("  precision / recall", lambda r, src=src: f"{_fmt(r['by_source'][src]['precision'])}/"
            f"{_fmt(r['by_source'][src]['recall'])}")
        row("  fp / fn", lambda r, src=src: f"{r['by_source'][src]['fp']}/{r['by_source'][src]['fn']}")
    lines.append("guideline edge cases per rule: has_pii correct/n  [certain correct/n]")
    for rule in ours["by_rule"]:
        def cell(r: dict[str, Any], rule: str = rule) -> str:
            st = r["by_rule"][rule]
            extra = f" [{st['certain_ok']}/{st['certain_n']}]" if st["certain_n"] else ""
            return f"{st['correct']}/{st['n']}{extra}"
        row(f"  {rule}", cell)
    return "\n".join(lines)


def measure_speed(engine: Any, baseline: Predictor | None, texts: Sequence[str], repeat_to: int = 1000) -> dict[str, float]:
    """Rough texts/s of ``engine.analyze_batch`` and of raw Presidio ``BatchAnalyzerEngine`` on the same texts."""
    sample = (list(texts) * (repeat_to // max(1, len(texts)) + 1))[:repeat_to]
    engine.analyze_batch(sample[:64])
    t0 = time.perf_counter()
    engine.analyze_batch(sample, batch_size=64)
    out = {"ours_texts_per_s": len(sample) / (time.perf_counter() - t0)}
    if baseline is not None:
        batch = baseline.batch_engine  # type: ignore[attr-defined]
        batch.analyze_iterator(sample[:64], language="en", batch_size=64)
        t0 = time.perf_counter()
        batch.analyze_iterator(sample, language="en", batch_size=64)
        out["presidio_texts_per_s"] = len(sample) / (time.perf_counter() - t0)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Print the evaluation report (and a rough speed comparison)."""
    ap = argparse.ArgumentParser(prog="python -m ml_backend.evaluate_pii", description=__doc__.split("\n")[0])
    ap.add_argument("--data", nargs="+", default=[str(DEFAULT_DATA)], help="labelled set(s) (JSON lines), scored together")
    ap.add_argument("--legacy", action="store_true", help="add the engine before the recognizer rewrite (from git)")
    ap.add_argument("--spacy-model", default=None, help="spaCy model (default: env SPACY_MODEL or the sm model)")
    ap.add_argument("--no-baseline", action="store_true", help="skip plain Presidio")
    ap.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    ap.add_argument("--errors", action="store_true", help="list the prompts the engine gets wrong (prints text)")
    args = ap.parse_args(argv)

    rows = [row for path in args.data for row in load_rows(path)]
    engine = get_pii_engine(args.spacy_model)
    ours = evaluate(engine, rows)
    baseline = None if args.no_baseline else plain_presidio(args.spacy_model or engine.spacy_model)
    plain = evaluate(baseline, rows) if baseline else None
    legacy = None
    if args.legacy:
        from ml_backend.pii_legacy import load_legacy_engine

        legacy = evaluate(load_legacy_engine(spacy_model=args.spacy_model), rows)
    print(f"labelled set: {' '.join(args.data)} ({len(rows)} prompts: "
          + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r['source'] for r in rows).items())) + ")")
    print(f"engine: {engine.model_version}")
    print(format_report(ours, plain, legacy))
    print(format_span_scores(ours["span_scores"]))
    print(f"targets: precision >= 0.95 -> {ours['precision'] >= 0.95}; recall >= 0.97 -> {ours['recall'] >= 0.97}")
    if args.errors:
        for i in ours["errors"]:
            print(f"  wrong: gold has_pii={rows[i]['has_pii']} rule={rows[i]['rule']}: {rows[i]['text'][:100]!r}")
    if not args.no_speed:
        sp = measure_speed(engine, baseline, [r["text"] for r in rows])
        msg = f"speed (1,000 texts, batches of 64): ours {sp['ours_texts_per_s']:.0f} texts/s"
        if "presidio_texts_per_s" in sp:
            msg += (f", raw Presidio BatchAnalyzerEngine {sp['presidio_texts_per_s']:.0f} texts/s "
                    f"(ours / raw = {sp['ours_texts_per_s'] / sp['presidio_texts_per_s']:.2f})")
        print(msg)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
