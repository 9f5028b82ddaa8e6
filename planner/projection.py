"""From a plan to its sessions: the bridge between the model and the rules engine.

Program snapshots are written in their own unit; a plan may be in another. Here loads, increments
and load steps of rules are converted once, so the engine only ever sees plan units.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from planner.model import Exercise, LogEntry, LoggedSet, Plan, Program, SlotDef
from rules.engine import Day, Logged, Phase, Scheduled, Session, Slot, project, schedule
from rules.kinds import Rule
from rules.values import Base, SetDone, SetTarget, Unit, convert_load, fmt_number, succeeded

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


def _logged(entry: LogEntry) -> Logged:
    results = {
        item.exercise: tuple(
            SetDone(reps=s.reps, load=s.load, seconds=s.seconds) for s in item.sets
        )
        for item in entry.exercises
    }
    return Logged(key=entry.date, status=entry.status, results=results, pain=entry.pain)


@attrs.frozen
class Projection:
    """A plan with every session derived: what the CLI, the TUI and the exports show."""

    plan: Plan
    phases: tuple[Phase, ...]
    sessions: tuple[Session, ...]
    today: dt.date
    complete: bool = True
    """False for a horizon projection (see :func:`project_plan`)."""
    total: int = 0
    """Sessions in the whole plan (also when only some were projected)."""

    def by_key(self, key: dt.date) -> Session | None:
        """The session scheduled on ``key``."""
        for session in self.sessions:
            if session.scheduled.key == key:
                return session
        return None

    def on(self, date: dt.date) -> Session | None:
        """The session taking place on ``date`` (after moves)."""
        for session in self.sessions:
            if session.scheduled.date == date:
                return session
        return None

    def next_planned(self) -> Session | None:
        """The first session from today on that is neither done nor skipped."""
        for session in self.sessions:
            if session.status == "planned":
                return session
        return None

    def last_logged(self) -> Session | None:
        """The most recent done or skipped session."""
        for session in reversed(self.sessions):
            if session.status in ("done", "skipped"):
                return session
        return None

    def week(self, number: int) -> tuple[Session, ...]:
        """Sessions of plan week ``number`` (1-based over the whole chain)."""
        first = self.plan.start + dt.timedelta(weeks=number - 1)
        last = first + dt.timedelta(days=7)
        return tuple(s for s in self.sessions if first <= s.scheduled.key < last)

    def plan_week(self, session: Session) -> int:
        """The 1-based week of the whole plan a session falls in."""
        return (session.scheduled.key - self.plan.start).days // 7 + 1

    def current_week(self) -> int:
        """Plan week containing today (clamped to the plan)."""
        week = (self.today - self.plan.start).days // 7 + 1
        return max(1, min(week, self.plan.weeks))

    def phase_of(self, session: Session) -> Phase:
        """The engine phase a session belongs to."""
        return self.phases[session.scheduled.phase]

    def day_name(self, session: Session) -> str:
        """``A``, ``B``, … the program day of a session."""
        return self.phase_of(session).days[session.scheduled.day].name

    def where(self, session: Session) -> str:
        """``Back rehab · week 3 of 26 · then Linear 5×5``."""
        index = session.scheduled.phase
        phase = self.phases[index]
        text = f"{phase.name} · week {session.scheduled.week} of {phase.weeks}"
        if index + 1 < len(self.phases):
            text += f" · then {self.phases[index + 1].name}"
        return text

    def streak(self) -> int:
        """Done sessions in a row, counting back from the latest past session (skips break it)."""
        count = 0
        for session in reversed(self.sessions):
            if session.status == "planned":
                continue
            if session.status != "done":
                break
            count += 1
        return count

    def done_in_week_of(self, date: dt.date) -> tuple[int, int]:
        """(done, scheduled) sessions in the calendar week (Mon–Sun) containing ``date``."""
        monday = date - dt.timedelta(days=date.weekday())
        sunday = monday + dt.timedelta(days=6)
        week = [s for s in self.sessions if monday <= s.scheduled.date <= sunday]
        return sum(1 for s in week if s.status == "done"), len(week)


def _end_of_week(date: dt.date) -> dt.date:
    return date + dt.timedelta(days=6 - date.weekday())


def _horizon(today: dt.date) -> Callable[[Session], bool]:
    """Stop after the week of the next planned session (and at least today's week)."""
    end: list[dt.date] = []

    def stop(session: Session) -> bool:
        if not end and session.status == "planned":
            end.append(max(_end_of_week(session.scheduled.date), _end_of_week(today)))
        return bool(end) and session.scheduled.date > end[0]

    return stop


def project_plan(plan: Plan, today: dt.date, *, horizon: bool = False) -> Projection:
    """Derive every session of ``plan`` as of ``today``; with ``horizon`` only up to the end of
    the week of the next planned session (what `today`, `done` and `skip` show), which saves
    most of the work on a long plan."""
    phases = engine_phases(plan)
    moves = {o.date: o.moved_to for o in plan.overrides if o.moved_to is not None}
    calendar: Sequence[Scheduled] = schedule(plan.start, plan.weekdays, phases, moves)
    log = {entry.date: _logged(entry) for entry in plan.log}
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
    sessions = project(phases, calendar, log, today, edits, _horizon(today) if horizon else None)
    return Projection(
        plan=plan,
        phases=phases,
        sessions=sessions,
        today=today,
        complete=not horizon,
        total=len(calendar),
    )


def _one(target: SetTarget, unit: str) -> str:
    reps = ""
    if target.reps is not None:
        reps = str(target.reps)
        if target.reps_max is not None and target.reps_max != target.reps:
            reps = f"{target.reps}–{target.reps_max}"
        reps += "+" if target.amrap else ""
    if target.seconds is not None:
        # Ten minutes of walking reads better as "10 min" than as "600 s".
        minutes, rest = divmod(target.seconds, 60)
        hold = f"{minutes} min" if target.seconds >= 120 and not rest else f"{target.seconds} s"
        reps = hold if reps in ("", "1") else f"{reps} × {hold}"
    load = f" @ {fmt_number(target.load)} {unit}" if target.load else ""
    return (reps or "as you feel") + load


def describe_sets(sets: Sequence[SetTarget], unit: str) -> str:
    """``5×5 @ 60 kg``, ``3×8–12 @ 40 kg``, ``2 sets of 6 × 10 s``; a wave lists each set."""
    if not sets:
        return "—"
    first = sets[0]
    if all(s == first for s in sets):
        one = _one(first, unit)
        if len(sets) == 1:
            return one
        return f"{len(sets)} sets of {one}" if first.seconds is not None else f"{len(sets)}×{one}"
    return ", ".join(_one(s, unit) for s in sets)


def fmt_load(value: float | None, unit: str) -> str:
    """``60 kg`` or an empty string."""
    return "" if value is None else f"{fmt_number(value)} {unit}"


def done_text(targets: Sequence[SetTarget], done: Sequence[LoggedSet], unit: str) -> str:
    """``5×5 @ 60 kg ✓`` when done as planned (the engine's own test), else what was done
    with the plan beside it: ``5, 5, 4 @ 60 kg (planned 5×5 @ 60 kg)``."""
    planned = describe_sets(targets, unit)
    did = tuple(SetDone(reps=s.reps, load=s.load, seconds=s.seconds) for s in done)
    if succeeded(tuple(targets), did):
        return f"{planned} ✓"
    shown = [SetTarget(reps=s.reps, load=s.load, seconds=s.seconds) for s in done]
    return (
        f"{describe_sets(shown, unit)} (planned {planned})"
        if shown
        else f"not done (planned {planned})"
    )
