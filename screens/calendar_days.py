"""What the calendar's columns and cells say of weekdays once the plan has changed its training
days (``workout days``, ``D`` on the dashboard): a column then holds different weekdays in
different weeks, so it is titled by the session's place in its week and every cell names its
weekday. Without a change, the columns are titled by the weekdays of week 1, as before."""

from __future__ import annotations

from collections.abc import Sequence

from planner.model import Plan
from planner.present import Week
from rules.engine import Session

DAY_WIDTH = 4
"""``Tue `` before the date in a cell, once the plan has changed its training days."""


def date_format(plan: Plan) -> str:
    """A cell's date format: with its weekday once the days have changed, else without (the
    column's title names it)."""
    return "%a %d %b" if plan.day_changes else "%d %b"


def column_titles(plan: Plan, weeks: Sequence[Week[Session]], width: int) -> list[str]:
    """The ``width`` session columns' titles: the weekdays of week 1 while they hold all the
    plan long; after a change of days, ``#1``, ``#2``… (each cell names its weekday)."""
    first = weeks[0].items if weeks and not plan.day_changes else ()
    return [f"{first[n].scheduled.key:%a}" if n < len(first) else f"#{n + 1}" for n in range(width)]
