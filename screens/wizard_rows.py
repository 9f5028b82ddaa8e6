"""The wizard's repeated rows: a phase (program, weeks, move and remove) and a lift's start."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from planner.actions import StartingLoad


class PhaseRow(Vertical):
    """Phase ``index``: its program, its weeks, buttons to move it and take it out; its error."""

    def __init__(self, index: int, options: list[tuple[str, str]], program: str | None) -> None:
        super().__init__(id=f"phase-{index}", classes="phase")
        self.index = index
        """Position in the chain (0-based)."""
        self._options = options
        self._program = program

    def compose(self) -> ComposeResult:
        """One line of fields and buttons, and a line for what is wrong with them."""
        with Horizontal(classes="phase-line"):
            yield Select(
                self._options,
                prompt="Program",
                id=f"program-{self.index}",
                value=self._program if self._program is not None else Select.NULL,
            )
            yield Input(placeholder="weeks", id=f"weeks-{self.index}", classes="weeks")
            yield Button("↑", id=f"up-{self.index}", classes="tool", tooltip="Earlier (alt+↑)")
            yield Button("↓", id=f"down-{self.index}", classes="tool", tooltip="Later (alt+↓)")
            yield Button("✕", id=f"remove-{self.index}", classes="tool", tooltip="Remove (ctrl+r)")
        yield Static("", classes="error", id=f"phase-{self.index}-error")


class LiftRow(Vertical):
    """Where a lift starts: a load, a training max, or a one-rep max (``1rm:120``)."""

    def __init__(self, field: StartingLoad, unit: str, value: str) -> None:
        super().__init__(id=f"lift-{field.exercise}", classes="lift")
        self.field = field
        """The lift and its program's default."""
        self._unit = unit
        self._value = value

    def compose(self) -> ComposeResult:
        """The lift's name and what it asks, the field, and a line for what is wrong."""
        what = "training max" if self.field.training_max else "start"
        with Horizontal(classes="load-row"):
            yield Label(f"{self.field.name} ({what})", classes="load-label")
            yield Input(
                self._value,
                placeholder=f"{self.field.default:g} {self._unit}",
                id=f"load-{self.field.exercise}",
                classes="load",
            )
        yield Static("", classes="error", id=f"load-{self.field.exercise}-error")
