"""Exports a calendar, a spreadsheet, a printout and a script can all read."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import icalendar
import pytest

from planner import actions
from planner.export import FORMATS, export, to_csv, to_ics, to_json, to_markdown
from planner.model import DayDef, Exercise, PhaseDef, Plan, Program, SlotDef
from planner.projection import Projection, project_plan
from rules.kinds import Hold, Linear

MONDAY = dt.date(2026, 11, 30)


def _plan() -> Plan:
    strength = Program(
        id="strength",
        name="Strength",
        deload_every=3,
        exercises=(Exercise(id="squat", name="Squat"),),
        days=(DayDef("A", (SlotDef(exercise="squat", rule=Linear(), sets=3, reps=5, load=60.0),)),),
    )
    rehab = Program(
        id="rehab",
        name="Rehab",
        exercises=(Exercise(id="side-bridge", name="Side bridge", kind="hold"),),
        days=(DayDef("A", (SlotDef(exercise="side-bridge", rule=Hold(), sets=2, seconds=10),)),),
    )
    return Plan(
        name="Test | plan",
        start=MONDAY,
        days=("mon", "thu"),
        phases=(PhaseDef(rehab, 2), PhaseDef(strength, 4)),
    )


def _logged(plan: Plan, today: dt.date) -> Projection:
    projection = project_plan(plan, today)
    first, second, third = projection.sessions[:3]
    plan = actions.log_done(plan, first, seconds={"side-bridge": [10, 8]}, pain=2, note="ok")
    plan = actions.log_skip(plan, second, "sick")
    plan = actions.move_session(plan, third, third.scheduled.key + dt.timedelta(days=1))
    return project_plan(plan, today)


@pytest.fixture
def projection() -> Projection:
    return _logged(_plan(), MONDAY + dt.timedelta(days=5))


def test_ics_has_one_event_per_session_with_stable_uids(projection: Projection) -> None:
    calendar = icalendar.Calendar.from_ical(to_ics(projection, slug="test"))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(projection.sessions) == 12
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert uids[0] == f"{projection.plan.uuid}-2026-11-30@workout-planner"
    # Logging another session changes descriptions, not identities: a re-import updates.
    later = project_plan(
        actions.log_done(projection.plan, projection.sessions[3]), projection.today
    )
    again = list(icalendar.Calendar.from_ical(to_ics(later, slug="test")).walk("VEVENT"))
    assert [str(e["UID"]) for e in again] == uids
    assert str(again[3]["DESCRIPTION"]) != str(events[3]["DESCRIPTION"])
    assert to_ics(projection, slug="test") == to_ics(projection, slug="test")


def test_ics_marks_skips_moves_and_explains_exercises(projection: Projection) -> None:
    events = list(icalendar.Calendar.from_ical(to_ics(projection, slug="t")).walk("VEVENT"))
    assert str(events[1]["STATUS"]) == "CANCELLED"
    assert events[2].decoded("DTSTART") == dt.date(2026, 12, 8)  # moved from Monday to Tuesday
    assert str(events[2]["UID"]) == f"{projection.plan.uuid}-2026-12-07@workout-planner"
    assert "Side bridge" in str(events[0]["DESCRIPTION"])
    assert "why:" in str(events[0]["DESCRIPTION"])


def test_csv_has_a_row_per_set_planned_against_done(projection: Projection) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(projection))))
    first = [r for r in rows if r["date"] == "2026-11-30"]
    assert [(r["planned_seconds"], r["done_seconds"]) for r in first] == [("10", "10"), ("10", "8")]
    skipped = [r for r in rows if r["status"] == "skipped"]
    assert skipped
    assert all(r["done_seconds"] == "" for r in skipped)
    assert len(rows) == 4 * 2 + 8 * 3  # rehab 2 sets × 4 sessions, strength 3 sets × 8


def test_markdown_has_every_week_and_marks_the_deload(projection: Projection) -> None:
    text = to_markdown(projection)
    for week in range(1, 7):
        assert f"### Week {week} " in text
    assert "deload week" in text
    assert "## Phase 2: Strength" in text
    assert text.splitlines()[0] == "# Test \\| plan"  # a name is text: | escaped


def test_json_follows_the_documented_shape(projection: Projection) -> None:
    data = json.loads(to_json(projection))
    assert set(data) == {"plan", "sessions"}
    assert data["plan"]["phases"] == [
        {"program": "rehab", "name": "Rehab", "weeks": 2},
        {"program": "strength", "name": "Strength", "weeks": 4},
    ]
    first = data["sessions"][0]
    assert {"date", "phase", "program", "week", "day", "status", "exercises"} <= set(first)
    assert first["exercises"][0]["sets"] == [{"reps": 1, "seconds": 10}, {"reps": 1, "seconds": 10}]
    assert first["exercises"][0]["done"][1] == {"reps": 1, "seconds": 8}
    assert "load" not in first["exercises"][0]["sets"][0]  # absent values are omitted
    assert any(s.get("deload") for s in data["sessions"])


def test_every_format_exports_and_unknown_ones_are_refused(projection: Projection) -> None:
    for fmt in FORMATS:
        assert export(projection, fmt, slug="t")
    with pytest.raises(ValueError, match="unknown export format"):
        export(projection, "xlsx", slug="t")
