"""Exports as other programs read them: two more calendar libraries (``ics``, and ``ical`` as Home
Assistant uses it), a spreadsheet, a Markdown viewer and a JSON reader (issue 12)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import icalendar
import ics
import pytest
from ical.calendar_stream import IcsCalendarStream

from planner import actions
from planner.cli import main
from planner.export import CSV_COLUMNS, to_csv, to_ics, to_json, to_markdown
from planner.model import DayDef, Exercise, PhaseDef, Plan, Program, SlotDef
from planner.projection import Projection, project_plan
from rules.kinds import Double, Linear, Wave

MONDAY = dt.date(2026, 11, 30)
NOW = dt.datetime(2027, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
NOTE = "knee ok; \"fine\", =cmd|' /C calc'!A0 <b>*bold*</b> \\ `x` _y_ | z\nsecond line"


def _plan(plan_id: str = "") -> Plan:
    program = Program(
        id="mixed",
        name="Mixed <b>|</b>",
        exercises=(
            Exercise(id="squat", name="Squat"),
            Exercise(id="curl", name="=Curl"),
            Exercise(id="press", name="Press"),
        ),
        days=(
            DayDef(
                "A",
                (
                    SlotDef(exercise="squat", rule=Linear(), sets=3, reps=5, load=60.0),
                    SlotDef(exercise="curl", rule=Double(lo=8, hi=12), sets=3, reps=8, load=10.0),
                    SlotDef(exercise="press", rule=Wave(), sets=3, reps=5, load=50.0),
                ),
            ),
        ),
    )
    return Plan(
        name="Two | people",
        start=MONDAY,
        days=("mon", "thu"),
        phases=(PhaseDef(program, 4), PhaseDef(program, 2)),
        id=plan_id,
    )


@pytest.fixture
def projection() -> Projection:
    plan = _plan("0b6f6f1e-5d6c-4b43-9a3e-2f0a3c9d1e11")
    sessions = project_plan(plan, MONDAY).sessions
    plan = actions.log_done(plan, sessions[0], reps={"squat": [5, 5, 3]}, pain=4, note=NOTE)
    plan = actions.log_skip(plan, sessions[1], "sick")
    return project_plan(plan, MONDAY + dt.timedelta(days=5))


def test_the_ics_library_reads_every_event(projection: Projection) -> None:
    calendar = ics.Calendar(to_ics(projection, slug="p", now=NOW).decode("utf-8"))
    events = sorted(calendar.events, key=lambda e: e.begin)
    assert len(events) == len(projection.sessions) == 12
    assert [e.uid for e in events] == [
        f"{projection.plan.uuid}-{s.scheduled.key}@workout-planner" for s in projection.sessions
    ]
    assert events[0].name.startswith("✓ Mixed <b>|</b> · A · week 1")
    assert "Note: knee ok" in events[0].description


def test_the_ical_library_reads_every_event(projection: Projection) -> None:
    content = to_ics(projection, slug="p", now=NOW).decode("utf-8")
    calendar = IcsCalendarStream.calendar_from_ics(content)
    assert len(calendar.events) == 12
    assert len({event.uid for event in calendar.events}) == 12
    assert all(event.uid.startswith(projection.plan.uuid) for event in calendar.events)
    summary = calendar.events[1].summary
    assert summary is not None
    assert summary.startswith("– Mixed")


def _old_note(note: str) -> Projection:
    """A plan whose first session was logged with ``note`` before notes were checked (the
    model refuses such a note now; files written earlier may still hold one)."""
    import attrs

    plan = _plan()
    session = project_plan(plan, MONDAY).sessions[0]
    plan = actions.log_done(plan, session, note="ok")
    entry = plan.log[0]
    object.__setattr__(entry, "note", note)
    return project_plan(attrs.evolve(plan, log=(entry,)), MONDAY)


def test_a_control_character_in_an_old_note_never_reaches_the_calendar() -> None:
    projection = _old_note("bell\x07 esc\x1b[31m del\x7f c1\x85 tab\t")
    content = to_ics(projection, slug="p", now=NOW)
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", content)
    assert "\x85" not in content.decode("utf-8")
    text = content.decode("utf-8")
    assert len(IcsCalendarStream.calendar_from_ics(text).events) == 6 * 2
    assert len(ics.Calendar(text).events) == 12
    assert "bell\\\\x07 esc\\\\x1b[31m" in text.replace("\r\n ", "")


def test_a_control_character_in_an_old_note_never_reaches_the_csv_json_or_markdown() -> None:
    # The same old note: a spreadsheet, a JSON reader and a Markdown viewer get it as text.
    note = "bell\x07 esc\x1b[31m del\x7f c1\x85"
    projection = _old_note(note)
    for text in (to_csv(projection), to_json(projection), to_markdown(projection)):
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text)
    shown = next(r for r in csv.DictReader(io.StringIO(to_csv(projection))) if r["note"])["note"]
    assert shown.startswith("bell\\x07 esc\\x1b[31m")  # shown, not run
    notes = [s.get("note") for s in json.loads(to_json(projection))["sessions"]]
    assert note in notes  # JSON keeps the exact text, escaped as \\u


def test_uids_carry_the_plan_uuid_so_two_default_named_plans_never_collide() -> None:
    one, two = (project_plan(_plan(), MONDAY) for _ in range(2))
    first = actions.new_plan("Linear 5×5", [(one.plan.phases[0].program, 4)], MONDAY, ("mon",))
    second = actions.new_plan("Linear 5×5", [(one.plan.phases[0].program, 4)], MONDAY, ("mon",))
    assert first.id != second.id
    uids = [
        {e.uid for e in ics.Calendar(to_ics(project_plan(p, MONDAY), slug="x").decode()).events}
        for p in (first, second)
    ]
    assert not uids[0] & uids[1]
    # A plan written without an id gets one from what defines it: the same on every export.
    assert one.plan.uuid == two.plan.uuid


def _sequence(event: icalendar.Event) -> int:
    """The event's SEQUENCE, which must be there and be an integer."""
    value = event["SEQUENCE"]
    assert isinstance(value, icalendar.vInt)
    return int(value)


def test_dtstamp_is_the_export_time_and_sequence_grows_with_each_change(
    projection: Projection,
) -> None:
    def events(view: Projection) -> list[icalendar.Event]:
        return icalendar.Calendar.from_ical(to_ics(view, slug="p", now=NOW)).events

    before = events(projection)
    assert {e.decoded("DTSTAMP") for e in before} == {NOW}
    assert {e.decoded("LAST-MODIFIED") for e in before} == {NOW}
    assert [_sequence(e) for e in before[:4]] == [1, 2, 2, 2]
    plan = projection.plan
    third = projection.sessions[2]
    plan = actions.move_session(plan, third, third.scheduled.key + dt.timedelta(days=1))
    plan = actions.log_done(plan, projection.sessions[3])
    after = events(project_plan(plan, projection.today))
    grown = [_sequence(a) - _sequence(b) for a, b in zip(after, before, strict=True)]
    assert grown[:2] == [0, 0]  # logged before the changes: untouched
    assert grown[2] == 1  # moved
    assert all(step >= 1 for step in grown[3:])  # logged, or projected after a new log entry


def test_done_sessions_show_what_was_done(projection: Projection) -> None:
    event = next(iter(icalendar.Calendar.from_ical(to_ics(projection, slug="p")).walk("VEVENT")))
    description = str(event["DESCRIPTION"])
    assert "Squat: 5, 5, 3 @ 60 kg" in description
    assert "(planned 3×5 @ 60 kg)" in description


def test_csv_has_pain_note_rep_ranges_amrap_and_one_meaning_of_week(
    projection: Projection,
) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(projection))))
    assert tuple(rows[0]) == CSV_COLUMNS
    first = [r for r in rows if r["date"] == "2026-11-30"]
    assert {r["pain"] for r in first} == {"4"}
    assert {r["note"] for r in first} == {NOTE}  # starts with a letter: kept as written
    curl = [r for r in first if r["exercise"] == "curl"]
    assert [(r["planned_reps"], r["planned_reps_max"]) for r in curl] == [("8", "12")] * 3
    press = [r for r in rows if r["exercise"] == "press" and r["date"] == "2026-12-03"]
    assert [r["amrap"] for r in press] == ["", "", "yes"]
    # Week 5 of the plan is week 1 of the second phase.
    fifth = [r for r in rows if r["date"] == "2026-12-28"]
    assert {(r["week"], r["phase_week"]) for r in fifth} == {("5", "1")}


def test_a_csv_cell_that_looks_like_a_formula_stays_text() -> None:
    plan = _plan()
    session = project_plan(plan, MONDAY).sessions[0]
    for note in ("=HYPERLINK(1)", "+1", "-2+3", "@SUM(A1)"):
        logged = actions.log_done(plan, session, note=note)
        rows = list(csv.DictReader(io.StringIO(to_csv(project_plan(logged, MONDAY)))))
        assert rows[0]["note"] == "'" + note
    assert rows[0]["planned_load"] == "60"  # numbers are numbers


def test_json_has_one_meaning_of_week_rep_ranges_and_amrap(projection: Projection) -> None:
    data = json.loads(to_json(projection))
    assert data["plan"]["id"] == projection.plan.uuid
    fifth = next(s for s in data["sessions"] if s["date"] == "2026-12-28")
    assert (fifth["week"], fifth["phase_week"]) == (5, 1)
    curl = next(e for e in data["sessions"][0]["exercises"] if e["exercise"] == "curl")
    assert curl["sets"][0] == {"reps": 8, "reps_max": 12, "load": 10.0}
    press = next(e for e in data["sessions"][1]["exercises"] if e["exercise"] == "press")
    assert press["sets"][-1]["amrap"] is True
    assert "amrap" not in press["sets"][0]


def test_markdown_shows_names_and_notes_as_text(projection: Projection) -> None:
    text = to_markdown(projection)
    assert "<b>" not in text
    assert "\\<b\\>" in text
    assert "\\*bold\\*" in text
    assert "\\`x\\`" in text
    assert "\\_y\\_" in text
    assert "# Two \\| people" in text
    remark = next(line for line in text.splitlines() if "knee ok" in line)
    assert remark.count("|") == remark.count("\\|")  # no pipe breaks out of its cell


def test_the_cli_stamps_the_export_time(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["new", "--program", "linear-5x5", "--days", "mon", "--start", "2026-11-30"]
    assert main(["--today", "2026-11-30", *argv]) == 0
    capsys.readouterr()
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    assert main(["export", "--format", "ics", "-o", "-"]) == 0
    calendar = icalendar.Calendar.from_ical(capsys.readouterr().out)
    stamps = {e.decoded("DTSTAMP") for e in calendar.walk("VEVENT")}
    assert len(stamps) == 1
    assert stamps.pop() >= before
