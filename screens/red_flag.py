"""The red-flag banner: a warning across the first screen, from a red flag logged with a
session (severe pain, pain down a leg, numbness, weakness, bladder or bowel changes) until the
person acknowledges it (key ``a``; the acknowledgement is saved in the plan)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from planner.backcare import acknowledge, unacknowledged_flag
from planner.present import red_flag_text

if TYPE_CHECKING:
    from planner.projection import Projection
    from screens.app import WorkoutApp

ACK_KEY = "a"
"""The key that acknowledges the warning."""


class RedFlagBanner(Static):
    """The warning of the red flag standing in the plan, shown until acknowledged."""

    DEFAULT_CSS = """
    RedFlagBanner {
        display: none;
        background: $error;
        color: $text;
        padding: 0 1;  /* at 24 rows the warning must leave room for the session */
        text-style: bold;
        height: auto;
    }
    """

    def show(self, projection: Projection | None) -> None:
        """Show the warning of ``projection``'s standing red flag, unless acknowledged."""
        flag = None if projection is None else unacknowledged_flag(projection)
        if projection is None or flag is None:
            self.display = False
            return
        text = Text(red_flag_text(projection, face="app"))
        text.append(f"\nPress {ACK_KEY} once you have read this.", style="italic")
        self.update(text)
        self.display = True

    def acknowledge(self) -> None:
        """Save the person's acknowledgement of the warning in the plan; the banner goes."""
        app: WorkoutApp = self.app  # type: ignore[assignment]
        projection = app.projection
        flag = None if projection is None else unacknowledged_flag(projection)
        if flag is None:
            return
        if app.change_plan(lambda plan: acknowledge(plan, flag), "red flag acknowledged"):
            self.display = False
