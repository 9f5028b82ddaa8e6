"""Exports of a projected plan: iCalendar, CSV, Markdown and JSON (DESIGN.md §6).

Pure: each function returns the content; the CLI and the TUI write it through storage.
icalendar is imported inside :func:`to_ics` only, so other commands never pay for it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Any

from planner import present
from planner.model import Exercise, LogEntry, LoggedSet
from planner.projection import Projection
from rules.engine import Session
from rules.values import fmt_number

FORMATS: tuple[str, ...] = ("ics", "csv", "md", "json")


def default_filename(slug: str, fmt: str) -> str:
    """``<slug>.<ext>``."""
    return f"{slug}.{fmt}"


def export(projection: Projection, fmt: str, *, slug: str) -> str | bytes:
    """The plan in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "ics":
        return to_ics(projection, slug=slug)
    if fmt == "csv":
        return to_csv(projection)
    if fmt == "md":
        return to_markdown(projection)
    if fmt == "json":
        return to_json(projection)
    raise ValueError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})")


def _log(projection: Projection) -> dict[dt.date, LogEntry]:
    return {entry.date: entry for entry in projection.plan.log}


_MARKED = ("done", "skipped")
"""Statuses a calendar event's summary starts with the product's mark of: the logged ones."""


def _summary(projection: Projection, session: Session) -> str:
    phase = projection.phase_of(session)
    mark = f"{present.mark(session.status)} " if session.status in _MARKED else ""
    deload = " · deload" if session.deload else ""
    return f"{mark}{phase.name} · {projection.day_name(session)} · week {session.scheduled.week}{deload}"


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
    return "\n".join(lines)


_FOLD_AT = 75
"""icalendar's ``Contentline.to_ical()`` folds lines of this many octets or more (RFC 5545 §3.1)."""

_ICS_STATUS = {"skipped": "CANCELLED", "done": "CONFIRMED"}


def to_ics(projection: Projection, *, slug: str) -> bytes:
    """One all-day event per session; UIDs stable across re-exports so a re-import updates.

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
    from icalendar.prop import vCategory, vDate, vDDDTypes, vText

    plan = projection.plan
    known = plan.exercises()
    log = _log(projection)
    warning = present.red_flag_text(projection)
    # A fixed stamp keeps exports byte-for-byte reproducible (and diffable).
    stamp = dt.datetime.combine(plan.start, dt.time(0, 0), tzinfo=dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//workout-planner//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", vText(plan.name))  # a text value: escaped like any other
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
    transp = line("TRANSP", vText("TRANSPARENT"))
    status = {key: line("STATUS", vText(value)) for key, value in _ICS_STATUS.items()}
    # ``Event.add("dtstart", a_date)`` gives the value a VALUE=DATE parameter; so do these.
    date_params = vDDDTypes(plan.start).params
    summaries: dict[str, bytes] = {}
    categories: dict[str, bytes] = {}
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
        out.append(line("UID", vText(f"{slug}-{item.key.isoformat()}@workout-planner")))
        if phase not in categories:
            categories[phase] = line("CATEGORIES", vCategory([phase]))
        out.append(categories[phase])
        out.append(line("DESCRIPTION", vText(description)))
        if session.status in status:
            out.append(status[session.status])
        out.append(transp)
        out.append(end)
    out.append(tail)
    return b"".join(out)


CSV_COLUMNS: tuple[str, ...] = (
    "date",
    "week",
    "phase",
    "program",
    "day",
    "status",
    "exercise",
    "set",
    "planned_reps",
    "planned_load",
    "planned_seconds",
    "done_reps",
    "done_load",
    "done_seconds",
    "unit",
    "why",
)


def _num(value: float | None) -> str:
    return "" if value is None else fmt_number(value)


def _csv_rows(projection: Projection) -> Iterator[list[str]]:
    log = _log(projection)
    unit = projection.plan.units
    for session in projection.sessions:
        item = session.scheduled
        phase = projection.phase_of(session)
        entry = log.get(item.key)
        done = entry.done_sets() if entry else {}
        for p in session.prescriptions:
            did = done.get(p.exercise, ())
            for index in range(max(len(p.sets), len(did))):
                target = p.sets[index] if index < len(p.sets) else None
                real = did[index] if index < len(did) else None
                yield [
                    item.date.isoformat(),
                    str(projection.plan_week(session)),
                    phase.name,
                    phase.program,
                    projection.day_name(session),
                    session.status,
                    p.exercise,
                    str(index + 1),
                    _num(target.reps) if target else "",
                    _num(target.load) if target else "",
                    _num(target.seconds) if target else "",
                    _num(real.reps) if real else "",
                    _num(real.load) if real else "",
                    _num(real.seconds) if real else "",
                    unit,
                    p.why,
                ]


def to_csv(projection: Projection) -> str:
    """One row per set: planned next to done."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_rows(projection))
    return out.getvalue()


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _done_cell(
    session: Session, exercise: str, done: dict[str, tuple[LoggedSet, ...]], unit: str
) -> str:
    """The Done column: what was really lifted ("not done" when a done session left it out)."""
    if exercise in done:
        return present.lifted_text(done[exercise], unit)
    return "not done" if session.status == "done" else ""


def to_markdown(projection: Projection) -> str:
    """A printable plan, week by week, with phase switches and deload weeks marked."""
    plan = projection.plan
    known = plan.exercises()
    log = _log(projection)
    unit = plan.units
    lines = [
        f"# {plan.name}",
        "",
        f"{plan.start} to {plan.end} · {', '.join(plan.days)} · {unit} · "
        + " → ".join(f"{p.program.name} ({p.weeks} weeks)" for p in plan.phases),
        "",
    ]
    warning = present.red_flag_text(projection)
    lines += [f"> **{_md_cell(warning)}**", ""] if warning else []
    lines += [f"_{line}_\n" for line in present.phase_change_lines(projection)]
    last_phase = -1
    for week in present.weeks(projection, projection.sessions):
        head = week.head
        phase = projection.phase_of(head)
        if head.phase != last_phase:
            lines += [f"## Phase {head.phase + 1}: {phase.name} ({phase.weeks} weeks)", ""]
            last_phase = head.phase
        deload = " · deload week" if any(s.deload for s in week.items) else ""
        lines += [
            f"### Week {week.number} — {phase.name} (week {head.week} of {phase.weeks}){deload}",
            "",
        ]
        for session in week.items:
            lines += _markdown_session(projection, session, log.get(session.scheduled.key), known)
    return "\n".join(lines).rstrip() + "\n"


def _markdown_session(
    projection: Projection, session: Session, entry: LogEntry | None, known: dict[str, Exercise]
) -> list[str]:
    item = session.scheduled
    unit = projection.plan.units
    done = entry.done_sets() if entry else {}
    lines = [
        f"#### {item.date:%a %Y-%m-%d} · {projection.day_name(session)} · {session.status}",
        "",
        "| Exercise | Sets | Done | Why |",
        "| --- | --- | --- | --- |",
    ]
    for p in session.prescriptions:
        did = _done_cell(session, p.exercise, done, unit)
        lines.append(
            f"| {_md_cell(present.exercise_name(p.exercise, known))} | "
            f"{_md_cell(present.describe_sets(p.sets, unit))} | {_md_cell(did)} | {_md_cell(p.why)} |"
        )
    if entry is not None and entry.remark:
        lines += ["", "_" + _md_cell(entry.remark) + "_"]
    lines.append("")
    return lines


def _drop_none(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def to_json(projection: Projection) -> str:
    """``{"plan": {...}, "sessions": [...]}`` as DESIGN.md §6 specifies (absent values omitted)."""
    plan = projection.plan
    log = _log(projection)
    sessions = []
    for session in projection.sessions:
        item = session.scheduled
        phase = projection.phase_of(session)
        entry = log.get(item.key)
        done = entry.done_sets() if entry else {}
        exercises = []
        for p in session.prescriptions:
            one: dict[str, Any] = {
                "exercise": p.exercise,
                "why": p.why,
                "sets": [
                    _drop_none({"reps": s.reps, "load": s.load, "seconds": s.seconds})
                    for s in p.sets
                ],
            }
            if p.exercise in done:
                one["done"] = [
                    _drop_none({"reps": s.reps, "load": s.load, "seconds": s.seconds})
                    for s in done[p.exercise]
                ]
            exercises.append(one)
        record: dict[str, Any] = {
            "date": item.date.isoformat(),
            "phase": item.phase + 1,
            "program": phase.program,
            "week": item.week,
            "day": projection.day_name(session),
            "status": session.status,
            "exercises": exercises,
        }
        if session.deload:
            record["deload"] = True
        if entry is not None and entry.pain is not None:
            record["pain"] = entry.pain
        if entry is not None and entry.note:
            record["note"] = entry.note
        sessions.append(record)
    header = {
        "name": plan.name,
        "start": plan.start.isoformat(),
        "days": list(plan.days),
        "units": plan.units,
        "phases": [
            {"program": p.program.id, "name": p.program.name, "weeks": p.weeks} for p in plan.phases
        ],
        "loads": dict(plan.loads),
    }
    warning = present.red_flag_text(projection)
    if warning:
        header["red_flag"] = warning.removeprefix("⚠ ")
    return json.dumps({"plan": header, "sessions": sessions}, indent=2, ensure_ascii=False) + "\n"
