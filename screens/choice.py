"""A drop-down drawn by one widget: the wizard's program of each phase.

Textual's Select is six widgets (its current value, two arrows, an overlay list), about a
quarter of a form's opening time on its own. A :class:`Choice` draws the chosen option, and
when opened the list of options below it, as text. Enter, Space or Down opens the list;
Up and Down move in it, Enter picks, Escape closes it as it was. Closed, Left and Right step
to the previous or next option at once. A click opens the list, or picks the option clicked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class Choice(Widget, can_focus=True):
    """One of ``options`` (``(label, value)`` pairs, as Select takes them), or None."""

    DEFAULT_CSS = """
    Choice {
        height: auto;
        border: tall $border-blurred;
        background: $surface;
        padding: 0 1;
    }
    Choice:focus {
        border: tall $border;
        background-tint: $foreground 5%;
    }
    Choice > .choice--highlight {
        text-style: reverse;
    }
    Choice > .choice--prompt {
        color: $text-muted;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"choice--highlight", "choice--prompt"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "select", "Choose", show=False),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("left", "step(-1)", "Previous", show=False),
        Binding("right", "step(1)", "Next", show=False),
        Binding("escape", "close", "Close", show=False),
    ]

    value: reactive[str | None] = reactive(None, init=False)
    """The chosen option's value (None: none yet)."""
    expanded: reactive[bool] = reactive(False, init=False, layout=True)
    """Whether the list of options shows."""
    highlighted: reactive[int] = reactive(0, init=False)
    """The option Enter picks while the list shows."""

    class Changed(Message):
        """Another option was chosen."""

        def __init__(self, choice: Choice, value: str | None) -> None:
            super().__init__()
            self.choice = choice
            """The widget that changed."""
            self.value = value
            """Its new value."""

        @property
        def control(self) -> Choice:
            """The widget that changed (for ``@on`` selectors)."""
            return self.choice

    def __init__(
        self,
        options: Sequence[tuple[str, str]],
        *,
        prompt: str = "Choose",
        value: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.options = tuple(options)
        """``(label, value)`` of each option, in order."""
        self.prompt = prompt
        """Shown while nothing is chosen."""
        self.set_reactive(Choice.value, value)

    def _index(self) -> int:
        values = [value for _, value in self.options]
        return values.index(self.value) if self.value in values else -1

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line; the options below it while the list shows."""
        return 1 + len(self.options) if self.expanded else 1

    def render(self) -> Text:
        """``Back rehab (26 wk)  ▼``, and the options while the list shows."""
        index = self._index()
        width = max(self.size.width - 2, 1)
        if index < 0:
            label = Text(self.prompt, style=self.get_component_rich_style("choice--prompt"))
        else:
            label = Text(self.options[index][0])
        label.truncate(width, overflow="ellipsis")
        label.pad_right(width - len(label))
        label.append(" ▲" if self.expanded else " ▼")
        if not self.expanded:
            return label
        highlight = self.get_component_rich_style("choice--highlight")
        for number, (text, _) in enumerate(self.options):
            mark = "•" if number == index else " "
            line = f"{mark} {text}"[: width + 2].ljust(width + 2)
            label.append("\n")
            label.append(line, style=highlight if number == self.highlighted else "")
        return label

    def watch_value(self, value: str | None) -> None:
        """Redraw and tell the form."""
        self.refresh()
        self.post_message(self.Changed(self, value))

    def watch_highlighted(self) -> None:
        """Redraw the highlight."""
        self.refresh()

    def watch_expanded(self, expanded: bool) -> None:
        """Open on the chosen option; keep the open list in view."""
        if expanded:
            self.highlighted = max(self._index(), 0)
            self.call_after_refresh(self.scroll_visible)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape closes the list only while it shows (else it reaches the screen)."""
        if action == "close":
            return self.expanded
        return True

    def action_select(self) -> None:
        """Open the list, or pick its highlighted option."""
        if not self.options:
            return
        if not self.expanded:
            self.expanded = True
            return
        self.expanded = False
        self.value = self.options[self.highlighted][1]

    def action_move(self, step: int) -> None:
        """Open the list, or move its highlight (it stops at the ends)."""
        if not self.options:
            return
        if not self.expanded:
            self.expanded = True
            return
        self.highlighted = min(max(self.highlighted + step, 0), len(self.options) - 1)

    def action_step(self, step: int) -> None:
        """Closed: choose the previous or next option at once."""
        if self.expanded or not self.options:
            return
        index = min(max(self._index() + step, 0), len(self.options) - 1)
        self.value = self.options[index][1]

    def action_close(self) -> None:
        """Close the list, nothing changed."""
        self.expanded = False

    def on_blur(self) -> None:
        """Leaving the field closes its list."""
        self.expanded = False

    def on_click(self, event: events.Click) -> None:
        """A click opens the list, or picks the option clicked."""
        offset = event.get_content_offset(self)
        line = offset.y if offset is not None else 0
        if self.expanded and 1 <= line <= len(self.options):
            self.highlighted = line - 1
            self.action_select()
        else:
            self.expanded = not self.expanded
