"""The plan as the engine reads it: phases with their slots in the plan's units, the log as
:class:`rules.engine.Logged` entries.

Program snapshots are written in their own unit; a plan may be in another. Here loads, increments
and load steps of rules are converted once, so the engine only ever sees plan units; an entry
logged in another unit is converted, never reinterpreted.
"""

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from planner.gear import gear_of, in_unit
from planner.model import Exercise, LogEntry, Plan, Program, SlotDef
from rules.calendar import ready_phases
from rules.engine import (
    Day,
    Logged,
    Phase,
    Slot,
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
    begins = plan.start
    for index, phase in enumerate(plan.phases):
        program = phase.program
        # Laid out for the days a week in effect where the phase is planned to begin: a change
        # of days inside a phase carries its rotation on over the new days.
        layout, note = program.layout_for(len(plan.days_on(begins)))
        begins += dt.timedelta(weeks=phase.weeks)
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
                max_combined_cut=program.max_combined_cut,
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
