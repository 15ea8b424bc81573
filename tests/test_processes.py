"""``common.processes``: the one stop used by every server (Label Studio, backend, nginx, the local stack).

Real processes, no mocks: a group that obeys SIGTERM stops without SIGKILL; one that ignores it, and the
child it started, are killed after the timeout; a group already gone is not an error.
"""

import doctest
import signal
import subprocess
import sys
import time

import common.processes as processes
from common.processes import alive, group_members, stop_group, stop_popen_group

IGNORES_TERM = ("import signal, subprocess, sys, time\n"
                "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                "subprocess.Popen([sys.executable, '-c', 'import signal, time; "
                "signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)'])\n"
                "print('ready', flush=True); time.sleep(600)\n")


def test_doctests():
    assert doctest.testmod(processes).failed == 0


def test_a_group_that_obeys_sigterm_stops_without_sigkill():
    p = subprocess.Popen(["sleep", "600"], start_new_session=True)
    assert stop_group(p.pid, timeout=10, exited=lambda: p.poll() is not None) is True
    assert p.returncode == -signal.SIGTERM


def test_a_group_that_ignores_sigterm_is_killed_with_its_children():
    p = subprocess.Popen([sys.executable, "-c", IGNORES_TERM], stdout=subprocess.PIPE, start_new_session=True)
    assert p.stdout.readline().strip() == b"ready"
    members = group_members(p.pid)
    assert len(members) == 2, members  # the leader and its child
    started = time.monotonic()
    stop_popen_group(p, timeout=1)
    assert p.returncode == -signal.SIGKILL
    assert time.monotonic() - started < 10
    deadline = time.monotonic() + 5
    while any(alive(m) for m in members if m != p.pid) and time.monotonic() < deadline:
        time.sleep(0.05)  # the orphaned child is reaped by init once killed
    assert group_members(p.pid) == []


def test_stopping_a_stopped_process_is_not_an_error():
    p = subprocess.Popen(["true"], start_new_session=True)
    p.wait()
    stop_popen_group(p, timeout=1)
    assert stop_group(p.pid, timeout=1) is True
