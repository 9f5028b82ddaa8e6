"""RPE in the app: typed per exercise on the log screen, read by the CLI's parser, written as
``workout done --rpe`` writes it, and shown in progress."""

from __future__ import annotations

import pytest

from planner import files
from planner.cli import main
from planner.files import PlanFile
from screens.app import WorkoutApp
from screens.log_effort import RpeField
from screens.log_session import LogSessionScreen
from screens.progress import ProgressScreen
from screens.today import TodayScreen

from .conftest import TODAY
from .helpers import open_log, screen_text, settle

SIZE = (100, 30)


async def _type_rpe(pilot: object, exercise: int, text: str) -> None:
    field = pilot.app.screen.query_one(f"#rpe-{exercise}", RpeField)  # type: ignore[attr-defined]
    field.focus()
    await pilot.pause()  # type: ignore[attr-defined]
    keys = ["comma" if c == "," else c for c in text]
    await pilot.press(*keys)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_rpe_logged_in_the_app_is_what_the_cli_writes_and_progress_shows_it(
    plan_file: PlanFile, capsys: pytest.CaptureFixture[str]
) -> None:
    before = plan_file.path.read_bytes()
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await _type_rpe(pilot, 0, "8,8,9,9,10")
        await _type_rpe(pilot, 1, "8")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        text = screen_text(pilot)
    assert "5 @ 40 kg RPE 8" in text  # the best squat set (its first), and how it felt
    assert "RPE 8, 8, 9, 9, 10" in text  # the last squat session
    by_app = plan_file.path.read_bytes()

    plan_file.path.write_bytes(before)
    argv = ["--today", TODAY.isoformat(), "done", TODAY.isoformat()]
    code = main([*argv, "--rpe", "squat=8,8,9,9,10", "--rpe", "bench-press=8"])
    assert code == 0, capsys.readouterr().err
    assert plan_file.path.read_bytes() == by_app
    entry = files.read_plan(plan_file.path).plan.entry(TODAY)
    assert entry is not None
    assert [s.rpe for s in entry.exercises[0].sets] == [8, 8, 9, 9, 10]
    assert [s.rpe for s in entry.exercises[1].sets] == [8] * 5
    assert [s.rpe for s in entry.exercises[2].sets] == [None] * 5


async def test_bad_rpe_is_shown_beside_its_field_and_nothing_is_saved(
    plan_file: PlanFile,
) -> None:
    before = plan_file.path.read_bytes()
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await _type_rpe(pilot, 0, "11")
        assert "RPE: 11 is outside 1 to 10" in screen_text(pilot)
        await _type_rpe(pilot, 1, "8,9")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LogSessionScreen)
        text = screen_text(pilot)
        assert "RPE: 11 is outside 1 to 10" in text
        assert "2 values for 5 sets" in text
        assert "Fix the marked fields; nothing was saved." in text
    assert plan_file.path.read_bytes() == before
