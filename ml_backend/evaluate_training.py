"""What "Start Training" gains, through the backend's own training path: a simulated team labels 300 tasks of a
domain the default is weak on, the backend trains on them, and the rest of the domain is predicted before and after.

Run ``python -m ml_backend.evaluate_training`` (a minute or two with the embeddings cached by
``python -m ml_backend.toxicity.train``; several minutes without). Not a timed test: it prints figures.

The committed head has seen both public training sources, so no domain would be new to it. As in
:mod:`ml_backend.evaluate_toxicity_refit`, "the default" is therefore a head trained the same way on the Davidson
tweets only, served by the backend exactly as a deployment would serve it (``TOXICITY_HEAD``), and the team's
domain is the Stormfront forum: 300 tasks of two consecutive sentences of one post (``prompt`` /
``continuation``) by a random third of the users, annotated with the source's gold levels; the test set is every
sentence by the other users (no user in both, so no author's phrasing is learned and tested).

What runs is what ``/webhook START_TRAINING`` runs, minus the HTTP and Label Studio hops (the real-Label-Studio
test ``tests/test_training_studio.py`` covers those): :func:`ml_backend.training_job.run_job` reads the export
(here handed over instead of downloaded), :func:`~ml_backend.learn_project.learn_from_export` refits the head
and keeps it only if it beats the default out of fold on the team's labels, the version is published in a
temporary ``MODEL_DIR``, :func:`~ml_backend.project_models.resolve_model` names it in ``model_version``, and the
test tasks are predicted by :class:`~ml_backend.predict.Predictor` (what the engines call) with the default and
with the project's model. Printed: toxic-vs-clean P / R / F1 and three-level accuracy, with plain
alt-profanity-check (p >= 0.5) in the same run.

PII terms the same way (``--pii``): the ops-chat domain of :mod:`ml_backend.evaluate_pii_terms` (colleagues'
lower-case nicknames are PII, server codenames shaped like full names are not): the backend pre-annotates the
first 300 tasks, the team's annotations (made from those predictions, ``parent_prediction``) are the gold spans,
Start Training's path learns the terms, and the other 200 tasks are predicted with the default and the project's
version (span-level: same label, overlapping; also on the prompts never seen in training alone). The team also
answers the PII question's "certain" (``pii_certain``) as the domain says (a colleague's nickname: PII, not
certain; an e-mail or a phone number: certain), so the same run prints the **certain agreement**: on the test
tasks the team marked as PII, the share whose predicted ``pii_certain`` is the team's answer (no prediction of it,
because no PII was found, disagrees), before, after with the learned terms but not their "certain", and after
Start Training (terms and "certain"). Train and test tasks never overlap (the first 300 tasks / the other 200).

    python -m ml_backend.evaluate_training [--seed 0] [--test-limit 0] [--pii | --pii-only]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from label_config import taxonomy as T
from label_config.render import render_config
from ml_backend.evaluate_toxicity_refit import as_export, stormfront_split
from ml_backend.toxicity.metrics import binary_metrics, level_accuracy
from ml_backend.toxicity.training_data import DEFAULT_DATA_DIR, TrainingRow

PROJECT = 1
UID = "1.1796129598"
BATCH = 256
TASKS_PII = 300
PII_DOMAIN = Path(__file__).resolve().parents[1] / "tests" / "data" / "pii_domain_ops.jsonl"


def _levels(predictor: Any, rows: Sequence[TrainingRow], config: str) -> list[int]:
    """Predicted level of every row: rows go two a task (``prompt``, ``continuation``), as Label Studio sends them."""
    out: list[int] = []
    for start in range(0, len(rows), 2 * BATCH):
        chunk = rows[start:start + 2 * BATCH]
        pairs = [chunk[i:i + 2] for i in range(0, len(chunk), 2)]
        tasks = [{"id": i, "data": {T.PROMPT: p[0].text, T.CONTINUATION: p[-1].text}} for i, p in enumerate(pairs)]
        outcome = predictor.predict(tasks, config)
        for pair, prediction in zip(pairs, outcome.results):
            got = {r["from_name"]: T.TOXICITY_LEVELS.index(r["value"]["choices"][0])
                   for r in (prediction or {}).get("result", [])
                   if r.get("from_name") in (T.TOXICITY_INPUT, T.TOXICITY_OUTPUT)}
            out += [got.get(T.TOXICITY_INPUT, 0), got.get(T.TOXICITY_OUTPUT, 0)][:len(pair)]
    return out


def _metrics(pred: Sequence[int], gold: Sequence[int]) -> dict[str, Any]:
    """Toxic-vs-clean (level > 0) P / R / F1 and three-level accuracy.

    >>> m = _metrics([0, 2, 1, 0], [0, 2, 2, 1])
    >>> round(m["binary"]["f1"], 3), m["level_accuracy"]
    (0.8, 0.5)
    """
    return {"binary": binary_metrics([p > 0 for p in pred], [g > 0 for g in gold]),
            "level_accuracy": level_accuracy(list(pred), list(gold))}


def _line(label: str, res: dict[str, Any]) -> str:
    b = res["binary"]
    return (f"  {label:<44} P {b['precision']:.3f}  R {b['recall']:.3f}  F1 {b['f1']:.3f}  "
            f"3-level {res['level_accuracy']:.3f}")


def default_head_without_the_domain(work: Path, data_dir: Path) -> Path:
    """A head trained on the Davidson tweets only (the committed recipe), saved under ``work``: the default."""
    from ml_backend.toxicity import get_toxicity_engine
    from ml_backend.toxicity.train import DEFAULT_CACHE, embed_cached, fit_head
    from ml_backend.toxicity.training_data import load_training_data

    encoder = get_toxicity_engine().encoder
    rows = load_training_data(data_dir)["davidson"]
    head = fit_head([(embed_cached(encoder, [r.text for r in rows], DEFAULT_CACHE), rows)], "only-davidson",
                    encoder.version)
    head.save(work / "default_head")
    return work / "default_head"


def run_pii_only(out=sys.stdout) -> dict[str, Any]:
    """The PII simulation alone, on the default engines (no toxicity head to train first)."""
    from ml_backend.model_store import ModelStore
    from ml_backend.predict import load_predictor
    from ml_backend.settings import Settings

    with tempfile.TemporaryDirectory(prefix="labelguide-eval-") as tmp:
        settings = Settings(model_dir=str(Path(tmp) / "models"))
        predictor = load_predictor(settings)
        report = run_pii(predictor, ModelStore(settings.model_dir, settings.model_keep), settings, out=out)
    return {"status": {"state": report["status"]}, "pii": report}


def run(data_dir: Path = DEFAULT_DATA_DIR, seed: int = 0, test_limit: int = 0, pii: bool = False,
        out=sys.stdout) -> dict[str, Any]:
    """The simulation; prints and returns the figures."""
    from ml_backend.model_store import ModelStore
    from ml_backend.predict import load_predictor
    from ml_backend.project_models import ProjectPredictors, resolve_model
    from ml_backend.settings import Settings
    from ml_backend.toxicity.profanity import profanity_scores
    from ml_backend.training_job import JobSpec, run_job

    config = render_config(T.TOXICITY)
    with tempfile.TemporaryDirectory(prefix="labelguide-eval-") as tmp:
        work = Path(tmp)
        settings = Settings(toxicity_head=str(default_head_without_the_domain(work, data_dir)),
                            model_dir=str(work / "models"))
        predictor = load_predictor(settings)
        store = ModelStore(settings.model_dir, settings.model_keep)
        tasks, test = stormfront_split(data_dir, seed)
        if test_limit:
            test = [test[i] for i in sorted(np.random.default_rng(seed).permutation(len(test))[:test_limit])]
        export = as_export(tasks)
        status = run_job(JobSpec("eval", PROJECT, UID), settings, predictor.toxicity_engine, store,
                         fetch=lambda _settings, _project: (export, config, UID))
        print(f"training: {status['state']} ({status.get('code')}): {status.get('message')}", file=out)
        gold = [r.level for r in test]
        base = predictor.model_version
        ref, version = resolve_model(store, base, UID)
        report: dict[str, Any] = {"status": {k: status.get(k) for k in ("state", "code", "version", "learned")},
                                  "default_version": base, "project_version": version,
                                  "labelled_texts": 2 * len(tasks), "test_rows": len(test),
                                  "before": _metrics(_levels(predictor, test, config), gold)}
        after = ProjectPredictors(predictor).get(ref)
        report["after"] = _metrics(_levels(after, test, config), gold)
        prof = profanity_scores([r.text for r in test])
        report["baseline"] = _metrics([2 if p >= 0.5 else 0 for p in prof], gold)
        toxic = sum(r.level > 0 for r in test)
        print(f"domain stormfront: default = the backend with a head trained on Davidson tweets only; the team "
              f"labels {len(tasks)} tasks ({2 * len(tasks)} texts); test: {len(test)} sentences by other users "
              f"({toxic} toxic)", file=out)
        print(_line("before: default model_version", report["before"]), file=out)
        print(_line("after Start Training: the project's version", report["after"]), file=out)
        print(_line("alt-profanity-check (p >= 0.5), same rows", report["baseline"]), file=out)
        gain = report["after"]["binary"]["f1"] - report["before"]["binary"]["f1"]
        print(f"  gain F1 {gain:+.3f}; model_version ...{base[-24:]} -> ...{version[-40:]}", file=out)
        if pii:
            report["pii"] = run_pii(predictor, store, settings, out=out)
    return report


def _spans(prediction: Any) -> list[tuple[int, int, str]]:
    return [(r["value"]["start"], r["value"]["end"], r["value"]["labels"][0])
            for r in (prediction or {}).get("result", []) if r.get("from_name") == T.PII_SPANS]


def certain_answer(prediction: Any) -> bool | None:
    """The prediction's ``pii_certain`` answer (None when it has none).

    >>> certain_answer({"result": [{"from_name": T.PII_CERTAIN, "value": {"choices": [T.NO]}}]})
    False
    """
    for r in (prediction or {}).get("result", []):
        if r.get("from_name") == T.PII_CERTAIN:
            return r["value"]["choices"][0] == T.YES
    return None


def certain_agreement(rows: Sequence[dict[str, Any]], predictions: Sequence[Any]) -> dict[str, Any]:
    """On the rows the team marked as PII: the share of predictions answering "certain" as the team did
    (``all``: no answer disagrees), and the same on the rows the prediction also calls PII (``when_found``).

    >>> rows = [{"has_pii": True, "certain": False}, {"has_pii": True, "certain": True}, {"has_pii": False}]
    >>> no = {"result": [{"from_name": T.PII_CERTAIN, "value": {"choices": [T.NO]}}]}
    >>> certain_agreement(rows, [no, None, no])
    {'all': 0.5, 'when_found': 1.0, 'pii_rows': 2, 'found': 1}
    """
    pairs = [(row["certain"], certain_answer(p)) for row, p in zip(rows, predictions) if row.get("has_pii")]
    found = [(g, a) for g, a in pairs if a is not None]
    return {"all": sum(g == a for g, a in pairs) / len(pairs) if pairs else 0.0,
            "when_found": sum(g == a for g, a in found) / len(found) if found else 0.0,
            "pii_rows": len(pairs), "found": len(found)}


def span_scores(rows: Sequence[dict[str, Any]], predictions: Sequence[Any]) -> dict[str, float]:
    """Span-level P / R / F1 (same label, overlapping) of predictions against rows' gold ``spans``.

    >>> row = {"spans": [{"start": 0, "end": 5, "label": "Name"}]}
    >>> pred = {"result": [{"from_name": T.PII_SPANS, "value": {"start": 0, "end": 5, "labels": ["Name"]}}]}
    >>> span_scores([row, row], [pred, None])["f1"]
    0.6666666666666666
    """
    tp = fp = fn = 0
    for row, prediction in zip(rows, predictions):
        got = _spans(prediction)
        gold = [(g["start"], g["end"], g["label"]) for g in row["spans"]]
        def hit(a: tuple, b: tuple) -> bool:
            return a[2] == b[2] and a[0] < b[1] and b[0] < a[1]
        tp += sum(any(hit(p, g) for p in got) for g in gold)
        fn += sum(not any(hit(p, g) for p in got) for g in gold)
        fp += sum(not any(hit(p, g) for g in gold) for p in got)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def run_pii(predictor: Any, store: Any, settings: Any, train_n: int = TASKS_PII, out=sys.stdout) -> dict[str, Any]:
    """The PII-terms simulation on the ops-chat domain (``tests/data/pii_domain_ops.jsonl``)."""
    import json

    from ml_backend.project_models import ProjectPredictors, resolve_model
    from ml_backend.training_job import JobSpec, run_job

    config = render_config(T.INSTRUCTION)
    rows = [json.loads(line) for line in PII_DOMAIN.read_text(encoding="utf-8").splitlines() if line.strip()]
    train, test = rows[:train_n], rows[train_n:]
    seen = predictor.predict([{"id": i, "data": {T.PROMPT: r["text"]}} for i, r in enumerate(train)], config).results
    export = []
    for i, (row, prediction) in enumerate(zip(train, seen)):
        text = row["text"]
        gold = [{"from_name": T.PII_SPANS, "to_name": T.PROMPT, "type": "labels",
                 "value": {"start": g["start"], "end": g["end"], "text": text[g["start"]:g["end"]],
                           "labels": [g["label"]]}} for g in row["spans"]]
        gold.append({"from_name": T.PII, "to_name": T.PROMPT, "type": "choices",
                     "value": {"choices": [T.YES if row["has_pii"] else T.NO]}})
        if row["has_pii"]:
            gold.append({"from_name": T.PII_CERTAIN, "to_name": T.PROMPT, "type": "choices",
                         "value": {"choices": [T.YES if row["certain"] else T.NO]}})
        export.append({"id": i + 1, "data": {T.PROMPT: text},
                       "predictions": [dict(prediction or {"result": []}, id=1000 + i)],
                       "annotations": [{"id": i + 1, "result": gold, "was_cancelled": False,
                                        "parent_prediction": 1000 + i}]})
    uid = "2.1796129598"
    status = run_job(JobSpec("eval-pii", 2, uid), settings, predictor.toxicity_engine, store,
                     fetch=lambda _settings, _project: (export, config, uid))
    print(f"training: {status['state']} ({status.get('code')}): {status.get('message')}", file=out)
    ref, version = resolve_model(store, predictor.model_version, uid)
    after_predictor = ProjectPredictors(predictor).get(ref)
    tasks = [{"id": i, "data": {T.PROMPT: r["text"]}} for i, r in enumerate(test)]
    known = {r["text"] for r in train}
    unseen = [i for i, r in enumerate(test) if r["text"] not in known]
    report: dict[str, Any] = {"version": version, "test_rows": len(test), "unseen_rows": len(unseen),
                              "status": status["state"]}
    learned = (status.get("report") or {}).get("pii_terms") or {}
    who_is_who = [("before", "before: default model_version", predictor),
                  ("terms_only", "after, the terms without their 'certain'", _without_certain(predictor, ref)),
                  ("after", "after Start Training", after_predictor)]
    for name, _, who in who_is_who:
        if who is None:
            continue
        results = who.predict(tasks, config).results
        report[name] = span_scores(test, results)
        report[name + "_unseen"] = span_scores([test[i] for i in unseen], [results[i] for i in unseen])
        report[name + "_certain"] = certain_agreement(test, results)
        report[name + "_certain_unseen"] = certain_agreement([test[i] for i in unseen], [results[i] for i in unseen])
    print(f"domain ops chat (PII terms): the team labels {len(train)} tasks; test: the other {len(test)} "
          f"({len(unseen)} prompts not in training; {report['before_certain']['pii_rows']} marked PII); learned "
          f"{learned.get('not_certain', 0)} terms as not certain, {learned.get('certain', 0)} as certain", file=out)
    for name, label, who in who_is_who:
        if who is None:
            continue
        a, u = report[name], report[name + "_unseen"]
        c, cu = report[name + "_certain"], report[name + "_certain_unseen"]
        print(f"  {label:<44} span P {a['precision']:.3f}  R {a['recall']:.3f}  F1 {a['f1']:.3f}   "
              f"unseen prompts F1 {u['f1']:.3f}", file=out)
        print(f"  {'':<44} certain agreement {c['all']:.3f} (when PII found {c['when_found']:.3f}, "
              f"{c['found']}/{c['pii_rows']})   unseen prompts {cu['all']:.3f}", file=out)
    return report


def _without_certain(predictor: Any, ref: Any) -> Any:
    """The project's predictor with its learned terms minus their "certain" (what the last round served)."""
    from ml_backend.learn_project import load_learned
    from ml_backend.pii.terms import Terms
    from ml_backend.predict import Predictor

    terms = load_learned(ref.path)[0] if ref is not None else None
    if not terms:
        return None
    return Predictor(predictor.pii_engine.with_terms(Terms(terms.always, terms.never)), predictor.toxicity_engine,
                     predictor.relative, predictor.max_text_chars)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: ``python -m ml_backend.evaluate_training [--seed N] [--test-limit N]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="example: python -m ml_backend.evaluate_training --seed 0")
    parser.add_argument("--seed", type=int, default=0, help="which 300 tasks the team labels (default 0)")
    parser.add_argument("--test-limit", type=int, default=0,
                        help="score a seeded sample of this many test sentences (default 0: all of them)")
    parser.add_argument("--pii", action="store_true", help="also the PII-terms simulation (ops-chat domain)")
    parser.add_argument("--pii-only", action="store_true",
                        help="only the PII-terms simulation, on the default engines (a minute)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="folder holding the training files")
    args = parser.parse_args(argv)
    report = run_pii_only() if args.pii_only else run(args.data, args.seed, args.test_limit, args.pii)
    return 0 if report["status"]["state"] == "finished" else 1


if __name__ == "__main__":
    raise SystemExit(main())
