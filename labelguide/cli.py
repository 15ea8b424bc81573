"""The ``labelguide`` command: one click group wiring each package's thin CLI together.

Each package owns its commands in its own ``cli.py``; this module only mounts them::

    labelguide config list|show|validate      (label_config/cli.py)
    labelguide backend serve                  (ml_backend/cli.py)
    labelguide import prompts                 (importers/cli.py)
    labelguide export pairs|sft|labels        (exporters/cli.py)
    labelguide stats prompts|export           (importers/cli.py, exporters/cli.py)
    labelguide up|down|status                 (labelguide/stack.py)
    labelguide screening import|review-tasks  (labelguide/screening_cli.py)
"""

from __future__ import annotations

import click

from exporters.cli import export, stats_export
from importers.cli import import_group, stats_prompts
from label_config.cli import config
from ml_backend.cli import backend
from labelguide.screening_cli import screening


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="labelguide")
def main() -> None:
    """labelguide: the InstructGPT labeling guidelines inside Label Studio.

    \b
    Example:
      labelguide config show comparison > comparison.xml
    """


@main.group()
def stats() -> None:
    """Descriptive statistics of prompt files and of finished exports."""


main.add_command(config)
main.add_command(backend)
main.add_command(import_group)
main.add_command(export)
main.add_command(screening)
stats.add_command(stats_prompts)
stats.add_command(stats_export)

try:  # the local stack (issue 6) mounts itself when present
    from labelguide.stack import register as _register_stack
except ImportError:  # pragma: no cover - until the stack module lands
    pass
else:
    _register_stack(main)


if __name__ == "__main__":  # pragma: no cover
    main()
