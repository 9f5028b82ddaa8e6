"""A row of toggles drawn by one widget: the wizard's weekdays (any number on) and units (one on).

Seven Checkboxes, or a RadioSet of two RadioButtons, are a widget each, every one styled on its
own when the screen opens; that was about a third of the wizard's opening time. A
:class:`Toggles` draws its options as text, wraps them to its width, and is one Tab stop:
Left and Right move between the options, Space or Enter turns the one under the cursor on or
off, a click toggles the one clicked.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

GAP = 2
"""Spaces between two options."""


class Toggles(Widget, can_focus=True):
    """Options shown as ``☑ Mon  ☐ Tue …`` (``multiple``) or ``◉ kg  ○ lb`` (one of them)."""

    DEFAULT_CSS = """
    Toggles {
        height: auto;
        width: 1fr;
    }
    Toggles > .toggles--cursor {
        text-style: reverse;
    }
    Toggles > .toggles--on {
        color: $success;
        text-style: bold;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"toggles--cursor", "toggles--on"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Previous", show=False),
        Binding("right", "move(1)", "Next", show=False),
        Binding("space,enter", "flip", "Toggle", show=False),
    ]

    selected: reactive[frozenset[str]] = reactive(frozenset, init=False)
    """The keys of the options that are on."""
    cursor: reactive[int] = reactive(0, init=False)
    """The option Space toggles."""

    class Changed(Message):
        """An option was turned on or off."""

        def __init__(self, toggles: Toggles) -> None:
            super().__init__()
            self.toggles = toggles
            """The widget that changed."""

        @property
        def control(self) -> Toggles:
            """The widget that changed (for ``@on`` selectors)."""
            return self.toggles

    def __init__(
        self,
        options: Iterable[tuple[str, str]],
        selected: Iterable[str] = (),
        *,
        multiple: bool = True,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.options = tuple(options)
        """``(key, label)`` of each option, in order."""
        self.multiple = multiple
        """Whether any number of options may be on (else exactly one)."""
        self.set_reactive(Toggles.selected, frozenset(selected))

    @property
    def _cell(self) -> int:
        return max(len(label) for _, label in self.options) + 2  # the mark, a space, the label

    def _per_line(self, width: int) -> int:
        return max(1, (width + GAP) // (self._cell + GAP))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the options take when wrapped to ``width``."""
        per_line = self._per_line(width)
        return -(-len(self.options) // per_line)

    def render(self) -> Text:
        """The options, wrapped; the one under the cursor highlighted while focused."""
        cursor_style = self.get_component_rich_style("toggles--cursor")
        on_style = self.get_component_rich_style("toggles--on")
        marks = ("☑", "☐") if self.multiple else ("◉", "○")
        per_line = self._per_line(self.size.width)
        text = Text(no_wrap=True, end="")
        for index, (key, label) in enumerate(self.options):
            if index:
                text.append("\n" if index % per_line == 0 else " " * GAP)
            on = key in self.selected
            cell = f"{marks[0] if on else marks[1]} {label}".ljust(self._cell)
            style = on_style if on else ""
            if self.has_focus and index == self.cursor:
                style = cursor_style + on_style if on else cursor_style
            text.append(cell, style=style)
        return text

    def watch_selected(self) -> None:
        """Tell the form."""
        self.post_message(self.Changed(self))

    def watch_cursor(self) -> None:
        """Redraw the highlight."""
        self.refresh()

    def on_focus(self) -> None:
        """Show the cursor."""
        self.refresh()

    def on_blur(self) -> None:
        """Hide the cursor."""
        self.refresh()

    def action_move(self, step: int) -> None:
        """The cursor to the previous or next option (it stops at the ends)."""
        self.cursor = min(max(self.cursor + step, 0), len(self.options) - 1)

    def action_flip(self) -> None:
        """Turn the option under the cursor on or off (one of them: on)."""
        self.toggle(self.options[self.cursor][0])

    def toggle(self, key: str) -> None:
        """Turn the option ``key`` on or off; with one of them, turn it on and the others off."""
        if not self.multiple:
            self.selected = frozenset((key,))
        elif key in self.selected:
            self.selected = self.selected - {key}
        else:
            self.selected = self.selected | {key}

    def on_click(self, event: events.Click) -> None:
        """A click toggles the option under the pointer."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        per_line = self._per_line(self.size.width)
        column, rest = divmod(offset.x, self._cell + GAP)
        index = offset.y * per_line + column
        if rest < self._cell and column < per_line and index < len(self.options):
            self.cursor = index
            self.toggle(self.options[index][0])
