"""Logging a session set by set: reps, load or seconds of each set, pain, a note, a timer.

The form is pre-filled with the prescription; every field is checked with the planner's parsers
and a problem is shown beside its field. Saving dismisses with a :class:`Logged`; the app logs it
through ``planner.actions.log_done``. With ``edit=True`` the same form edits a future session's
targets (the calendar keeps them as an override).
"""

from __future__ import annotations

from typing import ClassVar

import attrs
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from planner.actions import PAIN_RANGE, parse_pain
from planner.errors import WorkoutError
from planner.model import LoggedExercise, LoggedSet
from planner.present import added_load, describe_sets, plan_exercise_name, session_title
from planner.projection import Projection
from rules.engine import Session
from rules.values import Prescription, SetTarget
from screens.confirm import ConfirmScreen
from screens.keybar import KeyBar
from screens.log_effort import RpeField, rpe_field_text, with_effort
from screens.log_rows import Countdown, SetRow, number_text
from screens.titlebar import TitleBar

__all__ = ["Countdown", "LogSessionScreen", "Logged", "SetRow"]

DEFAULT_REST = 90
"""Rest timer length when the program gives none, in seconds."""


@attrs.frozen
class Logged:
    """What the form holds when saved: the sets done (ticked), pain and note."""

    exercises: tuple[LoggedExercise, ...]
    pain: int | None = None
    note: str = ""


class LogSessionScreen(Screen[Logged | None]):
    """Log one session set by set (or, with ``edit``, change a future session's targets)."""

    CSS_PATH = "log_session.tcss"
    # Focus goes straight to the first set (on_mount): focusing the form first, as Textual's
    # auto-focus does, restyled the form and every row in it twice on each open.
    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save and re-project the plan"),
        Binding("escape", "cancel", "Cancel", tooltip="Leave (asks when something was typed)"),
        Binding("ctrl+t", "timer", "Timer", tooltip="Start the rest timer; stop a running timer"),
        Binding("f2", "jump('#pain')", "Pain", priority=True, tooltip="Go to the pain field"),
        Binding("f3", "jump('#note')", "Note", priority=True, tooltip="Go to the note field"),
        Binding(  # priority: before the form's own scrolling keys
            "up", "row(-1)", "Set above", show=False, priority=True, tooltip="The set above"
        ),
        Binding("down", "row(1)", "Set below", show=False, priority=True, tooltip="The set below"),
    ]

    def __init__(self, projection: Projection, session: Session, *, edit: bool = False) -> None:
        super().__init__()
        self.projection = projection
        """The plan the session belongs to."""
        self.session = session
        """The session being logged (or edited)."""
        self.edit = edit
        """Edit the session's targets instead of logging it."""
        self._touched = False

    @property
    def ahead(self) -> int:
        """Days the session lies in the future (0 for today or a past one)."""
        return max(0, (self.session.scheduled.date - self.projection.today).days)

    def compose(self) -> ComposeResult:
        """A block per exercise, a row per set; pain, note, timer and buttons."""
        plan = self.projection.plan
        kinds = plan.exercises()
        entry = plan.entry(self.session.scheduled.key)
        logged = {}
        if entry is not None and entry.status == "done" and not self.edit:
            logged = {e.exercise: e.sets for e in entry.exercises}
        yield TitleBar()
        verb = "Edit" if self.edit else "Log"
        # (no "planned": the form is what changes that, and at 80 columns the title keeps to
        # one line with the warning of a future session)
        planned = self.session.status == "planned"
        title = Text(f"{verb} · {session_title(self.projection, self.session, status=not planned)}")
        if self.ahead and not self.edit:
            days = f"{self.ahead} day{'s' if self.ahead > 1 else ''}"
            title.append(f" · ⚠ {days} in the future", style="bold yellow")
        yield Static(title, id="title")
        with VerticalScroll(id="form"):
            for i, prescription in enumerate(self.session.prescriptions):
                exercise = kinds.get(prescription.exercise)
                kind = exercise.kind if exercise is not None else "load"
                yield Static(self._heading(prescription), classes="exercise")
                done = logged.get(prescription.exercise)
                for j, target in enumerate(prescription.sets):
                    shown: SetTarget | LoggedSet | None = target
                    if done is not None:  # logged before: show what was logged, to fix it
                        shown = done[j] if j < len(done) else None
                    yield SetRow(i, j, target, kind, plan.units, edit=self.edit, shown=shown)
                if not self.edit:
                    yield RpeField(i, rpe_field_text(done))
            if not self.edit:
                with Horizontal(id="pain-row", classes="extra-row"):
                    yield Static(f"Pain {PAIN_RANGE[0]}–{PAIN_RANGE[-1]}", classes="extra-label")
                    pain = "" if entry is None or entry.pain is None else str(entry.pain)
                    yield Input(pain, placeholder="none", compact=True, id="pain")
                    yield Static("", classes="problem", id="pain-problem")
                with Horizontal(id="note-row", classes="extra-row"):
                    yield Static("Note", classes="extra-label")
                    yield Input(entry.note if entry else "", compact=True, id="note")
        with Vertical(id="bottom"):
            if not self.edit:
                yield Countdown(id="countdown")
            with Horizontal(id="buttons"):
                yield Static("", id="summary")
                yield Button("Save (Ctrl+S)", variant="primary", id="save", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)
        yield KeyBar()

    def _heading(self, prescription: Prescription) -> Text:
        plan = self.projection.plan
        text = Text(self._shown_name(prescription), style="bold")
        added = added_load(plan, prescription.exercise)
        text.append(f" — {describe_sets(prescription.sets, plan.units, added=added)}")
        text.append(f" · rest {prescription.rest or DEFAULT_REST} s")
        text.append(f"\n{prescription.why}", style="italic dim")
        return text

    def on_mount(self) -> None:
        """Start in the first set."""
        rows = self.query(SetRow)
        if rows:  # (not scrolled to: the form starts at its top, the first exercise's heading)
            self.set_focus(rows.first(), scroll_visible=False)

    def has_unsaved_input(self) -> bool:
        """Whether anything was typed or ticked here (leaving would drop it)."""
        return self._touched

    @on(SetRow.Changed)
    @on(RpeField.Changed)
    def _set_changed(self) -> None:
        self._touched = True

    @on(Input.Changed)
    def _field_changed(self, event: Input.Changed) -> None:
        self._touched = True
        if event.input.id == "pain":
            self._pain()

    def _pain(self) -> tuple[bool, int | None]:
        field = self.query_one("#pain", Input)
        problem = ""
        value = None
        try:
            value = parse_pain(field.value, "pain")
        except WorkoutError as error:
            problem = str(error)
        field.set_class(bool(problem), "-invalid")
        self.query_one("#pain-problem", Static).update(problem)
        return not problem, value

    def collect(self) -> Logged | None:
        """The form as a :class:`Logged`, or None after marking every bad field."""
        ok = True
        groups: list[list[LoggedSet]] = [[] for _ in self.session.prescriptions]
        for row in self.query(SetRow):
            values = row.check()
            if values is None:
                ok = False
            elif row.done:
                reps, load, seconds = values
                groups[row.exercise].append(LoggedSet(reps=reps, load=load, seconds=seconds))
        pain = None
        if not self.edit:
            pain_ok, pain = self._pain()
            ok = ok and pain_ok
            ok = with_effort(self.query(RpeField), groups, self._names()) and ok
        summary = self.query_one("#summary", Static)
        if not ok:
            summary.update("Fix the marked fields; nothing was saved.")
            return None
        exercises = tuple(
            LoggedExercise(exercise=p.exercise, sets=tuple(sets))
            for p, sets in zip(self.session.prescriptions, groups, strict=True)
            if sets
        )
        if not exercises:
            summary.update("Tick at least one set (or skip the session with s).")
            return None
        note = "" if self.edit else self.query_one("#note", Input).value.strip()
        return Logged(exercises=exercises, pain=pain, note=note)

    def _names(self) -> list[str]:
        return [p.exercise for p in self.session.prescriptions]

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check every field; save only when all are fine (a future session asks first, as
        ``d`` does)."""
        logged = self.collect()
        if logged is None:
            return
        if not self.edit and (problems := self._implausible(logged)):
            # "No" leaves the form as it was typed, to fix the load; "yes" saves it as it is.
            ask = ConfirmScreen(
                "Save these loads?",
                "\n".join(problems),
                yes="Save them",
                no="Fix them",
                default="no",
            )
            self.app.push_screen(ask, lambda answer: self._save(logged, answer is not None))
            return
        self._save(logged, True)

    def _implausible(self, logged: Logged) -> list[str]:
        """A line per exercise whose heaviest logged set is far above its target."""
        from planner.checks import implausible_loads  # (only when saving)

        plan = self.projection.plan
        loads = {
            e.exercise: top
            for e in logged.exercises
            if (top := max((s.load or 0.0 for s in e.sets), default=0.0))
        }
        names = {exercise: plan_exercise_name(plan, exercise) for exercise in loads}
        return implausible_loads(self.session, loads, plan.units, names)

    def _save(self, logged: Logged, confirmed: bool) -> None:
        """Save ``logged`` (once its loads are confirmed); a future session asks first."""
        if not confirmed:
            return
        if self.edit or not self.ahead:
            self.dismiss(logged)
            return
        date = f"{self.session.scheduled.date:%a %d %b}"
        days = f"{self.ahead} day{'s' if self.ahead > 1 else ''}"
        ask = ConfirmScreen(
            f"Log {date} as done?", f"This session is {days} in the future.", yes="Log it"
        )

        def answered(answer: str | None) -> None:
            if answer is not None:
                self.dismiss(logged)

        self.app.push_screen(ask, answered)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Leave; ask first when something was typed or ticked."""
        if not self.has_unsaved_input():
            self.dismiss(None)
            return
        ask = ConfirmScreen(
            "Leave without saving?", "What you typed here is dropped.", yes="Leave", no="Stay"
        )
        self.app.push_screen(ask, self._leave)

    def _leave(self, answer: str | None) -> None:
        if answer is not None:
            self.dismiss(None)

    def action_jump(self, selector: str) -> None:
        """Focus the pain or note field."""
        if not self.edit:
            self.query_one(selector).focus()

    # Timers --------------------------------------------------------------------------------

    def _shown_name(self, prescription: Prescription) -> str:
        """The exercise as the dashboard and the calendar name it: a variant (side bridge from
        the knees) by its own name."""
        return prescription.name or plan_exercise_name(self.projection.plan, prescription.exercise)

    def _exercise_name(self, row: SetRow) -> str:
        return self._shown_name(self.session.prescriptions[row.exercise])

    @on(SetRow.Go)
    def _go(self, event: SetRow.Go) -> None:
        """Enter on a set: a timed set's hold starts; any other set is done and rest starts."""
        row = event.row
        values = row.check()
        seconds = values[2] if values is not None else None
        if row.timed and seconds:
            label = f"Hold · {self._exercise_name(row)} set {row.index + 1}"
            self.query_one(Countdown).start(seconds, label, hold=row)
            return
        if not row.ticked:
            row.action_tick()
        self._rest(row)
        self._next(row)

    def _rest(self, row: SetRow) -> None:
        rest = self.session.prescriptions[row.exercise].rest or DEFAULT_REST
        label = f"Rest after {self._exercise_name(row)} set {row.index + 1}"
        self.query_one(Countdown).start(rest, label)

    def _next(self, row: SetRow) -> None:
        rows = list(self.query(SetRow))
        index = rows.index(row) + 1
        if index < len(rows):
            rows[index].select(row.field)
            rows[index].focus()

    def action_timer(self) -> None:
        """Start the rest timer of the focused set; stop a running timer (a hold stopped
        early logs the seconds held, then the rest starts)."""
        if self.edit:
            return
        countdown = self.query_one(Countdown)
        if countdown.remaining:
            held, row = countdown.elapsed(), countdown.hold
            countdown.stop()
            if row is not None:
                self._held(row, held)
            return
        row = self._focused_row()
        if row is not None:
            self._rest(row)

    def _held(self, row: SetRow, seconds: int) -> None:
        """A hold ended after ``seconds``: the set is done with them, and the rest starts."""
        row.set_value("seconds", number_text(seconds), typed=False)
        if not row.ticked:
            row.action_tick()
        self._touched = True
        self._rest(row)
        self._next(row)

    def on_countdown_finished(self, message: Countdown.Finished) -> None:
        """Say the time is up (the bell has rung); a finished hold starts its rest."""
        self.notify(f"Time! {message.label}", timeout=4)
        countdown = self.query_one(Countdown)
        if countdown.hold is not None:
            row, countdown.hold = countdown.hold, None
            self._held(row, countdown.seconds)

    # Moving --------------------------------------------------------------------------------

    def _focused_row(self) -> SetRow | None:
        focused: Widget | None = self.focused
        if focused is None:
            return None
        return next((a for a in focused.ancestors_with_self if isinstance(a, SetRow)), None)

    def action_row(self, offset: int) -> None:
        """Move to the same field of the set above or below (then pain, note, Save)."""
        focused = self.focused
        if focused is None:
            return
        row = self._focused_row()
        rows = list(self.query(SetRow))
        order = [] if self.edit else ["#pain", "#note"]
        order.append("#save")
        if row is None:
            name = f"#{focused.id}"
            if name not in order:
                self.focus_next() if offset > 0 else self.focus_previous()
                return
            index = order.index(name) + offset
            if index >= 0:
                self.query_one(order[min(index, len(order) - 1)]).focus()
            elif rows:
                rows[-1].focus()
            return
        index = rows.index(row) + offset
        if index >= len(rows):
            self.query_one(order[0]).focus()
        elif index >= 0:
            rows[index].select(row.field)
            rows[index].focus()
