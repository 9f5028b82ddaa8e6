"""The program catalog: the built-in programs (package data in ``planner/programs``), plus the
user's own."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import attrs

from planner import documents, paths, safewrite
from planner.errors import DataFileError, UsageError, WorkoutError
from planner.files import program_data, read_program
from planner.model import Program

BUILTIN_IDS: tuple[str, ...] = (
    "back-rehab",
    "linear-5x5",
    "wendler-531",
    "double-progression",
    "mobility",
    "back-to-strength",
)
"""Ids scripts can rely on."""


def builtin_dir() -> Path:
    """The built-in programs: package data of ``planner`` (``planner/programs/<id>.toml``), the
    same in a source checkout and in an installed wheel."""
    return Path(str(resources.files("planner") / "programs"))


_READ: dict[Path, tuple[tuple[int, int], Program]] = {}
"""Programs read before, by path, with the (mtime, size) they were read at."""


def _read(path: Path) -> Program:
    """The program in ``path``, parsed once while the file stays as it was (the program editor
    lists the catalog each time it opens; six files parsed and validated cost ~80 ms)."""
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    known = _READ.get(path)
    if known is not None and known[0] == stamp:
        return known[1]
    program = read_program(path)
    _READ[path] = (stamp, program)
    return program


@attrs.frozen(slots=False)
class Entry:
    """A program and where it comes from."""

    program: Program
    source: str
    """``built-in`` or ``user``."""
    path: Path


def entries() -> dict[str, Entry]:
    """Every program by id; a user program with a built-in's id takes its place. A broken
    user program stops here (:func:`listing` lists the others)."""
    found, broken = listing()
    if broken:
        raise broken[0]
    return found


def listing() -> tuple[dict[str, Entry], list[WorkoutError]]:
    """Every program that reads (as :func:`entries`), and what is wrong with each user program
    file that does not: one broken file never hides the others."""
    out: dict[str, Entry] = {}
    for path in sorted(builtin_dir().glob("*.toml")):
        out[path.stem] = Entry(_read(path), "built-in", path)
    broken: list[WorkoutError] = []
    user = paths.programs_dir()
    if user.is_dir():
        for path in paths.list_files(user):
            try:
                program = _read(path)
            except (DataFileError, WorkoutError) as error:
                broken.append(error)
                continue
            out[program.id] = Entry(program, "user", path)
    return out, broken


def get(program_id: str) -> Program:
    """The program with ``program_id``; a clear error naming the known ids otherwise."""
    known = entries()
    if program_id not in known:
        raise UsageError(f"--program: unknown program {program_id!r} (known: {', '.join(known)})")
    return known[program_id].program


def save_user_program(program: Program) -> Path:
    """Save a program to the user's programs (replacing their earlier version of it)."""
    path = paths.programs_dir() / f"{program.id}.toml"
    expected = None
    if path.exists():
        expected = documents.read_document(path, "program").fingerprint
    safewrite.write_document(
        path, program_data(program), expected_fingerprint=expected, kind="program"
    )
    return path
