"""A new plan from what a person chose, the same way for ``workout new`` and the app's wizard;
and what the wizard shows of it before it exists: the phases on the calendar and the first weeks.

Choices arrive as the CLI's flag values (``--program back-rehab:26``, ``--set squat=1rm:120``,
``--bar 15``), so a value the CLI refuses is refused in the app with the same message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import attrs

from planner.actions import (
    new_plan,
    parse_assignment,
    parse_date,
    parse_days,
    parse_number,
    parse_program_spec,
    suggest_bridge,
)
from planner.checks import equipment_from_flags, parse_start, with_strength
from planner.engine_input import LazyLog, ready_engine_phases
from planner.model import Equipment, Plan, Program
from planner.projection import Window
from rules.calendar import schedule
from rules.engine import Session, fold
from rules.values import Unit


@attrs.frozen(slots=False)
class Choices:
    """What ``workout new`` is told, as its flags' values."""

    programs: tuple[str, ...]
    """``--program`` specs, ``ID[:WEEKS]``, in order."""
    days: str
    """``--days mon,thu``."""
    start: str = ""
    """``--start``; empty: today."""
    name: str = ""
    """``--name``; empty: the programs' names."""
    units: Unit = "kg"
    sets: tuple[str, ...] = ()
    """``--set EXERCISE=LOAD`` or ``EXERCISE=1rm:X``."""
    bar: str | None = None
    plates: str = ""


def equipment(bar: str | None, plates: str) -> Equipment:
    """``--bar`` and ``--plates`` as typed: the plan's equipment."""
    weight = None if bar is None or not bar.strip() else parse_number(bar, "--bar")
    pairs = [parse_number(p, "--plates") for p in plates.split(",") if p.strip()]
    return equipment_from_flags(weight, pairs)


def build(choices: Choices, program: Callable[[str], Program], today: dt.date) -> Plan:
    """The plan ``choices`` describe (``program`` finds a program by id); a
    :class:`~planner.errors.UsageError` naming the flag at the first bad value."""
    chain = []
    for spec in choices.programs:
        program_id, weeks = parse_program_spec(spec)
        chain.append((program(program_id), weeks))
    start = parse_date(choices.start, "--start") if choices.start.strip() else today
    days = parse_days(choices.days)
    loads: dict[str, float] = {}
    maxes: dict[str, float] = {}
    for item in choices.sets:
        lift, value = parse_assignment(item, "--set")
        is_max, number = parse_start(value, f"--set {lift}")
        (maxes if is_max else loads)[lift] = number
    name = choices.name.strip() or " then ".join(p.name for p, _ in chain)
    plan = new_plan(name, chain, start, days, choices.units, loads)
    return with_strength(plan, maxes, equipment(choices.bar, choices.plates))


def bridge_gap(programs: Sequence[str]) -> tuple[int, str] | None:
    """Where the back-to-strength bridge belongs in a chain of program ids (the position it
    would take) and its id, or None when the chain needs none."""
    bridged = suggest_bridge(programs)
    for index, (have, want) in enumerate(zip(programs, bridged, strict=False)):
        if have != want:
            return index, want
    return None


@attrs.frozen(slots=False)
class PhaseSpan:
    """A phase on the calendar: its first and last session (None: it has none)."""

    name: str
    weeks: int
    first: dt.date | None
    last: dt.date | None


def _empty_log(plan: Plan) -> LazyLog:
    return LazyLog({entry.date: entry for entry in plan.log}, plan.units)


def timeline(plan: Plan) -> tuple[PhaseSpan, ...]:
    """Each phase's first and last session, from the calendar every projection of the plan
    uses (no rules run: quick whatever the plan's length)."""
    phases = ready_engine_phases(plan, _empty_log(plan))
    calendar = schedule(plan.start, plan.weekdays, phases, {})
    spans = []
    bounds = [0] * (len(phases) + 1)
    for position, item in enumerate(calendar):
        bounds[item.phase + 1] = position + 1
    for index in range(1, len(bounds)):  # a phase without sessions ends where the last did
        bounds[index] = max(bounds[index], bounds[index - 1])
    for index, (phase, engine) in enumerate(zip(plan.phases, phases, strict=True)):
        first, end = bounds[index], bounds[index + 1]
        spans.append(
            PhaseSpan(
                name=phase.program.name,
                weeks=engine.weeks,
                first=calendar[first].date if end > first else None,
                last=calendar[end - 1].date if end > first else None,
            )
        )
    return tuple(spans)


def preview(plan: Plan, today: dt.date, weeks: int) -> Window:
    """The plan's sessions in its first ``weeks`` weeks, derived as every projection derives
    them (and no further: a long plan costs no more than a short one)."""
    phases = ready_engine_phases(plan, _empty_log(plan))
    calendar = schedule(plan.start, plan.weekdays, phases, {})
    last = plan.start + dt.timedelta(weeks=weeks)

    def stop(session: Session) -> bool:
        return session.scheduled.date >= last

    folded = fold(phases, calendar, _empty_log(plan), today, None, stop=stop)
    statuses = calendar.statuses({}, today)
    return Window(
        plan=plan,
        phases=phases,
        sessions=folded.sessions,
        today=today,
        calendar=calendar,
        statuses=statuses,
        first=folded.first,
    )
