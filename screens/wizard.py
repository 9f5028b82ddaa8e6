"""The new-plan wizard: programs chained as phases, dates, weekdays, units, where each lift
starts, the equipment; the phases' dates and the first weeks shown as the form changes.

The form is read into the flags ``workout new`` takes (:class:`planner.newplan.Choices`) and
built by the same function, so the app makes the plan the CLI would, and refuses what it
refuses, with the message beside the field.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, ScrollableContainer, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from planner import actions, catalog, newplan, present
from planner.checks import parse_start
from planner.errors import UsageError, WorkoutError
from planner.model import Plan, Program
from planner.service import PlanService
from rules.engine import WEEKDAYS
from rules.values import Unit
from screens import wizard_rows as parts
from screens.choice import Choice
from screens.keybar import KeyBar
from screens.titlebar import TitleBar
from screens.toggles import Toggles
from screens.wizard_rows import LiftRow, PhaseRow

PREVIEW_WEEKS = 2
NARROW = 100
"""Columns below which the form and the preview take turns."""
SETTLE = 0.25
"""Seconds of quiet after a change before the timeline and preview follow it (typing stays quick)."""


class NewPlanScreen(Screen[PlanService | None]):
    """Create a plan; dismisses with the saved plan, or None on Escape."""

    CSS_PATH = "wizard.tcss"
    AUTO_FOCUS = "#program-0"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "create", "Create"),
        Binding("ctrl+o", "toggle_preview", "Preview"),
        Binding("ctrl+n", "add_phase", "Add phase"),
        Binding("ctrl+r", "remove_phase", "Remove"),
        Binding("alt+up", "move_phase(-1)", "Move", key_display="alt+↑↓", show=False),
        Binding("alt+down", "move_phase(1)", "Later", show=False),
        Binding("ctrl+b", "bridge", "Bridge"),
    ]

    def __init__(self, today: dt.date) -> None:
        super().__init__()
        self.today = today
        """Default start date."""
        self.programs: dict[str, Program] = {}
        """Every program of the catalog, by id."""
        self._options: list[tuple[str, str]] = []
        self._timer: Timer | None = None
        self._lifts_for: tuple[object, ...] = ()
        self._bridge: tuple[int, str] | None = None
        self._touched = False
        self._shown: Plan | None = None
        self._ready = False

    def compose(self) -> ComposeResult:
        """The form (scrolling) on the left, the preview on the right, the buttons below."""
        try:
            self.programs = {pid: e.program for pid, e in catalog.entries().items()}
        except WorkoutError as error:
            self.notify(str(error), title="A program file has a problem", severity="error")
        self._options = [(f"{p.name} ({p.weeks} wk)", pid) for pid, p in self.programs.items()]
        yield TitleBar()
        with Horizontal(id="wizard"):
            with VerticalScroll(id="form"):
                yield Label("Programs, in order (each one is a phase)", classes="section")
                with Vertical(id="phases"):
                    yield PhaseRow(0, self._options, next(iter(self.programs), None), False)
                yield Button("+ Add a phase", id="add-phase")
                yield Static("", classes="note", id="bridge")
                yield Static("", id="timeline")
                yield Static("", classes="note", id="program-note")
                yield Label("Start date", classes="section")
                yield Input(self.today.isoformat(), id="start")
                yield Label("Training days", classes="section")
                yield Toggles(
                    [(day, day.capitalize()) for day in WEEKDAYS], ("mon", "thu"), id="days"
                )
                yield Toggles([("kg", "kg"), ("lb", "lb")], ("kg",), multiple=False, id="units")
                # Filled in when a program has lifts to load (most plans start without).
                yield Vertical(id="strength")
                yield Label("Name", classes="section")
                yield Input(placeholder="(the programs' names)", id="name")
            with ScrollableContainer(id="preview-box"):
                yield Static("", id="preview", shrink=False)
        with Horizontal(id="buttons"):  # outside the scrolling form: always in view
            yield Button("Create plan", variant="primary", id="create")
            yield Button("Cancel", id="cancel")
        yield KeyBar()

    def on_mount(self) -> None:
        """Fill in what the first program asks once the form is on screen (the form shows
        at once; its timeline and preview a moment later), then follow every change."""
        self.query_one("#preview-box").border_title = f"The first {PREVIEW_WEEKS} weeks"
        self.call_after_refresh(self._first_update)

    async def _first_update(self) -> None:
        await self._update()
        self.call_after_refresh(setattr, self, "_ready", True)

    def on_resize(self, event: events.Resize) -> None:
        """Below 100 columns the preview takes the form's place on Ctrl+O, not half of it."""
        self.set_class(event.size.width < NARROW, "-narrow")
        self.refresh_bindings()

    def action_toggle_preview(self) -> None:
        """Narrow: show the preview instead of the form, or the form again."""
        self.toggle_class("-previewing")
        if self.has_class("-previewing"):
            self.query_one("#preview-box").focus()
        else:
            self.query_one("#program-0").focus()

    def has_unsaved_input(self) -> bool:
        """Whether anything was chosen or typed (quitting asks first)."""
        return self._touched

    # Following the form ---------------------------------------------------------------------

    @on(Input.Changed)
    @on(Choice.Changed)
    @on(Toggles.Changed)
    def _changed(self) -> None:
        """Follow a change once typing pauses: the timeline and preview are not redone per key."""
        self._touched = self._touched or self._ready
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SETTLE, self._update)

    async def _update(self) -> None:
        """Lift fields for the chosen programs, the bridge suggestion, timeline and preview."""
        values = self._phase_values()
        ids = [pid for pid, _ in values if pid is not None]
        await self._refresh_lifts(ids)
        self._bridge = newplan.bridge_gap(ids)
        bridge = self.query_one("#bridge", Static)
        bridge.display = self._bridge is not None
        if self._bridge is not None:
            at, bridge_id = self._bridge
            bridge.update(
                f"Suggestion: {self.programs[bridge_id].name} between "
                f"{self.programs[ids[at - 1]].name} and {self.programs[ids[at]].name} "
                "eases the switch to the bar. Ctrl+B puts it in."
            )
        self.refresh_bindings()
        plan = self._read()
        timeline = self.query_one("#timeline", Static)
        if plan is None:
            timeline.update("")
            self._shown = None
            return
        shown = attrs.evolve(plan, id="")  # each build draws a new id
        if shown != self._shown:  # a change that changes nothing is not projected again
            self._shown = shown
            timeline.update(present.timeline_text(newplan.timeline(plan), plan.start))
            self._project(plan)

    async def _refresh_lifts(self, ids: list[str]) -> None:
        """One row per lift the chosen programs load (typed values kept)."""
        units = self._units()
        key = (tuple(ids), units)
        if key == self._lifts_for:
            return
        self._lifts_for = key
        typed = {i.id: i.value for i in self.query(".load").results(Input)}
        await self.query("#loads > *").remove()  # the rows and their error lines
        programs = [self.programs[pid] for pid in ids]
        rows = [
            LiftRow(field, units, typed.get(f"load-{field.exercise}", ""))
            for field in actions.starting_loads(programs)
        ]
        strength = self.query_one("#strength", Vertical)
        strength.display = bool(rows)
        if rows and not strength.children:
            await strength.mount_all(parts.strength_fields())
        if rows:
            await self.query_one("#loads").mount_all(rows)
        notes = [f"{program.name}: {program.note}" for program in programs if program.note]
        self.query_one("#program-note", Static).update("\n".join(dict.fromkeys(notes)))

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def _project(self, plan: Plan) -> None:
        """The first weeks, derived off the UI thread."""
        text = parts.preview_text(plan, self.today, PREVIEW_WEEKS)
        self.app.call_from_thread(self.query_one("#preview", Static).update, text)

    # The phase chain ------------------------------------------------------------------------

    def _rows(self) -> list[PhaseRow]:
        return list(self.query_one("#phases").query_children(PhaseRow).results(PhaseRow))

    def _phase_values(self) -> list[tuple[str | None, str]]:
        values = []
        for row in self._rows():
            program = row.query_one(Choice).value
            weeks = row.query_one(Input).value
            values.append((program if isinstance(program, str) else None, weeks))
        return values

    def _write_phases(self, values: list[tuple[str | None, str]]) -> None:
        for row, (program, weeks) in zip(self._rows(), values, strict=True):
            row.query_one(Choice).value = program
            row.query_one(Input).value = weeks

    def _current(self) -> int:
        """The phase holding the focus (else the last)."""
        node = self.focused
        while node is not None and not isinstance(node, PhaseRow):
            node = node.parent if isinstance(node.parent, Widget) else None
        return node.index if isinstance(node, PhaseRow) else len(self._rows()) - 1

    def _focus_phase(self, index: int, part: str = "program") -> None:
        self.call_after_refresh(self.query_one(f"#{part}-{index}").focus)

    @on(Button.Pressed, "#add-phase")
    async def _add_pressed(self) -> None:
        await self.action_add_phase()

    async def action_add_phase(self, program: str | None = None, at: int | None = None) -> None:
        """A phase at the end (or at ``at``), its program to pick."""
        values = self._phase_values()
        at = len(values) if at is None else at
        values.insert(at, (program, ""))
        row = PhaseRow(len(values) - 1, self._options, None, tools=True)
        await self.query_one("#phases").mount(row)
        await self._rows()[0].add_tools()
        self._write_phases(values)
        self._focus_phase(at)
        self._changed()

    async def action_remove_phase(self, index: int | None = None) -> None:
        """Take out the focused phase (a plan keeps one at least)."""
        values = self._phase_values()
        if len(values) == 1:
            self.notify("A plan needs one phase at least.", severity="warning")
            return
        index = self._current() if index is None else index
        values.pop(index)
        last = len(values)
        await self.query(f"#phase-{last}, #phase-{last}-error").remove()
        self._write_phases(values)
        self._focus_phase(min(index, len(values) - 1))
        self._changed()

    def action_move_phase(self, step: int, index: int | None = None) -> None:
        """Move the focused phase one place earlier (-1) or later (1)."""
        values = self._phase_values()
        index = self._current() if index is None else index
        to = index + step
        if not 0 <= to < len(values):
            return
        values[index], values[to] = values[to], values[index]
        self._write_phases(values)
        focused = self.focused.id or "" if self.focused is not None else ""
        part = focused.rpartition("-")[0] if focused.startswith(("program-", "weeks-")) else ""
        self._focus_phase(to, part or "program")
        self._changed()

    @on(Button.Pressed, ".tool")
    async def _tool(self, event: Button.Pressed) -> None:
        what, _, index = (event.button.id or "").rpartition("-")
        if what == "remove":
            await self.action_remove_phase(int(index))
        else:
            self.action_move_phase(-1 if what == "up" else 1, int(index))

    async def action_bridge(self) -> None:
        """Put the suggested bridge program into the chain."""
        if self._bridge is not None:
            at, bridge_id = self._bridge
            ids_before = [pid for pid, _ in self._phase_values()][:at]
            position = len(ids_before) + ids_before.count(None)
            await self.action_add_phase(bridge_id, position)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The bridge key shows only when a bridge is suggested; the preview key when narrow."""
        if action == "toggle_preview":
            return self.has_class("-narrow")
        return self._bridge is not None if action == "bridge" else True

    # Reading and checking the form ---------------------------------------------------------

    def _units(self) -> Unit:
        return "lb" if "lb" in self.query_one("#units", Toggles).selected else "kg"

    def _value(self, selector: str) -> str:
        """The field's text; empty when the field is not there (no lifts: no bar, no plates)."""
        for field in self.query(selector).results(Input):
            return field.value.strip()
        return ""

    def _choices(self) -> newplan.Choices | None:
        """The form as ``workout new``'s flags; None with what is wrong shown beside each field."""
        for widget in self.query(".error").results(Static):
            widget.update("")
            widget.display = False
        problems: list[tuple[str, str, str]] = []
        specs = []
        for index, (program, weeks) in enumerate(self._phase_values()):
            if program is None:
                problems.append((f"phase-{index}", "Pick a program, or remove the phase.", ""))
                continue
            spec = f"{program}:{weeks.strip()}" if weeks.strip() else program
            specs.append(spec)
            problems += parts.check(f"phase-{index}", "--program", actions.parse_program_spec, spec)
        start = self._value("#start")
        problems += parts.check("start", "start", actions.parse_date, start, "start")
        chosen = self.query_one("#days", Toggles).selected
        days = [day for day in WEEKDAYS if day in chosen]
        if not days:
            problems.append(("days", "Pick at least one training day.", ""))
        sets = []
        for row in self.query(LiftRow).results(LiftRow):
            lift = row.field.exercise
            value = self._value(f"#load-{lift}")
            if value:
                sets.append(f"{lift}={value}")
                problems += parts.check(f"load-{lift}", lift, parse_start, value, lift)
        bar, plates = self._value("#bar"), self._value("#plates")
        problems += parts.check("bar", "--bar", newplan.equipment, bar, "")
        problems += parts.check("plates", "--plates", newplan.equipment, "", plates)
        for field, message, flag in problems:
            parts.show_error(self, field, message.removeprefix(f"{flag}: ") if flag else message)
        if problems:
            return None
        return newplan.Choices(
            programs=tuple(specs),
            days=",".join(days),
            start=start,
            name=self._value("#name"),
            units=self._units(),
            sets=tuple(sets),
            bar=bar or None,
            plates=plates,
        )

    def _read(self) -> Plan | None:
        """The plan the form describes (as ``workout new`` builds it), or None, said beside
        the field."""
        choices = self._choices()
        if choices is None:
            return None
        try:
            return newplan.build(choices, self.programs.__getitem__, self.today)
        except UsageError as error:
            parts.show_error(
                self,
                *parts.field_of(str(error), {row.field.exercise for row in self.query(LiftRow)}),
            )
            return None

    # Create ---------------------------------------------------------------------------------

    @on(Button.Pressed, "#create")
    async def action_create(self) -> None:
        """Check the form and save the plan (nothing is saved if anything is wrong)."""
        if self._timer is not None:
            self._timer.stop()
        await self._update()
        plan = self._read()
        if plan is not None:
            self._save(plan)

    @work(thread=True, exclusive=True, exit_on_error=False, description="create the plan")
    def _save(self, plan: Plan) -> None:
        try:
            created = PlanService.create(plan, self.today)
        except WorkoutError as error:
            self.app.call_from_thread(parts.show_error, self, "name", str(error))
            return
        self.app.call_from_thread(self.dismiss, created)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Leave without creating anything."""
        self.dismiss(None)
