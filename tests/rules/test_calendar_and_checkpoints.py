"""The calendar worked out on demand, and projections that resume from checkpoints, are the same
as the plain, whole-plan computations they stand in for (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings, strategies as st

from rules.engine import Day, Phase, Scheduled, Slot, fold, phase_starts, schedule
from rules.kinds import Linear
from rules.values import Base


def reference_schedule(
    start: dt.date, weekdays: list[int], phases: list[Phase], moves: dict[dt.date, dt.date]
) -> tuple[Scheduled, ...]:
    """Day by day, as the calendar was first written: the obvious version to compare with."""
    out: list[Scheduled] = []
    for index, (phase, first) in enumerate(zip(phases, phase_starts(start, phases), strict=True)):
        rotation = 0
        for offset in range(phase.weeks * 7):
            date = first + dt.timedelta(days=offset)
            if date.weekday() not in weekdays:
                continue
            out.append(
                Scheduled(
                    key=date,
                    date=moves.get(date, date),
                    phase=index,
                    week=offset // 7 + 1,
                    day=rotation % len(phase.days),
                    number=len(out) + 1,
                )
            )
            rotation += 1
    return tuple(out)


def _phase(weeks: int, days: int) -> Phase:
    slot = Slot("squat", Base(sets=3, reps=5, load=50.0), Linear())
    return Phase(
        program="p", name="P", weeks=weeks, days=tuple(Day(f"D{i}", (slot,)) for i in range(days))
    )


PHASES = st.lists(st.builds(_phase, st.integers(1, 12), st.integers(1, 4)), min_size=1, max_size=3)
STARTS = st.dates(dt.date(2024, 1, 1), dt.date(2030, 12, 31))
WEEKDAYS = st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True)


@settings(max_examples=200, deadline=None)
@given(PHASES, STARTS, WEEKDAYS, st.data())
def test_the_calendar_on_demand_is_the_day_by_day_calendar(
    phases: list[Phase], start: dt.date, weekdays: list[int], data: st.DataObject
) -> None:
    plain = reference_schedule(start, weekdays, phases, {})
    keys = [item.key for item in plain]
    moves = {
        key: key + dt.timedelta(days=data.draw(st.integers(-3, 3)))
        for key in data.draw(st.lists(st.sampled_from(keys), max_size=3, unique=True))
    }
    calendar = schedule(start, weekdays, phases, moves)
    moved = reference_schedule(start, weekdays, phases, moves)
    assert tuple(calendar) == moved
    assert len(calendar) == len(plain)
    assert [item.key for item in calendar] == keys
    for index in data.draw(st.lists(st.integers(0, len(plain) - 1), max_size=5)):
        assert calendar[index] == moved[index]
        assert calendar[-1 - index].key == keys[-1 - index]
    probe = start + dt.timedelta(days=data.draw(st.integers(-10, 7 * 40)))
    assert calendar.position(probe) == sum(1 for key in keys if key < probe)


@settings(max_examples=60, deadline=None)
@given(PHASES, STARTS, WEEKDAYS, st.integers(0, 400), st.integers(1, 9))
def test_a_fold_resumed_from_any_checkpoint_gives_the_same_sessions(
    phases: list[Phase], start: dt.date, weekdays: list[int], days_on: int, every: int
) -> None:
    calendar = schedule(start, weekdays, phases)
    today = start + dt.timedelta(days=days_on)
    whole = fold(phases, calendar, {}, today, every=every)
    assert whole.first == 0
    for checkpoint in whole.checkpoints:
        assert checkpoint.holds(today)
        resumed = fold(phases, calendar, {}, today, resume=checkpoint)
        assert resumed.first == checkpoint.index
        assert resumed.sessions == whole.sessions[checkpoint.index :]
