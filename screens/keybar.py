"""A footer drawn as one line of text: the screen's keys first, then ``?`` and ``q`` at the right.

Textual's Footer is a widget per key (each styled on its own), which cost a form screen about a
third of its opening time. This bar reads the same public ``active_bindings`` and draws them in
one render; at 80 columns the screen's keys are cut, never Help and Quit.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

ALWAYS = ("question_mark", "q")
"""App keys kept at the right end however narrow the terminal."""


class KeyBar(Widget):
    """The keys of the active screen, on one line at the bottom."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .keybar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key"}

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of the last drawing

    def on_mount(self) -> None:
        """Redraw when the screen's keys change (focus moved, a key was enabled)."""
        self.screen.bindings_updated_signal.subscribe(self, self._changed)

    def _changed(self, _screen: Screen[object]) -> None:
        self.refresh()

    def render(self) -> Text:
        """``^s Save  esc Cancel  …  ? Help  q Quit``."""
        key_style = self.get_component_rich_style("keybar--key")
        parts: list[tuple[str, str, str, bool]] = []
        right: list[tuple[str, str, str, bool]] = []
        seen: set[str] = set()
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            # ? and q always show, even when they share an action with another key (help: close)
            if not binding.show or (binding.action in seen and key not in ALWAYS):
                continue
            seen.add(binding.action)
            item = (key, self.app.get_key_display(binding), binding.description, active.enabled)
            (right if key in ALWAYS else parts).append(item)
        width = self.size.width or 80
        tail = sum(len(d) + len(t) + 3 for _, d, t, _ in right)
        text = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        for key, display, description, enabled in parts:
            if len(text) + len(display) + len(description) + 3 > width - tail:
                break
            self._add(text, key, display, description, enabled, key_style)
        text.append(" " * max(0, width - tail - len(text)))
        for key, display, description, enabled in right:
            self._add(text, key, display, description, enabled, key_style)
        return text

    def _add(
        self, text: Text, key: str, display: str, description: str, enabled: bool, style: object
    ) -> None:
        start = len(text)
        text.append(f" {display}", style=style if enabled else "dim")  # type: ignore[arg-type]
        text.append(f" {description} ", style="" if enabled else "dim")
        self._spans.append((start, len(text), key))

    def on_click(self, event: events.Click) -> None:
        """A click on a key presses it."""
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
