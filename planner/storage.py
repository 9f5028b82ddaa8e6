"""The only module that touches the disk: crash-safe, locked, backed-up TOML documents.

A save (DESIGN.md §5) goes: serialize and re-parse in memory → lock ``<file>.lock`` → check the
file is still the version that was loaded (fingerprint) → archive the original once if it is being
migrated → keep the current version as a backup → temp file in the same directory → write, flush,
fsync → ``os.replace`` onto the real target (symlinks stay links) → fsync the directory. A kill at
any point leaves the old file or the new one; a failure leaves the old one and says why.

Named points of a save (``serialized``, ``locked``, ``backup_written``, ``temp_written``,
``temp_fsynced``, ``replaced``, ``dir_fsynced``) can be hooked for fault-injection tests: set
``WORKOUT_FAULT_POINT=<name>`` and the process SIGKILLs itself there.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from planner import tomltext
from planner.errors import ConflictError, DataFileError, ReadOnlyError, SaveError, WorkoutError
from planner.migrations import CURRENT_SCHEMA, migrate

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
LOCK_TIMEOUT = 10.0

fault_hook: Callable[[str], None] | None = None
"""Called at every named point of a save (tests raise or record here)."""


def _checkpoint(name: str) -> None:
    if fault_hook is not None:
        fault_hook(name)
    if os.environ.get("WORKOUT_FAULT_POINT") == name:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def data_dir() -> Path:
    """``$WORKOUT_DATA_DIR``, else the platform's user data directory; resolved on every call."""
    configured = os.environ.get("WORKOUT_DATA_DIR")
    if configured:
        return Path(configured).expanduser()
    import platformdirs  # only when no directory is configured: keeps start-up light

    return platformdirs.user_data_path("workout-planner")


def plans_dir() -> Path:
    """Where plans live."""
    return data_dir() / "plans"


def programs_dir() -> Path:
    """Where the user's own programs live."""
    return data_dir() / "programs"


def digest(raw: bytes) -> str:
    """sha256 of some bytes, in hex: a file's fingerprint."""
    return hashlib.sha256(raw).hexdigest()


def fingerprint(raw: bytes | None) -> str | None:
    """sha256 of a file's bytes (None for a file that does not exist)."""
    return None if raw is None else digest(raw)


@attrs.frozen
class Document:
    """A TOML file as loaded: its data, its text and the fingerprint that guards the next save."""

    path: Path
    data: dict[str, Any]
    text: str
    fingerprint: str | None
    read_only: bool = False
    """Written by a newer version of the app: shown, never written."""
    migrated_from: int | None = None
    """The schema_version the file had, when it was migrated in memory."""


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


_TOML_AT = re.compile(r"^(.*?)\s*\(at line (\d+), column (\d+)\)$")


def parse(raw: bytes, path: Path | None, kind: str = "plan") -> Document:
    """Bytes to a Document, or a DataFileError with line and column (never anything else)."""
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _position(raw, nul)
        raise DataFileError(
            "contains NUL bytes: the file is damaged; restore a backup (workout undo)",
            path=path,
            line=line,
            column=column,
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(raw, exc.start)
        raise DataFileError(
            f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
            path=path,
            line=line,
            column=column,
        ) from None
    import tomllib  # only when a file is parsed (a cached plan is not)

    try:
        data = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_AT.match(message)
        where: tuple[int, int] | None = None
        if match:
            message, where = match.group(1), (int(match.group(2)), int(match.group(3)))
        elif "end of document" in message:
            where = _position(raw, len(raw))
            message = message.replace(" (at end of document)", "") + " (the file ends too early)"
        raise DataFileError(
            f"not valid TOML: {message}",
            path=path,
            line=where[0] if where else None,
            column=where[1] if where else None,
        ) from None
    version = data.get("schema_version")
    if "schema_version" not in data:
        raise DataFileError(
            f"missing; every file starts with schema_version = {CURRENT_SCHEMA}",
            path=path,
            line=1,
            column=1,
            field="schema_version",
        )
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DataFileError(
            f"must be a whole number from 1 to {CURRENT_SCHEMA}, not {version!r}",
            path=path,
            line=1,
            column=1,
            field="schema_version",
        )
    read_only = version > CURRENT_SCHEMA
    data, migrated_from = migrate(data, kind)
    return Document(
        path=path or Path("-"),
        data=data,
        text=text,
        fingerprint=fingerprint(raw),
        read_only=read_only,
        migrated_from=migrated_from,
    )


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise WorkoutError(f"{path} is a directory, not a file") from None
    except OSError as exc:
        raise WorkoutError(f"cannot read {path}: {exc.strerror}") from None


def read_raw(path: Path) -> bytes:
    """A file's bytes (a WorkoutError when it is missing or unreadable)."""
    raw = _read_bytes(path)
    if raw is None:
        raise WorkoutError(f"no such file: {path}")
    return raw


def read_document(path: Path, kind: str = "plan") -> Document:
    """Load a TOML file; bad content is a DataFileError naming line and column."""
    return parse(read_raw(path), path, kind)


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
    path.parent.mkdir(parents=True, exist_ok=True)
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


def _config_backups() -> int:
    raw = _read_bytes(data_dir() / "config.toml")
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


def _backup_dir(path: Path) -> Path:
    return path.parent / ".backups" / path.name


def backups(path: Path) -> list[Path]:
    """Earlier versions of ``path``, newest first (``<dir>/.backups/<name>/<stamp>.toml``)."""
    folder = _backup_dir(path)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.glob("*.toml") if p.is_file()), reverse=True)


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _unique(folder: Path, stem: str, suffix: str) -> Path:
    candidate = folder / f"{stem}{suffix}"
    counter = 1
    while candidate.exists():
        candidate = folder / f"{stem}-{counter}{suffix}"
        counter += 1
    return candidate


def _new_file_mode() -> int:
    # umask can only be read by setting it; a plan is personal, so 0o600 at most group/other-free.
    mask = os.umask(0o077)
    os.umask(mask)
    return 0o666 & ~mask


def _fsync_dir(folder: Path) -> None:
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


def _atomic_write(
    target: Path, content: bytes, mode: int | None, *, checkpoints: bool = True
) -> None:
    """temp file beside ``target`` → write → fsync → chmod → replace → fsync the directory."""
    mark = _checkpoint if checkpoints else (lambda name: None)
    fd, temp = _temp_beside(target)
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
        os.chmod(temp, mode if mode is not None else _new_file_mode())
        os.replace(temp, target)
        mark("replaced")
        _fsync_dir(target.parent)
        mark("dir_fsynced")
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _temp_beside(target: Path) -> tuple[int, Path]:
    """A new private temp file ``.<name>.<random>.tmp`` in ``target``'s directory (what
    tempfile.mkstemp does, without its import cost on every command)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = target.parent / f".{target.name}.{os.urandom(6).hex()}.tmp"
        try:
            return os.open(temp, flags, 0o600), temp
        except FileExistsError:
            continue


def _keep_backup(target: Path, current: bytes, backup: Path) -> None:
    """Keep the version about to be replaced as ``backup``: a second name for the same file
    (it is about to lose its first name, so nothing is copied), or a copy where a link cannot
    be made (another file system, no hard links)."""
    try:
        os.link(target, backup)
    except OSError:
        _atomic_write(backup, current, 0o600, checkpoints=False)
        return
    _fsync_dir(backup.parent)


def _serialize(data: dict[str, Any]) -> bytes:
    return tomltext.dumps(data).encode("utf-8")


_VERSION = re.compile(rb"^\s*schema_version\s*=\s*(\d+)", re.MULTILINE)


def _version_on_disk(raw: bytes) -> int | None:
    match = _VERSION.search(raw)
    return int(match.group(1)) if match else None


def _write_locked(
    path: Path,
    content: bytes,
    expected: str | None,
    keep: int | None,
    current: bytes | None = None,
) -> str:
    """The save sequence; the caller holds the lock (and may pass the bytes it read under it).
    Returns the new fingerprint."""
    target = Path(os.path.realpath(path))
    if current is None:
        current = _read_bytes(target)
    if fingerprint(current) != expected:
        kept = _unique(path.parent, f"{path.name}.conflict-{_stamp()}", ".toml")
        _atomic_write(kept, content, None, checkpoints=False)
        raise ConflictError(path, kept)
    mode = None
    backup: Path | None = None
    count = 0
    if current is not None:
        version = _version_on_disk(current)
        if version is not None and version > CURRENT_SCHEMA:
            raise ReadOnlyError(
                f"{path} was written by a newer version of workout-planner (schema "
                f"{version}); it is shown read-only and never written"
            )
        if version is not None and version < CURRENT_SCHEMA:
            archive = path.parent / f"{path.name}.v{version}"
            if not archive.exists():
                _atomic_write(archive, current, None, checkpoints=False)
        mode = os.stat(target).st_mode & 0o7777
        count = _config_backups() if keep is None else keep
        if count > 0:
            folder = _backup_dir(path)
            folder.mkdir(parents=True, exist_ok=True)
            backup = _unique(folder, _stamp(), ".toml")
            _keep_backup(target, current, backup)
        _checkpoint("backup_written")
    try:
        _atomic_write(target, content, mode)
    except BaseException:
        # The save did not happen: a backup of an unchanged file would make undo a no-op.
        if backup is not None:
            backup.unlink(missing_ok=True)
        raise
    if backup is not None:
        with contextlib.suppress(OSError):  # a linked backup: now its only name, kept private
            os.chmod(backup, 0o600)
        for old in backups(path)[count:]:
            old.unlink(missing_ok=True)
    return digest(content)


def _save(path: Path, action: Callable[[], str]) -> str:
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
    _checkpoint("serialized")

    def action() -> str:
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked(path):
            _checkpoint("locked")
            return _write_locked(path, content, expected_fingerprint, keep_backups)

    return _save(path, action)


def update(path: Path, change: Callable[[bytes], bytes]) -> str:
    """Lock, read, change and save in one step, so concurrent commands never lose an update.

    ``change`` gets the file's bytes and returns the new content (serialized and verified);
    anything it raises leaves the file as it was. Returns the new fingerprint.
    """

    def action() -> str:
        with locked(path):
            current = read_raw(path)
            if (_version_on_disk(current) or 0) > CURRENT_SCHEMA:
                raise ReadOnlyError(
                    f"{path} was written by a newer version of workout-planner; it is read-only here"
                )
            content = change(current)
            _checkpoint("serialized")
            _checkpoint("locked")
            return _write_locked(path, content, fingerprint(current), None, current)

    return _save(path, action)


def undo(path: Path) -> Path:
    """Restore the newest backup of ``path`` exactly, and drop it (so undo can be repeated)."""

    def action() -> str:
        with locked(path):
            earlier = backups(path)
            if not earlier:
                raise WorkoutError(f"nothing to undo: no earlier version of {path.name} is kept")
            newest = earlier[0]
            content = newest.read_bytes()
            target = Path(os.path.realpath(path))
            mode = os.stat(target).st_mode & 0o7777 if target.exists() else None
            _atomic_write(target, content, mode, checkpoints=False)
            newest.unlink()
            restored.append(newest)
            return hashlib.sha256(content).hexdigest()

    restored: list[Path] = []
    _save(path, action)
    return restored[0]


def restore(path: Path, backup: Path) -> None:
    """Put a chosen backup back in place of ``path`` (the current version is kept as a backup
    first, so even a restore can be undone)."""

    def action() -> str:
        with locked(path):
            content = backup.read_bytes()
            current = _read_bytes(Path(os.path.realpath(path)))
            return _write_locked(path, content, fingerprint(current), None)

    _save(path, action)


def newest(paths: list[Path]) -> Path | None:
    """The most recently saved of ``paths``."""
    return max(paths, key=lambda p: p.stat().st_mtime, default=None)


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


def list_files(directory: Path) -> list[Path]:
    """The ``*.toml`` documents of a directory: no backups, conflict copies, archives or temp files."""
    if not directory.is_dir():
        return []
    return sorted(
        p
        for p in directory.glob("*.toml")
        if p.is_file() and not p.name.startswith(".") and p.name.count(".toml") == 1
    )


def write_export(path: Path, content: str | bytes) -> None:
    """Write an export atomically (no lock or backups: it is derived, not data)."""
    raw = content.encode("utf-8") if isinstance(content, str) else content
    if not path.parent.is_dir():
        raise WorkoutError(f"-o: the directory {path.parent} does not exist")
    target = Path(os.path.realpath(path))
    mode = os.stat(target).st_mode & 0o7777 if target.exists() else None

    def action() -> str:
        _atomic_write(target, raw, mode, checkpoints=False)
        return ""

    _save(path, action)


def cache_dir() -> Path:
    """``$WORKOUT_CACHE_DIR``, else the platform's user cache directory; resolved on every call."""
    configured = os.environ.get("WORKOUT_CACHE_DIR")
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return platformdirs.user_cache_path("workout-planner")


def read_cache(name: str) -> bytes | None:
    """A cache file's bytes, or None when there is none or it cannot be read (a cache is only
    ever a shortcut: every caller can do without it)."""
    try:
        return (cache_dir() / name).read_bytes()
    except OSError:
        return None


def write_cache(name: str, content: bytes, *, keep: int = 0) -> None:
    """Replace a cache file, atomically but without fsync or backups (it can always be rebuilt);
    with ``keep``, only the ``keep`` newest files of its folder stay. A failure is ignored."""
    target = cache_dir() / name
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temp = _temp_beside(target)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
        return
    if keep:
        folder = name.rpartition("/")[0]
        for old in cache_names(folder)[keep:]:
            if old != name:
                with contextlib.suppress(OSError):
                    (cache_dir() / old).unlink()


def cache_names(folder: str) -> list[str]:
    """The cache files in ``folder`` (relative to the cache directory), newest first."""
    try:
        found = [p for p in (cache_dir() / folder).iterdir() if not p.name.startswith(".")]
        found.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
    except OSError:
        return []
    return [f"{folder}/{p.name}" for p in found]


def source_stamp(folders: Iterable[Path]) -> str:
    """A digest of the size and modification time of every ``*.py`` file in ``folders``: it
    changes whenever the code that wrote a cache may have changed."""
    hashed = hashlib.sha256()
    for folder in folders:
        try:
            found = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in found:
            if entry.name.endswith(".py"):
                info = entry.stat()
                hashed.update(
                    f"{folder.name}/{entry.name}:{info.st_size}:{info.st_mtime_ns};".encode()
                )
    return hashed.hexdigest()
