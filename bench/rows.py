"""The bench's rows and the ways to time: a measure beside its floor, medians, the table."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
FLOOR_IMPORTS = "python -c 'import attrs, tomllib, tomli_w, platformdirs'"


@attrs.frozen
class Row:
    """One line of the table."""

    measure: str
    value: float
    """Median seconds (or KiB for memory)."""
    floor: float | None
    floor_name: str
    target: str
    ok: bool | None
    unit: str = "s"

    @property
    def ratio(self) -> float | None:
        """value / floor."""
        return self.value / self.floor if self.floor else None


def median_time(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls."""
    return statistics.median(_times(action, runs))


def _times(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def median_pair(
    floor: Callable[[], object],
    action: Callable[[], object],
    runs: int,
    prepare: Callable[[], object] | None = None,
) -> tuple[float, float]:
    """Medians of ``floor`` and ``action``, run in turns (``prepare`` before each action)."""
    floors, values = [], []
    for _ in range(runs):
        floors += _times(floor, 1)
        if prepare is not None:
            prepare()
        values += _times(action, 1)
    return statistics.median(floors), statistics.median(values)


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["WORKOUT_DATA_DIR"] = str(data_dir)
    env["WORKOUT_CACHE_DIR"] = str(data_dir / "cache")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("WORKOUT_FAULT_POINT", None)
    return env


def probe_lines(
    mode: str, count: int, today: dt.date, data_dir: Path, timeout: int
) -> dict[str, str]:
    """Run ``python -m bench.tui_probe MODE COUNT TODAY`` (a fresh app in its own process) and
    return the ``name\tvalue`` lines it prints."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.tui_probe", mode, str(count), today.isoformat()],
        check=True,
        env=_env(data_dir),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
    )
    pairs = (line.split("\t", 1) for line in out.stdout.splitlines() if "\t" in line)
    return {name: value for name, value in pairs}  # noqa: C416 (typed: two strings a line)


def run_command(argv: list[str], env: dict[str, str]) -> None:
    """Run a command; a failure stops the bench (a broken command has no speed)."""
    subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL, cwd=ROOT)


def _fmt(value: float, unit: str) -> str:
    if unit == "KiB":
        return f"{value / 1024:.0f} MiB"
    return f"{value * 1000:.1f} ms" if value < 10 else f"{value:.1f} s"


def table(rows: list[Row]) -> str:
    """The Markdown table."""
    lines = [
        "| measure | median | floor | ratio | target | ok |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        floor = f"{_fmt(row.floor, row.unit)} ({row.floor_name})" if row.floor else row.floor_name
        ratio = f"{row.ratio:.2f}×" if row.ratio else ""
        ok = {True: "✓", False: "✗", None: ""}[row.ok]
        lines.append(
            f"| {row.measure} | {_fmt(row.value, row.unit)} | {floor} | {ratio} | {row.target} | {ok} |"
        )
    return "\n".join(lines)


def _ratio_row(measure: str, value: float, floor: float, floor_name: str, limit: float) -> Row:
    return Row(measure, value, floor, floor_name, f"≤ {limit}×", value / floor <= limit)
