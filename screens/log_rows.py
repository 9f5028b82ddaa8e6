"""The widgets of the logging screen: a set row (one light widget, edited in place) and a timer.

A session of eight exercises has 40-odd sets; as Inputs and Checkboxes that was ~170 widgets and
most of a second to open. A :class:`SetRow` is one widget that draws its tick and fields as
text and edits the field under its cursor, so the screen opens at once.
"""

from __future__ import annotations

import time
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from planner.actions import parse_number
from planner.errors import WorkoutError
from planner.model import LoggedSet
from rules.values import SetTarget

FIELDS = ("reps", "load", "seconds")
"""The fields a set can have, in the order they are shown."""

_WIDTH = 6
"""Characters of a field's value box."""

_TYPED = frozenset("0123456789.")


def number_text(value: float | None) -> str:
    """A number as a person types it: ``5``, ``42.5``, or nothing."""
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else str(value)


class SetRow(Widget, can_focus=True):
    """One set: a tick, then reps / load / seconds as fields edited in place.

    Left and Right (Tab and Shift+Tab) move between the fields; digits replace the value on the
    first key and add to it after; Backspace erases; Space ticks. Enter starts the set's hold
    (a timed set) or marks the set done and starts the rest.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "field(-1)", "Field left", show=False),
        Binding("right", "field(1)", "Field right", show=False),
        Binding("tab", "field(1, True)", "Next field", show=False),
        Binding("shift+tab", "field(-1, True)", "Previous field", show=False),
        Binding("space", "tick", "Tick", show=False),
        Binding("backspace", "erase", "Erase", show=False),
        Binding("enter", "go", "Go", show=False),
    ]

    class Changed(Message):
        """A set's tick or a field changed (``typed``: a field was typed in)."""

        def __init__(self, row: SetRow, typed: bool) -> None:
            super().__init__()
            self.row = row
            self.typed = typed

    class Go(Message):
        """Enter (or a click on ▶): start the hold, or mark the set done and rest."""

        def __init__(self, row: SetRow) -> None:
            super().__init__()
            self.row = row

    def __init__(
        self,
        exercise: int,
        index: int,
        target: SetTarget,
        kind: str,
        unit: str,
        *,
        edit: bool,
        shown: SetTarget | LoggedSet | None,
    ) -> None:
        super().__init__(classes="set-row", id=f"set-{exercise}-{index}")
        self.exercise = exercise
        """Index of the exercise in the session."""
        self.index = index
        """Index of the set."""
        self.target = target
        """What the set asks for."""
        self.kind = kind
        """The exercise's kind (``load``, ``reps``, ``hold``, ``stretch``)."""
        self.unit = unit
        self.edit = edit
        present = {
            "reps": target.reps is not None or kind in ("load", "reps"),
            "load": target.load is not None or kind == "load",
            "seconds": target.seconds is not None or kind in ("hold", "stretch"),
        }
        self.names = tuple(name for name in FIELDS if present[name])
        """The fields this set has."""
        start = shown or target
        self.values = {
            "reps": number_text(start.reps),
            "load": number_text(start.load),
            "seconds": number_text(start.seconds),
        }
        """The text of each field."""
        self.initial = dict(self.values)
        """The text each field starts with."""
        self.ticked = edit or shown is not None
        """Whether the set was done (always, when editing targets)."""
        self.cursor = 0
        """Index in :attr:`names` of the field being edited."""
        self.problem = ""
        """The first problem with a field, shown at the end of the row."""
        self._invalid: set[str] = set()
        self._spans: list[tuple[int, int, str]] = []  # (start, end, what) of the last drawing
        self._fresh = True  # the next digit replaces the value

    # Reading -------------------------------------------------------------------------------

    @property
    def field(self) -> str:
        """The name of the field under the cursor (``""`` for a set without fields)."""
        return self.names[self.cursor] if self.names else ""

    @property
    def done(self) -> bool:
        """Whether the set is ticked (always in edit mode)."""
        return self.ticked

    @property
    def timed(self) -> bool:
        """Whether the set is a timed hold (it has a hold button)."""
        return "seconds" in self.names and not self.edit

    def check(self) -> tuple[int | None, float | None, int | None] | None:
        """The typed values, or None after showing the first problem at the end of the row."""
        parsed: dict[str, float | None] = dict.fromkeys(FIELDS)
        self._invalid, self.problem = set(), ""
        for name in self.names:
            text = self.values[name].strip()
            try:
                parsed[name] = parse_number(text, name, whole=name != "load") if text else None
            except WorkoutError as error:
                self._invalid.add(name)
                self.problem = self.problem or str(error)
        self.refresh()
        if self.problem:
            return None
        reps, load, seconds = parsed["reps"], parsed["load"], parsed["seconds"]
        return (
            None if reps is None else int(reps),
            load,
            None if seconds is None else int(seconds),
        )

    def mark(self) -> str:
        """``short: 3/5 reps``, ``failed: 0/5 reps``, ``short: 4/6 s``, or nothing."""
        if self.edit or not self.ticked or self.problem:
            return ""
        for name, unit in (("reps", "reps"), ("seconds", "s")):
            wanted = getattr(self.target, name)
            text = self.values[name].strip()
            if name not in self.names or wanted is None or not text.isdigit():
                continue
            if int(text) < wanted:
                word = "failed" if int(text) == 0 else "short"
                return f"{word}: {text}/{wanted} {unit}"
        return ""

    # Changing ------------------------------------------------------------------------------

    def set_value(self, name: str, text: str, *, typed: bool = True) -> None:
        """Put ``text`` in field ``name`` (a typed change ticks the set)."""
        self.values[name] = text
        if typed and text != self.initial[name]:
            self.ticked = True
        self.check()
        self.post_message(self.Changed(self, typed))

    def select(self, name: str) -> None:
        """Put the cursor on field ``name`` (when the set has it)."""
        if name in self.names:
            self.cursor = self.names.index(name)
            self._fresh = True
            self.refresh()

    def action_field(self, offset: int, leave: bool = False) -> None:
        """Move to the next or previous field; with ``leave``, past the last one to the next
        widget (as Tab does)."""
        index = self.cursor + offset
        if 0 <= index < len(self.names):
            self.cursor, self._fresh = index, True
            self.refresh()
        elif leave:
            self.screen.focus_next() if offset > 0 else self.screen.focus_previous()

    def action_tick(self) -> None:
        """Tick or untick the set."""
        if not self.edit:
            self.ticked = not self.ticked
            self.refresh()
            self.post_message(self.Changed(self, False))

    def action_erase(self) -> None:
        """Erase the last character of the field."""
        if self.field:
            self._fresh = False
            self.set_value(self.field, self.values[self.field][:-1])

    def action_go(self) -> None:
        """Start the hold, or mark the set done and start the rest."""
        if not self.edit:
            self.post_message(self.Go(self))

    def on_key(self, event: events.Key) -> None:
        """Digits and a point type into the field under the cursor."""
        if event.character in _TYPED and self.field and event.character:
            event.stop()
            event.prevent_default()
            old = "" if self._fresh else self.values[self.field]
            self._fresh = False
            self.set_value(self.field, old + event.character)

    def on_focus(self) -> None:
        """A set entered starts a fresh edit."""
        self._fresh = True
        self.refresh()

    def on_blur(self) -> None:
        """Redraw without the cursor."""
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        """A click on the tick ticks; on ▶ starts the hold; on a field edits it."""
        for start, end, what in self._spans:
            if start <= event.x < end:
                if what == "tick":
                    self.action_tick()
                elif what == "hold":
                    self.action_go()
                else:
                    self.select(what)
                return

    # Drawing -------------------------------------------------------------------------------

    def render(self) -> Text:
        """``☑ Set 1   reps [5     ]  kg [40    ]  ▶ 6 s   short: 3/5 reps``."""
        text = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        label = f"Set {self.index + 1}"
        if self.edit:
            text.append(f"  {label:<8}")
        else:
            text.append("☑ " if self.ticked else "☐ ", style="bold" if self.ticked else "dim")
            text.append(f"{label:<8}")
            self._spans.append((0, 10, "tick"))
        names = {"reps": "reps", "load": self.unit, "seconds": "s"}
        for index, name in enumerate(self.names):
            text.append(f"  {names[name]} ", style="dim")
            start = len(text)
            style = "reverse" if self.has_focus and index == self.cursor else "underline"
            if name in self._invalid:
                style += " red"
            text.append(f"{self.values[name]:<{_WIDTH}}", style=style)
            self._spans.append((start, len(text), name))
        if self.timed:
            text.append("  ")
            start = len(text)
            text.append(f"▶ {self.values['seconds'] or self.target.seconds or 0} s", style="bold")
            self._spans.append((start, len(text), "hold"))
        if self.problem:
            text.append(f"  {self.problem}", style="red")
        elif mark := self.mark():
            text.append(f"  {mark}", style="bold yellow")
        return text


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
        """What is being timed (``Hold · Side bridge set 2``)."""
        self.seconds = 0
        """The length of the running countdown."""
        self.hold: SetRow | None = None
        """The set being held, when the countdown is a hold (None: a rest)."""
        self._timer: Timer | None = None
        self._started = 0.0

    def start(self, seconds: int, label: str, hold: SetRow | None = None) -> None:
        """Count ``seconds`` down (replacing a running countdown)."""
        self.stop()
        self.label, self.hold = label, hold
        self.seconds = self.remaining = max(1, seconds)
        self._started = time.monotonic()
        self._timer = self.set_interval(1, self._tick)

    def elapsed(self) -> int:
        """Whole seconds since the countdown started (at most its length)."""
        return min(self.seconds, int(time.monotonic() - self._started))

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
            return Text("Timer: Enter on a set (hold, or done + rest) · Ctrl+T rest", style="dim")
        minutes, seconds = divmod(self.remaining, 60)
        stop = "Ctrl+T stops, logs what was held" if self.hold else "Ctrl+T stops"
        return Text(f"⏱ {self.label} · {minutes}:{seconds:02d}   ({stop})", style="bold")
