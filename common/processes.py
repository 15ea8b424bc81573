"""What /proc says about local processes: parents, process groups, descendants, command lines, CPU time.

For the servers' helpers (``common.backend_server``), the benchmarks and the tests (Linux only).

    >>> import os
    >>> os.getpid() in descendants(os.getppid())
    True
    >>> cpu_seconds(os.getpid()) >= 0
    True
"""

from __future__ import annotations

import os
from pathlib import Path

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
