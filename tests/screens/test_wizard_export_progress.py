"""Export writes files that parse; progress shows the log (the wizard: ``test_wizard``)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import icalendar
import pytest
from textual.widgets import (
    Input,
    RadioButton,
)

from planner import actions, files
from planner.projection import project_plan
from screens.app import WorkoutApp
from screens.export_dialog import ExportScreen
from screens.progress import ProgressScreen

from .conftest import TODAY
from .helpers import screen_text, settle


@pytest.mark.parametrize("fmt", ["ics", "csv", "md", "json"])
async def test_export_dialog_writes_each_format(
    plan_file: files.PlanFile, tmp_path: Path, fmt: str
) -> None:
    app = WorkoutApp(today=TODAY)
    target = tmp_path / f"out.{fmt}"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        dialog.query_one(f"#fmt-{fmt}", RadioButton).value = True
        await pilot.pause()
        dialog.query_one("#path", Input).value = str(target)
        await pilot.click("#export")
        await settle(pilot)
        assert "Wrote" in screen_text(pilot)
        await pilot.click("#close")
        await pilot.pause()
    content = target.read_bytes()
    if fmt == "ics":
        assert len(list(icalendar.Calendar.from_ical(content).walk("VEVENT"))) == 36
    elif fmt == "csv":
        assert next(iter(csv.DictReader(io.StringIO(content.decode()))))["exercise"] == "squat"
    elif fmt == "json":
        assert len(json.loads(content)["sessions"]) == 36
    else:
        assert content.startswith(b"# Strength")


async def test_export_to_a_missing_directory_says_so(
    plan_file: files.PlanFile, tmp_path: Path
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(tmp_path / "nowhere" / "x.ics")
        await pilot.click("#export")
        await settle(pilot)
        assert "does not exist" in screen_text(pilot)


async def test_progress_shows_bests_from_the_log(plan_file: files.PlanFile) -> None:
    projection = project_plan(plan_file.plan, TODAY)
    plan = actions.log_done(plan_file.plan, projection.sessions[0], reps={"squat": [8, 5, 5, 5, 5]})
    files.save_plan(plan_file, plan)
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        text = screen_text(pilot)
        assert "8 @ 40 kg" in text  # the best squat set, and its Epley estimate
        assert "50.7 kg" in text
        assert "36 sessions planned, 1 logged" in text
