"""Typed files: plans and programs read and written through :mod:`planner.storage`.

Storage knows bytes, TOML and safety; the model knows validity. This module joins them, so every
validation problem comes back as a :class:`~planner.errors.DataFileError` naming file, line and field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from planner import cache, storage, tomltext
from planner.errors import DataFileError, UsageError, WorkoutError
from planner.migrations import CURRENT_SCHEMA
from planner.model import SLUG, LogEntry, Plan, Program
from planner.projection import Projection, carry_checkpoints
from rules.engine import Checkpoint

if TYPE_CHECKING:
    from planner.convert import FieldProblems

# planner.convert (cattrs) and planner.tomlpos are imported where they are used: a plan read
# from the cache, and a session logged, need neither.


@attrs.frozen
class PlanFile:
    """A loaded (or saved) plan and what guards and speeds up its next save."""

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
    checkpoints: tuple[Checkpoint, ...] = attrs.field(default=(), repr=False, eq=False)
    """Where a projection of this plan may resume (kept in the cache with the plan)."""
    cached: bool = attrs.field(default=False, repr=False, eq=False)
    """Whether the cache already holds this version with these checkpoints."""
    packed: cache.Entry | None = attrs.field(default=None, repr=False, eq=False)
    """The cache entry last read or kept for this file (its pickled log runs are reused)."""

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


def _structure(document: storage.Document, build: Callable[[dict[str, Any]], Any]) -> Any:
    from planner.convert import FieldProblems

    try:
        return build(document.data)
    except FieldProblems as problems:
        raise problems_error(document.path, document.text, problems) from None


def read_plan(path: Path, *, cached: bool = True) -> PlanFile:
    """Load and validate a plan file (from the cache when this exact version was read before,
    unless ``cached`` is False)."""
    return _plan_file(path, storage.read_raw(path), cached=cached)


def cached_plan(path: Path) -> PlanFile | None:
    """The plan, if this exact version of its file is in the cache (None otherwise, also when
    the file cannot be read: :func:`read_plan` says why)."""
    try:
        raw = storage.read_raw(path)
    except WorkoutError:
        return None
    return _cached(path, raw, storage.digest(raw))


def _cached(path: Path, raw: bytes, fingerprint: str) -> PlanFile | None:
    entry = cache.load(path, fingerprint)
    if entry is None:
        return None
    return PlanFile(
        plan=entry.plan,
        path=path,
        fingerprint=fingerprint,
        content=raw,
        blocks=entry.blocks,
        checkpoints=entry.checkpoints,
        cached=True,
        packed=entry,
    )


def _plan_file(path: Path, raw: bytes, *, cached: bool = True) -> PlanFile:
    fingerprint = storage.digest(raw)
    found = _cached(path, raw, fingerprint) if cached else None
    if found is not None:
        return found
    from planner.convert import plan_from_data

    document = storage.parse(raw, path, "plan")
    plan = _structure(document, plan_from_data)
    current = document.migrated_from is None and not document.read_only
    plan_file = PlanFile(
        plan=plan,
        path=path,
        fingerprint=fingerprint,
        content=raw,
        blocks=tomltext.split(raw, "log", len(plan.log), document.data.get("log"))
        if current
        else None,
        read_only=document.read_only,
        migrated_from=document.migrated_from,
    )
    if not (cached and current):
        return plan_file
    # Edited by hand (or by another copy of the app): the checkpoints kept for the version
    # before still hold up to the first session the edit touched.
    earlier = cache.newest(path)
    kept = carry_checkpoints(earlier.plan, plan, earlier.checkpoints) if earlier else ()
    return _keep(plan_file, kept)


def _keep(plan_file: PlanFile, checkpoints: tuple[Checkpoint, ...]) -> PlanFile:
    entry = cache.Entry(plan=plan_file.plan, blocks=plan_file.blocks, checkpoints=checkpoints)
    packed = cache.store(plan_file.path, plan_file.fingerprint, entry, plan_file.packed)
    return attrs.evolve(plan_file, checkpoints=checkpoints, cached=True, packed=packed)


def remember(plan_file: PlanFile, projection: Projection) -> PlanFile:
    """Keep ``plan_file`` in the cache with the checkpoints ``projection`` found, when that
    tells the next command something new; returns it with those checkpoints."""
    checkpoints = projection.checkpoints
    if plan_file.read_only or plan_file.migrated_from is not None:
        return plan_file
    newest = max((cp.index for cp in plan_file.checkpoints), default=-1)
    if plan_file.cached and max((cp.index for cp in checkpoints), default=-1) <= newest:
        return plan_file
    return _keep(plan_file, checkpoints)


def read_program(path: Path) -> Program:
    """Load and validate a program file."""
    document = storage.read_document(path, "program")
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


def plan_path(slug: str) -> Path:
    """Where the plan named ``slug`` lives."""
    return storage.plans_dir() / f"{slug}.toml"


def slugify(name: str) -> str:
    """``Back then strength!`` → ``back-then-strength``."""
    out = []
    for char in name.lower():
        out.append(char if char.isascii() and char.isalnum() else "-")
    slug = "-".join(part for part in "".join(out).split("-") if part)
    return slug or "plan"


def _head(plan: Plan) -> tuple[object, ...]:
    return (plan.name, plan.start, plan.days, plan.phases, plan.units, plan.loads, plan.overrides)


def _content(current: PlanFile | None, plan: Plan) -> tuple[bytes, tuple[int, ...]]:
    """The bytes of ``plan``'s file: its head, then a ``[[log]]`` block per entry. The parts
    that are the same as in ``current`` are reused as they are, runs of them copied whole;
    every other part is serialized and verified on its own (see :mod:`planner.tomltext`)."""
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
        head = tomltext.dumps(plan_data(attrs.evolve(plan, log=()))).encode("utf-8")
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
    path: Path,
    plan: Plan,
    content: bytes,
    blocks: tuple[int, ...],
    fingerprint: str,
    before: PlanFile | None,
) -> PlanFile:
    kept = carry_checkpoints(before.plan, plan, before.checkpoints) if before is not None else ()
    return PlanFile(
        plan=plan,
        path=path,
        fingerprint=fingerprint,
        content=content,
        blocks=blocks,
        checkpoints=kept,
        packed=before.packed if before is not None else None,
    )


def create_plan(plan: Plan, slug: str | None = None) -> PlanFile:
    """Save a new plan; refuses to replace an existing one."""
    slug = slug or slugify(plan.name)
    if not SLUG.match(slug):
        raise UsageError(f"--name: {slug!r} cannot be a file name; use letters, digits and dashes")
    path = plan_path(slug)
    if path.exists():
        raise UsageError(f"a plan named {slug!r} exists already ({path}); choose another --name")
    content, blocks = _content(None, plan)
    fingerprint = storage.write_bytes(path, content, expected_fingerprint=None)
    return _saved(path, plan, content, blocks, fingerprint, None)


def save_plan(current: PlanFile, plan: Plan) -> PlanFile:
    """Save ``plan`` over ``current``; a change on disk since it was loaded is a ConflictError."""
    content, blocks = _content(current, plan)
    fingerprint = storage.write_bytes(
        current.path, content, expected_fingerprint=current.fingerprint
    )
    return _saved(current.path, plan, content, blocks, fingerprint, current)


def update_plan(path: Path, change: Callable[[PlanFile], Plan]) -> PlanFile:
    """Lock, read, change and save a plan in one step: concurrent commands never lose an update.

    ``change`` gets the plan as it is on disk (with its checkpoints) and returns the new plan."""
    result: list[PlanFile] = []

    def apply(raw: bytes) -> bytes:
        current = _plan_file(path, raw)
        plan = change(current)
        content, blocks = _content(current, plan)
        result.append(_saved(path, plan, content, blocks, "", current))
        return content

    fingerprint = storage.update(path, apply)
    return attrs.evolve(result[-1], fingerprint=fingerprint)


def list_plans() -> list[Path]:
    """Every plan file, sorted by name."""
    return storage.list_files(storage.plans_dir())


def last_used_plan() -> Path | None:
    """The plan saved most recently: the one a person was working with."""
    return storage.newest(list_plans())


def resolve_plan(name: str | None) -> Path:
    """The plan a command means: ``--plan NAME``, or the only plan there is."""
    if name:
        path = plan_path(slugify(name)) if not name.endswith(".toml") else Path(name)
        if not path.exists():
            known = ", ".join(p.stem for p in list_plans()) or "none yet"
            raise UsageError(f"--plan: no plan named {name!r} (plans: {known})")
        return path
    plans = list_plans()
    if not plans:
        raise UsageError(
            "no plan yet: create one with `workout new --program ID --start DATE --days mon,thu`"
        )
    if len(plans) > 1:
        names = ", ".join(p.stem for p in plans)
        raise UsageError(f"several plans ({names}): say which with --plan NAME")
    return plans[0]


def today() -> dt.date:
    """The local date: the one place the planner reads the clock (tests pass dates instead)."""
    return dt.date.today()
