"""The plans picker: every plan with its progress and next session; Enter opens one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from planner import service as plans
from planner.errors import WorkoutError
from planner.overview import overview

Row = tuple[str, str, str, str, str]


class PlansScreen(Screen[Path | None]):
    """Pick a plan; dismisses with its path (None: keep the current one)."""

    CLOSES_ON_LOAD = True
    """Opening a plan (from here) closes this screen."""
    CSS_PATH = "plans.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", tooltip="Open the highlighted plan"),
        Binding("escape", "close", "Back", tooltip="Keep the current plan"),
    ]

    class PlansRead(Message):
        """Every plan file was read (a broken one says so in its row)."""

        def __init__(self, rows: list[tuple[Path, Row]]) -> None:
            super().__init__()
            self.rows = rows

    def __init__(self, today: dt.date, current: Path | None = None) -> None:
        super().__init__()
        self.today = today
        """The date progress is counted to."""
        self.current = current
        """The plan open now (the cursor starts on it)."""
        self._paths: list[Path] = []

    def compose(self) -> ComposeResult:
        """A table of plans."""
        yield Header()
        yield Static("Your plans · Enter opens one · n creates one", id="hint")
        yield DataTable(id="plans", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        """Read the plans in the background."""
        table = self.query_one(DataTable)
        table.add_columns("Plan", "Name", "Phases", "Done", "Next")
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
                rows.append((path, (path.stem, f"cannot be read: {error}", "", "", "")))
        self.post_message(self.PlansRead(rows))

    def on_plans_screen_plans_read(self, message: PlansRead) -> None:
        """Fill the table."""
        table = self.query_one(DataTable)
        table.loading = False
        self._paths = [path for path, _ in message.rows]
        for _, row in message.rows:
            table.add_row(*(Text(cell) for cell in row))
        if not message.rows:
            self.query_one("#hint", Static).update("No plans yet. Press n to create one.")
        if self.current in self._paths:
            table.move_cursor(row=self._paths.index(self.current))
        table.focus()

    def on_data_table_row_selected(self) -> None:
        """Enter on a row opens it."""
        self.action_open()

    def action_open(self) -> None:
        """Open the highlighted plan."""
        row = self.query_one(DataTable).cursor_row
        if 0 <= row < len(self._paths):
            self.dismiss(self._paths[row])

    def action_close(self) -> None:
        """Keep the current plan."""
        self.dismiss(None)
