"""The new-plan wizard: programs chained as phases, dates, weekdays, units, starting loads, a preview.

Every value goes through the same planner functions the CLI uses (``actions.parse_*``,
``actions.new_plan``), so a value the CLI refuses is refused here, beside its field.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Footer,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    Static,
)

from planner import actions, catalog
from planner.errors import WorkoutError
from planner.model import Plan, Program
from planner.present import describe_sets, exercise_name
from planner.projection import project_plan
from planner.service import PlanService
from rules.engine import WEEKDAYS
from rules.values import Unit
from screens.titlebar import TitleBar

MAX_PHASES = 4
PREVIEW_WEEKS = 2


class NewPlanScreen(Screen[PlanService | None]):
    """Create a plan; dismisses with the saved plan, or None on Escape."""

    CSS_PATH = "wizard.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+r", "preview", "Preview"),
        Binding("ctrl+s", "create", "Create"),
    ]

    def __init__(self, today: dt.date) -> None:
        super().__init__()
        self.today = today
        """Default start date."""
        self.programs: dict[str, Program] = {}
        """Every program of the catalog, by id."""
        self._phases = 1

    def compose(self) -> ComposeResult:
        """The form on the left, the preview on the right."""
        try:
            self.programs = {pid: e.program for pid, e in catalog.entries().items()}
        except WorkoutError as error:
            self.programs = {}
            self.notify(str(error), title="A program file has a problem", severity="error")
        options = [(f"{p.name} ({p.weeks} wk)", pid) for pid, p in self.programs.items()]
        yield TitleBar()
        with Horizontal(id="wizard"):
            with VerticalScroll(id="form"):
                yield Label("Programs, in order (each one is a phase)", classes="section")
                for index in range(MAX_PHASES):
                    with Horizontal(classes="phase", id=f"phase-{index}"):
                        yield Select(
                            options,
                            prompt="Program",
                            id=f"program-{index}",
                            value=options[0][1] if index == 0 and options else Select.NULL,
                        )
                        yield Input(placeholder="weeks", id=f"weeks-{index}", classes="weeks")
                    yield Static("", classes="error", id=f"phase-{index}-error")
                yield Button("+ Add a phase", id="add-phase")
                yield Static("", classes="note", id="program-note")
                yield Label("Name", classes="section")
                yield Input(placeholder="(the programs' names)", id="name")
                yield Static("", classes="error", id="name-error")
                yield Label("Start date", classes="section")
                yield Input(self.today.isoformat(), id="start")
                yield Static("", classes="error", id="start-error")
                yield Label("Training days", classes="section")
                with Horizontal(id="days"):
                    for day in WEEKDAYS:
                        yield Checkbox(
                            day.capitalize(), value=day in ("mon", "thu"), id=f"day-{day}"
                        )
                yield Static("", classes="error", id="days-error")
                yield Label("Units", classes="section")
                with RadioSet(id="units"):
                    yield RadioButton("kg", value=True, id="unit-kg")
                    yield RadioButton("lb", id="unit-lb")
                yield Label(
                    "Starting loads (working load, or training max for 5/3/1)", classes="section"
                )
                yield Vertical(id="loads")
                yield Static("", classes="error", id="loads-error")
            with Vertical(id="preview-box"):
                yield Label("Preview: the first weeks", classes="section")
                yield DataTable(id="preview-table", cursor_type="row", zebra_stripes=True)
        # Outside the scrolling form, so the actions are always in view.
        with Horizontal(id="buttons"):
            yield Button("Preview", id="preview")
            yield Button("Create plan", variant="primary", id="create")
            yield Button("Cancel", id="cancel")
        yield Footer()

    async def on_mount(self) -> None:
        """Hide unused phase rows; show loads for the first program."""
        for index in range(1, MAX_PHASES):
            self.query_one(f"#phase-{index}").display = False
            self.query_one(f"#phase-{index}-error").display = False
        await self._refresh_loads()
        self.action_preview()

    # The phase chain ---------------------------------------------------------------------

    @on(Button.Pressed, "#add-phase")
    def _add_phase(self) -> None:
        if self._phases < MAX_PHASES:
            self.query_one(f"#phase-{self._phases}").display = True
            self.query_one(f"#phase-{self._phases}-error").display = True
            self._phases += 1
        self.query_one("#add-phase").display = self._phases < MAX_PHASES

    def _chosen(self) -> list[tuple[int, str]]:
        chosen = []
        for index in range(self._phases):
            value = self.query_one(f"#program-{index}", Select).value
            if isinstance(value, str):
                chosen.append((index, value))
        return chosen

    @on(Select.Changed)
    async def _program_changed(self, event: Select.Changed) -> None:
        if (event.select.id or "").startswith("program-"):
            await self._refresh_loads()
            self.action_preview()

    async def _refresh_loads(self) -> None:
        """One field per loaded exercise of the chosen programs, pre-filled with the default."""
        box = self.query_one("#loads", Vertical)
        old = {i.id: i.value for i in box.query(Input)}
        await box.remove_children()
        programs = [self.programs[pid] for _, pid in self._chosen()]
        rows = []
        for field in actions.starting_loads(programs):
            label = field.name + (" (training max)" if field.training_max else "")
            key = f"load-{field.exercise}"
            rows.append(
                Horizontal(
                    Label(label, classes="load-label"),
                    Input(old.get(key) or f"{field.default:g}", id=key, classes="load"),
                    classes="load-row",
                )
            )
        if rows:
            await box.mount_all(rows)
        notes = [f"{program.name}: {program.note}" for program in programs if program.note]
        self.query_one("#program-note", Static).update("\n".join(notes))

    # Reading and checking the form ---------------------------------------------------------

    def _error(self, field: str, message: str) -> None:
        self.query_one(f"#{field}-error", Static).update(message)

    def _clear_errors(self) -> None:
        for widget in self.query(".error"):
            if isinstance(widget, Static):
                widget.update("")

    def _read(self) -> Plan | None:
        """The plan the form describes, or None with every problem shown beside its field."""
        self._clear_errors()
        ok = True
        chain: list[tuple[Program, int | None]] = []
        chosen = self._chosen()
        if not chosen:
            self._error("phase-0", "Pick at least one program.")
            ok = False
        for index, pid in chosen:
            text = self.query_one(f"#weeks-{index}", Input).value.strip()
            weeks = None
            if text:
                try:
                    _, weeks = actions.parse_program_spec(f"{pid}:{text}")
                except WorkoutError as error:
                    self._error(f"phase-{index}", str(error).removeprefix("--program: "))
                    ok = False
            chain.append((self.programs[pid], weeks))
        try:
            start = actions.parse_date(self.query_one("#start", Input).value, "start")
        except WorkoutError as error:
            self._error("start", str(error).removeprefix("start: "))
            start, ok = self.today, False
        days = [day for day in WEEKDAYS if self.query_one(f"#day-{day}", Checkbox).value]
        if not days:
            self._error("days", "Pick at least one training day.")
            ok = False
        units: Unit = "lb" if self.query_one("#unit-lb", RadioButton).value else "kg"
        loads: dict[str, float] = {}
        problems = []
        for field in self.query(".load").results(Input):
            exercise = (field.id or "").removeprefix("load-")
            try:
                loads[exercise] = actions.parse_number(field.value or "0", exercise)
            except WorkoutError as error:
                problems.append(str(error))
        if problems:
            self._error("loads", "\n".join(problems))
            ok = False
        name = self.query_one("#name", Input).value.strip() or " then ".join(
            program.name for program, _ in chain
        )
        if not ok:
            return None
        try:
            return actions.new_plan(name, chain, start, days, units, loads)
        except (WorkoutError, ValueError) as error:
            self._error("name", str(error))
            return None

    # Preview and create --------------------------------------------------------------------

    @on(Button.Pressed, "#preview")
    def action_preview(self) -> None:
        """Show the first weeks of the plan the form describes."""
        plan = self._read()
        if plan is not None:
            self._preview(plan)

    def _preview(self, plan: Plan) -> None:
        table = self.query_one("#preview-table", DataTable)
        table.clear(columns=True)
        table.add_columns("Date", "Day", "Exercise", "Sets", "Why")
        projection = project_plan(plan, self.today)
        names = plan.exercises()
        last = plan.start + dt.timedelta(weeks=PREVIEW_WEEKS)
        for session in projection.sessions:
            if session.scheduled.date >= last:
                break
            day = projection.day_name(session)
            for index, p in enumerate(session.prescriptions):
                table.add_row(
                    f"{session.scheduled.date:%a %d %b}" if index == 0 else "",
                    day if index == 0 else "",
                    exercise_name(p.exercise, names),
                    describe_sets(p.sets, plan.units),
                    p.why,
                )

    @on(Button.Pressed, "#create")
    def action_create(self) -> None:
        """Check the form and save the plan (nothing is saved if anything is wrong)."""
        plan = self._read()
        if plan is not None:
            self._preview(plan)
            self._save(plan)

    @work(thread=True, exclusive=True, exit_on_error=False, description="create the plan")
    def _save(self, plan: Plan) -> None:
        try:
            created = PlanService.create(plan, self.today)
        except WorkoutError as error:
            self.app.call_from_thread(self._error, "name", str(error))
            return
        self.app.call_from_thread(self.dismiss, created)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Leave without creating anything."""
        self.dismiss(None)
