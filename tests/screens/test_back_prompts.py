"""The dashboard's back-care lines: the next-morning pain question the day after a session
(saved exactly as ``workout pain`` saves it), and the readiness gate holding a phase, with the
override ``workout advance`` makes, asked first with the date and the pain."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from planner import files
from planner.cli import main
from planner.service import resolve_plan
from screens.app import WorkoutApp
from screens.back_prompts import GateNotice, MorningPrompt
from screens.confirm import ConfirmScreen

from .helpers import screen_text, settle, type_into

SIZE = (120, 36)
MONDAY = dt.date(2027, 1, 4)
TUESDAY = MONDAY + dt.timedelta(days=1)


def cli(today: dt.date, *words: str) -> int:
    """The real command line, on ``today``."""
    return main(["--today", today.isoformat(), *words])


@pytest.fixture
def back_plan(data_dir: Path) -> Path:
    """Back rehab twice a week (Mon, Thu) from Monday, the first session done at pain 4/10."""
    assert (
        cli(MONDAY, "new", "--program", "back-rehab", "--start", str(MONDAY), "--days", "mon,thu")
        == 0
    )
    assert cli(MONDAY, "done", "--pain", "4") == 0
    return resolve_plan(None)


def _morning(path: Path, key: dt.date = MONDAY) -> tuple[int | None, str]:
    entry = files.read_plan(path).plan.entry(key)
    assert entry is not None
    return entry.morning_pain, entry.morning_where


async def _shown(app: WorkoutApp, today: dt.date) -> bool:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        return app.screen.query_one(MorningPrompt).display


async def test_the_morning_after_the_dashboard_asks_and_saves_what_workout_pain_saves(
    back_plan: Path, tmp_path: Path
) -> None:
    twin = tmp_path / "twin.toml"
    shutil.copy(back_plan, twin)
    app = WorkoutApp(today=TUESDAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.query_one(MorningPrompt).display
        text = screen_text(pilot)
        assert "How did your back settle after yesterday's session (Mon 04 Jan, pain 4/10" in text
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.focused is not None
        assert app.screen.focused.id == "answer"
        await type_into(pilot, "#answer", "12")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen), "12 is refused, the dialog stays"
        assert "between 0 and 10" in screen_text(pilot)
        await type_into(pilot, "#answer", "6 leg")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert not app.screen.query_one(MorningPrompt).display
    assert _morning(back_plan) == (6, "leg")
    # The same answer through the command line, on a copy of the plan as it was.
    assert cli(TUESDAY, "pain", "6", "--where", "leg", "--plan", str(twin)) == 0
    assert files.read_plan(twin).plan.log == files.read_plan(back_plan).plan.log
    # Answered: not asked again.
    assert not await _shown(WorkoutApp(today=TUESDAY), TUESDAY)


async def test_not_asked_on_the_day_of_the_session_nor_two_days_after(back_plan: Path) -> None:
    assert not await _shown(WorkoutApp(today=MONDAY), MONDAY)
    assert not await _shown(WorkoutApp(today=MONDAY + dt.timedelta(days=2)), MONDAY)


async def test_not_asked_after_workout_pain(back_plan: Path) -> None:
    assert cli(TUESDAY, "pain", "2") == 0
    assert not await _shown(WorkoutApp(today=TUESDAY), TUESDAY)


async def test_dismissed_it_does_not_ask_again_and_nothing_is_recorded(back_plan: Path) -> None:
    app = WorkoutApp(today=TUESDAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert not app.screen.query_one(MorningPrompt).display
    plan = files.read_plan(back_plan).plan
    assert plan.morning_dismissed == (MONDAY,)
    assert _morning(back_plan) == (None, "")
    assert not await _shown(WorkoutApp(today=TUESDAY), TUESDAY)


async def test_another_program_is_asked_only_after_pain_was_logged(data_dir: Path) -> None:
    assert (
        cli(MONDAY, "new", "--program", "linear-5x5", "--start", str(MONDAY), "--days", "mon,tue")
        == 0
    )
    assert cli(MONDAY, "done") == 0
    assert not await _shown(WorkoutApp(today=TUESDAY), TUESDAY)
    assert cli(TUESDAY, "done", "--pain", "3") == 0
    assert await _shown(WorkoutApp(today=TUESDAY + dt.timedelta(days=1)), TUESDAY)


REHAB_DAYS = [MONDAY, dt.date(2027, 1, 7), dt.date(2027, 1, 11), dt.date(2027, 1, 14)]


@pytest.fixture
def held_plan(data_dir: Path) -> Path:
    """back-rehab:2 then linear-5x5 (Mon, Thu), every rehab session at pain 7/10: the gate
    holds the rehab a week longer."""
    words = ["new", "--program", "back-rehab:2", "--program", "linear-5x5:12"]
    assert cli(MONDAY, *words, "--start", str(MONDAY), "--days", "mon,thu") == 0
    for day in REHAB_DAYS:
        assert cli(day, "done", "--pain", "7") == 0
    return resolve_plan(None)


async def test_a_held_phase_says_so_and_the_override_is_workout_advance(
    held_plan: Path, tmp_path: Path
) -> None:
    twin = tmp_path / "twin.toml"
    shutil.copy(held_plan, twin)
    today = dt.date(2027, 1, 18)
    app = WorkoutApp(today=today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.query_one(GateNotice).display
        text = screen_text(pilot)
        assert "Back rehab extended: pain 7/10 on 2027-01-14 (4 weeks; planned 2)" in text
        assert "A: start Linear 5×5 now anyway" in text
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = "Start Linear 5×5 on Mon 18 Jan although pain was 7/10 on 2027-01-14?"
        assert app.screen.question == question
        assert "although pain was 7/10" in screen_text(pilot)
        await pilot.press("escape")  # waiting changes nothing
        await settle(pilot)
        assert files.read_plan(held_plan).plan.advanced == ()
        await pilot.press("A")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert not app.screen.query_one(GateNotice).display
        assert "Squat" in screen_text(pilot)
    assert cli(today, "advance", "--plan", str(twin)) == 0
    assert files.read_plan(held_plan).plan.advanced == files.read_plan(twin).plan.advanced


async def test_no_gate_line_while_the_phase_runs_as_planned(data_dir: Path) -> None:
    words = ["new", "--program", "back-rehab:2", "--program", "linear-5x5:12"]
    assert cli(MONDAY, *words, "--start", str(MONDAY), "--days", "mon,thu") == 0
    assert cli(MONDAY, "done", "--pain", "2") == 0
    app = WorkoutApp(today=TUESDAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.screen.query_one(GateNotice).display
        await pilot.press("A")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)


async def test_once_moved_on_mid_week_the_gate_line_is_gone(held_plan: Path) -> None:
    thursday = dt.date(2027, 1, 21)  # the rest of the week stays back rehab
    assert cli(thursday, "advance") == 0
    app = WorkoutApp(today=thursday)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Back rehab" in screen_text(pilot)
        assert not app.screen.query_one(GateNotice).display
