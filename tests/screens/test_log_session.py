"""Logging a session set by set: the file gets what was typed, bad input saves nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input

from planner import actions, files
from planner.files import PlanFile
from planner.model import DayDef, Exercise, Program, SlotDef, rule_from_params
from screens.app import WorkoutApp
from screens.log_session import Countdown, LogSessionScreen
from screens.today import TodayScreen

from .conftest import TODAY
from .helpers import screen_text, settle, type_into

SIZE = (100, 30)


async def test_changed_reps_and_pain_are_logged_and_the_next_session_is_held(
    plan_file: PlanFile,
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogSessionScreen)
        assert "5×5 @ 40 kg" in screen_text(pilot)
        await type_into(pilot, "#set-0-4 .reps", "3")
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
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        await type_into(pilot, "#set-0-1 .load", "4o")
        await type_into(pilot, "#pain", "11")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LogSessionScreen)
        text = screen_text(pilot)
        assert "load: '4o' is not a number" in text
        assert "pain: 11 must be between 0 and 10" in text
        assert "Fix the marked fields; nothing was saved." in text
        await type_into(pilot, "#set-0-1 .load", "40")
        assert "is not a number" not in screen_text(pilot)
    assert plan_file.path.read_bytes() == before


async def test_an_unticked_set_is_not_logged(plan_file: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        app.screen.query_one("#set-1-4 Checkbox", Checkbox).value = False
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
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
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


async def test_hold_timer_counts_down_and_rings_the_bell(
    rehab_plan: PlanFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = WorkoutApp(today=TODAY)
    bells: list[bool] = []
    monkeypatch.setattr(app, "bell", lambda: bells.append(True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert "▶ 6 s" in screen_text(pilot)
        await type_into(pilot, "#set-0-0 .seconds", "1")
        await pilot.press("ctrl+t")
        await pilot.pause()
        countdown = app.screen.query_one(Countdown)
        assert countdown.remaining == 1
        assert "Hold · Side bridge set 1 · 0:01" in screen_text(pilot)
        await pilot.pause(1.3)
        assert bells == [True]
        assert countdown.remaining == 0
        await pilot.press("ctrl+s")
        await settle(pilot)
    entry = files.read_plan(rehab_plan.path).plan.entry(TODAY)
    assert entry is not None
    assert [s.seconds for s in entry.exercises[0].sets] == [1, 6]
    assert dt.date(2026, 12, 3) not in {e.date for e in files.read_plan(rehab_plan.path).plan.log}


async def test_logging_again_starts_from_what_was_logged_and_fixes_it(
    plan_file: PlanFile,
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        app.screen.query_one("#set-2-4 Checkbox", Checkbox).value = False
        await type_into(pilot, "#set-0-0 .reps", "4")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("left", "l", "y")  # Monday's (now logged) session: log it again? yes
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LogSessionScreen)
        assert screen.query_one("#set-0-0 .reps", Input).value == "4"
        assert not screen.query_one("#set-2-4 Checkbox", Checkbox).value
        await type_into(pilot, "#set-0-0 .reps", "5")  # the typo fixed
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
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        screen = app.screen
        assert screen.focused is screen.query_one("#set-0-0 .reps")
        await pilot.press("tab")  # the load field of set 1
        await pilot.press(*["down"] * 5)
        assert screen.focused is screen.query_one("#set-1-0 .load")
        await pilot.press(*["down"] * 10)
        assert screen.focused is screen.query_one("#pain")
        await pilot.press("down")
        assert screen.focused is screen.query_one("#note")
        await pilot.press("up", "up")
        assert screen.focused is screen.query_one("#set-2-4 .field")
