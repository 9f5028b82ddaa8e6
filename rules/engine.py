"""Plan-level rules: the calendar of a chain of phases, and the projection of every session.

``project`` folds the log over the calendar in order. Logged sessions are history and are never
rewritten; everything after them is re-derived from the rules, assuming each future session is done
as prescribed. Progression state is never stored: it is the fold.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Literal, overload

import attrs

from rules.kinds import Rule
from rules.values import (
    Attempt,
    Base,
    Prescription,
    SetDone,
    SetTarget,
    SlotState,
    cut_load,
    fmt_number,
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


class Calendar(Sequence[Scheduled]):
    """Every training date of a plan, worked out on demand: position → :class:`Scheduled` in
    constant time, so a ten-year plan costs nothing until a position is asked for.

    The phases' days rotate over the chosen weekdays in order; a rotation longer than the week
    simply carries on into the next week (A/B over three days). ``moves`` maps a scheduled date
    to the date it was moved to; the session keeps its identity (``key``) and its position.
    """

    def __init__(
        self,
        start: dt.date,
        weekdays: Sequence[int],
        phases: Sequence[Phase],
        moves: Mapping[dt.date, dt.date] | None = None,
    ) -> None:
        self.moves: Mapping[dt.date, dt.date] = moves or {}
        self._phases = tuple(phases)
        self._firsts = phase_starts(start, phases)
        days = sorted(set(weekdays))
        self._per_week = len(days)
        # Per phase: the training days' offsets in each seven-day block from its first day.
        self._offsets = tuple(
            tuple(sorted((day - first.weekday()) % 7 for day in days)) for first in self._firsts
        )
        bounds = [0]
        for phase in self._phases:
            bounds.append(bounds[-1] + phase.weeks * self._per_week)
        self._bounds = tuple(bounds)

    def __len__(self) -> int:
        return self._bounds[-1]

    @overload
    def __getitem__(self, index: int) -> Scheduled: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Scheduled, ...]: ...

    def __getitem__(self, index: int | slice) -> Scheduled | tuple[Scheduled, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(f"calendar position {index} is outside the plan")
        phase = bisect.bisect_right(self._bounds, index) - 1
        within = index - self._bounds[phase]
        block, slot = divmod(within, self._per_week)
        key = self._firsts[phase] + dt.timedelta(days=7 * block + self._offsets[phase][slot])
        return Scheduled(
            key=key,
            date=self.moves.get(key, key),
            phase=phase,
            week=block + 1,
            day=within % len(self._phases[phase].days),
            number=index + 1,
        )

    def __iter__(self) -> Iterator[Scheduled]:
        return (self[index] for index in range(len(self)))

    def position(self, date: dt.date) -> int:
        """How many sessions are scheduled (by ``key``) before ``date``: the position of the
        session scheduled on ``date``, if there is one."""
        phase = bisect.bisect_right(self._firsts, date) - 1
        if phase < 0:
            return 0
        if phase >= len(self._phases):
            return len(self)
        days = (date - self._firsts[phase]).days
        block, rest = divmod(days, 7)
        if block >= self._phases[phase].weeks:
            return self._bounds[phase + 1]
        before = bisect.bisect_left(self._offsets[phase], rest)
        return self._bounds[phase] + block * self._per_week + before

    def _ordinals(self) -> list[int]:
        out: list[int] = []
        for phase, first, offsets in zip(self._phases, self._firsts, self._offsets, strict=True):
            base = first.toordinal()
            out.extend(
                base + 7 * block + offset for block in range(phase.weeks) for offset in offsets
            )
        return out

    def statuses(self, logged: Mapping[dt.date, Status], today: dt.date) -> tuple[Status, ...]:
        """:func:`status_of` every position, given what was logged by scheduled date: one pass
        over day numbers, as every command needs them all (streaks, this week, what is next)."""
        by_day = {key.toordinal(): status for key, status in logged.items()}
        moved = {key.toordinal(): to.toordinal() for key, to in self.moves.items()}
        first_planned = today.toordinal()
        return tuple(
            by_day.get(day) or ("planned" if moved.get(day, day) >= first_planned else "missed")
            for day in self._ordinals()
        )


def schedule(
    start: dt.date,
    weekdays: Sequence[int],
    phases: Sequence[Phase],
    moves: Mapping[dt.date, dt.date] | None = None,
) -> Calendar:
    """Every training date of the plan (see :class:`Calendar`)."""
    return Calendar(start, weekdays, phases, moves)


def _deload(targets: tuple[SetTarget, ...], pct: float, increment: float) -> tuple[SetTarget, ...]:
    if any(t.load for t in targets):
        return tuple(
            attrs.evolve(t, load=cut_load(t.load, pct, increment)) if t.load else t for t in targets
        )
    keep = max(1, round(len(targets) * (1 - pct / 100)))
    return targets[:keep]


def status_of(date: dt.date, logged: Status | None, today: dt.date) -> Status:
    """The status of a session taking place on ``date``: what was logged, else planned from
    today on, else missed."""
    if logged is not None:
        return logged
    return "planned" if date >= today else "missed"


def is_deload(phase: Phase, week: int) -> bool:
    """Whether ``week`` of ``phase`` is one of its deload weeks."""
    return bool(phase.deload_every) and week % phase.deload_every == 0


@attrs.frozen
class Checkpoint:
    """The fold's state just before calendar position ``index``, where every earlier session is
    settled (logged, or missed): a projection resumes here instead of re-deriving the history.

    Progression state is still never stored as the truth: a checkpoint is a memo of the fold,
    valid for the plan and log it was folded from (callers keep it with the plan's fingerprint,
    and drop it when anything before ``index`` changes)."""

    index: int
    key: dt.date
    """The scheduled date of the session at ``index``: a change to the plan's log or overrides
    on this date or later leaves the checkpoint valid."""
    states: tuple[tuple[tuple[int, str, str], SlotState], ...]
    carried: tuple[tuple[str, tuple[str, float, str]], ...]
    pain_streak: int
    settled: dt.date | None = None
    """The latest date of a missed session before ``index``: the checkpoint holds for any today
    after it (on an earlier today that session would be planned again)."""

    def holds(self, today: dt.date) -> bool:
        """Whether a projection as of ``today`` may resume here."""
        return self.settled is None or self.settled < today


@attrs.define
class _Fold:
    """The mutable accumulator of one projection run (local to ``fold``)."""

    phases: Sequence[Phase]
    states: dict[tuple[int, str, str], SlotState] = attrs.field(factory=dict)
    """Per phase, progression key and rule kind: slots that share a key share progression,
    unless their rules differ in kind (a wave's stage is not a stage of GZCLP)."""
    carried: dict[str, tuple[str, float, str]] = attrs.field(factory=dict)
    pain_streak: int = 0

    @classmethod
    def resume(cls, phases: Sequence[Phase], checkpoint: Checkpoint | None) -> _Fold:
        if checkpoint is None:
            return cls(phases)
        return cls(
            phases, dict(checkpoint.states), dict(checkpoint.carried), checkpoint.pain_streak
        )

    def checkpoint(self, index: int, key: dt.date, settled: dt.date | None) -> Checkpoint:
        return Checkpoint(
            index=index,
            key=key,
            states=tuple(self.states.items()),
            carried=tuple(self.carried.items()),
            pain_streak=self.pain_streak,
            settled=settled,
        )

    def state(self, phase_index: int, slot: Slot, week: int) -> SlotState:
        key = (phase_index, slot.key, slot.rule.kind)
        state = self.states.get(key)
        if state is None:
            base = slot.base
            prior = self.carried.get(slot.key)
            if prior is not None and prior[0] == slot.rule.kind and base.load is not None:
                base = attrs.evolve(base, load=prior[1])
            state = slot.rule.start(base)
            if prior is not None and base.load == prior[1] and prior[0] == slot.rule.kind:
                state = state.but(why=f"{state.why} (carried over from {prior[2]})")
        return slot.rule.roll(state, week, slot.base)

    def keep(self, phase_index: int, slot: Slot, state: SlotState) -> None:
        self.states[(phase_index, slot.key, slot.rule.kind)] = state
        if state.load is not None:
            self.carried[slot.key] = (slot.rule.kind, state.load, self.phases[phase_index].name)


@attrs.frozen
class Folded:
    """What one run of the fold produced."""

    sessions: tuple[Session, ...]
    """The sessions from the resume point on (up to where ``stop`` ended it)."""
    first: int
    """Calendar position of ``sessions[0]``."""
    checkpoints: tuple[Checkpoint, ...]
    """Checkpoints taken on the way (every ``every`` sessions, and at the first planned one)."""


def project(
    phases: Sequence[Phase],
    calendar: Sequence[Scheduled],
    log: Mapping[dt.date, Logged],
    today: dt.date,
    overrides: Mapping[dt.date, Mapping[str, tuple[SetTarget, ...]]] | None = None,
    stop: Callable[[Session], bool] | None = None,
) -> tuple[Session, ...]:
    """Every session of the plan with its prescriptions, derived from the rules and the log
    (see :func:`fold`, of which this is the whole run)."""
    return fold(phases, calendar, log, today, overrides, stop=stop).sessions


def fold(
    phases: Sequence[Phase],
    calendar: Sequence[Scheduled],
    log: Mapping[dt.date, Logged],
    today: dt.date,
    overrides: Mapping[dt.date, Mapping[str, tuple[SetTarget, ...]]] | None = None,
    *,
    resume: Checkpoint | None = None,
    stop: Callable[[Session], bool] | None = None,
    every: int = 0,
) -> Folded:
    """Fold the log over the calendar, from the start or from ``resume``.

    - done: the logged sets advance progression (unless pain holds it, or it is a deload week);
    - skipped / missed (past and not logged): nothing advances;
    - planned (today and later): prescribed, then assumed done as prescribed.
    Linear in the number of sessions × exercises. ``stop``, when given, ends the fold before
    the first session it returns True for (commands that only need the next session). With
    ``every``, a :class:`Checkpoint` is taken every ``every`` calendar positions while the
    sessions are settled, and one just before the first planned session.
    """
    if resume is not None and not resume.holds(today):
        raise ValueError(f"checkpoint at {resume.index} does not hold on {today}")
    overrides = overrides or {}
    fold = _Fold.resume(phases, resume)
    first = resume.index if resume is not None else 0
    settled = resume.settled if resume is not None else None
    checkpoints: list[Checkpoint] = []
    frontier = False
    out: list[Session] = []
    for index in range(first, len(calendar)):
        item = calendar[index]
        phase = phases[item.phase]
        day = phase.days[item.day]
        entry = log.get(item.key)
        status = status_of(item.date, None if entry is None else entry.status, today)
        settled_so_far = every and not frontier and index > first
        if settled_so_far and (status == "planned" or index % every == 0):
            checkpoints.append(fold.checkpoint(index, item.key, settled))
        if status == "planned":
            frontier = True
        elif status == "missed" and (settled is None or item.date > settled):
            settled = item.date
        deload = is_deload(phase, item.week)
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
                state = state.but(last=item.date)
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
                state = state.but(last=item.date)
            else:
                state = slot.rule.advance(state, attempt, slot.base)
            fold.keep(item.phase, slot, state)
        session = Session(item, status, deload, tuple(prescriptions))
        if stop is not None and stop(session):
            break
        out.append(session)
    return Folded(sessions=tuple(out), first=first, checkpoints=tuple(checkpoints))
