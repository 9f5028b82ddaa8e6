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
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Header, Input, Static

from planner.actions import PAIN_RANGE, parse_number, parse_pain
from planner.errors import WorkoutError
from planner.model import LoggedExercise, LoggedSet
from planner.present import describe_sets, plan_exercise_name, session_title
from planner.projection import Projection
from rules.engine import Session
from rules.values import Prescription, SetTarget
from screens.confirm import ConfirmScreen

DEFAULT_REST = 90
"""Rest timer length when the program gives none, in seconds."""

_FIELDS = ("reps", "load", "seconds")


@attrs.frozen
class Logged:
    """What the form holds when saved: the sets done (ticked), pain and note."""

    exercises: tuple[LoggedExercise, ...]
    pain: int | None = None
    note: str = ""


def _text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else str(value)


class Countdown(Static):
    """A hold or rest timer: counts down once a second and rings the bell at zero."""

    remaining: reactive[int] = reactive(0)
    """Seconds left (0: not running)."""

    class Finished(Message):
        """The countdown reached zero."""

        def __init__(self, label: str) -> None:
            super().__init__()
            self.label = label

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = ""
        """What is being timed (``Hold, Side bridge set 2``)."""
        self._timer: Timer | None = None

    def start(self, seconds: int, label: str) -> None:
        """Count ``seconds`` down (replacing a running countdown)."""
        self.stop()
        self.label = label
        self.remaining = max(1, seconds)
        self._timer = self.set_interval(1, self._tick)

    def stop(self) -> None:
        """Stop counting."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.remaining = 0

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self.stop()
            self.app.bell()
            self.post_message(self.Finished(self.label))

    def render(self) -> Text:
        """``⏱ Hold · Side bridge set 2 · 0:08`` or how to start one."""
        if self._timer is None:
            return Text("Timer: ▶ on a timed set, or Ctrl+T on any set (rest time)", style="dim")
        minutes, seconds = divmod(self.remaining, 60)
        return Text(f"⏱ {self.label} · {minutes}:{seconds:02d}   (Ctrl+T stops)", style="bold")


class SetRow(Horizontal):
    """One set: done tick, reps / load / seconds fields, a timer button, the field's problem."""

    def __init__(
        self, exercise: int, index: int, target: SetTarget, kind: str, unit: str, *, edit: bool
    ) -> None:
        super().__init__(classes="set-row", id=f"set-{exercise}-{index}")
        self.exercise = exercise
        """Index of the exercise in the session."""
        self.index = index
        """Index of the set."""
        self.target = target
        """What the set asks for."""
        self.fields = {
            "reps": target.reps is not None or kind in ("load", "reps"),
            "load": target.load is not None or kind == "load",
            "seconds": target.seconds is not None or kind in ("hold", "stretch"),
        }
        """Which of reps, load and seconds this set has."""
        self.unit = unit
        self.edit = edit
        self.shown: SetTarget | LoggedSet | None = target
        """The values the set starts with (None: an unticked set, prefilled with the target)."""
        self.initial: dict[str, str] = {}
        """The text each field starts with."""

    def compose(self) -> ComposeResult:
        """Tick, fields, timer, problem."""
        label = f"Set {self.index + 1}"
        if self.edit:
            yield Static(label, classes="set-label")
        else:
            yield Checkbox(label, value=self.shown is not None, compact=True, classes="done")
        shown = self.shown or self.target
        values = {"reps": shown.reps, "load": shown.load, "seconds": shown.seconds}
        self.initial = {name: _text(value) for name, value in values.items()}
        names = {"reps": "reps", "load": self.unit, "seconds": "s"}
        for name in _FIELDS:
            if self.fields[name]:
                yield Static(names[name], classes="field-label")
                yield Input(_text(values[name]), compact=True, classes=f"field {name}")
        if self.fields["seconds"] and not self.edit:
            yield Button(f"▶ {self.target.seconds or 0} s", compact=True, classes="hold")
        yield Static("", classes="problem")

    def first_field(self) -> Widget:
        """Where the set's fields begin (its tick box when it has no field)."""
        fields = self.query(".field")
        return fields.first() if fields else self.query_one(".done")

    def typed(self, field: Input) -> bool:
        """Whether ``field`` (of this set) holds something else than it started with."""
        name = next((n for n in _FIELDS if field.has_class(n)), "")
        return not self.edit and field.value != self.initial.get(name, field.value)

    @property
    def done(self) -> bool:
        """Whether the set is ticked (always in edit mode)."""
        return self.edit or self.query_one(Checkbox).value

    def check(self) -> tuple[int | None, float | None, int | None] | None:
        """The typed values, or None after showing the first problem beside its field."""
        values: dict[str, float | None] = {}
        problem = ""
        for name in _FIELDS:
            values[name] = None
            if not self.fields[name]:
                continue
            field = self.query_one(f".{name}", Input)
            text = field.value.strip()
            try:
                values[name] = parse_number(text, name, whole=name != "load") if text else None
                field.remove_class("-invalid")
            except WorkoutError as error:
                field.add_class("-invalid")
                problem = problem or str(error)
        self.query_one(".problem", Static).update(problem)
        if problem:
            return None
        reps, load, seconds = values["reps"], values["load"], values["seconds"]
        return (
            None if reps is None else int(reps),
            load,
            None if seconds is None else int(seconds),
        )


class LogSessionScreen(Screen[Logged | None]):
    """Log one session set by set (or, with ``edit``, change a future session's targets)."""

    CSS_PATH = "log_session.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save and re-project the plan"),
        Binding("escape", "cancel", "Cancel", tooltip="Leave without saving"),
        Binding("ctrl+t", "timer", "Timer", tooltip="Start (or stop) the hold or rest timer"),
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
        self._initial: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        """A block per exercise, a row per set; pain, note, timer and buttons."""
        plan = self.projection.plan
        kinds = plan.exercises()
        entry = plan.entry(self.session.scheduled.key)
        logged = {}
        if entry is not None and entry.status == "done" and not self.edit:
            logged = {e.exercise: e.sets for e in entry.exercises}
        yield Header()
        verb = "Edit" if self.edit else "Log"
        yield Static(f"{verb} · {session_title(self.projection, self.session)}", id="title")
        with VerticalScroll(id="form"):
            for i, prescription in enumerate(self.session.prescriptions):
                kind = (
                    kinds[prescription.exercise].kind if prescription.exercise in kinds else "load"
                )
                yield Static(self._heading(prescription), classes="exercise")
                done = logged.get(prescription.exercise)
                for j, target in enumerate(prescription.sets):
                    row = SetRow(i, j, target, kind, plan.units, edit=self.edit)
                    if done is not None:  # logged before: show what was logged, to fix it
                        row.shown = done[j] if j < len(done) else None
                    yield row
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
        yield Footer()

    def _heading(self, prescription: Prescription) -> Text:
        plan = self.projection.plan
        text = Text(plan_exercise_name(plan, prescription.exercise), style="bold")
        text.append(f" — {describe_sets(prescription.sets, plan.units)}")
        if prescription.rest:
            text.append(f" · rest {prescription.rest} s")
        text.append(f"\n{prescription.why}", style="italic dim")
        return text

    def _values(self) -> tuple[object, ...]:
        return (*(w.value for w in self.query(Input)), *(w.value for w in self.query(Checkbox)))

    def on_mount(self) -> None:
        """Start in the first field; remember the form as it starts (to ask before dropping)."""
        self._initial = self._values()
        rows = self.query(SetRow)
        if rows:
            rows.first().first_field().focus()

    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _changed(self, event: Input.Changed | Checkbox.Changed) -> None:
        row = next((a for a in event.control.ancestors if isinstance(a, SetRow)), None)
        if row is not None and isinstance(event, Input.Changed) and row.typed(event.input):
            row.query_one(Checkbox).value = True  # typing a new value means the set was done
        if row is not None:
            row.check()
        elif event.control.id == "pain":
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

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check every field; save only when all are fine."""
        logged = self.collect()
        if logged is not None:
            self.dismiss(logged)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Leave; ask first when something was typed."""
        if self._values() == self._initial:
            self.dismiss(None)
            return
        ask = ConfirmScreen(
            "Leave without saving?", "What you typed here is dropped.", yes="Leave", no="Stay"
        )
        self.app.push_screen(ask, self._leave)

    def _leave(self, answer: str | None) -> None:
        if answer is not None:
            self.dismiss(None)

    @on(Button.Pressed, ".hold")
    def _hold(self, event: Button.Pressed) -> None:
        row = next(a for a in event.button.ancestors if isinstance(a, SetRow))
        self._start_timer(row)

    def action_timer(self) -> None:
        """Start the timer for the focused set (hold time, else rest time), or stop it."""
        if self.edit:
            return
        countdown = self.query_one(Countdown)
        if countdown.remaining:
            countdown.stop()
            return
        row = self._focused_row()
        if row is not None:
            self._start_timer(row)

    def _start_timer(self, row: SetRow) -> None:
        prescription = self.session.prescriptions[row.exercise]
        name = plan_exercise_name(self.projection.plan, prescription.exercise)
        values = row.check()
        seconds = values[2] if values is not None else None
        if row.fields["seconds"] and seconds:
            self.query_one(Countdown).start(seconds, f"Hold · {name} set {row.index + 1}")
        else:
            rest = prescription.rest or DEFAULT_REST
            self.query_one(Countdown).start(rest, f"Rest after {name} set {row.index + 1}")

    def on_countdown_finished(self, message: Countdown.Finished) -> None:
        """Say the time is up (the bell has rung)."""
        self.notify(f"Time! {message.label}", timeout=4)

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
                rows[-1].first_field().focus()
            return
        index = rows.index(row) + offset
        if index >= len(rows):
            self.query_one(order[0]).focus()
            return
        if index < 0:
            return
        classes = [c for c in ("done", *_FIELDS, "hold") if focused.has_class(c)]
        target = rows[index].query(f".{classes[0]}") if classes else None
        if target:
            target.first().focus()
        else:
            rows[index].first_field().focus()
