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
import signal
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import tomli_w

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


def fingerprint(raw: bytes | None) -> str | None:
    """sha256 of a file's bytes (None for a file that does not exist)."""
    return None if raw is None else hashlib.sha256(raw).hexdigest()


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


def read_document(path: Path, kind: str = "plan") -> Document:
    """Load a TOML file; bad content is a DataFileError naming line and column."""
    raw = _read_bytes(path)
    if raw is None:
        raise WorkoutError(f"no such file: {path}")
    return parse(raw, path, kind)


@contextlib.contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold ``<path>.lock`` (a separate file, so the plan itself is only ever replaced whole)."""
    from filelock import FileLock, Timeout

    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(f"{path}.lock", timeout=timeout, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise WorkoutError(
            f"{path.name} is being saved by another workout process; try again in a moment"
        ) from None
    try:
        yield
    finally:
        lock.release()


def _config_backups() -> int:
    raw = _read_bytes(data_dir() / "config.toml")
    if raw is None:
        return DEFAULT_BACKUPS
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
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temp = Path(temp_name)
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


def _serialize(data: dict[str, Any]) -> bytes:
    try:
        text = tomli_w.dumps(data)
        same = tomllib.loads(text) == data
    except (TypeError, ValueError) as exc:
        raise SaveError(
            f"could not save: the data cannot be written as TOML ({exc}); nothing was changed"
        ) from None
    if not same:
        raise SaveError("could not save: the data does not read back the same; nothing was changed")
    return text.encode("utf-8")


_VERSION = re.compile(rb"^\s*schema_version\s*=\s*(\d+)", re.MULTILINE)


def _version_on_disk(raw: bytes) -> int | None:
    match = _VERSION.search(raw)
    return int(match.group(1)) if match else None


def _write_locked(path: Path, content: bytes, expected: str | None, keep: int | None) -> str:
    """The save sequence; the caller holds the lock. Returns the new fingerprint."""
    target = Path(os.path.realpath(path))
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
            _atomic_write(backup, current, 0o600, checkpoints=False)
        _checkpoint("backup_written")
    try:
        _atomic_write(target, content, mode)
    except BaseException:
        # The save did not happen: a backup of an unchanged file would make undo a no-op.
        if backup is not None:
            backup.unlink(missing_ok=True)
        raise
    if backup is not None:
        for old in backups(path)[count:]:
            old.unlink(missing_ok=True)
    return hashlib.sha256(content).hexdigest()


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
    content = _serialize(data)
    _checkpoint("serialized")

    def action() -> str:
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked(path):
            _checkpoint("locked")
            return _write_locked(path, content, expected_fingerprint, keep_backups)

    return _save(path, action)


def read_modify_write(
    path: Path, kind: str, change: Callable[[Document], dict[str, Any]]
) -> Document:
    """Lock, load, change and save in one step, so concurrent commands never lose an update."""
    result: list[Document] = []

    def action() -> str:
        with locked(path):
            document = read_document(path, kind)
            if document.read_only:
                raise ReadOnlyError(
                    f"{path} was written by a newer version of workout-planner; it is read-only here"
                )
            data = change(document)
            content = _serialize(data)
            _checkpoint("serialized")
            _checkpoint("locked")
            new = _write_locked(path, content, document.fingerprint, None)
            text = content.decode("utf-8")
            result.append(Document(path=path, data=data, text=text, fingerprint=new))
            return new

    _save(path, action)
    return result[0]


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
