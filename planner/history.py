"""History: the earlier versions every save keeps, and going back to them (DESIGN.md §5.5, §5.9).

Undo and restore are saves like any other: under the lock, atomically, and a restore keeps the
version it replaces, so even a restore can be undone. Backups are ordered by their names (a
sequence stamp), never by the clock of the file system.
"""

from __future__ import annotations

import os
from pathlib import Path

from planner.documents import digest, fingerprint, read_bytes
from planner.errors import WorkoutError
from planner.safewrite import atomic_write, backups, guarded, locked, write_locked

__all__ = ["backups", "restore", "undo"]


def undo(path: Path) -> Path:
    """Restore the newest backup of ``path`` exactly, and drop it (so undo can be repeated).
    Returns the backup that was put back."""
    restored: list[Path] = []

    def action() -> str:
        with locked(path):
            earlier = backups(path)
            if not earlier:
                raise WorkoutError(f"nothing to undo: no earlier version of {path.name} is kept")
            newest = earlier[0]
            content = newest.read_bytes()
            target = Path(os.path.realpath(path))
            mode = os.stat(target).st_mode & 0o7777 if target.exists() else None
            atomic_write(target, content, mode, fault_points=False)
            newest.unlink()
            restored.append(newest)
            return digest(content)

    guarded(path, action)
    return restored[0]


def restore(path: Path, backup: Path) -> None:
    """Put a chosen backup back in place of ``path`` (the current version is kept as a backup
    first, so even a restore can be undone)."""

    def action() -> str:
        with locked(path):
            content = backup.read_bytes()
            current = read_bytes(Path(os.path.realpath(path)))
            return write_locked(path, content, fingerprint(current), None)

    guarded(path, action)
