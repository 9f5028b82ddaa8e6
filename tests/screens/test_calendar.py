"""The plan calendar: marks, moving, editing and logging sessions, and speed on a long plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.pilot import Pilot

from planner import actions, files
from planner.files import PlanFile
from screens.app import WorkoutApp
from screens.calendar import CalendarScreen
from screens.calendar_grid import CalendarGrid
from screens.confirm import ConfirmScreen
from screens.log_session import LogSessionScreen
from screens.today import TodayScreen

from .conftest import TODAY, linear_5x5
from .helpers import screen_text, settle, type_into, type_set

SIZE = (100, 30)


async def open_calendar(pilot: Pilot[None]) -> CalendarScreen:
    """Start, wait for the plan, press ``c``."""
    await settle(pilot)
    await pilot.press("c")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CalendarScreen)
    return screen


async def test_calendar_shows_weeks_days_marks_and_the_session_under_the_cursor(
    plan_file: PlanFile,
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "y")  # type-ahead before the plan is open is harmless
        await settle(pilot)
        await pilot.press("d", "y")
        await settle(pilot)
        await open_calendar(pilot)
        text = screen_text(pilot)
    assert "✓ done  – skipped  ✗ missed  · planned" in text
    assert "Mon" in text
    assert "Wed" in text
    assert "Fri" in text
    assert "▶ Linear 5×5" in text
    assert "Linear 5×5 12/12" in text
    assert "✓ A 30 Nov" in text
    assert "· B 02 Dec" in text
    assert "Wed 2026-12-02 · session 2 of 36 · day B · planned" in text  # the cursor's session


async def test_move_a_later_session_is_saved_as_an_override(plan_file: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar(pilot)
        await pilot.press("down", "down")  # week 3, Monday 14 Dec
        session = screen.selected_session()
        assert session is not None
        assert session.scheduled.key == dt.date(2026, 12, 14)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await type_into(pilot, "#answer", "2031-01-01")
        await pilot.press("enter")
        await pilot.pause()
        assert "outside the plan" in screen_text(pilot)  # shown beside the field; not saved
        await type_into(pilot, "#answer", "2026-12-15")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)
        assert "· A 15 Dec→" in screen_text(pilot)
    plan = files.read_plan(plan_file.path).plan
    assert [(o.date, o.moved_to) for o in plan.overrides] == [
        (dt.date(2026, 12, 14), dt.date(2026, 12, 15))
    ]


async def test_brackets_move_a_session_a_day(plan_file: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("down", "right", "right_square_bracket")
        await settle(pilot)
    plan = files.read_plan(plan_file.path).plan
    assert plan.overrides[0].moved_to == dt.date(2026, 12, 10)


async def test_edit_a_future_session_keeps_it_as_an_override(plan_file: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("down")  # week 2, Monday 7 Dec: day B
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, LogSessionScreen)
        assert "Edit · Mon 2026-12-07" in screen_text(pilot)
        await type_set(pilot, "#set-1-0", "load", "25")
        await type_set(pilot, "#set-1-1", "load", "25")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)
        text = screen_text(pilot)
        assert "· B 07 Dec✎" in text
        assert "your edit of this session" in text
    override = files.read_plan(plan_file.path).plan.overrides[0]
    assert override.date == dt.date(2026, 12, 7)
    [edited] = override.exercises
    assert edited.exercise == "overhead-press"
    assert [s.load for s in edited.sets] == [25, 25, 22.5, 22.5, 22.5]


async def test_enter_shows_the_session_on_the_dashboard_and_d_logs_it(
    plan_file: PlanFile,
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_calendar(pilot)
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert "Mon 2026-12-21 · session 10 of 36" in screen_text(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert "in the future" in screen_text(pilot)
        await pilot.press("y")
        await settle(pilot)
    entry = files.read_plan(plan_file.path).plan.entry(dt.date(2026, 12, 21))
    assert entry is not None
    assert entry.status == "done"


async def test_skip_from_the_calendar_and_only_changed_cells_are_redrawn(
    plan_file: PlanFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar(pilot)
        table = screen.query_one(CalendarGrid)
        updated: list[tuple[object, object]] = []
        original = table.update_cell

        def spy(row: str, column: str, value: object, **kwargs: bool) -> None:
            updated.append((row, column))
            original(row, column, value, **kwargs)

        monkeypatch.setattr(table, "update_cell", spy)
        await pilot.press("s", "enter")
        await settle(pilot)
        assert "– A 30 Nov" in screen_text(pilot)
    assert updated == [("1", "s0")]
    entry = files.read_plan(plan_file.path).plan.entry(TODAY)
    assert entry is not None
    assert entry.status == "skipped"


async def test_go_to_jumps_to_a_session_by_number(plan_file: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar(pilot)
        await pilot.press("slash", *"30", "enter")
        await pilot.pause()
        session = screen.selected_session()
        assert session is not None
        assert session.scheduled.number == 30


@pytest.mark.slow
async def test_a_ten_year_plan_calendar_holds_every_week_and_redraws_only_what_changed(
    data_dir: Path,
) -> None:
    # How fast this is, is the bench's business (python -m bench); this is what it does.
    days = ("mon", "tue", "wed", "thu", "fri")
    plan = actions.new_plan("Decade", [(linear_5x5(), 520)], TODAY, days)
    files.create_plan(plan)
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_calendar(pilot)
        table = screen.query_one(CalendarGrid)
        assert table.row_count == 520
        await pilot.press(*["down"] * 25, "right")
        session = screen.selected_session()
        assert session is not None
        assert session.scheduled.key == TODAY + dt.timedelta(weeks=25, days=1)
        await pilot.press(*["pagedown"] * 3, *["up"] * 10)
        updated: list[object] = []
        update_cell = table.update_cell

        def counted(*args: object, **kwargs: object) -> None:
            updated.append(args)
            update_cell(*args, **kwargs)  # type: ignore[arg-type]

        table.update_cell = counted  # type: ignore[method-assign]
        screen._changed(app.projection)  # re-projected, nothing changed: no cell redrawn
        assert updated == []
        await pilot.press("t")
        assert screen.selected_session() == app.projection.next_planned()  # type: ignore[union-attr]
