"""The benchmark run: every measure next to a floor measured in the same run, as a ratio.

``python -m bench`` (10-year plan) or ``python -m bench --quick`` (1-year plan, fewer runs; CI
runs it so the bench cannot rot, and never fails on times). Prints a Markdown table.

Measures and their floors are taken in turns (floor, measure, floor, …), so a machine that
slows down half-way slows both. The packages are byte-compiled first, as ``pip install`` does:
a checkout run with ``PYTHONDONTWRITEBYTECODE`` would otherwise compile every module on every
command, which no installed copy does.

The rows are measured by job: :mod:`bench.cli_rows` (projection, plan file, CLI commands),
:mod:`bench.tui_rows` (start, screens, key presses), :mod:`bench.memory`; :mod:`bench.rows` holds
the row, the timing helpers and the table.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import attrs

from bench.cli_rows import (
    bench_cli,
    bench_files as bench_files,
    bench_generation as bench_generation,
)
from bench.rows import ROOT, Row, table as table
from bench.tui_rows import bench_keypress, bench_screens, bench_tui_start

PARTS = ("start", "cli", "generation", "files", "screens", "keys", "memory")
"""The parts of the bench, in the order they run (``--only`` picks some)."""


def main(argv: list[str] | None = None) -> int:
    """Build the plan, measure, print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1-year plan, fewer runs (CI)")
    parser.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    parser.add_argument(
        "--only",
        metavar="PARTS",
        help=f"comma-separated parts to run (of {','.join(PARTS)}); all by default",
    )
    args = parser.parse_args(argv)
    parts = PARTS if args.only is None else tuple(args.only.split(","))
    if unknown := set(parts) - set(PARTS):
        parser.error(f"--only: unknown part {sorted(unknown)[0]!r} (parts: {', '.join(PARTS)})")
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
        if "start" in parts:
            rows += bench_tui_start(temp, today, runs)
        if "cli" in parts:
            rows += bench_cli(temp, today, runs, years)
        if "generation" in parts:
            rows += bench_generation([1] if args.quick else [1, 2, 5, 10], runs)
        if "files" in parts:
            rows += bench_files(files.create_plan(plan, "files").path, runs)
        if "screens" in parts:
            rows += bench_screens(temp, today, 3 if args.quick else 7)
        if "keys" in parts:
            rows += bench_keypress(temp, today, 12 if args.quick else 40, 52 * years)
        if "memory" in parts:
            from bench.memory import HOUR, bench_memory

            rows += bench_memory(temp, today, 6 if args.quick else HOUR)
        print(table(rows))
        if args.json:
            Path(args.json).write_text(
                json.dumps([{**attrs.asdict(r), "ratio": r.ratio} for r in rows], indent=2),
                encoding="utf-8",
            )
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return 0
