"""The iCalendar export: what a calendar app reads back, and the same bytes icalendar's own
``Event`` components would give."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from planner import actions
from planner.export import to_ics
from planner.ics import _description, _summary
from planner.model import DayDef, Exercise, PhaseDef, Plan, PlannedSet, Program, SlotDef
from planner.projection import Projection, project_plan
from rules.kinds import Hold, Linear

MONDAY = dt.date(2026, 11, 30)
TODAY = dt.date(2026, 12, 20)

# Every character TEXT escaping handles (RFC 5545 §3.3.11), plus 2-, 3- and 4-byte UTF-8.
NOTES = (
    "a;b,c\\d\nline2 ✓ ÄÖ",
    "x" * 70 + "é€😀" * 40 + "\\;,\\n" * 20,
    "😀" * 120,
    "".join("a" * k + "\\" for k in range(60, 80)),  # escape characters at every fold offset
    "k:^^^ " * 40 + "end",
)


def sequence(plan: Plan, key: dt.date) -> int:
    """``SEQUENCE`` as planner.ics defines it, counted the plain way: the sessions logged up to
    and including this one, plus one each if it was moved or edited."""
    count = sum(1 for entry in plan.log if entry.date <= key)
    for override in plan.overrides:
        if override.date == key:
            count += (override.moved_to is not None) + bool(override.exercises)
    return count


def reference_ics(projection: Projection, *, slug: str) -> bytes:
    """The export as an ``icalendar.Event`` per session: what ``to_ics`` must equal byte for byte."""
    plan = projection.plan
    known = plan.exercises()
    log = {entry.date: entry for entry in plan.log}
    stamp = dt.datetime.combine(plan.start, dt.time(0, 0), tzinfo=dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//workout-planner//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", icalendar.vText(plan.name))
    for session in projection.sessions:
        item = session.scheduled
        event = icalendar.Event()
        event.add("uid", f"{plan.uuid}-{item.key.isoformat()}@workout-planner")
        event.add("dtstamp", stamp)
        event.add("sequence", sequence(plan, item.key))
        event.add("last-modified", stamp)
        event.add("dtstart", item.date)
        event.add("dtend", item.date + dt.timedelta(days=1))
        event.add("summary", _summary(projection, session))
        event.add("description", _description(projection, session, log.get(item.key), known))
        event.add("categories", [projection.phase_of(session).name])
        event.add("transp", "TRANSPARENT")
        if session.status == "skipped":
            event.add("status", "CANCELLED")
        elif session.status == "done":
            event.add("status", "CONFIRMED")
        calendar.add_component(event)
    content: bytes = calendar.to_ical()
    return content


def _weird_plan() -> Plan:
    program = Program(
        id="weird",
        name='Wéird; prog, ram\\ "q" 💪',
        exercises=(
            Exercise(id="squat", name="Squat; low-bar, pause\\ ÄÖÜ"),
            Exercise(id="side-bridge", name="Side bridge — 側橋 🧘", kind="hold"),
            Exercise(id="long", name="Lö" + "ö" * 80 + "ng, 日本語; 😀\\"),
        ),
        deload_every=3,
        days=(
            DayDef(
                "Day: A; heavy, long",
                (
                    SlotDef(exercise="squat", rule=Linear(), sets=3, reps=5, load=60.0),
                    SlotDef(exercise="side-bridge", rule=Hold(), sets=2, seconds=10),
                    SlotDef(exercise="long", rule=Linear(), sets=3, reps=5, load=20.0),
                ),
            ),
        ),
    )
    return actions.new_plan("Plan: ä;b,c\\d ✓", [(program, 8)], MONDAY, ("mon", "thu"))


@pytest.fixture
def weird() -> Projection:
    """A plan with special characters everywhere, five sessions logged with notes, one skipped."""
    plan = _weird_plan()
    sessions = project_plan(plan, TODAY).sessions
    for session, note in zip(sessions, NOTES, strict=False):
        plan = actions.log_done(plan, session, pain=3, note=note)
    plan = actions.log_skip(plan, sessions[5], note="ill; fever, 39 °C \\ ✗")
    # A session moved and one edited: each change counts in its SEQUENCE.
    plan = actions.move_session(plan, sessions[7], sessions[7].scheduled.key + dt.timedelta(days=1))
    plan = actions.edit_session(plan, sessions[8], "squat", (PlannedSet(reps=5, load=65.0),) * 3)
    return project_plan(plan, TODAY)


def _events(content: bytes) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(content).events


def test_every_session_is_one_event_with_a_stable_uid(weird: Projection) -> None:
    events = _events(to_ics(weird, slug="my-plan"))
    assert len(events) == len(weird.sessions) == 16
    assert [str(e["UID"]) for e in events] == [
        f"{weird.plan.uuid}-{s.scheduled.key.isoformat()}@workout-planner" for s in weird.sessions
    ]
    assert [e.decoded("DTSTART") for e in events] == [s.scheduled.date for s in weird.sessions]
    assert [e.decoded("DTEND") - e.decoded("DTSTART") for e in events] == [dt.timedelta(1)] * 16
    assert [str(e.get("STATUS", "")) for e in events[:7]] == ["CONFIRMED"] * 5 + ["CANCELLED", ""]


def test_special_characters_round_trip_exactly(weird: Projection) -> None:
    events = _events(to_ics(weird, slug="wé;ird"))
    assert str(events[0]["UID"]) == f"{weird.plan.uuid}-2026-11-30@workout-planner"
    assert str(events[0]["SUMMARY"]) == '✓ Wéird; prog, ram\\ "q" 💪 · Day: A; heavy, long · week 1'
    categories = events[0]["CATEGORIES"]
    assert isinstance(categories, icalendar.vCategory)
    assert categories.cats == ['Wéird; prog, ram\\ "q" 💪']
    for event, note in zip(events, NOTES, strict=False):
        description = str(event["DESCRIPTION"])
        assert description.endswith(f"\nPain: 3/10\nNote: {note}")
        assert "Squat; low-bar, pause\\ ÄÖÜ: 3×5 @ " in description
        assert "\nLö" + "ö" * 80 + "ng, 日本語; 😀\\: 3×5 @ " in description
    assert str(events[5]["DESCRIPTION"]).endswith("Logged: skipped\nNote: ill; fever, 39 °C \\ ✗")


def test_lines_are_folded_at_75_octets_without_splitting_a_character(weird: Projection) -> None:
    content = to_ics(weird, slug="t")
    assert content.endswith(b"END:VCALENDAR\r\n")
    lines = content.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # each physical line is whole UTF-8: no character split by a fold
    assert sum(line.startswith(b" ") for line in lines) > 100
    # Unfolded, each event's description is one line again: the note's text is never cut.
    unfolded = content.replace(b"\r\n ", b"")
    assert "Note: " + "😀" * 120 in unfolded.decode()


def test_same_bytes_as_icalendar_event_components(weird: Projection) -> None:
    assert to_ics(weird, slug="wé;ird") == reference_ics(weird, slug="wé;ird")
    before_start = project_plan(weird.plan, MONDAY - dt.timedelta(days=3))
    assert to_ics(before_start, slug="x") == reference_ics(before_start, slug="x")


# Text that exercises escaping, folding and decoding: specials, line breaks, a BOM, multi-byte.
texts = st.text(
    st.sampled_from([*'\\;,:^"\n\r ', "\ufeff", "é", "€", "😀", "a", "b"])
    | st.characters(blacklist_categories=["Cs"]),
    max_size=120,
)


def _plain(text: str, allowed: str) -> str:
    return "".join(c for c in text if c in allowed or not (ord(c) < 32 or 127 <= ord(c) < 160))


def _text_plan(names: tuple[str, str, str, str, str], notes: list[str]) -> Projection:
    """A two-exercise plan named with ``names`` (plan, program, exercises, day), notes logged."""
    # Names are one line, notes plain text with line breaks (the model refuses the rest).
    plan_name, program_name, squat, bridge, day = (_plain(name, "")[:100] for name in names)
    notes = [_plain(note, "\n\t") for note in notes]
    program = Program(
        id="p",
        name=program_name,
        exercises=(Exercise(id="squat", name=squat), Exercise(id="bridge", name=bridge)),
        days=(
            DayDef(
                day,
                (
                    SlotDef(exercise="squat", rule=Linear(), sets=3, reps=5, load=60.0),
                    SlotDef(exercise="bridge", rule=Hold(), sets=2, seconds=10),
                ),
            ),
        ),
    )
    plan = Plan(
        name=plan_name or "p", start=MONDAY, days=("mon", "thu"), phases=(PhaseDef(program, 3),)
    )
    sessions = project_plan(plan, TODAY).sessions
    for session, note in zip(sessions, notes, strict=False):
        plan = actions.log_done(plan, session, pain=1, note=note)
    return project_plan(plan, TODAY)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=st.tuples(texts, texts, texts, texts, texts),
    notes=st.lists(texts, max_size=4),
    slug=texts,
)
# icalendar drops a leading byte-order mark from TEXT values (kept as it does).
@example(
    names=("\ufeffplan", "\ufeffprog", "\ufeffsquat", "b", "\ufeffday"),
    notes=["\ufeffn"],
    slug="\ufeffs",
)
def test_any_text_exports_like_icalendar_event_components(
    names: tuple[str, str, str, str, str], notes: list[str], slug: str
) -> None:
    projection = _text_plan(names, notes)
    assert to_ics(projection, slug=slug) == reference_ics(projection, slug=slug)


@pytest.mark.parametrize("char", ["a", "é", "€", "😀", "\\"])
def test_lines_around_75_octets_fold_as_icalendar_folds_them(char: str) -> None:
    """UID and SUMMARY lines of every length from about 55 to 90 octets."""
    for size in range(30, 60):
        # A name of ``size`` octets, or just under it where a character would not fit.
        name = (char * size).encode()[:size].decode(errors="ignore")
        projection = _text_plan((name, name, "s", "b", "d"), [])
        assert to_ics(projection, slug=name) == reference_ics(projection, slug=name)


def test_skipped_sessions_carry_the_skipped_mark_and_done_ones_the_done_mark(
    weird: Projection,
) -> None:
    from planner.present import MARKS

    events = _events(to_ics(weird, slug="t"))
    statuses = [s.status for s in weird.sessions]
    skipped = [str(e["SUMMARY"]) for e, s in zip(events, statuses, strict=True) if s == "skipped"]
    done = [str(e["SUMMARY"]) for e, s in zip(events, statuses, strict=True) if s == "done"]
    assert skipped
    assert all(summary.startswith(f"{MARKS['skipped']} ") for summary in skipped)
    assert not any(MARKS["missed"] in summary for summary in skipped)
    assert done
    assert all(summary.startswith(f"{MARKS['done']} ") for summary in done)


def test_the_description_shows_what_was_lifted() -> None:
    plan = _weird_plan()
    first = project_plan(plan, TODAY).sessions[0]
    plan = actions.log_done(plan, first, loads={"squat": 70.0})
    description = str(_events(to_ics(project_plan(plan, TODAY), slug="t"))[0]["DESCRIPTION"])
    assert "Squat; low-bar, pause\\ ÄÖÜ: 3×5 @ 70 kg ✓ (planned 3×5 @ 60 kg)" in description
