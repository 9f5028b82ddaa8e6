"""Real equipment in the app: warm-ups and plates on the dashboard, added load on bodyweight
work, the question before a load far above its target is saved, and a change of unit."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text

from planner import actions, files
from planner.files import PlanFile
from planner.model import DayDef, Exercise, Program, SlotDef, rule_from_params
from screens.app import WorkoutApp
from screens.confirm import ConfirmScreen
from screens.log_session import LogSessionScreen
from screens.today import TodayScreen
from screens.widgets import session_body

from .conftest import TODAY
from .helpers import open_log, screen_text, settle, type_set

SIZE = (120, 36)


def _barbell() -> Program:
    linear = rule_from_params({"kind": "linear", "add": 2.5})
    return Program(
        id="barbell-5x5",
        name="Barbell 5×5",
        weeks=12,
        exercises=(
            Exercise("squat", "Squat", implement="barbell"),
            Exercise("chin-up", "Chin-up", implement="bodyweight"),
        ),
        days=(
            DayDef(
                "A",
                (
                    SlotDef(exercise="squat", rule=linear, sets=5, reps=5, load=100),
                    SlotDef(exercise="chin-up", rule=linear, sets=3, reps=5, load=10),
                ),
            ),
        ),
    )


@pytest.fixture
def barbell_plan(data_dir: Path) -> PlanFile:
    """A plan with a barbell squat at 100 kg and chin-ups with a 10 kg belt, Mon/Wed/Fri."""
    plan = actions.new_plan("Bar", [(_barbell(), None)], TODAY, ("mon", "wed", "fri"))
    return files.create_plan(plan)


def _parts(renderable: object) -> list[object]:
    """Every renderable inside ``renderable`` (groups opened), in order."""
    inner = getattr(renderable, "renderables", None)
    if inner is None:
        return [renderable]
    return [part for child in inner for part in _parts(child)]


async def test_the_dashboard_shows_warm_ups_and_plates_dim_after_the_work_sets(
    barbell_plan: PlanFile,
) -> None:
    # Regression: the presenter had the warm-up lines, the app never drew them.
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(pilot)
        assert app.projection is not None
        assert isinstance(app.screen, TodayScreen)
        session = app.screen.selected_session()
        assert session is not None
        rendered = session_body(app.projection, session)  # what the dashboard's view draws
    warm_up = (
        "Squat warm-up: 2×5 @ 20 kg, 5 @ 40 kg, 3 @ 60 kg, 2 @ 80 kg · 100 kg: 25 + 15 kg a side"
    )
    assert warm_up in text
    assert "Chin-up" in text
    assert "3×5 +10 kg" in text
    assert "@ 10 kg" not in text
    # Secondary text after the table, never a row of work sets.
    lines = text.splitlines()
    assert lines.index(next(line for line in lines if "Chin-up" in line)) < lines.index(
        next(line for line in lines if "warm-up" in line)
    )
    dim = [p for p in _parts(rendered) if isinstance(p, Text) and p.plain == warm_up]
    assert dim
    assert "dim" in str(dim[0].style)
    # Logged as done, only the work sets are in the file.
    async with WorkoutApp(today=TODAY).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
    entry = files.read_plan(barbell_plan.path).plan.entry(TODAY)
    assert entry is not None
    assert [s.load for s in entry.exercises[0].sets] == [100.0] * 5


async def test_a_load_far_above_its_target_is_asked_about_before_it_is_saved(
    barbell_plan: PlanFile,
) -> None:
    # Regression: the app saved a squat of 300 kg on a 100 kg target without a word.
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await type_set(pilot, "#set-0-0", "load", "300")
        before = barbell_plan.path.read_bytes()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        asked = screen_text(pilot)
        assert "Squat 300 kg: 200 % above the target 100 kg" in asked
        assert "n, Esc or Enter: Fix them" in asked
        await pilot.press("n")  # no: back to the form, what was typed still there
        await pilot.pause()
        assert isinstance(app.screen, LogSessionScreen)
        assert barbell_plan.path.read_bytes() == before
        assert "300" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # the safe answer is the default: fix it
        await pilot.pause()
        assert isinstance(app.screen, LogSessionScreen)
        await type_set(pilot, "#set-0-0", "load", "105")
        await pilot.press("ctrl+s")  # a plausible load saves without a question
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    entry = files.read_plan(barbell_plan.path).plan.entry(TODAY)
    assert entry is not None
    assert [s.load for s in entry.exercises[0].sets] == [105.0] + [100.0] * 4


async def test_a_confirmed_heavy_load_is_saved_as_typed(barbell_plan: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await type_set(pilot, "#set-1-0", "load", "40")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Chin-up 40 kg: 300 % above the target 10 kg" in screen_text(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    entry = files.read_plan(barbell_plan.path).plan.entry(TODAY)
    assert entry is not None
    assert entry.exercises[1].sets[0].load == 40.0


async def test_units_change_converts_what_is_prescribed_never_history(
    barbell_plan: PlanFile,
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d", "y")
        await settle(pilot)
        logged = files.read_plan(barbell_plan.path).plan.log
        await pilot.press("U")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Use lb for Bar?" in screen_text(pilot)
        assert "What you logged stays as you logged it, in kg." in app.screen.body
        await pilot.press("y")
        await settle(pilot)
        text = screen_text(pilot)
    plan = files.read_plan(barbell_plan.path).plan
    assert plan.units == "lb"
    # History: the same sets, now marked with the unit they were lifted in.
    assert [e.unit for e in plan.log] == ["kg"]
    assert [s.load for s in plan.log[0].exercises[0].sets] == [
        s.load for s in logged[0].exercises[0].sets
    ]
    # The next squat, 102.5 kg, is prescribed in lb on 45 lb bar plates (≈ 226 lb → 225 lb).
    assert "Next · Wed 2026-12-02" in text
    assert "5×5 @ 225 lb" in text
    assert "@ 102.5 kg" not in text
