"""The new-plan wizard, at 80×24 and 120×36: every field reachable, phases edited from the
keyboard, the timeline and preview following the form, and the plan it creates equal to the
one ``workout new`` makes from the same choices."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from planner import files, paths
from planner.cli import main as workout
from planner.model import Plan
from screens.app import WorkoutApp
from screens.choice import Choice
from screens.toggles import Toggles
from screens.wizard import SETTLE, NewPlanScreen

from .conftest import TODAY
from .helpers import screen_text, settle

SIZES = [(80, 24), (120, 36)]


async def follow(pilot: Pilot[None]) -> None:
    """Let the form's change be followed (lift fields, timeline, preview)."""
    await pilot.pause(SETTLE + 0.1)
    await settle(pilot)


async def open_wizard(pilot: Pilot[None]) -> NewPlanScreen:
    """No plan yet: the app opens on the wizard."""
    await settle(pilot)
    wizard = pilot.app.screen
    assert isinstance(wizard, NewPlanScreen)
    await follow(pilot)
    return wizard


def programs(wizard: NewPlanScreen) -> list[object]:
    return [wizard.query_one(f"#program-{i}", Choice).value for i in range(_count(wizard))]


def _count(wizard: NewPlanScreen) -> int:
    return len(wizard.query(".phase"))


def text(wizard: NewPlanScreen, selector: str) -> str:
    return str(wizard.query_one(selector, Static).render())


def same(plan: Plan) -> Plan:
    """A plan without what differs between two creations (its random id)."""
    return attrs.evolve(plan, id="")


@pytest.mark.parametrize("size", SIZES)
async def test_it_opens_on_the_first_field_and_letters_stay_in_it(
    data_dir: Path, size: tuple[int, int]
) -> None:
    async with WorkoutApp(today=TODAY).run_test(size=size) as pilot:
        wizard = await open_wizard(pilot)
        assert wizard.focused is wizard.query_one("#program-0")
        await pilot.press("tab", "q", "u")  # into the first phase's weeks
        await follow(pilot)
        assert pilot.app.screen is wizard  # q did not quit
        assert wizard.query_one("#weeks-0", Input).value == "qu"
        assert "not a number of weeks" in text(wizard, "#phase-0-error")


@pytest.mark.parametrize("size", SIZES)
async def test_every_field_can_be_scrolled_into_view_above_the_buttons(
    data_dir: Path, size: tuple[int, int]
) -> None:
    async with WorkoutApp(today=TODAY).run_test(size=size) as pilot:
        wizard = await open_wizard(pilot)
        wizard.query_one("#program-0", Choice).value = "wendler-531"  # four lifts to give
        await follow(pilot)
        buttons = wizard.query_one("#buttons").region
        fields: list[Widget] = [
            *wizard.query(Input),
            *wizard.query(Toggles),
            *wizard.query(Choice),
        ]
        assert len(wizard.query(".load")) == 4
        for field in fields:
            field.focus()
            await pilot.pause()  # (the scroll to it is scheduled after the next refresh)
            await pilot.wait_for_scheduled_animations()  # and animated
            await pilot.pause()
            region = field.region
            assert region.height > 0, field.id
            assert wizard.region.contains_region(region), field.id
            assert region.bottom <= buttons.y, field.id  # never under the button bar
        footer = wizard.query_one("KeyBar").region
        assert buttons.bottom <= footer.y == size[1] - 1  # the buttons and the footer in view


@pytest.mark.parametrize("size", SIZES)
async def test_all_seven_weekdays_are_visible(data_dir: Path, size: tuple[int, int]) -> None:
    async with WorkoutApp(today=TODAY).run_test(size=size) as pilot:
        wizard = await open_wizard(pilot)
        wizard.query_one("#days").focus()
        await pilot.pause()  # (the scroll to it is scheduled after the next refresh)
        await pilot.wait_for_scheduled_animations()  # and animated
        await pilot.pause()
        box = wizard.query_one("#days").region
        assert wizard.region.contains_region(box)
        shown = screen_text(pilot)
        for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
            assert f"☑ {day}" in shown or f"☐ {day}" in shown, day  # the toggle, not a date


async def test_the_timeline_shows_when_each_phase_runs_and_follows_the_form(
    data_dir: Path,
) -> None:
    async with WorkoutApp(today=TODAY).run_test(size=(120, 36)) as pilot:
        wizard = await open_wizard(pilot)
        wizard.query_one("#start", Input).value = "2026-12-03"  # a Thursday
        wizard.query_one("#weeks-0", Input).value = "26"
        await wizard.action_add_phase("linear-5x5")
        await follow(pilot)
        timeline = text(wizard, "#timeline")
        assert timeline == "Back rehab 03 Dec – 31 May 2027 → Linear 5×5 from 03 Jun 2027"
        wizard.query_one("#weeks-0", Input).value = "4"
        await follow(pilot)
        assert text(wizard, "#timeline") == "Back rehab 03 Dec – 28 Dec → Linear 5×5 from 31 Dec"


async def test_phases_are_added_moved_and_removed_from_the_keyboard(data_dir: Path) -> None:
    async with WorkoutApp(today=TODAY).run_test(size=(80, 24)) as pilot:
        wizard = await open_wizard(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert wizard.focused is wizard.query_one("#program-1")
        wizard.query_one("#program-1", Choice).value = "mobility"
        wizard.query_one("#weeks-0", Input).value = "8"
        await pilot.pause()
        await pilot.press("alt+up")  # mobility first
        await follow(pilot)
        assert programs(wizard) == ["mobility", "back-rehab"]
        assert wizard.query_one("#weeks-1", Input).value == "8"  # the weeks went along
        assert wizard.focused is wizard.query_one("#program-0")
        await pilot.press("alt+down")
        await pilot.pause()
        assert programs(wizard) == ["back-rehab", "mobility"]
        await pilot.press("ctrl+r")  # the focused one (mobility) goes
        await follow(pilot)
        assert programs(wizard) == ["back-rehab"]
        await pilot.press("ctrl+r")  # one phase stays
        await pilot.pause()
        assert programs(wizard) == ["back-rehab"]
        wizard.query_one("#add-phase").focus()  # and the buttons do the same
        await pilot.press("enter")
        await pilot.pause()
        wizard.query_one("#program-1", Choice).value = "mobility"
        wizard.query_one("#remove-0").focus()
        await pilot.press("enter")
        await follow(pilot)
        assert programs(wizard) == ["mobility"]


async def test_lifts_ask_for_loads_maxima_and_1rms_and_bad_values_are_said_beside_them(
    data_dir: Path,
) -> None:
    async with WorkoutApp(today=TODAY).run_test(size=(80, 24)) as pilot:
        wizard = await open_wizard(pilot)
        assert not wizard.query_one("#strength").display  # holds and stretches: nothing to ask
        wizard.query_one("#program-0", Choice).value = "wendler-531"
        await follow(pilot)
        labels = [str(label.render()) for label in wizard.query(".load-label").results(Label)]
        assert labels[0] == "Squat (training max)"
        assert "--set" not in text(wizard, "#program-note")
        wizard.query_one("#load-squat", Input).value = "1rm:0"
        wizard.query_one("#load-deadlift", Input).value = "lots"
        wizard.query_one("#bar", Input).value = "-1"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is wizard
        assert text(wizard, "#load-squat-error") == "a one-rep max must be more than 0"
        assert "lots" in text(wizard, "#load-deadlift-error")
        assert "must not be negative" in text(wizard, "#bar-error")
        assert all("\n" not in text(wizard, f"#{f}-error") for f in ("load-squat", "bar"))
    assert paths.list_plans() == []


async def test_the_preview_is_as_wide_as_its_content(data_dir: Path) -> None:
    async with WorkoutApp(today=TODAY).run_test(size=(120, 36)) as pilot:
        wizard = await open_wizard(pilot)
        preview = wizard.query_one("#preview", Static)
        longest = max(len(line) for line in str(preview.render()).splitlines())
        assert "Side bridge" in str(preview.render())
        assert preview.size.width >= longest > wizard.query_one("#preview-box").size.width


async def test_at_80_columns_the_preview_takes_the_forms_place(data_dir: Path) -> None:
    async with WorkoutApp(today=TODAY).run_test(size=(80, 24)) as pilot:
        wizard = await open_wizard(pilot)
        assert not wizard.query_one("#preview-box").display
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "Cat-camel" in screen_text(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert wizard.focused is wizard.query_one("#program-0")


async def test_the_bridge_is_suggested_after_back_rehab_and_put_in_with_a_key(
    data_dir: Path,
) -> None:
    async with WorkoutApp(today=TODAY).run_test(size=(80, 24)) as pilot:
        wizard = await open_wizard(pilot)
        assert not wizard.query_one("#bridge").display
        await wizard.action_add_phase("linear-5x5")
        await follow(pilot)
        assert "Back to strength between Back rehab and Linear 5×5" in text(wizard, "#bridge")
        await pilot.press("ctrl+b")
        await follow(pilot)
        assert programs(wizard) == ["back-rehab", "back-to-strength", "linear-5x5"]
        assert not wizard.query_one("#bridge").display


async def test_the_plan_created_is_the_one_workout_new_makes(data_dir: Path) -> None:
    async with WorkoutApp(today=TODAY).run_test(size=(80, 24)) as pilot:
        wizard = await open_wizard(pilot)
        wizard.query_one("#weeks-0", Input).value = "6"
        await wizard.action_add_phase("wendler-531")
        await follow(pilot)
        wizard.query_one("#start", Input).value = "2026-12-03"
        wizard.query_one("#days", Toggles).toggle("wed")
        wizard.query_one("#units", Toggles).toggle("lb")
        await follow(pilot)
        wizard.query_one("#load-squat", Input).value = "1rm:300"
        wizard.query_one("#load-bench-press", Input).value = "150"
        wizard.query_one("#bar", Input).value = "35"
        wizard.query_one("#plates", Input).value = "45,25,10,5"
        wizard.query_one("#name", Input).value = "Back then strength"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, NewPlanScreen)
    (made,) = paths.list_plans()
    from_app = files.read_plan(made).plan
    made.unlink()
    assert (
        workout(
            [
                "--today",
                TODAY.isoformat(),
                "new",
                "--program",
                "back-rehab:6",
                "--program",
                "wendler-531",
                "--start",
                "2026-12-03",
                "--days",
                "mon,wed,thu",
                "--units",
                "lb",
                "--set",
                "squat=1rm:300",
                "--set",
                "bench-press=150",
                "--bar",
                "35",
                "--plates",
                "45,25,10,5",
                "--name",
                "Back then strength",
            ]
        )
        == 0
    )
    (path,) = paths.list_plans()
    from_cli = files.read_plan(path).plan
    assert same(from_app) == same(from_cli)
    assert from_app.maxes == {"squat": 300}
    assert from_app.equipment.bar == 35
    assert from_app.start == dt.date(2026, 12, 3)


@pytest.mark.parametrize("start", ["9999-12-27", "9999-01-04"])
async def test_a_start_near_9999_is_said_beside_the_field_and_nothing_is_written(
    data_dir: Path, start: str
) -> None:
    """Issue 12: a date near 9999 crashed the wizard (the plan's end overflows the calendar)."""
    async with WorkoutApp(today=TODAY).run_test(size=(120, 36)) as pilot:
        wizard = await open_wizard(pilot)
        wizard.query_one("#start", Input).value = start
        await follow(pilot)
        await pilot.press("ctrl+s")
        await follow(pilot)
        assert pilot.app.screen is wizard  # still asking, no traceback
        assert text(wizard, "#start-error")
    folder = data_dir / "plans"
    assert not folder.exists() or not list(folder.glob("*.toml"))  # nothing written
