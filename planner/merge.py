"""Merging a conflict copy's log into its plan (pure: no files, no clock).

A file-sync tool (Syncthing, Nextcloud, Dropbox) that meets two versions of a plan keeps one
under the plan's name and the other as a *conflict copy* beside it. Merging compares the two
logs session by session: an entry on one side only is added, the same entry on both sides is
no conflict, and the same session logged differently on both sides is a :class:`Conflict` the
person settles (``mine``: the plan's, ``theirs``: the copy's). Nothing is decided for them:
:func:`merged` refuses while a conflict has no choice. Differences outside the log (settings,
moved sessions) are reported; the plan's side is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Literal

import attrs

from planner.changes import plan_changes
from planner.errors import UsageError
from planner.model import LogEntry, LoggedExercise, LoggedSet, Plan
from planner.text import one_line

Side = Literal["mine", "theirs"]
"""Which side of a conflict is kept: the plan's (``mine``) or the conflict copy's (``theirs``)."""
SIDES: tuple[Side, ...] = ("mine", "theirs")


class Unresolved(UsageError):
    """A merge was asked for while a session logged differently on both sides has no choice."""


@attrs.frozen(slots=False)
class Conflict:
    """One session logged differently in the plan and in the conflict copy."""

    date: dt.date
    mine: LogEntry
    """The plan's entry."""
    theirs: LogEntry
    """The conflict copy's entry."""


@attrs.frozen(slots=False)
class Comparison:
    """How a conflict copy's log differs from its plan's."""

    added: tuple[LogEntry, ...]
    """Entries only the copy has: a merge adds them."""
    same: int
    """Entries both sides hold alike."""
    conflicts: tuple[Conflict, ...]
    """Sessions logged differently on both sides, by date."""
    only_mine: int
    """Entries only the plan has (kept)."""
    other: tuple[str, ...]
    """Differences outside the log, in words (the plan's side is kept)."""

    @property
    def empty(self) -> bool:
        """Whether merging would change nothing in the plan."""
        return not self.added and not self.conflicts


def compare(mine: Plan, theirs: Plan) -> Comparison:
    """How ``theirs`` (a conflict copy) differs from ``mine`` (the plan)."""
    ours = {entry.date: entry for entry in mine.log}
    added, conflicts, same = [], [], 0
    for entry in theirs.log:
        held = ours.get(entry.date)
        if held is None:
            added.append(entry)
        elif held == entry:
            same += 1
        else:
            conflicts.append(Conflict(entry.date, held, entry))
    copied = {entry.date for entry in theirs.log}
    only_mine = sum(1 for date in ours if date not in copied)
    other = plan_changes(attrs.evolve(mine, log=()), attrs.evolve(theirs, log=()))
    return Comparison(tuple(added), same, tuple(conflicts), only_mine, other)


def merged(mine: Plan, theirs: Plan, choices: Mapping[dt.date, Side]) -> Plan:
    """``mine`` with the log of ``theirs`` merged in: entries only ``theirs`` has are added,
    and each conflict keeps the side ``choices`` names. Refused (:class:`Unresolved`) while a
    conflict has no choice. Run on the plan as it is on disk when saved, so it compares again."""
    result = mine
    missing = []
    for entry in theirs.log:
        held = result.entry(entry.date)
        if held is None:
            result = result.with_entry(entry)
        elif held != entry:
            side = choices.get(entry.date)
            if side is None:
                missing.append(entry.date)
            elif side == "theirs":
                result = result.with_entry(entry)
    if missing:
        days = ", ".join(date.isoformat() for date in missing)
        raise Unresolved(
            f"--keep: choose a side for {days} (mine: this plan's log, theirs: the copy's)"
        )
    return result


def _side(word: str, flag: str) -> Side:
    side = word.strip().lower()
    if side not in SIDES:
        raise UsageError(f"{flag}: {word.strip()!r} is not mine or theirs")
    return "mine" if side == "mine" else "theirs"


def parse_keep(text: str, conflicts: Sequence[Conflict]) -> dict[dt.date, Side]:
    """``mine``, ``theirs`` (every conflict), or ``2026-12-01=mine,2026-12-03=theirs`` (a choice
    per session; a number from the table, ``1=theirs``, works too) → a choice per date."""
    flag = "--keep"
    if "=" not in text:
        side = _side(text, flag)
        return {conflict.date: side for conflict in conflicts}
    out: dict[dt.date, Side] = {}
    for part in (p for p in text.split(",") if p.strip()):
        which, _, word = part.partition("=")
        out[_date_of(which.strip(), conflicts, flag)] = _side(word, flag)
    return out


def _date_of(which: str, conflicts: Sequence[Conflict], flag: str) -> dt.date:
    """The date a ``--keep`` part names: a date of a conflict, or its number in the table."""
    if which.isascii() and which.isdigit():
        number = int(which)
        if not 1 <= number <= len(conflicts):
            raise UsageError(f"{flag}: no conflict number {number} (1–{len(conflicts)})")
        return conflicts[number - 1].date
    try:
        date = dt.date.fromisoformat(which)
    except ValueError:
        raise UsageError(f"{flag}: {which!r} is not a date (YYYY-MM-DD) or a number") from None
    if all(conflict.date != date for conflict in conflicts):
        raise UsageError(f"{flag}: {date.isoformat()} is not logged differently on both sides")
    return date


def _number(value: float) -> str:
    return f"{value:g}"


def _set_text(logged: LoggedSet) -> str:
    text = "" if logged.reps is None else str(logged.reps)
    if logged.seconds is not None:
        text += f"{logged.seconds}s" if not text else f"×{logged.seconds}s"
    if logged.load is not None:
        text += f"@{_number(logged.load)}"
    return text or "-"


def _sets(exercise: LoggedExercise) -> str:
    """``squat 5×5@40`` when every set is alike, else ``squat 5@40,5@40,3@40``."""
    texts = [_set_text(logged) for logged in exercise.sets]
    if not texts:
        return exercise.exercise
    if len(set(texts)) == 1 and len(texts) > 1:
        return f"{exercise.exercise} {len(texts)}×{texts[0]}"
    return f"{exercise.exercise} {','.join(texts)}"


def entry_detail(entry: LogEntry) -> str:
    """What a log entry holds, on one line, sets included: ``done · pain 3/10 · squat
    5,5,3@100`` (so two entries of one session that differ read differently)."""
    parts: list[str] = [entry.status]
    if entry.remark:
        parts.append(entry.remark)  # (first: what tells two entries apart most often)
    parts.extend(_sets(exercise) for exercise in entry.exercises)
    return one_line(" · ".join(parts))


def conflict_rows(conflicts: Sequence[Conflict]) -> list[list[str]]:
    """The conflicts as table rows: number, session, this plan's entry, the copy's entry."""
    return [
        [str(n), f"{c.date:%a %Y-%m-%d}", entry_detail(c.mine), entry_detail(c.theirs)]
        for n, c in enumerate(conflicts, start=1)
    ]


def describe(name: str, comparison: Comparison) -> list[str]:
    """What merging the copy ``name`` does, in a line or two (the CLI prints them, the app's
    merge screen shows them)."""
    c = comparison
    lines = [
        f"{name}: {len(c.added)} session(s) logged only in the copy (added), {c.same} alike, "
        f"{c.only_mine} only in this plan (kept), {len(c.conflicts)} logged differently on "
        "both sides."
    ]
    if c.other:
        lines.append(
            "It also differs outside the log; this plan's side is kept: " + "; ".join(c.other) + "."
        )
    return lines
