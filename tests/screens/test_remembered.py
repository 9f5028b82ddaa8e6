"""Issue 13: what the app remembers (theme, the plan in use), plan rename/archive/delete and the
filter in the plans list, "Go to" the nearest session, and the screens at 80×24."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input

from planner import actions, catalog, files
from planner.cli import main
from planner.files import PlanFile
from screens.app import WorkoutApp
from screens.calendar import CalendarScreen
from screens.plans import PlansScreen
from screens.today import TodayScreen

from .conftest import TODAY, make_plan
from .helpers import screen_text, settle

SMALL = (80, 24)


def cli(*words: str) -> int:
    """The real ``workout`` command, run in this process."""
    return main(["--today", TODAY.isoformat(), *words])


def footer(pilot: object) -> str:
    """The last line of the terminal: the footer."""
    return screen_text(pilot).splitlines()[-1]  # type: ignore[arg-type]


# Remembered ------------------------------------------------------------------------------------


async def test_the_theme_is_remembered_and_the_config_keeps_its_comments(
    plan_file: PlanFile, data_dir: Path
) -> None:
    config = data_dir / "config.toml"
    config.write_text("# my settings\nbackups = 5  # enough\n")
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    text = config.read_text()
    assert text.startswith("# my settings\nbackups = 5  # enough\n")
    assert 'theme = "nord"' in text
    assert config.stat().st_mode & 0o777 == 0o600
    again = WorkoutApp(today=TODAY)
    async with again.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


async def test_the_plan_last_opened_is_reopened_and_is_the_clis_default(
    plan_file: PlanFile,
) -> None:
    other = make_plan("Other")
    os.utime(plan_file.path, (2_000_000_000, 2_000_000_000))  # Strength saved last
    app = WorkoutApp(today=TODAY, plan=other.path)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
    again = WorkoutApp(today=TODAY)
    async with again.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert again.service is not None
        assert again.service.path == other.path
    assert cli("skip") == 0  # no --plan with two plans: the one in use
    assert files.read_plan(other.path).plan.entry(TODAY) is not None
    assert files.read_plan(plan_file.path).plan.entry(TODAY) is None
    assert cli("skip", "--plan", "strength") == 0  # --plan still wins
    assert files.read_plan(plan_file.path).plan.entry(TODAY) is not None


async def test_plans_list_filters_renames_archives_and_deletes(
    plan_file: PlanFile, data_dir: Path
) -> None:
    other = make_plan("Other plan")
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PlansScreen)
        text = screen_text(pilot)
        assert "Name" in text
        assert "Done" in text
        assert "Next" in text
        assert "0/36" in text
        assert "other-plan" not in text  # no duplicate id column
        await pilot.press("slash", *"oth")
        await pilot.pause()
        rows = app.screen.query_one("#plans").row_count  # type: ignore[attr-defined]
        assert rows == 1
        await pilot.press("enter", "r")  # to the list, then rename the match
        await pilot.pause()
        field = app.screen.query_one("#answer", Input)
        field.value = "Winter strength"
        await pilot.press("enter")
        await settle(pilot)
        assert (data_dir / "plans" / "winter-strength.toml").is_file()
        assert not other.path.exists()
        await pilot.press("escape")  # clears the filter
        await settle(pilot)
        assert isinstance(app.screen, PlansScreen)
        assert "Winter strength" in screen_text(pilot)
        assert "Strength" in screen_text(pilot)
        await pilot.press("up", "a", "y")  # archive the first row (Strength)
        await settle(pilot)
        assert not plan_file.path.exists()
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("enter")  # the highlighted default of a delete is No
        await pilot.pause()
        assert (data_dir / "plans" / "winter-strength.toml").is_file()
        await pilot.press("delete", "y")
        await settle(pilot)
    assert (data_dir / "plans" / "archive" / "strength.toml").is_file()
    assert (data_dir / "plans" / "trash" / "winter-strength.toml").is_file()
    plan = files.read_plan(data_dir / "plans" / "trash" / "winter-strength.toml").plan
    assert plan.name == "Winter strength"
    assert app.service is None  # the open plan was archived: none is open


def test_cli_rename_archive_delete_and_restore(
    plan_file: PlanFile, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("rename", "strength", "Spring 5x5") == 0
    assert files.read_plan(data_dir / "plans" / "spring-5x5.toml").plan.name == "Spring 5x5"
    assert cli("undo", "--plan", "spring-5x5") == 0  # the backups moved with it
    assert files.read_plan(data_dir / "plans" / "spring-5x5.toml").plan.name == "Strength"
    assert cli("delete", "spring-5x5") == 0
    assert "workout restore-plan spring-5x5" in capsys.readouterr().out
    assert cli("plans", "--trash") == 0
    assert "spring-5x5" in capsys.readouterr().out
    assert cli("restore-plan", "spring-5x5") == 0
    assert cli("archive", "spring-5x5") == 0
    assert cli("plans", "--archived") == 0
    assert "spring-5x5" in capsys.readouterr().out
    assert cli("restore-plan", "nope") == 2
    assert "no archived or deleted plan named 'nope'" in capsys.readouterr().err
    assert cli("restore-plan", "spring-5x5") == 0
    assert (data_dir / "plans" / "spring-5x5.toml").is_file()


# Go to -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("2026-12-01", "2026-11-30"), ("2026-12-06", "2026-12-07"), ("2026-12-04", "2026-12-04")],
)
async def test_go_to_jumps_to_the_nearest_session(
    plan_file: PlanFile, typed: str, expected: str
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)
        await pilot.press("slash", *typed, "enter")
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)
        session = app.screen.selected_session()
        assert session is not None
        assert session.scheduled.date.isoformat() == expected


# 80×24 -------------------------------------------------------------------------------------------


async def test_footers_keep_help_and_quit_at_80_columns(plan_file: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for key, screen in (("", TodayScreen), ("c", CalendarScreen), ("p", PlansScreen)):
            if key:
                await pilot.press("escape")
                await pilot.pause()
                await pilot.press(key)
                await settle(pilot)
            assert isinstance(app.screen, screen)
            line = footer(pilot)
            assert "? Help" in line, (screen.__name__, line)
            assert "q Quit" in line, (screen.__name__, line)


async def test_the_rehab_disclaimer_takes_one_line_until_i_opens_it(data_dir: Path) -> None:
    program = catalog.get("back-rehab")
    plan = actions.new_plan("Back", [(program, 26)], TODAY, ("mon", "wed", "fri"))
    files.create_plan(plan)
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        text = screen_text(pilot)
        assert "i ▸ This does not replace a clinician" in text
        assert "log your pain with each session" not in text
        await pilot.press("i")
        await pilot.pause()
        assert "log your pain" in " ".join(screen_text(pilot).split())
