"""Writing an export to a file: atomically, privately, and never over something that matters.

An export is derived, not data: it has no lock or backups. So it is refused (a
:class:`~planner.errors.UsageError`, nothing written) onto the plan it was made from, anything
in the data directory (plans, programs, settings, backups, archives, conflict copies, locks), a
backup or lock of the plan wherever it lives, any other workout data file (TOML with a
``schema_version``), and anything that is not a regular file (a FIFO or a device node would be
replaced by a plain file). A new export is 0600; one written over an earlier export keeps that
file's mode. Standard output is the caller's job (``-o -``).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from planner.documents import version_on_disk
from planner.errors import UsageError
from planner.paths import data_dir

HEAD = 1 << 20
"""Bytes of an existing file read to tell whether it is a workout data file."""


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device node"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _belongs_to_plan(target: str, plan: Path | None) -> str | None:
    if plan is None:
        return None
    own = os.path.realpath(plan)
    if target == own:
        return "it is the plan itself"
    folder, name = os.path.split(own)
    if _inside(target, os.path.join(folder, ".backups")):
        return "it is in the plan's backups"
    if os.path.dirname(target) == folder and os.path.basename(target).startswith(name):
        return "it belongs to the plan (a lock, an archive or a conflict copy)"
    return None


def _data_file(target: str) -> bool:
    try:
        with open(target, "rb") as handle:
            head = handle.read(HEAD)
    except OSError:
        return False
    return version_on_disk(head) is not None


def refusal(path: Path, plan: Path | None = None) -> str | None:
    """Why an export must not be written to ``path`` (None when it may)."""
    target = os.path.realpath(path)
    reason = _belongs_to_plan(target, plan)
    if reason is None and _inside(target, os.path.realpath(data_dir())):
        reason = "it is in workout's data folder (plans, backups, settings)"
    if reason is None and ".backups" in Path(target).parts:
        reason = "it is in a backups folder"
    if reason is None:
        try:
            info = os.stat(target)
        except FileNotFoundError:
            return None
        except OSError as exc:
            return f"cannot check {path}: {exc.strerror}"
        if not stat.S_ISREG(info.st_mode):
            reason = f"it is {_kind(info.st_mode)}"
        elif plan is not None and os.path.samefile(target, plan):
            reason = "it is the plan itself (another name for it)"
        elif _data_file(target):
            reason = "it is a workout data file (a plan or program)"
    return None if reason is None else f"will not write the export onto {path}: {reason}"


def write_export(path: Path, content: str | bytes, plan: Path | None = None) -> None:
    """Write an export atomically to ``path`` (see the module's docstring for what is refused);
    ``plan`` is the plan file it was made from."""
    from planner.safewrite import atomic_write, guarded

    raw = content.encode("utf-8") if isinstance(content, str) else content
    if not path.parent.is_dir():
        raise UsageError(f"the folder {path.parent} does not exist")
    problem = refusal(path, plan)
    if problem is not None:
        raise UsageError(problem)
    target = Path(os.path.realpath(path))
    mode = os.stat(target).st_mode & 0o7777 if target.exists() else None

    def action() -> str:
        atomic_write(target, raw, mode, fault_points=False)
        return ""

    guarded(path, action)
