"""A closed screen is let go: nothing of the app (a watcher, a signal) keeps it, so an hour of
opening the calendar does not hold an hour of calendars (issue 13: each closed calendar stayed
in the app's theme watchers, each with its table of the whole plan)."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from planner.files import PlanFile
from screens.app import WorkoutApp
from screens.calendar import CalendarScreen
from screens.today import TodayScreen

from .conftest import TODAY
from .helpers import screen_text, settle

SIZE = (100, 30)


def alive(kind: type[object]) -> int:
    """Instances of ``kind`` the process still holds, after a full collection.

    Frozen objects (``gc.freeze``) are never collected and do not show in ``gc.get_objects()``:
    they are counted too (unfrozen for the count, frozen again after it).
    """
    gc.collect()
    gc.unfreeze()
    try:
        return sum(isinstance(o, kind) for o in gc.get_objects())
    finally:
        gc.freeze()


async def test_closed_calendars_are_let_go_and_an_open_one_still_follows_the_plan(
    plan_file: PlanFile,
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = alive(CalendarScreen)  # earlier apps' (a freeze is process-wide)
        for _ in range(3):
            await pilot.press("c")
            await settle(pilot)
            assert isinstance(app.screen, CalendarScreen)
            await pilot.press("escape")
            await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        await pilot.pause()
        assert alive(CalendarScreen) == before
        # The one open now still follows the plan and the theme.
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("d", "y")  # log today's session from the calendar
        await settle(pilot)
        assert "Mon 2026-11-30 · session 1 of 36 · day A · done" in screen_text(pilot)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)
        assert app.screen.table.row_count == 12


async def test_a_closed_screens_title_line_is_let_go(plan_file: PlanFile) -> None:
    # Textual's Header watched the app's title: each closed screen's header (four widgets and
    # all they drew) stayed in the app until the plan's name next changed.
    from textual.widget import Widget

    from screens.titlebar import TitleBar

    def titles() -> int:
        gc.collect()
        return sum(isinstance(o, Widget) and "Header" in type(o).__name__ for o in gc.get_objects())

    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("question_mark", "c", "question_mark"):
            await pilot.press(key)
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        await pilot.pause()
        assert len(app.screen.query(TitleBar)) == 1
        assert titles() == 0  # no header of a closed screen kept
        assert "workout — Strength" in screen_text(pilot)


def every_screen(app: WorkoutApp) -> dict[type[Screen[Any]], Callable[[], Screen[Any]]]:
    """Each kind of screen of the app, built as the app builds it, on the plan as it now is."""
    from screens.back_care import BackCareScreen
    from screens.export_dialog import ExportScreen
    from screens.help import HelpScreen
    from screens.log_session import LogSessionScreen
    from screens.plans import PlansScreen
    from screens.program_editor import ProgramEditorScreen
    from screens.progress import ProgressScreen
    from screens.wizard import NewPlanScreen

    projection, service = app.projection, app.service
    assert projection is not None
    assert service is not None
    session = projection.next_planned() or projection.sessions[-1]
    return {
        LogSessionScreen: lambda: LogSessionScreen(projection, session),
        NewPlanScreen: lambda: NewPlanScreen(app.today),
        ProgramEditorScreen: ProgramEditorScreen,
        ProgressScreen: lambda: ProgressScreen(projection),
        ExportScreen: lambda: ExportScreen(service, projection),
        CalendarScreen: CalendarScreen,
        PlansScreen: lambda: PlansScreen(app.today, service.path),
        HelpScreen: HelpScreen,
        BackCareScreen: BackCareScreen,
    }


async def test_no_closed_screen_of_any_kind_stays_alive_after_opens_and_saves(
    plan_file: PlanFile,
) -> None:
    # Each save projected the whole plan again and froze every object then alive for the
    # cyclic GC, the screens closed just before it included: they were never let go.
    rounds = 3
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # What earlier apps of this process left (a freeze is process-wide) is not this app's.
        before = {kind: alive(kind) for kind in every_screen(app)}
        for round_ in range(rounds):
            for make in every_screen(app).values():
                await app.push_screen(make())
                await pilot.pause()
                await app.pop_screen()
                await pilot.pause()
            # A save (log today's session, then undo it), and the whole plan projected anew.
            await pilot.press(*(("d", "y") if round_ % 2 == 0 else ("u",)))
            await settle(pilot)
            await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        await pilot.pause()
        kept = {kind.__name__: n for kind, was in before.items() if (n := alive(kind) - was)}
        assert kept == {}
        assert "Mon 30 Nov done" in screen_text(pilot)  # logged, undone, logged again


def held(kind: type[object]) -> int:
    """Instances of ``kind`` not yet collected, with no collection here (what is gone was
    collected by the app itself); frozen ones are left out (``alive`` counts them)."""
    return sum(isinstance(o, kind) for o in gc.get_objects())


async def test_a_closed_screen_is_collected_by_the_app_once_it_is_closed(
    plan_file: PlanFile,
) -> None:
    # The full collections run once a screen is closed, not at random in the next screen's
    # opening: closed screens do not pile up, and none is kept by a freeze.
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = alive(CalendarScreen)
        tracked = held(CalendarScreen)
        for _ in range(3):
            await pilot.press("c")
            await settle(pilot)
            assert isinstance(app.screen, CalendarScreen)
            runs = app.idle_gc.collections
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, TodayScreen)
            assert app.idle_gc.collections == runs + 1
            await pilot.pause()
            assert held(CalendarScreen) <= tracked + 1  # (the one the key press still held)
        await pilot.press("d", "y")  # a save: a new whole plan, then a collection
        await settle(pilot)
        await pilot.pause(app.idle_gc.DELAY * 3)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert held(CalendarScreen) <= tracked + 1
        assert alive(CalendarScreen) == before  # none kept by a freeze either
        assert "Mon 30 Nov done" in screen_text(pilot)


async def test_the_lines_closed_screens_drew_are_let_go(plan_file: PlanFile) -> None:
    # Textual keeps the style caches of the last 1,024 widgets after the widgets are gone, each
    # with every line its widget drew (Textualize/textual#6665): an hour of opening screens held
    # ~38 MiB of drawn lines. A closed screen empties its widgets' caches as it goes.
    from textual.strip import Strip

    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        counts = []
        for _ in range(4):
            for make in every_screen(app).values():
                await app.push_screen(make())
                await pilot.pause()
                await app.pop_screen()
                await pilot.pause()
            await settle(pilot)
            counts.append(alive(Strip))
        assert isinstance(app.screen, TodayScreen)
        # Each round of every screen kept ~4,200 more drawn lines; now under 200 (what a loading
        # indicator drew: it goes while its screen stays).
        assert counts[-1] - counts[0] < 3 * 200, counts
        assert "Linear 5×5 · week 1 of 12" in screen_text(pilot)  # the dashboard drawn whole


async def test_a_service_an_undo_replaced_lets_go_of_its_whole_plan(plan_file: PlanFile) -> None:
    # A finished worker keeps the service it saved with (its arguments), and each service kept
    # its last whole plan to lend its sessions: a 10-year plan's, ~13 MiB, for every service
    # an undo replaced while a worker of its time lived on.
    import weakref

    from planner.projection import WholePlan

    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d", "y")
        await settle(pilot)
        await settle(pilot)
        replaced = app.service  # (held here, as a finished save worker holds it)
        assert isinstance(app.projection, WholePlan)
        shown = weakref.ref(app.projection)
        await pilot.press("u")
        await settle(pilot)
        await settle(pilot)
        assert app.service is not replaced
        assert isinstance(app.projection, WholePlan)
        gc.collect()
        assert shown() is None
        assert "Mon 30 Nov done" not in screen_text(pilot)
        await pilot.press("d", "y")  # the replaced service stays out of the way
        await settle(pilot)
        assert "Mon 30 Nov done" in screen_text(pilot)
    assert replaced is not None


async def test_the_collector_turned_off_for_start_up_runs_again_once_the_app_is_drawn(
    plan_file: PlanFile,
) -> None:
    # `workout` turns the cyclic collector off while the app starts (planner.cli); left off, a
    # day's use would keep every cycle of closed widgets.
    gc.disable()
    try:
        async with WorkoutApp(today=TODAY).run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert "Mon 2026-11-30" in screen_text(pilot)  # (drawn, with the plan)
    finally:
        gc.enable()
