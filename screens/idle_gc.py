"""The cyclic garbage collector kept off key presses and screen opens (issue 13).

A 10-year plan is ~10⁵ tracked long-lived objects, and Textual keeps ~10⁵ more alive in its
caches (lines drawn by recent widgets). Python's full collection walks every tracked object that
is not frozen, so one screen open in three or four paid 60–140 ms for it, at random.

Here the full collection runs between screens instead: just after Textual has removed a closed
screen (its garbage is mostly cycles: parent and child widgets), before the next key is
handled, and shortly after a new whole plan is shown. Whatever is alive once that collection
has freed the garbage is then frozen (``gc.freeze``), so the next collection, wherever it
falls, walks only what was made since: a few milliseconds, not a hundred. When nothing could
be frozen (a closed screen still held), the collection after a close walks everything
Textual's caches hold, 10–60 ms, on the way back from the closed screen, never in an open.

Freezing only after a collection, and only with the dashboard alone on the stack, is what keeps
it from pinning anything: a frozen object in a cycle is never collected, so a freeze while a
closed screen was still garbage, or while a screen that closes later was open, kept that
screen for good (freezing at each save grew the app without end). The dashboard and the app
live as long as the process; what they drop (lines drawn, old plans) is freed by reference
counting, which a freeze does not stop.
"""

from __future__ import annotations

import gc
import weakref
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import App
    from textual.screen import Screen
    from textual.timer import Timer


class IdleCollector:
    """Runs the cyclic garbage collector of ``app`` once it is idle after a screen closed."""

    DELAY = 0.1
    """Seconds after a new whole plan is shown until the collection (its frame drawn)."""
    RETRY = 0.3
    """Seconds until the freeze is tried again when a closed screen was still held (once a
    close: a screen held for good, by a leak, must not make an idle app collect forever)."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._depth = 0  # screens on the stack when last seen
        self._due = False  # a collection is asked for and not yet run
        self._frozen = False  # the first whole plan is frozen
        self._seen: weakref.WeakSet[Screen[object]] = weakref.WeakSet()  # every screen shown
        self._retry: Timer | None = None
        self._may_retry = False  # the freeze is not tried again yet since the last close
        self.collections = 0
        """Collections run so far (for tests)."""

    def start(self) -> None:
        """Follow the screen stack (from the app's mount on)."""
        self._depth = len(self._app.screen_stack)
        self._app.screen_change_signal.subscribe(self._app, self._screen_changed)

    def _screen_changed(self, screen: Screen[object]) -> None:
        self._seen.add(screen)
        depth = len(self._app.screen_stack)
        closed, self._depth = depth < self._depth, depth
        if self._retry is not None:  # (never in the opening of a screen)
            self._retry.stop()
            self._retry = None
        if closed:  # once Textual has removed it (queued after the removal: call_later)
            self._may_retry = True
            self._ask(lambda: self._app.call_later(self._collect))

    def plan_shown(self) -> None:
        """A whole plan is shown: keep its objects out of the collector's full passes."""
        # The first at once, as before (at start-up, little else is garbage yet: a freeze
        # keeps for good whatever is garbage in a cycle at that moment).
        if not self._frozen:
            self._frozen = True
            gc.freeze()
            return
        # A later one (after a save): once its frame is drawn and the garbage collected.
        self._ask(lambda: self._app.set_timer(self.DELAY, self._collect, name="collect"))

    def _ask(self, schedule: Callable[[], object]) -> None:
        if not self._due:  # (asked again before it ran: once)
            self._due = True
            schedule()

    def _collect(self) -> None:
        self._due = False
        gc.collect()
        self.collections += 1
        stack = self._app.screen_stack
        # The dashboard alone, and no closed screen still held (by a caller's variable, or
        # while Textual finishes removing it): a freeze now would keep it for good.
        if len(stack) > 1:
            return
        if all(screen in stack for screen in self._seen):
            gc.freeze()
        elif self._may_retry:  # (the key press that closed it, say, still held it)
            self._may_retry = False
            self._retry = self._app.set_timer(self.RETRY, self._again, name="collect again")

    def _again(self) -> None:
        self._retry = None
        self._ask(lambda: self._app.call_later(self._collect))
