"""The cyclic garbage collector kept off key presses and screen opens (issue 13).

A 10-year plan is ~10⁵ tracked long-lived objects, and Textual keeps ~10⁵ more alive in its
caches (lines drawn by recent widgets). Python's full collection walks every tracked object that
is not frozen, so one screen open in three or four paid 60–140 ms for it, at random.

Here the full collection runs between screens instead: just after Textual has removed a closed
screen (its garbage is mostly cycles: parent and child widgets), before the next key is
handled, and shortly after a new whole plan is shown. It walks what Textual's caches hold,
10–60 ms, on the way back from the closed screen, never in an open; automatic full passes
rarely come due in an open since (each collection starts their count again).

Nothing is frozen here but the first whole plan: freezing what is alive after each such
collection grew an hour of use (bench --only memory: Python's live blocks +36 % over the
second half, against +0.5 %), as freezing at each save did before.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import App
    from textual.screen import Screen


class IdleCollector:
    """Runs the cyclic garbage collector of ``app`` once it is idle after a screen closed."""

    DELAY = 0.1
    """Seconds after a new whole plan is shown until the collection (its frame drawn)."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._depth = 0  # screens on the stack when last seen
        self._due = False  # a collection is asked for and not yet run
        self._frozen = False  # the first whole plan is frozen
        self.collections = 0
        """Collections run so far (for tests)."""

    def start(self) -> None:
        """Follow the screen stack (from the app's mount on)."""
        self._depth = len(self._app.screen_stack)
        self._app.screen_change_signal.subscribe(self._app, self._screen_changed)

    def _screen_changed(self, _screen: Screen[object]) -> None:
        depth = len(self._app.screen_stack)
        closed, self._depth = depth < self._depth, depth
        if closed:  # once Textual has removed it (queued after the removal: call_later)
            self._ask(lambda: self._app.call_later(self._collect))

    def first_frame(self) -> None:
        """The first frame is drawn: the collector runs again (``workout`` turns it off while
        the app starts, planner.cli)."""
        gc.enable()

    def plan_shown(self) -> None:
        """A whole plan is shown: keep its objects out of the collector's full passes."""
        # The first at once, as before (at start-up, little else is garbage yet: a freeze
        # keeps for good whatever is garbage in a cycle at that moment).
        if not self._frozen:
            self._frozen = True
            gc.freeze()
            return
        # A later one (after a save) is not frozen (see above): collect once it is drawn.
        self._ask(lambda: self._app.set_timer(self.DELAY, self._collect, name="collect"))

    def _ask(self, schedule: Callable[[], object]) -> None:
        if not self._due:  # (asked again before it ran: once)
            self._due = True
            schedule()

    def _collect(self) -> None:
        self._due = False
        gc.collect()
        _give_back_free_memory()
        self.collections += 1


_trim: Callable[[int], int] | None = None


def _give_back_free_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc's ``malloc_trim``; elsewhere
    nothing). Each save projects a 10-year plan again in a worker thread; what that frees is
    kept by malloc between live blocks, so the app's memory rose in steps at saves and undos
    (4–6 MiB over an hour, bench --only memory)."""
    global _trim
    if _trim is None:
        import ctypes

        found = getattr(ctypes.CDLL(None), "malloc_trim", None)
        if found is None:  # (not glibc: musl, macOS)
            _trim = lambda pad: 0  # noqa: E731
        else:
            found.argtypes, found.restype = [ctypes.c_size_t], ctypes.c_int
            _trim = found
    _trim(0)
