"""A project's export -> what the backend learns from it. Plain Python: no HTTP, no Label Studio client.

Two parts, each learned only when the project's ``label_config`` has its controls:

* **PII terms** (``pii_spans``): :func:`ml_backend.pii.terms.learn_terms` over the annotated tasks. A span the
  team marked is evidence for "always suggest"; a span the backend suggested and the annotator deleted is
  evidence for "never suggest". What the annotator saw is the prediction the annotation was made from
  (``parent_prediction``, set by the labeling screen when it starts from a suggestion); an annotation made from
  scratch is no evidence of a deletion. A term the backend already suggested with that label is not stored
  (the team added nothing), so the file holds only what the default misses. The team's answer to "certain"
  when a term is marked (``pii_certain``) is learned for every term with enough answers, suggested or not.
* **Toxicity head** (``toxicity_input`` / ``toxicity_output``):
  :func:`ml_backend.toxicity.refit.refit_from_export`, from the default head, penalised toward it, its
  settings chosen by 5-fold cross-validation on the team's labels, the line between levels 1 and 2 kept from
  the default or learned (:mod:`ml_backend.toxicity.level_split`). Kept only when its out-of-fold F1 on those
  labels is at least the unchanged head's: a refit that does not beat the default on the team's own answers
  is not used.

    >>> task = {"id": 1, "data": {"prompt": "ping zorbo"},
    ...         "annotations": [{"result": [{"from_name": "pii_spans", "type": "labels",
    ...                          "value": {"start": 5, "end": 10, "text": "zorbo", "labels": ["Name"]}}]}]}
    >>> from label_config.render import render_config
    >>> learned = learn_from_export([task, dict(task, id=2)], render_config("instruction"), None, project=3)
    >>> learned.terms.always, learned.parts
    ({'zorbo': 'Name'}, ['pii_terms'])

Nothing here logs or reports text: the report holds counts and reasons.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from label_config import taxonomy as T

log = logging.getLogger(__name__)

TERMS_FILE = "pii_terms.json"
HEAD_DIR = "toxicity_head"


class NothingToLearn(ValueError):
    """The labels teach nothing yet (too few, or the config has no control the backend learns from)."""


@dataclass
class Learned:
    """What one training learned: the parts (``terms``, ``head``), and a report of counts and reasons."""

    terms: Any = None
    head: Any = None
    report: dict[str, Any] = field(default_factory=dict)

    @property
    def parts(self) -> list[str]:
        return [name for name, value in (("pii_terms", self.terms), ("toxicity_head", self.head)) if value]

    def write(self, directory: Path) -> dict[str, Any]:
        """Write the artefacts into ``directory``; returns the manifest fields (no text)."""
        if self.terms:
            self.terms.save(directory)
        if self.head is not None:
            self.head.save(Path(directory) / HEAD_DIR)
        return {"learned": self.parts, "report": self.report}


def _annotated(tasks: Iterable[Any]) -> list[dict[str, Any]]:
    out = []
    for task in tasks:
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict) or not isinstance(
                task.get("annotations"), list):
            continue  # one malformed task costs only itself
        annotations = [a for a in task["annotations"] if isinstance(a, dict) and not a.get("was_cancelled")]
        if annotations:
            out.append(dict(task, annotations=annotations))
    return out


def seen_predictions(task: dict[str, Any]) -> list[dict[str, Any]]:
    """The prediction the task's latest annotation was made from (``parent_prediction``), as a list of 0 or 1.

    >>> seen_predictions({"annotations": [{"parent_prediction": 7}], "predictions": [{"id": 6}, {"id": 7}]})
    [{'id': 7}]
    >>> seen_predictions({"annotations": [{"parent_prediction": None}], "predictions": [{"id": 6}]})
    []
    """
    parent = task["annotations"][-1].get("parent_prediction") if task.get("annotations") else None
    if isinstance(parent, dict):  # some versions nest the object
        parent = parent.get("id")
    predictions = [p for p in task.get("predictions") or [] if isinstance(p, dict)] if isinstance(
        task.get("predictions"), list) else []
    return [p for p in predictions if parent is not None and p.get("id") == parent][:1]


def _terms_the_default_misses(tasks: Sequence[dict[str, Any]], always: dict[str, str]) -> dict[str, str]:
    """Only the always-terms the team added somewhere (marked where the suggestion it saw lacked them)."""
    from ml_backend.pii.terms import pii_spans, term_key

    added: set[str] = set()
    for task in tasks:
        prompt = str(task["data"].get(T.PROMPT) or "")
        suggested = {(s, e, label) for p in task["predictions"] for s, e, _, label in pii_spans(p.get("result"))}
        for s, e, _, label in pii_spans(task["annotations"][-1].get("result")):
            term = term_key(prompt[s:e])
            if always.get(term) == label and not any(ps < e and s < pe and pl == label for ps, pe, pl in suggested):
                added.add(term)
    return {t: lab for t, lab in always.items() if t in added}


def learn_terms_part(tasks: Sequence[dict[str, Any]]) -> tuple[Any, dict[str, Any]]:
    """(terms or None, report) from annotated tasks."""
    from ml_backend.pii.terms import Terms, learn_terms

    seen = [dict(t, predictions=seen_predictions(t)) for t in tasks]
    learned = learn_terms(seen)
    always = _terms_the_default_misses(seen, learned.always)
    terms = Terms(always, learned.never, learned.certain)
    report = {"tasks": len(tasks), "tasks_with_seen_prediction": sum(1 for t in seen if t["predictions"]),
              "always": len(terms.always), "never": len(terms.never),
              "certain": sum(terms.certain.values()), "not_certain": sum(not v for v in terms.certain.values()),
              "already_suggested": len(learned.always) - len(always)}
    if not terms:
        report["why_nothing"] = ("no term was marked, or deleted from a suggestion, in at least 2 annotated tasks "
                                 "and 60% of those holding it")
        return None, report
    report["digest"] = terms.digest()
    return terms, report


def learn_head_part(tasks: Sequence[dict[str, Any]], label_config: str, engine: Any,
                    project: int) -> tuple[Any, dict[str, Any]]:
    """(refitted head or None, report) from annotated tasks; ``engine`` is the default toxicity engine."""
    from ml_backend.toxicity.refit import RefitError, refit_from_export

    if engine is None or not hasattr(engine, "with_head") or not hasattr(engine, "encoder"):
        return None, {"why_nothing": "the toxicity engine in use (TOXICITY_MODEL) has no head to refit"}
    try:
        result = refit_from_export(engine, tasks, name=f"project-{project}", label_config=label_config)
    except RefitError as exc:
        return None, {"why_nothing": str(exc)}
    labels = result.labels.texts
    chosen = max((f1 for key, f1 in result.cv_f1.items() if key != "unchanged"), default=0.0)
    unchanged = result.cv_f1.get("unchanged", 0.0)
    report = {"texts": len(labels), "toxic": sum(t.level > 0 for t in labels), "skipped_tasks": len(result.labels.skipped),
              "l2": result.l2, "profanity_weight": result.profanity_weight,
              "thresholds": list(result.head.thresholds), "level2_shift": round(result.head.level2_shift, 6),
              "level_split": result.split.as_info() if result.split else None,
              "f1_default": round(unchanged, 4), "f1_refit_out_of_fold": round(chosen, 4)}
    if chosen < unchanged:
        report["why_nothing"] = (f"the refitted head does not beat the default on the team's labels "
                                 f"(out-of-fold F1 {chosen:.3f} < {unchanged:.3f}); the default is kept")
        return None, report
    report["head"] = result.head.version
    return result.head, report


def learn_from_export(tasks: Iterable[Any], label_config: str, toxicity_engine: Any, project: int) -> Learned:
    """Everything the project's labels teach (see the module docstring).

    Raises:
        NothingToLearn: the config has no control the backend learns from, or no part learned anything;
            the message says why for each part.
    """
    from ml_backend.config_reader import read_config

    controls = read_config(label_config)
    annotated = _annotated(tasks)
    learned = Learned(report={"annotated_tasks": len(annotated)})
    wants_terms = controls.has(T.PII_SPANS)
    wants_head = controls.has(T.TOXICITY_INPUT) or controls.has(T.TOXICITY_OUTPUT)
    if not (wants_terms or wants_head):
        raise NothingToLearn(f"the project's labeling config has none of the controls the backend learns from "
                             f"({T.PII_SPANS}, {T.TOXICITY_INPUT}, {T.TOXICITY_OUTPUT})")
    if not annotated:
        raise NothingToLearn("the project has no submitted annotation yet")
    if wants_terms:
        learned.terms, learned.report["pii_terms"] = learn_terms_part(annotated)
    if wants_head:
        learned.head, learned.report["toxicity_head"] = learn_head_part(annotated, label_config, toxicity_engine,
                                                                        project)
    if not learned.parts:
        reasons = "; ".join(f"{part.replace('_', ' ')}: {learned.report[part]['why_nothing']}"
                            for part in ("pii_terms", "toxicity_head") if part in learned.report)
        raise NothingToLearn(f"too few labels to learn from ({len(annotated)} annotated tasks): {reasons}")
    log.info("project %d: learned %s from %d annotated tasks", project, ",".join(learned.parts), len(annotated))
    return learned


def load_learned(directory: str | Path) -> tuple[Any, Any]:
    """(terms or None, head or None) of a published version directory.

    Raises:
        ToxicityModelError: the head cannot be read, or was refitted by a newer version
            (:func:`~ml_backend.toxicity.refit.check_refit_format`); the caller serves the defaults.
    """
    directory = Path(directory)
    terms = head = None
    if (directory / TERMS_FILE).exists():
        from ml_backend.pii.terms import Terms

        terms = Terms.load(directory)
    if (directory / HEAD_DIR).is_dir():
        from ml_backend.toxicity.head import ToxicityHead
        from ml_backend.toxicity.refit import check_refit_format

        head = check_refit_format(ToxicityHead.load(directory / HEAD_DIR))
    return terms, head


def report_json(learned: Learned) -> str:
    """The report as one JSON line (for the status file and the answer)."""
    return json.dumps(learned.report, sort_keys=True)
