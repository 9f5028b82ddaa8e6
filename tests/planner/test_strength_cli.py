"""Strength, equipment, plausibility and units through the real command line and real files."""

from __future__ import annotations

import datetime as dt

import pytest

from planner import present
from planner.actions import find_session, implausible_loads
from planner.checks import change_units
from planner.cli import main
from planner.files import read_plan
from planner.service import PlanService, resolve_plan

START = "2027-01-04"  # a Monday


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def new(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[str, str]:
    code, out, err = run(capsys, "--today", START, "new", "--start", START, *extra)
    assert code == 0, err
    return out, err


def service(today: str = START) -> PlanService:
    return PlanService.open(resolve_plan(None), dt.date.fromisoformat(today))


def test_a_set_load_is_never_reused_as_a_later_phase_training_max(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Regression: `--set squat=60` for the 5×5 phase became the 5/3/1 phase's TM of 60 kg.
    chain = ("--program", "linear-5x5:1", "--program", "wendler-531:4", "--days", "mon")
    new(capsys, *chain, "--set", "squat=60")
    whole = service().whole()
    wave = next(s for s in whole.sessions if s.scheduled.phase == 1)
    squat = next(p for p in wave.prescriptions if p.exercise == "squat")
    assert "TM 60 kg" not in squat.why
    assert "estimated 1RM" in squat.why  # from the 5×5 @ 60 kg it follows


def test_a_one_rep_max_and_a_load_for_the_same_lift_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(
        capsys, "--today", START, "new", "--program", "linear-5x5", "--days", "mon",
        "--set", "squat=60", "--set", "squat=1rm:120",
    )  # fmt: skip
    assert code == 2
    assert "squat has both a load and a 1RM" in err
    code, _, err = run(
        capsys, "--today", START, "new", "--program", "linear-5x5", "--days", "mon",
        "--set", "squat=max:120",
    )  # fmt: skip
    assert code == 2
    assert "1rm:120" in err


def test_new_warns_when_a_linear_program_runs_far_past_its_length(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, err = new(capsys, "--program", "linear-5x5:52", "--days", "mon,wed,fri")
    assert "52 weeks is more than twice its usual 12" in err
    assert "squat" in err
    assert "plan a change of program" in err
    _, err = new(capsys, "--program", "linear-5x5", "--days", "mon,wed,fri", "--name", "ok")
    assert "Warning" not in err


def test_the_plan_file_keeps_equipment_and_maxes_and_old_files_read_as_before(
    capsys: pytest.CaptureFixture[str],
) -> None:
    new(
        capsys, "--program", "linear-5x5", "--days", "mon", "--bar", "15",
        "--plates", "20,10,5,2.5,1.25", "--set", "squat=1rm:120",
    )  # fmt: skip
    path = resolve_plan(None)
    text = path.read_text("utf-8")
    assert "[equipment]\nbar = 15.0" in text
    assert "[maxes]\nsquat = 120.0" in text
    plan = read_plan(path).plan
    assert plan.equipment.bar == 15.0
    assert plan.maxes == {"squat": 120.0}
    # A plan without them (every file written before) gets no such tables: it reads as before.
    new(capsys, "--program", "linear-5x5", "--days", "mon", "--name", "plain")
    plain = (path.parent / "plain.toml").read_text("utf-8")
    assert "[equipment]" not in plain
    assert "[maxes]" not in plain


def test_a_load_far_above_the_target_needs_yes(capsys: pytest.CaptureFixture[str]) -> None:
    new(capsys, "--program", "linear-5x5", "--days", "mon,wed,fri", "--set", "squat=100")
    session = find_session(service(), None)
    assert implausible_loads(session, {"squat": 150.0}) == []
    assert implausible_loads(session, {"squat": 151.0}) == [
        "--load squat=151: 51 % above the target 100 kg (a typo?)"
    ]
    before = resolve_plan(None).read_bytes()
    code, _, err = run(capsys, "--today", START, "done", "--load", "squat=600")
    assert code == 2
    assert err.count("\n") == 1
    assert "heavier than anyone lifts (500 kg)" in err
    assert resolve_plan(None).read_bytes() == before  # nothing written
    code, _, err = run(capsys, "--today", START, "done", "--load", "squat=600", "--yes")
    assert code == 0, err


def test_units_lb_converts_what_is_prescribed_never_history(
    capsys: pytest.CaptureFixture[str],
) -> None:
    new(capsys, "--program", "linear-5x5", "--days", "mon,wed,fri", "--set", "squat=100")
    run(capsys, "--today", START, "done")
    code, out, err = run(capsys, "--today", "2027-01-05", "units", "lb")
    assert code == 0, err
    assert "stays in kg" in out
    plan = service("2027-01-05").plan
    assert plan.units == "lb"
    assert plan.loads == {"squat": 220.0}
    assert plan.log[0].unit == "kg"  # the 100 kg squat stays 100 kg
    whole = service("2027-01-05").whole()
    first = whole.sessions[0]
    assert first.status == "done"
    rows = present.logged_body(whole, first).rows
    assert rows[0].sets.endswith("(planned 5×5 @ 220 lb)") or "✓" in rows[0].sets
    squat = next(p for p in whole.sessions[1].prescriptions if p.exercise == "squat")
    assert present.describe_sets(squat.sets, "lb") == "5×5 @ 225 lb"
    assert "repeat" not in squat.why
    # Back to kg: the same numbers as before the change.
    assert change_units(plan, "kg").loads == {"squat": 100.0}


def test_today_shows_warm_ups_and_plates_but_they_are_never_logged(
    capsys: pytest.CaptureFixture[str],
) -> None:
    new(capsys, "--program", "linear-5x5", "--days", "mon,wed,fri", "--set", "squat=100")
    code, out, _ = run(capsys, "--today", START, "today")
    assert code == 0
    assert (
        "Squat warm-up: 2×5 @ 20 kg, 5 @ 40 kg, 3 @ 60 kg, 2 @ 80 kg · 100 kg: 25 + 15 kg a side"
        in out
    )
    run(capsys, "--today", START, "done")
    plan = service().plan
    squat = next(e for e in plan.log[0].exercises if e.exercise == "squat")
    assert [s.load for s in squat.sets] == [100.0] * 5
