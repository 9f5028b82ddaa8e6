"""The benchmark run: every measure next to a floor measured in the same run, as a ratio.

``python -m bench`` (10-year plan) or ``python -m bench --quick`` (1-year plan, fewer runs; CI
runs it so the bench cannot rot, and never fails on times). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import attrs
import tomli_w

ROOT = Path(__file__).resolve().parent.parent


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
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["WORKOUT_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("WORKOUT_FAULT_POINT", None)
    return env


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


def bench_generation(years_list: list[int], runs: int) -> list[Row]:
    """Projection time at several plan sizes: linear growth shows as a flat per-session time."""
    from bench.fixtures import plan as make_plan
    from planner import actions
    from planner.projection import project_plan

    rows = []
    for years in years_list:
        plan, today = make_plan(years)
        seconds = median_time(lambda p=plan, t=today: project_plan(p, t), runs)
        projection = project_plan(plan, today)
        session = projection.next_planned()
        assert session is not None
        logged = actions.log_done(plan, session)
        reproject = median_time(lambda p=logged, t=today: project_plan(p, t), runs)
        per = seconds / len(projection.sessions) * 1e6
        rows.append(
            Row(
                f"generate {years}-year plan ({len(projection.sessions)} sessions, {per:.0f} µs/session)",
                seconds,
                None,
                "",
                "< 0.5 s at 10 years" if years == 10 else "linear",
                seconds < 0.5 if years == 10 else None,
            )
        )
        rows.append(
            Row(
                f"re-project {years}-year plan after a logged session",
                reproject,
                None,
                "",
                "< 0.5 s at 10 years" if years == 10 else "linear",
                reproject < 0.5 if years == 10 else None,
            )
        )
    return rows


def bench_files(path: Path, runs: int) -> list[Row]:
    """Load and save of the plan file against raw tomllib / tomli_w of the same text."""
    from planner import files

    raw = path.read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    load_floor = median_time(lambda: tomllib.loads(raw), runs)
    load = median_time(lambda: files.read_plan(path), runs)
    current = files.read_plan(path)
    save_floor = median_time(lambda: tomli_w.dumps(data), runs)

    def save() -> None:
        nonlocal current
        current = files.save_plan(current, current.plan)

    saved = median_time(save, runs)
    size = path.stat().st_size / 1024
    return [
        Row(
            f"load plan file ({size:.0f} KiB)",
            load,
            load_floor,
            "tomllib.loads",
            "≤ 1.5×",
            load / load_floor <= 1.5,
        ),
        Row(
            "save plan file (atomic, backup)",
            saved,
            save_floor,
            "tomli_w.dumps",
            "≤ 1.5×",
            saved / save_floor <= 1.5,
        ),
    ]


def bench_cli(data_dir: Path, today: dt.date, runs: int) -> list[Row]:
    """CLI commands in fresh processes against bare imports of their libraries."""
    env = _env(data_dir)
    python = sys.executable
    floor = median_time(
        lambda: run_command([python, "-c", "import attrs, tomllib, tomli_w, platformdirs"], env),
        runs,
    )
    base = [python, "-m", "planner", "--today", today.isoformat()]
    out = data_dir / "out.ics"
    rows = []
    for name, argv in (
        ("workout today", [*base, "today"]),
        ("workout done", [*base, "done"]),
        ("workout export --format ics", [*base, "export", "--format", "ics", "-o", str(out)]),
    ):
        seconds = median_time(lambda a=argv: run_command(a, env), runs)
        rows.append(
            Row(
                name,
                seconds,
                floor,
                "python -c 'import attrs, tomllib, tomli_w, platformdirs'",
                "≤ 1.5×",
                seconds / floor <= 1.5,
            )
        )
    return rows


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
    minimal = [_probe("minimal", env, today) for _ in range(runs)]
    workout = [_probe("workout", env, today) for _ in range(runs)]
    floor = statistics.median(t for t, _ in minimal)
    value = statistics.median(t for t, _ in workout)
    floor_rss = statistics.median(r for _, r in minimal)
    rss = statistics.median(r for _, r in workout)
    return [
        Row(
            "TUI cold start to first frame, plan loaded",
            value,
            floor,
            "minimal Textual app (Header, DataTable, Footer)",
            "≤ 1.3×",
            value / floor <= 1.3,
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


def bench_keypress(data_dir: Path, today: dt.date, presses: int, weeks: int) -> list[Row]:
    """A key press in the calendar of the plan (Pilot), median over ``presses``."""
    os.environ["WORKOUT_DATA_DIR"] = str(data_dir)
    from screens.app import WorkoutApp

    async def drive() -> list[float]:
        app = WorkoutApp(today=today)
        times: list[float] = []
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            await pilot.press("c")
            await pilot.pause()
            for key in ["down", "right"] * (presses // 2):
                start = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                times.append(time.perf_counter() - start)
        return times

    async def drive_floor(rows: int) -> list[float]:
        from textual.app import App, ComposeResult
        from textual.widgets import DataTable

        class Plain(App[None]):
            def compose(self) -> ComposeResult:
                yield DataTable(cursor_type="cell")

            def on_mount(self) -> None:
                table = self.query_one(DataTable)
                table.add_columns(*[f"c{i}" for i in range(8)])
                table.add_rows([[f"{r}:{c}" for c in range(8)] for r in range(rows)])

        times: list[float] = []
        async with Plain().run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for key in ["down", "right"] * (presses // 2):
                start = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                times.append(time.perf_counter() - start)
        return times

    times = asyncio.run(drive())
    floor = statistics.median(asyncio.run(drive_floor(weeks)))
    value = statistics.median(times)
    return [
        Row(
            f"calendar key press (Pilot, {len(times)} presses)",
            value,
            floor,
            f"plain {weeks}-row DataTable, same presses",
            "< 50 ms",
            value < 0.05,
        )
    ]


def main(argv: list[str] | None = None) -> int:
    """Build the plan, measure, print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1-year plan, fewer runs (CI)")
    parser.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    args = parser.parse_args(argv)
    years = 1 if args.quick else 10
    runs = 3 if args.quick else 7
    from bench.fixtures import plan as make_plan
    from planner import files

    temp = Path(tempfile.mkdtemp(prefix="workout-bench-"))
    os.environ["WORKOUT_DATA_DIR"] = str(temp)
    try:
        plan, today = make_plan(years)
        created = files.create_plan(plan, "bench")
        print(
            f"# workout-planner bench: {years}-year plan, {len(plan.log)} logged sessions, "
            f"python {sys.version.split()[0]}, {os.cpu_count()} cores\n",
            flush=True,
        )
        rows: list[Row] = []
        rows += bench_tui_start(temp, today, runs)
        rows += bench_cli(temp, today, runs)
        rows += bench_generation([1] if args.quick else [1, 2, 5, 10], runs)
        rows += bench_files(created.path, runs)
        rows += bench_keypress(temp, today, 10 if args.quick else 40, 52 * years)
        print(table(rows))
        if args.json:
            Path(args.json).write_text(
                json.dumps([{**attrs.asdict(r), "ratio": r.ratio} for r in rows], indent=2),
                encoding="utf-8",
            )
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return 0
