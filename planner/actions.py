"""What a person does to a plan, as pure functions: new plan, log, skip, move, edit.

The CLI and the TUI both call these; they only differ in how they ask and how they show.
Every function validates its input and raises :class:`UsageError` with a one-line message
naming the flag or field, before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import attrs

from planner.backcare import (
    check_pain,
    suggest_bridge as suggest_bridge,  # (the wizard's and `new`'s)
)
from planner.checks import implausible_loads as implausible_loads  # (for the app)
from planner.effort import with_rpe
from planner.errors import UsageError
from planner.limits import MAX_LOAD
from planner.model import (
    PAIN_RANGE as PAIN_RANGE,  # the scale the model validates
    SLUG,
    LogEntry,
    LoggedExercise,
    LoggedSet,
    Override,
    PhaseDef,
    Plan,
    PlannedExercise,
    PlannedSet,
    Program,
)
from planner.projection import Projection, Window
from planner.text import (
    check_logged,
    check_text,
    parse_date as parse_date,  # (where flags are parsed)
    parse_number as parse_number,
)
from rules.engine import WEEKDAYS, Scheduled, Session
from rules.values import Unit


def parse_days(text: str) -> tuple[str, ...]:
    """``mon,thu`` → ``("mon", "thu")`` in week order; accepts full names and any case."""
    days = []
    for raw in text.split(","):
        name = raw.strip().lower()[:3]
        if not name:
            continue
        if name not in WEEKDAYS:
            raise UsageError(f"--days: unknown weekday {raw.strip()!r} (use {','.join(WEEKDAYS)})")
        if name in days:
            raise UsageError(f"--days: {name} is listed twice")
        days.append(name)
    if not days:
        raise UsageError("--days: name at least one weekday, e.g. --days mon,thu")
    return tuple(sorted(days, key=WEEKDAYS.index))


def parse_pain(text: str, flag: str) -> int | None:
    """Pain as typed (0 none … 10 worst); None when nothing is typed; a clear error naming ``flag``."""
    text = text.strip()
    if not text:
        return None
    return check_pain(int(parse_number(text, flag, whole=True)), flag)


def parse_assignment(text: str, flag: str) -> tuple[str, str]:
    """``squat=60`` → ``("squat", "60")``."""
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name or not value.strip():
        raise UsageError(f"{flag}: expected EXERCISE=VALUE, got {text!r}")
    if not SLUG.match(name):
        raise UsageError(f"{flag}: {name!r} is not an exercise id (e.g. bench-press)")
    return name, value.strip()


def parse_program_spec(text: str) -> tuple[str, int | None]:
    """``back-rehab:26`` → ``("back-rehab", 26)``; ``linear-5x5`` → ``("linear-5x5", None)``."""
    program, sep, weeks = text.partition(":")
    if not sep:
        return program.strip(), None
    try:
        count = int(weeks)
    except ValueError:
        raise UsageError(f"--program: {weeks!r} in {text!r} is not a number of weeks") from None
    if count <= 0 or count > 1040:
        raise UsageError(f"--program: {count} weeks in {text!r} must be between 1 and 1040")
    return program.strip(), count


def new_plan(
    name: str,
    chain: Sequence[tuple[Program, int | None]],
    start: dt.date,
    days: Sequence[str],
    units: Unit = "kg",
    loads: Mapping[str, float] | None = None,
    plan_id: str | None = None,
) -> Plan:
    """A new plan: the programs chained as phases (each for its weeks, or its default), with
    ``plan_id`` as its UUID (a new random one by default)."""
    if not chain:
        raise UsageError("--program: name at least one program")
    if units not in ("kg", "lb"):
        raise UsageError(f"--units: {units!r} must be kg or lb")
    if not check_text(name, "--name").strip():
        raise UsageError("--name: a plan needs a name")
    loads = dict(loads or {})
    phases = tuple(
        PhaseDef(program=program, weeks=weeks or program.weeks) for program, weeks in chain
    )
    known = {e for phase in phases for e in phase.program.exercise_ids()}
    for exercise in loads:
        if exercise not in known:
            raise UsageError(
                f"--set: {exercise!r} is not in the plan's programs (exercises: {', '.join(sorted(known))})"
            )
        if loads[exercise] > MAX_LOAD[units]:
            raise UsageError(f"--set {exercise}: at most {MAX_LOAD[units]:g} {units}")
    import uuid

    return Plan(
        name=name.strip(),
        start=start,
        days=tuple(days),
        phases=phases,
        units=units,
        loads=loads,
        id=plan_id or str(uuid.uuid4()),
    )


@attrs.frozen(slots=False)
class StartingLoad:
    """A value a new plan asks for: the working load an exercise starts at, or its training max."""

    exercise: str
    name: str
    default: float
    """The program's own starting value."""
    training_max: bool = False
    """A wave rule (5/3/1) works from percentages of this training max."""


def starting_loads(programs: Sequence[Program]) -> tuple[StartingLoad, ...]:
    """What a plan chaining ``programs`` asks for (the ``--set`` values): one per exercise whose
    slot has a default load, in order of first use (the first slot that loads it decides)."""
    fields: dict[str, StartingLoad] = {}
    for program in programs:
        for slot in (slot for day in program.days for slot in day.slots):
            if slot.load is not None and slot.exercise not in fields:
                fields[slot.exercise] = StartingLoad(
                    exercise=slot.exercise,
                    name=program.exercise(slot.exercise).name,
                    default=slot.load,
                    training_max=slot.rule.kind == "wave",
                )
    return tuple(fields.values())


def find_item(projection: Projection, spec: str | None) -> Scheduled:
    """The calendar position a command means: the next planned one, ``today``, a date, or a
    number (``12``)."""
    if spec is None or spec == "next":
        item = projection.next_planned_item()
        if item is None:
            raise UsageError("SESSION: no planned session is left in this plan")
        return item
    if spec == "today":
        item = projection.item_on(projection.today)
        if item is None:
            raise UsageError(f"SESSION: no session is scheduled today ({projection.today})")
        return item
    text = spec.lstrip("#")
    if text.isascii() and text.isdigit():  # ("²".isdigit() is True, and int() refuses it)
        number = int(text)
        if not 1 <= number <= projection.total:
            raise UsageError(f"SESSION: {number} is not a session number (1–{projection.total})")
        return projection.calendar[number - 1]
    date = parse_date(spec, "SESSION")
    item = projection.item_on(date) or projection.item_by_key(date)
    if item is None:
        raise UsageError(f"SESSION: no session is scheduled on {date} ({projection.plan.name})")
    return item


class WindowSource(Protocol):
    """What projects windows of a plan on demand: the plan service
    (:class:`planner.service.PlanService`)."""

    def window(self, since: int | None = None) -> Window:
        """The window round the next session (from position ``since`` when earlier)."""
        ...


def find_session(source: Projection | WindowSource, spec: str | None) -> Session:
    """The session a command means (see :func:`find_item`), with its prescriptions: from a
    projection, or from the plan service, which projects a window that reaches it."""
    view = source if isinstance(source, Projection) else source.window()
    item = find_item(view, spec)
    session = view.session_of(item)
    if session is None and not isinstance(source, Projection):
        session = source.window(since=item.number - 1).session_of(item)
    if session is None:
        raise UsageError(f"SESSION: session {item.number} is outside the sessions shown")
    return session


def _session_exercises(session: Session) -> list[str]:
    return [p.exercise for p in session.prescriptions]


def _check_exercise(session: Session, exercise: str, flag: str) -> None:
    names = _session_exercises(session)
    if exercise not in names:
        raise UsageError(
            f"{flag}: {exercise!r} is not in the session of {session.scheduled.date} ({', '.join(names)})"
        )


def logged_as_prescribed(session: Session) -> tuple[LoggedExercise, ...]:
    """Every prescribed set, done exactly as prescribed."""
    return tuple(
        LoggedExercise(
            exercise=p.exercise,
            sets=tuple(LoggedSet(reps=s.reps, load=s.load, seconds=s.seconds) for s in p.sets),
        )
        for p in session.prescriptions
    )


def log_done(
    plan: Plan,
    session: Session,
    *,
    reps: Mapping[str, Sequence[int]] | None = None,
    loads: Mapping[str, float] | None = None,
    seconds: Mapping[str, Sequence[int]] | None = None,
    exercises: Sequence[LoggedExercise] | None = None,
    pain: int | None = None,
    note: str = "",
    rpe: Mapping[str, Sequence[float]] | None = None,
) -> Plan:
    """Log ``session`` as done: as prescribed, unless reps, loads, seconds or RPE say otherwise.

    ``exercises`` (from the TUI's set-by-set form) replaces the prescribed sets outright.
    Logging a session again replaces its entry: fixing a mistyped set fixes the next targets.
    """
    if pain is not None:
        check_pain(pain, "--pain")
    check_text(note, "--note", note=True)
    reps, loads, seconds = dict(reps or {}), dict(loads or {}), dict(seconds or {})
    check_logged(plan.units, reps, loads, seconds)
    for flag, given in (("--reps", reps), ("--load", loads), ("--seconds", seconds)):
        for exercise in given:
            _check_exercise(session, exercise, flag)
    if exercises is not None:
        for item in exercises:
            _check_exercise(session, item.exercise, "exercise")
        done = tuple(exercises)
    else:
        done_list = []
        for prescription in session.prescriptions:
            name = prescription.exercise
            targets = list(prescription.sets)
            count = max(len(reps.get(name, ())), len(seconds.get(name, ())), 0) or len(targets)
            sets = []
            for index in range(count):
                target = targets[min(index, len(targets) - 1)] if targets else None
                sets.append(
                    LoggedSet(
                        reps=_pick(reps.get(name), index, target.reps if target else None),
                        load=loads.get(name, target.load if target else None),
                        seconds=_pick(seconds.get(name), index, target.seconds if target else None),
                    )
                )
            done_list.append(LoggedExercise(exercise=name, sets=tuple(sets)))
        done = tuple(done_list)
    done = with_rpe(done, rpe, _session_exercises(session)) if rpe else done
    entry = LogEntry(
        date=session.scheduled.key, status="done", exercises=done, pain=pain, note=note.strip()
    )
    return plan.with_entry(attrs.evolve(entry, unit=plan.units))  # the unit it was lifted in


def _pick(values: Sequence[int] | None, index: int, default: int | None) -> int | None:
    return default if values is None else (values[index] if index < len(values) else None)


def log_skip(plan: Plan, session: Session, note: str = "") -> Plan:
    """Mark ``session`` skipped: it never advances progression."""
    check_text(note, "--note", note=True)
    entry = LogEntry(date=session.scheduled.key, status="skipped", note=note.strip())
    return plan.with_entry(entry)


def unlog(plan: Plan, session: Session) -> Plan:
    """Forget what was logged for ``session`` (it becomes planned or missed again)."""
    return plan.without_entry(session.scheduled.key)


def _override(plan: Plan, key: dt.date) -> Override:
    for override in plan.overrides:
        if override.date == key:
            return override
    return Override(date=key)


def move_session(plan: Plan, session: Session, to: dt.date) -> Plan:
    """Move a session to another date; it keeps its identity (and calendar UID)."""
    if plan.entry(session.scheduled.key) is not None:
        raise UsageError(f"session of {session.scheduled.date} is logged already; it cannot move")
    if not plan.start <= to < plan.end + dt.timedelta(days=7):
        raise UsageError(f"--to: {to} is outside the plan ({plan.start} to {plan.end})")
    if any(o.moved_to == to and o.date != session.scheduled.key for o in plan.overrides):
        raise UsageError(f"--to: another session is moved to {to} already; choose another day")
    override = attrs.evolve(
        _override(plan, session.scheduled.key), moved_to=None if to == session.scheduled.key else to
    )
    return _keep_or_drop(plan, override)


def edit_session(plan: Plan, session: Session, exercise: str, sets: Sequence[PlannedSet]) -> Plan:
    """Replace one exercise's sets in a future session (kept as an override)."""
    _check_exercise(session, exercise, "exercise")
    if not sets:
        raise UsageError("sets: an edited exercise needs at least one set")
    override = _override(plan, session.scheduled.key)
    others = tuple(e for e in override.exercises if e.exercise != exercise)
    edited = PlannedExercise(exercise=exercise, sets=tuple(sets))
    return _keep_or_drop(plan, attrs.evolve(override, exercises=(*others, edited)))


def edited_exercises(
    session: Session, exercises: Sequence[LoggedExercise]
) -> tuple[PlannedExercise, ...]:
    """The exercises of an edit form whose sets differ from what the engine prescribed, as
    planned sets. Reps, load and seconds are compared: the values the form has."""
    prescribed = {
        p.exercise: tuple(PlannedSet(reps=t.reps, load=t.load, seconds=t.seconds) for t in p.sets)
        for p in session.prescriptions
    }
    changed = []
    for item in exercises:
        _check_exercise(session, item.exercise, "exercise")
        sets = tuple(PlannedSet(reps=s.reps, load=s.load, seconds=s.seconds) for s in item.sets)
        if sets != prescribed[item.exercise]:
            if not sets:
                raise UsageError("sets: an edited exercise needs at least one set")
            changed.append(PlannedExercise(exercise=item.exercise, sets=sets))
    return tuple(changed)


def edit_exercises(plan: Plan, session: Session, edited: Sequence[PlannedExercise]) -> Plan:
    """Replace the sets of each of ``edited`` in a future session (see :func:`edit_session`)."""
    for exercise in edited:
        plan = edit_session(plan, session, exercise.exercise, exercise.sets)
    return plan


def clear_edits(plan: Plan, session: Session) -> Plan:
    """Drop a session's edits (it follows the rules again)."""
    override = attrs.evolve(_override(plan, session.scheduled.key), exercises=())
    return _keep_or_drop(plan, override)


def _keep_or_drop(plan: Plan, override: Override) -> Plan:
    if override.moved_to is None and not override.exercises and not override.note:
        return attrs.evolve(
            plan, overrides=tuple(o for o in plan.overrides if o.date != override.date)
        )
    return plan.with_override(override)


def list_slot_exercises(data: Mapping[str, Any]) -> dict[str, Any]:
    """A program's TOML dict with every exercise id its slots use listed under ``exercises``: a
    new id gets a plain definition named after the id, so the program stays valid. A program that
    lists no exercises needs none and is returned as it is."""
    listed = list(data.get("exercises") or ())
    if not listed:
        return dict(data)
    known = {exercise.get("id") for exercise in listed}
    for slot in (slot for day in data.get("days", ()) for slot in day.get("slots", ())):
        name = slot.get("exercise")
        if isinstance(name, str) and name and name not in known:
            listed.append({"id": name, "name": name.replace("-", " ").capitalize()})
            known.add(name)
    return {**data, "exercises": listed}
