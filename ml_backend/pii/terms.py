"""Learning from a team's own labels: the names, handles and terms a project's annotators keep marking (always
suggest them, with their label) and the ones they keep un-marking (never suggest them).

Input: a Label Studio JSON export of the project (a list of tasks), or tasks as the SDK returns them. Each task's
annotations hold the ``pii_spans`` Labels results the team submitted; its predictions (if any) hold what the
backend had suggested. A term is a span's text, case-folded:

- **always**: marked with a label in at least ``min_count`` tasks, and in at least ``min_share`` of the
  annotated tasks whose prompt contains it (a team that marks "zorbo" 9 times out of 10 means it);
- **never**: suggested by the backend and deleted by the annotator in at least ``min_count`` tasks, and deleted
  in at least ``min_share`` of the times it was suggested; a term on both lists is dropped from both. A highlight
  left in a prompt answered PII = No (a suggestion the annotator rejected at the question) counts as deleted.

:class:`Terms` is small JSON (:meth:`Terms.save` / :meth:`Terms.load`, one file ``pii_terms.json`` in a
directory per project) and :meth:`ml_backend.pii.PiiEngine.with_terms` applies it: a deny-list
``PatternRecognizer`` per label for ``always``, a filter for ``never``, the team's ``certain`` on the spans of
those terms. :meth:`Terms.occurrences` finds the ``always`` terms in a text without any engine (interactive
pre-annotation).

    >>> task = {"data": {"prompt": "ping zorbo about Iris Atlas"},
    ...         "annotations": [{"result": [{"from_name": "pii_spans", "type": "labels",
    ...                          "value": {"start": 5, "end": 10, "text": "zorbo", "labels": ["Name"]}}]}],
    ...         "predictions": [{"result": [{"from_name": "pii_spans", "type": "labels",
    ...                          "value": {"start": 17, "end": 27, "text": "Iris Atlas", "labels": ["Name"]}}]}]}
    >>> terms = learn_terms([task, task])
    >>> terms.always, sorted(terms.never)
    ({'zorbo': 'Name'}, ['iris atlas'])
    >>> unsure = {"data": {"prompt": "ask Ruth"}, "annotations": [{"result": [
    ...     {"from_name": "pii_spans", "type": "labels", "value": {"start": 4, "end": 8, "labels": ["Name"]}},
    ...     {"from_name": "pii_certain", "type": "choices", "value": {"choices": ["No"]}}]}]}
    >>> learn_terms([unsure, unsure]).certain
    {'ruth': False}
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from label_config import taxonomy as T

FILE_NAME = "pii_terms.json"
MAX_TERM_CHARS = 60
# At most this many terms a list are learned (the most marked / deleted first) and loaded: Presidio compiles each
# label's deny list with the ``regex`` module (pure-Python parser, ~0.5 s per 1,000 terms), in every engine that
# serves the project; 100,000 terms took each engine over TASK_TIME_BUDGET.
MAX_TERMS = 5000
TERM_SCORE = 0.9


@dataclass
class Terms:
    """A project's learned terms: ``always`` (term -> label), ``never`` (terms) and ``certain`` (term -> the
    team's "certain" answer), all case-folded."""

    always: dict[str, str] = field(default_factory=dict)
    never: set[str] = field(default_factory=set)
    certain: dict[str, bool] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.always or self.never or self.certain)

    def digest(self) -> str:
        """A short hash of the terms (part of the engine's ``model_version``)."""
        parts: dict[str, Any] = {"always": sorted(self.always.items()), "never": sorted(self.never)}
        if self.certain:  # absent when empty: versions learned before "certain" keep their digest
            parts["certain"] = sorted(self.certain.items())
        return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:10]

    def occurrences(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, label)`` of every ``always`` term in ``text``: whole words, any case, the longer term
        first where two overlap; none of ``never``.

        >>> Terms(always={"zorbo": "Name", "emp-7": "Identifier"}).occurrences("Zorbo filed EMP-7; zorbos no")
        [(0, 5, 'Name'), (12, 17, 'Identifier')]
        """
        pattern = _matcher(tuple(sorted(self.always, key=lambda t: (-len(t), t))))
        if pattern is None:
            return []
        out = []
        for m in pattern.finditer(text):
            term = term_key(m.group())
            label = self.always.get(term)
            if label is not None and term not in self.never:
                out.append((m.start(), m.end(), label))
        return out

    def never_spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of every ``never`` term in ``text`` (whole words, any case).

        >>> Terms(never={"marco polo"}).never_spans("Marco  Polo and marco polo")
        [(0, 11), (16, 26)]
        """
        pattern = _matcher(tuple(sorted(self.never, key=lambda t: (-len(t), t))))
        return [] if pattern is None else [(m.start(), m.end()) for m in pattern.finditer(text)]

    def recognizers(self) -> list[Any]:
        """One case-insensitive deny-list recognizer per label, entity ``TEAM_<LABEL>``."""
        from presidio_analyzer import PatternRecognizer

        by_label: dict[str, list[str]] = defaultdict(list)
        for term, label in self.always.items():
            by_label[label].append(term)
        return [PatternRecognizer(supported_entity=f"TEAM_{label.upper()}", name=f"TeamTerms{label}",
                                  deny_list=sorted(words, key=len, reverse=True), deny_list_score=TERM_SCORE)
                for label, words in sorted(by_label.items())]

    def save(self, directory: Path | str) -> Path:
        """Write ``<directory>/pii_terms.json`` (atomically); returns its path."""
        path = Path(directory) / FILE_NAME
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        body: dict[str, Any] = {"always": dict(sorted(self.always.items())), "never": sorted(self.never)}
        if self.certain:
            body["certain"] = dict(sorted(self.certain.items()))
        tmp.write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)
        return path

    @classmethod
    def load(cls, directory: Path | str) -> "Terms":
        """Read ``<directory>/pii_terms.json``; empty terms when there is none. Labels outside the taxonomy and
        over-long terms are ignored."""
        path = Path(directory) / FILE_NAME
        if not path.exists():
            return cls()
        raw = json.loads(path.read_text(encoding="utf-8"))
        always = {str(k).casefold(): v for k, v in (raw.get("always") or {}).items()
                  if v in T.PII_LABELS and 0 < len(str(k)) <= MAX_TERM_CHARS}
        always = dict(list(always.items())[:MAX_TERMS])
        never = {str(t).casefold() for t in list(raw.get("never") or [])[:MAX_TERMS]
                 if 0 < len(str(t)) <= MAX_TERM_CHARS}
        certain = {str(k).casefold(): v for k, v in (raw.get("certain") or {}).items()
                   if isinstance(v, bool) and 0 < len(str(k)) <= MAX_TERM_CHARS}
        return cls(always, never, certain)


@lru_cache(maxsize=64)
def _matcher(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive whole-word alternation of literal terms (longest first), compiled once per set."""
    alternatives = [r"\s+".join(re.escape(w) for w in t.split()) for t in terms if t.split()]
    if not alternatives:
        return None  # no term, or only blank ones (a hand-edited file): nothing to find
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)


def pii_spans(results: Any) -> list[tuple[int, int, str, str]]:
    """``(start, end, text, label)`` of the PII span regions in an annotation's or prediction's ``result``.

    >>> pii_spans([{"from_name": "pii_spans", "type": "labels",
    ...             "value": {"start": 4, "end": 9, "text": "zorbo", "labels": ["Name"]}}, {"type": "choices"}])
    [(4, 9, 'zorbo', 'Name')]
    """
    out = []
    for r in results if isinstance(results, list) else []:
        if not isinstance(r, dict) or r.get("from_name") != T.PII_SPANS or r.get("type") != "labels":
            continue
        v = r.get("value")
        labels = v.get("labels") if isinstance(v, dict) else None
        if (isinstance(labels, list) and labels and isinstance(v.get("start"), int)
                and isinstance(v.get("end"), int) and labels[0] in T.PII_LABELS):
            out.append((v["start"], v["end"], str(v.get("text") or ""), labels[0]))
    return out


def _choice(results: Any, control: str) -> str | None:
    """The first choice of the ``control`` Choices result, None when unanswered.

    >>> _choice([{"from_name": "pii", "type": "choices", "value": {"choices": ["No"]}}], "pii")
    'No'
    """
    for r in results if isinstance(results, list) else []:
        if isinstance(r, dict) and r.get("from_name") == control and r.get("type") == "choices":
            choices = r.get("value").get("choices") if isinstance(r.get("value"), dict) else None
            if isinstance(choices, list) and choices and isinstance(choices[0], str):
                return choices[0]
    return None


def _certain_answer(results: Any) -> bool | None:
    """The annotation's "certain" answer (``pii_certain``: Yes -> True, No -> False), None when unanswered."""
    choice = _choice(results, T.PII_CERTAIN)
    return choice == T.YES if choice in (T.YES, T.NO) else None


def term_key(text: str) -> str:
    """How a term is compared and stored: whitespace runs as one space, case-folded.

    >>> term_key("  Marco    Polo ")
    'marco polo'
    """
    return re.sub(r"\s+", " ", text.strip()).casefold()


def learn_terms(tasks: Iterable[dict[str, Any]], min_count: int = 2, min_share: float = 0.6) -> Terms:
    """:class:`Terms` from a project's tasks (see the module docstring). Tasks without a submitted
    (non-cancelled) annotation are skipped; a task's latest annotation counts."""
    marked: dict[str, Counter[str]] = defaultdict(Counter)
    suggested: Counter[str] = Counter()
    deleted: Counter[str] = Counter()
    prompts: list[str] = []
    unsure: Counter[str] = Counter()  # tasks answered "not certain" with the term marked
    sure: Counter[str] = Counter()    # tasks answered "certain" whose only marked span is the term
    for task in tasks:
        if not isinstance(task, dict) or not isinstance(task.get("annotations"), list):
            continue  # one malformed task costs only itself
        annotations = [a for a in task["annotations"] if isinstance(a, dict) and not a.get("was_cancelled")]
        if not annotations:
            continue
        data = task.get("data")
        prompt = str((data if isinstance(data, dict) else {}).get(T.PROMPT) or "")
        prompts.append(prompt.casefold())
        result = annotations[-1].get("result")
        # PII = No is the answer: a highlight left under it (a suggestion not deleted) is a rejected suggestion
        gold = [] if _choice(result, T.PII) == T.NO else pii_spans(result)
        answer = _certain_answer(result)
        task_terms = set()
        for s, e, text, label in gold:
            term = term_key(text or prompt[s:e])
            if 0 < len(term) <= MAX_TERM_CHARS:
                marked[term][label] += 1
                task_terms.add(term)
        if answer is False:
            unsure.update(task_terms)
        elif answer is True and len(gold) == 1:
            sure.update(task_terms)
        predictions = task.get("predictions")
        for prediction in predictions if isinstance(predictions, list) else []:
            for s, e, text, label in pii_spans(prediction.get("result") if isinstance(prediction, dict) else None):
                term = term_key(text or prompt[s:e])
                if not 0 < len(term) <= MAX_TERM_CHARS:
                    continue
                suggested[term] += 1
                if not any(gs < e and s < ge for gs, ge, _, _ in gold):
                    deleted[term] += 1
    always: dict[str, str] = {}
    # the most marked terms first: at most MAX_TERMS are kept
    for term, labels in sorted(marked.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        label, count = labels.most_common(1)[0]
        if count < min_count:
            continue  # (before the scan of every prompt: most terms are marked once)
        pattern = re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)")
        seen = sum(1 for p in prompts if pattern.search(p))
        if count >= min_share * max(seen, 1):
            always[term] = label
            if len(always) >= MAX_TERMS:
                break
    never = {t for t, n in sorted(deleted.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
             if n >= min_count and n >= min_share * suggested[t]}
    both = never & set(always)
    certain: dict[str, bool] = {}
    for term in set(unsure) | set(sure):
        answered = unsure[term] + sure[term]
        for value, count in ((False, unsure[term]), (True, sure[term])):
            if count >= min_count and count >= min_share * answered and term not in never:
                certain[term] = value
    return Terms({t: lab for t, lab in always.items() if t not in both}, never - both, dict(sorted(certain.items())))
