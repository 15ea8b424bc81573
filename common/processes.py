"""What /proc says about local processes (parents, process groups, descendants, command lines, CPU time), and
the one way servers started in their own session are stopped (``stop_group``, ``stop_popen_group``).

For the servers' helpers (``common.backend_server``, ``studio_server``, ``proxy_server``), the local stack, the
benchmarks and the tests (Linux only).

    >>> import os
    >>> os.getpid() in descendants(os.getppid())
    True
    >>> cpu_seconds(os.getpid()) >= 0
    True
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Callable

CLK_TCK = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str] | None:
    """``/proc/PID/stat`` after the command name (whose parentheses may hold spaces); None if the process is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _all_stats() -> dict[int, list[str]]:
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields:
                out[int(entry.name)] = fields
    return out


def parent_pid(pid: int) -> int:
    """The parent of ``pid`` (0 if it is gone)."""
    fields = _stat_fields(pid)
    return int(fields[1]) if fields else 0


def descendants(pid: int) -> list[int]:
    """``pid`` and every live process below it."""
    children: dict[int, list[int]] = {}
    for child, fields in _all_stats().items():
        children.setdefault(int(fields[1]), []).append(child)
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        if p in out:
            continue
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def group_members(pgid: int) -> list[int]:
    """Every live process of process group ``pgid`` (a server started with ``start_new_session=True``)."""
    return sorted(pid for pid, fields in _all_stats().items() if int(fields[2]) == pgid)


def cmdline(pid: int) -> str:
    """What ``ps`` shows every local user for ``pid`` (arguments joined by spaces; empty if it is gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def cpu_seconds(pid: int) -> float:
    """utime + stime of ``pid`` and of the children it waited for (cutime, cstime), in seconds; 0 if it is gone."""
    fields = _stat_fields(pid)
    # fields[11..14] = utime, stime, cutime, cstime (14..17 in proc(5), counted after pid and comm)
    return sum(int(x) for x in fields[11:15]) / CLK_TCK if fields else 0.0


def tree_cpu_seconds(pids: list[int]) -> float:
    """CPU seconds of ``pids`` and every live descendant (exited, waited-for ones are in cutime/cstime)."""
    seen: set[int] = set()
    for pid in pids:
        seen.update(descendants(pid))
    return sum(cpu_seconds(p) for p in seen)


def alive(pid: int | None) -> bool:
    """Whether ``pid`` names a live process (one owned by another user counts as alive).

    >>> alive(os.getpid()), alive(None)
    (True, False)
    """
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_group(pgid: int, timeout: float = 20, first_signal: int = signal.SIGTERM,
               exited: Callable[[], bool] | None = None) -> bool:
    """Send ``first_signal`` to process group ``pgid``; SIGKILL the group if ``exited()`` (default: the group's
    leader is gone) is not true after ``timeout`` seconds. Returns whether it stopped without SIGKILL.

    A group that is already gone is not an error:

    >>> stop_group(2 ** 22 + 12345)
    True
    """
    exited = exited or (lambda: not alive(pgid))
    try:
        os.killpg(pgid, first_signal)
    except ProcessLookupError:
        return True
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if exited():
            return True
        time.sleep(0.1)
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return False


def stop_popen_group(process: subprocess.Popen, timeout: float = 20, first_signal: int = signal.SIGTERM) -> None:
    """``stop_group`` for a child started with ``start_new_session=True``, reaped afterwards (no zombie).

    >>> p = subprocess.Popen(["sleep", "60"], start_new_session=True)
    >>> stop_popen_group(p, timeout=5); p.returncode == -signal.SIGTERM
    True
    """
    if process.poll() is not None:
        return
    stop_group(process.pid, timeout, first_signal, exited=lambda: process.poll() is not None)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
