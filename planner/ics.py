"""The iCalendar export: one all-day event per session, read by every calendar client.

Calendar identity and change (RFC 5545 §3.8.4.7, §3.8.7):

- ``UID`` is ``<plan-uuid>-<scheduled date>@workout-planner``: the plan's own UUID (stored in the
  plan, :attr:`planner.model.Plan.uuid`) keeps two people's plans apart in one calendar, and the
  scheduled date keeps a session's identity when it is moved.
- ``DTSTAMP`` and ``LAST-MODIFIED`` are the export time: the export is when the event was last
  written, and a client that compares them takes every event of a new export as newer (what
  the engine prescribes for a future session changes with every session logged before it).
- ``SEQUENCE`` is derived, never stored: the sessions logged up to and including this one, plus
  one each if it was moved or edited. It grows with what changes a session's content (logging
  it, logging an earlier session, moving or editing it), and the same plan always exports the
  same number. Forgetting a logged session lowers it, as the plan is then as it was before.

Pure, like :mod:`planner.export`, which offers it with the other formats.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from typing import Any

from planner import present, text
from planner.model import Exercise, LogEntry, Plan
from planner.projection import Projection
from rules.engine import Session


def _log(projection: Projection) -> dict[dt.date, LogEntry]:
    return {entry.date: entry for entry in projection.plan.log}


_MARKED = ("done", "skipped")
"""Statuses a calendar event's summary starts with the product's mark of: the logged ones."""


def _summary(projection: Projection, session: Session) -> str:
    phase = projection.phase_of(session)
    mark = f"{present.mark(session.status)} " if session.status in _MARKED else ""
    deload = " · deload" if session.deload else ""
    title = f"{phase.name} · {projection.day_name(session)} · week {session.scheduled.week}"
    return text.one_line(f"{mark}{title}{deload}")


def _description(
    projection: Projection,
    session: Session,
    entry: LogEntry | None,
    known: dict[str, Exercise],
) -> str:
    lines = [projection.where(session), ""]
    for row in present.session_body(projection, session, entry, known).rows:
        lines.append(f"{row.name}: {row.sets}")
        lines.append(f"  why: {row.why}")
    if entry is not None:
        lines.append("")
        lines.append(f"Logged: {entry.status}")
        if entry.pain is not None:
            lines.append(f"Pain: {entry.pain}/10")
        if entry.note:
            lines.append(f"Note: {entry.note}")
    # Calendar clients reject a file with a control character in it: show any as its code.
    return text.visible("\n".join(lines)).replace("\t", " ")


def sequence(plan: Plan, key: dt.date) -> int:
    """The ``SEQUENCE`` of the session scheduled on ``key`` (see the module's docstring)."""
    return sequences(plan)(key)


def sequences(plan: Plan) -> Callable[[dt.date], int]:
    """:func:`sequence` of every session of ``plan``: the log's dates sorted once and searched
    for each session (counting the log for each was quadratic: 2,600 sessions × 1,300
    entries, 3.4 M steps for a 10-year plan)."""
    logged = sorted(entry.date for entry in plan.log)
    bumps: dict[dt.date, int] = {}
    for override in plan.overrides:
        bump = (override.moved_to is not None) + bool(override.exercises)
        bumps[override.date] = bumps.get(override.date, 0) + bump

    def of(key: dt.date) -> int:
        return bisect.bisect_right(logged, key) + bumps.get(key, 0)

    return of


_FOLD_AT = 75
"""icalendar's ``Contentline.to_ical()`` folds lines of this many octets or more (RFC 5545 §3.1)."""

_ICS_STATUS = {"skipped": "CANCELLED", "done": "CONFIRMED"}


def to_ics(projection: Projection, *, slug: str, now: dt.datetime | None = None) -> bytes:
    """One all-day event per session; UIDs stable across re-exports so a re-import updates.

    ``now`` is the export time (``DTSTAMP``, ``LAST-MODIFIED``); None stamps the plan's start,
    which keeps an export byte-for-byte reproducible (tests, diffs). ``slug`` names nothing in
    the events any more (the plan's UUID does); it is kept for callers.

    icalendar does the RFC 5545 work: it writes the calendar's own properties, escapes every
    text value (``vText``), encodes the dates (``vDDDTypes``, ``vDate``) and builds and folds
    every content line (``Contentline``). The events are written as content lines directly, in
    the property order ``icalendar.Event.to_ical()`` uses, rather than as ``Event`` components:
    the same bytes, about three times faster for a 10-year plan. Lines that repeat (summaries,
    categories, the stamp) are encoded once. What remains is mostly icalendar folding the long
    descriptions, a character at a time.
    """
    import icalendar
    from icalendar.parser import Contentline, Parameters
    from icalendar.prop import vCategory, vDate, vDDDTypes, vInt, vText

    plan = projection.plan
    known = plan.exercises()
    log = _log(projection)
    warning = present.red_flag_text(projection)
    if now is None:
        stamp = dt.datetime.combine(plan.start, dt.time(0, 0), tzinfo=dt.UTC)
    else:
        stamp = now.astimezone(dt.UTC).replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//workout-planner//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", vText(text.one_line(plan.name)))  # escaped like any text
    no_params = Parameters()

    def line(name: str, value: Any) -> bytes:
        """One folded content line, ending in CRLF, as ``Component.to_ical()`` writes it."""
        params = getattr(value, "params", None) or no_params
        content: Any = Contentline.from_parts(name, params, value)
        encoded: bytes = content.encode()
        if len(encoded) < _FOLD_AT:  # nothing to fold: skip the character-by-character scan
            return encoded + b"\r\n"
        folded: bytes = content.to_ical()
        return folded + b"\r\n"

    # BEGIN:VCALENDAR, the calendar's properties, END:VCALENDAR: the events go before the end.
    head: bytes = calendar.to_ical()
    tail = line("END", vText("VCALENDAR"))
    assert head.endswith(tail), head
    out = [head[: -len(tail)]]

    begin = line("BEGIN", vText("VEVENT"))
    end = line("END", vText("VEVENT"))
    dtstamp = line("DTSTAMP", vDDDTypes(stamp))
    modified = line("LAST-MODIFIED", vDDDTypes(stamp))
    uuid = plan.uuid
    transp = line("TRANSP", vText("TRANSPARENT"))
    status = {key: line("STATUS", vText(value)) for key, value in _ICS_STATUS.items()}
    # ``Event.add("dtstart", a_date)`` gives the value a VALUE=DATE parameter; so do these.
    date_params = vDDDTypes(plan.start).params
    sequence_of = sequences(plan)
    summaries: dict[str, bytes] = {}
    categories: dict[str, bytes] = {}
    sequences_: dict[int, bytes] = {}  # (every future session has the same)
    for session in projection.sessions:
        item = session.scheduled
        day = item.date
        summary = _summary(projection, session)
        phase = projection.phase_of(session).name
        description = _description(projection, session, log.get(item.key), known)
        if warning and session.status == "planned":  # where a person looks before training
            description = f"{warning}\n\n{description}"
        out.append(begin)
        if summary not in summaries:
            summaries[summary] = line("SUMMARY", vText(summary))
        out.append(summaries[summary])
        out.append(line("DTSTART", vDate(day, date_params)))
        out.append(line("DTEND", vDate(day + dt.timedelta(days=1), date_params)))
        out.append(dtstamp)
        out.append(line("UID", vText(f"{uuid}-{item.key.isoformat()}@workout-planner")))
        number = sequence_of(item.key)
        if number not in sequences_:
            sequences_[number] = line("SEQUENCE", vInt(number))
        out.append(sequences_[number])
        if phase not in categories:
            categories[phase] = line("CATEGORIES", vCategory([text.one_line(phase)]))
        out.append(categories[phase])
        out.append(line("DESCRIPTION", vText(description)))
        out.append(modified)
        if session.status in status:
            out.append(status[session.status])
        out.append(transp)
        out.append(end)
    out.append(tail)
    return b"".join(out)
