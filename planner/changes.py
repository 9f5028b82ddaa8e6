"""What changed between two versions of a plan, and what a new log entry would replace: in words.

Pure: the CLI and the app say the same things from the same code (``Undid: logged Thu
2027-01-07 (done)``, ``session of 2027-01-07 is logged already (done, pain 3)``, ``From
elsewhere: logged Mon 2026-11-30 (done).``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from planner.errors import WorkoutError
from planner.model import LogEntry, Plan
from rules.engine import Session

if TYPE_CHECKING:
    from planner.history import Version as Version  # (named by the app's history screen)

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


KINDS = {"save": "before a save", "undo": "before an undo", "restore": "before a restore"}
"""How a kept version is named by what replaced it."""


def version_columns(version: Version) -> tuple[str, str, str]:
    """A kept version as ``workout history`` and the app's history list it: when it was kept
    (local time), what replaced it, and what changed after it (one line)."""
    when = version.backup.kept_at
    shown = f"{when.astimezone():%Y-%m-%d %H:%M}" if when is not None else "?"
    return shown, KINDS.get(version.backup.kind, version.backup.kind), summary(version.changes)


def describe_changes(before: Plan, after: Plan) -> str:
    """What another process changed (the CLI, an editor, a sync tool), for the app to say after
    it reloads the file: ``From elsewhere: logged Mon 2026-11-30 (done).``; "" when the two
    versions are the same plan (saved again with the same content, or only comments edited)."""
    changes = plan_changes(before, after)
    return f"From elsewhere: {summary(changes)}." if changes else ""


class ChangedElsewhere(WorkoutError):
    """A session was logged (or unlogged) by another process since the person looked at it:
    their change to it is not saved, and there is nothing to retry."""


def _status(entry: LogEntry | None) -> str:
    return "not logged" if entry is None else f"logged as {entry.status}"


def expecting(
    change: Callable[[Plan], Plan], key: dt.date, seen: LogEntry | None
) -> Callable[[Plan], Plan]:
    """``change`` to the session scheduled on ``key``, made having seen its log entry ``seen``:
    applied to the file as it is when saved, it is refused (:class:`ChangedElsewhere`) if
    another process changed that session's log meanwhile, unless the result is the same
    (both sides logged the same thing: no conflict)."""

    def guarded(plan: Plan) -> Plan:
        now = plan.entry(key)
        if now == seen:
            return change(plan)
        result = change(plan)
        if result.entry(key) == now:
            return plan
        raise ChangedElsewhere(
            f"{key:%a %d %b} was {_status(now)} from elsewhere meanwhile (you saw it "
            f"{_status(seen)}); your change to it was not saved. Look again and retry."
        )

    return guarded
