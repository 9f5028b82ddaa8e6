"""A realistic plan file made through the CLI, for the data-safety tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.cli import main

START = "2026-11-30"


def make_plan(data_dir: Path) -> Path:
    """A linear 5×5 plan with three logged sessions (one with pain and a note), via the CLI."""
    assert (
        main(
            [
                "--today",
                START,
                "new",
                "--program",
                "linear-5x5",
                "--days",
                "mon,wed,fri",
                "--start",
                START,
                "--set",
                "squat=60",
            ]
        )
        == 0
    )
    assert main(["--today", START, "done", "--pain", "3", "--note", "felt good"]) == 0
    assert main(["--today", "2026-12-02", "done", "--reps", "squat=5,5,5,4,4"]) == 0
    assert main(["--today", "2026-12-04", "skip", "--note", "travel"]) == 0
    (path,) = (data_dir / "plans").glob("*.toml")
    return path


@pytest.fixture
def plan_path(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The plan file (output of the set-up commands swallowed)."""
    path = make_plan(data_dir)
    capsys.readouterr()
    return path
