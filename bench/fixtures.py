"""A realistic long plan: 8 exercises, 5 sessions a week, about half of it logged."""

from __future__ import annotations

import datetime as dt
import functools

import attrs

from planner import actions
from planner.model import DayDef, Exercise, LogEntry, LoggedExercise, Plan, Program, SlotDef
from planner.projection import engine_phases, logged
from rules.engine import Checkpoint, Logged, Session, fold, schedule
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


def _beyond(number: int, session: Session) -> bool:
    """Whether ``session`` comes after the session numbered ``number``."""
    return session.scheduled.number > number


def _as_done(session: Session, week: int, starts: dict[str, float]) -> tuple[LoggedExercise, ...]:
    """What a lifter does with a session: as prescribed, until a load passes what they can
    lift that week (a ceiling rising slowly from ~1.8× where they started); then the last set
    falls two reps short, so linear rules repeat and deload and waves reset, as in real logs."""
    done = []
    for item in actions.logged_as_prescribed(session):
        ceiling = starts.get(item.exercise, 0.0) * 1.8 + 0.25 * week
        loads = [s.load for s in item.sets if s.load]
        sets = item.sets
        if loads and max(loads) > ceiling and (reps := sets[-1].reps):
            sets = (*sets[:-1], attrs.evolve(sets[-1], reps=max(0, reps - 2)))
        done.append(attrs.evolve(item, sets=sets))
    return tuple(done)


def plan(years: int, logged_fraction: float = 0.5) -> tuple[Plan, dt.date]:
    """A plan of ``years`` years and the 'today' up to which about ``logged_fraction`` is logged.

    The log is what the engine prescribed session after session, with the lifter's stalls and
    deloads (see :func:`_as_done`), a skip every 20 sessions and some pain noted: realistic
    variety for the parser, the cache and the fold.
    """
    weeks = 52 * years
    base = actions.new_plan(
        f"{years}-year plan", [(program(weeks), weeks)], START, ("mon", "tue", "wed", "thu", "fri")
    )
    today = START + dt.timedelta(weeks=round(weeks * logged_fraction))
    starts = {
        slot.exercise: slot.load or 0.0 for day in base.phases[0].program.days for slot in day.slots
    }
    phases = engine_phases(base)
    calendar = schedule(base.start, base.weekdays, phases)
    entries: list[LogEntry] = []
    engine_log: dict[dt.date, Logged] = {}
    resume: Checkpoint | None = None
    for number, item in enumerate(calendar):
        if item.date >= today:
            break
        # Fold one session on from the last checkpoint, as if every later one were planned.
        folded = fold(
            phases,
            calendar,
            engine_log,
            START,
            resume=resume,
            every=len(calendar),
            stop=functools.partial(_beyond, item.number),
        )
        session = folded.sessions[-1]
        if number % 20 == 7:
            entry = LogEntry(date=item.key, status="skipped")
        else:
            week = (item.key - START).days // 7
            entry = LogEntry(
                date=item.key,
                status="done",
                exercises=_as_done(session, week, starts),
                pain=2 if number % 9 == 0 else None,
            )
        entries.append(entry)
        engine_log[item.key] = logged(entry)
        resume = folded.checkpoints[-1] if folded.checkpoints else resume
    return attrs.evolve(base, log=tuple(entries)), today
