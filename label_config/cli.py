"""``labelguide config list|show|validate``: thin wrappers over ``render`` and ``validate``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from label_config import taxonomy
from label_config.render import interface_names, render_config
from label_config.validate import validate_config


@click.group()
def config() -> None:
    """The guideline's labeling interfaces as Label Studio configs."""


@config.command("list")
def list_() -> None:
    """List the interfaces, one a line: name, then what it is for.

    \b
    Example:
      labelguide config list
    """
    for name in interface_names():
        iface = taxonomy.interface(name)
        click.echo(f"{name:<15} {iface.title}: {iface.description}")


@config.command()
@click.argument("name", type=click.Choice(interface_names()))
def show(name: str) -> None:
    """Print the XML config of interface NAME.

    One config fits every number of outputs: the rank choices come from each task's rank_options.

    \b
    Example:
      labelguide config show comparison > comparison.xml
    """
    click.echo(render_config(name), nl=False)


@config.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=str))
def validate(file: str) -> None:
    """Check any Label Studio config FILE offline ('-' reads standard input).

    Exits 1 and prints the tag and the reason for each problem.

    \b
    Example:
      labelguide config validate my_config.xml
    """
    xml = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    problems = validate_config(xml)
    for problem in problems:
        click.echo(f"{file}: {problem}", err=True)
    if problems:
        sys.exit(1)
    click.echo(f"{file}: ok")
