"""Typed files: plans and programs read through :mod:`planner.documents` and written through
:mod:`planner.safewrite`.

Those know bytes, TOML and safety; the model knows validity. This module joins them, so every
validation problem comes back as a :class:`~planner.errors.DataFileError` naming file, line and
field. A plan is saved block by block: the parts of the file a change did not touch are reused
as they are (:mod:`planner.tomltext`). The cache and checkpoints are the plan service's
(:mod:`planner.service`); nothing here knows them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from planner import documents  # (safewrite, tomltext where used: a cached read needs neither)
from planner.errors import DataFileError, UsageError, WorkoutError
from planner.migrations import CURRENT_SCHEMA
from planner.model import SLUG, Plan, Program
from planner.paths import plan_path, slugify

if TYPE_CHECKING:
    from planner.convert import FieldProblems

# planner.convert (cattrs) and planner.tomlpos are imported where they are used: a plan read
# from the cache, and a session logged, need neither.


@attrs.frozen(slots=False)
class PlanFile:
    """A version of a plan file as read or saved: the plan, and what guards and speeds up its
    next save (its fingerprint; its bytes and where their blocks start)."""

    plan: Plan
    path: Path
    fingerprint: str | None
    """The digest of the file's bytes (:mod:`planner.digests`): a save checks the file still has them."""
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
    # The log is written the same way since version 2: its blocks are reused from there on.
    current = (document.migrated_from or CURRENT_SCHEMA) >= 2 and not document.read_only
    return PlanFile(
        plan=plan,
        path=path,
        fingerprint=document.fingerprint,
        content=raw,
        blocks=_blocks(raw, document) if current else None,
        read_only=document.read_only,
        migrated_from=document.migrated_from,
    )


def _blocks(raw: bytes, document: documents.Document) -> tuple[int, ...] | None:
    """Where the file's ``[[log]]`` blocks start (none yet: the log is appended after the head)."""
    from planner import tomltext

    log = document.data.get("log")
    if "log" not in document.data:
        return ()
    return tomltext.split(raw, "log", len(log) if isinstance(log, list) else 0, log)


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
        plan.day_changes,
        plan.phases,
        plan.units,
        plan.loads,
        plan.overrides,
        plan.equipment,
        plan.maxes,
        plan.id,
        plan.advanced,
        plan.acknowledged,
        plan.morning_dismissed,
    )


def _fresh(plan: Plan) -> tuple[bytes, tuple[int, ...]]:
    from planner import tomltext
    from planner.convert import to_data

    head = tomltext.HEAD_MARK + tomltext.dumps(plan_data(attrs.evolve(plan, log=()))).encode()
    return tomltext.compose(head, [(tomltext.block("log", to_data(e)), (0,)) for e in plan.log])


def _rewritten(current: PlanFile, plan: Plan) -> tuple[bytes, tuple[int, ...] | None] | None:
    """The whole file of a plan not laid out block by block (a hand-made layout, an old
    schema), rewritten to ``plan`` with its comments kept; None when it cannot be."""
    from planner import tomlkeep, tomltext
    from planner.convert import to_data

    if not current.content:
        return None
    eol = tomltext.eol_of(current.content)
    text = tomlkeep.rewrite(tomltext.body(current.content), plan_data(plan))
    if text is None:
        return None
    content = (
        text.rstrip(b"\r\n") + eol + eol + tomltext.end_line(len(plan.log)).replace(b"\n", eol)
    )
    if not plan.log:  # (it read back as the plan: no log key, so one can be appended)
        return content, ()
    tables = [to_data(entry) for entry in plan.log]
    return content, tomltext.split(content, "log", len(plan.log), tables)


def _commented(content: bytes) -> bool:
    """Whether ``content`` may hold a comment a person wrote (a ``#`` besides the app's own
    first and end lines; one inside a string counts too, to be safe)."""
    from planner import tomltext

    return b"#" in tomltext.body(content).removeprefix(tomltext.HEAD_MARK)


def _new_head(current: PlanFile, plan: Plan, old: bytes) -> bytes:
    """The head of ``plan``'s file: the old head's text if the head did not change, else that
    text rewritten with its comments kept (:mod:`planner.tomlkeep`), else new text."""
    from planner import tomltext

    if current.migrated_from is None and _head(current.plan) == _head(plan):
        return old
    from planner import tomlkeep

    data = plan_data(attrs.evolve(plan, log=()))
    kept = tomlkeep.rewrite(tomltext.body(old), data)
    if kept is not None:
        return kept
    return tomltext.HEAD_MARK + tomltext.dumps(data).encode()


def _relogged(old: bytes, table: dict[str, Any], eol: bytes) -> bytes:
    """The ``[[log]]`` block ``old`` rewritten to ``table`` with its comments kept (a session
    logged again), or a new block when that cannot be done so it stands on its own."""
    from planner import tomlkeep, tomltext

    kept = tomlkeep.rewrite(tomltext.body(old), {"log": [table]})
    if kept is not None and tomltext.stands_alone(kept, "log"):
        return kept
    return tomltext.with_eol(tomltext.block("log", table), eol)


def _content(current: PlanFile | None, plan: Plan) -> tuple[bytes, tuple[int, ...] | None]:
    """The bytes of ``plan``'s file: its head, then a ``[[log]]`` block per entry. The parts
    that are the same as in ``current`` are reused as they are, runs of them copied whole; a
    part that changed is rewritten keeping its comments (:mod:`planner.tomlkeep`), a new part
    serialized; each verified on its own (see :mod:`planner.tomltext`)."""
    from planner import tomltext
    from planner.convert import to_data
    from planner.storedlog import entries_from, shared_entries

    if current is None:
        return _fresh(plan)
    if current.blocks is None:
        # Laid out otherwise (by hand, an old schema): a file with comments of its own is
        # rewritten keeping them, and keeps its layout; one without is laid out anew, block by
        # block, so that its next saves are quick.
        return (_commented(current.content) and _rewritten(current, plan)) or _fresh(plan)
    content, starts, old_log = current.content, current.blocks, current.plan.log
    eol = tomltext.eol_of(content)
    head = _new_head(current, plan, content[: starts[0]] if starts else content)
    shared = shared_entries(old_log, plan.log)  # (a log from the cache: entries left unread)
    old_at = {old_log[index].date: index for index in range(shared, len(old_log))}
    runs: list[tomltext.Run] = []
    run: list[int] = list(range(shared))  # old blocks, consecutive in the old file

    def piece(first: int, after: int) -> bytes:
        return content[starts[first] : starts[after] if after < len(starts) else len(content)]

    def flush() -> None:
        if run:
            runs.append((piece(run[0], run[-1] + 1), [starts[i] - starts[run[0]] for i in run]))
            run.clear()

    for entry in entries_from(plan.log, shared):
        index = old_at.get(entry.date)
        if index is not None and (old_log[index] is entry or old_log[index] == entry):
            if run and index != run[-1] + 1:
                flush()
            run.append(index)
            continue
        flush()
        if index is None:
            runs.append((tomltext.with_eol(tomltext.block("log", to_data(entry)), eol), (0,)))
        else:
            runs.append((_relogged(piece(index, index + 1), to_data(entry), eol), (0,)))
    flush()
    return tomltext.compose(head, runs, eol)


def _saved(
    path: Path, plan: Plan, content: bytes, blocks: tuple[int, ...] | None, fingerprint: str
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
