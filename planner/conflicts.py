"""Conflict copies of a plan (promise R12 in docs/ARCHITECTURE.md): found beside the plan,
compared with it, and merged into it, for the CLI (``workout merge``) and the app alike.

The merge itself is pure (:mod:`planner.merge`); here it runs on the plan as it is on disk,
saved through :meth:`planner.service.PlanService.apply` (lock, backup, fingerprint), and only
once it is saved does the copy move to the trash (never deleted: ``workout plans --trash``).
A session the person chose against stays recoverable: the plan's version in the backup that
save keeps, the copy's in the trashed copy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import attrs

from planner import files
from planner.errors import WorkoutError
from planner.merge import Comparison, Side, compare, merged
from planner.model import Plan
from planner.paths import conflict_copies
from planner.service import PlanService

__all__ = ["Found", "Merged", "conflict_copies", "examine", "merge_copy"]


@attrs.frozen(slots=False)
class Found:
    """A conflict copy, read and compared with its plan."""

    copy: Path
    theirs: Plan
    """The plan the copy holds."""
    comparison: Comparison


@attrs.frozen(slots=False)
class Merged:
    """What a merge did."""

    copy: Path
    """The conflict copy merged."""
    trashed: Path
    """Where the copy is now (in the trash)."""
    comparison: Comparison
    """How it differed from the plan (as compared just before the save)."""
    choices: Mapping[dt.date, Side]


def _read_copy(copy: Path) -> Plan:
    found = files.read_plan(copy)  # a broken copy: a DataFileError naming file, line, field
    if found.read_only:
        raise WorkoutError(
            f"{copy.name} was written by a newer version of workout-planner; update it to "
            "merge this copy (nothing was changed)"
        )
    return found.plan


def examine(service: PlanService, copy: Path) -> Found:
    """Read the conflict copy ``copy`` and compare it with the plan ``service`` holds."""
    theirs = _read_copy(copy)
    return Found(copy, theirs, compare(service.plan, theirs))


def merge_copy(service: PlanService, copy: Path, choices: Mapping[dt.date, Side]) -> Merged:
    """Merge the log of the conflict copy ``copy`` into the plan (``choices``: the side kept
    of each session logged differently on both sides, by date; every such session needs one,
    else :class:`planner.merge.Unresolved` and nothing changes), then move the copy to the
    trash. The plan is saved only when the merge changes it."""
    from planner import shelf

    theirs = _read_copy(copy)
    comparison = compare(service.plan, theirs)
    merged(service.plan, theirs, choices)  # refused here, before anything is written
    if not comparison.empty:
        seen: list[Comparison] = []

        def change(plan: Plan) -> Plan:
            seen[:] = [compare(plan, theirs)]  # (the file as it is under the lock)
            return merged(plan, theirs, choices)

        service.apply(change)
        comparison = seen[0]
    trashed = shelf.trash_copy(copy, service.path)
    return Merged(copy, trashed, comparison, dict(choices))
