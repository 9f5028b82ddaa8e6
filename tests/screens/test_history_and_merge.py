"""Issue 12 in the app: restore any kept version from the History screen (``h``), and merge a
sync tool's conflict copy from the screen offered when the plan opens."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable

from planner.cli import main
from planner.files import PlanFile
from screens.app import WorkoutApp
from screens.confirm import ConfirmScreen
from screens.history import HistoryScreen
from screens.merge import MergeScreen
from screens.today import TodayScreen

from .conftest import TODAY
from .helpers import screen_text, settle

SIZE = (120, 36)
COPY = "strength.sync-conflict-20261205-101010-ABCDEFG.toml"


def cli(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    """The real ``workout`` command, run in this process; its output."""
    code = main(["--today", "2026-12-10", *words])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def logged(path: Path) -> dict[str, dict[str, Any]]:
    data = tomllib.loads(path.read_text())
    return {str(entry["date"]): entry for entry in data.get("log", [])}


async def wait_for(pilot: Any, ready: Any, seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.1)):
        if ready():
            return
        await pilot.pause(0.1)
    raise AssertionError(f"timed out; the screen was:\n{screen_text(pilot)}")


async def test_history_restores_an_earlier_version_and_keeps_the_one_it_replaced(
    plan_file: PlanFile, capsys: pytest.CaptureFixture[str]
) -> None:
    cli(capsys, "done", "2026-11-30")
    cli(capsys, "done", "2026-12-02")
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await wait_for(pilot, lambda: screen.query_one(DataTable).row_count == 2)
        text = screen_text(pilot)
        assert "before a save" in text
        assert "logged Wed 2026-12-02 (done)" in text  # what changed after version 1
        await pilot.press("enter")  # version 1: Mon logged, Wed not yet
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "unlogged Wed 2026-12-02 (done)" in screen_text(pilot)  # what will change
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        await settle(pilot)
        assert app.plan is not None
        assert [str(e.date) for e in app.plan.log] == ["2026-11-30"]
    assert list(logged(plan_file.path)) == ["2026-11-30"]
    out = cli(capsys, "history")
    assert "before a restore:" in out
    assert "unlogged Wed 2026-12-02 (done)" in out  # the version replaced is kept, listed


async def test_history_is_in_help(plan_file: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(pilot)
        assert "History" in text
        assert "Earlier versions: what changed, restore one" in text


def diverge(capsys: pytest.CaptureFixture[str], plan: Path) -> Path:
    """Device B logged Wed 12-02 done (pain 2) and Fri 12-04; device A (this plan) Wed 12-02
    skipped and Mon 12-07 done. B's version is the Syncthing conflict copy."""
    cli(capsys, "done", "2026-12-02", "--pain", "2", "--note", "from B")
    cli(capsys, "done", "2026-12-04")
    copy = plan.parent / COPY
    shutil.copy2(plan, copy)
    cli(capsys, "undo")
    cli(capsys, "undo")
    cli(capsys, "skip", "2026-12-02", "--note", "from A")
    cli(capsys, "done", "2026-12-07")
    return copy


async def test_the_app_offers_the_merge_and_merges_the_side_chosen(
    plan_file: PlanFile, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = diverge(capsys, plan_file.path)
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, MergeScreen))
        text = screen_text(pilot)
        assert COPY in text
        assert "1 session(s) logged only in the copy (added)" in text
        row = next(line for line in text.splitlines() if "2026-12-02" in line)
        assert "skipped · note: from A" in row
        assert "done · pain 2/10 · note: from B" in row  # side by side, on the same row
        await pilot.press("enter")  # no choice yet: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, MergeScreen)
        assert copy.exists()
        await pilot.press("t")
        await pilot.press("enter")
        await wait_for(pilot, lambda: not copy.exists())
        await settle(pilot)
        assert not isinstance(app.screen, MergeScreen)
    log = logged(plan_file.path)
    assert set(log) == {"2026-12-02", "2026-12-04", "2026-12-07"}
    assert log["2026-12-02"]["note"] == "from B"
    assert (plan_file.path.parent / "trash" / COPY).exists()
    newest = max((plan_file.path.parent / ".backups" / plan_file.path.name).iterdir())
    assert logged(newest)["2026-12-02"]["note"] == "from A"  # the side chosen against, kept


async def test_not_now_leaves_both_files_and_does_not_ask_again(
    plan_file: PlanFile, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = diverge(capsys, plan_file.path)
    before, copied = plan_file.path.read_bytes(), copy.read_bytes()
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, MergeScreen))
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert app.service is not None
        app.load_plan(app.service.path)  # opened again in this run: not offered again
        await settle(pilot)
        await pilot.pause(0.3)
        assert isinstance(app.screen, TodayScreen)
    assert plan_file.path.read_bytes() == before
    assert copy.read_bytes() == copied
