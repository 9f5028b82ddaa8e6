"""Rows of the plan's own work: projecting plans of several sizes, loading and saving the plan
file, and the CLI commands in fresh processes."""

from __future__ import annotations

import datetime as dt
import functools
import sys
import tempfile
import tomllib
from pathlib import Path

import attrs
import tomli_w

from bench.rows import (
    FLOOR_IMPORTS,
    Row,
    _env,
    _ratio_row,
    median_pair,
    median_time,
    run_command,
)


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


EXPORT_LIMIT = 0.25
"""Seconds an export of a 10-year plan may take (DESIGN §7: exports are linear, ≤ 0.25 s for a
10-year plan)."""


def bench_cli(data_dir: Path, today: dt.date, runs: int, years: int = 10) -> list[Row]:
    """CLI commands in fresh processes against bare imports of their libraries (``years``: the
    plan's length; an export's limit is for 10 years)."""
    env = _env(data_dir)
    python = sys.executable
    floor_argv = [python, "-c", "import attrs, tomllib, tomli_w, platformdirs"]
    base = [*_workout(), "--today", today.isoformat()]
    # Exports are refused inside the data directory (they could clobber a plan): write beside it.
    out = Path(tempfile.mkdtemp(prefix="workout-bench-export-")) / "out.ics"
    plan = data_dir / "plans" / "bench.toml"
    floor, seconds = median_pair(
        lambda: run_command(floor_argv, env),
        functools.partial(run_command, [*base, "today"], env),
        runs,
    )
    rows = [_ratio_row("workout today", seconds, floor, FLOOR_IMPORTS, 1.5)]
    export = [*base, "export", "--format", "ics", "-o", str(out)]
    floor, seconds = median_pair(
        lambda: run_command(floor_argv, env), functools.partial(run_command, export, env), runs
    )
    rows.append(_export_row("workout export --format ics", seconds, floor, years))
    rows.append(_done_row(plan, base, env, runs))

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


def _export_row(measure: str, seconds: float, floor: float, years: int) -> Row:
    """An export against DESIGN §7's limit in seconds, checked on a 10-year plan (a shorter
    plan's export is only reported: its start-up does not shrink with it); its ratio to the
    bare imports is still shown."""
    target = f"≤ {EXPORT_LIMIT:g} s at 10 years"
    ok = seconds <= EXPORT_LIMIT if years == 10 else None
    return Row(measure, seconds, floor, FLOOR_IMPORTS, target, ok)


FLOOR_DONE = FLOOR_IMPORTS + " plus an fsync'd write of a file the plan's size"


def _done_row(plan: Path, base: list[str], env: dict[str, str], runs: int) -> Row:
    """``workout done`` on the same session each run (the plan put back before each), against
    the bare imports plus an fsync'd write of a file of the plan's size (DESIGN §7, promise S2:
    a save cannot be cheaper than writing the file)."""
    original = plan.read_bytes()
    scratch = plan.parent.parent / "floor-write.toml"
    write = (
        "import attrs, tomllib, tomli_w, platformdirs, os, sys\n"
        "data = b'x' * int(sys.argv[2])\n"
        "fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)\n"
        "os.write(fd, data); os.fsync(fd); os.close(fd)"
    )
    floor_argv = [sys.executable, "-c", write, str(scratch), str(len(original))]
    floor, seconds = median_pair(
        lambda: run_command(floor_argv, env),
        lambda: run_command([*base, "done"], env),
        runs,
        prepare=lambda: plan.write_bytes(original),
    )
    plan.write_bytes(original)
    scratch.unlink(missing_ok=True)
    return _ratio_row("workout done", seconds, floor, FLOOR_DONE, 1.5)


def _workout() -> list[str]:
    """The ``workout`` script installed beside this Python (what a person runs), else
    ``python -m planner`` (which also pays for runpy)."""
    script = Path(sys.executable).parent / "workout"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "planner"]
