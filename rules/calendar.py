"""The plan's calendar: which date each session falls on, and what became of it.

Pure date arithmetic over the phases (:mod:`rules.phases`): a ten-year plan costs nothing until a
position is asked for. The fold (:mod:`rules.engine`) walks it in order.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Literal, NamedTuple, overload

import attrs

from rules.pain import PainReport, pain_text, red_flag, verdict
from rules.phases import Phase
from rules.values import SetDone

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday names as used in files and flags, Monday first (``date.weekday()`` order)."""

Status = Literal["done", "skipped", "missed", "planned"]
"""What became of a session: logged done or skipped; else missed (past) or planned (from today)."""


@attrs.frozen(slots=False)
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


@attrs.frozen(slots=False)
class Logged:
    """What the person logged for a session."""

    key: dt.date
    status: Literal["done", "skipped"]
    results: Mapping[str, tuple[SetDone, ...]] = attrs.field(factory=dict)
    """Sets done per exercise; an exercise absent from a done session was not done."""
    pain: int | None = None
    where: str = ""
    """Where it hurt during the session (``back``, ``buttock``, ``leg``; "" not said)."""
    morning: int | None = None
    """Pain the next morning (``workout pain N``)."""
    morning_where: str = ""
    note: str = ""
    exercise_pain: tuple[tuple[str, int], ...] = ()
    """Pain during single exercises (exercise id, 0–10)."""
    converted: bool = False
    """The loads were logged in another unit and converted to the plan's (off by rounding)."""

    def report(self) -> PainReport:
        """What the person said about the session's pain (:mod:`rules.pain`)."""
        return PainReport(
            during=self.pain,
            where=self.where,
            morning=self.morning,
            morning_where=self.morning_where,
            note=self.note,
            by_exercise=self.exercise_pain,
        )


def phase_starts(start: dt.date, phases: Sequence[Phase]) -> tuple[dt.date, ...]:
    """The first day of each phase: each ends exactly after its weeks."""
    starts, offset = [], 0
    for phase in phases:
        starts.append(start + dt.timedelta(weeks=offset))
        offset += phase.weeks
    return tuple(starts)


MAX_EXTENSION = 52
"""Weeks the readiness gate may add to a phase at most (a year; past that, ask a clinician)."""


def _not_calm(entry: Logged, phase: Phase) -> str:
    """Why a logged session keeps a phase from ending ("" when it does not)."""
    if entry.status != "done":
        return ""
    report = entry.report()
    flag = red_flag(report, phase.red_flag_words)
    if flag:
        return f"{flag[:1].lower()}{flag[1:]} on {entry.key} (a red flag)"
    threshold = 10 if phase.pain_threshold is None else phase.pain_threshold
    if verdict(report, threshold) in ("held", "worse"):
        return pain_text(entry.key, report, threshold)
    return ""


def _restless(first: dt.date, weeks: int, phase: Phase, log: Mapping[dt.date, Logged]) -> str:
    """Why the last ``calm_weeks`` weeks of a phase ``weeks`` long were not calm (the latest
    reason; "" when they were)."""
    begin = first + dt.timedelta(weeks=max(0, weeks - phase.calm_weeks))
    end = first + dt.timedelta(weeks=weeks)
    reason = ""
    for offset in range((end - begin).days):
        entry = log.get(begin + dt.timedelta(days=offset))
        if entry is not None:
            reason = _not_calm(entry, phase) or reason
    return reason


def _advanced_weeks(first: dt.date, on: dt.date, log: Mapping[dt.date, Logged]) -> int:
    """The weeks of a phase the person moved on from on ``on``: up to the first week boundary
    from ``on`` that keeps every session logged in it inside it."""
    last = max((key for key in log if first <= key <= on), default=first - dt.timedelta(1))
    days = max((on - first).days, (last - first).days + 1, 1)
    return -(-days // 7)


def ready_phases(
    start: dt.date,
    phases: Sequence[Phase],
    log: Mapping[dt.date, Logged],
    advanced: Mapping[int, dt.date] | None = None,
) -> tuple[Phase, ...]:
    """The phases with the lengths the log gives them, before any date is scheduled.

    A phase with a readiness gate (``ready_when_calm``) that is followed by another extends a
    week at a time while its last ``calm_weeks`` weeks hold a session that was not calm (pain
    above the threshold, worse the next morning, or a red flag). Sessions not yet done count as
    calm: the projection assumes them done as prescribed. ``advanced`` (phase index → date) is
    the person's override: that phase ends at the first week boundary from the date, whatever
    the gate says. Only logs inside a phase decide its length, so the dates before a change of
    the log never move."""
    advanced = advanced or {}
    out: list[Phase] = []
    first = start
    for index, phase in enumerate(phases):
        weeks, why = phase.weeks, ""
        if index in advanced and index + 1 < len(phases):
            weeks = _advanced_weeks(first, advanced[index], log)
            why = f"moved on by you on {advanced[index]}"
        elif phase.ready_when_calm and index + 1 < len(phases):
            while weeks < phase.weeks + MAX_EXTENSION:
                reason = _restless(first, weeks, phase, log)
                if not reason:
                    break
                weeks, why = weeks + 1, f"extended: {reason}"
        if why:
            phase = attrs.evolve(phase, weeks=weeks, planned_weeks=phase.weeks, changed_why=why)
        out.append(phase)
        first += dt.timedelta(weeks=weeks)
    return tuple(out)


class _Run(NamedTuple):
    """Consecutive seven-day blocks of a phase with the same training days."""

    phase: int
    block: int
    """The first block (0-based week of the phase)."""
    blocks: int
    offsets: tuple[int, ...]
    """The training days' offsets in each block from its first day."""
    base: int
    """Calendar position of its first session."""


def _days_at(changes: Sequence[tuple[dt.date, tuple[int, ...]]], date: dt.date) -> tuple[int, ...]:
    index = bisect.bisect_right([since for since, _ in changes], date) - 1
    return changes[max(index, 0)][1]


class Calendar(Sequence[Scheduled]):
    """Every training date of a plan, worked out on demand: position → :class:`Scheduled` in
    constant time per run of weeks, so a ten-year plan costs nothing until a position is asked for.

    The phases' days rotate over the chosen weekdays in order; a rotation longer than the week
    simply carries on into the next week (A/B over three days). ``moves`` maps a scheduled date
    to the date it was moved to; the session keeps its identity (``key``) and its position.
    ``changes`` are changes of the weekdays, (from date, weekdays) in date order: the sessions
    before a change keep their dates, the rotation carries on over the new days after it.
    """

    def __init__(
        self,
        start: dt.date,
        weekdays: Sequence[int],
        phases: Sequence[Phase],
        moves: Mapping[dt.date, dt.date] | None = None,
        changes: Sequence[tuple[dt.date, Sequence[int]]] = (),
    ) -> None:
        self.moves: Mapping[dt.date, dt.date] = moves or {}
        self._phases = tuple(phases)
        self._firsts = phase_starts(start, phases)
        periods = [(start, tuple(sorted(set(weekdays))))]
        periods += [(since, tuple(sorted(set(days)))) for since, days in changes if since > start]
        self._periods = tuple(periods)
        runs: list[_Run] = []
        bounds, total = [0], 0
        for index, (phase, first) in enumerate(zip(self._phases, self._firsts, strict=True)):
            for block, blocks in self._splits(first, phase.weeks):
                offsets = self._offsets_of(first + dt.timedelta(weeks=block))
                runs.append(_Run(index, block, blocks, offsets, total))
                total += blocks * len(offsets)
            bounds.append(total)
        self._runs = tuple(runs)
        self._run_bases = tuple(run.base for run in runs)
        self._bounds = tuple(bounds)
        self._usual: dict[int, dict[str, int]] = {}

    def _splits(self, first: dt.date, weeks: int) -> list[tuple[int, int]]:
        """(first block, blocks) of each run of a phase starting ``first``: a change of days
        starts a new run; a block it falls inside of is a run of its own."""
        cuts = {0, weeks}
        for since, _ in self._periods[1:]:
            days = (since - first).days
            if 0 < days < 7 * weeks:
                cuts.add(days // 7)
                if days % 7:
                    cuts.add(days // 7 + 1)
        ordered = sorted(cuts)
        return [(a, b - a) for a, b in itertools.pairwise(ordered)]

    def _offsets_of(self, first: dt.date) -> tuple[int, ...]:
        """The training days of the seven-day block from ``first``, as offsets from it."""
        return tuple(
            offset
            for offset in range(7)
            if (first.weekday() + offset) % 7
            in _days_at(self._periods, first + dt.timedelta(days=offset))
        )

    def usual(self, phase: int) -> Mapping[str, int]:
        """Each track's usual interval in ``phase``, in days: the longest stretch between two
        of its sessions when every session is done (a lift only on day A of an A/B rotation on
        one day a week: 14; on both days: 7), over each run of its training days and across each
        change of days. A break is measured against it."""
        found = self._usual.get(phase)
        if found is None:
            found = self._usual[phase] = self._rhythm(phase)
        return found

    def _rhythm(self, phase: int) -> dict[str, int]:
        days = self._phases[phase].days
        usual: dict[str, int] = {}
        runs = [run for run in self._runs if run.phase == phase and run.offsets]
        for run in runs:
            per_week = len(run.offsets)
            # Two full turns of rotation × week: every gap between exposures shows at least once.
            period = 2 * math.lcm(len(days), per_week)
            seen: dict[str, int] = {}
            for position in range(period):
                block, slot = divmod(position, per_week)
                day = 7 * block + run.offsets[slot]
                for track in {s.key for s in days[position % len(days)].slots}:
                    if track in seen:
                        usual[track] = max(usual.get(track, 0), day - seen[track])
                    seen[track] = day
        for run in runs[1:]:  # across each change: the sessions either side of it, as dated
            reach = 2 * math.lcm(len(days), 7)
            lo = max(self._bounds[phase], run.base - reach)
            hi = min(self._bounds[phase + 1], run.base + reach)
            last: dict[str, dt.date] = {}
            for item in self[lo:hi]:
                for track in {s.key for s in days[item.day].slots}:
                    if track in last:
                        gap = (item.key - last[track]).days
                        usual[track] = max(usual.get(track, 0), gap)
                    last[track] = item.key
        return usual

    def _run_of(self, index: int) -> _Run:
        return self._runs[bisect.bisect_right(self._run_bases, index) - 1]

    def _block_start(self, phase: int, block: int) -> int:
        """Calendar position of the first session of block ``block`` of ``phase``."""
        for run in self._runs:
            if run.phase == phase and run.block <= block < run.block + run.blocks:
                return run.base + (block - run.block) * len(run.offsets)
        return self._bounds[phase + 1]

    def deload_of(self, item: Scheduled) -> int:
        """The deload week (1-based week of its phase) whose lighter sessions ``item`` is one
        of, or 0. A deload week reaches every day of the rotation once: when the rotation is
        longer than the week (four workouts on two days), it carries on into the weeks after,
        so every lift is deloaded, not only those of the days that fall in that week."""
        phase = self._phases[item.phase]
        every = phase.deload_every
        if not every:
            return 0
        latest = item.week - item.week % every
        if latest < every:
            return 0
        first = self._block_start(item.phase, latest - 1)
        per_week = self._block_start(item.phase, latest) - first
        return latest if item.number - 1 < first + max(per_week, len(phase.days)) else 0

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
        run = self._run_of(index)
        block, slot = divmod(index - run.base, len(run.offsets))
        week = run.block + block
        key = self._firsts[run.phase] + dt.timedelta(days=7 * week + run.offsets[slot])
        within = index - self._bounds[run.phase]
        return Scheduled(
            key=key,
            date=self.moves.get(key, key),
            phase=run.phase,
            week=week + 1,
            day=within % len(self._phases[run.phase].days),
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
        for run in self._runs:
            if run.phase == phase and run.block <= block < run.block + run.blocks:
                before = bisect.bisect_left(run.offsets, rest)
                return run.base + (block - run.block) * len(run.offsets) + before
        return self._bounds[phase + 1]

    def _ordinals(self) -> list[int]:
        out: list[int] = []
        for run in self._runs:
            base = (self._firsts[run.phase] + dt.timedelta(weeks=run.block)).toordinal()
            out.extend(
                base + 7 * block + offset for block in range(run.blocks) for offset in run.offsets
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
    changes: Sequence[tuple[dt.date, Sequence[int]]] = (),
) -> Calendar:
    """Every training date of the plan (see :class:`Calendar`)."""
    return Calendar(start, weekdays, phases, moves, changes)


def status_of(date: dt.date, logged: Status | None, today: dt.date) -> Status:
    """The status of a session taking place on ``date``: what was logged, else planned from
    today on, else missed."""
    if logged is not None:
        return logged
    return "planned" if date >= today else "missed"
