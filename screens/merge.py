"""Merge a conflict copy: a file-sync tool (Syncthing, Nextcloud, Dropbox) met two versions of
the plan and kept one as a copy beside it. Shown when the plan opens.

Sessions logged on one side only are added and the same entry on both sides is no conflict;
each session logged differently on both sides is a row, the plan's entry beside the copy's, and
waits for the person's choice (``m`` this plan's, ``t`` the copy's; ``M``/``T`` for every row).
Enter merges once every row has a choice; Esc leaves both files as they are. Dismisses with the
choices (by date), or None.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from planner.merge import entry_detail

if TYPE_CHECKING:
    from planner.conflicts import Found
    from planner.merge import Side

HINT = (
    "m: keep this plan's · t: keep the copy's · M / T: for every row · "
    "Enter: merge · Esc: not now (nothing changes)"
)
CHOSEN = {"mine": "this plan's", "theirs": "the copy's"}


class MergeScreen(ModalScreen["dict[dt.date, Side] | None"]):
    """The differing sessions side by side; keys choose a side of each."""

    CSS_PATH = "merge.tcss"
    AUTO_FOCUS = "#conflicts"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "keep('mine')", "Keep mine", tooltip="Keep this plan's log of the session"),
        Binding("t", "keep('theirs')", "Keep theirs", tooltip="Keep the copy's log of it"),
        Binding("M", "keep_all('mine')", "All mine", show=False, tooltip="This plan's, every row"),
        Binding(
            "T", "keep_all('theirs')", "All theirs", show=False, tooltip="The copy's, every row"
        ),
        Binding("enter", "merge", "Merge", tooltip="Merge once every row has a choice"),
        Binding("escape", "later", "Not now", tooltip="Leave both files as they are"),
    ]

    def __init__(self, plan: str, found: Found) -> None:
        super().__init__()
        self.plan = plan
        """The plan's name in commands."""
        self.found = found
        """The copy, read and compared with the plan."""
        self.choices: dict[dt.date, Side] = {}
        """The side chosen for each differing session so far."""

    def compose(self) -> ComposeResult:
        """What the copy is, what a merge adds, and the differing sessions."""
        from planner.merge import describe

        comparison = self.found.comparison
        with Vertical(id="dialog"):
            yield Static(f"A sync tool left a conflict copy of {self.plan}", id="question")
            yield Static(Text("\n".join(describe(self.found.copy.name, comparison))), id="body")
            if comparison.conflicts:
                yield Static("Logged differently on both sides: choose which to keep.", id="ask")
                yield DataTable(id="conflicts", cursor_type="row", zebra_stripes=True)
            yield Static(HINT if comparison.conflicts else "Enter: merge · Esc: not now", id="hint")

    def on_mount(self) -> None:
        """One row per differing session: this plan's entry beside the copy's."""
        if not self.found.comparison.conflicts:
            return
        table = self.query_one(DataTable)
        table.add_column("Session", key="session")
        table.add_column("This plan", key="mine")
        table.add_column("Conflict copy", key="theirs")
        table.add_column("Keep", key="keep")
        for conflict in self.found.comparison.conflicts:
            table.add_row(
                f"{conflict.date:%a %Y-%m-%d}",
                Text(entry_detail(conflict.mine)),
                Text(entry_detail(conflict.theirs)),
                "?",
                key=conflict.date.isoformat(),
            )

    def _set(self, row: int, side: Side) -> None:
        conflict = self.found.comparison.conflicts[row]
        self.choices[conflict.date] = side
        self.query_one(DataTable).update_cell(conflict.date.isoformat(), "keep", CHOSEN[side])

    def action_keep(self, side: Side) -> None:
        """Keep ``side`` for the highlighted session, then go to the next one."""
        if not self.found.comparison.conflicts:
            return
        table = self.query_one(DataTable)
        self._set(table.cursor_row, side)
        table.move_cursor(row=table.cursor_row + 1)

    def action_keep_all(self, side: Side) -> None:
        """Keep ``side`` for every differing session."""
        for row in range(len(self.found.comparison.conflicts)):
            self._set(row, side)

    def on_data_table_row_selected(self) -> None:
        """Enter on the table merges too (the table would take it otherwise)."""
        self.action_merge()

    def action_merge(self) -> None:
        """Merge, once every differing session has a choice."""
        missing = [c for c in self.found.comparison.conflicts if c.date not in self.choices]
        if missing:
            days = ", ".join(f"{c.date:%a %d %b}" for c in missing)
            self.notify(f"Choose m or t for {days} first.", severity="warning")
            return
        self.dismiss(dict(self.choices))

    def action_later(self) -> None:
        """Leave the plan and the copy as they are."""
        self.dismiss(None)
