"""The plan's shape as the engine sees it: phases of program days, each day a list of slots.

A phase carries its plan-level rules. Two of them are easily confused, so they have distinct
names throughout the engine (a third, the failure reset, belongs to the rule kinds):

- the **deload week**: every ``deload_every``-th week of a phase is lighter by ``deload_pct``
  (:func:`is_deload_week`; the step :func:`rules.policies.deload_week`);
- the **break back-off**: when the time since a slot's last done session exceeds its usual
  interval (:meth:`rules.calendar.Calendar.usual`) by ``break_days`` or more, its load is cut by
  the ``break_cuts`` row for the break's length (:func:`break_cut`;
  :meth:`rules.rule.Rule.back_off`; the step :func:`rules.policies.break_back_off`).

The failure reset (``fail_streak`` failures in a row cut the load by the rule's own
``deload_pct``) lives in :mod:`rules.load_kinds`.
"""

from __future__ import annotations

import attrs

from rules.pain import DEFAULT_RED_FLAG_WORDS
from rules.rule import Rule
from rules.values import Base


@attrs.frozen(slots=False)
class Slot:
    """One exercise in one program day: where it starts and how it progresses."""

    exercise: str
    base: Base
    rule: Rule
    track: str = ""
    """Progression key; slots sharing it share progression (squat on day A and day B)."""

    @property
    def key(self) -> str:
        """The progression key (the exercise id unless the slot names a track)."""
        return self.track or self.exercise


@attrs.frozen(slots=False)
class Day:
    """One workout of a program's rotation (A, B, …)."""

    name: str
    slots: tuple[Slot, ...]


DEFAULT_BREAK_CUTS: tuple[tuple[int, float], ...] = ((2, 10.0), (4, 20.0), (8, 30.0))
"""The default break table: −10 % for 2–3 extra weeks away, −20 % for 4–7, −30 % from 8."""


@attrs.frozen(slots=False)
class Phase:
    """One program run for a number of weeks, with its plan-level rules."""

    program: str
    name: str
    weeks: int = attrs.field(validator=attrs.validators.gt(0))
    days: tuple[Day, ...] = attrs.field(validator=attrs.validators.min_len(1))
    deload_every: int = 0
    """A deload week every N weeks of the phase (0: none)."""
    deload_pct: float = 10.0
    """How much lighter a deload week is: loads cut by this percentage (sets, without a load)."""
    pain_threshold: int | None = None
    """Pain above this (0–10) holds progression; twice in a row regresses. None: no pain gate."""
    break_days: int = 14
    """The break back-off: this many days or more beyond a slot's usual interval is a break…"""
    break_cuts: tuple[tuple[int, float], ...] = DEFAULT_BREAK_CUTS
    """…whose cut is the last row ``(weeks, pct)`` the break's extra weeks reach (the first row
    when it reaches none)."""
    max_combined_cut: float = 30.0
    """Where reductions meet (break back-off, deload week, pain ease-off, failure reset, done
    lighter), together they cut at most this percentage below where the lift stood before them,
    unless one of them alone cuts more (:mod:`rules.cuts`)."""
    note: str = ""
    """Said with the first session of each exercise in the phase (e.g. that no layout of the
    program fits the plan's weekdays)."""
    red_flag_words: tuple[str, ...] = DEFAULT_RED_FLAG_WORDS
    """Words in a session's note that are red flags (:mod:`rules.pain`)."""
    ready_when_calm: bool = False
    """The readiness gate: the next phase starts after this one's weeks only when its last
    ``calm_weeks`` weeks were calm; otherwise this phase extends a week at a time
    (:func:`rules.calendar.ready_phases`)."""
    calm_weeks: int = 2
    """How many calm weeks the readiness gate asks for."""
    planned_weeks: int = 0
    """The weeks the plan gave this phase, when the readiness gate or the person's ``advance``
    changed them (0: unchanged, ``weeks`` is the plan's)."""
    changed_why: str = ""
    """Why its length changed (``extended: pain 7/10 on 2027-05-20``; "" unchanged)."""

    @property
    def extended(self) -> bool:
        """Whether the readiness gate has made this phase longer than planned."""
        return self.planned_weeks > 0 and self.weeks > self.planned_weeks


def is_deload_week(phase: Phase, week: int) -> bool:
    """Whether ``week`` (1-based) of ``phase`` is one of its scheduled deload weeks."""
    return bool(phase.deload_every) and week % phase.deload_every == 0


def break_cut(phase: Phase, away: int) -> float:
    """The cut for a break of ``away`` days beyond the usual interval (0: not a break)."""
    if away < phase.break_days or not phase.break_cuts:
        return 0.0
    weeks = away // 7
    pct = phase.break_cuts[0][1]
    for from_weeks, cut in phase.break_cuts:
        if weeks >= from_weeks:
            pct = cut
    return pct


def combined_cut(first: float, second: float, most: float) -> float:
    """Two cuts (%) that meet, one after the other (−10 % then −20 % is −28 %), but never more
    than ``most`` in all (nor less than the larger of the two alone)."""
    return min(100 - (100 - first) * (100 - second) / 100, max(most, first, second))


is_deload = is_deload_week
"""The former name of :func:`is_deload_week` (planner imports it)."""
