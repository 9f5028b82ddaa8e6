"""The wizard's light fields from the keyboard at 80×24: the weekday and unit toggles, and the
program drop-down (one widget each, drawn as text, for a wizard that opens at once)."""

from __future__ import annotations

from pathlib import Path

from screens.app import WorkoutApp
from screens.choice import Choice
from screens.toggles import Toggles
from screens.wizard import NewPlanScreen

from .conftest import TODAY
from .helpers import screen_text
from .test_wizard import follow, open_wizard, text


async def test_weekdays_and_units_toggle_with_arrows_and_space(data_dir: Path) -> None:
    async with WorkoutApp(today=TODAY).run_test(size=(80, 24)) as pilot:
        wizard = await open_wizard(pilot)
        days = wizard.query_one("#days", Toggles)
        days.focus()
        await pilot.press("right", "right", "space", "left", "left", "space")  # Wed on, Mon off
        await follow(pilot)
        assert days.selected == {"wed", "thu"}
        await pilot.press("tab", "right", "enter")  # units: lb
        await pilot.pause()
        assert wizard.query_one("#units", Toggles).selected == {"lb"}
        await pilot.press("space")  # the one on stays on
        await pilot.pause()
        assert wizard.query_one("#units", Toggles).selected == {"lb"}


async def test_no_training_day_is_said_beside_the_days(data_dir: Path) -> None:
    async with WorkoutApp(today=TODAY).run_test(size=(80, 24)) as pilot:
        wizard = await open_wizard(pilot)
        wizard.query_one("#days").focus()
        await pilot.press("space", "right", "right", "right", "space")  # Mon and Thu off
        await pilot.press("ctrl+s")
        await follow(pilot)
        assert pilot.app.screen is wizard
        assert text(wizard, "#days-error") == "Pick at least one training day."


async def test_the_program_list_opens_picks_and_closes_from_the_keyboard(data_dir: Path) -> None:
    async with WorkoutApp(today=TODAY).run_test(size=(80, 24)) as pilot:
        wizard = await open_wizard(pilot)
        choice = wizard.query_one("#program-0", Choice)
        assert wizard.focused is choice
        await pilot.press("enter")
        await pilot.pause()
        assert choice.expanded
        assert "Linear 5×5" in screen_text(pilot)  # every program listed
        await pilot.press("escape")  # closes the list, not the wizard
        await pilot.pause()
        assert not choice.expanded
        assert isinstance(pilot.app.screen, NewPlanScreen)
        assert choice.value == "back-rehab"
        values = [value for _, value in choice.options]
        first = values.index("back-rehab")
        await pilot.press("enter", "down", "enter")
        await follow(pilot)
        assert choice.value == values[first + 1]
        assert not choice.expanded
        await pilot.press("left")  # closed: the previous program at once
        await follow(pilot)
        assert choice.value == "back-rehab"
        assert text(wizard, "#timeline").startswith("Back rehab")  # the timeline follows
