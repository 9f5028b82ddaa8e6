"""Fixtures for the TUI tests: a real plan created through planner, and a fixed today."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner import actions, files
from planner.files import PlanFile
from planner.model import DayDef, Exercise, Program, SlotDef, rule_from_params

TODAY = dt.date(2026, 11, 30)
"""A Monday: the plan starts today."""


def linear_5x5() -> Program:
    """A linear 5×5 built here, so that every number the tests and snapshots see is fixed.

    (The shipped catalog's ``linear-5x5`` is opened in ``test_today``, when it is there.)
    """

    def slot(exercise: str, load: float, sets: int = 5) -> SlotDef:
        rule = rule_from_params({"kind": "linear", "add": 2.5})
        return SlotDef(exercise=exercise, rule=rule, sets=sets, reps=5, load=load)

    return Program(
        id="linear-5x5",
        name="Linear 5×5",
        weeks=12,
        exercises=(
            Exercise("squat", "Squat"),
            Exercise("bench-press", "Bench press"),
            Exercise("barbell-row", "Barbell row"),
            Exercise("overhead-press", "Overhead press"),
            Exercise("deadlift", "Deadlift", increment=5.0),
        ),
        days=(
            DayDef("A", (slot("squat", 40), slot("bench-press", 30), slot("barbell-row", 30))),
            DayDef("B", (slot("squat", 40), slot("overhead-press", 20), slot("deadlift", 50, 1))),
        ),
    )


def make_plan(name: str = "Strength", weeks: int = 12) -> PlanFile:
    """Create a plan file through planner, starting today, Mon/Wed/Fri."""
    plan = actions.new_plan(name, [(linear_5x5(), weeks)], TODAY, ("mon", "wed", "fri"))
    return files.create_plan(plan)


@pytest.fixture
def plan_file(data_dir: Path) -> PlanFile:
    """A 12-week linear 5×5 plan on disk, nothing logged."""
    return make_plan()


@pytest.fixture
def today() -> dt.date:
    """The fixed date the app treats as today."""
    return TODAY
