"""What a benchmark got from the machine: CPU time against wall time, and the load before and after.

Every benchmark wraps each measured section in :func:`measure` and prints the :class:`Section` it returns next
to its figures. A throughput figure means little on a shared machine: the same code gave 211 and 407 tasks/s
here depending on the neighbours. So each section records how many cores it actually kept busy (CPU seconds of
this process, its children and any extra processes named by pid, divided by wall seconds) and the 1-minute
load average before and after. :func:`verdict` judges a target only when the machine was quiet; otherwise it
says "shared machine" and does not pass or fail.

    >>> with measure("sleep") as sec:
    ...     _ = sum(range(1000))
    >>> sec.wall_s >= 0 and sec.cpu_s >= 0
    True
    >>> verdict(10.0, 5.0, sec, higher_is_better=True).split(":")[0] in ("met", "shared machine")
    True
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

CLK_TCK = os.sysconf("SC_CLK_TCK")
CORES = os.cpu_count() or 1
# Other work on the machine beyond this many runnable processes (1-minute load average, minus what this
# benchmark itself keeps busy) makes a figure unreliable.
QUIET_EXTRA_LOAD = 0.5


def proc_cpu_seconds(pid: int) -> float:
    """utime + stime of process ``pid`` (and of its children it waited for), in seconds; 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # fields[11..14] = utime, stime, cutime, cstime (1-based 14..17 in proc(5), after pid and comm)
    return sum(int(x) for x in fields[11:15]) / CLK_TCK


def self_cpu_seconds() -> float:
    """CPU seconds of this process and of every child process it has waited for."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def load_average() -> float:
    """The 1-minute load average (runnable processes, all cores)."""
    return os.getloadavg()[0]


@dataclass
class Section:
    """One measured section: wall and CPU seconds, the cores it kept busy, and the load around it."""

    name: str
    wall_s: float = 0.0
    cpu_s: float = 0.0
    load_before: float = 0.0
    load_after: float = 0.0
    cores: int = CORES
    pids: list[int] = field(default_factory=list)

    @property
    def cores_busy(self) -> float:
        """CPU seconds per wall second: 1.0 = one core fully used by the measured processes."""
        return self.cpu_s / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def shared(self) -> bool:
        """True when something else ran beside the benchmark (the load exceeded what it used itself)."""
        extra = max(self.load_before, self.load_after) - self.cores_busy
        return extra > QUIET_EXTRA_LOAD

    def line(self) -> str:
        """``name: 12.3 s wall, 23.9 s CPU (1.94 cores busy), load 0.4 -> 2.1 [quiet]``"""
        state = "SHARED MACHINE" if self.shared else "quiet"
        return (f"{self.name}: {self.wall_s:.2f} s wall, {self.cpu_s:.2f} s CPU ({self.cores_busy:.2f} of "
                f"{self.cores} cores busy), load {self.load_before:.2f} -> {self.load_after:.2f} [{state}]")

    def as_dict(self) -> dict:
        d = asdict(self)
        d.update(cores_busy=round(self.cores_busy, 3), shared=self.shared)
        return d


@contextmanager
def measure(name: str, pids: Iterable[int] = ()) -> Iterator[Section]:
    """Time a block on the wall clock and in CPU seconds (this process, its waited-for children, and ``pids``).

    ``pids`` are other processes doing the measured work (a server's workers): their CPU time is read from
    /proc before and after, so pass processes that live through the whole block.
    """
    sec = Section(name, pids=list(pids), load_before=load_average())
    cpu0 = self_cpu_seconds() + sum(proc_cpu_seconds(p) for p in sec.pids)
    t0 = time.perf_counter()
    try:
        yield sec
    finally:
        sec.wall_s = time.perf_counter() - t0
        sec.cpu_s = self_cpu_seconds() + sum(proc_cpu_seconds(p) for p in sec.pids) - cpu0
        sec.load_after = load_average()


def verdict(value: float, target: float, section: Section | Iterable[Section], higher_is_better: bool = True) -> str:
    """``met: ...`` / ``missed: ...`` on a quiet machine; ``shared machine: ...`` (no judgement) otherwise."""
    sections = [section] if isinstance(section, Section) else list(section)
    cmp = value >= target if higher_is_better else value <= target
    sign = ">=" if higher_is_better else "<="
    if any(s.shared for s in sections):
        busy = ", ".join(f"{s.name} load {max(s.load_before, s.load_after):.1f}" for s in sections if s.shared)
        return f"shared machine: {value:.3g} vs target {sign} {target:.3g} not judged ({busy}); re-run on a quiet machine"
    return f"{'met' if cmp else 'missed'}: {value:.3g} (target {sign} {target:.3g})"


def machine_summary() -> dict:
    """Cores, load and memory of this machine, for the head of a benchmark's output or JSON."""
    mem_kb = 0
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    mem_kb = int(line.split()[1])
    except OSError:
        pass
    return {"cores": CORES, "load_1m": round(load_average(), 2), "mem_available_gb": round(mem_kb / 1e6, 1)}


def print_sections(sections: Iterable[Section]) -> None:
    """One line per section, then a warning when any ran on a shared machine."""
    sections = list(sections)
    for s in sections:
        print("  " + s.line())
    if any(s.shared for s in sections):
        print("  WARNING: the machine was shared during at least one section; its figures are not judged.")


if __name__ == "__main__":  # a quick look at the machine
    print(json.dumps(machine_summary()))
