"""Typed files: plans and programs read and written through :mod:`planner.storage`.

Storage knows bytes, TOML and safety; the model knows validity. This module joins them, so every
validation problem comes back as a :class:`~planner.errors.DataFileError` naming file, line and field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from planner import storage
from planner.convert import FieldProblems, plan_from_data, program_from_data, to_data
from planner.errors import DataFileError, UsageError
from planner.migrations import CURRENT_SCHEMA
from planner.model import SLUG, Plan, Program
from planner.tomlpos import line_of


@attrs.frozen
class PlanFile:
    """A loaded plan and the document it came from (its fingerprint guards the next save)."""

    plan: Plan
    document: storage.Document

    @property
    def path(self) -> Path:
        """Where the plan lives."""
        return self.document.path

    @property
    def slug(self) -> str:
        """The plan's name in commands (``--plan``): the file name without ``.toml``."""
        return self.document.path.stem

    @property
    def read_only(self) -> bool:
        """Written by a newer version of the app: shown, never written."""
        return self.document.read_only


def problems_error(path: Path | None, text: str, problems: FieldProblems) -> DataFileError:
    """A DataFileError for the first problem, carrying every problem (for ``validate``)."""
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
    try:
        return build(document.data)
    except FieldProblems as problems:
        raise problems_error(document.path, document.text, problems) from None


def read_plan(path: Path) -> PlanFile:
    """Load and validate a plan file."""
    document = storage.read_document(path, "plan")
    return PlanFile(plan=_structure(document, plan_from_data), document=document)


def read_program(path: Path) -> Program:
    """Load and validate a program file."""
    document = storage.read_document(path, "program")
    program: Program = _structure(document, program_from_data)
    return program


def plan_data(plan: Plan) -> dict[str, Any]:
    """The TOML dict of a plan, ``schema_version`` first."""
    return {"schema_version": CURRENT_SCHEMA, **to_data(plan)}


def program_data(program: Program) -> dict[str, Any]:
    """The TOML dict of a program, ``schema_version`` first."""
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


def create_plan(plan: Plan, slug: str | None = None) -> PlanFile:
    """Save a new plan; refuses to replace an existing one."""
    slug = slug or slugify(plan.name)
    if not SLUG.match(slug):
        raise UsageError(f"--name: {slug!r} cannot be a file name; use letters, digits and dashes")
    path = plan_path(slug)
    if path.exists():
        raise UsageError(f"a plan named {slug!r} exists already ({path}); choose another --name")
    storage.write_document(path, plan_data(plan), expected_fingerprint=None, kind="plan")
    return read_plan(path)


def save_plan(current: PlanFile, plan: Plan) -> PlanFile:
    """Save ``plan`` over ``current``; a change on disk since it was loaded is a ConflictError."""
    fingerprint = storage.write_document(
        current.path,
        plan_data(plan),
        expected_fingerprint=current.document.fingerprint,
        kind="plan",
    )
    document = attrs.evolve(
        current.document, data=plan_data(plan), fingerprint=fingerprint, migrated_from=None
    )
    return PlanFile(plan=plan, document=document)


def update_plan(path: Path, change: Callable[[Plan], Plan]) -> PlanFile:
    """Lock, read, change and save a plan in one step: concurrent commands never lose an update."""

    changed: list[Plan] = []

    def apply(document: storage.Document) -> dict[str, Any]:
        plan: Plan = _structure(document, plan_from_data)
        changed.append(change(plan))
        return plan_data(changed[-1])

    document = storage.read_modify_write(path, "plan", apply)
    # The saved data round-trips to the same plan (storage re-parses it before writing).
    return PlanFile(plan=changed[-1], document=document)


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
