"""From a plan to its sessions: the bridge between the model and the rules engine.

Program snapshots are written in their own unit; a plan may be in another. Here loads, increments
and load steps of rules are converted once, so the engine only ever sees plan units.

A projection is a :class:`Window` (round the next session) or a :class:`WholePlan` (every
session); both answer the same calendar and status queries (:class:`Projection`).
:func:`project_plan` derives a whole plan from scratch; the plan service
(:mod:`planner.service`) gives windows and whole plans quickly, resumed from what it found before
(:mod:`planner.resume`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from planner.gear import gear_of, in_unit
from planner.model import Exercise, LogEntry, Plan, Program, SlotDef
from rules.calendar import ready_phases
from rules.engine import (
    Calendar,
    Day,
    Logged,
    Phase,
    Scheduled,
    Session,
    Slot,
    Status,
)
from rules.kinds import Double, Rule
from rules.values import Base, SetDone, Unit, convert_load

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


def _first_phases(plan: Plan) -> dict[str, int]:
    """The first phase that uses each exercise: a starting load of ``[loads]`` belongs to it
    (a later phase starts from what was carried, never from that load as a training max)."""
    first: dict[str, int] = {}
    for index, phase in enumerate(plan.phases):
        for exercise_id in phase.program.exercise_ids():
            first.setdefault(exercise_id, index)
    return first


def _slot(plan: Plan, program: Program, slot: SlotDef, own_loads: bool = True) -> Slot:
    exercise = program.exercise(slot.exercise)
    increment = increment_in(exercise, program.unit, plan.units)
    load = plan.loads.get(slot.exercise) if own_loads else None
    if load is None and slot.load is not None:
        load = convert_load(slot.load, program.unit, plan.units, increment)
    gear = gear_of(exercise, plan.equipment, plan.units)
    if gear is not None and gear.implement == "bodyweight" and load is None:
        load = 0.0 if slot.exercise in plan.equipment.weighted else None
    base = Base(
        sets=slot.set_count,
        reps=slot.first_reps,
        seconds=slot.seconds,
        load=load,
        amrap_last=slot.amrap_last,
        increment=increment,
        unit=plan.units,
        rest=slot.rest,
        rpe=slot.rpe,
        gear=gear,
        one_rm=plan.maxes.get(slot.exercise),
        pyramid=slot.reps if isinstance(slot.reps, tuple) else (),
        back_off_pct=slot.back_off_pct if slot.top_set else None,
        variants=slot.variants,
    )
    rule = _rule_in(slot.rule, program.unit, plan.units, increment)
    if isinstance(rule, Double) and not rule.add and load == 0.0 and gear is not None:
        # A bodyweight exercise with a belt: the top of the range earns added load.
        rule = attrs.evolve(rule, add=max(gear.plate_step * 2, increment))
    return Slot(exercise=slot.exercise, base=base, rule=rule, track=slot.track or "")


def engine_phases(plan: Plan) -> tuple[Phase, ...]:
    """The plan's phase chain as the engine sees it, each program in its layout for the
    plan's number of training days a week (:meth:`planner.model.Program.layout_for`)."""
    phases = []
    first = _first_phases(plan)
    for index, phase in enumerate(plan.phases):
        program = phase.program
        layout, note = program.layout_for(len(plan.days))
        days = tuple(
            Day(
                name=day.name,
                slots=tuple(
                    _slot(plan, program, s, first.get(s.exercise) == index) for s in day.slots
                ),
            )
            for day in layout
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
                break_days=program.break_after,
                break_cuts=tuple((row.weeks, row.pct) for row in program.break_table),
                note=note,
                red_flag_words=program.red_flags,
                ready_when_calm=(
                    program.ready_when_calm
                    if phase.ready_when_calm is None
                    else phase.ready_when_calm
                ),
                calm_weeks=program.calm_weeks,
            )
        )
    return tuple(phases)


def ready_engine_phases(plan: Plan, log: Mapping[dt.date, Logged]) -> tuple[Phase, ...]:
    """The plan's phases with the lengths its log gives them: a phase with a readiness gate
    extends while the back is not calm, and ``workout advance`` ends one early
    (:func:`rules.calendar.ready_phases`)."""
    phases = engine_phases(plan)
    if not plan.advanced and not any(p.ready_when_calm for p in phases[:-1]):
        return phases
    advanced = {item.phase: item.date for item in plan.advanced}
    return ready_phases(plan.start, phases, log, advanced)


def logged(
    entry: LogEntry,
    converted: dict[int, tuple[SetDone, ...]] | None = None,
    unit: Unit | None = None,
) -> Logged:
    """A log entry as the engine reads it, its loads in the plan's ``unit`` (an entry logged in
    another unit is converted, never reinterpreted). ``converted`` remembers sets already
    converted, by the identity of their tuple: a plan read from its file shares equal logged
    exercises (see ``convert.converter``), so years of ``5×5 @ 100`` convert once."""
    source = entry.unit or unit
    other = unit is not None and source is not None and source != unit
    if other:
        converted = {}  # (the memo holds sets in the plan's unit)
    memo = {} if converted is None else converted
    results = {}
    for item in entry.exercises:
        done = memo.get(id(item.sets))
        if done is None:
            done = memo[id(item.sets)] = tuple(
                SetDone(
                    reps=s.reps,
                    load=in_unit(s.load, source, unit) if other else s.load,  # type: ignore[arg-type]
                    seconds=s.seconds,
                    rpe=s.rpe,
                )
                for s in item.sets
            )
        results[item.exercise] = done
    return Logged(
        key=entry.date,
        status=entry.status,
        results=results,
        pain=entry.pain,
        where=entry.pain_where,
        morning=entry.morning_pain,
        morning_where=entry.morning_where,
        note=entry.note,
        exercise_pain=tuple(
            (item.exercise, item.pain) for item in entry.exercises if item.pain is not None
        ),
        converted=other,
    )


class LazyLog(Mapping[dt.date, Logged]):
    """The log as the engine reads it, converted entry by entry as the fold reaches it: a
    projection that resumes near the end of ten years of history converts a handful, not all."""

    def __init__(self, entries: Mapping[dt.date, LogEntry], unit: Unit | None = None) -> None:
        self._entries = entries
        self._unit = unit
        self._converted: dict[dt.date, Logged] = {}
        self._sets: dict[int, tuple[SetDone, ...]] = {}  # ids of tuples that ``entries`` holds

    def __getitem__(self, key: dt.date) -> Logged:
        found = self._converted.get(key)
        if found is None:
            found = self._converted[key] = logged(self._entries[key], self._sets, self._unit)
        return found

    def __iter__(self) -> Iterator[dt.date]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries


SessionOrItem = Session | Scheduled


def _item(session: SessionOrItem) -> Scheduled:
    return session.scheduled if isinstance(session, Session) else session


@attrs.frozen
class Projection:
    """A plan with its sessions derived: what the CLI, the TUI and the exports show.

    Always one of two kinds: a :class:`Window` (the sessions round the next planned one, quick
    whatever the plan's length) or a :class:`WholePlan` (every session). ``calendar`` and
    ``statuses`` always cover the whole plan (they need no rules), so every query about dates,
    statuses and weeks works on both; ``sessions`` holds the derived sessions from calendar
    position ``first``.
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
        return self.calendar.deload_of(_item(session)) > 0

    def day_name(self, session: SessionOrItem) -> str:
        """``A``, ``B``, … the program day of a session."""
        item = _item(session)
        return self.phases[item.phase].days[item.day].name

    def where(self, session: SessionOrItem) -> str:
        """``Back rehab · week 3 of 26 · then Linear 5×5``."""
        item = _item(session)
        phase = self.phases[item.phase]
        text = f"{phase.name} · week {item.week} of {phase.weeks}"
        if phase.changed_why:
            text += f" ({phase.changed_why}; planned {phase.planned_weeks})"
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


# The two kinds are plain subclasses: same fields, same frozen attrs methods, a type of their
# own (an attrs class more on every command's start-up would buy nothing).


class Window(Projection):
    """The sessions round the next planned one: from it (or an earlier position asked for) to
    the end of its week and of today's week. ``session`` is None outside; the plan service
    projects further when a session outside is needed (:meth:`planner.service.PlanService.window`)."""

    __slots__ = ()


class WholePlan(Projection):
    """Every session of the plan, derived (the calendar, progress and exports need them all)."""

    __slots__ = ()


def project_plan(plan: Plan, today: dt.date) -> WholePlan:
    """Derive every session of ``plan`` as of ``today``.

    (A window, and a projection that resumes from what an earlier one found, are the plan
    service's business: :class:`planner.service.PlanService`.)
    """
    from planner.resume import project_whole  # (it builds on the types here)

    return project_whole(plan, today)[0]
