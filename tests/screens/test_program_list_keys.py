"""Keys pressed quickly in the program editor's list are never lost while its detail rebuilds."""

from __future__ import annotations

import attrs
from textual import events
from textual.widgets import OptionList, Tree

from planner import catalog
from planner.files import PlanFile
from screens.app import WorkoutApp
from screens.program_editor import ProgramEditorScreen

from .conftest import TODAY
from .helpers import settle


def _more_programs() -> None:
    """Six programs of the user beside the six built-ins: twelve in the list."""
    for n, (pid, entry) in enumerate(catalog.entries().items()):
        name = f"{entry.program.name} mine {n}"
        catalog.save_user_program(attrs.evolve(entry.program, id=f"{pid}-mine", name=name))


async def test_ten_quick_downs_move_ten_rows_and_the_detail_follows(plan_file: PlanFile) -> None:
    _more_programs()
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, ProgramEditorScreen)
        programs = editor.query_one("#programs", OptionList)
        assert programs.has_focus
        assert programs.highlighted == 0
        assert programs.option_count >= 11
        for _ in range(10):  # as fast as keys can come: none waits for the one before
            app.post_message(events.Key("down", None))
        await settle(pilot)
        assert programs.highlighted == 10
        tenth = programs.get_option_at_index(10).id
        assert editor.current == tenth
        tree = editor.query_one("#days", Tree)
        assert str(tree.root.label) == editor.data["name"]
        assert f"({tenth}, user)" in str(editor.query_one("#heading").render())


async def test_downs_typed_right_after_opening_the_editor_are_kept(plan_file: PlanFile) -> None:
    _more_programs()
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in ["P"] + ["down"] * 10:  # typed ahead of the editor's first frame
            app.post_message(events.Key(key, key if key == "P" else None))
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, ProgramEditorScreen)
        programs = editor.query_one("#programs", OptionList)
        assert programs.highlighted == 10
        assert editor.current == programs.get_option_at_index(10).id
