"""Strength carried across phases (e1RM) and loads a person can build: tables, and properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from rules.engine import Day, Phase, Slot, project, schedule
from rules.equipment import (
    PLATES,
    Gear,
    buildable,
    default_gear,
    plates_per_side,
    plates_text,
    warm_up_sets,
)
from rules.kinds import Double, Linear, Wave
from rules.policies import Draft, Visit
from rules.real_life import done_lighter
from rules.strength import Estimate, best_set, epley, epley_load, newer_estimate, working_load
from rules.values import Base, SetDone, SetTarget

from .helpers import MONDAY

DAY = dt.date(2027, 1, 20)
BAR = default_gear("barbell", "kg")


@pytest.mark.parametrize(
    ("load", "reps", "e1rm"),
    [(100.0, 1, 100.0), (100.0, 5, 116.667), (92.5, 5, 107.917), (85.0, 10, 113.333)],
)
def test_epley_estimates_a_one_rep_max(load: float, reps: int, e1rm: float) -> None:
    assert epley(load, reps) == pytest.approx(e1rm, abs=1e-3)
    assert epley_load(epley(load, reps), reps) == pytest.approx(load)


def test_the_best_qualifying_set_counts_amrap_reps_and_ignores_long_sets() -> None:
    sets = (SetDone(5, 80.0), SetDone(5, 80.0), SetDone(9, 80.0), SetDone(20, 100.0))
    found = best_set(sets, DAY, "kg")
    assert found is not None
    assert found.value == pytest.approx(epley(80.0, 9))
    assert found.source == "9 @ 80 kg on 2027-01-20"
    same = best_set((SetTarget(reps=5, load=92.5),) * 5, DAY, "kg", projected=True)
    assert same is not None
    assert same.source == "5×5 @ 92.5 kg if done on 2027-01-20"
    assert best_set((SetDone(seconds=30),), DAY, "kg") is None


def test_an_estimate_keeps_the_best_of_recent_weeks_then_gives_way() -> None:
    high = Estimate(120.0, DAY, "a")
    low_soon = Estimate(110.0, DAY + dt.timedelta(days=14), "b")
    low_later = Estimate(110.0, DAY + dt.timedelta(days=70), "c")
    assert newer_estimate(high, low_soon) is high
    assert newer_estimate(high, low_later) is low_later
    assert newer_estimate(None, low_soon) is low_soon


def test_a_rep_scheme_starts_two_reps_short_of_failure() -> None:
    # 5×5 from a 120 kg max: the load of a 7-rep max, about 81 %.
    assert working_load(Estimate(120.0, DAY, "x"), 5) == pytest.approx(120 / (1 + 7 / 30))


@pytest.mark.parametrize(
    ("load", "gear", "built"),
    [
        (17.5, BAR, 20.0),  # never below the empty bar
        (61.0, BAR, 60.0),
        (61.3, BAR, 62.5),
        (61.0, Gear("barbell", 15.0, (20.0, 10.0, 5.0)), 65.0),  # 10 kg steps: bar + 2×5
        (101.0, default_gear("barbell", "lb"), 100.0),
        (13.0, Gear("dumbbell", step=2.0), 14.0),
        (47.0, Gear("machine", step=5.0), 45.0),
        (3.3, Gear("bodyweight", plates=(5.0, 2.5, 1.25)), 3.75),
    ],
)
def test_loads_are_rounded_to_what_the_gear_builds(load: float, gear: Gear, built: float) -> None:
    assert buildable(load, gear) == built


def test_plates_per_side_and_warm_ups() -> None:
    assert plates_per_side(100.0, BAR) == (25.0, 15.0)
    assert plates_text(20.0, BAR, "kg") == "the empty bar"
    assert plates_text(21.0, BAR, "kg") == ""
    assert warm_up_sets(100.0, BAR) == ((2, 5, 20.0), (1, 5, 40.0), (1, 3, 60.0), (1, 2, 80.0))
    assert warm_up_sets(20.0, BAR) == ()
    assert warm_up_sets(25.0, BAR) == ((2, 5, 20.0),)


@given(
    load=st.floats(min_value=0, max_value=400, allow_nan=False),
    bar=st.sampled_from([10.0, 15.0, 20.0, 45.0]),
    plates=st.lists(st.sampled_from(PLATES["kg"] + PLATES["lb"]), min_size=1, unique=True),
)
def test_no_barbell_load_is_below_the_bar_or_off_the_plates(
    load: float, bar: float, plates: list[float]
) -> None:
    gear = Gear("barbell", bar, tuple(plates))
    built = buildable(load, gear)
    assert built >= bar
    assert plates_per_side(built, gear) is not None


@given(
    outcomes=st.lists(st.booleans(), min_size=1, max_size=30),
    start=st.sampled_from([20.0, 22.5, 40.0, 60.0]),
    bar=st.sampled_from([15.0, 20.0]),
)
def test_no_prescribed_barbell_load_is_below_the_bar_or_off_the_plate_set(
    outcomes: list[bool], start: float, bar: float
) -> None:
    from rules.calendar import Logged

    gear = Gear("barbell", bar, (20.0, 10.0, 5.0, 2.5, 1.25))
    slot = Slot("bench-press", Base(sets=5, reps=5, load=start, gear=gear), Linear())
    phases = [Phase(program="p", name="P", weeks=30, days=(Day("A", (slot,)),))]
    calendar = schedule(MONDAY, (0,), phases)
    log = {}
    sessions = project(phases, calendar, {}, MONDAY)
    for index, ok in enumerate(outcomes):
        item = calendar[index]
        targets = sessions[index].prescriptions[0].sets
        done = tuple(SetDone(5 if ok else 4, t.load) for t in targets)
        log[item.key] = Logged(key=item.key, status="done", results={"bench-press": done})
        sessions = project(phases, calendar, log, MONDAY)
    for session in sessions:
        for target in session.prescriptions[0].sets:
            assert target.load is not None
            assert target.load >= bar
            assert plates_per_side(target.load, gear) is not None


def test_a_wave_phase_after_a_linear_one_starts_from_the_estimated_max() -> None:
    linear = Slot("squat", Base(sets=5, reps=5, load=100.0, gear=BAR), Linear())
    wave = Slot("squat", Base(sets=3, load=80.0, gear=BAR), Wave())
    double = Slot("squat", Base(sets=3, reps=8, load=50.0, gear=BAR), Double(lo=8, hi=12))
    phases = [
        Phase(program="a", name="5×5", weeks=1, days=(Day("A", (linear,)),)),
        Phase(program="b", name="5/3/1", weeks=4, days=(Day("A", (wave,)),)),
        Phase(program="c", name="DP", weeks=1, days=(Day("A", (double,)),)),
    ]
    sessions = project(phases, schedule(MONDAY, (0,), phases), {}, MONDAY)
    first_wave, first_double = sessions[1].prescriptions[0], sessions[5].prescriptions[0]
    # 5×5 @ 100 kg → e1RM 116.7 → TM 105 (not the default 80).
    assert first_wave.why.startswith("TM 105 kg: 90 % of your estimated 1RM 117 kg (5×5 @ 100 kg")
    assert first_double.why.startswith("starting load")
    assert first_double.sets[0].load is not None
    assert first_double.sets[0].load > 50.0


def test_every_set_done_lighter_holds_without_counting_a_failure() -> None:
    from rules.calendar import Logged, Scheduled

    slot = Slot("squat", Base(sets=5, reps=5, load=60.0), Linear())
    phase = Phase(program="p", name="P", weeks=4, days=(Day("A", (slot,)),))
    item = Scheduled(number=1, key=MONDAY, date=MONDAY, phase=0, week=1, day=0)
    done = (SetDone(5, 40.0),) * 5
    entry = Logged(key=MONDAY, status="done", results={"squat": done})
    visit = Visit(item, phase, "done", entry, False, False, 0, {}, {})
    draft = Draft(slot, Linear().start(slot.base).but(fails=2))
    draft.targets, draft.done = (SetTarget(reps=5, load=60.0),) * 5, done
    assert done_lighter(visit, draft)
    assert draft.outcome is not None
    assert draft.outcome.load == 60.0
    assert draft.outcome.fails == 2
    assert draft.outcome.why == "held: done lighter (40 kg of 60 kg) on 2026-11-30"
