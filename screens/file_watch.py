"""The app's watch on its plan file: a change made elsewhere (the CLI, an editor, a sync tool)
is read again and shown within a second, unless something of the app's own is pending."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from screens import messages
from screens.widgets import unsaved_input

if TYPE_CHECKING:
    from textual.timer import Timer

    from planner.service import PlanService
    from screens.app import WorkoutApp


class PlanFileWatch:
    """Checks the open plan's file for changes made by another process."""

    SECONDS = 0.5
    """How often the plan file is checked (a stat; the bytes only when that changed)."""

    def __init__(self, app: WorkoutApp) -> None:
        self._app = app
        self._timer: Timer | None = None

    def start(self) -> None:
        """Check from now on, every :attr:`SECONDS`."""
        self._timer = self._app.set_interval(self.SECONDS, self._check, name="watch plan file")

    def pause(self) -> None:
        """Stop checking (a screenshot or a test that must not see the file change under it)."""
        if self._timer is not None:
            self._timer.pause()

    def _check(self) -> None:
        """Reload the plan when another process changed the file, unless a change of ours,
        a plan being opened (an undo, a restore) or typed input is pending (then it waits:
        nothing is reloaded under it)."""
        app = self._app
        service = app.service
        if service is None or app.unsaved or unsaved_input(app.screen_stack) is not None:
            return
        if any(w.group == "load" and not w.is_finished for w in app.workers):
            # An undo writes the file before its plan is shown: read again meanwhile, it was
            # taken for a change made elsewhere (said so, and projected whole a second time).
            return
        if service.changed_on_disk():
            self.read_again(service)

    def read_again(self, service: PlanService) -> None:
        """Read the plan file again in the background; the app is told what changed in it."""
        self._app.run_worker(
            partial(self._read_again, service),
            thread=True,
            exclusive=True,
            group="reload",
            exit_on_error=False,
            description="reload",
        )

    def _read_again(self, service: PlanService) -> None:
        """(In a worker thread) read the plan file again and say what changed in it."""
        self._app.post_message(messages.read_again(service))
