"""The title line at the top of each screen: the icon (a click opens the command palette) and
"workout — plan name" in the middle.

Textual's Header is four widgets that watch the app's title and sub-title: a watch stays in the
app until the value next changes, so each closed screen's header (and all it drew) was kept
until another plan was opened. This is one widget that follows the plan through the app's
projection signal, left on unmount.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget

ICON = "⭘"
LEFT, RIGHT = 8, 10
"""The icon's column and the empty one on the right (as Textual's Header lays them out)."""


class TitleBar(Widget):
    """One line: the icon, then the screen's (or the app's) title and sub-title, centred."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        """Follow the plan (its name is the app's sub-title)."""
        signal = getattr(self.app, "projection_signal", None)
        if signal is not None:
            signal.subscribe(self, lambda _projection: self.refresh())

    def on_unmount(self) -> None:
        """Let go of the plan."""
        signal = getattr(self.app, "projection_signal", None)
        if signal is not None:
            signal.unsubscribe(self)

    def title_text(self) -> str:
        """``workout — Strength``: the screen's title and sub-title, else the app's."""
        screen = self.screen
        title = screen.title if screen.title is not None else self.app.title
        sub_title = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        return f"{title} — {sub_title}" if sub_title else title

    def render(self) -> Text:
        """The icon and the title, centred between the icon and the right-hand space."""
        middle = max(0, self.size.width - LEFT - RIGHT)
        title = self.title_text()
        if len(title) > middle:
            title = title[: max(0, middle - 1)] + "…"
        text = Text(f" {ICON}".ljust(LEFT))
        head, _, tail = title.partition(" — ")
        pad = (middle - len(title)) // 2
        text.append(" " * pad + head)
        if tail:
            text.append(" — " + tail, style="dim")
        return text

    async def on_click(self, event: events.Click) -> None:
        """The icon opens the command palette."""
        if event.x < LEFT:
            event.stop()
            await self.run_action("app.command_palette")
