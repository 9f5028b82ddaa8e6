"""The program model: exercises, slots, days, layouts and the program template itself.

A plan embeds a snapshot of each program it uses (:class:`planner.model.PhaseDef`), so editing a
template never changes a plan in progress. These mirror a program file one to one (see
``planner/programs/*.toml``); conversion lives in :mod:`planner.convert`.
"""

from __future__ import annotations

from typing import Any

import attrs
from attrs import validators as v

from planner.limits import (
    MAX_LOAD,
    MAX_SECONDS,
    MAX_SETS,
    MAX_WEEKS,
    is_one_line,
)
from planner.validators import (
    EXERCISE_KINDS,
    OPTIONAL,
    RED_FLAG_WORDS,
    ExerciseKind,
    InvalidValue,
    _name,
    _non_negative,
    _note,
    _optional_non_negative,
    _pain_scale,
    _positive,
    _reps,
    _slug,
    _up_to,
)
from rules.equipment import IMPLEMENTS
from rules.kinds import Rule, make_rule
from rules.values import Unit, Variant


@attrs.frozen(slots=False)
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


@attrs.frozen(slots=False)
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
    """Harder versions a hold steps through, easiest first (``{name, cue, step}``); a fixed
    slot steps through none but keeps the one carried into it from an earlier phase."""

    def __attrs_post_init__(self) -> None:
        if isinstance(self.reps, tuple):
            _check_pyramid(self.reps, self.sets)
        if self.top_set:
            _check_top_set(self)
        for index, variant in enumerate(self.variants):
            if not variant.name.strip() or not is_one_line(variant.name):
                raise InvalidValue(f"variants[{index}].name", "must be one line of text")
        kind = self.rule.kind
        if self.variants and kind not in ("hold", "fixed"):
            raise InvalidValue(
                "variants",
                f"only a hold rule steps through variants (a fixed one keeps the one carried "
                f"into it), not {kind}",
            )
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


@attrs.frozen(slots=False)
class DayDef:
    """One workout of the rotation."""

    name: str = attrs.field(validator=_name)
    slots: tuple[SlotDef, ...] = attrs.field(validator=v.min_len(1))


@attrs.frozen(slots=False)
class Layout:
    """The program's days for people who train ``days_per_week`` days a week (``[[layouts]]``)."""

    days_per_week: int = attrs.field(validator=v.and_(v.ge(1), v.le(7)))
    days: tuple[DayDef, ...] = attrs.field(validator=v.min_len(1))


@attrs.frozen(slots=False)
class BreakCut:
    """A row of a program's break table: from ``weeks`` extra weeks away, loads back ``pct``."""

    weeks: int = attrs.field(validator=_non_negative)
    pct: float = attrs.field(validator=v.and_(v.ge(0), v.lt(100)))


DEFAULT_BREAK_CUTS: tuple[BreakCut, ...] = (BreakCut(2, 10.0), BreakCut(4, 20.0), BreakCut(8, 30.0))
"""−10 % for 2–3 extra weeks away, −20 % for 4–7, −30 % from 8."""


@attrs.frozen(slots=False)
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
    max_combined_cut: float = attrs.field(
        default=30.0, validator=v.and_(v.gt(0), v.lt(100)), metadata={OPTIONAL: True}
    )
    """Where two reductions meet (a deload week and a break back-off), together they cut at
    most this percentage (each is named in the why); default 30."""
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


def rule_from_params(params: dict[str, Any]) -> Rule:
    """A rule from its TOML table (``kind`` plus parameters)."""
    return make_rule(dict(params))
