"""Start an app, stop at its first frame, print elapsed seconds and peak RSS (run as a subprocess).

``python -m bench.tui_probe workout|minimal T0`` where T0 is the spawn time (time.time()).

``python -m bench.tui_probe screens RUNS TODAY`` opens each screen of the app ``RUNS`` times on
the plan in ``$WORKOUT_DATA_DIR`` and prints, per screen, the median milliseconds from the push
to the screen's first frame, with a plain screen (one Static) pushed the same way as the floor.

``python -m bench.tui_probe memory ROUNDS TODAY``: memory after an hour of use (bench.memory).
"""

from __future__ import annotations

import datetime as dt
import resource
import sys
import time

RESULT: list[str] = []


def _report(start: float) -> None:
    # Textual captures print() while an app runs: keep the figures, print them after run().
    elapsed = time.time() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    RESULT.append(f"{elapsed:.6f} {rss}")


def main() -> None:
    which = sys.argv[1]
    if which == "screens":
        from bench.screen_open import main as screens_main

        screens_main(int(sys.argv[2]), dt.date.fromisoformat(sys.argv[3]))
        return
    if which == "memory":
        from bench.memory import main as memory_main

        memory_main(int(sys.argv[2]), dt.date.fromisoformat(sys.argv[3]))
        return
    start = float(sys.argv[2])
    if which == "minimal":
        from textual.app import App, ComposeResult
        from textual.widgets import DataTable, Footer, Header

        class Minimal(App[None]):
            def compose(self) -> ComposeResult:
                yield Header()
                yield DataTable()
                yield Footer()

            def on_mount(self) -> None:
                self.call_after_refresh(self._done)

            def _done(self) -> None:
                _report(start)
                self.exit()

        Minimal().run(headless=True, size=(100, 30))
        print(RESULT[-1])
        return
    from pathlib import Path, PurePath
    from typing import ClassVar

    from planner import codecache
    from planner.projection import Projection

    codecache.install()  # as `workout` does before it imports the app (planner.cli.main),
    import gc

    gc.disable()  # and as it does until the app's first frame (planner.cli._launch_tui)
    import screens.app
    from screens.app import WorkoutApp

    class Probe(WorkoutApp):
        # CSS paths are relative to the defining module: point at the app's own.
        CSS_PATH: ClassVar[list[str | PurePath]] = [
            Path(screens.app.__file__).parent / p for p in WorkoutApp.CSS_PATH
        ]

        def watch_projection(self, projection: Projection | None) -> None:
            super().watch_projection(projection)
            # The dashboard shows the plan once the projection is set: stop at that frame.
            if projection is not None and not RESULT:
                self.call_after_refresh(self._done)

        def _done(self) -> None:
            _report(start)
            self.exit()

    Probe(today=dt.date.fromisoformat(sys.argv[3])).run(headless=True, size=(100, 30))
    print(RESULT[-1])


if __name__ == "__main__":
    main()
