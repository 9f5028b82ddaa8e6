"""A title line drawn by one widget, looking like Textual's Header (icon, centred title).

Textual's Header is four widgets (itself, the icon, the title, the clock's space): about 12 ms
of a screen's opening on this machine, a tenth of the wizard's budget. This bar draws the same
line in one render; a click on the icon opens the command palette, as the Header's does.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8
"""Columns of the icon's cell, as the Header's (padding included)."""
RIGHT = 10
"""Columns the Header keeps at the right for its clock."""


class TitleBar(Widget):
    """The screen's title (else the app's) and sub-title, on one line at the top."""

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
        """Redraw when a title changes."""
        for node in (self.app, self.screen):
            self.watch(node, "title", self._retitle, init=False)
            self.watch(node, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def render(self) -> Content:
        """`` ⭘      workout — Strength``, the title centred between the icon and the right end."""
        screen = self.screen
        title = screen.title if screen.title is not None else self.app.title
        sub_title = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        room = max(self.size.width - ICON_WIDTH - RIGHT, 0)
        text = self.app.format_title(title, sub_title).center(room, ellipsis=True)
        return Content.assemble(f" {ICON}".ljust(ICON_WIDTH), text)

    async def on_click(self, event: events.Click) -> None:
        """The icon opens the command palette."""
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
