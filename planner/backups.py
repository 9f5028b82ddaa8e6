"""The backup folder of a file: the earlier versions every save, undo and restore keeps (promises R5 and R9 in docs/ARCHITECTURE.md).

``<dir>/.backups/<name>/<sequence>-<utc stamp>-<kind>.toml``: ordered by the sequence number
(one more than the highest kept), never by a clock, so one save under a clock a year ahead
cannot make an older version look newer. ``kind`` says what replaced the version: a ``save``,
an ``undo`` or a ``restore``. Backups named by a timestamp alone (older versions of the app)
are read as older than every numbered one, in the order of their stamps.

Nothing here follows a symbolic link: a linked ``.backups`` or ``.backups/<name>`` folder is
refused (pruning would delete in the link's target, an undo would restore any file from it),
and a link inside the folder is neither listed, restored nor deleted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import stat
from pathlib import Path

import attrs

from planner.errors import WorkoutError
from planner.paths import make_private_dir

KINDS = ("save", "undo", "restore")
"""What replaced a kept version."""

_NUMBERED = re.compile(r"^(\d+)-(\d{8}T\d{6}Z)-(save|undo|restore)\.toml$")
_LEGACY = re.compile(r"^(\d{8}T\d{6})(\d*)Z(?:-(\d+))?\.toml$")


@attrs.frozen(slots=False)
class Backup:
    """One kept version of a file."""

    path: Path
    sequence: int
    """Its place in the order versions were kept (0 for an old timestamp-named backup)."""
    kind: str
    """What replaced it: ``save``, ``undo`` or ``restore``."""
    kept_at: dt.datetime | None
    """When it was kept, by the clock of that moment (shown, never used to order)."""
    order: tuple[int, str, int] = attrs.field(repr=False)


def now() -> dt.datetime:
    """The wall clock, in UTC: shown in a backup's name, never used to order backups."""
    return dt.datetime.now(dt.UTC)


def backup_dir(path: Path) -> Path:
    """Where the backups of ``path`` are kept."""
    return path.parent / ".backups" / path.name


def _linked(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except FileNotFoundError:
        return False


def checked_dir(path: Path) -> Path:
    """The backup folder of ``path``, refused (a WorkoutError) when it or ``.backups`` is a
    symbolic link."""
    folder = backup_dir(path)
    for part in (folder.parent, folder):
        if _linked(part):
            raise WorkoutError(
                f"{part} is a symbolic link; backups are never read or written through one "
                "(remove the link: workout makes a private folder there)"
            )
    return folder


def _parse(entry: os.DirEntry[str]) -> Backup | None:
    if not entry.is_file(follow_symlinks=False):
        return None
    numbered = _NUMBERED.match(entry.name)
    if numbered:
        # fromisoformat reads the basic format too; strptime's first call costs a save ~3 ms
        # (it imports _strptime and calendar and works out the locale's month names).
        try:
            stamp: dt.datetime | None = dt.datetime.fromisoformat(numbered.group(2))
        except ValueError:  # a name edited by hand (a 31st of November): still kept, in order
            stamp = None
        number = int(numbered.group(1))
        return Backup(Path(entry.path), number, numbered.group(3), stamp, (1, "", number))
    legacy = _LEGACY.match(entry.name)
    if legacy:
        try:
            stamp = dt.datetime.fromisoformat(legacy.group(1)).replace(tzinfo=dt.UTC)
        except ValueError:
            return None  # (not a name this program wrote; left alone)
        counter = int(legacy.group(3) or 0)
        key = legacy.group(1) + legacy.group(2)
        return Backup(Path(entry.path), 0, "save", stamp, (0, key, counter))
    return None


def kept(path: Path) -> list[Backup]:
    """The kept versions of ``path``, newest first (a WorkoutError when the folder is a link)."""
    folder = checked_dir(path)
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = [backup for backup in map(_parse, entries) if backup is not None]
    return sorted(found, key=lambda backup: backup.order, reverse=True)


def backups(path: Path) -> list[Path]:
    """Earlier versions of ``path``, newest first (none when the folder is a link: see
    :func:`kept`, which says so)."""
    try:
        return [backup.path for backup in kept(path)]
    except WorkoutError:
        return []


def _next_sequence(folder: Path) -> int:
    highest = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            match = re.match(r"^(\d+)-", entry.name)
            if match:
                highest = max(highest, int(match.group(1)))
    return highest + 1


def keep(target: Path, path: Path, current: bytes, kind: str) -> Path:
    """Keep ``current`` (the bytes of ``target``, the real file behind ``path``) as the newest
    backup of ``path``: a second name for the same file (it is about to lose its first name,
    so nothing is copied), or a private copy where a link cannot be made. The caller holds the
    lock and fsyncs (:func:`planner.safewrite.atomic_write`)."""
    from planner.safewrite import atomic_write, fsync_dir

    folder = checked_dir(path)
    make_private_dir(folder)
    stamp = now().strftime("%Y%m%dT%H%M%SZ")
    sequence = _next_sequence(folder)
    while True:
        backup = folder / f"{sequence:06d}-{stamp}-{kind}.toml"
        try:
            os.link(target, backup)
        except FileExistsError:
            sequence += 1
            continue
        except OSError:
            if os.path.lexists(backup):
                sequence += 1
                continue
            atomic_write(backup, current, 0o600, fault_points=False)
            return backup
        fsync_dir(folder)
        return backup


def prune(path: Path, count: int) -> None:
    """Keep only the ``count`` newest backups of ``path`` (links and other files untouched)."""
    for old in kept(path)[count:]:
        old.path.unlink(missing_ok=True)
