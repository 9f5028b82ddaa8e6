"""What a person types about strength, checked before anything is written: a 1RM given with
``--set``, a logged load far from its target, a linear program chained far past its length, and
a change of the plan's unit (pure functions; :mod:`planner.actions` names them too)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import attrs

from planner.errors import UsageError
from planner.model import Equipment, Plan
from rules.engine import Session
from rules.equipment import BARS, PLATES
from rules.values import Unit, fmt_number

TOO_HEAVY_PCT = 50.0
"""A logged load this much above its target needs confirming (``--yes``)."""

PLAUSIBLE: Mapping[str, float] = {"kg": 500.0, "lb": 1100.0}
"""No one lifts more than this in any exercise: heavier needs confirming too."""

CHAIN_GROWTH = 2.5
"""A linear phase projected to end above this multiple of its start is far past its usual run."""


def parse_start(text: str, flag: str) -> tuple[bool, float]:
    """``120`` → ``(False, 120)`` (a starting load), ``1rm:120`` → ``(True, 120)`` (a 1RM)."""
    from planner.actions import parse_number

    head, sep, number = text.partition(":")
    if not sep:
        return False, parse_number(text, flag)
    if head.strip().lower() != "1rm":
        raise UsageError(f"{flag}: {text!r} is a load (60) or a one-rep max (1rm:120)")
    value = parse_number(number, flag)
    if value <= 0:
        raise UsageError(f"{flag}: a one-rep max must be more than 0")
    return True, value


def implausible_loads(
    session: Session,
    loads: Mapping[str, float],
    unit: str = "kg",
    names: Mapping[str, str] | None = None,
) -> list[str]:
    """One line per logged load that needs confirming: more than :data:`TOO_HEAVY_PCT` % above
    its target, or above :data:`PLAUSIBLE` (empty when every load looks right).

    Each line names the load as the CLI flag that gave it (``--load squat=600``), or, given
    ``names`` (exercise id → display name, the app's form), as ``Squat 600 kg``."""
    targets = {
        p.exercise: max((s.load for s in p.sets if s.load), default=None)
        for p in session.prescriptions
    }
    out = []
    bound = PLAUSIBLE.get(unit, PLAUSIBLE["kg"])
    for exercise, load in loads.items():
        target = targets.get(exercise)
        said = f"--load {exercise}={fmt_number(load)}"
        if names is not None:
            said = f"{names.get(exercise, exercise)} {fmt_number(load)} {unit}"
        if load > bound:
            out.append(f"{said}: heavier than anyone lifts ({fmt_number(bound)} {unit})")
        elif target and load > target * (1 + TOO_HEAVY_PCT / 100):
            more = round((load / target - 1) * 100)
            out.append(f"{said}: {more} % above the target {fmt_number(target)} {unit} (a typo?)")
    return out


def chain_warnings(plan: Plan, sessions: Sequence[Session]) -> list[str]:
    """Warnings for linear phases chained far past their program's length: more than twice
    its weeks, or a lift projected to end above :data:`CHAIN_GROWTH` times its start."""
    out = []
    for index, phase in enumerate(plan.phases):
        program = phase.program
        kinds = {slot.rule.kind for day in program.days for slot in day.slots}
        if "linear" not in kinds:
            continue
        if phase.weeks > 2 * program.weeks:
            out.append(
                f"{program.name}: {phase.weeks} weeks is more than twice its usual "
                f"{program.weeks}; few people keep adding weight that long"
            )
        if phase.weeks <= program.weeks:
            continue  # its usual length: starting from the empty bar, 3× is what it is for
        first: dict[str, float] = {}
        last: dict[str, float] = {}
        for session in (s for s in sessions if s.scheduled.phase == index):
            for p in session.prescriptions:
                top = max((s.load for s in p.sets if s.load), default=None)
                if top:
                    first.setdefault(p.exercise, top)
                    last[p.exercise] = top
        grown = [
            f"{exercise} {fmt_number(last[exercise])} {plan.units} ({last[exercise] / start:.1f}×)"
            for exercise, start in first.items()
            if last[exercise] > CHAIN_GROWTH * start
        ]
        if grown:
            out.append(
                f"{program.name}: projected to end at {', '.join(grown)} of the start; "
                "plan a change of program before then"
            )
    return out


def _convert(value: float | None, source: Unit, target: Unit, step: float) -> float | None:
    if value is None:
        return None
    factor = 1 / 0.45359237 if target == "lb" else 0.45359237
    return max(step, round(value * factor / step) * step) if value else value


def _equipment_in(equipment: Equipment, source: Unit, target: Unit) -> Equipment:
    """The equipment in the other unit: bars to the nearest 2.5 kg / 5 lb, steps likewise;
    plates that were the standard set stay the standard set (of the new unit)."""
    step = 5.0 if target == "lb" else 2.5
    plates = equipment.plates
    if plates and tuple(plates) != PLATES[source]:
        small = 1.25 if target == "kg" else 2.5
        plates = tuple(sorted({_convert(p, source, target, small) or small for p in plates}))[::-1]
    else:
        plates = ()
    bar = equipment.bar if equipment.bar != BARS[source] else None
    own = {
        name: attrs.evolve(
            gear,
            bar=_convert(gear.bar, source, target, step),
            step=_convert(gear.step, source, target, 1.0),
        )
        for name, gear in equipment.exercises.items()
    }
    return attrs.evolve(
        equipment,
        bar=_convert(bar, source, target, step),
        plates=plates,
        dumbbell_step=_convert(equipment.dumbbell_step, source, target, 1.0),
        machine_step=_convert(equipment.machine_step, source, target, 1.0),
        exercises=own,
    )


def change_units(plan: Plan, unit: Unit) -> Plan:
    """The plan in ``unit`` from now on: starting loads, 1RMs and equipment converted; every
    entry logged so far keeps the unit it was logged in (written on it), so history reads as
    it was (a 100 kg squat stays 100 kg, ≈ 220 lb)."""
    if unit not in ("kg", "lb"):
        raise UsageError(f"UNIT: {unit!r} must be kg or lb")
    source = plan.units
    if unit == source:
        return plan
    step = 2.5 if unit == "kg" else 5.0
    log = tuple(e if e.unit else attrs.evolve(e, unit=source) for e in plan.log)
    return attrs.evolve(
        plan,
        units=unit,
        loads={k: _convert(v, source, unit, step) or 0.0 for k, v in plan.loads.items()},
        maxes={k: _convert(v, source, unit, step) or 0.0 for k, v in plan.maxes.items()},
        equipment=_equipment_in(plan.equipment, source, unit),
        log=log,
    )


def with_strength(plan: Plan, maxes: Mapping[str, float], equipment: Equipment) -> Plan:
    """A new plan with the 1RMs (``--set squat=1rm:120``) and equipment it was given."""
    known = set(plan.exercises())
    for exercise in maxes:
        if exercise not in known:
            names = ", ".join(sorted(known))
            raise UsageError(f"--set: {exercise!r} is not in the plan's programs ({names})")
        if exercise in plan.loads:
            raise UsageError(f"--set: {exercise} has both a load and a 1RM; give one")
    return attrs.evolve(plan, maxes=dict(maxes), equipment=equipment)


def equipment_from_flags(bar: float | None, plates: Sequence[float]) -> Equipment:
    """``--bar 15 --plates 20,10,5``: the plan's equipment."""
    if bar is not None and bar < 0:
        raise UsageError(f"--bar: {fmt_number(bar)} must not be negative")
    if any(p <= 0 for p in plates):
        raise UsageError("--plates: every plate must weigh more than 0")
    return Equipment(bar=bar, plates=tuple(sorted(set(plates), reverse=True)))


def days_from(plan: Plan, today: dt.date) -> dt.date:
    """When a change of days takes effect unless told: today, or the day after the latest
    session logged, if that is later (a session logged ahead stays where it was logged)."""
    latest = max((entry.date for entry in plan.log), default=None)
    return today if latest is None else max(today, latest + dt.timedelta(days=1))


def days_problem(plan: Plan, days: tuple[str, ...], since: dt.date) -> str | None:
    """Why training on ``days`` from ``since`` on is refused, in one line (None: it is not):
    a date outside the plan, or a session logged, moved or edited on or after ``since`` on a
    day that no longer trains (nothing logged is ever dropped). Names no flag: the CLI and the
    app's dialog both say it."""
    from planner.meaning import session_problem

    if not days:
        return "choose at least one training day"
    if not plan.start <= since < plan.end:
        last = plan.end - dt.timedelta(days=1)
        return f"{since} is outside the plan ({plan.start} to {last})"
    changed = plan.with_days(days, since)
    for entry in plan.log:
        if entry.date >= since and session_problem(changed, entry.date):
            return (
                f"the session of {entry.date:%a} {entry.date} is logged and would be on a day "
                f"that no longer trains; change the days from {entry.date + dt.timedelta(1)} "
                "on, or log it on another session first"
            )
    for override in plan.overrides:
        if override.date >= since and session_problem(changed, override.date):
            return (
                f"the session of {override.date:%a} {override.date} is moved or edited and "
                "would no longer exist; undo that change first, or change the days later"
            )
    return None


def change_days(plan: Plan, days: tuple[str, ...], since: dt.date) -> Plan:
    """The plan training on ``days`` from ``since`` on; every session logged, moved or edited
    before ``since`` stays exactly where it was. A change :func:`days_problem` finds a problem
    with is refused (nothing logged is ever dropped)."""
    problem = days_problem(plan, days, since)
    if problem:
        raise UsageError(f"--from: {problem}")
    return plan.with_days(days, since)
