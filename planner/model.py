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
    FIRST_DATE,
    LAST_DATE,
    MAX_LOAD,
    MAX_REPS,
    MAX_SECONDS,
    MAX_SETS,
    MAX_WEEKS,
    is_one_line,
    text_problem,
)
from rules.engine import WEEKDAYS
from rules.equipment import IMPLEMENTS
from rules.kinds import Rule, make_rule
from rules.pain import DEFAULT_RED_FLAG_WORDS, WHERES
from rules.values import Unit, Variant

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ExerciseKind = Literal["load", "reps", "hold", "stretch"]
EXERCISE_KINDS: tuple[str, ...] = ("load", "reps", "hold", "stretch")


class InvalidValue(ValueError):
    """A validator's complaint about one field, so messages can name it (``days: unknown …``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _slug(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not SLUG.match(value):
        raise InvalidValue(
            attribute.name,
            f"{value!r} is not a slug (lowercase letters, digits and dashes, e.g. 'bench-press')",
        )


def _weekday(instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for day in value:
        if day not in WEEKDAYS:
            raise InvalidValue(
                attribute.name, f"unknown weekday {day!r} (use {', '.join(WEEKDAYS)})"
            )
    if len(set(value)) != len(value):
        raise InvalidValue(attribute.name, "a weekday is listed twice")
    if not value:
        raise InvalidValue(attribute.name, "at least one training weekday is needed")


def _optional_non_negative(
    instance: object, attribute: attrs.Attribute[Any], value: float | None
) -> None:
    if value is not None and value < 0:
        raise InvalidValue(attribute.name, f"must not be negative, not {value}")


def _one_line(attribute: attrs.Attribute[str], value: str) -> None:
    problem = text_problem(value)
    if problem:
        raise InvalidValue(attribute.name, problem)


def _name(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    _one_line(attribute, value)


def _note(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    problem = text_problem(value, note=True)
    if problem:
        raise InvalidValue(attribute.name, problem)


def _date_in_range(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not FIRST_DATE <= value <= LAST_DATE:
        raise InvalidValue(attribute.name, f"{value} is outside {FIRST_DATE.year}–{LAST_DATE.year}")


def _up_to(limit: float) -> Any:
    return v.optional(v.le(limit))


_non_negative = v.ge(0)
_positive = v.gt(0)
OPTIONAL = "optional"
"""Field metadata: left out of files when it has its default value."""


def _reps(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, int) and value <= 0:
        raise InvalidValue(attribute.name, f"must be more than 0, not {value}")


PAIN_RANGE = range(0, 11)
"""Pain is rated 0 (none) to 10 (the worst): logged with a session, and a program's threshold."""
_pain_scale = v.and_(v.ge(PAIN_RANGE[0]), v.le(PAIN_RANGE[-1]))
_pain = v.optional(_pain_scale)
_where = v.in_(("", *WHERES))
RED_FLAG_WORDS = DEFAULT_RED_FLAG_WORDS
"""The red-flag words of a program that lists none (:mod:`rules.pain`)."""


@attrs.frozen
class Exercise:
    """An exercise a program uses."""

    id: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_name)
    kind: ExerciseKind = attrs.field(default="load", validator=v.in_(EXERCISE_KINDS))
    increment: float = attrs.field(default=2.5, validator=[v.ge(0.01), v.le(100.0)])
    """Loads are rounded to this (in the program's unit)."""
    cues: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    implement: str = attrs.field(default="", validator=v.in_(("", *IMPLEMENTS)))
    """barbell, dumbbell, machine, bodyweight or other ("": told by its tags)."""


@attrs.frozen
class SlotDef:
    """One exercise of a program day: its starting prescription and its progression rule."""

    exercise: str = attrs.field(validator=_slug)
    rule: Rule
    sets: int = attrs.field(default=1, validator=[_positive, v.le(MAX_SETS)])
    reps: int | tuple[int, ...] | None = attrs.field(default=None, validator=_reps)
    """Reps of every set, or one per set: ``[6, 4, 2]`` is a descending pyramid."""
    seconds: int | None = attrs.field(
        default=None, validator=v.optional([_positive, v.le(MAX_SECONDS)])
    )
    load: float | None = attrs.field(
        default=None, validator=[_optional_non_negative, _up_to(MAX_LOAD["lb"])]
    )
    """Default starting load (training max for wave rules), in the program's unit."""
    amrap_last: bool = False
    rest: int | None = attrs.field(default=None, validator=_optional_non_negative)
    rpe: float | None = attrs.field(default=None, validator=v.optional(v.and_(v.ge(1), v.le(10))))
    track: str | None = None
    """Slots with the same track share progression; default: the exercise id."""
    top_set: bool = attrs.field(default=False, metadata={OPTIONAL: True})
    """The first set is a top set, followed by ``back_off_sets`` sets ``back_off_pct`` lighter."""
    back_off_pct: float = attrs.field(
        default=10.0, validator=v.and_(v.gt(0), v.lt(100)), metadata={OPTIONAL: True}
    )
    back_off_sets: int = attrs.field(default=0, validator=_non_negative, metadata={OPTIONAL: True})
    variants: tuple[Variant, ...] = ()
    """Harder versions a hold steps through, easiest first (``{name, cue, step}``)."""

    def __attrs_post_init__(self) -> None:
        if isinstance(self.reps, tuple):
            _check_pyramid(self.reps, self.sets)
        if self.top_set:
            _check_top_set(self)
        for index, variant in enumerate(self.variants):
            if not variant.name.strip() or not is_one_line(variant.name):
                raise InvalidValue(f"variants[{index}].name", "must be one line of text")
        kind = self.rule.kind
        if self.variants and kind != "hold":
            raise InvalidValue("variants", f"only a hold rule steps through variants, not {kind}")
        if kind in ("wave", "stages") and (self.top_set or isinstance(self.reps, tuple)):
            raise InvalidValue("reps", f"a {kind} rule writes its own sets: no pyramid or top set")

    @property
    def set_count(self) -> int:
        """How many sets the slot starts with (a pyramid's length; a top set and its back-offs)."""
        if isinstance(self.reps, tuple):
            return len(self.reps)
        return 1 + self.back_off_sets if self.top_set else self.sets

    @property
    def first_reps(self) -> int | None:
        """The reps of the first set (a pyramid's first)."""
        return self.reps[0] if isinstance(self.reps, tuple) else self.reps


def _check_pyramid(reps: tuple[int, ...], sets: int) -> None:
    if not reps or any(r <= 0 for r in reps):
        raise InvalidValue("reps", "a list of reps needs one whole number above 0 per set")
    if sets not in (1, len(reps)):
        raise InvalidValue("sets", f"{sets} sets, but reps lists {len(reps)} (one per set)")


def _check_top_set(slot: SlotDef) -> None:
    if slot.back_off_sets < 1:
        raise InvalidValue("back_off_sets", "a top set needs at least one back-off set")
    if slot.sets not in (1, 1 + slot.back_off_sets):
        raise InvalidValue(
            "sets",
            f"a top set and {slot.back_off_sets} back-off sets make {1 + slot.back_off_sets}, not {slot.sets}",
        )


@attrs.frozen
class DayDef:
    """One workout of the rotation."""

    name: str = attrs.field(validator=_name)
    slots: tuple[SlotDef, ...] = attrs.field(validator=v.min_len(1))


@attrs.frozen
class Layout:
    """The program's days for people who train ``days_per_week`` days a week (``[[layouts]]``)."""

    days_per_week: int = attrs.field(validator=v.and_(v.ge(1), v.le(7)))
    days: tuple[DayDef, ...] = attrs.field(validator=v.min_len(1))


@attrs.frozen
class BreakCut:
    """A row of a program's break table: from ``weeks`` extra weeks away, loads back ``pct``."""

    weeks: int = attrs.field(validator=_non_negative)
    pct: float = attrs.field(validator=v.and_(v.ge(0), v.lt(100)))


DEFAULT_BREAK_CUTS: tuple[BreakCut, ...] = (BreakCut(2, 10.0), BreakCut(4, 20.0), BreakCut(8, 30.0))
"""−10 % for 2–3 extra weeks away, −20 % for 4–7, −30 % from 8."""


@attrs.frozen
class Program:
    """A program template; a plan embeds a snapshot of each program it uses."""

    id: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_name)
    days: tuple[DayDef, ...] = attrs.field(validator=v.min_len(1))
    exercises: tuple[Exercise, ...] = ()
    description: str = attrs.field(default="", validator=_note)
    note: str = attrs.field(default="", validator=_note)
    weeks: int = attrs.field(default=12, validator=[_positive, v.le(MAX_WEEKS)])
    sessions_per_week: int = attrs.field(default=3, validator=v.and_(v.ge(1), v.le(7)))
    unit: Unit = attrs.field(default="kg", validator=v.in_(("kg", "lb")))
    deload_every: int = attrs.field(default=0, validator=_non_negative)
    deload_pct: float = attrs.field(default=10.0, validator=v.and_(v.ge(0), v.lt(100)))
    pain_threshold: int = attrs.field(default=5, validator=_pain_scale)
    """Pain above this (0–10) holds progression; twice in a row, one step back. Training through
    pain is never progressed, whatever the program; 10 turns the gate off."""
    gap_days: int | None = attrs.field(default=None, validator=v.optional(_positive))
    """The former name of ``break_days`` (older files), read as it."""
    gap_pct: float | None = attrs.field(
        default=None, validator=v.optional(v.and_(v.ge(0), v.lt(100)))
    )
    """The former flat break cut (older files): read as the first row of the break table."""
    layouts: tuple[Layout, ...] = ()
    """Day layouts per number of training days a week; ``days`` serve ``sessions_per_week``."""
    break_days: int | None = attrs.field(default=None, validator=v.optional(_positive))
    """Days beyond an exercise's usual interval that make a break (default 14)."""
    break_cuts: tuple[BreakCut, ...] = ()
    """The break table (default :data:`DEFAULT_BREAK_CUTS`)."""
    red_flag_words: tuple[str, ...] = ()
    """Words in a session's note that stop progression and send the person to a clinician
    (empty: :data:`RED_FLAG_WORDS`)."""
    ready_when_calm: bool = False
    """The readiness gate: the next phase waits until this one's last ``calm_weeks`` weeks were
    at or under the pain threshold (settled by morning); it extends a week at a time."""
    calm_weeks: int = attrs.field(default=2, validator=v.and_(v.ge(1), v.le(8)))

    @property
    def red_flags(self) -> tuple[str, ...]:
        """The red-flag words in force: the program's own, else :data:`RED_FLAG_WORDS`."""
        return self.red_flag_words or RED_FLAG_WORDS

    def __attrs_post_init__(self) -> None:
        known = {e.id for e in self.exercises}
        counts = [layout.days_per_week for layout in self.layouts]
        if len(set(counts)) != len(counts):
            raise InvalidValue("layouts", "two layouts for the same days_per_week")
        for day in self._all_days():
            for slot in day.slots:
                if known and slot.exercise not in known:
                    raise InvalidValue(
                        "days",
                        f"day {day.name!r} uses {slot.exercise!r}, which is not in [[exercises]]",
                    )

    def _all_days(self) -> tuple[DayDef, ...]:
        return self.days + tuple(day for layout in self.layouts for day in layout.days)

    @property
    def break_after(self) -> int:
        """Days beyond the usual interval that make a break (``gap_days`` in older files)."""
        return self.break_days or self.gap_days or 14

    @property
    def break_table(self) -> tuple[BreakCut, ...]:
        """The break table: the program's own, else the default (an older file's ``gap_pct``
        as its first row, later rows never below it)."""
        if self.break_cuts:
            return tuple(sorted(self.break_cuts, key=lambda row: row.weeks))
        if self.gap_pct is None:
            return DEFAULT_BREAK_CUTS
        flat = self.gap_pct
        return tuple(
            BreakCut(row.weeks, flat if i == 0 else max(flat, row.pct))
            for i, row in enumerate(DEFAULT_BREAK_CUTS)
        )

    def layout_for(self, days_per_week: int) -> tuple[tuple[DayDef, ...], str]:
        """The days for ``days_per_week`` training days, and a note when no layout fits (the
        nearest is used; on a tie the one with more days, whose rotation carries on)."""
        options = {self.sessions_per_week: self.days}
        options.update({layout.days_per_week: layout.days for layout in self.layouts})
        if days_per_week in options:
            return options[days_per_week], ""
        nearest = min(options, key=lambda count: (abs(count - days_per_week), -count))
        note = (
            f"{self.name} has no {days_per_week}-day layout: its {nearest}-day one, "
            f"its days in turn over your {days_per_week} days a week"
        )
        return options[nearest], note

    def exercise(self, exercise_id: str) -> Exercise:
        """The exercise by id (a plain one made from the id when the program lists none)."""
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        return Exercise(id=exercise_id, name=exercise_id.replace("-", " ").capitalize())

    def exercise_ids(self) -> tuple[str, ...]:
        """Every exercise the days use, in order of first use."""
        seen: dict[str, None] = {}
        for day in self._all_days():
            for slot in day.slots:
                seen.setdefault(slot.exercise, None)
        return tuple(seen)


@attrs.frozen
class PhaseDef:
    """A program run for a number of weeks; ``program`` is the snapshot taken when it was planned."""

    program: Program
    weeks: int = attrs.field(validator=[_positive, v.le(MAX_WEEKS)])
    ready_when_calm: bool | None = None
    """The readiness gate for this phase (None: as its program says)."""


@attrs.frozen
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


@attrs.frozen
class LoggedExercise:
    """The sets done of one exercise."""

    exercise: str = attrs.field(validator=_slug)
    sets: tuple[LoggedSet, ...] = attrs.field(default=(), validator=v.max_len(MAX_SETS))
    pain: int | None = attrs.field(default=None, validator=_pain)
    """Pain during this exercise (0–10), when the person said."""


@attrs.frozen
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


@attrs.frozen
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


@attrs.frozen
class PlannedExercise:
    """An exercise of a hand-edited future session."""

    exercise: str = attrs.field(validator=_slug)
    sets: tuple[PlannedSet, ...] = attrs.field(validator=[v.min_len(1), v.max_len(MAX_SETS)])


@attrs.frozen
class Override:
    """A person's edit of a future session: moved to another date and/or exercises changed."""

    date: dt.date = attrs.field(validator=_date_in_range)
    moved_to: dt.date | None = attrs.field(default=None, validator=_date_in_range)
    exercises: tuple[PlannedExercise, ...] = ()
    note: str = attrs.field(default="", validator=_note)


def _uuid(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value and not UUID.match(value):
        raise InvalidValue(attribute.name, f"{value!r} is not a UUID (or leave it out)")


UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _positive_loads(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    for load in value:
        if load <= 0:
            raise InvalidValue(attribute.name, f"every plate must weigh more than 0, not {load}")


@attrs.frozen
class ExerciseGear:
    """One exercise's own equipment (``[equipment.exercises.curl]``), in the plan's unit."""

    implement: str = attrs.field(default="", validator=v.in_(("", *IMPLEMENTS)))
    bar: float | None = attrs.field(default=None, validator=_optional_non_negative)
    """Its own bar (an EZ bar, a 15 kg bar)."""
    step: float | None = attrs.field(default=None, validator=v.optional(v.gt(0.0)))
    """Its dumbbell or machine step."""


@attrs.frozen
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


@attrs.frozen
class Advance:
    """The person's override of a readiness gate (``workout advance``): phase ``phase`` ends at
    the first week boundary from ``date`` and the next one starts."""

    phase: int = attrs.field(validator=_non_negative)
    """Index of the phase moved on from (0 = the first)."""
    date: dt.date


@attrs.frozen
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
        """Training weekdays as ``date.weekday()`` numbers."""
        return tuple(WEEKDAYS.index(d) for d in self.days)

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
        for entry in self.log:
            if entry.date == key:
                return entry
        return None

    def with_entry(self, entry: LogEntry) -> Plan:
        """This plan with ``entry`` logged (replacing an earlier entry of the same session)."""
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


def rule_from_params(params: dict[str, Any]) -> Rule:
    """A rule from its TOML table (``kind`` plus parameters)."""
    return make_rule(dict(params))
