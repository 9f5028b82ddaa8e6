"""Data problems are screens and messages, never tracebacks: a broken file, a failed save."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner import files
from planner.errors import SaveError
from planner.files import PlanFile
from screens.app import WorkoutApp
from screens.data_error import DataErrorScreen
from screens.today import TodayScreen

from .conftest import TODAY
from .helpers import screen_text, settle

SIZE = (100, 30)


def break_file(plan_file: PlanFile) -> bytes:
    """Replace line 3 of the plan with something that is not TOML; return the new bytes."""
    lines = plan_file.path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = "days = [mon, thu\n"
    broken = "".join(lines).encode("utf-8")
    plan_file.path.write_bytes(broken)
    return broken


async def test_a_corrupt_file_opens_the_error_screen_with_path_and_line(
    plan_file: PlanFile,
) -> None:
    broken = break_file(plan_file)
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DataErrorScreen)
        text = screen_text(pilot)
        assert app.return_code is None  # still running: no traceback
    assert "This plan file cannot be opened" in text
    assert plan_file.path.name in text
    assert "line 3" in text
    assert "There is no backup of this file." in text
    assert plan_file.path.read_bytes() == broken  # never overwritten


async def test_the_newest_backup_can_be_restored_from_the_error_screen(
    plan_file: PlanFile,
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d", "y")  # a save keeps the previous version as a backup
        await settle(pilot)
    break_file(plan_file)
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DataErrorScreen)
        assert "Restore newest backup" in screen_text(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "Today · Mon 2026-11-30" in screen_text(pilot)
    assert files.read_plan(plan_file.path).plan.log == ()


async def test_a_failed_save_keeps_the_change_in_memory_and_says_so(
    plan_file: PlanFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = plan_file.path.read_bytes()
    real_save = files.update_plan

    def full_disk(path: Path, *args: object) -> object:
        raise SaveError(f"could not save {path}: no space left on device")

    monkeypatch.setattr(files, "update_plan", full_disk)
    app = WorkoutApp(today=TODAY)
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app, "notify", lambda message, **kw: notes.append(message))
        await pilot.press("d", "y")
        await settle(pilot)
        assert app.unsaved
        assert any("no space left on device" in note for note in notes)
        assert any("Ctrl+S tries again" in note for note in notes)
        text = screen_text(pilot)
        assert "Not saved: a change failed to save" in text
        assert "Next · Wed 2026-12-02" in text  # the change is shown, kept in memory
        assert plan_file.path.read_bytes() == before
        monkeypatch.setattr(files, "update_plan", real_save)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.unsaved
        assert "Not saved" not in screen_text(pilot)
    entry = files.read_plan(plan_file.path).plan.entry(TODAY)
    assert entry is not None
    assert entry.status == "done"


async def test_a_newer_version_is_shown_read_only_and_never_written(
    plan_file: PlanFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = plan_file.path.read_text(encoding="utf-8")
    newer = re.sub(r"(?m)^schema_version = \d+", "schema_version = 99", text).encode("utf-8")
    plan_file.path.write_bytes(newer)
    app = WorkoutApp(today=TODAY)
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app, "notify", lambda message, **kw: notes.append(message))
        assert isinstance(app.screen, TodayScreen)
        assert "Read-only: written by a newer version" in screen_text(pilot)
        await pilot.press("d", "y")
        await settle(pilot)
    assert any("read-only" in note for note in notes)
    assert plan_file.path.read_bytes() == newer
