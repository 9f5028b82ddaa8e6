"""Documents: a TOML file's bytes turned into data, with the line and column of every problem.

Reading only; writing is :mod:`planner.safewrite`. A file that is not UTF-8, not TOML, or has no
``schema_version`` is a :class:`~planner.errors.DataFileError` naming where (docs/ARCHITECTURE.md, promise R3);
older schema versions migrate in memory (:mod:`planner.migrations`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs

from planner import digests
from planner.errors import DataFileError, WorkoutError
from planner.migrations import CURRENT_SCHEMA, migrate

_last: tuple[bytes, str] | None = None
"""The bytes fingerprinted last and their fingerprint (one tuple: read and replaced whole)."""


def digest(raw: bytes) -> str:
    """A digest of some bytes, in hex: a file's fingerprint (:mod:`planner.digests`).

    A save fingerprints the file it read when the plan was opened three times more (read again
    under the lock, checked, replaced); comparing bytes with the last ones fingerprinted is
    ~30× cheaper than hashing them, and the same bytes have the same fingerprint."""
    global _last
    last = _last
    if last is not None and (raw is last[0] or raw == last[0]):
        return last[1]
    hexdigest = digests.hexdigest(raw)
    _last = (raw, hexdigest)
    return hexdigest


def fingerprint(raw: bytes | None) -> str | None:
    """The digest of a file's bytes (None for a file that does not exist)."""
    return None if raw is None else digest(raw)


@attrs.frozen(slots=False)
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


# A pattern, compiled on first use (re's cache) rather than on every start-up.
_TOML_AT = r"^(.*?)\s*\(at line (\d+), column (\d+)\)$"


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
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise DataFileError("not valid here: values nested too deeply", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.match(_TOML_AT, message)
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


def read_bytes(path: Path) -> bytes | None:
    """A file's bytes, or None when it does not exist (a WorkoutError when it cannot be read)."""
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
    raw = read_bytes(path)
    if raw is None:
        raise WorkoutError(f"no such file: {path}")
    return raw


def read_document(path: Path, kind: str = "plan") -> Document:
    """Load a TOML file; bad content is a DataFileError naming line and column."""
    return parse(read_raw(path), path, kind)


# A pattern, compiled on first use (re's cache) rather than on every start-up.
_FIRST_TABLE = r"(?m)^[ \t]*\["


def version_on_disk(raw: bytes) -> int | None:
    """The ``schema_version`` a file's bytes declare, read as TOML reads it (``+3``, ``0x3``,
    ``"schema_version" = 3`` and a byte-order mark all mean 3); None when there is none or the
    file is not TOML.

    Top-level keys come before the first table, so only that head is parsed (a save of ten
    years of log need not parse it all); a head cut inside a multi-line string or array is not
    valid TOML on its own, and then the whole file is parsed.
    """
    import tomllib

    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None
    first = re.search(_FIRST_TABLE, text)
    attempts = (text[: first.start()], text) if first else (text,)
    for attempt in attempts:
        try:
            data = tomllib.loads(attempt)
        except tomllib.TOMLDecodeError:
            continue
        version = data.get("schema_version")
        if isinstance(version, int) and not isinstance(version, bool):
            return version
        return None
    return None
