"""``labelguide backend ...`` (placeholder until the ML backend lands)."""

import click


@click.group()
def backend() -> None:
    """Run the ML backend that pre-fills PII and toxicity suggestions."""
