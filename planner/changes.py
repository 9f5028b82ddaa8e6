"""What another process changed in a plan, in words (pure): the app says it after it reloads a
plan file the CLI, an editor or a sync tool wrote ("Logged from elsewhere: Thu 03 Dec.")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from planner.errors import WorkoutError
from planner.model import LogEntry, Plan

_MAX_DATES = 4


def _dates(dates: Sequence[dt.date]) -> str:
    shown = ", ".join(f"{date:%a %d %b}" for date in dates[:_MAX_DATES])
    more = len(dates) - _MAX_DATES
    return shown + (f" and {more} more" if more > 0 else "")


def log_changes(before: Plan, after: Plan) -> tuple[str, ...]:
    """One line per kind of change to the log between two versions of a plan:
    ``Logged from elsewhere: Thu 03 Dec.``, ``Skipped …``, ``Log changed …``, ``Unlogged …``."""
    old = {entry.date: entry for entry in before.log}
    new = {entry.date: entry for entry in after.log}
    kinds: dict[str, list[dt.date]] = {
        "Logged": [],
        "Skipped": [],
        "Log changed": [],
        "Unlogged": [],
    }
    for date in sorted(old.keys() | new.keys()):
        was, now = old.get(date), new.get(date)
        if was == now:
            continue
        if now is None:
            kinds["Unlogged"].append(date)
        elif was is None or was.status != now.status:
            kinds["Logged" if now.status == "done" else "Skipped"].append(date)
        else:
            kinds["Log changed"].append(date)
    return tuple(
        f"{kind} from elsewhere: {_dates(dates)}." for kind, dates in kinds.items() if dates
    )


def describe_changes(before: Plan, after: Plan) -> str:
    """Everything that differs between two versions of a plan, in a line or a few; "" when
    they are the same plan (a file saved again with the same content, or comments edited)."""
    lines = list(log_changes(before, after))
    if before.overrides != after.overrides:
        moved = sorted(
            {o.date for o in before.overrides} ^ {o.date for o in after.overrides}
            | {o.date for o in after.overrides if o not in before.overrides}
        )
        lines.append(f"Moved or edited from elsewhere: {_dates(moved)}.")
    head = ("name", "start", "days", "phases", "units", "loads")
    changed = [name for name in head if getattr(before, name) != getattr(after, name)]
    if changed:
        lines.append(f"Plan changed from elsewhere: {', '.join(changed)}.")
    return "\n".join(lines)


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
