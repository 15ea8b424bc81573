"""``labelguide import ...`` and ``labelguide stats prompts`` (placeholder until the importers land)."""

import click


@click.group("import")
def import_group() -> None:
    """Turn raw prompt logs into Label Studio tasks."""


@click.command("prompts")
def stats_prompts() -> None:
    """Statistics of a prompt file."""
    raise click.ClickException("not implemented yet")
