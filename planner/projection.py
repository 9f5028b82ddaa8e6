"""From a plan to its sessions: the bridge between the model and the rules engine (the plan as
the engine reads it is :mod:`planner.engine_input`).

A projection is a :class:`Window` (round the next session) or a :class:`WholePlan` (every
session); both answer the same calendar and status queries (:class:`Projection`).
:func:`project_plan` derives a whole plan from scratch; the plan service
(:mod:`planner.service`) gives windows and whole plans quickly, resumed from what it found before
(:mod:`planner.resume`).
"""

from __future__ import annotations

import datetime as dt

import attrs

from planner.engine_input import (
    LazyLog as LazyLog,
    engine_phases as engine_phases,
    increment_in as increment_in,
    logged as logged,
    ready_engine_phases as ready_engine_phases,
)
from planner.model import Plan
from rules.engine import (
    Calendar,
    Phase,
    Scheduled,
    Session,
    Status,
)

SessionOrItem = Session | Scheduled


def _item(session: SessionOrItem) -> Scheduled:
    return session.scheduled if isinstance(session, Session) else session


@attrs.frozen(slots=False)
class Projection:
    """A plan with its sessions derived: what the CLI, the TUI and the exports show.

    Always one of two kinds: a :class:`Window` (the sessions round the next planned one, quick
    whatever the plan's length) or a :class:`WholePlan` (every session). ``calendar`` and
    ``statuses`` always cover the whole plan (they need no rules), so every query about dates,
    statuses and weeks works on both; ``sessions`` holds the derived sessions from calendar
    position ``first``.
    """

    plan: Plan
    phases: tuple[Phase, ...]
    sessions: tuple[Session, ...]
    today: dt.date
    calendar: Calendar
    statuses: tuple[Status, ...]
    """The status of every calendar position."""
    first: int = 0
    """Calendar position of ``sessions[0]``."""

    @property
    def total(self) -> int:
        """Sessions in the whole plan."""
        return len(self.calendar)

    @property
    def end(self) -> dt.date:
        """The day after the last week as projected: later than ``plan.end`` when the readiness
        gate extended a phase, earlier when ``workout advance`` moved one on."""
        return self.plan.start + dt.timedelta(weeks=sum(p.weeks for p in self.phases))

    def status(self, session: SessionOrItem) -> Status:
        """The status of a session or calendar position."""
        return self.statuses[_item(session).number - 1]

    def session(self, number: int) -> Session | None:
        """Session ``number`` (1-based), if it was projected."""
        index = number - 1 - self.first
        return self.sessions[index] if 0 <= index < len(self.sessions) else None

    def session_of(self, item: Scheduled) -> Session | None:
        """The projected session of a calendar position (None outside a window)."""
        return self.session(item.number)

    def item_by_key(self, key: dt.date) -> Scheduled | None:
        """The calendar position scheduled on ``key``."""
        index = self.calendar.position(key)
        if index < len(self.calendar) and self.calendar[index].key == key:
            return self.calendar[index]
        return None

    def _keys_on(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """Keys of the sessions taking place from ``first`` to ``last`` (after moves), in
        calendar order."""
        moves = self.calendar.moves
        keys = [key for key, to in moves.items() if first <= to <= last]
        start, end = self.calendar.position(first), self.calendar.position(last + dt.timedelta(1))
        for index in range(start, end):
            key = self.calendar[index].key
            if key not in moves:
                keys.append(key)
        return sorted(keys)

    def item_on(self, date: dt.date) -> Scheduled | None:
        """The calendar position taking place on ``date`` (after moves)."""
        found = self.items_between(date, date)
        return found[0] if found else None

    def items_between(self, first: dt.date, last: dt.date) -> tuple[Scheduled, ...]:
        """Calendar positions taking place from ``first`` to ``last`` (after moves), in order."""
        found = (self.item_by_key(key) for key in self._keys_on(first, last))
        return tuple(item for item in found if item is not None)

    def by_key(self, key: dt.date) -> Session | None:
        """The session scheduled on ``key`` (None if outside a window)."""
        item = self.item_by_key(key)
        return None if item is None else self.session_of(item)

    def on(self, date: dt.date) -> Session | None:
        """The session taking place on ``date`` (after moves; None if outside a window)."""
        item = self.item_on(date)
        return None if item is None else self.session_of(item)

    def next_planned_item(self) -> Scheduled | None:
        """The first calendar position from today on that is neither done nor skipped."""
        if "planned" not in self.statuses:
            return None
        return self.calendar[self.statuses.index("planned")]

    def next_planned(self) -> Session | None:
        """The first session from today on that is neither done nor skipped (a window always
        holds it)."""
        item = self.next_planned_item()
        return None if item is None else self.session_of(item)

    def last_logged(self) -> Scheduled | None:
        """The most recent done or skipped calendar position."""
        for index in range(len(self.statuses) - 1, -1, -1):
            if self.statuses[index] in ("done", "skipped"):
                return self.calendar[index]
        return None

    def count(self, status: Status) -> int:
        """How many sessions of the plan have ``status``."""
        return self.statuses.count(status)

    def week_items(self, number: int) -> tuple[Scheduled, ...]:
        """Calendar positions of plan week ``number`` (1-based over the whole chain)."""
        first = self.plan.start + dt.timedelta(weeks=number - 1)
        start, end = self.calendar.position(first), self.calendar.position(first + dt.timedelta(7))
        return tuple(self.calendar[index] for index in range(start, end))

    def week(self, number: int) -> tuple[Session, ...]:
        """Projected sessions of plan week ``number`` (1-based over the whole chain)."""
        found = (self.session_of(item) for item in self.week_items(number))
        return tuple(s for s in found if s is not None)

    def plan_week(self, session: SessionOrItem) -> int:
        """The 1-based week of the whole plan a session falls in."""
        return (_item(session).key - self.plan.start).days // 7 + 1

    def current_week(self) -> int:
        """Plan week containing today (clamped to the plan)."""
        week = (self.today - self.plan.start).days // 7 + 1
        return max(1, min(week, self.plan.weeks))

    def phase_of(self, session: SessionOrItem) -> Phase:
        """The engine phase a session belongs to."""
        return self.phases[_item(session).phase]

    def deload(self, session: SessionOrItem) -> bool:
        """Whether a session falls in a deload week."""
        return self.calendar.deload_of(_item(session)) > 0

    def day_name(self, session: SessionOrItem) -> str:
        """``A``, ``B``, … the program day of a session."""
        item = _item(session)
        return self.phases[item.phase].days[item.day].name

    def where(self, session: SessionOrItem) -> str:
        """``Back rehab · week 3 of 26 · then Linear 5×5``."""
        item = _item(session)
        phase = self.phases[item.phase]
        text = f"{phase.name} · week {item.week} of {phase.weeks}"
        if phase.changed_why:
            text += f" ({phase.changed_why}; planned {phase.planned_weeks})"
        if item.phase + 1 < len(self.phases):
            text += f" · then {self.phases[item.phase + 1].name}"
        return text

    def streak(self) -> int:
        """Done sessions in a row, counting back from the latest past session (skips break it)."""
        count = 0
        for status in reversed(self.statuses):
            if status == "planned":
                continue
            if status != "done":
                break
            count += 1
        return count

    def done_in_week_of(self, date: dt.date) -> tuple[int, int]:
        """(done, scheduled) sessions in the calendar week (Mon–Sun) containing ``date``."""
        monday = date - dt.timedelta(days=date.weekday())
        week = self.items_between(monday, monday + dt.timedelta(days=6))
        return sum(1 for item in week if self.status(item) == "done"), len(week)


# The two kinds are plain subclasses: same fields, same frozen attrs methods, a type of their
# own (an attrs class more on every command's start-up would buy nothing).


class Window(Projection):
    """The sessions round the next planned one: from it (or an earlier position asked for) to
    the end of its week and of today's week. ``session`` is None outside; the plan service
    projects further when a session outside is needed (:meth:`planner.service.PlanService.window`)."""

    __slots__ = ()


class WholePlan(Projection):
    """Every session of the plan, derived (the calendar, progress and exports need them all)."""

    __slots__ = ()


def project_plan(plan: Plan, today: dt.date) -> WholePlan:
    """Derive every session of ``plan`` as of ``today``.

    (A window, and a projection that resumes from what an earlier one found, are the plan
    service's business: :class:`planner.service.PlanService`.)
    """
    from planner.resume import project_whole  # (it builds on the types here)

    return project_whole(plan, today)[0]
