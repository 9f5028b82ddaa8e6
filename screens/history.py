"""History: the kept versions of the open plan, newest first, each with when it was kept, what
replaced it and what changed after it (the text of ``workout history``); Enter restores the
highlighted one after a question that says what the restore will change.

A restore is a save like any other (:meth:`planner.service.PlanService.restore`): the file as it
is now is kept as a backup first, so ``u`` (or ``workout undo``) reverts the restore.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from planner.changes import summary, version_columns
from planner.errors import WorkoutError
from screens.confirm import ConfirmScreen
from screens.keybar import KeyBar
from screens.titlebar import TitleBar

if TYPE_CHECKING:
    from planner.changes import Version
    from planner.service import PlanService
    from screens.app import WorkoutApp

INTRO = (
    "Earlier versions of {name}, newest first, each with what changed after it. "
    "Enter restores one (the current file is kept first: u undoes the restore)."
)


class HistoryScreen(Screen[None]):
    """The kept versions of the open plan; restore one."""

    CLOSES_ON_LOAD = True
    """A restore opens the restored plan, which closes this screen."""
    CSS_PATH = "history.tcss"
    AUTO_FOCUS = "#versions"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Above the table's own Enter, so the key bar shows it whether the table has focus or not.
        Binding(
            "enter", "restore", "Restore", priority=True, tooltip="Put the highlighted version back"
        ),
        Binding("r", "restore", "Restore", show=False, tooltip="Put the highlighted version back"),
        Binding("escape", "close", "Back", tooltip="Back to the dashboard"),
    ]

    class VersionsRead(Message):
        """The kept versions were read, each with what restoring it would change."""

        def __init__(self, versions: list[tuple[Version, tuple[str, ...]]]) -> None:
            super().__init__()
            self.versions = versions

    def __init__(self) -> None:
        super().__init__()
        self.versions: list[tuple[Version, tuple[str, ...]]] = []
        """The kept versions, newest first, each with what restoring it would change."""

    @property
    def workout(self) -> WorkoutApp:
        """The app, typed."""
        return cast("WorkoutApp", self.app)

    def compose(self) -> ComposeResult:
        """What this is, and a table of versions."""
        service = self.workout.service
        yield TitleBar()
        yield Static(INTRO.format(name=service.slug if service else "the plan"), id="hint")
        yield DataTable(id="versions", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        """Read the versions in the background."""
        table = self.query_one(DataTable)
        table.add_columns("#", "Kept", "Replaced", "What changed after it")
        table.loading = True
        self.read_versions()

    @work(thread=True, exclusive=True, exit_on_error=False, description="read history")
    def read_versions(self) -> None:
        """Every kept version, and what putting each back would change."""
        service = self.workout.service
        found: list[tuple[Version, tuple[str, ...]]] = []
        if service is not None:
            try:
                found = [(v, service.restoring(v.backup.path)) for v in service.history()]
            except WorkoutError as error:
                self.app.call_from_thread(self.app.notify, str(error), severity="error")
        self.post_message(self.VersionsRead(found))

    def on_history_screen_versions_read(self, message: VersionsRead) -> None:
        """Fill the table (newest first, as ``workout history`` numbers them)."""
        table = self.query_one(DataTable)
        table.loading = False
        table.focus()  # (↑ and ↓ pick a version at once)
        self.versions = message.versions
        for version, _ in self.versions:
            when, kind, changed = version_columns(version)
            table.add_row(str(version.number), when, kind, Text(changed))
        if not self.versions:
            self.query_one("#hint", Static).update(
                "No earlier version is kept yet: every change you save keeps one."
            )

    def on_data_table_row_selected(self) -> None:
        """Enter on a row restores it (after a question)."""
        self.action_restore()

    def action_restore(self) -> None:
        """Ask, saying what the restore will change; then restore (the current file is kept)."""
        row = self.query_one(DataTable).cursor_row
        if not 0 <= row < len(self.versions):
            return
        if self.workout.unsaved:
            self.notify(
                "A change is not saved yet: Ctrl+S tries again first; nothing was restored.",
                severity="warning",
            )
            return
        version, changes = self.versions[row]
        service = self.workout.service
        if service is None:
            return
        when = version_columns(version)[0]
        body = (
            f"What changes: {summary(changes, most=6)}.\n"
            "The plan as it is now is kept as a backup first: u undoes the restore."
            if changes
            else "It holds the same plan as now; the file as it is now is kept as a backup."
        )

        def answered(answer: str | None) -> None:
            if answer is not None:
                self._restore(service, version)

        self.app.push_screen(
            ConfirmScreen(f"Restore version {version.number} ({when})?", body, yes="Restore"),
            answered,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, description="restore")
    def _restore(self, service: PlanService, version: Version) -> None:
        """Restore through the open plan's service (refused if the file changed since it was
        read: nothing is restored over a change not yet seen), then open the restored plan."""
        try:
            done = service.restore(version.backup.path)
        except WorkoutError as error:
            self.app.call_from_thread(
                self.app.notify, str(error), title="Not restored", severity="error", timeout=12
            )
            return
        note = (
            f"Restored version {version.number}: {summary(done.changes)}. "
            "The version it replaced is kept: u undoes the restore."
        )
        self.app.call_from_thread(self._restored, service, note)

    def _restored(self, service: PlanService, note: str) -> None:
        self.app.notify(note, timeout=8)
        self.workout.load_plan(service.path)  # (opening it closes this screen)

    def action_close(self) -> None:
        """Back to the dashboard."""
        self.dismiss()


def open_history(app: WorkoutApp) -> None:
    """Open the history of the plan in use (from the dashboard's key)."""
    if app.service is not None and not isinstance(app.screen, HistoryScreen):
        app.push_screen(HistoryScreen())
