"""What other local users can see of a process or a folder: command lines, file modes, listening addresses.

Read from /proc and the file system, for the secrets-and-exposure tests (``test_stack_secrets.py``, the end-to-end
loops).
"""

from __future__ import annotations

import stat
from pathlib import Path

from common.processes import cmdline, descendants


def command_lines(pid: int) -> list[str]:
    """What `ps` shows every local user for ``pid`` and its descendants."""
    return [line for line in map(cmdline, descendants(pid)) if line]


def wide_paths(root: Path) -> list[str]:
    """Files and folders under ``root`` (itself included) whose mode lets group or others read, write or enter."""
    out = []
    for path in [root, *root.rglob("*")]:
        mode = path.lstat().st_mode
        if not stat.S_ISLNK(mode) and mode & 0o077:
            out.append(f"{oct(mode & 0o777)} {path.relative_to(root)}")
    return out


def exposed_paths(root: Path) -> list[str]:
    """What another local user can actually reach under ``root`` (itself included): a file readable or writable,
    or a folder open, to group or others, when every folder above it from ``root`` down lets that class in (x).
    A 0644 file in a 0700 folder is not exposed."""
    out = []
    for path in [root, *root.rglob("*")]:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            continue
        folders = [root / p for p in reversed(path.relative_to(root).parents)]  # root down to the parent
        for access, enter in ((0o070 if stat.S_ISDIR(mode) else 0o060, 0o010),
                              (0o007 if stat.S_ISDIR(mode) else 0o006, 0o001)):
            if mode & access and all(f.stat().st_mode & enter for f in folders):
                out.append(f"{oct(mode & 0o777)} {path.relative_to(root)}")
                break
    return out


def listening_addresses(port: int) -> set[str]:
    """Local addresses (hex, as in /proc/net/tcp*) with a socket LISTENing on ``port``."""
    found = set()
    for name in ("tcp", "tcp6"):
        for line in Path(f"/proc/net/{name}").read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            addr, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                found.add(addr)
    return found


def django_chmodded(root: Path) -> list[str]:
    """The wide paths under ``root`` that are not files Django chmods itself under ``media/`` (uploads, export
    snapshots: FILE_UPLOAD_PERMISSIONS = 0644, which Label Studio gives no setting for). Must be empty, and
    those files must sit in a 0700 folder (``exposed_paths`` checks that)."""
    wide = [p.split(" ", 1)[1] for p in wide_paths(root)]
    return [p for p in wide if not (("/media/" in f"/{p}") and (root / p).is_file())]
