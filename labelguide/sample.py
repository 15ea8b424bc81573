"""The bundled sample (``labelguide/data/sample/``), loaded into the guideline projects by ``labelguide up``.

Written for this project: 30 prompts covering all ten use-case categories (a few with PII, so the backend's
suggestions show), 6 comparison prompts with K = 4..9 outputs from named models, and 8 toxicity pairs. Every
file goes through the same importer as user data (``importers.pipeline.import_prompts``), so a second run adds
nothing. The PII policy is ``flag``/``keep`` here, not the importer's default ``drop``: the sample is there to
show the PII suggestions.

The screening project gets 7 screening tasks (``screening.jsonl``: real prompts and replies from Anthropic's
hh-rlhf, MIT, most of them sensitive; see ``data/sample/README.md``), imported once each (by ``external_id``)
with no answer: the researchers' flags and ranking stay in that file, which ``labelguide export stats`` reads
by default for these tasks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from importers.pipeline import ImportOptions, import_prompts
from label_config import taxonomy as T
from common.studio import retrieve_predictions
from labelguide.screening import push_screening_tasks

SAMPLE_DIR = Path(__file__).resolve().parent / "data" / "sample"

# (interface, file, PII policy)
IMPORT_PLAN: tuple[tuple[str, str, str], ...] = (
    (T.INSTRUCTION, "prompts.jsonl", "flag"),
    (T.COMPARISON, "comparisons.jsonl", "keep"),
    (T.RANKING_ONLY, "comparisons.jsonl", "keep"),
    (T.TOXICITY, "toxicity.jsonl", "keep"),
    (T.DEMONSTRATION_IF, "prompts.jsonl", "keep"),
)
SCREENING_FILE = "screening.jsonl"
# Interfaces whose projects hold controls the ML backend fills.
PREDICTED = (T.INSTRUCTION, T.COMPARISON, T.TOXICITY)
# Interfaces with no prompt file: a few tasks of their own, imported once into an empty project.
PROMPT_WRITING_USE_CASES = (
    "A tool that turns meeting notes into action items.",
    "A bot that suggests recipes from what is in the fridge.",
    "An assistant that explains error messages to beginner programmers.",
)


def load_screening_sample(ls: Any, project_id: int) -> tuple[int, int]:
    """Import the sample's screening tasks the project lacks (by ``external_id``), with no answer in them;
    ``(added, existing)``. Their gold answers stay in ``SAMPLE_DIR / SCREENING_FILE``."""
    return push_screening_tasks(ls, project_id, SAMPLE_DIR / SCREENING_FILE)


def load_sample(ls: Any, url: str, api_key: str, projects: dict[str, int], predictions: bool = True,
                echo: Callable[[str], None] = print) -> dict[str, int]:
    """Import the sample into the projects (by interface), then ask Label Studio for pre-annotations.

    Args:
        ls: a label-studio-sdk client.
        url, api_key: the same server, for the retrieve-predictions action.
        projects: ``{interface: project id}`` as made by ``labelguide.stack.ensure_projects``.
        predictions: retrieve predictions from the connected ML backend.
        echo: where progress lines go.

    Returns:
        ``{interface: tasks imported by this run}``.
    """
    imported: dict[str, int] = {}
    for interface, filename, pii in IMPORT_PLAN:
        project = ls.projects.get(id=projects[interface])
        report = import_prompts(SAMPLE_DIR / filename, ls, project.title,
                                ImportOptions(interface=interface, pii=pii, source="labelguide-sample"),
                                progress=False)
        imported[interface] = report.push["imported"] if report.push else 0
        echo(f"sample: {interface:<15} {imported[interface]} tasks imported, "
             f"{report.push['existing'] if report.push else 0} already there")
    added, existing = load_screening_sample(ls, projects[T.SCREENING])
    imported[T.SCREENING] = added
    echo(f"sample: {T.SCREENING:<15} {added} tasks imported, {existing} already there (gold answers kept out of "
         f"Label Studio, in {SAMPLE_DIR / SCREENING_FILE})")
    extra = {
        T.PROMPT_WRITING: [{T.USE_CASE: u} for u in PROMPT_WRITING_USE_CASES],
        T.SURVEY: [{T.SURVEY_OBJECT: T.SURVEY_INTRO}],
    }
    for interface, tasks in extra.items():
        pid = projects[interface]
        if ls.projects.get(id=pid).task_number:
            imported[interface] = 0
            continue
        ls.projects.import_tasks(id=pid, request=tasks)
        imported[interface] = len(tasks)
        echo(f"sample: {interface:<15} {len(tasks)} tasks imported")
    if predictions:
        for interface in PREDICTED:
            retrieve_predictions(url, api_key, projects[interface])
        echo(f"sample: pre-annotations retrieved for {', '.join(PREDICTED)}")
    return imported
