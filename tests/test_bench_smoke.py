"""The bench's building blocks run on a tiny plan (no timing assertions: numbers are the bench's)."""

from __future__ import annotations

from pathlib import Path

from bench import run
from bench.fixtures import plan
from planner import files
from planner.projection import project_plan


def test_fixture_plan_is_realistic() -> None:
    built, today = plan(1)
    projection = project_plan(built, today)
    assert len(projection.sessions) == 260
    assert 100 < len(built.log) < 140
    assert {s.status for s in projection.sessions} == {"done", "skipped", "planned"}


def test_generation_and_file_rows_are_measured(data_dir: Path) -> None:
    rows = run.bench_generation([1], runs=1)
    assert len(rows) == 3  # generate; re-project whole; re-project the week ahead
    assert all(r.value > 0 for r in rows)
    built, _ = plan(1)
    created = files.create_plan(built, "bench")
    rows = run.bench_files(created.path, runs=1)
    assert all(r.floor and r.ratio for r in rows)
    assert "| measure |" in run.table(rows)
