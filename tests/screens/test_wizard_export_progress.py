"""The wizard creates a real plan file; export writes files that parse; progress shows the log."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import icalendar
import pytest
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Input,
    Label,
    RadioButton,
    Select,
    Static,
)

from planner import actions, files, paths
from planner.projection import project_plan
from screens.app import WorkoutApp
from screens.export_dialog import ExportScreen
from screens.progress import ProgressScreen
from screens.wizard import NewPlanScreen

from .conftest import TODAY
from .helpers import screen_text, settle


async def test_no_plan_opens_the_wizard_and_it_creates_a_chained_plan(data_dir: Path) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        wizard = app.screen
        assert isinstance(wizard, NewPlanScreen)
        wizard.query_one("#program-0", Select).value = "back-rehab"
        wizard.query_one("#weeks-0", Input).value = "26"
        wizard.query_one("#add-phase", Button).press()
        await pilot.pause()
        wizard.query_one("#program-1", Select).value = "linear-5x5"
        await pilot.pause()
        wizard.query_one("#load-squat", Input).value = "45"
        wizard.query_one("#day-wed", Checkbox).value = True
        await pilot.click("#preview")
        await pilot.pause()
        assert wizard.query_one("#preview-table", DataTable).row_count > 0
        await pilot.click("#create")
        await settle(pilot)
        assert not isinstance(app.screen, NewPlanScreen)
    (path,) = paths.list_plans()
    plan = files.read_plan(path).plan
    assert [(p.program.id, p.weeks) for p in plan.phases] == [
        ("back-rehab", 26),
        ("linear-5x5", 12),
    ]
    assert plan.days == ("mon", "wed", "thu")
    assert plan.loads["squat"] == 45.0


async def test_the_load_fields_follow_the_chain_and_name_training_maxima(data_dir: Path) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        wizard = app.screen
        wizard.query_one("#program-0", Select).value = "back-rehab"
        await settle(pilot)
        assert not wizard.query(".load")  # holds and stretches start without a load
        wizard.query_one("#add-phase", Button).press()
        await pilot.pause()
        wizard.query_one("#program-1", Select).value = "wendler-531"
        await settle(pilot)
        fields = {f.id: f.value for f in wizard.query(".load").results(Input)}
        assert fields == {
            "load-squat": "80",
            "load-bench-press": "60",
            "load-deadlift": "100",
            "load-overhead-press": "40",
        }
        labels = [str(label.render()) for label in wizard.query(".load-label").results(Label)]
        assert labels[0] == "Squat (training max)"
        assert all(label.endswith("(training max)") for label in labels)


@pytest.mark.parametrize(
    ("field", "value", "error", "fragment"),
    [
        ("#weeks-0", "0", "#phase-0-error", "between 1 and 1040"),
        ("#start", "2026-02-30", "#start-error", "not a date"),
        ("#load-squat", "-5", "#loads-error", "must not be negative"),
    ],
)
async def test_bad_input_is_shown_beside_the_field_and_nothing_is_saved(
    data_dir: Path, field: str, value: str, error: str, fragment: str
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        wizard = app.screen
        wizard.query_one("#program-0", Select).value = "linear-5x5"
        await pilot.pause()
        wizard.query_one(field, Input).value = value
        await pilot.click("#create")
        await settle(pilot)
        assert isinstance(app.screen, NewPlanScreen)
        assert fragment in str(wizard.query_one(error, Static).render())
    assert paths.list_plans() == []


async def test_unticking_every_day_is_refused(data_dir: Path) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for day in ("mon", "thu"):
            app.screen.query_one(f"#day-{day}", Checkbox).value = False
        await pilot.click("#create")
        await settle(pilot)
        assert "at least one training day" in str(
            app.screen.query_one("#days-error", Static).render()
        )
    assert paths.list_plans() == []


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
