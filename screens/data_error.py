"""A plan file that cannot be read: where the problem is, and the backups to restore.

The file itself is never lost here: restoring goes through the plan service
(:meth:`planner.service.PlanService.restore`), which keeps the broken version as a backup.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from planner.errors import DataFileError, WorkoutError
from screens.keybar import KeyBar
from screens.titlebar import TitleBar
from screens.widgets import shown_path

if TYPE_CHECKING:
    from screens.app import WorkoutApp


def describe_problem(problem: WorkoutError) -> str:
    """``line 12, column 3 · log[3].pain: must be at most 10``."""
    if not isinstance(problem, DataFileError):
        return str(problem)
    where = []
    if problem.line is not None:
        where.append(f"line {problem.line}")
    if problem.column is not None:
        where.append(f"column {problem.column}")
    text = ", ".join(where)
    if problem.field:
        text += f" · {problem.field}" if text else problem.field
    return f"{text}: {problem.message}" if text else str(problem.message)


class DataErrorScreen(Screen[None]):
    """The plan file is broken (or from a newer version): say where, offer the backups."""

    CLOSES_ON_LOAD = True
    """Opening a plan (from here) closes this screen."""
    CSS_PATH = "data_error.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("u", "restore", "Restore backup", tooltip="Restore the newest backup"),
        Binding("r", "reload", "Read again", tooltip="Read the file again after fixing it"),
    ]

    def __init__(self, path: Path, error: WorkoutError, backups: Sequence[Path]) -> None:
        super().__init__()
        self.path = path
        """The plan file that could not be read."""
        self.error = error
        """What is wrong with it."""
        self.backups = tuple(backups)
        """Earlier versions of the file, newest first (``planner.service.backups``)."""

    def compose(self) -> ComposeResult:
        """Where, what, and what can be done."""
        problems: Sequence[WorkoutError] = (self.error,)
        if isinstance(self.error, DataFileError) and self.error.problems:
            problems = self.error.problems
        yield TitleBar()
        with VerticalScroll(id="body"):
            yield Static("This plan file cannot be opened", id="headline")
            yield Static(Text(shown_path(self.path)), id="path")
            yield Static(
                Text("\n".join(f"• {describe_problem(p)}" for p in problems)), id="problems"
            )
            restore = ", or restore the newest backup with u" if self.backups else ""
            yield Static(
                "The file is left exactly as it is. Fix it in an editor and press r to read it "
                f"again{restore}.",
                id="advice",
            )
            if self.backups:
                names = "\n".join(f"  {b.name}" for b in self.backups)
                yield Static(f"Backups ({len(self.backups)}):\n{names}", id="backups")
            else:
                yield Static("There is no backup of this file.", id="backups")
        with Horizontal(id="buttons"):
            if self.backups:
                yield Button("Restore newest backup (u)", variant="warning", id="restore")
            yield Button("Read again (r)", id="reload")
            yield Button("Other plan (p)", id="plans")
            yield Button("New plan (n)", id="new")
            yield Button("Quit (q)", id="quit")
        yield KeyBar()

    @property
    def workout(self) -> WorkoutApp:
        """The app, typed."""
        return cast("WorkoutApp", self.app)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Restoring needs a backup."""
        return bool(self.backups) if action == "restore" else True

    @on(Button.Pressed, "#restore")
    def action_restore(self) -> None:
        """Restore the newest backup and open it; the broken file is kept as a backup."""
        self.workout.load_plan(self.path, restore=self.backups[0])

    @on(Button.Pressed, "#reload")
    def action_reload(self) -> None:
        """Read the file again."""
        self.workout.load_plan(self.path)

    @on(Button.Pressed, "#plans")
    def _plans(self) -> None:
        self.workout.action_plans()

    @on(Button.Pressed, "#new")
    def _new(self) -> None:
        self.workout.action_new_plan()

    @on(Button.Pressed, "#quit")
    def _quit(self) -> None:
        self.workout.exit()
