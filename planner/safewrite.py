"""Safe writes: crash-safe, locked, backed-up saves of TOML files (docs/ARCHITECTURE.md, promises R1–R12).

A save goes: serialize and re-parse in memory → lock ``<file>.lock`` → check the file is still
the version that was loaded (fingerprint) → archive the original once if it is being migrated →
keep the current version as a backup → temp file in the same directory → write, flush, fsync →
``os.replace`` onto the real target (symlinks stay links) → fsync the directory. A kill at any
point leaves the old file or the new one; a failure leaves the old one and says why.

Named fault points of a save (``serialized``, ``locked``, ``backup_written``, ``temp_written``,
``temp_fsynced``, ``replaced``, ``dir_fsynced``) can be hooked for fault-injection tests: set
``WORKOUT_FAULT_POINT=<name>`` and the process SIGKILLs itself there (or set :data:`fault_hook`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from planner import tomltext
from planner.backups import backup_dir, backups, keep, prune
from planner.documents import digest, fingerprint, read_bytes, read_raw, version_on_disk
from planner.errors import ConflictError, ReadOnlyError, SaveError, WorkoutError
from planner.migrations import CURRENT_SCHEMA
from planner.paths import PRIVATE_FILE, config_path, make_private_dir

__all__ = ["backup_dir", "backups"]  # (re-exported: where the backups of a file are kept)

FAULT_POINTS: tuple[str, ...] = (
    "serialized",
    "locked",
    "backup_written",
    "temp_written",
    "temp_fsynced",
    "replaced",
    "dir_fsynced",
)
"""Every named point of a save, in order."""

DEFAULT_BACKUPS = 20
"""Earlier versions kept of each file, unless ``config.toml`` says ``backups = N``."""
LOCK_TIMEOUT = 10.0
"""Seconds a save waits for another process's save before it gives up."""

fault_hook: Callable[[str], None] | None = None
"""Called at every named point of a save (tests raise or record here)."""

saved: list[Path] = []
"""Every file this process has replaced with a new version (what an interrupted command says
it kept)."""


def fault_point(name: str) -> None:
    """A named point of a save: the fault hook runs, and ``WORKOUT_FAULT_POINT=<name>`` kills
    the process here (crash-safety tests)."""
    if fault_hook is not None:
        fault_hook(name)
    if os.environ.get("WORKOUT_FAULT_POINT") == name:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def _busy(path: Path) -> WorkoutError:
    return WorkoutError(
        f"{path.name} is being saved by another workout process; try again in a moment"
    )


@contextlib.contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold ``<path>.lock`` (a separate file, so the plan itself is only ever replaced whole).

    On POSIX this is ``flock`` on the lock file, held per open file (so also between threads);
    elsewhere filelock does it. filelock is not used on POSIX only because importing it costs
    ~16 ms (it brings asyncio), a third of a command's start-up budget.
    """
    make_private_dir(path.parent)
    if os.name != "posix":
        from filelock import FileLock, Timeout

        lock = FileLock(f"{path}.lock", timeout=timeout, thread_local=False)
        try:
            lock.acquire()
        except Timeout:
            raise _busy(path) from None
        try:
            yield
        finally:
            lock.release()
        return
    import fcntl
    import time

    fd = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise _busy(path) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing the file releases the lock


def config_backups() -> int:
    """How many earlier versions of each file to keep (``backups = N`` in config.toml)."""
    raw = read_bytes(config_path())
    if raw is None:
        return DEFAULT_BACKUPS
    import tomllib

    try:
        value = tomllib.loads(raw.decode("utf-8")).get("backups", DEFAULT_BACKUPS)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return DEFAULT_BACKUPS
    return (
        value
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0
        else DEFAULT_BACKUPS
    )


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _unique(folder: Path, stem: str, suffix: str) -> Path:
    candidate = folder / f"{stem}{suffix}"
    counter = 1
    while os.path.lexists(candidate):
        candidate = folder / f"{stem}-{counter}{suffix}"
        counter += 1
    return candidate


def fsync_dir(folder: Path) -> None:
    """Make the rename durable, best effort.

    It runs after ``os.replace``: the new file is already in place and its bytes were fsynced, so
    a failure here must not be reported as "nothing changed" (a retry would then meet its own
    save as a conflict). At worst a power cut right now brings back the previous version, whole.
    """
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(
    target: Path, content: bytes, mode: int | None, *, fault_points: bool = True
) -> None:
    """temp file beside ``target`` → write → fsync → chmod → replace → fsync the directory."""
    mark = fault_point if fault_points else (lambda name: None)
    fd, temp = temp_beside(target)
    try:
        try:
            view = memoryview(content)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            mark("temp_written")
            os.fsync(fd)
            mark("temp_fsynced")
        finally:
            os.close(fd)
        os.chmod(temp, mode if mode is not None else PRIVATE_FILE)
        os.replace(temp, target)
        mark("replaced")
        fsync_dir(target.parent)
        mark("dir_fsynced")
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def temp_beside(target: Path) -> tuple[int, Path]:
    """A new private temp file ``.<name>.<random>.tmp`` in ``target``'s directory (what
    tempfile.mkstemp does, without its import cost on every command)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = target.parent / f".{target.name}.{os.urandom(6).hex()}.tmp"
        try:
            return os.open(temp, flags, 0o600), temp
        except FileExistsError:
            continue


def _serialize(data: dict[str, Any]) -> bytes:
    return tomltext.dumps(data).encode("utf-8")


def write_locked(
    path: Path,
    content: bytes,
    expected: str | None,
    keep_count: int | None,
    current: bytes | None = None,
    kind: str = "save",
) -> str:
    """The save sequence; the caller holds the lock (and may pass the bytes it read under it).
    ``kind`` names what replaces the current version in its backup (a ``save``, an ``undo``
    or a ``restore``, see :mod:`planner.backups`). Returns the new fingerprint."""
    target = Path(os.path.realpath(path))
    if current is None:
        current = read_bytes(target)
    if fingerprint(current) != expected:
        kept = _unique(path.parent, f"{path.name}.conflict-{_stamp()}", ".toml")
        atomic_write(kept, content, None, fault_points=False)
        raise ConflictError(path, kept)
    mode = None
    backup: Path | None = None
    count = 0
    if current is not None:
        version = version_on_disk(current)
        if version is not None and version > CURRENT_SCHEMA:
            raise ReadOnlyError(
                f"{path} was written by a newer version of workout-planner (schema "
                f"{version}); it is shown read-only and never written"
            )
        if version is not None and version < CURRENT_SCHEMA:
            archive = path.parent / f"{path.name}.v{version}"
            if not archive.exists():
                atomic_write(archive, current, None, fault_points=False)
        mode = os.stat(target).st_mode & 0o7777  # an existing file keeps its mode (promise R7)
        count = config_backups() if keep_count is None else keep_count
        if count > 0:
            backup = keep(target, path, current, kind)
        fault_point("backup_written")
    try:
        atomic_write(target, content, mode)
    except BaseException:
        # The save did not happen: a backup of an unchanged file would make undo a no-op.
        if backup is not None:
            backup.unlink(missing_ok=True)
        raise
    saved.append(path)
    if backup is not None:
        with contextlib.suppress(OSError):  # a linked backup: now its only name, kept private
            os.chmod(backup, 0o600)
        prune(path, count)
    return digest(content)


def guarded(path: Path, action: Callable[[], str]) -> str:
    """Run a save; an OSError becomes a SaveError saying the file on disk was not changed."""
    try:
        return action()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SaveError(
            f"could not save {path}: {reason}; the file on disk was not changed"
        ) from None


def write_document(
    path: Path,
    data: dict[str, Any],
    *,
    expected_fingerprint: str | None,
    kind: str = "plan",
    keep_backups: int | None = None,
) -> str:
    """Save ``data`` to ``path`` if it is still the version with ``expected_fingerprint``
    (None: the file must not exist yet). Returns the new fingerprint."""
    return write_bytes(
        path,
        _serialize(data),
        expected_fingerprint=expected_fingerprint,
        keep_backups=keep_backups,
    )


def write_bytes(
    path: Path,
    content: bytes,
    *,
    expected_fingerprint: str | None,
    keep_backups: int | None = None,
) -> str:
    """Save ``content`` (TOML already serialized and verified, see :mod:`planner.tomltext`) to
    ``path`` if it is still the version with ``expected_fingerprint``. Returns the new
    fingerprint."""
    fault_point("serialized")

    def action() -> str:
        with locked(path):
            fault_point("locked")
            return write_locked(path, content, expected_fingerprint, keep_backups)

    return guarded(path, action)


def update(path: Path, change: Callable[[bytes], bytes]) -> str:
    """Lock, read, change and save in one step, so concurrent commands never lose an update.

    ``change`` gets the file's bytes and returns the new content (serialized and verified);
    anything it raises leaves the file as it was. Returns the new fingerprint.
    """

    def action() -> str:
        with locked(path):
            current = read_raw(path)
            if (version_on_disk(current) or 0) > CURRENT_SCHEMA:
                raise ReadOnlyError(
                    f"{path} was written by a newer version of workout-planner; it is read-only here"
                )
            content = change(current)
            fault_point("serialized")
            fault_point("locked")
            return write_locked(path, content, fingerprint(current), None, current)

    return guarded(path, action)


def clean_stale_temp(directory: Path) -> int:
    """Remove temp files left by a killed save (only where no save holds the lock). Returns how many."""
    if not directory.is_dir():
        return 0
    removed = 0
    for temp in directory.glob(".*.tmp"):
        target_name = temp.name[1:].removesuffix(".tmp").rsplit(".", 1)[0]
        try:
            with locked(directory / target_name, timeout=0):
                temp.unlink(missing_ok=True)
                removed += 1
        except (WorkoutError, OSError):
            continue
    return removed
