"""Changing the training days from the dashboard (``D``): the dialog shows the days in effect
and what a change will do, saves what ``workout days`` saves, refuses what it refuses, and the
calendar names the right weekdays afterwards."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Static

from planner import files
from planner.calendar_rows import calendar_rows
from planner.cli import main
from planner.files import PlanFile
from rules.calendar import WEEKDAYS
from screens.app import WorkoutApp
from screens.calendar import CalendarScreen
from screens.days_dialog import DaysDialog, WeekdayToggles
from screens.today import TodayScreen

from .conftest import TODAY
from .helpers import screen_text, settle, type_into

LOGGED = [TODAY + dt.timedelta(days=d) for d in (0, 2, 4, 7, 9, 11)]  # Mon/Wed/Fri × 2
NOW = dt.date(2026, 12, 11)  # the Friday the sixth session was logged
SINCE = dt.date(2026, 12, 12)  # what the CLI takes when no --from is given
SIZE = (100, 30)
TUE_SAT = ("1", "3", "5", "2", "6")  # untick Mon, Wed, Fri; tick Tue, Sat


@pytest.fixture
def logged(plan_file: PlanFile, capsys: pytest.CaptureFixture[str]) -> PlanFile:
    """The plan with six sessions done, logged through the CLI on their days."""
    for day in LOGGED:
        assert main(["--today", day.isoformat(), "done"]) == 0
    capsys.readouterr()
    return plan_file


async def _open_dialog(app: WorkoutApp) -> DaysDialog:
    pilot = app._pilot  # type: ignore[attr-defined]
    await settle(pilot)
    await pilot.press("D")
    await pilot.pause()
    assert isinstance(app.screen, DaysDialog)
    return app.screen


def _said(app: WorkoutApp, line: str) -> str:
    """The text of a line of the dialog (shown only when it says something)."""
    static = app.screen.query_one(line, Static)
    return str(static.render()) if static.display else ""


async def test_the_dialog_opens_with_the_days_in_effect_and_the_clis_date(
    logged: PlanFile,
) -> None:
    app = WorkoutApp(today=NOW)
    async with app.run_test(size=SIZE) as pilot:
        app._pilot = pilot  # type: ignore[attr-defined]
        dialog = await _open_dialog(app)
        toggles = dialog.query_one(WeekdayToggles)
        assert toggles.days == ("mon", "wed", "fri")
        assert toggles.has_focus
        assert dialog.choice() == (("mon", "wed", "fri"), SINCE)
        text = screen_text(pilot)
        assert "[✓] Mon [ ] Tue [✓] Wed" in text
        assert "From Sat 12 Dec: Mon, Wed, Fri, as now; nothing changes." in text


async def test_new_days_keep_every_logged_session_and_save_what_the_cli_saves(
    logged: PlanFile, capsys: pytest.CaptureFixture[str]
) -> None:
    original = logged.path.read_bytes()
    app = WorkoutApp(today=NOW)
    async with app.run_test(size=SIZE) as pilot:
        app._pilot = pilot  # type: ignore[attr-defined]
        await _open_dialog(app)
        await pilot.press(*TUE_SAT)
        await pilot.pause()
        said = (
            "From Sat 12 Dec: Tue, Sat (before: Mon, Wed, Fri). "
            "The 6 sessions logged stay where they are."
        )
        assert _said(app, "#effect") == said
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "Sat 2026-12-12" in screen_text(pilot)  # the next session falls on the new days

        projection = app.projection
        assert projection is not None
        await pilot.press("c")
        await settle(pilot)
        calendar = app.screen
        assert isinstance(calendar, CalendarScreen)
        assert app.projection is not None
        shown = calendar_rows(app.projection)  # what the calendar's rows hold
        sessions = {s.scheduled.date: s.status for week in shown.weeks for s in week.items}
        assert all(sessions[day] == "done" for day in LOGGED)  # every one where it was logged
        later = [day for day in sessions if day >= SINCE]
        assert later
        assert {WEEKDAYS[day.weekday()] for day in later} == {"tue", "sat"}
        titles = calendar.table.column_titles[2:]
        assert titles == ["#1", "#2", "#3", "#4"]  # Mon, Wed, Fri logged, then Sat 12 Dec
        text = screen_text(pilot)
        assert "Sat 12 Dec" in text
        assert "Mon 30 Nov" in text  # logged sessions keep their weekday too

        await pilot.press("u")  # undo, from the calendar: its titles follow the days back
        await settle(pilot)
        titles = calendar.table.column_titles[2:]
        assert titles == ["Mon", "Wed", "Fri"]
    app_plan = files.read_plan(logged.path).plan
    assert app_plan.day_changes == ()  # undone

    # Once more, kept: the app's file equals the CLI's with the same choice.
    app = WorkoutApp(today=NOW)
    async with app.run_test(size=SIZE) as pilot:
        app._pilot = pilot  # type: ignore[attr-defined]
        await _open_dialog(app)
        await pilot.press(*TUE_SAT, "enter")
        await settle(pilot)
    app_plan = files.read_plan(logged.path).plan
    assert [(c.date, c.days) for c in app_plan.day_changes] == [(SINCE, ("tue", "sat"))]
    logged.path.write_bytes(original)
    assert main(["--today", NOW.isoformat(), "days", "tue,sat"]) == 0
    assert "From Sat 12 Dec: Tue, Sat (before: Mon, Wed, Fri)" in capsys.readouterr().out
    assert files.read_plan(logged.path).plan == app_plan


async def test_a_change_that_would_hide_a_logged_session_is_refused_and_nothing_written(
    logged: PlanFile,
) -> None:
    before = logged.path.read_bytes()
    app = WorkoutApp(today=NOW)
    async with app.run_test(size=SIZE) as pilot:
        app._pilot = pilot  # type: ignore[attr-defined]
        dialog = await _open_dialog(app)
        await pilot.press(*TUE_SAT)
        await type_into(pilot, "#since", "2026-12-08")
        assert _said(app, "#error").startswith("Refused: the session of Wed 2026-12-09 is logged")
        assert _said(app, "#effect") == ""  # no promise of what it would do
        await pilot.press("enter")  # refused: the dialog stays
        await settle(pilot)
        assert app.screen is dialog
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert logged.path.read_bytes() == before


async def test_escape_changes_nothing(logged: PlanFile) -> None:
    before = logged.path.read_bytes()
    app = WorkoutApp(today=NOW)
    async with app.run_test(size=SIZE) as pilot:
        app._pilot = pilot  # type: ignore[attr-defined]
        await _open_dialog(app)
        await pilot.press(*TUE_SAT, "escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        plan = app.plan
        assert plan is not None
        assert plan.day_changes == ()
    assert logged.path.read_bytes() == before


async def test_without_a_plan_the_key_does_nothing(data_dir: object) -> None:
    app = WorkoutApp(today=NOW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await pilot.pause()
        assert not isinstance(app.screen, DaysDialog)
