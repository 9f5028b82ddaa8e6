"""A closed screen is let go: nothing of the app (a watcher, a signal) keeps it, so an hour of
opening the calendar does not hold an hour of calendars (issue 13: each closed calendar stayed
in the app's theme watchers, each with its table of the whole plan)."""

from __future__ import annotations

import gc
from typing import Any

from textual.screen import Screen

from planner.files import PlanFile
from screens.app import WorkoutApp
from screens.calendar import CalendarScreen
from screens.today import TodayScreen

from .conftest import TODAY
from .helpers import screen_text, settle

SIZE = (100, 30)


def alive(kind: type[Screen[Any]]) -> int:
    """Instances of ``kind`` the process still holds, after a full collection."""
    gc.collect()
    return sum(isinstance(o, kind) for o in gc.get_objects())


async def test_closed_calendars_are_let_go_and_an_open_one_still_follows_the_plan(
    plan_file: PlanFile,
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(3):
            await pilot.press("c")
            await settle(pilot)
            assert isinstance(app.screen, CalendarScreen)
            await pilot.press("escape")
            await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        await pilot.pause()
        assert alive(CalendarScreen) == 0
        # The one open now still follows the plan and the theme.
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("d", "y")  # log today's session from the calendar
        await settle(pilot)
        assert "Mon 2026-11-30 · session 1 of 36 · day A · done" in screen_text(pilot)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)
        assert app.screen.table.row_count == 12


async def test_a_closed_screens_title_line_is_let_go(plan_file: PlanFile) -> None:
    # Textual's Header watched the app's title: each closed screen's header (four widgets and
    # all they drew) stayed in the app until the plan's name next changed.
    from textual.widget import Widget

    from screens.titlebar import TitleBar

    def titles() -> int:
        gc.collect()
        return sum(isinstance(o, Widget) and "Header" in type(o).__name__ for o in gc.get_objects())

    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("question_mark", "c", "question_mark"):
            await pilot.press(key)
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        await pilot.pause()
        assert len(app.screen.query(TitleBar)) == 1
        assert titles() == 0  # no header of a closed screen kept
        assert "workout — Strength" in screen_text(pilot)
