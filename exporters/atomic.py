"""Output files that never look complete before they are: written as ``NAME.partial``, renamed at the end.

A run that fails deletes its partial file; a run that is killed (SIGKILL, power loss) leaves ``NAME.partial``,
never ``NAME``. And a partial JSON Lines file is marked inside too: its first bytes read ``INCOMPLETE`` until
the run ends (the true bytes are written back just before the rename), so even a partial file that ends on a
newline and is renamed by hand fails to parse on its first line. (Parquet needs no mark: a file without its
footer is unreadable.) A path that exists and is not a regular file (``/dev/null``, a named pipe, a terminal) is
written directly: renaming a file over ``/dev/null`` would replace the device for every program on the machine.

    >>> import tempfile
    >>> from pathlib import Path
    >>> d = Path(tempfile.mkdtemp())
    >>> f = PartialFile(d / "out.jsonl")
    >>> f.write(b'{"prompt": "Hi"}\\n'); f.flush()
    >>> (d / "out.jsonl.partial").read_bytes()[:10], (d / "out.jsonl").exists()
    (b'INCOMPLETE', False)
    >>> f.commit()
    >>> (d / "out.jsonl").read_bytes(), (d / "out.jsonl.partial").exists()
    (b'{"prompt": "Hi"}\\n', False)
"""

from __future__ import annotations

import os
from pathlib import Path

MARK = b"INCOMPLETE"
BUFFER = 1 << 20


def partial_path(path: Path) -> Path:
    """Where ``path`` is written until it is complete: ``out.jsonl`` -> ``out.jsonl.partial``."""
    return path.with_name(path.name + ".partial")


class PartialFile:
    """A binary file written as ``NAME.partial`` and moved to ``NAME`` by :meth:`commit`.

    Args:
        path: the final name.
        mark: overwrite the first bytes with :data:`MARK` until :meth:`commit` (JSON Lines).

    Raises:
        OSError: the partial file cannot be created.
    """

    def __init__(self, path: Path, mark: bool = True) -> None:
        self.path = Path(path)
        self.direct = self.path.exists() and not self.path.is_file()  # a device or a pipe: no rename
        self.partial = self.path if self.direct else partial_path(self.path)
        self._f = open(self.partial, "wb", buffering=BUFFER)
        self._mark = mark and not self.direct
        self._head: bytes | None = None  # the true first bytes, while the mark stands in for them

    def write(self, data: bytes) -> None:
        """Append ``data``."""
        if self._mark and self._head is None and data:
            k = min(len(MARK), len(data))
            self._head = data[:k]
            data = MARK[:k] + data[k:]
        self._f.write(data)

    def flush(self) -> None:
        """Push what was written so far to the partial file."""
        self._f.flush()

    def commit(self) -> None:
        """Write the true first bytes back, close, and move the file to its final name."""
        self._f.flush()
        if self._head:
            os.pwrite(self._f.fileno(), self._head, 0)
        self._f.close()
        if not self.direct:
            os.replace(self.partial, self.path)

    def abort(self) -> None:
        """Close and delete the partial file."""
        try:
            self._f.close()
        finally:
            if not self.direct:
                self.partial.unlink(missing_ok=True)
