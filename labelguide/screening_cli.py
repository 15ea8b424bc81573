"""``labelguide screening import|review-tasks``: thin wrappers over :func:`labelguide.screening.push_screening_tasks`
and :func:`labelguide.screening.push_review_tasks`."""

from __future__ import annotations

from pathlib import Path

import click

from common.errors import StudioError
from common.studio import connect, find_project, settings_from_env
from label_config import taxonomy as T


def _project_id(ls, given: int | None, interface: str) -> int:
    if given is not None:
        return given
    from labelguide.stack import PROJECT_PREFIX

    title = PROJECT_PREFIX + T.interface(interface).title
    project = find_project(ls, title)
    if project is None:
        raise click.ClickException(f"no project titled {title!r}: run `labelguide projects setup` or pass its id")
    return project.id


@click.group()
def screening() -> None:
    """Labeler screening: tasks from researcher-labelled lines (the gold kept out of Label Studio), and the
    researchers' 1-7 scores of screening demonstrations."""


@screening.command("import")
@click.argument("gold_file", metavar="FILE", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--project", type=int, default=None,
              help="The screening project's id [default: the project 'labelguide: Labeler screening'].")
@click.option("--url", default=None, help="Label Studio URL [default: $LABEL_STUDIO_URL].")
@click.option("--api-key", default=None, help="Label Studio API key [default: $LABEL_STUDIO_API_KEY].")
def import_command(gold_file: Path, project: int | None, url: str | None, api_key: str | None) -> None:
    """Import screening tasks from FILE, researcher-labelled JSONL lines, with no answer in them.

    Each line: prompt, outputs (model, text, gold_rank, gold_flags), sensitive; see
    labelguide/data/sample/screening.jsonl. Label Studio gets the prompt and the shuffled outputs only: anyone
    who opens a task there sees (and can update) its annotations, so the gold stays in FILE. Keep FILE and give
    it to `labelguide export stats --screening-gold FILE`. Safe to re-run: each line is imported once.

    \b
    Example:
      labelguide screening import our_screening.jsonl
      labelguide export stats --project 7 --screening-gold our_screening.jsonl
    """
    from labelguide.screening import push_screening_tasks

    try:
        url, api_key = settings_from_env(url, api_key)
        ls = connect(url, api_key)
        pid = _project_id(ls, project, T.SCREENING)
        added, existing = push_screening_tasks(ls, pid, gold_file)
    except (ValueError, StudioError) as exc:  # ValueError: a bad line, named by its number
        raise click.ClickException(str(exc)) from None
    click.echo(f"project {pid}: {added} tasks imported, {existing} already there; the gold answers stay in "
               f"{gold_file} (labelguide export stats --project {pid} --screening-gold {gold_file})")


@screening.command("review-tasks")
@click.option("--screening-project", type=int, default=None,
              help="The screening project's id [default: the project 'labelguide: Labeler screening'].")
@click.option("--review-project", type=int, default=None,
              help="The review project's id [default: the project 'labelguide: Screening review'].")
@click.option("--url", default=None, help="Label Studio URL [default: $LABEL_STUDIO_URL].")
@click.option("--api-key", default=None, help="Label Studio API key [default: $LABEL_STUDIO_API_KEY].")
def review_tasks_command(screening_project: int | None, review_project: int | None, url: str | None,
                         api_key: str | None) -> None:
    """Add a review task for every labeler's screening demonstration not yet in the review project.

    A researcher then scores each one 1-7 in the review project; `labelguide export stats --project <review
    project>` reports each labeler's mean score. Safe to re-run: each demonstration is added once.

    \b
    Example:
      labelguide screening review-tasks
      labelguide export stats --project 9
    """
    try:
        url, api_key = settings_from_env(url, api_key)
        ls = connect(url, api_key)
        from labelguide.screening import push_review_tasks

        counts = push_review_tasks(ls, _project_id(ls, screening_project, T.SCREENING),
                                   _project_id(ls, review_project, T.SCREENING_REVIEW))
    except StudioError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{counts['demonstrations']} demonstrations: {counts['imported']} review tasks added, "
               f"{counts['existing']} already there")
