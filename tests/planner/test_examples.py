"""The shipped examples stay valid, and plans in pounds progress in pounds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from planner import files
from planner.cli import main
from planner.projection import project_plan

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_sample_plan_is_half_way_and_projects_on() -> None:
    loaded = files.read_plan(EXAMPLES / "plans" / "back-then-strength.toml")
    projection = project_plan(loaded.plan, dt.date(2026, 4, 6))
    statuses = [s.status for s in projection.sessions]
    assert statuses.count("done") >= 20
    assert "skipped" in statuses
    assert statuses[-1] == "planned"
    pain = next(e for e in loaded.plan.log if e.pain == 6)
    after = next(s for s in projection.sessions if s.scheduled.key > pain.date)
    assert any("held: pain 6/10" in p.why for p in after.prescriptions)


def test_the_custom_program_example_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLES / "custom-program.toml")]) == 0
    assert "OK" in capsys.readouterr().out


def test_a_plan_in_pounds_adds_pounds(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "--today",
                "2026-11-30",
                "new",
                "--program",
                "linear-5x5",
                "--units",
                "lb",
                "--days",
                "mon,wed,fri",
                "--start",
                "2026-11-30",
                "--set",
                "squat=135",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["--today", "2026-11-30", "export", "--format", "json", "-o", "-"]) == 0
    sessions = json.loads(capsys.readouterr().out)["sessions"]
    squats = [s["exercises"][0]["sets"][0]["load"] for s in sessions[:3]]
    assert squats == [135.0, 140.0, 145.0]  # +2.5 kg is +5 lb on 5 lb plates
    assert "+5 lb" in sessions[1]["exercises"][0]["why"]
