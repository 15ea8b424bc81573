"""The model logic: tasks + a project's label_config -> at most one Label Studio prediction per task. No HTTP.

All texts of a call go through each engine in ONE batched call (``analyze_batch`` / ``score_batch``);
identical texts are analysed once. A task that lacks a field the config needs (or holds a text longer than
the limit) gets NO prediction (``None``) and a :class:`TaskProblem` naming the field, so Label Studio asks again
once it is fixed; a task for which nothing is filled gets ``None`` too (no empty "0.00%" prediction). The other
tasks still get theirs::

    predictor = load_predictor(Settings.from_env())          # loads spaCy, Presidio, the toxicity model
    outcome = predictor.predict(tasks, label_config)
    outcome.results   # [{"result": [...], "score": 0.93, "model_version": "labelguide-0.1.0|pii:...|..."}, None]
    outcome.problems  # [TaskProblem(position=1, task_id=17, reason="data has no field 'prompt'")]

With ``check=True`` each region goes through Label Studio's own prediction check first
(:mod:`ml_backend.prediction_check`); the regions it refuses are dropped and counted.

Nothing here logs task text or what was detected: counts, task ids and timings only.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from label_config import taxonomy as T
from ml_backend import results as R
from ml_backend.config_reader import ConfigControls, Control, TaskDataError, TextSource, read_config
from ml_backend.settings import Settings

log = logging.getLogger(__name__)


def _package_version() -> str:
    try:
        return version("labelguide")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree that is not installed
        return "0+unknown"


@dataclass(frozen=True)
class TaskProblem:
    """Why one task of a request got no prediction (names a field, never quotes data)."""

    position: int
    task_id: int | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"task": self.position, "id": self.task_id, "problem": self.reason}


@dataclass
class Outcome:
    """What :meth:`Predictor.predict` returns: per task a prediction or None, the problems, counts for the log."""

    results: list[dict[str, Any] | None]
    problems: list[TaskProblem] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)


class EngineError(RuntimeError):
    """An engine failed on every text of a request: a server fault, not bad input."""


@dataclass
class _Plan:
    """The texts one task needs, read and checked before any engine runs."""

    pii: str | None = None
    tox_input: str | None = None
    tox_output: str | None = None
    prompt: str | None = None
    outputs: list[tuple[Control, str]] = field(default_factory=list)

    def tox_texts(self) -> list[str]:
        texts = [t for t in (self.tox_input, self.tox_output, self.prompt) if t is not None]
        return texts + [text for _, text in self.outputs]


def pii_supports(text: str) -> bool:
    """True when the PII engine reads ``text`` fully (English; see :mod:`ml_backend.pii`, "Languages"): a No on
    any other text is suggested with :data:`ml_backend.results.UNSUPPORTED_NO_CONFIDENCE`.

    >>> pii_supports("Write a haiku about the sea."), pii_supports("请写一首关于大海的诗。")
    (True, False)
    """
    from ml_backend.pii.context import looks_english  # the engine's own test (loaded with the engine)

    return looks_english(text)


def _task_id(task: Any) -> int | None:
    tid = task.get("id") if isinstance(task, dict) else None
    return tid if isinstance(tid, int) and not isinstance(tid, bool) else None


class Predictor:
    """PII and toxicity engines behind the guideline's controls.

    Args:
        pii_engine: has ``model_version`` and ``analyze_batch(texts) -> list[PiiFinding]``.
        toxicity_engine: has ``model_version`` and ``score_batch(texts) -> list[ToxicityScore]``.
        relative: ``relative_toxicity(input_level, output_level) -> -1|0|1``.
        max_text_chars: longest text a task may hold; longer -> that task gets no prediction.
    """

    def __init__(self, pii_engine: Any, toxicity_engine: Any, relative: Callable[[int, int], int],
                 max_text_chars: int = Settings.max_text_chars) -> None:
        self.pii_engine = pii_engine
        self.toxicity_engine = toxicity_engine
        self.relative = relative
        self.max_text_chars = max_text_chars
        # Names both detectors and their versions (each engine names itself) plus this package's, whose
        # mapping rules shape the results: it changes whenever one of the three changes.
        self.model_version = "|".join(
            (f"labelguide-{_package_version()}", pii_engine.model_version, toxicity_engine.model_version))

    # ---------------------------------------------------------------------------------------------- plan
    @staticmethod
    def _check_length(source: TextSource, text: str, limit: int) -> str:
        if len(text) > limit:
            raise TaskDataError(f"field {source.describe()!r} holds {len(text)} characters, more than the "
                                f"limit of {limit} (MAX_TEXT_CHARS)")
        return text

    @staticmethod
    def _read(controls: ConfigControls, source: TextSource | None, data: Any, limit: int,
              fetched: bool) -> str | None:
        if source is None:
            return None
        if source.url and not fetched:
            raise TaskDataError(f"field {source.describe()!r} holds a URL (valueType=\"url\"): its document "
                                "must be fetched first")
        return Predictor._check_length(source, controls.text_of(source, data), limit)

    def _plan(self, controls: ConfigControls, task: Any, limit: int, fetched: bool) -> _Plan:
        if not isinstance(task, dict):
            raise TaskDataError(f"task is a {type(task).__name__}, not an object")
        data = task.get("data")
        if not isinstance(data, dict):
            raise TaskDataError("task has no 'data' object")
        plan = _Plan()
        plan.pii = self._read(controls, controls.pii_source, data, limit, fetched)
        if controls.has(T.TOXICITY_INPUT) or controls.has(T.RELATIVE_TOXICITY_NAME):
            plan.tox_input = self._read(controls, controls.toxicity_input_source, data, limit, fetched)
        if controls.has(T.TOXICITY_OUTPUT) or controls.has(T.RELATIVE_TOXICITY_NAME):
            plan.tox_output = self._read(controls, controls.toxicity_output_source, data, limit, fetched)
        if controls.per_output:
            plan.prompt = self._read(controls, controls.prompt_source, data, limit, fetched)
            for per in controls.per_output:
                for control, text in per.expand(data):
                    if control.source.url and not fetched:
                        raise TaskDataError(f"field {control.source.describe()!r} holds a URL: fetch it first")
                    plan.outputs.append((control, self._check_length(control.source, text, limit)))
        return plan

    # -------------------------------------------------------------------------------------------- engines
    def _run(self, name: str, batch: Callable[[list[str]], list[Any]], texts: list[str]) -> dict[str, Any]:
        """``{text: engine output}`` from one batched call; on failure, text by text to isolate the bad ones."""
        if not texts:
            return {}
        try:
            outputs = batch(texts)
            if len(outputs) != len(texts):
                raise EngineError(f"{name} engine returned {len(outputs)} results for {len(texts)} texts")
            return dict(zip(texts, outputs))
        except Exception as exc:
            log.warning("%s engine failed on a batch of %d texts (%s); retrying one by one",
                        name, len(texts), type(exc).__name__)
        found: dict[str, Any] = {}
        for text in texts:
            try:
                (found[text],) = batch([text])
            except Exception as exc:
                log.warning("%s engine failed on one text (%s)", name, type(exc).__name__)
        if not found:
            raise EngineError(f"the {name} engine failed on every text of the request")
        return found

    # -------------------------------------------------------------------------------------------- predict
    def predict(self, tasks: Sequence[Any], label_config: str, max_text_chars: int | None = None,
                check: bool = False, urls_fetched: bool = False) -> Outcome:
        """A prediction or None per task, same order. Raises ``ConfigError`` for a config that does not parse.

        Args:
            max_text_chars: overrides the predictor's own limit for this call (the app passes its setting).
            check: keep only the regions Label Studio's prediction check accepts.
            urls_fetched: the values of ``valueType="url"`` fields were already replaced by their documents'
                text (the HTTP layer fetches them); otherwise such a task is a problem.
        """
        t0 = time.perf_counter()
        limit = self.max_text_chars if max_text_chars is None else max_text_chars
        controls = read_config(label_config)
        if controls.empty:
            return Outcome([None for _ in tasks], stats={"tasks": len(tasks), "controls": 0})

        plans: list[_Plan | None] = []
        problems: list[TaskProblem] = []
        for position, task in enumerate(tasks):
            try:
                plans.append(self._plan(controls, task, limit, urls_fetched))
            except TaskDataError as exc:
                plans.append(None)
                problems.append(TaskProblem(position, _task_id(task), str(exc)))

        pii_texts = list(dict.fromkeys(p.pii for p in plans if p is not None and p.pii is not None))
        tox_texts = list(dict.fromkeys(t for p in plans if p is not None for t in p.tox_texts()))
        t1 = time.perf_counter()
        findings = self._run("PII", self.pii_engine.analyze_batch, pii_texts)
        t2 = time.perf_counter()
        scores = self._run("toxicity", self.toxicity_engine.score_batch, tox_texts)
        t3 = time.perf_counter()

        out: list[dict[str, Any] | None] = []
        dropped = refused = 0
        checker = None
        if check:
            from ml_backend.prediction_check import check_for

            checker = check_for(label_config)
        refused_names: set[str] = set()
        for position, plan in enumerate(plans):
            if plan is None:
                out.append(None)
                continue
            missing = [t for t in (plan.pii,) if t is not None and t not in findings]
            missing += [t for t in plan.tox_texts() if t not in scores]
            if missing:
                problems.append(TaskProblem(position, _task_id(tasks[position]), "the engine failed on this task"))
                out.append(None)
                continue
            result: list[dict[str, Any]] = []
            if plan.pii is not None:
                finding = findings[plan.pii]
                supported = finding.has_pii or pii_supports(plan.pii)
                items, lost = R.pii_results(controls, finding, plan.pii, supported)
                result += items
                dropped += lost
            tox_in = scores.get(plan.tox_input) if plan.tox_input is not None else None
            tox_out = scores.get(plan.tox_output) if plan.tox_output is not None else None
            relative = self.relative(tox_in.level, tox_out.level) if tox_in and tox_out else None
            result += R.toxicity_results(controls, tox_in, tox_out, relative)
            prompt_tox = scores.get(plan.prompt) if plan.prompt is not None else None
            for control, text in plan.outputs:
                item = R.inappropriate_result(control, scores[text], prompt_tox)
                if item is not None:
                    result.append(item)
            if checker is not None and result:
                result, refused_here = checker.keep(result)
                refused += len(refused_here)
                refused_names.update(_base_name(n) for n in refused_here)
            out.append({"result": result, "score": R.task_score(result), "model_version": self.model_version}
                       if result else None)

        problems.sort(key=lambda p: p.position)
        stats = {
            "tasks": len(tasks), "bad_tasks": len(problems), "pii_texts": len(pii_texts),
            "toxicity_texts": len(tox_texts), "regions": sum(len(r["result"]) for r in out if r is not None),
            "no_prediction": sum(r is None for r in out), "spans_dropped": dropped, "refused_by_check": refused,
            "refused_controls": ",".join(sorted(refused_names)) or "-",
            "read_ms": round((t1 - t0) * 1000, 1), "pii_ms": round((t2 - t1) * 1000, 1),
            "toxicity_ms": round((t3 - t2) * 1000, 1), "total_ms": round((time.perf_counter() - t0) * 1000, 1),
        }
        return Outcome(out, problems, stats)


def _base_name(name: str) -> str:
    """``inappropriate_3`` -> ``inappropriate_{i}``: control names for the log without per-output noise."""
    head, _, tail = name.rpartition("_")
    return f"{head}_{{i}}" if head and tail.isdigit() else name


def load_predictor(settings: Settings) -> Predictor:
    """Build the engines named by ``settings`` (loads the models: seconds; call once per process)."""
    from ml_backend.pii import get_pii_engine
    from ml_backend.toxicity import get_toxicity_engine, relative_toxicity

    t0 = time.perf_counter()
    toxicity = get_toxicity_engine(settings.toxicity_model, head_dir=settings.toxicity_head)
    predictor = Predictor(get_pii_engine(settings.spacy_model), toxicity, relative_toxicity, settings.max_text_chars)
    log.info("models loaded in %.1f s: %s", time.perf_counter() - t0, predictor.model_version)
    return predictor
