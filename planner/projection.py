"""From a plan to its sessions: the bridge between the model and the rules engine.

Program snapshots are written in their own unit; a plan may be in another. Here loads, increments
and load steps of rules are converted once, so the engine only ever sees plan units.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from planner.model import Exercise, LogEntry, Override, Plan, Program, SlotDef
from rules.engine import (
    Calendar,
    Checkpoint,
    Day,
    Logged,
    Phase,
    Scheduled,
    Session,
    Slot,
    Status,
    fold,
    is_deload,
    schedule,
)
from rules.kinds import Rule
from rules.values import Base, SetDone, SetTarget, Unit, convert_load

_LOAD_PARAMS = ("add", "add_per_cycle")
"""Rule parameters that are loads and so follow the plan's unit."""


def increment_in(exercise: Exercise, program_unit: Unit, unit: Unit) -> float:
    """The rounding step in the plan's unit: 2.5 kg ↔ 5 lb, 1.25 kg ↔ 2.5 lb."""
    if program_unit == unit:
        return exercise.increment
    if unit == "lb":
        return max(1.0, round(exercise.increment * 2.2046226 / 2.5) * 2.5)
    return max(0.5, round(exercise.increment * 0.45359237 / 1.25) * 1.25)


def _rule_in(rule: Rule, source: Unit, target: Unit, increment: float) -> Rule:
    if source == target:
        return rule
    changes: dict[str, Any] = {}
    for name in _LOAD_PARAMS:
        if hasattr(rule, name):
            changes[name] = convert_load(getattr(rule, name), source, target, increment)
    return attrs.evolve(rule, **changes) if changes else rule


def _slot(plan: Plan, program: Program, slot: SlotDef) -> Slot:
    exercise = program.exercise(slot.exercise)
    increment = increment_in(exercise, program.unit, plan.units)
    load = plan.loads.get(slot.exercise)
    if load is None and slot.load is not None:
        load = convert_load(slot.load, program.unit, plan.units, increment)
    base = Base(
        sets=slot.sets,
        reps=slot.reps,
        seconds=slot.seconds,
        load=load,
        amrap_last=slot.amrap_last,
        increment=increment,
        unit=plan.units,
        rest=slot.rest,
        rpe=slot.rpe,
    )
    rule = _rule_in(slot.rule, program.unit, plan.units, increment)
    return Slot(exercise=slot.exercise, base=base, rule=rule, track=slot.track or "")


def engine_phases(plan: Plan) -> tuple[Phase, ...]:
    """The plan's phase chain as the engine sees it."""
    phases = []
    for phase in plan.phases:
        program = phase.program
        days = tuple(
            Day(name=day.name, slots=tuple(_slot(plan, program, s) for s in day.slots))
            for day in program.days
        )
        phases.append(
            Phase(
                program=program.id,
                name=program.name,
                weeks=phase.weeks,
                days=days,
                deload_every=program.deload_every,
                deload_pct=program.deload_pct,
                pain_threshold=program.pain_threshold,
                gap_days=program.gap_days,
                gap_pct=program.gap_pct,
            )
        )
    return tuple(phases)


def logged(entry: LogEntry, converted: dict[int, tuple[SetDone, ...]] | None = None) -> Logged:
    """A log entry as the engine reads it. ``converted`` remembers sets already converted, by
    the identity of their tuple: a plan read from its file shares equal logged exercises (see
    ``convert.converter``), so years of ``5×5 @ 100`` convert once."""
    memo = {} if converted is None else converted
    results = {}
    for item in entry.exercises:
        done = memo.get(id(item.sets))
        if done is None:
            done = memo[id(item.sets)] = tuple(
                SetDone(reps=s.reps, load=s.load, seconds=s.seconds) for s in item.sets
            )
        results[item.exercise] = done
    return Logged(key=entry.date, status=entry.status, results=results, pain=entry.pain)


class _LazyLog(Mapping[dt.date, Logged]):
    """The log as the engine reads it, converted entry by entry as the fold reaches it: a
    projection that resumes near the end of ten years of history converts a handful, not all."""

    def __init__(self, entries: Mapping[dt.date, LogEntry]) -> None:
        self._entries = entries
        self._converted: dict[dt.date, Logged] = {}
        self._sets: dict[int, tuple[SetDone, ...]] = {}  # ids of tuples that ``entries`` holds

    def __getitem__(self, key: dt.date) -> Logged:
        found = self._converted.get(key)
        if found is None:
            found = self._converted[key] = logged(self._entries[key], self._sets)
        return found

    def __iter__(self) -> Iterator[dt.date]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries


CHECKPOINT_EVERY = 64
"""Calendar positions between the checkpoints a projection keeps (a quarter of a year at five
sessions a week): a change to the log re-derives at most this many settled sessions, plus the
future."""

SessionOrItem = Session | Scheduled


def _item(session: SessionOrItem) -> Scheduled:
    return session.scheduled if isinstance(session, Session) else session


@attrs.frozen
class Projection:
    """A plan with its sessions derived: what the CLI, the TUI and the exports show.

    ``calendar`` and ``statuses`` always cover the whole plan (they need no rules); ``sessions``,
    the sessions with their prescriptions, are the whole plan when ``complete``, else a window
    from ``first`` that holds the next planned session (see :func:`project_plan`).
    """

    plan: Plan
    phases: tuple[Phase, ...]
    sessions: tuple[Session, ...]
    today: dt.date
    calendar: Calendar
    statuses: tuple[Status, ...]
    """The status of every calendar position."""
    first: int = 0
    """Calendar position of ``sessions[0]``."""
    complete: bool = True
    """False for a window (see :func:`project_plan`)."""
    checkpoints: tuple[Checkpoint, ...] = ()
    """Where a later projection of this plan may resume (see :class:`rules.engine.Checkpoint`)."""

    @property
    def total(self) -> int:
        """Sessions in the whole plan."""
        return len(self.calendar)

    def status(self, session: SessionOrItem) -> Status:
        """The status of a session or calendar position."""
        return self.statuses[_item(session).number - 1]

    def session(self, number: int) -> Session | None:
        """Session ``number`` (1-based), if it was projected."""
        index = number - 1 - self.first
        return self.sessions[index] if 0 <= index < len(self.sessions) else None

    def session_of(self, item: Scheduled) -> Session | None:
        """The projected session of a calendar position (None outside a window)."""
        return self.session(item.number)

    def item_by_key(self, key: dt.date) -> Scheduled | None:
        """The calendar position scheduled on ``key``."""
        index = self.calendar.position(key)
        if index < len(self.calendar) and self.calendar[index].key == key:
            return self.calendar[index]
        return None

    def _keys_on(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """Keys of the sessions taking place from ``first`` to ``last`` (after moves), in
        calendar order."""
        moves = self.calendar.moves
        keys = [key for key, to in moves.items() if first <= to <= last]
        start, end = self.calendar.position(first), self.calendar.position(last + dt.timedelta(1))
        for index in range(start, end):
            key = self.calendar[index].key
            if key not in moves:
                keys.append(key)
        return sorted(keys)

    def item_on(self, date: dt.date) -> Scheduled | None:
        """The calendar position taking place on ``date`` (after moves)."""
        found = self.items_between(date, date)
        return found[0] if found else None

    def items_between(self, first: dt.date, last: dt.date) -> tuple[Scheduled, ...]:
        """Calendar positions taking place from ``first`` to ``last`` (after moves), in order."""
        found = (self.item_by_key(key) for key in self._keys_on(first, last))
        return tuple(item for item in found if item is not None)

    def by_key(self, key: dt.date) -> Session | None:
        """The session scheduled on ``key`` (None if outside a window)."""
        item = self.item_by_key(key)
        return None if item is None else self.session_of(item)

    def on(self, date: dt.date) -> Session | None:
        """The session taking place on ``date`` (after moves; None if outside a window)."""
        item = self.item_on(date)
        return None if item is None else self.session_of(item)

    def next_planned_item(self) -> Scheduled | None:
        """The first calendar position from today on that is neither done nor skipped."""
        if "planned" not in self.statuses:
            return None
        return self.calendar[self.statuses.index("planned")]

    def next_planned(self) -> Session | None:
        """The first session from today on that is neither done nor skipped (a window always
        holds it)."""
        item = self.next_planned_item()
        return None if item is None else self.session_of(item)

    def last_logged(self) -> Scheduled | None:
        """The most recent done or skipped calendar position."""
        for index in range(len(self.statuses) - 1, -1, -1):
            if self.statuses[index] in ("done", "skipped"):
                return self.calendar[index]
        return None

    def count(self, status: Status) -> int:
        """How many sessions of the plan have ``status``."""
        return self.statuses.count(status)

    def week_items(self, number: int) -> tuple[Scheduled, ...]:
        """Calendar positions of plan week ``number`` (1-based over the whole chain)."""
        first = self.plan.start + dt.timedelta(weeks=number - 1)
        start, end = self.calendar.position(first), self.calendar.position(first + dt.timedelta(7))
        return tuple(self.calendar[index] for index in range(start, end))

    def week(self, number: int) -> tuple[Session, ...]:
        """Projected sessions of plan week ``number`` (1-based over the whole chain)."""
        found = (self.session_of(item) for item in self.week_items(number))
        return tuple(s for s in found if s is not None)

    def plan_week(self, session: SessionOrItem) -> int:
        """The 1-based week of the whole plan a session falls in."""
        return (_item(session).key - self.plan.start).days // 7 + 1

    def current_week(self) -> int:
        """Plan week containing today (clamped to the plan)."""
        week = (self.today - self.plan.start).days // 7 + 1
        return max(1, min(week, self.plan.weeks))

    def phase_of(self, session: SessionOrItem) -> Phase:
        """The engine phase a session belongs to."""
        return self.phases[_item(session).phase]

    def deload(self, session: SessionOrItem) -> bool:
        """Whether a session falls in a deload week."""
        item = _item(session)
        return is_deload(self.phases[item.phase], item.week)

    def day_name(self, session: SessionOrItem) -> str:
        """``A``, ``B``, … the program day of a session."""
        item = _item(session)
        return self.phases[item.phase].days[item.day].name

    def where(self, session: SessionOrItem) -> str:
        """``Back rehab · week 3 of 26 · then Linear 5×5``."""
        item = _item(session)
        phase = self.phases[item.phase]
        text = f"{phase.name} · week {item.week} of {phase.weeks}"
        if item.phase + 1 < len(self.phases):
            text += f" · then {self.phases[item.phase + 1].name}"
        return text

    def streak(self) -> int:
        """Done sessions in a row, counting back from the latest past session (skips break it)."""
        count = 0
        for status in reversed(self.statuses):
            if status == "planned":
                continue
            if status != "done":
                break
            count += 1
        return count

    def done_in_week_of(self, date: dt.date) -> tuple[int, int]:
        """(done, scheduled) sessions in the calendar week (Mon–Sun) containing ``date``."""
        monday = date - dt.timedelta(days=date.weekday())
        week = self.items_between(monday, monday + dt.timedelta(days=6))
        return sum(1 for item in week if self.status(item) == "done"), len(week)


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
    return (plan.start, plan.days, plan.phases, plan.units, plan.loads)


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
    if before == after:
        return []
    old = {item.date: item for item in before}
    new = {item.date: item for item in after}
    return [date for date in old.keys() | new.keys() if old.get(date) != new.get(date)]


def carry_checkpoints(
    old: Plan, new: Plan, checkpoints: Sequence[Checkpoint]
) -> tuple[Checkpoint, ...]:
    """The checkpoints of ``old`` that still hold for ``new``: those before its first change."""
    change = first_change(old, new)
    if change is None:
        return tuple(checkpoints)
    return tuple(cp for cp in checkpoints if cp.key <= change)


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


def project_plan(
    plan: Plan,
    today: dt.date,
    *,
    horizon: bool = False,
    since: int | None = None,
    checkpoints: Sequence[Checkpoint] = (),
    previous: Projection | None = None,
) -> Projection:
    """Derive the sessions of ``plan`` as of ``today``.

    With ``horizon``, only a window: from the next planned session (or calendar position
    ``since``, 0-based, if earlier) to the end of that session's week (and of today's week);
    it resumes from the latest of ``checkpoints`` before it, so its cost does not grow with the
    history. Without, every session; a ``previous`` complete projection of an earlier version of
    the plan lends the sessions before its first change. Either way the result carries the
    checkpoints a later projection can resume from.
    """
    phases = engine_phases(plan)
    moves = {o.date: o.moved_to for o in plan.overrides if o.moved_to is not None}
    calendar = schedule(plan.start, plan.weekdays, phases, moves)
    entries = {entry.date: entry for entry in plan.log}
    statuses = calendar.statuses({key: entry.status for key, entry in entries.items()}, today)
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
    log = _LazyLog(entries)
    known = tuple(checkpoints)
    if horizon:
        frontier = statuses.index("planned") if "planned" in statuses else len(calendar)
        start = frontier if since is None else min(frontier, since)
        resume = _latest(known, start, today)
        folded = fold(
            phases,
            calendar,
            log,
            today,
            edits,
            resume=resume,
            stop=_horizon(today, -1 if since is None else since + 1),
            every=CHECKPOINT_EVERY,
        )
        sessions, first = folded.sessions, folded.first
    else:
        head: tuple[Session, ...] = ()
        resume = None
        if previous is not None and previous.complete and previous.today == today:
            change = first_change(previous.plan, plan)
            if change is None:  # nothing that projects changed (a plan's name, say)
                return attrs.evolve(previous, plan=plan)
            if change != dt.date.min:
                lent = known + tuple(previous.checkpoints)
                limit = min(len(previous.sessions), calendar.position(change))
                resume = _latest(lent, limit, today)
                if resume is not None:
                    head = previous.sessions[: resume.index]
        folded = fold(phases, calendar, log, today, edits, resume=resume, every=CHECKPOINT_EVERY)
        sessions, first = head + folded.sessions, 0
    kept = tuple(cp for cp in known if cp.holds(today))
    return Projection(
        plan=plan,
        phases=phases,
        sessions=sessions,
        today=today,
        calendar=calendar,
        statuses=statuses,
        first=first,
        complete=not horizon,
        checkpoints=_merge(kept, folded.checkpoints),
    )
