"""Rows of the app: cold start to the first frame, each screen's opening, key presses in the
calendar."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.rows import ROOT, Row, _env, _ratio_row, probe_lines


def _probe(which: str, env: dict[str, str], today: dt.date) -> tuple[float, int]:
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-m", "bench.tui_probe", which, repr(start), today.isoformat()],
        check=True,
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    elapsed, rss = out.stdout.strip().splitlines()[-1].split()
    return float(elapsed), int(rss)


def bench_tui_start(data_dir: Path, today: dt.date, runs: int) -> list[Row]:
    """Cold start to the first frame with the plan loaded, against a minimal Textual app."""
    env = _env(data_dir)
    minimal, workout = [], []
    for _ in range(runs):
        minimal.append(_probe("minimal", env, today))
        workout.append(_probe("workout", env, today))
    floor = statistics.median(t for t, _ in minimal)
    value = statistics.median(t for t, _ in workout)
    floor_rss = statistics.median(r for _, r in minimal)
    rss = statistics.median(r for _, r in workout)
    return [
        _ratio_row(
            "TUI cold start to first frame, plan loaded",
            value,
            floor,
            "minimal Textual app (Header, DataTable, Footer)",
            1.3,
        ),
        Row(
            "TUI peak memory (max RSS)",
            rss,
            floor_rss,
            "minimal Textual app",
            "report",
            None,
            unit="KiB",
        ),
    ]


def bench_screens(data_dir: Path, today: dt.date, runs: int) -> list[Row]:
    """Each screen pushed on the loaded plan until its first frame, against a plain screen
    (one Static) pushed the same way in the same run (a subprocess: a fresh app)."""
    from bench.screen_open import FLOOR

    medians = probe_lines("screens", runs, today, data_dir, 600)
    floor = float(medians.pop(FLOOR))
    return [
        Row(
            f"open the {name} screen (push to first frame)",
            float(value),
            floor,
            "a plain Screen with one Static, pushed the same way",
            "< 100 ms",
            float(value) < 0.1,
        )
        for name, value in medians.items()
    ]


async def _presses(pilot: object, keys: list[str]) -> tuple[list[float], list[float]]:
    """(CPU seconds, wall seconds) of each key press until the screen is updated."""
    cpu, wall = [], []
    for key in keys:
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        await pilot.press(key)  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return cpu, wall


def bench_keypress(data_dir: Path, today: dt.date, presses: int, weeks: int) -> list[Row]:
    """Key presses in the calendar of the plan (Pilot), median over ``presses``.

    Pilot's own round trip sleeps while it waits for the app to be idle (at least 20 ms a
    wait, three waits a press), so the wall time of a press is mostly Pilot's; the CPU time
    the process spends on a press (sleeping costs none) is the app's own work: handling the
    key and drawing the screen. Both are shown, each against a plain DataTable with as many
    rows, pressed the same way.
    """
    os.environ["WORKOUT_DATA_DIR"] = str(data_dir)
    os.environ["WORKOUT_CACHE_DIR"] = str(data_dir / "cache")
    from bench.screen_open import wait_for_whole_plan
    from screens.app import WorkoutApp

    keys = ["down", "right", "down", "left"] * (presses // 4)

    async def drive() -> tuple[list[float], list[float]]:
        app = WorkoutApp(today=today)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for_whole_plan(app, pilot, tries=50)
            await pilot.press("c")
            await pilot.pause()
            return await _presses(pilot, keys)

    async def drive_floor(rows: int) -> tuple[list[float], list[float]]:
        from textual.app import App, ComposeResult
        from textual.widgets import DataTable

        class Plain(App[None]):
            def compose(self) -> ComposeResult:
                yield DataTable(cursor_type="cell")

            def on_mount(self) -> None:
                table = self.query_one(DataTable)
                table.add_columns(*[f"c{i}" for i in range(8)])
                table.add_rows([[f"{r}:{c}" for c in range(8)] for r in range(rows)])

        async with Plain().run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            return await _presses(pilot, keys)

    cpu, wall = asyncio.run(drive())
    floor_cpu, floor_wall = asyncio.run(drive_floor(weeks))
    name = f"plain {weeks}-row DataTable, same presses"
    return [
        Row(
            f"calendar key press, the app's work (CPU, {len(cpu)} presses)",
            statistics.median(cpu),
            statistics.median(floor_cpu),
            name,
            "< 50 ms",
            statistics.median(cpu) < 0.05,
        ),
        Row(
            "calendar key press, Pilot round trip (wall, incl. Pilot's idle waits)",
            statistics.median(wall),
            statistics.median(floor_wall),
            name,
            "report",
            None,
        ),
    ]
