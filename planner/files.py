"""Typed files: plans and programs read through :mod:`planner.documents` and written through
:mod:`planner.safewrite`.

Those know bytes, TOML and safety; the model knows validity. This module joins them, so every
validation problem comes back as a :class:`~planner.errors.DataFileError` naming file, line and
field. A plan is saved block by block: the parts of the file a change did not touch are reused
as they are (:mod:`planner.tomltext`). The cache and checkpoints are the plan service's
(:mod:`planner.service`); nothing here knows them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from planner import documents  # (safewrite, tomltext where used: a cached read needs neither)
from planner.errors import DataFileError, UsageError, WorkoutError
from planner.migrations import CURRENT_SCHEMA
from planner.model import SLUG, LogEntry, Plan, Program
from planner.paths import plan_path, slugify

if TYPE_CHECKING:
    from planner.convert import FieldProblems

# planner.convert (cattrs) and planner.tomlpos are imported where they are used: a plan read
# from the cache, and a session logged, need neither.


@attrs.frozen
class PlanFile:
    """A version of a plan file as read or saved: the plan, and what guards and speeds up its
    next save (its fingerprint; its bytes and where their blocks start)."""

    plan: Plan
    path: Path
    fingerprint: str | None
    """sha256 of the file's bytes: a save checks the file still has them."""
    content: bytes = attrs.field(default=b"", repr=False)
    """The file's bytes, whose unchanged parts the next save reuses."""
    blocks: tuple[int, ...] | None = attrs.field(default=None, repr=False)
    """Where each ``[[log]]`` block starts in ``content``, in the order of ``plan.log`` (None
    when the file is not laid out block by block; its next save writes every part anew)."""
    read_only: bool = False
    """Written by a newer version of the app: shown, never written."""
    migrated_from: int | None = None
    """The schema_version the file had, when it was migrated in memory."""

    @property
    def slug(self) -> str:
        """The plan's name in commands (``--plan``): the file name without ``.toml``."""
        return self.path.stem


def problems_error(path: Path | None, text: str, problems: FieldProblems) -> DataFileError:
    """A DataFileError for the first problem, carrying every problem (for ``validate``)."""
    from planner.tomlpos import line_of

    errors = []
    for field, message in problems.items:
        where = line_of(text, field) if field else None
        line, column = where if where else (None, None)
        errors.append(
            DataFileError(path=path, line=line, column=column, field=field or None, message=message)
        )
    first = errors[0]
    return DataFileError(
        path=first.path,
        line=first.line,
        column=first.column,
        field=first.field,
        message=first.message,
        problems=tuple(errors),
    )


def _structure(document: documents.Document, build: Callable[[dict[str, Any]], Any]) -> Any:
    from planner.convert import FieldProblems

    try:
        return build(document.data)
    except FieldProblems as problems:
        raise problems_error(document.path, document.text, problems) from None


def read_plan(path: Path) -> PlanFile:
    """Load and validate a plan file (parsed anew: the plan service reads through its cache)."""
    return parse_plan(path, documents.read_raw(path))


def parse_plan(path: Path, raw: bytes) -> PlanFile:
    """Validate the bytes of the plan file at ``path``."""
    from planner import tomltext
    from planner.convert import plan_from_data

    document = documents.parse(raw, path, "plan")
    log = document.data.get("log")
    cut = tomltext.end_problem(raw, len(log) if isinstance(log, list) else 0)
    if cut is not None:  # before the fields: a cut file is first of all a cut file
        raise DataFileError(cut[0], path=path, line=cut[1])
    plan = _structure(document, plan_from_data)
    current = document.migrated_from is None and not document.read_only
    return PlanFile(
        plan=plan,
        path=path,
        fingerprint=document.fingerprint,
        content=raw,
        blocks=tomltext.split(raw, "log", len(plan.log), document.data.get("log"))
        if current
        else None,
        read_only=document.read_only,
        migrated_from=document.migrated_from,
    )


def read_program(path: Path) -> Program:
    """Load and validate a program file."""
    document = documents.read_document(path, "program")
    from planner.convert import program_from_data

    program: Program = _structure(document, program_from_data)
    return program


def plan_data(plan: Plan) -> dict[str, Any]:
    """The TOML dict of a plan, ``schema_version`` first."""
    from planner.convert import to_data

    return {"schema_version": CURRENT_SCHEMA, **to_data(plan)}


def program_data(program: Program) -> dict[str, Any]:
    """The TOML dict of a program, ``schema_version`` first."""
    from planner.convert import to_data

    return {"schema_version": CURRENT_SCHEMA, **to_data(program)}


def _head(plan: Plan) -> tuple[object, ...]:
    return (
        plan.name,
        plan.start,
        plan.days,
        plan.phases,
        plan.units,
        plan.loads,
        plan.overrides,
        plan.equipment,
        plan.maxes,
        plan.advanced,
        plan.acknowledged,
    )


def _content(current: PlanFile | None, plan: Plan) -> tuple[bytes, tuple[int, ...]]:
    """The bytes of ``plan``'s file: its head, then a ``[[log]]`` block per entry. The parts
    that are the same as in ``current`` are reused as they are, runs of them copied whole;
    every other part is serialized and verified on its own (see :mod:`planner.tomltext`)."""
    from planner import tomltext
    from planner.convert import to_data

    head: bytes | None = None
    old_log: tuple[LogEntry, ...] = ()
    old_at: dict[dt.date, int] = {}
    content = b""
    starts: tuple[int, ...] = ()
    if current is not None and current.blocks is not None:
        content, starts, old_log = current.content, current.blocks, current.plan.log
        if _head(current.plan) == _head(plan):
            head = content[: starts[0]] if starts else content
        old_at = {entry.date: index for index, entry in enumerate(old_log)}
    if head is None:
        head = tomltext.HEAD_MARK + tomltext.dumps(plan_data(attrs.evolve(plan, log=()))).encode()
    runs: list[tomltext.Run] = []
    run: list[int] = []  # old blocks, consecutive in the old file

    def flush() -> None:
        if run:
            after = run[-1] + 1
            first = starts[run[0]]
            last = starts[after] if after < len(starts) else len(content)
            runs.append((content[first:last], [starts[index] - first for index in run]))
            run.clear()

    for entry in plan.log:
        index = old_at.get(entry.date)
        if index is not None and (old_log[index] is entry or old_log[index] == entry):
            if run and index != run[-1] + 1:
                flush()
            run.append(index)
        else:
            flush()
            runs.append((tomltext.block("log", to_data(entry)), (0,)))
    flush()
    return tomltext.compose(head, runs)


def _saved(
    path: Path, plan: Plan, content: bytes, blocks: tuple[int, ...], fingerprint: str
) -> PlanFile:
    return PlanFile(plan=plan, path=path, fingerprint=fingerprint, content=content, blocks=blocks)


def create_plan(plan: Plan, slug: str | None = None) -> PlanFile:
    """Save a new plan; refuses to replace an existing one."""
    slug = slug or slugify(plan.name)
    if not SLUG.match(slug):
        raise UsageError(f"--name: {slug!r} cannot be a file name; use letters, digits and dashes")
    path = plan_path(slug)
    if path.exists():
        raise UsageError(f"a plan named {slug!r} exists already ({path}); choose another --name")
    from planner import safewrite

    content, blocks = _content(None, plan)
    fingerprint = safewrite.write_bytes(path, content, expected_fingerprint=None)
    return _saved(path, plan, content, blocks, fingerprint)


def save_plan(current: PlanFile, plan: Plan) -> PlanFile:
    """Save ``plan`` over ``current``; a change on disk since it was loaded is a ConflictError."""
    from planner import safewrite

    content, blocks = _content(current, plan)
    fingerprint = safewrite.write_bytes(
        current.path, content, expected_fingerprint=current.fingerprint
    )
    return _saved(current.path, plan, content, blocks, fingerprint)


def update_plan(
    path: Path,
    change: Callable[[PlanFile], Plan],
    read: Callable[[Path, bytes], PlanFile] = parse_plan,
) -> tuple[PlanFile, PlanFile]:
    """Lock, read, change and save a plan in one step: concurrent changes never lose an update.

    ``change`` gets the plan file as it is on disk (as ``read`` makes it of the file's bytes)
    and returns the new plan; anything it raises leaves the file as it was. Returns the version
    read and the version saved."""
    from planner import safewrite

    result: list[PlanFile] = []

    def apply(raw: bytes) -> bytes:
        current = read(path, raw)
        plan = change(current)
        content, blocks = _content(current, plan)
        result[:] = [current, _saved(path, plan, content, blocks, "")]
        return content

    fingerprint = safewrite.update(path, apply)
    before, after = result
    return before, attrs.evolve(after, fingerprint=fingerprint)


def save_copy(plan: Plan, path: Path) -> Path:
    """Write ``plan`` to a new file at ``path`` (private, never over an existing file).
    Returns the path written."""
    from planner import safewrite, tomltext

    path = path.expanduser()
    if path.exists():
        raise WorkoutError(f"{path} exists already; choose another file")
    if not path.parent.is_dir():
        raise WorkoutError(f"the directory {path.parent} does not exist")
    content = tomltext.dumps(plan_data(plan)).encode("utf-8")

    def write() -> str:
        safewrite.atomic_write(path, content, 0o600, fault_points=False)
        return ""

    safewrite.guarded(path, write)
    return path
