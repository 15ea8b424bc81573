"""``labelguide export ...`` and ``labelguide stats export`` (placeholder until the exporters land)."""

import click


@click.group()
def export() -> None:
    """Turn finished Label Studio tasks into training data."""


@click.command("export")
def stats_export() -> None:
    """Statistics of an export."""
    raise click.ClickException("not implemented yet")
