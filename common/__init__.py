"""The lowest layer: what importers, exporters, the ML backend and the CLI may all import.

- ``common.errors``: the one error base class (:class:`~common.errors.LabelguideError`) every package's
  domain errors derive from; only the CLI turns it into ``click.ClickException``.
- ``common.studio``: the Label Studio client (authentication, projects, ML backends, export snapshots).
- ``common.studio_server``: starting and stopping a local Label Studio (``labelguide up`` and the tests).

Nothing here imports the CLI (``labelguide``), the importers, the exporters or the ML backend.
"""
