"""The rules reproduce the numbers of the programs people know."""

from __future__ import annotations

import datetime as dt

import pytest

from rules.kinds import Double, Fixed, Hold, Linear, Stages, Volume, Wave
from rules.values import Base, round_load

from .helpers import attempt, run


def test_stronglifts_adds_2_5_kg_each_successful_session() -> None:
    states = run(Linear(add=2.5), Base(sets=5, reps=5, load=60.0), [True, True, True])
    assert [s.load for s in states] == [60.0, 62.5, 65.0, 67.5]
    assert "+2.5 kg: all 5×5 done on" in states[1].why


def test_stronglifts_repeats_a_failed_weight_and_deloads_10_percent_after_three() -> None:
    states = run(
        Linear(add=2.5, fail_streak=3, deload_pct=10),
        Base(sets=5, reps=5, load=100.0),
        [False, False, False],
    )
    assert [s.load for s in states] == [100.0, 100.0, 100.0, 90.0]
    assert "repeat" in states[1].why
    assert "1 of 3" in states[1].why
    assert states[3].why == "−10 %: 3 failed sessions in a row"


def test_a_success_resets_the_failure_count() -> None:
    states = run(Linear(), Base(sets=5, reps=5, load=100.0), [False, False, True, False, False])
    assert [s.load for s in states] == [100.0, 100.0, 100.0, 102.5, 102.5, 102.5]


def test_stronglifts_deadlift_adds_5_kg() -> None:
    states = run(Linear(add=5.0), Base(sets=1, reps=5, load=100.0), [True, True])
    assert [s.load for s in states] == [100.0, 105.0, 110.0]


WENDLER = [
    ([65, 75, 85], [5, 5, 5], True),
    ([70, 80, 90], [3, 3, 3], True),
    ([75, 85, 95], [5, 3, 1], True),
    ([40, 50, 60], [5, 5, 5], False),
]


def test_wendler_531_weeks_from_a_100_kg_training_max() -> None:
    rule, base = Wave(add_per_cycle=5.0), Base(sets=3, load=100.0)
    state = rule.start(base)
    for percents, reps, amrap_last in WENDLER:
        sets = rule.prescribe(state, base)
        assert [s.load for s in sets] == [float(p) for p in percents]
        assert [s.reps for s in sets] == reps
        assert [s.amrap for s in sets] == [False, False, amrap_last]
        state = rule.advance(state, attempt(sets), base)
    assert state.load == 105.0  # cycle two: TM + 5 kg (lower body)
    assert [s.load for s in rule.prescribe(state, base)] == [67.5, 80.0, 90.0]
    assert "TM +5 kg to 105 kg" in state.why


def test_wendler_upper_body_adds_2_5_kg_per_cycle() -> None:
    rule, base = Wave(add_per_cycle=2.5), Base(sets=3, load=60.0)
    states = run(rule, base, [True] * 4)
    assert states[-1].load == 62.5


def test_wendler_a_missed_cycle_resets_the_training_max_by_10_percent() -> None:
    states = run(Wave(add_per_cycle=5.0), Base(sets=3, load=100.0), [True, False, True, True])
    assert states[-1].load == 90.0
    assert "TM −10 %" in states[-1].why


@pytest.mark.parametrize(
    ("tm", "pct", "expected"), [(102.5, 65, 67.5), (105, 75, 80.0), (100, 95, 95.0)]
)
def test_wave_loads_round_to_the_plate_increment(tm: float, pct: float, expected: float) -> None:
    assert round_load(tm * pct / 100, 2.5) == expected


def test_double_progression_3x8_12_adds_reps_then_load() -> None:
    rule, base = Double(lo=8, hi=12, add=2.5), Base(sets=3, load=40.0)
    states = run(rule, base, [True] * 5)
    assert [(s.reps, s.load) for s in states] == [
        (8, 40.0),
        (9, 40.0),
        (10, 40.0),
        (11, 40.0),
        (12, 40.0),
        (8, 42.5),
    ]
    assert rule.prescribe(states[0], base)[0].reps_max == 12


def test_double_progression_a_short_set_repeats() -> None:
    rule, base = Double(lo=8, hi=12), Base(sets=3, load=40.0)
    state = rule.start(base)
    state = rule.advance(state, attempt(rule.prescribe(state, base), reps=[8, 8, 7]), base)
    assert (state.reps, state.load) == (8, 40.0)
    assert "repeat" in state.why


def test_double_progression_bodyweight_keeps_the_top_of_the_range() -> None:
    states = run(Double(lo=6, hi=8, add=0.0), Base(sets=3, reps=6), [True] * 4)
    assert [s.reps for s in states] == [6, 7, 8, 8, 8]


def test_gzclp_stages_5x3_6x2_10x1_then_reset_15_percent() -> None:
    rule, base = Stages(add=2.5, reset_pct=15), Base(load=100.0)
    states = run(rule, base, [True, False, False, False])
    assert [(s.sets, s.reps, s.load) for s in states] == [
        (5, 3, 100.0),
        (5, 3, 102.5),
        (6, 2, 102.5),
        (10, 1, 102.5),
        (5, 3, 87.5),
    ]


def _week_run(
    rule: Hold | Volume, base: Base, weeks: list[list[bool]]
) -> list[tuple[int | None, int | None, int]]:
    state = rule.start(base)
    seen = []
    for week, outcomes in enumerate(weeks, start=1):
        state = rule.roll(state, week, base)
        seen.append((state.seconds, state.reps, state.sets))
        for ok in outcomes:
            state = rule.advance(
                state, attempt(rule.prescribe(state, base), ok=ok, week=week), base
            )
    return seen


def test_mcgill_holds_grow_to_10_s_then_reps_then_sets() -> None:
    rule = Hold(add_seconds=2, max_seconds=10, add_reps=1, max_reps=6, max_sets=2)
    seen = _week_run(rule, Base(sets=1, reps=5, seconds=6), [[True, True]] * 6)
    assert seen == [(6, 5, 1), (8, 5, 1), (10, 5, 1), (10, 6, 1), (10, 6, 2), (10, 6, 2)]


def test_a_week_with_a_short_hold_does_not_step() -> None:
    rule = Hold(add_seconds=5, max_seconds=30)
    seen = _week_run(rule, Base(seconds=20), [[True, False], [True], [True]])
    assert [s for s, _, _ in seen] == [20, 20, 25]


def test_hold_regress_undoes_the_latest_kind_of_step() -> None:
    rule, base = (
        Hold(add_seconds=2, max_seconds=10, max_reps=6, max_sets=2),
        Base(sets=1, reps=5, seconds=6),
    )
    state = rule.start(base)
    for week in range(2, 7):
        state = rule.advance(state, attempt(rule.prescribe(state, base), week=week - 1), base)
        state = rule.roll(state, week, base)
    assert (state.seconds, state.reps, state.sets) == (10, 6, 2)
    assert rule.regress(state, base, "pain").sets == 1


def test_volume_adds_a_set_every_two_good_weeks_up_to_the_cap() -> None:
    seen = _week_run(Volume(every_weeks=2, max_sets=4), Base(sets=2, reps=10), [[True]] * 8)
    assert [sets for _, _, sets in seen] == [2, 2, 3, 3, 4, 4, 4, 4]


def test_fixed_never_changes() -> None:
    states = run(Fixed(), Base(sets=2, reps=10, load=20.0), [True, False, True])
    assert {(s.sets, s.reps, s.load) for s in states} == {(2, 10, 20.0)}


def test_fixed_is_not_cut_by_a_long_gap() -> None:
    rule, base = Fixed(), Base(sets=1, reps=1, seconds=600, load=20.0)
    state = rule.start(base)
    assert rule.back_off(state, 20.0, base, "gap") == state


def test_volume_at_its_cap_says_so() -> None:
    rule, base = Volume(every_weeks=1, max_sets=3), Base(sets=3, reps=10)
    state = rule.step(rule.start(base), base)
    assert state.sets == 3
    assert state.why == "at the cap of 3 sets: keep it up"


def test_holds_can_step_every_few_good_weeks() -> None:
    rule = Hold(add_seconds=2, max_seconds=10, every_weeks=2)
    seen = _week_run(rule, Base(sets=1, reps=4, seconds=6), [[True, True]] * 6)
    assert [s for s, _, _ in seen] == [6, 6, 8, 8, 10, 10]


def test_volume_says_its_cap_once_then_as_before() -> None:
    rule, base = Volume(every_weeks=1, max_sets=3), Base(sets=2, reps=10)
    start = rule.start(base).but(last=dt.date(2027, 1, 4))
    reached = rule.step(start, base)
    assert reached.sets == 3
    assert reached.why.endswith("at the cap of 3 sets: keep it up")
    after = rule.step(reached.but(last=dt.date(2027, 1, 11)), base)
    assert after.why == "as before: done on 2027-01-11"
