"""The messages the app's workers post (handled by :class:`screens.app.WorkoutApp` as
``on_workout_app_…``): a plan loaded or saved, projected whole, a load or a save failed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from planner import service as plans
from planner.changes import describe_changes
from planner.errors import DataFileError, WorkoutError

if TYPE_CHECKING:
    from planner.projection import WholePlan, Window
    from planner.service import Change, PlanService


class PlanLoaded(Message, namespace="workout_app"):
    """A plan was opened (or undone, restored), or ``change`` to it saved: its window round
    the next session (quick, whatever the plan's length); the whole plan follows."""

    def __init__(
        self,
        service: PlanService,
        window: Window,
        note: str,
        change: Change | None = None,
        *,
        reloaded: bool = False,
    ) -> None:
        super().__init__()
        self.service, self.window, self.note, self.change = service, window, note, change
        self.reloaded = reloaded
        """Read again after another process changed the file (the screens stay open)."""


class PlanProjected(Message, namespace="workout_app"):
    """The saved plan, projected whole."""

    def __init__(self, service: PlanService, projection: WholePlan) -> None:
        super().__init__()
        self.service = service
        self.projection = projection


class LoadFailed(Message, namespace="workout_app"):
    """A plan could not be read: a data problem, shown with its backups."""

    def __init__(self, path: Path, error: WorkoutError, backups: Sequence[Path]) -> None:
        super().__init__()
        self.path = path
        self.error = error
        self.backups = tuple(backups)


class ActionFailed(Message, namespace="workout_app"):
    """A save (disk full, read-only) or an undo failed; a change stays in memory."""

    def __init__(
        self,
        error: WorkoutError,
        projection: Window | None = None,
        change: Change | None = None,
    ) -> None:
        super().__init__()
        self.error = error
        self.projection = projection
        """The unsaved plan, projected (after a failed save)."""
        self.change = change
        """The change that was not saved."""


class PlanMissing(Message, namespace="workout_app"):
    """There is no plan yet."""


def read_again(service: PlanService) -> Message:
    """Read the plan file again (another process changed it): the plan with what changed in
    it, in words, or why it cannot be read (a worker posts the message this returns)."""
    try:
        before = service.plan
        after = service.reload()
        window = service.window()
    except DataFileError as error:
        return LoadFailed(service.path, error, plans.backups(service.path))
    except WorkoutError as error:
        return ActionFailed(error)
    return PlanLoaded(service, window, describe_changes(before, after), reloaded=True)
