"""The plans picker: every plan with its progress and next session; Enter opens one, ``/``
filters, ``r`` renames, ``a`` archives and Delete moves one to the trash (never destroyed:
``workout restore-plan NAME`` brings it back)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from planner import service as plans, shelf
from planner.errors import WorkoutError
from planner.overview import overview
from screens.confirm import ConfirmScreen
from screens.keybar import KeyBar
from screens.titlebar import TitleBar

if TYPE_CHECKING:
    from screens.app import WorkoutApp

Row = tuple[str, str, str, str, str]
"""PLAN (its name in commands), NAME, PHASES, DONE, NEXT."""


class PlansScreen(Screen[Path | None]):
    """Pick a plan; dismisses with its path (None: keep the current one)."""

    CLOSES_ON_LOAD = True
    """Opening a plan (from here) closes this screen."""
    CSS_PATH = "plans.tcss"
    AUTO_FOCUS = "#plans"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", tooltip="Open the highlighted plan"),
        Binding("slash", "filter", "Filter", key_display="/", tooltip="Show only matching plans"),
        Binding("r", "rename", "Rename", tooltip="Rename the highlighted plan"),
        Binding("a", "archive", "Archive", show=False, tooltip="Put the plan away"),
        Binding("delete", "delete", "Delete", key_display="del", tooltip="Move it to the trash"),
        Binding("n", "app.new_plan", "New", show=False, tooltip="Create a plan"),
        Binding("escape", "close", "Back", tooltip="Keep the current plan"),
    ]

    class PlansRead(Message):
        """Every plan file was read (a broken one says so in its row)."""

        def __init__(self, rows: list[tuple[Path, Row]]) -> None:
            super().__init__()
            self.rows = rows

    class PlanMoved(Message):
        """A plan was renamed, archived or deleted (``path`` None: moved off the list)."""

        def __init__(self, old: Path, path: Path | None, note: str) -> None:
            super().__init__()
            self.old, self.path, self.note = old, path, note

    def __init__(self, today: dt.date, current: Path | None = None) -> None:
        super().__init__()
        self.today = today
        """The date progress is counted to."""
        self.current = current
        """The plan open now (the cursor starts on it)."""
        self._rows: list[tuple[Path, Row]] = []
        self._paths: list[Path] = []

    def compose(self) -> ComposeResult:
        """A filter field (on /), a table of plans."""
        yield TitleBar()
        yield Static(
            "Enter opens · / filters · n new · r renames · a archives · del trash", id="hint"
        )
        yield Input(placeholder="Filter by name", id="filter", compact=True)
        yield DataTable(id="plans", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        """Read the plans in the background."""
        table = self.query_one(DataTable)
        table.add_columns("Name", "Done", "Next", "Phases")
        table.loading = True
        self.read_plans()

    @work(thread=True, exclusive=True, exit_on_error=False, description="read plans")
    def read_plans(self) -> None:
        """Read and project every plan, as ``workout plans`` does."""
        rows: list[tuple[Path, Row]] = []
        for path in plans.list_plans():
            try:
                rows.append((path, overview(path, self.today).row()))
            except WorkoutError as error:
                rows.append(
                    (path, (path.stem, f"{path.stem}: cannot be read: {error}", "", "", ""))
                )
        self.post_message(self.PlansRead(rows))

    def on_plans_screen_plans_read(self, message: PlansRead) -> None:
        """Fill the table."""
        self.query_one(DataTable).loading = False
        self._rows = message.rows
        self._fill()
        if not message.rows:
            self.query_one("#hint", Static).update("No plans yet. Press n to create one.")

    def _fill(self) -> None:
        """The rows that match the filter; the cursor on the current plan."""
        table = self.query_one(DataTable)
        words = self.query_one("#filter", Input).value.strip().lower()
        table.clear()
        self._paths = []
        for path, (slug, name, phases, done, upcoming) in self._rows:
            if words and words not in f"{slug} {name} {phases}".lower():
                continue
            self._paths.append(path)
            table.add_row(Text(name), Text(done), Text(upcoming), Text(phases))
        if self.current in self._paths:
            table.move_cursor(row=self._paths.index(self.current))
        if not self.query_one("#filter", Input).has_focus:
            table.focus()

    @on(Input.Changed, "#filter")
    def _filtered(self) -> None:
        self._fill()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()

    def action_filter(self) -> None:
        """Show the filter field and type in it."""
        field = self.query_one("#filter", Input)
        field.add_class("-shown")
        field.focus()

    def on_data_table_row_selected(self) -> None:
        """Enter on a row opens it."""
        self.action_open()

    def _highlighted(self) -> Path | None:
        row = self.query_one(DataTable).cursor_row
        return self._paths[row] if 0 <= row < len(self._paths) else None

    def action_open(self) -> None:
        """Open the highlighted plan."""
        if (path := self._highlighted()) is not None:
            self.dismiss(path)

    def action_close(self) -> None:
        """Clear the filter, else keep the current plan."""
        field = self.query_one("#filter", Input)
        if field.value or field.has_focus:
            field.value = ""
            field.remove_class("-shown")
            self._fill()
            return
        self.dismiss(None)

    # Rename, archive, delete ---------------------------------------------------------------

    def _name_of(self, path: Path) -> str:
        return next((row[1] for p, row in self._rows if p == path), path.stem)

    def action_rename(self) -> None:
        """Ask for a new name, then rename the plan (file and name shown)."""
        path = self._highlighted()
        if path is None:
            return

        def check(text: str) -> str | None:
            return None if text.strip() else "type a name"

        ask = ConfirmScreen(
            f"Rename {self._name_of(path)}",
            "The name shown and the name in commands (--plan) both change.",
            yes="Rename",
            field="New name",
            value=self._name_of(path),
            check=check,
        )

        def rename(name: str | None) -> None:
            if name:
                self._move(path, name, "")

        self.app.push_screen(ask, rename)

    def action_archive(self) -> None:
        """Put the plan away (``workout restore-plan`` brings it back)."""
        self._ask_shelve("archive", "Archive", "It leaves this list, with its log and backups")

    def action_delete(self) -> None:
        """Move the plan to the trash (``workout restore-plan`` brings it back)."""
        self._ask_shelve("trash", "Delete", "It moves to the trash, with its log and backups")

    def _ask_shelve(self, where: str, verb: str, what: str) -> None:
        path = self._highlighted()
        if path is None:
            return
        ask = ConfirmScreen(
            f"{verb} {self._name_of(path)}?",
            f"{what}; `workout restore-plan {path.stem}` brings it back.",
            yes=verb,
            default="no" if where == "trash" else "yes",
        )

        def shelve(answer: str | None) -> None:
            if answer is not None:
                self._move(path, "", where)

        self.app.push_screen(ask, shelve)

    @work(thread=True, exit_on_error=False, description="move plan")
    def _move(self, path: Path, name: str, where: str) -> None:
        action: Callable[[], Path] = (
            (lambda: shelf.rename(path, name)) if name else (lambda: shelf.shelve(path, where))
        )
        try:
            moved = action()
        except WorkoutError as error:
            self.app.call_from_thread(self.notify, str(error), title="Not done", severity="error")
            return
        if name:
            note = f"Renamed to {name}."
        else:
            place = "the trash" if where == "trash" else "the archive"
            note = (
                f"Moved {path.stem} to {place}: `workout restore-plan {moved.stem}` brings it back."
            )
        self.post_message(self.PlanMoved(path, moved if name else None, note))

    def on_plans_screen_plan_moved(self, message: PlanMoved) -> None:
        """Say what happened, follow the open plan, read the list again."""
        self.notify(message.note, timeout=8)
        app = cast("WorkoutApp", self.app)
        if self.current == message.old:
            self.current = message.path
            app.plan_moved(message.path)
        self.query_one(DataTable).loading = True
        self.read_plans()
