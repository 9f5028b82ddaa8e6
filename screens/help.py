"""Help: the keys of the app, the dashboard, the calendar, the log form, the plans list, the
confirm dialog and the plan-file problem screen, read from those classes' own bindings; plus a
command-palette entry for every key active on the current screen.

Two things here are written by hand and go stale unless kept up: :data:`EXTRA` (keys Textual's own
widgets provide) and the list of sections in :meth:`HelpScreen._keys`. The new-plan wizard, the
program editor, progress and the export dialog are not listed (the first three show their keys
in their footers).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Header, Static

from screens.keybar import KeyBar

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
        yield Header()
        with VerticalScroll(id="keys"):
            yield Static(self._keys())
        yield KeyBar()

    def _keys(self) -> RenderableType:
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
        parts: list[RenderableType] = [
            Text(
                "Every change is saved at once; u undoes the last one. Esc goes back.\n",
                style="italic",
            )
        ]
        for title, cls in sections:
            table = Table(box=None, show_header=False, pad_edge=False, expand=True)
            table.add_column("Key", width=12, style="bold")
            table.add_column("Action", width=16)
            table.add_column("What it does", ratio=1)
            for binding in bindings_of(cls):
                key = self.app.get_key_display(binding)
                table.add_row(key, binding.description, binding.tooltip)
            for key, action, text in EXTRA.get(title, []):
                table.add_row(key, action, text)
            parts += [Text(title, style="bold underline"), table, Text("")]
        return Group(*parts)

    def action_close(self) -> None:
        """Back to where help was opened."""
        self.dismiss()
