"""The program catalog: the built-in programs (package data in ``planner/programs``), plus the
user's own."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import attrs

from planner import documents, paths, safewrite
from planner.errors import UsageError
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


@attrs.frozen
class Entry:
    """A program and where it comes from."""

    program: Program
    source: str
    """``built-in`` or ``user``."""
    path: Path


def entries() -> dict[str, Entry]:
    """Every program by id; a user program with a built-in's id takes its place."""
    out: dict[str, Entry] = {}
    for path in sorted(builtin_dir().glob("*.toml")):
        out[path.stem] = Entry(read_program(path), "built-in", path)
    user = paths.programs_dir()
    if user.is_dir():
        for path in paths.list_files(user):
            program = read_program(path)
            out[program.id] = Entry(program, "user", path)
    return out


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
