"""Issue 13, "80×24 first": what a person must see on the smallest terminal, screen by screen.

(The snapshots in ``test_snapshots`` show every screen at this size; these name what matters.)
"""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input

from planner import files
from planner.files import PlanFile
from planner.model import LogEntry
from screens.app import WorkoutApp
from screens.program_editor import ProgramEditorScreen

from .conftest import TODAY
from .helpers import screen_text, settle

SIZE = (80, 24)


async def test_the_program_editor_form_is_wide_enough_to_read_its_fields(
    plan_file: PlanFile,
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, ProgramEditorScreen)
        assert editor.query_one("#form").outer_size.width >= 28  # was 14
        exercise = editor.query_one("#slot-exercise", Input)
        assert exercise.value in screen_text(pilot)  # the whole id, not "cat-came"
        assert "− Slot" in screen_text(pilot)


async def test_progress_shows_every_best_set_of_a_short_log(plan_file: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d", "y")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        text = screen_text(pilot)
    for lift in ("Squat        5 @ 40 kg", "Bench press  5 @ 30 kg", "Barbell row  5 @ 30 kg"):
        assert lift in text  # (only the first fitted)


async def test_the_export_dialog_leaves_the_header_and_the_keys(plan_file: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        lines = screen_text(pilot).splitlines()
    assert "workout — Strength" in lines[0]  # the dialog's border covered it
    assert "? Help" in lines[-1]
    assert "q Quit" in lines[-1]


async def test_the_red_flag_warning_has_no_blank_rows(
    plan_file: PlanFile,
) -> None:
    current = files.read_plan(plan_file.path)
    entry = LogEntry(date=TODAY, status="done", pain=9, pain_where="leg")
    files.save_plan(current, current.plan.with_entry(entry))
    app = WorkoutApp(today=TODAY + dt.timedelta(days=1))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = screen_text(pilot).splitlines()
    last = next(i for i, line in enumerate(lines) if "Press a once you have read this." in line)
    assert "⚠" in lines[1]  # right under the header
    assert all(line.strip() for line in lines[1 : last + 1])  # (two blank rows were padding)
    assert any("Deadlift" in line for line in lines[last:])  # the whole session below it
