"""Two processes for the JSON Lines pair formats: this one reads, checks and ranks the tasks; a second one
(``python -m exporters.pair_files``, see :func:`exporters.pair_files.serve`) encodes and writes the files. The same bytes as one process (the second
process runs the same :class:`~exporters.pair_files.PairFileWriter`), in the same order, memory still flat.

Rankings cross as plain tuples (:func:`exporters.encode.compact_ranking`) in pickled batches of :data:`BATCH`
through the second process's standard input, each message
an 8-byte length and the pickle (length 0 ends the stream); the summary comes back on its standard output. A
full pipe blocks the reader, so only a batch or two are ever in flight. Starting the second process costs about
0.2 s: worth it from a few thousand tasks on. Failures stay short and clean:

- the writer fails (disk full ...): it deletes its partial files and sends the reason, raised here as
  :class:`~exporters.errors.ExportError`;
- this side fails (``--strict``, a broken source, Ctrl-C): the pipe closes early, the writer sees it and deletes
  its partial files; nothing is left that looks complete.
"""

from __future__ import annotations

import os
import pickle
import struct
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

from exporters.errors import ExportError

BATCH = 64  # rankings per message: about 400 KB of pickled tasks for InstructGPT-sized ones
JOIN_SECONDS = 60
_LENGTH = struct.Struct("<Q")


def read_message(stream: BinaryIO) -> bytes:
    """One message of the protocol (an 8-byte length, then that many bytes); ``b""`` ends the stream.

    Raises:
        EOFError: the stream stopped before the end (the sending side failed).
    """
    head = stream.read(_LENGTH.size)
    if len(head) != _LENGTH.size:
        raise EOFError("the reading side stopped")
    (n,) = _LENGTH.unpack(head)
    data = stream.read(n) if n else b""
    if len(data) != n:
        raise EOFError("the reading side stopped")
    return data


def write_in_a_second_process(rankings: Iterable[Any], output: Path, fmt: str, keep_ties: bool,
                              split_files: bool) -> dict[str, Any]:
    """Feed ``rankings`` to a :class:`~exporters.pair_files.PairFileWriter` in a second process; its summary.

    Raises:
        ExportError: the writer failed (its reason), or stopped.
    """
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
    args = [sys.executable, "-m", "exporters.pair_files", str(output), fmt, str(int(keep_ties)), str(int(split_files))]
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    assert proc.stdin is not None and proc.stdout is not None
    from exporters.encode import compact_ranking

    pack, dumps, protocol = _LENGTH.pack, pickle.dumps, pickle.HIGHEST_PROTOCOL
    try:
        try:
            batch: list[Any] = []
            for ranked in rankings:
                batch.append(compact_ranking(ranked))
                if len(batch) >= BATCH:
                    data = dumps(batch, protocol)
                    proc.stdin.write(pack(len(data)) + data)
                    batch = []
            if batch:
                data = dumps(batch, protocol)
                proc.stdin.write(pack(len(data)) + data)
            proc.stdin.write(pack(0))
            proc.stdin.close()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the writer stopped: its reason is on its standard output
        raw = proc.stdout.read()
        proc.wait(JOIN_SECONDS)
        try:
            summary = pickle.loads(raw) if raw else {"error": f"the writing process stopped (exit code "
                                                              f"{proc.returncode})"}
        except (pickle.UnpicklingError, EOFError, ValueError):
            summary = {"error": "the writing process sent no summary"}
        if summary.get("error"):
            raise ExportError(summary["error"])
        return summary
    finally:
        if proc.poll() is None:  # this side failed: closing its input makes the writer delete its files
            try:
                proc.stdin.close()
            except OSError:
                pass
            try:
                proc.wait(JOIN_SECONDS)
            except subprocess.TimeoutExpired:  # pragma: no cover - a writer stuck on a dead disk
                proc.kill()
                proc.wait()
        proc.stdout.close()

