"""Plan-level rules: the calendar of a chain of phases, and the projection of every session.

``project`` folds the log over the calendar in order. Logged sessions are history and are never
rewritten; everything after them is re-derived from the rules, assuming each future session is done
as prescribed. Progression state is never stored: it is the fold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Literal

import attrs

from rules.kinds import Rule
from rules.values import (
    Attempt,
    Base,
    Prescription,
    SetDone,
    SetTarget,
    SlotState,
    fmt_number,
    round_load,
)

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday names as used in files and flags, Monday first (``date.weekday()`` order)."""

Status = Literal["done", "skipped", "missed", "planned"]


@attrs.frozen
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


@attrs.frozen
class Day:
    """One workout of a program's rotation (A, B, …)."""

    name: str
    slots: tuple[Slot, ...]


@attrs.frozen
class Phase:
    """One program run for a number of weeks, with its plan-level rules."""

    program: str
    name: str
    weeks: int = attrs.field(validator=attrs.validators.gt(0))
    days: tuple[Day, ...] = attrs.field(validator=attrs.validators.min_len(1))
    deload_every: int = 0
    """A deload every N weeks of the phase (0: none)."""
    deload_pct: float = 10.0
    pain_threshold: int | None = None
    """Pain above this (0–10) holds progression; twice in a row regresses. None: no pain gate."""
    gap_days: int = 14
    gap_pct: float = 10.0


@attrs.frozen
class Scheduled:
    """A training date of the plan's calendar."""

    key: dt.date
    """The date it was scheduled on: the session's identity, stable when it is moved."""
    date: dt.date
    phase: int
    week: int
    """1-based week of its phase."""
    day: int
    """Index into the phase's rotation of days."""
    number: int
    """1-based position in the whole plan."""


@attrs.frozen
class Logged:
    """What the person logged for a session."""

    key: dt.date
    status: Literal["done", "skipped"]
    results: Mapping[str, tuple[SetDone, ...]] = attrs.field(factory=dict)
    """Sets done per exercise; an exercise absent from a done session was not done."""
    pain: int | None = None


@attrs.frozen
class Session:
    """One session of the projected plan."""

    scheduled: Scheduled
    status: Status
    deload: bool
    prescriptions: tuple[Prescription, ...]


def phase_starts(start: dt.date, phases: Sequence[Phase]) -> tuple[dt.date, ...]:
    """The first day of each phase: each ends exactly after its weeks."""
    starts, offset = [], 0
    for phase in phases:
        starts.append(start + dt.timedelta(weeks=offset))
        offset += phase.weeks
    return tuple(starts)


def schedule(
    start: dt.date,
    weekdays: Sequence[int],
    phases: Sequence[Phase],
    moves: Mapping[dt.date, dt.date] | None = None,
) -> tuple[Scheduled, ...]:
    """Every training date of the plan: the phases' days rotate over the chosen weekdays in order.

    A rotation longer than the week simply carries on into the next week (A/B over three days).
    ``moves`` maps a scheduled date to the date it was moved to; its identity stays the same.
    """
    days = frozenset(weekdays)
    moves = moves or {}
    out: list[Scheduled] = []
    for index, (phase, first) in enumerate(zip(phases, phase_starts(start, phases), strict=True)):
        rotation = 0
        for offset in range(phase.weeks * 7):
            date = first + dt.timedelta(days=offset)
            if date.weekday() not in days:
                continue
            out.append(
                Scheduled(
                    key=date,
                    date=moves.get(date, date),
                    phase=index,
                    week=offset // 7 + 1,
                    day=rotation % len(phase.days),
                    number=len(out) + 1,
                )
            )
            rotation += 1
    return tuple(out)


def _deload(targets: tuple[SetTarget, ...], pct: float, increment: float) -> tuple[SetTarget, ...]:
    if any(t.load for t in targets):
        return tuple(
            attrs.evolve(t, load=round_load(t.load * (1 - pct / 100), increment)) if t.load else t
            for t in targets
        )
    keep = max(1, round(len(targets) * (1 - pct / 100)))
    return targets[:keep]


@attrs.define
class _Fold:
    """The mutable accumulator of one projection run (local to ``project``)."""

    phases: Sequence[Phase]
    states: dict[tuple[int, str], SlotState] = attrs.field(factory=dict)
    carried: dict[str, tuple[str, float, str]] = attrs.field(factory=dict)
    pain_streak: int = 0

    def state(self, phase_index: int, slot: Slot, week: int) -> SlotState:
        key = (phase_index, slot.key)
        state = self.states.get(key)
        if state is None:
            base = slot.base
            prior = self.carried.get(slot.key)
            if prior is not None and prior[0] == slot.rule.kind and base.load is not None:
                base = attrs.evolve(base, load=prior[1])
            state = slot.rule.start(base)
            if prior is not None and base.load == prior[1] and prior[0] == slot.rule.kind:
                state = attrs.evolve(state, why=f"{state.why} (carried over from {prior[2]})")
        return slot.rule.roll(state, week, slot.base)

    def keep(self, phase_index: int, slot: Slot, state: SlotState) -> None:
        self.states[(phase_index, slot.key)] = state
        if state.load is not None:
            self.carried[slot.key] = (slot.rule.kind, state.load, self.phases[phase_index].name)


def project(
    phases: Sequence[Phase],
    calendar: Sequence[Scheduled],
    log: Mapping[dt.date, Logged],
    today: dt.date,
    overrides: Mapping[dt.date, Mapping[str, tuple[SetTarget, ...]]] | None = None,
    stop: Callable[[Session], bool] | None = None,
) -> tuple[Session, ...]:
    """Every session of the plan with its prescriptions, derived from the rules and the log.

    - done: the logged sets advance progression (unless pain holds it, or it is a deload week);
    - skipped / missed (past and not logged): nothing advances;
    - planned (today and later): prescribed, then assumed done as prescribed.
    Linear in the number of sessions × exercises. ``stop``, when given, ends the projection before
    the first session it returns True for (commands that only need the next session).
    """
    overrides = overrides or {}
    fold = _Fold(phases)
    out: list[Session] = []
    for item in calendar:
        phase = phases[item.phase]
        day = phase.days[item.day]
        entry = log.get(item.key)
        status: Status
        if entry is not None:
            status = entry.status
        else:
            status = "planned" if item.date >= today else "missed"
        deload = bool(phase.deload_every) and item.week % phase.deload_every == 0
        painful = (
            status == "done"
            and entry is not None
            and entry.pain is not None
            and phase.pain_threshold is not None
            and entry.pain > phase.pain_threshold
        )
        if status == "done":
            fold.pain_streak = fold.pain_streak + 1 if painful else 0
        edits = overrides.get(item.key, {})
        prescriptions = []
        for slot in day.slots:
            state = fold.state(item.phase, slot, item.week)
            if state.last is not None and (item.date - state.last).days >= phase.gap_days:
                gap = (item.date - state.last).days
                state = slot.rule.back_off(
                    state,
                    phase.gap_pct,
                    slot.base,
                    f"−{fmt_number(phase.gap_pct)} %: {gap} days since the last session",
                )
            targets = slot.rule.prescribe(state, slot.base)
            why = state.why
            if deload:
                targets = _deload(targets, phase.deload_pct, slot.base.increment)
                why = f"deload week {item.week}: −{fmt_number(phase.deload_pct)} %"
            if slot.exercise in edits:
                targets, why = edits[slot.exercise], "your edit of this session"
            prescriptions.append(
                Prescription(slot.exercise, targets, why, rest=slot.base.rest, rpe=slot.base.rpe)
            )
            if status in ("skipped", "missed"):
                continue
            done: tuple[SetDone, ...] | tuple[SetTarget, ...]
            if status == "planned":
                done = targets
            else:
                assert entry is not None
                if slot.exercise not in entry.results:
                    continue
                done = entry.results[slot.exercise]
            attempt = Attempt(
                date=item.date,
                week=item.week,
                targets=targets,
                done=done,
                projected=status == "planned",
            )
            if deload:
                state = attrs.evolve(state, last=item.date)
            elif painful:
                assert entry is not None
                assert entry.pain is not None
                if fold.pain_streak >= 2:
                    state = slot.rule.regress(
                        state,
                        slot.base,
                        f"eased off: pain above {phase.pain_threshold}/10 twice in a row "
                        f"({entry.pain}/10 on {item.date})",
                    )
                else:
                    state = slot.rule.hold(state, f"held: pain {entry.pain}/10 on {item.date}")
                state = attrs.evolve(state, last=item.date)
            else:
                state = slot.rule.advance(state, attempt, slot.base)
            fold.keep(item.phase, slot, state)
        session = Session(item, status, deload, tuple(prescriptions))
        if stop is not None and stop(session):
            break
        out.append(session)
    return tuple(out)
