"""Help: the keys of the app, the dashboard, the calendar, the log form, the plans list, the
confirm dialog and the plan-file problem screen, read from those classes' own bindings; plus a
command-palette entry for every key active on the current screen.

Two things here are written by hand and go stale unless kept up: :data:`EXTRA` (keys Textual's own
widgets provide) and the list of sections in :meth:`HelpScreen._keys`. The new-plan wizard, the
program editor, progress and the export dialog are not listed (the first three show their keys
in their footers).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

from screens.keybar import KeyBar
from screens.titlebar import TitleBar

EXTRA: dict[str, list[tuple[str, str, str]]] = {
    "Everywhere": [("^p", "Commands", "Search every action by name (the command palette)")],
    "Calendar": [
        ("↑ ↓ ← →", "Move", "Move between weeks and sessions"),
        ("PgUp PgDn", "Page", "A screen of weeks up or down"),
    ],
    "Logging a session": [
        ("tab", "Next field", "Reps, load, seconds, then the next set"),
        ("space", "Tick", "Tick or untick the set (on its box)"),
    ],
}
"""Keys that Textual widgets provide, named here because they are not in our bindings."""


def commands_for(screen: Screen[object]) -> Iterator[SystemCommand]:
    """A command palette entry for every key active on ``screen``."""
    seen = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.action in seen or not active.enabled:
            continue
        seen.add(binding.action)
        key = screen.app.get_key_display(binding)
        yield SystemCommand(
            binding.description,
            f"{binding.tooltip or binding.description} (key: {key})",
            partial(screen.app.run_action, binding.action, active.node),
        )


def bindings_of(cls: type[DOMNode]) -> list[Binding]:
    """The bindings a class of ours declares, its base classes' first."""
    out: list[Binding] = []
    for base in reversed(cls.__mro__):
        if not base.__module__.startswith("screens."):
            continue
        declared: list[BindingType] = base.__dict__.get("BINDINGS", [])
        for item in declared:
            if isinstance(item, Binding):
                out.append(item)
            else:
                out.append(Binding(*item))
    return out


Section = tuple[str, list[tuple[str, str, str]]]
"""A screen's title and its keys: (key, action, what it does)."""


class KeysText(Widget):
    """The keys in three columns, the third wrapped under itself, laid out by hand for the width
    it is given (a Rich table of every key measured and rendered each cell: most of the time
    help took to open)."""

    DEFAULT_CSS = "KeysText { height: auto; }"
    KEY, ACTION = 12, 16

    def __init__(self, sections: list[Section]) -> None:
        super().__init__()
        self.sections = sections
        self._laid_out: tuple[int, Text] | None = None

    def _text(self, width: int) -> Text:
        if self._laid_out is not None and self._laid_out[0] == width:
            return self._laid_out[1]
        room = max(10, width - self.KEY - self.ACTION - 2)
        indent = " " * (self.KEY + self.ACTION + 2)
        text = Text(
            "Every change is saved at once; u undoes the last one. Esc goes back.\n\n",
            style="italic",
        )
        for title, rows in self.sections:
            text.append(title, style="bold underline")
            text.append("\n")
            for key, action, what in rows:
                lines = textwrap.wrap(what, room) or [""]
                text.append(key.ljust(self.KEY), style="bold")
                text.append(" " + action.ljust(self.ACTION) + " " + lines[0] + "\n")
                for line in lines[1:]:
                    text.append(indent + line + "\n")
            text.append("\n")
        text.rstrip()
        self._laid_out = (width, text)
        return text

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the keys take at ``width``."""
        return len(self._text(width).plain.splitlines())

    def render(self) -> Text:
        """The keys laid out for the current width."""
        return self._text(self.content_region.width)


class HelpScreen(Screen[None]):
    """The keys, screen by screen."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        # Shown: here ? and q close help instead of opening it and quitting (the footer's end).
        Binding("question_mark", "close", "Close", key_display="?"),
        Binding("q", "close", "Close"),
    ]

    def compose(self) -> ComposeResult:
        """One table per screen."""
        yield TitleBar()
        with VerticalScroll(id="keys"):
            yield self._keys()
        yield KeyBar()

    def _keys(self) -> KeysText:
        from screens.app import WorkoutApp
        from screens.back_care import BackCareScreen
        from screens.calendar import CalendarScreen
        from screens.confirm import ConfirmScreen
        from screens.data_error import DataErrorScreen
        from screens.history import HistoryScreen
        from screens.log_session import LogSessionScreen
        from screens.plans import PlansScreen
        from screens.today import TodayScreen

        sections: list[tuple[str, type[DOMNode]]] = [
            ("Everywhere", WorkoutApp),
            ("Dashboard", TodayScreen),
            ("Calendar", CalendarScreen),
            ("Logging a session", LogSessionScreen),
            ("Plans", PlansScreen),
            ("Questions", ConfirmScreen),
            ("Plan file problem", DataErrorScreen),
            ("Back-care guide", BackCareScreen),
            ("History", HistoryScreen),
        ]
        sections_rows = [
            (
                title,
                [
                    (self.app.get_key_display(b), b.description, b.tooltip or "")
                    for b in bindings_of(cls)
                ]
                + EXTRA.get(title, []),
            )
            for title, cls in sections
        ]
        return KeysText(sections_rows)

    def action_close(self) -> None:
        """Back to where help was opened."""
        self.dismiss()
