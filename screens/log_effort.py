"""The RPE field of an exercise on the logging screen: ``RPE per set [8,8,9]``.

One light widget edited in place (as :class:`screens.log_rows.SetRow` is), not an Input: a
session of eight exercises would otherwise add eight Inputs to a screen that must open at once.
What is typed is read by :func:`planner.effort.parse_rpe_values`, the parser of the CLI's
``--rpe``, and a problem is shown beside the field.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget

from planner.effort import parse_rpe_values, with_rpe
from planner.errors import WorkoutError
from planner.model import LoggedExercise, LoggedSet
from screens.log_rows import number_text

_TYPED = frozenset("0123456789., ")
_WIDTH = 12
"""Characters of the value box (``8.5,9,9,9,10`` fits)."""


def rpe_field_text(sets: Sequence[LoggedSet] | None) -> str:
    """The RPE of sets logged before, as typed: ``8,8,9``, ``8`` when all felt the same."""
    rpes = [s.rpe for s in sets or ()]
    if not rpes or all(r is None for r in rpes):
        return ""
    if len(set(rpes)) == 1:
        return number_text(rpes[0])
    return ",".join(number_text(r) if r is not None else "" for r in rpes)


def with_effort(
    fields: Iterable[RpeField], groups: list[list[LoggedSet]], names: Sequence[str]
) -> bool:
    """Put each field's RPE on the ticked sets of its exercise (``groups``, per exercise, in
    the session's order; ``names``: the exercises' ids), as ``--rpe`` does; False after showing
    a problem beside a field."""
    ok = True
    for field in fields:
        values = field.values()
        if values is None:
            ok = False
            continue
        sets = groups[field.exercise]
        if not values or not sets:
            continue  # (no effort given; or no set ticked, so nothing it could describe)
        name = names[field.exercise]
        try:
            (done,) = with_rpe(
                [LoggedExercise(name, tuple(sets))], {name: values}, [name], flag="RPE"
            )
        except WorkoutError as error:
            field.show_problem(str(error).replace(f"RPE {name}: ", "", 1))
            ok = False
            continue
        groups[field.exercise] = list(done.sets)
    return ok


class RpeField(Widget, can_focus=True):
    """How hard an exercise's sets felt: one RPE for all, or one per set; empty when not given.

    Digits, ``.``, ``,`` and spaces type; Backspace erases.
    """

    DEFAULT_CSS = """
    RpeField { height: 1; margin-left: 2; }
    RpeField:focus { background: $boost; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("backspace", "erase", "Erase", show=False),
    ]

    class Changed(Message):
        """The field was typed in."""

        def __init__(self, field: RpeField) -> None:
            super().__init__()
            self.field = field

    def __init__(self, exercise: int, text: str = "") -> None:
        super().__init__(classes="rpe-row", id=f"rpe-{exercise}")
        self.exercise = exercise
        """Index of the exercise in the session."""
        self.text = text
        """What is typed."""
        self.problem = ""
        """The problem with what is typed, shown beside it."""

    def values(self) -> list[float] | None:
        """The RPE values typed ([] when none), or None after showing the problem."""
        self.problem = ""
        try:
            out = parse_rpe_values(self.text, "RPE")
        except WorkoutError as error:
            self.problem, out = str(error), None
        self.refresh()
        return out

    def show_problem(self, problem: str) -> None:
        """Show ``problem`` beside the field (a count that does not match the sets)."""
        self.problem = problem
        self.refresh()

    def _typed(self, text: str) -> None:
        self.text = text
        self.values()
        self.post_message(self.Changed(self))

    def action_erase(self) -> None:
        """Erase the last character."""
        self._typed(self.text[:-1])

    def on_key(self, event: events.Key) -> None:
        """Digits, points, commas and spaces type into the field."""
        if event.character and event.character in _TYPED:
            event.stop()
            event.prevent_default()
            self._typed(self.text + event.character)

    def on_focus(self) -> None:
        """Redraw with the cursor."""
        self.refresh()

    def on_blur(self) -> None:
        """Redraw without the cursor."""
        self.refresh()

    def render(self) -> Text:
        """``  RPE per set [8,8,9       ]  one for all, or one per set`` (or its problem)."""
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("  RPE per set ", style="dim")
        style = "reverse" if self.has_focus else "underline"
        if self.problem:
            style += " red"
        text.append(f"{self.text:<{_WIDTH}}", style=style)
        if self.problem:
            text.append(f"  {self.problem}", style="red")
        elif self.has_focus:
            text.append("  one for all sets, or one per set (optional)", style="dim")
        return text
