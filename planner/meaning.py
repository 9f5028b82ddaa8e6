"""What a plan's values mean together: checks run on every plan read, after its fields are valid.

The model's validators see one field at a time (a pain of 11, a negative load). A hand edit can
also be wrong only in context: a ``[[log]]`` date that is no session of the plan (a typo, a change
of ``days`` that leaves logged sessions on days that no longer train, an entry from before the
start), two entries for one session, ``sqaut`` under ``[loads]``, two sessions moved to one day.
Each of those used to load without a word and then vanish from every view, export and the pain
gate. Here each is a problem naming the field (``log[4].date``) and what to do; storage adds the
file and line. Pure: a plan in, problems out.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator

from planner.limits import MAX_LOAD
from planner.model import LogEntry, Override, Plan
from rules.engine import WEEKDAYS

Problem = tuple[str, str]
"""(field path as in the file, message)."""


def check_plan(plan: Plan) -> list[Problem]:
    """Every problem of meaning in ``plan`` (empty when it is sound)."""
    known = sorted(plan.exercises())
    out = list(_loads(plan, known))
    out += _log(plan, known)
    out += _overrides(plan, known)
    return out


def unknown_exercise(name: str, known: Iterable[str]) -> str:
    """``'sqaut' is not an exercise of this plan; did you mean 'squat'? (known: …)``."""
    ids = sorted(known)
    close = difflib.get_close_matches(name, ids, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{name!r} is not an exercise of this plan{hint} (known: {', '.join(ids)})"


def _loads(plan: Plan, known: list[str]) -> Iterator[Problem]:
    for name in plan.loads:
        if name not in known:
            yield f"loads.{name}", unknown_exercise(name, known)


def _day_name(date: dt.date) -> str:
    return f"{date:%A}"


def session_problem(plan: Plan, date: dt.date) -> str | None:
    """Why no session of ``plan`` is scheduled on ``date`` (None when one is): sessions are
    the plan's training weekdays from its start to its end."""
    if date < plan.start:
        return f"{date} is before the plan starts ({plan.start})"
    if date >= plan.end:
        last = plan.end - dt.timedelta(days=1)
        return f"{date} is after the plan ends ({last})"
    days = plan.days_on(date)
    if WEEKDAYS[date.weekday()] not in days:
        return (
            f"{date} is a {_day_name(date)}, not a training day ({', '.join(days)}); "
            "did the training days change? (workout days DAYS --from DATE keeps what was "
            "logged before DATE where it is)"
        )
    return None


_FIX_LOG = (
    "set it to the date of the session it logs (or restore days to keep it); "
    "nothing logged is dropped, so the plan does not open until it is fixed"
)


def _log(plan: Plan, known: list[str]) -> Iterator[Problem]:
    seen: dict[dt.date, int] = {}
    limit = MAX_LOAD[plan.units]
    for index, entry in enumerate(plan.log):
        where = f"log[{index}]"
        problem = session_problem(plan, entry.date)
        if problem:
            yield f"{where}.date", f"{problem}: {_FIX_LOG}"
        if entry.date in seen:
            yield (
                f"{where}.date",
                f"{entry.date} is logged twice (also log entry {seen[entry.date] + 1}); "
                "keep one [[log]] entry per session",
            )
        seen.setdefault(entry.date, index)
        yield from _logged_exercises(entry, where, known, limit, plan.units)


def _logged_exercises(
    entry: LogEntry, where: str, known: list[str], limit: float, unit: str
) -> Iterator[Problem]:
    for number, item in enumerate(entry.exercises):
        path = f"{where}.exercises[{number}]"
        if item.exercise not in known:
            yield f"{path}.exercise", unknown_exercise(item.exercise, known)
        for set_number, one in enumerate(item.sets):
            if one.load is not None and one.load > limit:
                yield (
                    f"{path}.sets[{set_number}].load",
                    f"must be at most {limit:g} {unit}, not {one.load:g}",
                )


def _overrides(plan: Plan, known: list[str]) -> Iterator[Problem]:
    seen: set[dt.date] = set()
    moved: dict[dt.date, int] = {}
    last_day = plan.end + dt.timedelta(days=6)
    for index, override in enumerate(plan.overrides):
        where = f"overrides[{index}]"
        problem = session_problem(plan, override.date)
        if problem:
            yield f"{where}.date", f"{problem}: an override edits a session of the plan"
        if override.date in seen:
            yield f"{where}.date", f"{override.date} has two overrides; keep one"
        seen.add(override.date)
        yield from _override_exercises(override, where, known)
        to = override.moved_to
        if to is None or to == override.date:
            continue
        if not plan.start <= to <= last_day:
            yield f"{where}.moved_to", f"{to} is outside the plan ({plan.start} to {last_day})"
        elif to in moved:
            yield (
                f"{where}.moved_to",
                f"two sessions are moved to {to} (also override {moved[to] + 1}); "
                "move one of them to another day",
            )
        moved.setdefault(to, index)


def _override_exercises(override: Override, where: str, known: list[str]) -> Iterator[Problem]:
    for number, item in enumerate(override.exercises):
        if item.exercise not in known:
            yield f"{where}.exercises[{number}].exercise", unknown_exercise(item.exercise, known)
