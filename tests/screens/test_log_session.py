"""Logging a session set by set: the file gets what was typed, bad input saves nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner import actions, files
from planner.files import PlanFile
from planner.model import DayDef, Exercise, Program, SlotDef, rule_from_params
from screens.app import WorkoutApp
from screens.log_session import Countdown, LogSessionScreen, SetRow
from screens.today import TodayScreen

from .conftest import TODAY
from .helpers import open_log, screen_text, settle, type_into, type_set

SIZE = (100, 30)


async def test_changed_reps_and_pain_are_logged_and_the_next_session_is_held(
    plan_file: PlanFile,
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        assert isinstance(app.screen, LogSessionScreen)
        assert "5×5 @ 40 kg" in screen_text(pilot)
        await type_set(pilot, "#set-0-4", "reps", "3")
        await type_into(pilot, "#pain", "7")
        await type_into(pilot, "#note", "knee twinge")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        text = screen_text(pilot)
    entry = files.read_plan(plan_file.path).plan.entry(TODAY)
    assert entry is not None
    assert (entry.status, entry.pain, entry.note) == ("done", 7, "knee twinge")
    squat = entry.exercises[0]
    assert squat.exercise == "squat"
    assert [s.reps for s in squat.sets] == [5, 5, 5, 5, 3]
    assert [s.load for s in squat.sets] == [40, 40, 40, 40, 40]
    assert "held: pain 7/10" in text


async def test_bad_input_is_shown_beside_the_field_and_nothing_is_saved(
    plan_file: PlanFile,
) -> None:
    before = plan_file.path.read_bytes()
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await type_set(pilot, "#set-0-1", "load", "4..5")
        await type_into(pilot, "#pain", "11")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LogSessionScreen)
        text = screen_text(pilot)
        assert "pain: 11 must be between 0 and 10" in text
        assert "Fix the marked fields; nothing was saved." in text
        app.screen.query_one("#set-0-1").scroll_visible(animate=False)  # (above the pain row)
        await pilot.pause()
        assert "load: '4..5' is not a number" in screen_text(pilot)
        await type_set(pilot, "#set-0-1", "load", "40")
        assert "is not a number" not in screen_text(pilot)
    assert plan_file.path.read_bytes() == before


async def test_an_unticked_set_is_not_logged(plan_file: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        app.screen.query_one("#set-1-4", SetRow).ticked = False
        await pilot.press("ctrl+s")
        await settle(pilot)
    entry = files.read_plan(plan_file.path).plan.entry(TODAY)
    assert entry is not None
    bench = entry.exercises[1]
    assert bench.exercise == "bench-press"
    assert len(bench.sets) == 4


async def test_escape_without_changes_leaves_at_once(plan_file: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert files.read_plan(plan_file.path).plan.log == ()


def _rehab() -> Program:
    hold = rule_from_params({"kind": "hold", "add_seconds": 2, "max_seconds": 10})
    return Program(
        id="rehab",
        name="Rehab",
        weeks=4,
        exercises=(Exercise("side-bridge", "Side bridge", kind="hold"),),
        days=(DayDef("A", (SlotDef(exercise="side-bridge", rule=hold, sets=2, seconds=6),)),),
    )


@pytest.fixture
def rehab_plan(data_dir: Path) -> PlanFile:
    """A plan with a timed hold."""
    plan = actions.new_plan("Rehab", [(_rehab(), None)], TODAY, ("mon", "thu"))
    return files.create_plan(plan)


async def test_a_hold_counts_down_rings_and_its_rest_follows(
    rehab_plan: PlanFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = WorkoutApp(today=TODAY)
    bells: list[bool] = []
    monkeypatch.setattr(app, "bell", lambda: bells.append(True))
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        assert "▶ 6 s" in screen_text(pilot)
        await type_set(pilot, "#set-0-0", "seconds", "1")
        await pilot.press("enter")
        await pilot.pause()
        countdown = app.screen.query_one(Countdown)
        assert countdown.remaining == 1
        assert "Hold · Side bridge set 1 · 0:01" in screen_text(pilot)
        await pilot.pause(1.3)
        assert bells == [True]
        assert countdown.hold is None
        assert countdown.remaining == 90
        assert "Rest after Side bridge set 1" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    entry = files.read_plan(rehab_plan.path).plan.entry(TODAY)
    assert entry is not None
    assert [s.seconds for s in entry.exercises[0].sets] == [1, 6]
    assert dt.date(2026, 12, 3) not in {e.date for e in files.read_plan(rehab_plan.path).plan.log}


async def test_a_hold_stopped_short_is_logged_short_and_marked(rehab_plan: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await pilot.press("enter")  # hold set 1: 6 s
        await pilot.pause(2.2)
        await pilot.press("ctrl+t")  # stopped after 2 s
        await pilot.pause()
        row = app.screen.query_one("#set-0-0", SetRow)
        assert row.values["seconds"] == "2"
        assert row.ticked
        assert "short: 2/6 s" in screen_text(pilot)
        countdown = app.screen.query_one(Countdown)
        assert countdown.hold is None
        assert countdown.remaining == 90
        await pilot.press("ctrl+s")
        await settle(pilot)
    entry = files.read_plan(rehab_plan.path).plan.entry(TODAY)
    assert entry is not None
    assert [s.seconds for s in entry.exercises[0].sets] == [2, 6]


async def test_logging_again_starts_from_what_was_logged_and_fixes_it(
    plan_file: PlanFile,
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        app.screen.query_one("#set-2-4", SetRow).ticked = False
        await type_set(pilot, "#set-0-0", "reps", "4")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("left", "l", "y")  # Monday's (now logged) session: log it again? yes
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LogSessionScreen)
        assert screen.query_one("#set-0-0", SetRow).values["reps"] == "4"
        assert not screen.query_one("#set-2-4", SetRow).ticked
        await type_set(pilot, "#set-0-0", "reps", "5")  # the typo fixed
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")  # back to the next session: squat goes up again
        assert "+2.5 kg: all 5×5 done on 2026-11-30" in screen_text(pilot)
    entry = files.read_plan(plan_file.path).plan.entry(TODAY)
    assert entry is not None
    assert [s.reps for s in entry.exercises[0].sets] == [5, 5, 5, 5, 5]
    assert len(entry.exercises[2].sets) == 4


async def test_up_and_down_walk_the_same_field_through_the_sets_then_pain_and_note(
    plan_file: PlanFile,
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_log(pilot)
        screen = app.screen
        first = screen.query_one("#set-0-0", SetRow)
        assert screen.focused is first
        assert first.field == "reps"
        await pilot.press("tab")  # the load field of set 1
        assert first.field == "load"
        await pilot.press(*["down"] * 5)
        row = screen.query_one("#set-1-0", SetRow)
        assert screen.focused is row
        assert row.field == "load"
        await pilot.press(*["down"] * 10)
        assert screen.focused is screen.query_one("#pain")
        await pilot.press("down")
        assert screen.focused is screen.query_one("#note")
        await pilot.press("up", "up")
        assert screen.focused is screen.query_one("#set-2-4")


async def test_f2_and_f3_jump_to_pain_and_note_and_the_footer_says_so(
    plan_file: PlanFile,
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_log(pilot)
        screen = app.screen
        bottom = screen_text(pilot).splitlines()[-1]
        assert "f2 Pain" in bottom
        assert "f3 Note" in bottom
        await pilot.press("f2")
        assert screen.focused is screen.query_one("#pain")
        await pilot.press("f3")
        assert screen.focused is screen.query_one("#note")


async def test_short_and_failed_sets_are_marked(plan_file: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await type_set(pilot, "#set-0-3", "reps", "3")
        await type_set(pilot, "#set-0-4", "reps", "0")
        text = screen_text(pilot)
        assert "short: 3/5 reps" in text
        assert "failed: 0/5 reps" in text


async def test_enter_on_a_set_marks_it_done_and_starts_its_rest(plan_file: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        screen = app.screen
        await pilot.press("enter")
        countdown = screen.query_one(Countdown)
        assert countdown.remaining == 90
        assert countdown.hold is None
        assert "Rest after Squat set 1" in screen_text(pilot)
        assert screen.focused is screen.query_one("#set-0-1", SetRow)  # on to the next set


async def test_typing_makes_escape_and_quit_ask_and_stay_keeps_it(plan_file: PlanFile) -> None:
    from screens.confirm import ConfirmScreen

    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        screen = app.screen
        assert isinstance(screen, LogSessionScreen)
        assert not screen.has_unsaved_input()
        await pilot.press("space")  # untick set 1
        assert screen.has_unsaved_input()
        await pilot.press("escape")
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        await pilot.press("n")  # stay
        await pilot.pause()
        assert app.screen is screen
        assert not screen.query_one("#set-0-0", SetRow).ticked
    assert files.read_plan(plan_file.path).plan.log == ()


async def test_logging_a_future_session_asks_first(plan_file: PlanFile) -> None:
    from screens.confirm import ConfirmScreen

    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("right", "l")  # Wednesday's session, two days ahead
        await pilot.pause()
        title = screen_text(pilot).splitlines()[1]
        assert "2 days in the future" in title  # on one line at 80 columns
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "This session is 2 days in the future." in screen_text(pilot)
        await pilot.press("y")
        await settle(pilot)
    assert files.read_plan(plan_file.path).plan.entry(dt.date(2026, 12, 2)) is not None


async def test_a_variant_is_named_as_the_dashboard_names_it(data_dir: Path) -> None:
    from planner.cli import main

    # Back rehab starts the side bridge from the knees: the log said "Side bridge (each side)".
    assert (
        main(["--today", TODAY.isoformat(), "new", "--program", "back-rehab", "--days", "mon,thu"])
        == 0
    )
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_log(pilot)
        assert isinstance(app.screen, LogSessionScreen)
        assert "Side bridge from the knees (each side) — " in screen_text(pilot)
