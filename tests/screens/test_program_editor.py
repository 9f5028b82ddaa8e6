"""The program editor: copy a built-in, change a rule, save, and plans made from it follow."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from planner import actions, catalog, paths
from planner.projection import project_plan
from screens.app import WorkoutApp
from screens.choice import Choice
from screens.program_editor import ProgramEditorScreen

from .conftest import TODAY
from .helpers import settle


async def _open_editor(pilot) -> ProgramEditorScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    pilot.app.push_screen(ProgramEditorScreen())
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ProgramEditorScreen)
    return screen


async def _select(pilot, screen: ProgramEditorScreen, program: str) -> None:  # type: ignore[no-untyped-def]
    await screen._refresh_list(program)
    await pilot.pause()


async def test_copy_edit_a_rule_and_the_projection_changes(data_dir: Path) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_editor(pilot)
        await _select(pilot, screen, "linear-5x5")
        assert screen.query_one("#rule-add", Input).disabled  # built-ins are read-only
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert screen.current == "linear-5x5-copy"
        for day in (0, 1):  # squat opens both days
            screen.slot = (day, 0)
            await screen._fill_form()
            await pilot.pause()
            screen.query_one("#rule-add", Input).value = "5"
            await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = paths.programs_dir() / "linear-5x5-copy.toml"
    assert saved.exists()
    program = catalog.get("linear-5x5-copy")
    plan = actions.new_plan(
        "t", [(program, 4)], TODAY, ("mon", "wed", "fri"), loads={"squat": 60.0}
    )
    squats = [s.prescriptions[0].sets[0].load for s in project_plan(plan, TODAY).sessions[:3]]
    assert squats == [60.0, 65.0, 70.0]


async def test_a_bad_value_is_shown_beside_its_field_and_not_saved(data_dir: Path) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_editor(pilot)
        await _select(pilot, screen, "wendler-531")
        await pilot.press("ctrl+d")
        await pilot.pause()
        screen.query_one("#slot-sets", Input).value = "0"
        screen.query_one("#rule-add_per_cycle", Input).value = "-5"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "more than 0" in str(screen.query_one("#slot-sets-error", Static).render())
        assert "at least 0" in str(screen.query_one("#rule-add_per_cycle-error", Static).render())
    assert not (paths.programs_dir() / "wendler-531-copy.toml").exists()


async def test_changing_the_rule_kind_offers_its_parameters(data_dir: Path) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_editor(pilot)
        await _select(pilot, screen, "linear-5x5")
        await pilot.press("ctrl+d")
        await pilot.pause()
        screen.query_one("#rule-kind", Choice).value = "double"
        await pilot.pause()
        assert screen.query_one("#rule-hi", Input).value == "12"
        await pilot.press("ctrl+s")
        await settle(pilot)
    program = catalog.get("linear-5x5-copy")
    assert program.days[0].slots[0].rule.kind == "double"


async def test_a_new_exercise_id_in_a_slot_is_saved_as_a_listed_exercise(data_dir: Path) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_editor(pilot)
        await _select(pilot, screen, "linear-5x5")
        await pilot.press("ctrl+d")
        await pilot.pause()
        screen.slot = (0, 1)  # bench press, day A
        await screen._fill_form()
        screen.query_one("#slot-exercise", Input).value = "floor-press"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not str(screen.query_one("#general-error", Static).render())
    program = catalog.get("linear-5x5-copy")
    assert program.days[0].slots[1].exercise == "floor-press"
    assert program.exercise("floor-press").name == "Floor press"
    assert "floor-press" in [e.id for e in program.exercises]
