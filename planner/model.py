"""The domain model: programs, plans, the log and overrides, as frozen attrs classes.

These mirror the TOML files one to one (see README "File format"); conversion lives in
:mod:`planner.convert`. Validators here are the single source of truth for what a valid value is,
for files, CLI flags and TUI forms alike.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

import attrs
from attrs import validators as v

from planner.limits import (
    MAX_LOAD,
    MAX_REPS,
    MAX_SECONDS,
    MAX_SETS,
    MAX_WEEKS,
)

# The program model and the validators live in their own modules; their names stay importable
# from here, where the whole model is.
from planner.program import (
    DEFAULT_BREAK_CUTS as DEFAULT_BREAK_CUTS,
    BreakCut as BreakCut,
    DayDef as DayDef,
    Exercise as Exercise,
    Layout as Layout,
    Program as Program,
    SlotDef as SlotDef,
    rule_from_params as rule_from_params,
)
from planner.validators import (
    EXERCISE_KINDS as EXERCISE_KINDS,
    OPTIONAL as OPTIONAL,
    PAIN_RANGE as PAIN_RANGE,
    RED_FLAG_WORDS as RED_FLAG_WORDS,
    SLUG as SLUG,
    ExerciseKind as ExerciseKind,
    InvalidValue as InvalidValue,
    _date_in_range,
    _name,
    _non_negative,
    _note,
    _optional_non_negative,
    _pain,
    _positive,
    _slug,
    _up_to,
    _weekday,
    _where,
)
from rules.engine import WEEKDAYS
from rules.equipment import IMPLEMENTS
from rules.values import Unit


@attrs.frozen(slots=False)
class PhaseDef:
    """A program run for a number of weeks; ``program`` is the snapshot taken when it was planned."""

    program: Program
    weeks: int = attrs.field(validator=[_positive, v.le(MAX_WEEKS)])
    ready_when_calm: bool | None = None
    """The readiness gate for this phase (None: as its program says)."""


@attrs.frozen(slots=False)
class LoggedSet:
    """One set as it was done."""

    reps: int | None = attrs.field(
        default=None, validator=v.optional([_non_negative, v.le(MAX_REPS)])
    )
    load: float | None = attrs.field(
        default=None, validator=[_optional_non_negative, _up_to(MAX_LOAD["lb"])]
    )
    seconds: int | None = attrs.field(
        default=None, validator=v.optional([_non_negative, v.le(MAX_SECONDS)])
    )
    rpe: float | None = attrs.field(default=None, validator=v.optional(v.and_(v.ge(1), v.le(10))))
    """How hard the set felt, RPE 1–10 (10: no rep left in reserve), when logged."""


@attrs.frozen(slots=False)
class LoggedExercise:
    """The sets done of one exercise."""

    exercise: str = attrs.field(validator=_slug)
    sets: tuple[LoggedSet, ...] = attrs.field(default=(), validator=v.max_len(MAX_SETS))
    pain: int | None = attrs.field(default=None, validator=_pain)
    """Pain during this exercise (0–10), when the person said."""


@attrs.frozen(slots=False)
class LogEntry:
    """One logged session. ``date`` is the session's scheduled date, its identity."""

    date: dt.date = attrs.field(validator=_date_in_range)
    status: Literal["done", "skipped"] = attrs.field(validator=v.in_(("done", "skipped")))
    exercises: tuple[LoggedExercise, ...] = ()
    pain: int | None = attrs.field(default=None, validator=_pain)
    note: str = attrs.field(default="", validator=_note)
    unit: Unit | None = attrs.field(default=None, validator=v.optional(v.in_(("kg", "lb"))))
    """The unit its loads were logged in (None: the plan's unit, which it has always been)."""
    pain_where: str = attrs.field(default="", validator=_where)
    """Where it hurt during the session: back, buttock or leg ("" not said)."""
    morning_pain: int | None = attrs.field(default=None, validator=_pain)
    """How the back settled: pain the next morning (``workout pain N``)."""
    morning_where: str = attrs.field(default="", validator=_where)

    @property
    def remark(self) -> str:
        """``pain 3/10 · note: knee ok``: what the person said about the session ("" if nothing)."""
        parts = []
        if self.pain is not None:
            parts.append(
                f"pain {self.pain}/10" + (f" ({self.pain_where})" if self.pain_where else "")
            )
        if self.morning_pain is not None:
            where = f" ({self.morning_where})" if self.morning_where else ""
            parts.append(f"next morning {self.morning_pain}/10{where}")
        if self.note:
            parts.append(f"note: {self.note}")
        return " · ".join(parts)

    def done_sets(self) -> dict[str, tuple[LoggedSet, ...]]:
        """Sets done per exercise (empty for a skipped session)."""
        if self.status != "done":
            return {}
        return {item.exercise: item.sets for item in self.exercises}


@attrs.frozen(slots=False)
class PlannedSet:
    """One set of a hand-edited future session."""

    reps: int | None = attrs.field(
        default=None, validator=v.optional([_non_negative, v.le(MAX_REPS)])
    )
    load: float | None = attrs.field(
        default=None, validator=[_optional_non_negative, _up_to(MAX_LOAD["lb"])]
    )
    seconds: int | None = attrs.field(
        default=None, validator=v.optional([_non_negative, v.le(MAX_SECONDS)])
    )


@attrs.frozen(slots=False)
class PlannedExercise:
    """An exercise of a hand-edited future session."""

    exercise: str = attrs.field(validator=_slug)
    sets: tuple[PlannedSet, ...] = attrs.field(validator=[v.min_len(1), v.max_len(MAX_SETS)])


@attrs.frozen(slots=False)
class Override:
    """A person's edit of a future session: moved to another date and/or exercises changed."""

    date: dt.date = attrs.field(validator=_date_in_range)
    moved_to: dt.date | None = attrs.field(default=None, validator=_date_in_range)
    exercises: tuple[PlannedExercise, ...] = ()
    note: str = attrs.field(default="", validator=_note)


def _uuid(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value and not re.match(UUID, value):
        raise InvalidValue(attribute.name, f"{value!r} is not a UUID (or leave it out)")


# A pattern, compiled on first use (re's cache) rather than on every start-up.
UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


def _positive_loads(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    for load in value:
        if load <= 0:
            raise InvalidValue(attribute.name, f"every plate must weigh more than 0, not {load}")


@attrs.frozen(slots=False)
class ExerciseGear:
    """One exercise's own equipment (``[equipment.exercises.curl]``), in the plan's unit."""

    implement: str = attrs.field(default="", validator=v.in_(("", *IMPLEMENTS)))
    bar: float | None = attrs.field(default=None, validator=_optional_non_negative)
    """Its own bar (an EZ bar, a 15 kg bar)."""
    step: float | None = attrs.field(default=None, validator=v.optional(v.gt(0.0)))
    """Its dumbbell or machine step."""


@attrs.frozen(slots=False)
class Equipment:
    """What the person trains with (``[equipment]``), in the plan's unit; unset values are the
    standard ones of the unit (a 20 kg / 45 lb bar, the usual plates)."""

    bar: float | None = attrs.field(default=None, validator=_optional_non_negative)
    plates: tuple[float, ...] = attrs.field(default=(), validator=_positive_loads)
    """Plate sizes available in pairs."""
    dumbbell_step: float | None = attrs.field(default=None, validator=v.optional(v.gt(0.0)))
    machine_step: float | None = attrs.field(default=None, validator=v.optional(v.gt(0.0)))
    weighted: tuple[str, ...] = ()
    """Bodyweight exercises that take added load (a belt): reps first, then load."""
    exercises: dict[str, ExerciseGear] = attrs.field(factory=dict)
    """Per exercise, what differs from the above."""


@attrs.frozen(slots=False)
class Advance:
    """The person's override of a readiness gate (``workout advance``): phase ``phase`` ends at
    the first week boundary from ``date`` and the next one starts."""

    phase: int = attrs.field(validator=_non_negative)
    """Index of the phase moved on from (0 = the first)."""
    date: dt.date


@attrs.frozen(slots=False)
class DayChange:
    """A change of the training weekdays (``[[day_changes]]``, ``workout days``): from ``date``
    on the plan trains on ``days``; the sessions before stay where they were."""

    date: dt.date
    days: tuple[str, ...] = attrs.field(validator=_weekday)


@attrs.frozen(slots=False)
class Plan:
    """A person's plan: the phase chain, where they start, what they did, and their edits."""

    name: str = attrs.field(validator=v.and_(v.min_len(1), _name))
    start: dt.date = attrs.field(validator=_date_in_range)
    days: tuple[str, ...] = attrs.field(validator=_weekday)
    phases: tuple[PhaseDef, ...] = attrs.field(validator=v.min_len(1))
    units: Unit = attrs.field(default="kg", validator=v.in_(("kg", "lb")))
    loads: dict[str, float] = attrs.field(factory=dict)
    """Starting load (or training max for wave rules) per exercise, in the plan's units."""
    log: tuple[LogEntry, ...] = ()
    overrides: tuple[Override, ...] = ()
    equipment: Equipment = attrs.field(factory=Equipment)
    maxes: dict[str, float] = attrs.field(factory=dict)
    """One-rep maxes the person gave (``--set squat=1rm:120``), in the plan's units: a lift with
    nothing logged starts from them."""
    id: str = attrs.field(default="", validator=_uuid)
    """The plan's own UUID (``new`` makes one; a plan without one is identified by its content):
    calendar exports name every event after it, so two plans never overwrite each other."""
    advanced: tuple[Advance, ...] = attrs.field(default=())
    """Phases the person moved on from early, or despite the readiness gate."""
    acknowledged: tuple[dt.date, ...] = ()
    """Red-flag sessions (by date) whose warning the person has acknowledged in the app."""
    day_changes: tuple[DayChange, ...] = attrs.field(default=())
    """Changes of the training weekdays, in date order: ``days`` holds from ``start`` to the
    first, each change's days from its date to the next."""

    @day_changes.validator
    def _check_day_changes(
        self, attribute: attrs.Attribute[Any], value: tuple[DayChange, ...]
    ) -> None:
        for index, change in enumerate(value):
            if change.date <= self.start:
                raise InvalidValue(
                    f"day_changes[{index}].date",
                    f"{change.date} is not after the plan's start ({self.start}); set days instead",
                )
            if index and change.date <= value[index - 1].date:
                raise InvalidValue(
                    f"day_changes[{index}].date", "changes of days come in date order, one a date"
                )

    morning_dismissed: tuple[dt.date, ...] = ()
    """Done sessions (by date) whose next-morning pain question the person dismissed in the app."""

    @advanced.validator
    def _check_advanced(self, attribute: attrs.Attribute[Any], value: tuple[Advance, ...]) -> None:
        for item in value:
            if item.phase >= len(self.phases) - 1:
                raise InvalidValue(
                    "advanced", f"phase {item.phase} has no next phase to move on to"
                )

    @loads.validator
    def _check_loads(self, attribute: attrs.Attribute[Any], value: dict[str, float]) -> None:
        units = getattr(self, "units", "lb")  # (None when a field is checked on its own)
        limit = MAX_LOAD[units]
        for name, load in value.items():
            if not SLUG.match(name):
                raise InvalidValue(f"loads.{name}", f"{name!r} is not an exercise id")
            if not 0 <= load <= limit:
                raise InvalidValue(
                    f"loads.{name}", f"must be from 0 to {limit:g} {units}, not {load}"
                )

    @property
    def weekdays(self) -> tuple[int, ...]:
        """Training weekdays (at the start) as ``date.weekday()`` numbers."""
        return tuple(WEEKDAYS.index(d) for d in self.days)

    def days_on(self, date: dt.date) -> tuple[str, ...]:
        """The training weekdays in effect on ``date`` (``days``, or the latest change by then)."""
        days = self.days
        for change in self.day_changes:
            if change.date > date:
                break
            days = change.days
        return days

    def weekday_periods(self) -> tuple[tuple[dt.date, tuple[int, ...]], ...]:
        """(from date, weekday numbers) for the start and every change of days: what the
        calendar lays the sessions out by (:class:`rules.calendar.Calendar`)."""
        periods = [(self.start, self.days), *((c.date, c.days) for c in self.day_changes)]
        return tuple((date, tuple(WEEKDAYS.index(d) for d in days)) for date, days in periods)

    def with_days(self, days: tuple[str, ...], since: dt.date) -> Plan:
        """This plan training on ``days`` from ``since`` on (changes from then on replaced)."""
        if since <= self.start:
            return attrs.evolve(self, days=days, day_changes=())
        kept = tuple(c for c in self.day_changes if c.date < since)
        if self.days_on(since - dt.timedelta(days=1)) == days:
            return attrs.evolve(self, day_changes=kept)
        return attrs.evolve(self, day_changes=(*kept, DayChange(date=since, days=days)))

    @property
    def weeks(self) -> int:
        """Total length of the phase chain."""
        return sum(p.weeks for p in self.phases)

    @property
    def end(self) -> dt.date:
        """The day after the last week."""
        return self.start + dt.timedelta(weeks=self.weeks)

    @property
    def uuid(self) -> str:
        """The plan's UUID: ``id``, or for a plan written without one (by hand, or before
        schema 3) one derived from what defines it, stable across loads."""
        if self.id:
            return self.id
        import uuid

        seed = f"{self.name}|{self.start}|{','.join(self.days)}|" + "|".join(
            f"{p.program.id}:{p.weeks}" for p in self.phases
        )
        return str(uuid.uuid5(uuid.NAMESPACE_URL, "workout-planner:" + seed))

    def entry(self, key: dt.date) -> LogEntry | None:
        """The log entry of the session scheduled on ``key``, if any."""
        find = getattr(self.log, "entry_on", None)  # a log from the cache (planner.storedlog)
        if find is not None:
            found: LogEntry | None = find(key)
            return found
        for entry in self.log:
            if entry.date == key:
                return entry
        return None

    def with_entry(self, entry: LogEntry) -> Plan:
        """This plan with ``entry`` logged (replacing an earlier entry of the same session)."""
        quick = getattr(self.log, "with_entry", None)  # a log from the cache (planner.storedlog)
        stored = None if quick is None else quick(entry)
        if stored is not None:  # (its runs before the entry's stay as stored, unread)
            return attrs.evolve(self, log=stored)
        log = (*tuple(e for e in self.log if e.date != entry.date), entry)
        return attrs.evolve(self, log=tuple(sorted(log, key=lambda e: e.date)))

    def without_entry(self, key: dt.date) -> Plan:
        """This plan with the entry of session ``key`` removed."""
        return attrs.evolve(self, log=tuple(e for e in self.log if e.date != key))

    def with_override(self, override: Override) -> Plan:
        """This plan with ``override`` (replacing an earlier one of the same session)."""
        rest = tuple(o for o in self.overrides if o.date != override.date)
        return attrs.evolve(self, overrides=tuple(sorted((*rest, override), key=lambda o: o.date)))

    def exercises(self) -> dict[str, Exercise]:
        """Every exercise of every phase, by id (the first phase's definition wins)."""
        out: dict[str, Exercise] = {}
        for phase in self.phases:
            for exercise_id in phase.program.exercise_ids():
                out.setdefault(exercise_id, phase.program.exercise(exercise_id))
        return out
