"""Going to a session by what a person types (pure): the calendar's "Go to"."""

from __future__ import annotations

import datetime as dt

from planner.actions import find_session
from planner.errors import UsageError
from planner.projection import Projection
from rules.engine import Session


def nearest_session(source: Projection, spec: str) -> Session:
    """The session ``spec`` names (a date, a number, 'today', "" for the next planned one, as
    :func:`planner.actions.find_session`); for a date without a session, the session nearest
    to it (the earlier one on a tie)."""
    try:
        return find_session(source, spec or None)
    except UsageError:
        try:
            date = dt.date.fromisoformat(spec.strip())
        except ValueError:
            raise
        if not source.sessions:
            raise
        return min(
            source.sessions, key=lambda s: (abs((s.scheduled.date - date).days), s.scheduled.date)
        )


def nearest_notice(spec: str, session: Session) -> str:
    """What to tell a person who asked for a date with no session: ``No session on Tue 03 Mar:
    the nearest is Wed 04 Mar.`` ("" when ``spec`` named the session itself, or was no date)."""
    try:
        asked = dt.date.fromisoformat(spec.strip())
    except ValueError:
        return ""
    found = session.scheduled.date
    return (
        ""
        if asked == found
        else f"No session on {asked:%a %d %b}: the nearest is {found:%a %d %b}."
    )
