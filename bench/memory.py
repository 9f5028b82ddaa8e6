"""Memory after an hour of use: every screen opened in turn many times, sessions logged and
undone (each a save), against the memory held once the first screen was open.

Run through ``python -m bench.tui_probe memory ROUNDS TODAY`` (a fresh process: RSS is the
process's own). Prints ``first<TAB>KiB``, ``once<TAB>KiB`` (every screen opened once), ``end<TAB>KiB`` and ``screens<TAB>N`` (screens still
alive at the end, after a collection: the screen stack's own plus any a watcher kept).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import os
from pathlib import Path

from textual.screen import Screen

from bench.rows import Row
from bench.screen_open import _open, factories, wait_for_whole_plan


def rss_kib() -> int:
    """The process's resident memory now (not its peak), in KiB, after a full collection."""
    gc.collect()
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def live_screens() -> int:
    """Screens the process still holds."""
    gc.collect()
    return sum(isinstance(o, Screen) for o in gc.get_objects())


async def _log_or_undo(pilot: object, round_: int) -> None:
    """Every tenth round logs the next session (a save); every fifteenth undoes it (a save)."""
    keys = ("d", "y") if round_ % 10 == 0 else ("u",) if round_ % 15 == 0 else ()
    for key in keys:
        await pilot.press(key)  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]


def measure(today: dt.date, rounds: int) -> dict[str, int]:
    """Memory once the first screen (the calendar) was opened, and after ``rounds`` rounds of
    opening every screen of the app (the plain floor excluded), logging and undoing."""
    from screens.app import WorkoutApp

    async def drive() -> dict[str, int]:
        app = WorkoutApp(today=today)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for_whole_plan(app, pilot)
            made = factories(app)
            await _open(app, made["calendar"])
            first = rss_kib()
            once = first
            for round_ in range(1, rounds + 1):
                for name, make in factories(app).items():  # the plan as it now is
                    if name != "plain":
                        await _open(app, make)
                await _log_or_undo(pilot, round_)
                await app.workers.wait_for_complete()
                if round_ == 1:  # every screen's code and styles now loaded, once
                    once = rss_kib()
            await pilot.pause()
            return {"first": first, "once": once, "end": rss_kib(), "screens": live_screens()}

    return asyncio.run(drive())


def main(rounds: int, today: dt.date) -> None:
    """Print ``name<TAB>value`` lines."""
    for name, value in measure(today, rounds).items():
        print(f"{name}\t{value}")


def bench_memory(data_dir: Path, today: dt.date, rounds: int) -> list[Row]:
    """The memory rows of the table (a subprocess: a fresh app, its own RSS)."""
    import subprocess
    import sys

    from bench.rows import ROOT, _env

    out = subprocess.run(
        [sys.executable, "-m", "bench.tui_probe", "memory", str(rounds), today.isoformat()],
        check=True,
        env=_env(data_dir),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1800,
    )
    got = {
        k: int(v) for k, v in (line.split("\t") for line in out.stdout.splitlines() if "\t" in line)
    }
    first = "after the first screen (the calendar)"
    return [
        Row(
            f"memory (RSS) after every screen opened once ({got['screens']} screens alive at the end)",
            got["once"],
            got["first"],
            first,
            "report",
            None,
            unit="KiB",
        ),
        Row(
            f"memory (RSS) after an hour of use ({rounds} rounds of every screen, logs, undos)",
            got["end"],
            got["first"],
            first,
            "≤ 1.5×",
            got["end"] <= 1.5 * got["first"],
            unit="KiB",
        ),
    ]
