"""The back-care guide opens from the dashboard with ``b``, with or without a plan."""

from __future__ import annotations

import datetime as dt

from screens.app import WorkoutApp
from screens.back_care import BackCareScreen


async def test_b_opens_the_guide_and_esc_returns() -> None:
    app = WorkoutApp(today=dt.date(2027, 1, 4))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        while not isinstance(app.screen, type(app.get_default_screen())):
            await pilot.press("escape")  # the wizard opens when there is no plan yet
            await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BackCareScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, BackCareScreen)
