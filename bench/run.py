"""The benchmark run: every measure next to a floor measured in the same run, as a ratio.

``python -m bench`` (10-year plan) or ``python -m bench --quick`` (1-year plan, fewer runs; CI
runs it so the bench cannot rot, and never fails on times). Prints a Markdown table.

Measures and their floors are taken in turns (floor, measure, floor, …), so a machine that
slows down half-way slows both. The packages are byte-compiled first, as ``pip install`` does:
a checkout run with ``PYTHONDONTWRITEBYTECODE`` would otherwise compile every module on every
command, which no installed copy does.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import datetime as dt
import functools
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


def bench_generation(years_list: list[int], runs: int) -> list[Row]:
    """Projection time at several plan sizes: linear growth shows as a flat per-session time."""
    from bench.fixtures import plan as make_plan
    from planner import actions
    from planner.projection import project_plan
    from planner.resume import carry_checkpoints, project_whole, project_window

    rows = []
    for years in years_list:
        plan, today = make_plan(years)
        seconds = median_time(functools.partial(project_plan, plan, today), runs)
        projection, checkpoints = project_whole(plan, today)
        session = projection.next_planned()
        assert session is not None
        logged = actions.log_done(plan, session)
        kept = carry_checkpoints(plan, logged, checkpoints)
        whole = median_time(
            functools.partial(project_whole, logged, today, kept, projection),
            runs,
        )
        window = median_time(
            functools.partial(project_window, logged, today, kept),
            runs,
        )
        per = seconds / projection.total * 1e6
        target = "< 0.5 s at 10 years" if years == 10 else "linear"
        rows += [
            Row(
                f"generate {years}-year plan ({projection.total} sessions, {per:.0f} µs/session)",
                seconds,
                None,
                "",
                target,
                seconds < 0.5 if years == 10 else None,
            ),
            Row(
                f"re-project {years}-year plan after a logged session (whole plan)",
                whole,
                None,
                "",
                target,
                whole < 0.5 if years == 10 else None,
            ),
            Row(
                f"re-project {years}-year plan after a logged session (the week ahead)",
                window,
                None,
                "",
                "report",
                None,
            ),
        ]
    return rows


def bench_files(path: Path, runs: int) -> list[Row]:
    """Load and save of the plan file against raw tomllib / tomli_w of the same text."""
    from planner import actions, files
    from planner.model import Plan
    from planner.service import PlanService

    raw = path.read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    size = path.stat().st_size / 1024
    cold_floor, cold = median_pair(lambda: tomllib.loads(raw), lambda: files.read_plan(path), runs)
    plan = files.read_plan(path).plan
    today = plan.start + dt.timedelta(weeks=plan.weeks // 2)
    PlanService.open(path, today)  # now in the cache
    warm_floor, warm = median_pair(
        lambda: tomllib.loads(raw), lambda: PlanService.open(path, today), runs
    )
    service = PlanService.open(path, today)
    pending = service.plan

    def next_session() -> None:  # not timed: what the command does before it saves
        nonlocal pending
        session = service.window().next_planned()
        assert session is not None
        pending = actions.log_done(service.plan, session)

    def log_one() -> None:
        def change(plan: Plan) -> Plan:
            return pending

        service.apply(change)

    current = None

    def rewrite() -> None:
        nonlocal current
        current = current or files.read_plan(path)
        unknown = attrs.evolve(current, blocks=None)  # as a file laid out by hand would be
        current = files.save_plan(unknown, current.plan)

    save_floor, saved = median_pair(
        lambda: tomli_w.dumps(data), log_one, runs, prepare=next_session
    )
    full_floor, full = median_pair(lambda: tomli_w.dumps(data), rewrite, runs)
    return [
        _ratio_row(
            f"load plan file, first time (parse, validate; {size:.0f} KiB)",
            cold,
            cold_floor,
            "tomllib.loads",
            1.5,
        ),
        _ratio_row(
            "load plan file again (cached)", warm, warm_floor, "tomllib.loads of the file", 1.5
        ),
        _ratio_row(
            "save after logging a session (atomic, backup)",
            saved,
            save_floor,
            "tomli_w.dumps",
            1.5,
        ),
        Row(
            "save rewriting every part (a hand-laid-out file's first save)",
            full,
            full_floor,
            "tomli_w.dumps",
            "report",
            None,
        ),
    ]


def bench_cli(data_dir: Path, today: dt.date, runs: int) -> list[Row]:
    """CLI commands in fresh processes against bare imports of their libraries."""
    env = _env(data_dir)
    python = sys.executable
    floor_argv = [python, "-c", "import attrs, tomllib, tomli_w, platformdirs"]
    base = [*_workout(), "--today", today.isoformat()]
    # Exports are refused inside the data directory (they could clobber a plan): write beside it.
    out = Path(tempfile.mkdtemp(prefix="workout-bench-export-")) / "out.ics"
    plan = data_dir / "plans" / "bench.toml"
    rows = []
    for name, argv in (
        ("workout today", [*base, "today"]),
        ("workout done", [*base, "done"]),
        ("workout export --format ics", [*base, "export", "--format", "ics", "-o", str(out)]),
    ):
        floor, seconds = median_pair(
            lambda: run_command(floor_argv, env), functools.partial(run_command, argv, env), runs
        )
        rows.append(_ratio_row(name, seconds, floor, FLOOR_IMPORTS, 1.5))

    def hand_edit() -> None:
        with plan.open("a", encoding="utf-8") as handle:
            handle.write("# edited by hand\n")

    floor, seconds = median_pair(
        lambda: run_command(floor_argv, env),
        lambda: run_command([*base, "today"], env),
        runs,
        prepare=hand_edit,
    )
    rows.append(
        Row(
            "workout today, after the file was edited by hand (parse, validate)",
            seconds,
            floor,
            FLOOR_IMPORTS,
            "report",
            None,
        )
    )
    return rows


def _workout() -> list[str]:
    """The ``workout`` script installed beside this Python (what a person runs), else
    ``python -m planner`` (which also pays for runpy)."""
    script = Path(sys.executable).parent / "workout"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "planner"]


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
    out = subprocess.run(
        [sys.executable, "-m", "bench.tui_probe", "screens", str(runs), today.isoformat()],
        check=True,
        env=_env(data_dir),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    from bench.screen_open import FLOOR

    medians = dict(line.split("\t") for line in out.stdout.strip().splitlines() if "\t" in line)
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


def main(argv: list[str] | None = None) -> int:
    """Build the plan, measure, print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1-year plan, fewer runs (CI)")
    parser.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    args = parser.parse_args(argv)
    years = 1 if args.quick else 10
    runs = 3 if args.quick else 9
    for package in ("planner", "rules", "screens", "bench"):
        compileall.compile_dir(ROOT / package, quiet=1)
    from bench.fixtures import plan as make_plan
    from planner import files

    temp = Path(tempfile.mkdtemp(prefix="workout-bench-"))
    os.environ["WORKOUT_DATA_DIR"] = str(temp)
    os.environ["WORKOUT_CACHE_DIR"] = str(temp / "cache")
    try:
        plan, today = make_plan(years)
        created = files.create_plan(plan, "bench")
        print(
            f"# workout-planner bench: {years}-year plan, {len(plan.log)} logged sessions, "
            f"{created.path.stat().st_size / 1024:.0f} KiB, python {sys.version.split()[0]}, "
            f"{os.cpu_count()} cores\n",
            flush=True,
        )
        rows: list[Row] = []
        rows += bench_tui_start(temp, today, runs)
        rows += bench_cli(temp, today, runs)
        rows += bench_generation([1] if args.quick else [1, 2, 5, 10], runs)
        rows += bench_files(files.create_plan(plan, "files").path, runs)
        rows += bench_screens(temp, today, 3 if args.quick else 7)
        rows += bench_keypress(temp, today, 12 if args.quick else 40, 52 * years)
        from bench.memory import bench_memory

        rows += bench_memory(temp, today, 3 if args.quick else 30)
        print(table(rows))
        if args.json:
            Path(args.json).write_text(
                json.dumps([{**attrs.asdict(r), "ratio": r.ratio} for r in rows], indent=2),
                encoding="utf-8",
            )
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return 0
