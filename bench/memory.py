"""Memory after an hour of use: every screen opened in turn many times, sessions logged and
undone (each a save), against the memory held once the first screen was open.

An hour of use is :data:`HOUR` rounds: each round opens the nine screens of the app once, every
tenth logs a session and every fifteenth undoes one, so an hour is 540 screens opened and 8 saves
(a screen every ~7 s for an hour: more than a person does, so it bounds an hour from above).

Run through ``python -m bench.tui_probe memory ROUNDS TODAY`` (a fresh process: RSS is the
process's own). Prints ``first<TAB>KiB``, ``once<TAB>KiB`` (every screen opened once), ``end<TAB>KiB``,
``half<TAB>KiB`` (after half the rounds: the end against it says whether memory still grows),
``blocks_half``/``blocks_end`` (Python's live memory blocks then), ``plateau<TAB>N`` (the first
round from which RSS stays within :data:`FLAT` of the end) and
``screens<TAB>N`` (screens still alive at the end, after a collection, the frozen ones counted:
the screen stack's own plus any a watcher kept).

Textual keeps a bounded cache: an ``lru_cache(1024)`` on ``StylesCache.get_inner_outer`` keyed on
each widget's style cache keeps the last 1,024 of them alive (Textualize/textual#6665). A closed
screen empties its widgets' caches of the lines they drew (:func:`screens.navigation.
forget_drawn_lines`), so what that cache keeps is small; the bench reports the plateau left.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import os
import sys
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


HOUR = 60
"""Rounds in an hour of use (540 screens opened, 8 saves)."""

FLAT = 0.05
"""Growth over the second half of the rounds below which memory has reached its plateau: RSS
creeps a few MiB after Python's live blocks stop growing (the allocator's fragmentation)."""


def live_screens() -> int:
    """Screens the process still holds (frozen ones too: ``gc.get_objects()`` leaves them out)."""
    gc.collect()
    gc.unfreeze()
    try:
        return sum(isinstance(o, Screen) for o in gc.get_objects())
    finally:
        gc.freeze()


def plateau(rss: list[int]) -> int:
    """The first round (1-based) from which RSS stays within :data:`FLAT` of the end."""
    end = rss[-1]
    start = len(rss)
    while start > 1 and abs(rss[start - 2] - end) <= FLAT * end:
        start -= 1
    return start


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
            # (the factories of the plan as it is now, dropped at once: kept, they would hold
            # this first projection and service for the whole run, which the app does not)
            await _open(app, factories(app)["calendar"])
            first = rss_kib()
            rss: list[int] = []
            blocks: list[int] = []
            for round_ in range(1, rounds + 1):
                for name, make in factories(app).items():  # the plan as it now is
                    if name != "plain":
                        await _open(app, make)
                await _log_or_undo(pilot, round_)
                await app.workers.wait_for_complete()
                rss.append(rss_kib())  # after round 1: every screen's code and styles loaded
                blocks.append(sys.getallocatedblocks())
            await pilot.pause()
            return {
                "first": first,
                "once": rss[0],
                "half": rss[max(len(rss) // 2 - 1, 0)],
                "blocks_half": blocks[max(len(rss) // 2 - 1, 0)],
                "blocks_end": blocks[-1],
                "end": rss_kib(),
                "plateau": plateau(rss),
                "screens": live_screens(),
            }

    return asyncio.run(drive())


def main(rounds: int, today: dt.date) -> None:
    """Print ``name<TAB>value`` lines."""
    for name, value in measure(today, rounds).items():
        print(f"{name}\t{value}")


def bench_memory(data_dir: Path, today: dt.date, rounds: int) -> list[Row]:
    """The memory rows of the table (a subprocess: a fresh app, its own RSS)."""
    from bench.rows import probe_lines

    got = {k: int(v) for k, v in probe_lines("memory", rounds, today, data_dir, 1800).items()}
    first = "after the first screen (the calendar)"
    blocks = got["blocks_end"] / got["blocks_half"] - 1
    span = "an hour of use" if rounds >= HOUR else f"{rounds} rounds of use"
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
            f"memory (RSS) after {span} ({rounds} rounds of every screen, logs, undos)",
            got["end"],
            got["first"],
            first,
            "≤ 1.5×",
            got["end"] <= 1.5 * got["first"],
            unit="KiB",
        ),
        Row(
            f"memory (RSS) growth over the second half of {span} (within {FLAT:.0%} from round "
            f"{got['plateau']}; Python's live blocks {blocks:+.1%})",
            got["end"],
            got["half"],
            f"after round {max(rounds // 2, 1)}",
            f"≤ {1 + FLAT:.2f}×",
            got["end"] <= (1 + FLAT) * got["half"],
            unit="KiB",
        ),
    ]
