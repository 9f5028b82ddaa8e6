"""History: the earlier versions every save keeps, and going back to them (docs/ARCHITECTURE.md, promise R5, R9).

Undo and restore are saves like any other: under the lock, atomically, refused on a file
written by a newer version of the app, and each first keeps the version it replaces as a
backup, so a hand edit made after the last save is never lost and an undo or a restore can
itself be undone (``workout restore 1`` after an undo; ``workout undo`` after a restore).
Backups are ordered by a sequence number (:mod:`planner.backups`), never by a clock.

An undo puts back the newest version kept before a save or a restore, and skips the versions
kept before earlier undos: repeated, it goes further back.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import attrs

from planner.backups import Backup, backups, kept
from planner.changes import plan_changes
from planner.documents import fingerprint, read_bytes
from planner.errors import WorkoutError
from planner.model import Plan
from planner.safewrite import config_backups, guarded, locked, write_locked

__all__ = ["Reverted", "Version", "backups", "restore", "restoring", "undo", "versions"]

UNREADABLE = "the whole file (a version that does not open as a plan)"
"""What a change is called when one side of it cannot be read as a plan."""


@attrs.frozen(slots=False)
class Reverted:
    """What an undo or a restore did."""

    backup: Path
    """The version put back (after an undo, that backup is gone: it is the file now)."""
    kept: Path | None
    """Where the version it replaced is kept (None when the file was missing)."""
    fingerprint: str
    """The fingerprint of the file as it is now."""
    _path: Path = attrs.field(repr=False)
    _before: bytes | None = attrs.field(repr=False)
    _after: bytes | None = attrs.field(repr=False)

    @functools.cached_property
    def changes(self) -> tuple[str, ...]:
        """In words: what an undo took back, or what a restore changed. Worked out when first
        asked, from both versions parsed: the app names what its undo took back itself, and
        parsing two versions of a 10-year plan then doubled the memory an undo held at its
        peak, with the plan shown still alive."""
        return _changes(self._path, self._before, self._after)


@attrs.frozen(slots=False)
class Version:
    """A kept version, as ``workout history`` lists it."""

    number: int
    """1 for the newest backup (``workout restore N``)."""
    backup: Backup
    changes: tuple[str, ...]
    """What changed from this version to the next newer one (for 1: to the file as it is)."""


def _read_backup(backup: Backup) -> bytes:
    """A backup's bytes, never through a symbolic link (one put there since it was listed)."""
    fd = os.open(backup.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def _plan_of(path: Path, raw: bytes | None) -> Plan | None:
    from planner.files import parse_plan

    if raw is None:
        return None
    try:
        return parse_plan(path, raw).plan
    except WorkoutError:
        return None


def _changes(path: Path, before: bytes | None, after: bytes | None) -> tuple[str, ...]:
    if before == after:
        return ()
    old, new = _plan_of(path, before), _plan_of(path, after)
    if old is None or new is None:
        return (UNREADABLE,)
    return plan_changes(old, new)


def _check(path: Path, current: bytes | None, expected: str | None) -> None:
    if expected is not None and fingerprint(current) != expected:
        raise WorkoutError(
            f"{path.name} was changed since it was opened (by another workout process or by "
            "hand); nothing was undone or restored: open it again to see that change first"
        )


def _put_back(
    path: Path, backup: Backup, current: bytes | None, kind: str
) -> tuple[bytes, Path | None, str]:
    """Save ``backup``'s bytes over ``path``, keeping ``current`` first: the bytes put back,
    the backup that keeps ``current`` and the new fingerprint."""
    content = _read_backup(backup)
    keep = max(1, config_backups())  # (an undo or restore always keeps what it replaces)
    if kind == "undo":
        keep += 1  # the version an undo puts back leaves the backups right after
    new = write_locked(path, content, fingerprint(current), keep, current, kind)
    if current is None:
        return content, None, new
    return content, next((b.path for b in kept(path) if b.kind == kind), None), new


def undo(path: Path, expected: str | None = None) -> Reverted:
    """Put back the newest version kept before a save or a restore of ``path`` (the version it
    replaces is kept first). With ``expected``, refused unless the file is still the version
    with that fingerprint."""
    result: list[Reverted] = []

    def action() -> str:
        with locked(path):
            current = read_bytes(Path(os.path.realpath(path)))
            _check(path, current, expected)
            choices = [b for b in kept(path) if b.kind != "undo"]
            if not choices:
                raise WorkoutError(f"nothing to undo: no earlier version of {path.name} is kept")
            chosen = choices[0]
            content, kept_as, new = _put_back(path, chosen, current, "undo")
            chosen.path.unlink(missing_ok=True)  # the file itself now
            result.append(Reverted(chosen.path, kept_as, new, path, content, current))
            return ""

    guarded(path, action)
    return result[0]


def restore(path: Path, backup: Path, expected: str | None = None) -> Reverted:
    """Put a kept version back in place of ``path`` (the current version is kept as a backup
    first, so even a restore can be undone). ``backup`` must be one :func:`backups` lists."""
    result: list[Reverted] = []

    def action() -> str:
        with locked(path):
            current = read_bytes(Path(os.path.realpath(path)))
            _check(path, current, expected)
            chosen = next((b for b in kept(path) if b.path == backup), None)
            if chosen is None:
                raise WorkoutError(f"{backup} is not a kept version of {path.name}")
            content, kept_as, new = _put_back(path, chosen, current, "restore")
            result.append(Reverted(chosen.path, kept_as, new, path, current, content))
            return ""

    guarded(path, action)
    return result[0]


def versions(path: Path) -> list[Version]:
    """The kept versions of ``path``, newest first, each with what changed after it."""
    found = kept(path)
    newer = read_bytes(Path(os.path.realpath(path)))
    out = []
    for number, backup in enumerate(found, start=1):
        try:
            raw: bytes | None = _read_backup(backup)
        except OSError:
            raw = None
        out.append(Version(number, backup, _changes(path, raw, newer)))
        newer = raw
    return out


def restoring(path: Path, backup: Path) -> tuple[str, ...]:
    """What putting ``backup`` (one :func:`backups` lists) back would change in ``path`` as it
    is now, in words (what the restore itself then says)."""
    chosen = next((b for b in kept(path) if b.path == backup), None)
    if chosen is None:
        raise WorkoutError(f"{backup} is not a kept version of {path.name}")
    current = read_bytes(Path(os.path.realpath(path)))
    try:
        raw: bytes | None = _read_backup(chosen)
    except OSError:
        raw = None
    return _changes(path, current, raw)
