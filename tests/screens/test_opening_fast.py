"""A plan opens with the app's first frame when it was read before; the whole plan follows in
the background, and what needs it (calendar, progress, export) waits for it, never for a key."""

from __future__ import annotations

from pathlib import Path

from planner import cache, documents
from planner.files import PlanFile
from planner.projection import WholePlan
from planner.service import PlanService
from screens.app import WorkoutApp
from screens.calendar import CalendarScreen
from screens.calendar_grid import CalendarGrid
from screens.today import TodayScreen

from .conftest import TODAY
from .helpers import screen_text, settle

SIZE = (100, 30)


async def test_a_plan_read_before_is_on_the_first_frame(plan_file: PlanFile) -> None:
    PlanService.open(plan_file.path, TODAY)  # read once (as any command does): now in the cache
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = screen_text(pilot)
        assert "Opening your plan" not in first
        assert "Today · Mon 2026-11-30 · session 1 of 36" in first
        assert app.projection is not None
        await settle(pilot)
        assert app.projection is not None
        assert isinstance(app.projection, WholePlan)  # the whole plan followed


async def test_a_plan_never_read_opens_after_the_first_frame(plan_file: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Today · Mon 2026-11-30 · session 1 of 36" in screen_text(pilot)
    assert PlanService.open_if_known(plan_file.path, TODAY) is not None  # and kept for next time


async def test_the_calendar_opened_at_once_fills_when_the_whole_plan_is_there(
    plan_file: PlanFile,
) -> None:
    PlanService.open(plan_file.path, TODAY)
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")  # before the whole plan is projected
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)
        table = app.screen.query_one("#grid", CalendarGrid)
        for _ in range(50):  # the whole plan arrives through a message; under load, later
            if not table.loading:
                break
            await pilot.pause(0.1)
        # (what the app held, should this ever fail again: whether the whole plan came)
        assert not table.loading, (type(app.projection).__name__, list(app.workers))
        assert table.row_count == 12  # every week of the plan
        assert "Mon 2026-11-30 · session 1 of 36 · day A · planned" in screen_text(pilot)


async def test_progress_asked_for_early_opens_once_the_plan_is_whole(plan_file: PlanFile) -> None:
    from screens.progress import ProgressScreen

    PlanService.open(plan_file.path, TODAY)
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", "g")  # twice, impatiently: one progress screen
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        assert sum(isinstance(s, ProgressScreen) for s in app.screen_stack) == 1
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)


async def test_a_session_logged_in_the_app_is_kept_in_the_cache_with_its_checkpoints(
    plan_file: PlanFile, data_dir: Path
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d", "y")
        await settle(pilot)
    reread = PlanService.open_if_known(plan_file.path, TODAY)
    assert reread is not None
    assert reread.plan.entry(TODAY) is not None
    entry = cache.load(plan_file.path, documents.digest(plan_file.path.read_bytes()))
    assert entry is not None
    assert entry.checkpoints
