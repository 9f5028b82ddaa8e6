"""What changed between two versions of a plan, and what a new log entry would replace: in words.

Pure: the CLI and the app say the same things from the same code (``Undid: logged Thu
2027-01-07 (done)``, ``session of 2027-01-07 is logged already (done, pain 3)``).
"""

from __future__ import annotations

import datetime as dt

import attrs

from planner.model import LogEntry, Plan
from rules.engine import Session

NOTE_SHOWN = 40
"""Characters of a note shown in a one-line summary."""


def entry_summary(entry: LogEntry) -> str:
    """``done, pain 3, note 'felt good'``: what a log entry says, on one line (the note quoted
    with its control characters escaped, and cut short)."""
    parts: list[str] = [entry.status]
    if entry.pain is not None:
        parts.append(f"pain {entry.pain}")
    if entry.note:
        note = entry.note if len(entry.note) <= NOTE_SHOWN else entry.note[: NOTE_SHOWN - 1] + "…"
        parts.append(f"note {note!r}")
    return ", ".join(parts)


def replacing(plan: Plan, session: Session) -> LogEntry | None:
    """The entry that logging ``session`` again would replace (None when it is not logged):
    the CLI refuses without ``--replace`` and the app asks before it replaces it."""
    return plan.entry(session.scheduled.key)


def logged_already(entry: LogEntry) -> str:
    """The one-line refusal for re-logging a session without ``--replace``."""
    return (
        f"session of {entry.date.isoformat()} is logged already ({entry_summary(entry)}); "
        "add --replace to replace it"
    )


def _day(date: dt.date) -> str:
    return f"{date:%a %Y-%m-%d}"


def log_changes(before: Plan, after: Plan) -> tuple[str, ...]:
    """What happened to the log from ``before`` to ``after``, one phrase per session, by date:
    ``logged Thu 2027-01-07 (done)``, ``unlogged …``, ``changed the log of … (done → skipped)``."""
    old = {entry.date: entry for entry in before.log}
    new = {entry.date: entry for entry in after.log}
    out: list[str] = []
    for date in sorted(old.keys() | new.keys()):
        was, now = old.get(date), new.get(date)
        if was == now:
            continue
        if was is None and now is not None:
            out.append(f"logged {_day(date)} ({entry_summary(now)})")
        elif now is None and was is not None:
            out.append(f"unlogged {_day(date)} ({entry_summary(was)})")
        elif was is not None and now is not None:
            out.append(
                f"changed the log of {_day(date)} ({entry_summary(was)} → {entry_summary(now)})"
            )
    return tuple(out)


def plan_changes(before: Plan, after: Plan) -> tuple[str, ...]:
    """Every change from ``before`` to ``after`` in words: the log's (see :func:`log_changes`),
    then moved or edited sessions and the plan itself (name, start, days, phases, loads)."""
    out = list(log_changes(before, after))
    old_edits = {o.date: o for o in before.overrides}
    new_edits = {o.date: o for o in after.overrides}
    moved = [
        d
        for d in sorted(old_edits.keys() | new_edits.keys())
        if old_edits.get(d) != new_edits.get(d)
    ]
    out.extend(f"moved or edited the session of {_day(date)}" for date in moved)
    if _head(before) != _head(after):
        out.append("changed the plan (name, start, days, phases or loads)")
    return tuple(out)


def _head(plan: Plan) -> Plan:
    return attrs.evolve(plan, log=(), overrides=())


def summary(changes: tuple[str, ...], most: int = 3) -> str:
    """Some changes on one line (``…, and 4 more``); ``no change to the plan`` for none."""
    if not changes:
        return "no change to the plan"
    shown = "; ".join(changes[:most])
    rest = len(changes) - most
    return shown + (f"; and {rest} more" if rest > 0 else "")
