"""Help's footer names every key that closes it: Esc, and ``?`` and ``q`` (which close help
there instead of opening it or quitting), at their usual place at the right."""

from __future__ import annotations

import pytest

from planner.files import PlanFile
from screens.app import WorkoutApp
from screens.help import HelpScreen
from screens.keybar import KeyBar
from screens.today import TodayScreen

from .conftest import TODAY
from .helpers import settle


@pytest.mark.parametrize("key", ["escape", "question_mark", "q"])
async def test_help_footer_shows_each_key_that_closes_it(plan_file: PlanFile, key: str) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        footer = str(app.screen.query_one(KeyBar).render())
        assert footer.startswith(" esc Close ")
        assert footer.rstrip().endswith("? Close  q Close")
        assert "Quit" not in footer
        assert "Help" not in footer
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.is_running  # q closed help, it did not quit
