"""The export dialog: pick a format and a file; the plan is written and the result shown."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from planner.errors import WorkoutError
from planner.export import FORMATS, default_filename, export
from planner.projection import Projection
from planner.service import PlanService, write_export
from screens.widgets import shown_path

LABELS: dict[str, str] = {
    "ics": "Calendar (.ics): one event per session",
    "csv": "Spreadsheet (.csv): one row per set",
    "md": "Printable plan (.md): week by week",
    "json": "JSON: for scripts",
}


class ExportScreen(ModalScreen[Path | None]):
    """Export the plan; dismisses with the written path, or None."""

    CSS_PATH = "export_dialog.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Close")]

    def __init__(self, plan_file: PlanService, projection: Projection) -> None:
        super().__init__()
        self.plan_file = plan_file
        """The plan being exported (its slug names the file and the calendar UIDs)."""
        self.projection = projection
        """What is exported: every session as currently projected."""
        self.written: Path | None = None
        """The file written last, if any."""
        self._format = "ics"

    def compose(self) -> ComposeResult:
        """Format, file, result, buttons."""
        with Vertical(id="dialog"):
            yield Label(f"Export “{self.projection.plan.name}”", id="title")
            with RadioSet(id="format"):
                for fmt in FORMATS:
                    yield RadioButton(LABELS[fmt], value=fmt == "ics", id=f"fmt-{fmt}")
            yield Label("File")
            yield Input(self._suggested("ics"), id="path")
            yield Static("", id="result")
            with Horizontal(id="buttons"):
                yield Button("Export", variant="primary", id="export")
                yield Button("Close", id="close")

    def _suggested(self, fmt: str) -> str:
        """The file suggested for ``fmt``: in the working directory, ``~/…`` under home."""
        return shown_path(Path.cwd() / default_filename(self.plan_file.slug, fmt))

    @on(RadioSet.Changed, "#format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        fmt = (event.pressed.id or "fmt-ics").removeprefix("fmt-")
        path_input = self.query_one("#path", Input)
        # Follow the format only while the path is still the one we suggested.
        if path_input.value == self._suggested(self._format):
            path_input.value = self._suggested(fmt)
        self._format = fmt

    @on(Button.Pressed, "#export")
    @on(Input.Submitted, "#path")
    def _export(self) -> None:
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self._show("Name a file to write.", error=True)
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            path = path / default_filename(self.plan_file.slug, self._format)
        self._write(path, self._format)

    @work(thread=True, exclusive=True, exit_on_error=False, description="export")
    def _write(self, path: Path, fmt: str) -> None:
        try:
            content = export(self.projection, fmt, slug=self.plan_file.slug)
            write_export(path, content)
        except WorkoutError as error:
            self.app.call_from_thread(self._show, str(error), error=True)
            return
        size = len(content.encode("utf-8") if isinstance(content, str) else content)
        self.written = path
        message = f"Wrote {path} ({size / 1024:.1f} kB, {self.projection.total} sessions)."
        self.app.call_from_thread(self._show, message, error=False)

    def _show(self, message: str, *, error: bool) -> None:
        result = self.query_one("#result", Static)
        result.update(message)
        result.set_class(error, "error")
        result.set_class(not error, "ok")

    @on(Button.Pressed, "#close")
    def action_cancel(self) -> None:
        """Close, returning the file written (if any)."""
        self.dismiss(self.written)
