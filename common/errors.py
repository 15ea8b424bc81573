"""The one error base class of labelguide: importers, exporters and the Label Studio client derive from it.

Library code raises a subclass with a message a user can act on (the line, task or field, never the prompt
text or a secret); the CLI turns any :class:`LabelguideError` into a short ``click.ClickException``::

    >>> issubclass(StudioError, LabelguideError)
    True
    >>> str(StudioError("export 3 of project 7 failed on the server"))
    'export 3 of project 7 failed on the server'
"""

from __future__ import annotations


class LabelguideError(Exception):
    """Something the user can fix went wrong; the message says what, without a traceback."""


class StudioError(LabelguideError, RuntimeError):
    """A Label Studio call failed; the message says which and why (no headers, cookies or tokens)."""
