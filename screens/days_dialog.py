"""The dialog that changes the training days from a date on (``D`` on the dashboard), as
``workout days DAYS --from DATE`` does: the seven weekdays as toggles, the days in effect ticked,
the date the change takes effect, and what it will do in words before anything is saved.

Like every dialog of the app, Enter saves and Esc closes without a change; focus starts on the
first field (the weekdays). A change that would leave a logged session on a day that no longer
trains is refused in one line, and Enter does nothing until it is fixed.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from planner.checks import days_from, days_problem
from planner.errors import WorkoutError
from planner.model import Plan
from planner.present import days_change_text
from planner.text import parse_date
from rules.calendar import WEEKDAYS

Choice = tuple[tuple[str, ...], dt.date]
"""What the dialog closes with: the weekdays (in week order) and the date they start."""

HINT = "1–7 or ←/→ space: days · Tab: the date · Enter: Save · Esc: Cancel"


class WeekdayToggles(Widget, can_focus=True):
    """Seven weekdays, each ticked or not: ←/→ move, space ticks, 1–7 tick a day at once."""

    DEFAULT_CSS = """
    WeekdayToggles {
        height: 1;
        width: auto;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Day before", show=False),
        Binding("right", "move(1)", "Day after", show=False),
        Binding("space", "tick", "Tick", show=False),
        *(
            Binding(str(n), f"pick({n - 1})", WEEKDAYS[n - 1].title(), show=False)
            for n in range(1, 8)
        ),
    ]

    class Changed(Message):
        """The days ticked changed."""

    def __init__(self, days: tuple[str, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ticked = {WEEKDAYS.index(day) for day in days}
        """The weekday numbers ticked (Monday 0)."""
        self.cursor = min(self.ticked, default=0)

    @property
    def days(self) -> tuple[str, ...]:
        """The days ticked, in week order."""
        return tuple(WEEKDAYS[n] for n in sorted(self.ticked))

    def action_move(self, offset: int) -> None:
        """The cursor to the day before or after (round the week)."""
        self.cursor = (self.cursor + offset) % 7
        self.refresh()

    def action_tick(self) -> None:
        """Tick or untick the day under the cursor."""
        self.ticked ^= {self.cursor}
        self.refresh()
        self.post_message(self.Changed())

    def action_pick(self, day: int) -> None:
        """Tick or untick ``day`` (0 Monday … 6 Sunday) and put the cursor on it."""
        self.cursor = day
        self.action_tick()

    def render(self) -> Text:
        """``[✓] Mon [ ] Tue …``, the cursor's day highlighted while the row has focus."""
        text = Text()
        for n, day in enumerate(WEEKDAYS):
            if n:
                text.append(" ")
            box = "[✓]" if n in self.ticked else "[ ]"
            style = "reverse" if self.has_focus and n == self.cursor else ""
            text.append(f"{box} {day.title()}", style=style or ("bold" if n in self.ticked else ""))
        return text

    def on_focus(self) -> None:
        """Show the cursor."""
        self.refresh()

    def on_blur(self) -> None:
        """Hide the cursor."""
        self.refresh()


class DaysDialog(ModalScreen[Choice | None]):
    """New training days from a date on; closes with the choice (None: cancelled)."""

    CSS_PATH = "days_dialog.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "save", "Save", show=False),
    ]

    def __init__(self, plan: Plan, today: dt.date) -> None:
        super().__init__()
        self.plan = plan
        """The plan as it is now."""
        self.today = today
        """The app's today: the default date (as the CLI's) and the year shown."""
        self.since = days_from(plan, today)
        """The date the CLI would take when none is given."""

    def compose(self) -> ComposeResult:
        """The question, the weekdays, the date, what it will do, two buttons, how to answer."""
        with Vertical(id="dialog"):
            yield Static(f"Training days of {self.plan.name}", id="question")
            yield Static("Train on", classes="label")
            yield WeekdayToggles(self.plan.days_on(self.since), id="days")
            yield Static("From (YYYY-MM-DD)", classes="label")
            yield Input(self.since.isoformat(), id="since", compact=True)
            yield Static("", id="effect")
            yield Static("", id="error")
            with Horizontal(id="buttons"):
                yield Button("Save", variant="primary", id="yes", compact=True)
                yield Button("Cancel", id="no", compact=True)
            yield Static(HINT, id="hint")

    def on_mount(self) -> None:
        """The weekdays have focus; what the preselected days mean is said at once."""
        self.query_one(WeekdayToggles).focus()
        self._describe()

    def choice(self) -> Choice:
        """The days ticked and the date typed (an error naming the date field)."""
        since = parse_date(self.query_one("#since", Input).value, "From")
        return self.query_one(WeekdayToggles).days, since

    def problem(self) -> str | None:
        """Why the choice cannot be saved, in one line (None: it can)."""
        try:
            days, since = self.choice()
        except WorkoutError as error:
            return str(error)
        refused = days_problem(self.plan, days, since)
        return None if refused is None else f"Refused: {refused}."

    @on(WeekdayToggles.Changed)
    @on(Input.Changed, "#since")
    def _describe(self) -> None:
        """What the choice will do, or why it is refused."""
        problem = self.problem()
        effect = ""
        if problem is None:
            days, since = self.choice()
            effect = days_change_text(self.plan, days, since, self.today)
        self.query_one("#effect", Static).update(effect)
        self.query_one("#effect", Static).display = bool(effect)
        self.query_one("#error", Static).update(problem or "")
        self.query_one("#error", Static).display = bool(problem)

    @on(Button.Pressed, "#yes")
    @on(Input.Submitted, "#since")
    def action_save(self) -> None:
        """Close with the choice, unless it is refused (said, and the dialog stays)."""
        if self.problem() is not None:
            self._describe()
            return
        self.dismiss(self.choice())

    @on(Button.Pressed, "#no")
    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)
