"""Exports of a projected plan: iCalendar, CSV, Markdown and JSON (the README's command-line contract).

Pure: each function returns the content; the CLI and the TUI write it through storage, and pass
the export time in (``now``). icalendar is imported inside :func:`to_ics` only, so other
commands never pay for it.

Calendar identity and change: see :mod:`planner.ics`.

Weeks: ``week`` is the week of the whole plan (1 = the first seven days from its start) in every
export; ``phase_week`` is the week within the session's phase, which the deloads follow.

Text a person typed is escaped for each format (:mod:`planner.text`): no control character
reaches a calendar or a CSV, a CSV cell never starts like a formula, Markdown shows text as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from typing import Any

from planner import present, text
from planner.model import Exercise, LogEntry, LoggedSet, Plan
from planner.projection import Projection
from rules.engine import Session
from rules.values import SetTarget, fmt_number

FORMATS: tuple[str, ...] = ("ics", "csv", "md", "json")


def default_filename(slug: str, fmt: str) -> str:
    """``<slug>.<ext>``."""
    return f"{slug}.{fmt}"


def export(
    projection: Projection, fmt: str, *, slug: str, now: dt.datetime | None = None
) -> str | bytes:
    """The plan in ``fmt`` (one of :data:`FORMATS`), exported at ``now``."""
    if fmt == "ics":
        return to_ics(projection, slug=slug, now=now)
    if fmt == "csv":
        return to_csv(projection)
    if fmt == "md":
        return to_markdown(projection)
    if fmt == "json":
        return to_json(projection)
    raise ValueError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})")


def _log(projection: Projection) -> dict[dt.date, LogEntry]:
    return {entry.date: entry for entry in projection.plan.log}


def to_ics(projection: Projection, *, slug: str, now: dt.datetime | None = None) -> bytes:
    """The iCalendar export (:func:`planner.ics.to_ics`)."""
    from planner import ics

    return ics.to_ics(projection, slug=slug, now=now)


CSV_COLUMNS: tuple[str, ...] = (
    "date",
    "week",
    "phase_week",
    "phase",
    "program",
    "day",
    "status",
    "exercise",
    "set",
    "planned_reps",
    "planned_reps_max",
    "amrap",
    "planned_load",
    "planned_seconds",
    "done_reps",
    "done_load",
    "done_seconds",
    "unit",
    "why",
    "pain",
    "note",
)
"""``week`` is the plan's week, ``phase_week`` the phase's; ``planned_reps_max`` the top of a rep
range, ``amrap`` "yes" on a set done for as many reps as possible; ``pain`` and ``note`` are the
session's, on each of its rows (so a filter on a row keeps them)."""


def _num(value: float | None) -> str:
    return "" if value is None else fmt_number(value)


def _csv_rows(projection: Projection) -> Iterator[list[str]]:
    log = _log(projection)
    unit = projection.plan.units
    cell = text.csv_cell
    for session in projection.sessions:
        item = session.scheduled
        phase = projection.phase_of(session)
        entry = log.get(item.key)
        done = entry.done_sets() if entry else {}
        head = [
            item.date.isoformat(),
            str(projection.plan_week(session)),
            str(item.week),
            cell(phase.name),
            cell(phase.program),
            cell(projection.day_name(session)),
            session.status,
        ]
        said = [_num(entry.pain) if entry else "", cell(entry.note) if entry else ""]
        for p in session.prescriptions:
            did = done.get(p.exercise, ())
            for index in range(max(len(p.sets), len(did))):
                target = p.sets[index] if index < len(p.sets) else None
                real = did[index] if index < len(did) else None
                yield [
                    *head,
                    cell(p.exercise),
                    str(index + 1),
                    *_set_cells(target),
                    *_done_cells(real),
                    unit,
                    cell(p.why),
                    *said,
                ]


def _set_cells(target: SetTarget | None) -> list[str]:
    if target is None:
        return ["", "", "", "", ""]
    reps_max = target.reps_max if target.reps_max != target.reps else None
    amrap = "yes" if target.amrap else ""
    return [_num(target.reps), _num(reps_max), amrap, _num(target.load), _num(target.seconds)]


def _done_cells(real: LoggedSet | None) -> list[str]:
    if real is None:
        return ["", "", ""]
    return [_num(real.reps), _num(real.load), _num(real.seconds)]


def to_csv(projection: Projection) -> str:
    """One row per set: planned next to done."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_rows(projection))
    return out.getvalue()


_C1 = re.compile("[\x7f-\x9f]")


def _days_text(plan: Plan) -> str:
    """The training days, with each later change: "mon, wed, fri; tue, sat from 2027-01-12"."""
    parts = [", ".join(plan.days)]
    parts += [f"{', '.join(c.days)} from {c.date}" for c in plan.day_changes]
    return "; ".join(parts)


def _md_cell(value: str) -> str:
    return text.markdown(value)


def _done_cell(
    session: Session,
    exercise: str,
    done: dict[str, tuple[LoggedSet, ...]],
    unit: str,
    added: bool = False,
) -> str:
    """The Done column: what was really lifted ("not done" when a done session left it out)."""
    if exercise in done:
        return present.lifted_text(done[exercise], unit, added=added)
    return "not done" if session.status == "done" else ""


def to_markdown(projection: Projection) -> str:
    """A printable plan, week by week, with phase switches and deload weeks marked."""
    plan = projection.plan
    known = plan.exercises()
    log = _log(projection)
    unit = plan.units
    md = text.markdown
    lines = [
        f"# {md(plan.name)}",
        "",
        f"{present.plan_dates_text(projection)} · {_days_text(plan)} · {unit} · "
        + " → ".join(f"{md(p.program.name)} ({p.weeks} weeks)" for p in plan.phases),
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
            lines += [f"## Phase {head.phase + 1}: {md(phase.name)} ({phase.weeks} weeks)", ""]
            last_phase = head.phase
        deload = " · deload week" if any(s.deload for s in week.items) else ""
        lines += [
            f"### Week {week.number} — {md(phase.name)} (week {head.week} of {phase.weeks}){deload}",
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
        f"#### {item.date:%a %Y-%m-%d} · {_md_cell(projection.day_name(session))} · {session.status}",
        "",
        "| Exercise | Sets | Done | Why |",
        "| --- | --- | --- | --- |",
    ]
    for p in session.prescriptions:
        added = present.added_load(projection.plan, p.exercise, known)
        did = _done_cell(session, p.exercise, done, unit, added)
        sets = present.describe_sets(p.sets, unit, added=added)
        lines.append(
            f"| {_md_cell(present.exercise_name(p.exercise, known))} | "
            f"{_md_cell(sets)} | {_md_cell(did)} | {_md_cell(p.why)} |"
        )
    if session.status == "planned":
        # Warm-ups and plates, as `today` and the app show them: help for the bar, not work sets.
        warm_ups = present.warm_up_lines(projection, session, known)
        if warm_ups:
            lines += ["", *(f"- _{_md_cell(line)}_" for line in warm_ups)]
    if entry is not None and entry.remark:
        lines += ["", "*" + _md_cell(entry.remark) + "*"]
    lines.append("")
    return lines


def _drop_none(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _json_target(target: SetTarget) -> dict[str, Any]:
    """A planned set: reps (a range ``reps``–``reps_max``), AMRAP, load, seconds."""
    reps_max = target.reps_max if target.reps_max != target.reps else None
    one = {"reps": target.reps, "reps_max": reps_max, "load": target.load}
    one.update(seconds=target.seconds, amrap=True if target.amrap else None)
    return _drop_none(one)


def to_json(projection: Projection) -> str:
    """``{"plan": {...}, "sessions": [...]}`` as the README's command-line contract specifies (absent values omitted)."""
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
                "sets": [_json_target(s) for s in p.sets],
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
            "week": projection.plan_week(session),
            "phase_week": item.week,
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
        "id": plan.uuid,
        "name": plan.name,
        "start": plan.start.isoformat(),
        "days": list(plan.days),
        # Training days changed part-way (``workout days``): the days in effect from each date on.
        "day_changes": [
            {"from": change.date.isoformat(), "days": list(change.days)}
            for change in plan.day_changes
        ],
        "units": plan.units,
        "phases": [
            {"program": p.program.id, "name": p.program.name, "weeks": p.weeks} for p in plan.phases
        ],
        "loads": dict(plan.loads),
        # The day after the last week as projected (a readiness gate may have extended it).
        "end": projection.end.isoformat(),
    }
    if header["end"] != plan.end.isoformat():
        header["planned_end"] = plan.end.isoformat()
    warning = present.red_flag_text(projection)
    if warning:
        header["red_flag"] = warning.removeprefix("⚠ ")
    text = json.dumps({"plan": header, "sessions": sessions}, indent=2, ensure_ascii=False)
    # json escapes C0 controls but leaves DEL and the C1 range raw, which a terminal showing
    # the file may obey (\x9b starts an escape sequence): written as \u escapes (lossless:
    # outside strings JSON has none of them).
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
