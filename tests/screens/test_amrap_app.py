"""An AMRAP set (``5+``) in the app: the quick "done" says it logs the minimum and how to log the
reps done instead; the set-by-set log takes the reps typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from planner import actions, files
from planner.files import PlanFile, read_plan
from planner.model import DayDef, Exercise, Program, SlotDef, rule_from_params
from screens.app import WorkoutApp
from screens.confirm import ConfirmScreen
from screens.log_session import LogSessionScreen

from .conftest import TODAY
from .helpers import screen_text, settle

SIZE = (100, 30)


@pytest.fixture
def amrap_plan(data_dir: Path) -> PlanFile:
    """Squat 3×5 at 100 kg, the last set for as many reps as possible; Mon and Thu."""
    linear = rule_from_params({"kind": "linear", "add": 2.5})
    program = Program(
        id="squat-amrap",
        name="Squat AMRAP",
        weeks=8,
        exercises=(Exercise("squat", "Squat"),),
        days=(
            DayDef(
                "A",
                (
                    SlotDef(
                        exercise="squat", rule=linear, sets=3, reps=5, load=100, amrap_last=True
                    ),
                ),
            ),
        ),
    )
    plan = actions.new_plan("Amrap", [(program, None)], TODAY, ("mon", "thu"))
    return files.create_plan(plan)


async def _done_dialog(pilot: Pilot[None]) -> str:
    """Open the quick "done" dialog once the plan is loaded; its text, on one line."""
    await settle(pilot)
    await pilot.press("d")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmScreen)
    return " ".join(screen_text(pilot).replace("█", " ").split())


async def test_quick_done_says_the_amrap_set_is_logged_at_the_minimum(
    amrap_plan: PlanFile,
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        text = await _done_dialog(pilot)
        assert (
            "As prescribed logs the AMRAP set at the minimum (Squat, last set 5+ @ 100 kg)." in text
        )
        assert "To log the reps you did, press l (set by set) instead." in text
        await pilot.press("escape")  # not now: nothing logged
        await settle(pilot)
        assert read_plan(amrap_plan.path).plan.log == ()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogSessionScreen)


async def test_a_session_without_amrap_sets_says_nothing_of_them(plan_file: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        assert "AMRAP" not in await _done_dialog(pilot)
