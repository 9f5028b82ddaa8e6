"""Screen-open times: push each screen of the app on a loaded plan, time it to its first frame.

The floor is a plain :class:`~textual.screen.Screen` with one Static, pushed and timed the same
way in the same app, in turns with the measured screens (so a machine that slows down slows
both). Run through ``python -m bench.tui_probe screens RUNS TODAY``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import statistics
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from screens.app import WorkoutApp

FLOOR = "plain"
"""The name of the floor row."""


class Plain(Screen[None]):
    """The floor: the least a screen can be."""

    def compose(self) -> ComposeResult:
        """One line of text."""
        yield Static("A plain screen")


def factories(app: object) -> dict[str, Callable[[], Screen[Any]]]:
    """Each screen of the app, built as the app builds it."""
    from screens.back_care import BackCareScreen
    from screens.calendar import CalendarScreen
    from screens.export_dialog import ExportScreen
    from screens.help import HelpScreen
    from screens.log_session import LogSessionScreen
    from screens.plans import PlansScreen
    from screens.program_editor import ProgramEditorScreen
    from screens.progress import ProgressScreen
    from screens.wizard import NewPlanScreen

    projection = app.projection  # type: ignore[attr-defined]
    service = app.service  # type: ignore[attr-defined]
    today = app.today  # type: ignore[attr-defined]
    session = projection.next_planned() or projection.sessions[-1]
    return {
        FLOOR: Plain,
        "log": lambda: LogSessionScreen(projection, session),
        "wizard": lambda: NewPlanScreen(today),
        "program editor": ProgramEditorScreen,
        "progress": lambda: ProgressScreen(projection),
        "export": lambda: ExportScreen(service, projection),
        "calendar": CalendarScreen,
        "plans": lambda: PlansScreen(today, service.path),
        "help": HelpScreen,
        "back care": BackCareScreen,
    }


async def _open(app: object, make: Callable[[], Screen[Any]]) -> float:
    """CPU seconds from building and pushing the screen to its first frame; then pop it.

    CPU time, not wall time: the machine is shared, and waiting for the next frame costs no
    CPU; what a slow screen costs is the work it makes the process do.
    """
    loop = asyncio.get_running_loop()
    drawn = loop.create_future()
    start = time.process_time()
    screen = make()
    await app.push_screen(screen)  # type: ignore[attr-defined]

    def first_frame() -> None:
        if not drawn.done():
            drawn.set_result(time.process_time())

    screen.call_after_refresh(first_frame)
    end: float = await drawn
    await app.pop_screen()  # type: ignore[attr-defined]
    await asyncio.sleep(0.02)  # let the popped screen go
    return end - start


async def wait_for_whole_plan(app: WorkoutApp, pilot: Pilot[None], tries: int = 200) -> None:
    """Let the app load its plan and project it whole (the calendar and progress need it)."""
    from planner.projection import WholePlan

    for _ in range(tries):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if isinstance(app.projection, WholePlan):
            return


def measure(today: dt.date, runs: int) -> dict[str, float]:
    """Median seconds per screen (and the floor) on the plan in ``$WORKOUT_DATA_DIR``."""
    from screens.app import WorkoutApp

    async def drive() -> dict[str, list[float]]:
        app = WorkoutApp(today=today)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for_whole_plan(app, pilot)
            made = factories(app)
            times: dict[str, list[float]] = {name: [] for name in made}
            for make in made.values():  # once each, untimed: imports and CSS parsing
                await _open(app, make)
            for _ in range(runs):
                for name, make in made.items():
                    times[name].append(await _open(app, make))
            return times

    times = asyncio.run(drive())
    return {name: statistics.median(values) for name, values in times.items()}


def main(runs: int, today: dt.date) -> None:
    """Print ``name<TAB>median seconds`` per screen."""
    for name, seconds in measure(today, runs).items():
        print(f"{name}\t{seconds:.6f}")
