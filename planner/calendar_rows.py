"""The calendar's rows: every week of a whole plan, its label and the text of its cells.

A ten-year plan has 520 weeks and 2,600 sessions; the calendar draws only the rows on screen
and asks for them here. The weeks and labels are worked out once per projection and each row's
cells when first asked for, so a calendar opened again on the same projection (the plan
service's latest) finds them ready (:func:`calendar_rows`, kept by :mod:`planner.memo`).
"""

from __future__ import annotations

import datetime as dt

import attrs

from planner import present
from planner.memo import per_projection
from planner.projection import Projection
from rules.engine import Session, Status

Signature = tuple[Status, dt.date, bool, bool, bool]
"""What a cell shows of a session: status, date, deload, edited, today."""


@attrs.frozen(slots=False)
class Cell:
    """One session as the calendar shows it."""

    key: dt.date
    """The date the session is scheduled on (its identity in the plan)."""
    text: str
    """``✓ A 30 Nov↓→✎``: mark, day, date taken place on, deload / moved / edited flags."""
    signature: Signature

    @property
    def status(self) -> Status:
        """done, skipped, missed or planned."""
        return self.signature[0]

    @property
    def deload(self) -> bool:
        """In a deload week."""
        return self.signature[2]

    @property
    def today(self) -> bool:
        """Taking place today."""
        return self.signature[4]


class CalendarRows:
    """The weeks of a projection as calendar rows (a row per week that has sessions)."""

    def __init__(self, projection: Projection) -> None:
        # Not the projection itself: the cache below lives as long as the projection does.
        self.phases = projection.phases
        self.today = projection.today
        self.weeks = present.weeks(projection, projection.sessions)
        self.width = max((len(week.items) for week in self.weeks), default=0)
        """Session columns (the most sessions in a week)."""
        current = present.this_week(projection.plan, projection.today)
        self.where = {
            session.scheduled.key: (row, col)
            for row, week in enumerate(self.weeks)
            for col, session in enumerate(week.items)
        }
        """Session key → (row, session column)."""
        self.edited = {o.date for o in projection.plan.overrides if o.exercises}
        self.days_changed = bool(projection.plan.day_changes)
        """The plan changed its training days (``workout days``): a column then holds other
        weekdays in other weeks, so it is titled by place (#1, #2…) and each cell names its
        weekday."""
        self._rows: dict[int, tuple[Cell, ...]] = {}

        self.labels = tuple(self._label(projection, week, current) for week in self.weeks)
        """Per row: (week number text, phase label, whether it starts a phase)."""

    @staticmethod
    def _label(
        projection: Projection, week: present.Week[Session], current: int | None
    ) -> tuple[str, str, bool]:
        mark = "◆" if week.number == current else " "
        if week.head.week == 1:
            return f"{mark}{week.number:>4}", f"▶ {projection.phase_of(week.head).name}", True
        return f"{mark}{week.number:>4}", f"  {present.week_label(projection, week)}", False

    @property
    def label_width(self) -> int:
        """The widest phase label."""
        return max((len(label) for _, label, _ in self.labels), default=5)

    @property
    def cell_width(self) -> int:
        """The widest cell: "✓ A 30 Nov" (with "Tue " after a change of days) and two of ↓ → ✎."""
        names = (len(day.name) for phase in self.phases for day in phase.days)
        return max(names, default=1) + 11 + 4 * self.days_changed

    def titles(self) -> list[str]:
        """Session column titles: the first week's weekdays while they hold all the plan long,
        then #n (after a change of days, all #n: each cell names its weekday)."""
        first = self.weeks[0].items if self.weeks and not self.days_changed else ()
        return [
            f"{first[n].scheduled.key:%a}" if n < len(first) else f"#{n + 1}"
            for n in range(self.width)
        ]

    def signature(self, session: Session) -> Signature:
        """What the cell of ``session`` shows (two sessions alike show alike)."""
        item = session.scheduled
        return (
            session.status,
            item.date,
            session.deload,
            item.key in self.edited,
            item.date == self.today,
        )

    def cells(self, row: int) -> tuple[Cell, ...]:
        """The cells of row ``row`` (worked out once)."""
        found = self._rows.get(row)
        if found is None:
            found = tuple(self._cell(session) for session in self.weeks[row].items)
            self._rows[row] = found
        return found

    def _cell(self, session: Session) -> Cell:
        signature = self.signature(session)
        _, date, deload, edited, _ = signature
        flags = ("↓" if deload else "") + ("→" if date != session.scheduled.key else "")
        flags += "✎" if edited else ""
        item = session.scheduled
        day = self.phases[item.phase].days[item.day].name
        when = f"{date:%a %d %b}" if self.days_changed else f"{date:%d %b}"
        text = f"{present.mark(session.status)} {day} {when}{flags}"
        return Cell(session.scheduled.key, text, signature)


@per_projection
def calendar_rows(projection: Projection) -> CalendarRows:
    """The calendar rows of ``projection``: the same object for the same projection, kept while
    the projection lives (a calendar opened again on the plan service's latest finds them)."""
    return CalendarRows(projection)
