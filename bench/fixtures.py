"""A realistic long plan: 8 exercises, 5 sessions a week, about half of it logged."""

from __future__ import annotations

import datetime as dt

import attrs

from planner import actions
from planner.model import DayDef, Exercise, LogEntry, Plan, Program, SlotDef
from planner.projection import project_plan
from rules.kinds import Double, Hold, Linear, Wave

START = dt.date(2020, 1, 6)  # a Monday


def program(weeks: int) -> Program:
    """Two days of four exercises each: linear, double, wave and hold slots."""
    exercises = (
        Exercise("squat", "Squat"),
        Exercise("bench-press", "Bench press"),
        Exercise("deadlift", "Deadlift"),
        Exercise("overhead-press", "Overhead press"),
        Exercise("barbell-row", "Barbell row"),
        Exercise("chin-up", "Chin-up", kind="reps"),
        Exercise("side-bridge", "Side bridge", kind="hold"),
        Exercise("bird-dog", "Bird dog", kind="hold"),
    )
    day_a = (
        SlotDef(exercise="squat", rule=Linear(), sets=5, reps=5, load=60.0),
        SlotDef(exercise="bench-press", rule=Double(), sets=3, reps=8, load=50.0),
        SlotDef(exercise="deadlift", rule=Wave(), sets=3, load=120.0),
        SlotDef(
            exercise="side-bridge",
            rule=Hold(max_seconds=10, max_reps=8, max_sets=3),
            reps=4,
            seconds=6,
        ),
    )
    day_b = (
        SlotDef(exercise="overhead-press", rule=Linear(), sets=5, reps=5, load=30.0),
        SlotDef(exercise="barbell-row", rule=Double(), sets=3, reps=8, load=50.0),
        SlotDef(exercise="chin-up", rule=Double(lo=5, hi=10, add=0.0), sets=3, reps=5),
        SlotDef(
            exercise="bird-dog",
            rule=Hold(max_seconds=10, max_reps=8, max_sets=3),
            reps=4,
            seconds=6,
        ),
    )
    return Program(
        id="bench",
        name="Bench program",
        weeks=weeks,
        exercises=exercises,
        days=(DayDef("A", day_a), DayDef("B", day_b)),
    )


def plan(years: int, logged_fraction: float = 0.5) -> tuple[Plan, dt.date]:
    """A plan of ``years`` years and the 'today' up to which about ``logged_fraction`` is logged."""
    weeks = 52 * years
    base = actions.new_plan(
        f"{years}-year plan", [(program(weeks), weeks)], START, ("mon", "tue", "wed", "thu", "fri")
    )
    today = START + dt.timedelta(weeks=round(weeks * logged_fraction))
    projection = project_plan(base, today)
    log = []
    for number, session in enumerate(projection.sessions):
        if session.scheduled.date >= today:
            break
        if number % 20 == 7:
            log.append(LogEntry(date=session.scheduled.key, status="skipped"))
            continue
        done = actions.logged_as_prescribed(session)
        log.append(
            LogEntry(
                date=session.scheduled.key,
                status="done",
                exercises=done,
                pain=2 if number % 9 == 0 else None,
            )
        )
    return attrs.evolve(base, log=tuple(log)), today
