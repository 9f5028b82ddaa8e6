"""Projections that resume where an earlier one left off: the plan service's speed machinery.

A fold keeps a :class:`rules.engine.Checkpoint` every :data:`CHECKPOINT_EVERY` calendar
positions. A window (:func:`project_window`) resumes from the latest checkpoint before it, so
``workout today`` costs the same after ten years as after one week; a whole projection
(:func:`project_whole`) after a change borrows the sessions an earlier one derived before the
change. Only :mod:`planner.service` calls these: callers of the planner never see checkpoints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import NamedTuple

import attrs

from planner import settled
from planner.model import LogEntry, Override, Plan
from planner.projection import LazyLog, WholePlan, Window, ready_engine_phases
from planner.settled import Run
from planner.storedlog import entries_by_date, entries_from, shared_entries, statuses_by_date
from rules.engine import Calendar, Checkpoint, Folded, Phase, Session, Status, fold, schedule
from rules.values import SetTarget

Checkpoints = tuple[Checkpoint, ...]

CHECKPOINT_EVERY = 64
"""Calendar positions between the checkpoints a projection keeps (a quarter of a year at five
sessions a week): a change to the log re-derives at most this many settled sessions, plus the
future."""


def _end_of_week(date: dt.date) -> dt.date:
    return date + dt.timedelta(days=6 - date.weekday())


def _horizon(today: dt.date, keep: int) -> Callable[[Session], bool]:
    """Stop after the week of the next planned session (and at least today's week), but not
    before calendar position ``keep``."""
    end: list[dt.date] = []

    def stop(session: Session) -> bool:
        if not end and session.status == "planned":
            end.append(max(_end_of_week(session.scheduled.date), _end_of_week(today)))
        return bool(end) and session.scheduled.date > end[0] and session.scheduled.number > keep

    return stop


def _definition(plan: Plan) -> tuple[object, ...]:
    return (
        plan.start,
        plan.days,
        plan.day_changes,
        plan.phases,
        plan.units,
        plan.loads,
        plan.equipment,
        plan.maxes,
        plan.advanced,
    )


def first_change(old: Plan, new: Plan) -> dt.date | None:
    """The earliest scheduled date whose session may project differently in ``new`` than in
    ``old`` (a log entry or an override added, changed or removed); ``date.min`` when the plan's
    definition changed, None when nothing that projects changed."""
    if _definition(old) != _definition(new):
        return dt.date.min
    changed = _changed_dates(old.log, new.log) + _changed_dates(old.overrides, new.overrides)
    return min(changed, default=None)


def _changed_dates(
    before: Sequence[LogEntry | Override], after: Sequence[LogEntry | Override]
) -> list[dt.date]:
    """The dates whose entry (of a log, or of the overrides) was added, changed or removed."""
    shared = shared_entries(before, after)  # (logs from the cache: only what follows is read)
    if shared == len(before) == len(after) or (not shared and before == after):
        return []
    old = {item.date: item for item in entries_from(before, shared)}
    new = {item.date: item for item in entries_from(after, shared)}
    return [date for date in old.keys() | new.keys() if old.get(date) != new.get(date)]


def carry_checkpoints(
    old: Plan, new: Plan, checkpoints: Sequence[Checkpoint]
) -> tuple[Checkpoint, ...]:
    """The checkpoints of ``old`` that still hold for ``new``: those before its first change."""
    change = first_change(old, new)
    if change is None:
        return tuple(checkpoints)
    return tuple(cp for cp in checkpoints if cp.key <= change)


def reach(checkpoints: Sequence[Checkpoint]) -> int:
    """The furthest calendar position ``checkpoints`` resume from (-1: none)."""
    return max((cp.index for cp in checkpoints), default=-1)


def _merge(*groups: Sequence[Checkpoint]) -> tuple[Checkpoint, ...]:
    by_index: dict[int, Checkpoint] = {}
    for group in groups:
        for checkpoint in group:
            by_index[checkpoint.index] = checkpoint
    return tuple(by_index[index] for index in sorted(by_index))


def _latest(checkpoints: Sequence[Checkpoint], at_most: int, today: dt.date) -> Checkpoint | None:
    found = None
    for checkpoint in checkpoints:
        usable = checkpoint.index <= at_most and checkpoint.holds(today)
        if usable and (found is None or checkpoint.index > found.index):
            found = checkpoint
    return found


class _Parts(NamedTuple):
    """What a fold needs, derived from a plan without rules."""

    phases: tuple[Phase, ...]
    calendar: Calendar
    statuses: tuple[Status, ...]
    log: LazyLog
    edits: dict[dt.date, dict[str, tuple[SetTarget, ...]]]


def _parts(plan: Plan, today: dt.date) -> _Parts:
    entries = entries_by_date(plan)  # (a log from the cache: no entry unpickled yet)
    log = LazyLog(entries, plan.units)
    phases = ready_engine_phases(plan, log)
    moves = {o.date: o.moved_to for o in plan.overrides if o.moved_to is not None}
    calendar = schedule(plan.start, plan.weekdays, phases, moves, plan.weekday_periods()[1:])
    statuses = calendar.statuses(statuses_by_date(plan, entries), today)
    edits = {
        o.date: {
            e.exercise: tuple(
                SetTarget(reps=s.reps, load=s.load, seconds=s.seconds) for s in e.sets
            )
            for e in o.exercises
        }
        for o in plan.overrides
        if o.exercises
    }
    return _Parts(phases, calendar, statuses, log, edits)


def _found(known: Sequence[Checkpoint], folded: Folded, today: dt.date) -> tuple[Checkpoint, ...]:
    return _merge(tuple(cp for cp in known if cp.holds(today)), folded.checkpoints)


def project_window(
    plan: Plan,
    today: dt.date,
    checkpoints: Sequence[Checkpoint] = (),
    *,
    since: int | None = None,
) -> tuple[Window, tuple[Checkpoint, ...]]:
    """The window of ``plan`` from the next planned session (or calendar position ``since``,
    0-based, if earlier) to the end of that session's week (and of today's week), resumed from
    the latest of ``checkpoints`` before it, so its cost does not grow with the history; with
    the checkpoints a later projection can resume from. (The plan service's machinery.)"""
    parts = _parts(plan, today)
    statuses = parts.statuses
    frontier = statuses.index("planned") if "planned" in statuses else len(parts.calendar)
    start = frontier if since is None else min(frontier, since)
    folded = fold(
        parts.phases,
        parts.calendar,
        parts.log,
        today,
        parts.edits,
        resume=_latest(checkpoints, start, today),
        stop=_horizon(today, -1 if since is None else since + 1),
        every=CHECKPOINT_EVERY,
    )
    window = Window(
        plan=plan,
        phases=parts.phases,
        sessions=folded.sessions,
        today=today,
        calendar=parts.calendar,
        statuses=statuses,
        first=folded.first,
    )
    return window, _found(checkpoints, folded, today)


def project_whole(
    plan: Plan,
    today: dt.date,
    checkpoints: Sequence[Checkpoint] = (),
    previous: WholePlan | None = None,
    runs: Sequence[Run] = (),
) -> tuple[WholePlan, tuple[Checkpoint, ...]]:
    """Every session of ``plan``; a ``previous`` whole projection of an earlier version of the
    plan lends the sessions before its first change (resumed from the latest of
    ``checkpoints`` there); else the ``runs`` of settled sessions of this plan kept with the
    checkpoints (:mod:`planner.settled`) lend theirs. With the checkpoints a later
    projection can resume from. (The plan service's machinery.)"""
    parts = _parts(plan, today)
    head: tuple[Session, ...] = ()
    resume = None
    if previous is not None and previous.today == today:
        change = first_change(previous.plan, plan)
        if change is None:  # nothing that projects changed (a plan's name, say)
            return attrs.evolve(previous, plan=plan), tuple(checkpoints)
        if change != dt.date.min:
            limit = min(len(previous.sessions), parts.calendar.position(change))
            resume = _latest(checkpoints, limit, today)
            if resume is not None:
                head = previous.sessions[: resume.index]
    elif runs and (kept := settled.sessions(runs, checkpoints, today)):
        resume = _latest(checkpoints, len(kept), today)
        if resume is not None:
            head = kept[: resume.index]
    folded = fold(
        parts.phases,
        parts.calendar,
        parts.log,
        today,
        parts.edits,
        resume=resume,
        every=CHECKPOINT_EVERY,
    )
    whole = WholePlan(
        plan=plan,
        phases=parts.phases,
        sessions=head + folded.sessions,
        today=today,
        calendar=parts.calendar,
        statuses=parts.statuses,
    )
    return whole, _found(checkpoints, folded, today)
