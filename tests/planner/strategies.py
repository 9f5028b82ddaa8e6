"""Hypothesis strategies for valid programs and plans (shared by planner and reliability tests)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from planner.model import (
    DayDef,
    Exercise,
    LogEntry,
    LoggedExercise,
    LoggedSet,
    Override,
    PhaseDef,
    Plan,
    PlannedExercise,
    PlannedSet,
    Program,
    SlotDef,
)
from rules.engine import WEEKDAYS
from rules.kinds import Double, Fixed, Hold, Linear, Stages, Volume, Wave

slugs = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)
text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t"), max_size=30
)  # a note: plain text, line breaks and tabs allowed, no other control character
line = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")), max_size=30
)  # a title: one line, no control characters (a plan's name)
loads = st.floats(min_value=0, max_value=500, allow_nan=False).map(lambda x: round(x, 2))
small = st.integers(min_value=1, max_value=12)
dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))

rules = st.one_of(
    st.builds(Linear, add=st.sampled_from([1.25, 2.5, 5.0]), fail_streak=st.integers(1, 5)),
    st.builds(Double, lo=st.integers(5, 8), hi=st.integers(10, 15)),
    st.builds(Wave, add_per_cycle=st.sampled_from([2.5, 5.0])),
    st.builds(Stages, add=st.sampled_from([2.5, 5.0])),
    st.builds(Hold, add_seconds=st.integers(0, 10), max_seconds=st.integers(10, 60)),
    st.builds(Volume, every_weeks=st.integers(1, 4), max_sets=st.integers(3, 8)),
    st.just(Fixed()),
)


@st.composite
def programs(draw: st.DrawFn) -> Program:
    ids = draw(st.lists(slugs, min_size=1, max_size=4, unique=True))
    exercises = tuple(
        Exercise(
            id=i,
            name=draw(line.filter(str.strip)) or i,
            kind=draw(st.sampled_from(["load", "reps", "hold", "stretch"])),
        )
        for i in ids
    )
    days = tuple(
        DayDef(
            name=f"D{n}",
            slots=tuple(
                SlotDef(
                    exercise=draw(st.sampled_from(ids)),
                    rule=draw(rules),
                    sets=draw(small),
                    reps=draw(st.none() | small),
                    seconds=draw(st.none() | small),
                    load=draw(st.none() | loads),
                    amrap_last=draw(st.booleans()),
                )
                for _ in range(draw(st.integers(1, 3)))
            ),
        )
        for n in range(draw(st.integers(1, 3)))
    )
    return Program(
        id=draw(slugs),
        name=draw(line.filter(str.strip)),
        days=days,
        exercises=exercises,
        description=draw(text),
        weeks=draw(st.integers(1, 30)),
        pain_threshold=draw(st.integers(0, 10)),
        deload_every=draw(st.integers(0, 6)),
    )


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    phases = tuple(
        PhaseDef(program=draw(programs()), weeks=draw(st.integers(1, 20)))
        for _ in range(draw(st.integers(1, 2)))
    )
    days = tuple(
        sorted(draw(st.sets(st.sampled_from(WEEKDAYS), min_size=1, max_size=5)), key=WEEKDAYS.index)
    )
    start = draw(dates)
    exercise_ids = sorted({e for p in phases for e in p.program.exercise_ids()})
    # Entries and overrides are of sessions of the plan (planner.meaning): dates on its
    # training weekdays between its start and its end; no two sessions moved to one day.
    weeks = sum(p.weeks for p in phases)
    sessions = [
        day
        for day in (start + dt.timedelta(days=n) for n in range(7 * weeks))
        if WEEKDAYS[day.weekday()] in days
    ]
    log_dates = draw(st.lists(st.sampled_from(sessions), max_size=6, unique=True))
    free = [day for day in sessions if day not in log_dates]
    targets = [
        start + dt.timedelta(days=n)
        for n in range(7 * weeks + 7)
        if start + dt.timedelta(days=n) not in log_dates
    ]
    log = tuple(
        LogEntry(
            date=d,
            status=draw(st.sampled_from(["done", "skipped"])),
            exercises=tuple(
                LoggedExercise(
                    exercise=draw(st.sampled_from(exercise_ids)),
                    sets=tuple(
                        LoggedSet(
                            reps=draw(st.none() | small),
                            load=draw(st.none() | loads),
                            seconds=draw(st.none() | small),
                        )
                        for _ in range(draw(st.integers(0, 5)))
                    ),
                )
                for _ in range(draw(st.integers(0, 2)))
            ),
            pain=draw(st.none() | st.integers(0, 10)),
            note=draw(text),
        )
        for d in sorted(log_dates)
    )
    moved_to = iter(draw(st.lists(st.sampled_from(targets), min_size=3, max_size=3, unique=True)))
    overrides = tuple(
        Override(
            date=d,
            moved_to=draw(st.none() | st.just(next(moved_to))),
            exercises=tuple(
                PlannedExercise(
                    exercise=draw(st.sampled_from(exercise_ids)),
                    sets=(PlannedSet(reps=draw(small), load=draw(st.none() | loads)),),
                )
                for _ in range(draw(st.integers(0, 1)))
            ),
        )
        for d in sorted(
            draw(st.lists(st.sampled_from(free), max_size=3, unique=True)) if free else ()
        )
    )
    return Plan(
        name=draw(line.filter(str.strip)).strip() or "plan",
        start=start,
        days=days,
        phases=phases,
        units=draw(st.sampled_from(["kg", "lb"])),
        loads={e: draw(loads) for e in draw(st.lists(st.sampled_from(exercise_ids), unique=True))},
        log=log,
        overrides=overrides,
    )
