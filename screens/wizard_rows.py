"""The wizard's pieces: its repeated rows (a phase: program, weeks, move and remove; a lift's
start), the fields only lifts need, the preview table, and where a message belongs.

A row is one line of fields; the line saying what is wrong with them is mounted below it only
when there is something to say (see ``NewPlanScreen._error``): most rows never need one.
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from planner import newplan, present
from planner.actions import StartingLoad
from planner.errors import UsageError
from planner.model import Plan
from screens.choice import Choice

FIELD_OF_FLAG = {"--start": "start", "--days": "days", "--bar": "bar", "--plates": "plates"}
"""Which field shows a message naming a ``workout new`` flag (``--set X``: that lift's)."""


class PhaseRow(Horizontal):
    """Phase ``index``: its program, its weeks; buttons to move it and take it out once there
    is more than one phase (a lone phase can be neither moved nor removed)."""

    def __init__(
        self, index: int, options: list[tuple[str, str]], program: str | None, tools: bool
    ) -> None:
        super().__init__(id=f"phase-{index}", classes="phase")
        self.index = index
        """Position in the chain (0-based)."""
        self._options = options
        self._program = program
        self._tools = tools

    def compose(self) -> ComposeResult:
        """The program, the weeks, and the tools."""
        yield Choice(
            self._options, prompt="Program", id=f"program-{self.index}", value=self._program
        )
        yield Input(placeholder="weeks", id=f"weeks-{self.index}", classes="weeks")
        if self._tools:
            yield from self.tools()

    def tools(self) -> list[Button]:
        """Earlier, later, remove."""
        return [
            Button("↑", id=f"up-{self.index}", classes="tool", tooltip="Earlier (alt+↑)"),
            Button("↓", id=f"down-{self.index}", classes="tool", tooltip="Later (alt+↓)"),
            Button("✕", id=f"remove-{self.index}", classes="tool", tooltip="Remove (ctrl+r)"),
        ]

    async def add_tools(self) -> None:
        """Show the tools (a second phase came)."""
        if not self.query(".tool"):
            await self.mount_all(self.tools())


class LiftRow(Horizontal):
    """Where a lift starts: a load, a training max, or a one-rep max (``1rm:120``)."""

    def __init__(self, field: StartingLoad, unit: str, value: str) -> None:
        super().__init__(id=f"lift-{field.exercise}", classes="lift")
        self.field = field
        """The lift and its program's default."""
        self._unit = unit
        self._value = value

    def compose(self) -> ComposeResult:
        """The lift's name and what it asks, and the field."""
        what = "training max" if self.field.training_max else "start"
        yield Label(f"{self.field.name} ({what})", classes="load-label")
        yield Input(
            self._value,
            placeholder=f"{self.field.default:g} {self._unit}",
            id=f"load-{self.field.exercise}",
            classes="load",
        )


def check(field: str, flag: str, parse: object, *args: str) -> list[tuple[str, str, str]]:
    """``[(field, message, flag)]`` when ``parse(*args)`` refuses, else ``[]``."""
    try:
        parse(*args)  # type: ignore[operator]
    except UsageError as error:
        return [(field, str(error), flag)]
    return []


def field_of(message: str, lifts: set[str]) -> tuple[str, str]:
    """The field a ``workout new`` message is about, and the message without the flag."""
    flag, _, rest = message.partition(": ")
    if flag.startswith("--set "):
        lift = flag.removeprefix("--set ")
        if lift in lifts:
            return f"load-{lift}", rest
    if flag in FIELD_OF_FLAG:
        return FIELD_OF_FLAG[flag], rest
    return "name", message


def strength_fields() -> list[Widget]:
    """Where each lift starts, the bar and the plates: asked only of programs with lifts."""
    return [
        Label("Where each lift starts", classes="section"),
        Static(
            "Empty: the program's start. A load (60), or your one-rep max (1rm:120).",
            classes="hint",
        ),
        Vertical(id="loads"),
        Label("Bar and plates", classes="section"),
        Input(placeholder="bar: 20 kg", id="bar"),
        Input(placeholder="plate pairs: 25,20,10,5,2.5 (the usual)", id="plates"),
    ]


def preview_text(plan: Plan, today: dt.date, weeks: int) -> str:
    """The plan's first ``weeks`` as a table: date, day, exercise, sets, why."""
    window = newplan.preview(plan, today, weeks)
    names = plan.exercises()
    rows = []
    for session in window.sessions:
        for index, p in enumerate(session.prescriptions):
            first = index == 0
            rows.append(
                (
                    f"{session.scheduled.date:%a %d %b}" if first else "",
                    window.day_name(session) if first else "",
                    present.exercise_name(p.exercise, names),
                    present.describe_sets(
                        p.sets, plan.units, added=present.added_load(plan, p.exercise, names)
                    ),
                    p.why,
                )
            )
    return present.table(rows, ("Date", "Day", "Exercise", "Sets", "Why"))


def show_error(screen: Widget, field: str, message: str) -> None:
    """Say what is wrong with ``field`` on the line below it (or below its row: a phase's, a
    lift's), that line made the first time it is needed; an empty message hides it."""
    for widget in screen.query(f"#{field}-error").results(Static):
        widget.update(message)
        widget.display = bool(message)
        return
    if message:
        anchor = screen.query_one(
            f"#lift-{field[5:]}" if field.startswith("load-") else f"#{field}"
        )
        line = Static(message, classes="error", id=f"{field}-error")
        line.display = True
        if isinstance(anchor.parent, Widget):
            anchor.parent.mount(line, after=anchor)
