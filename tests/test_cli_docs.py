"""Every `labelguide` command explains itself: a help text with an example, and every option described."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from labelguide.cli import main


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        path = prefix + (name,)
        if isinstance(command, click.Group):
            yield from _commands(command, path)
        else:
            yield path, command


COMMANDS = sorted(_commands(main))


def test_the_cli_has_the_commands_of_the_issues():
    paths = {" ".join(p) for p, _ in COMMANDS}
    assert {"config list", "config show", "config validate", "up", "down", "status"} <= paths


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_command_has_help_with_an_example(path, command):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert command.help and "Example" in command.help, f"`labelguide {' '.join(path)}` needs an Example"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden and param.name != "help":
            assert param.help, f"`labelguide {' '.join(path)}` option {param.opts[0]} has no help"
