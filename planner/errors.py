"""Errors a person can act on: ``str(error)`` is one line naming the file, line and field, or the flag."""

from __future__ import annotations

from pathlib import Path


class WorkoutError(Exception):
    """Base of every error the app reports instead of a traceback."""


class UsageError(WorkoutError):
    """A bad command-line flag or form value; nothing was written."""


class DataFileError(WorkoutError):
    """A plan or program file that cannot be used as it is; it is never overwritten."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        problems: tuple[DataFileError, ...] = (),
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.field = field
        self.problems: tuple[DataFileError, ...] = problems or (self,)
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [str(self.path)] if self.path is not None else []
        if self.line is not None:
            where.append(str(self.line))
            if self.column is not None:
                where.append(str(self.column))
        head = ":".join(where)
        body = f"{self.field}: {self.message}" if self.field else self.message
        return f"{head}: {body}" if head else body


class ConflictError(WorkoutError):
    """The file changed on disk since it was loaded; nothing was overwritten, both versions kept."""

    def __init__(self, path: Path, kept_path: Path) -> None:
        self.path = path
        self.kept_path = kept_path
        super().__init__(
            f"{path} was changed by another workout process since it was opened; it was not "
            f"overwritten, and this change was kept in {kept_path}"
        )


class ReadOnlyError(WorkoutError):
    """A file written by a newer version of the app: shown, never written."""


class SaveError(WorkoutError):
    """Writing failed (disk full, I/O error, no permission); the old file is intact."""
