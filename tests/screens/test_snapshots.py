"""Snapshots of the main screens, on a fixed plan and a fixed today (100×30).

Regenerate after an intended change: ``pytest tests/screens --snapshot-update``, then look at
the report (``snapshot_report.html``) before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from planner.files import PlanFile
from screens.app import WorkoutApp

from .conftest import TODAY
from .helpers import settle

SIZE = (100, 30)


def keys(*pressed: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Wait for the plan, then press ``pressed`` (each followed by the saves it causes)."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
        pilot.app.clear_notifications()  # toasts come and go with time
        await pilot.pause()

    return run_before


SCREENS = {
    "dashboard": (),
    "dashboard_after_done": ("d", "y"),
    "confirm_done": ("d",),
    "log_session": ("l",),
    "calendar": ("d", "y", "c", "down"),
    "help": ("question_mark",),
}
"""Each snapshot and the keys that lead to it."""


@pytest.mark.parametrize("name", list(SCREENS))
def test_screen(snap_compare: Callable[..., bool], plan_file: PlanFile, name: str) -> None:
    app = WorkoutApp(today=TODAY)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys(*SCREENS[name]))


def test_calendar_in_a_light_theme(snap_compare: Callable[..., bool], plan_file: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)

    async def light(pilot: Pilot[None]) -> None:
        pilot.app.theme = "textual-light"
        await keys("c")(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=light)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_wizard(snap_compare: Callable[..., bool], data_dir: object, size: tuple[int, int]) -> None:
    """No plan yet: the new-plan wizard, its timeline and preview filled in."""
    from screens.wizard import SETTLE

    async def settled(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.pause(SETTLE + 0.1)
        await keys()(pilot)

    assert snap_compare(WorkoutApp(today=TODAY), terminal_size=size, run_before=settled)
