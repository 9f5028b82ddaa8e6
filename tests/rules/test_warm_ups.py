"""Warm-up sets ramp to the first work set of whatever the slot prescribes (the lightest on a
5/3/1 week, the top set before back-off sets): pyramids, top sets with back-offs, 5/3/1 weeks,
AMRAP last sets."""

from __future__ import annotations

import itertools

from hypothesis import given, strategies as st

from rules.equipment import Gear, buildable, first_work, warm_up_sets
from rules.kinds import Linear, Wave
from rules.rule import Rule
from rules.values import Base

GEARS = st.sampled_from(
    [
        Gear("barbell", 20.0, (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25)),
        Gear("barbell", 20.0, (20.0, 10.0, 5.0)),
        Gear("barbell", 15.0, (10.0, 5.0, 2.5)),
        Gear("barbell", 45.0, (45.0, 35.0, 25.0, 10.0, 5.0, 2.5)),
        Gear("barbell", 10.0, (5.0,)),
    ]
)
SCHEMES = st.one_of(
    st.builds(lambda: {}),  # straight sets
    st.builds(lambda top: {"pyramid": (top, top - 2, top - 4)}, st.integers(5, 12)),
    st.builds(
        lambda pct, sets: {"back_off_pct": pct, "sets": sets},
        st.sampled_from([5.0, 10.0, 15.0, 20.0, 30.0]),
        st.integers(2, 5),
    ),
    st.builds(lambda: {"amrap_last": True}),
)
RULES: st.SearchStrategy[tuple[Rule, int]] = st.one_of(
    st.tuples(st.just(Linear()), st.just(0)),
    st.tuples(st.just(Wave()), st.integers(0, 3)),  # 5/3/1 weeks 1–4 (the 4th: 40/50/60 %)
)


@given(GEARS, SCHEMES, RULES, st.integers(10, 300).map(lambda steps: steps * 1.25))
def test_warm_ups_start_at_the_bar_and_stay_strictly_below_the_first_work_set(
    gear: Gear, scheme: dict[str, object], rule_stage: tuple[Rule, int], load: float
) -> None:
    rule, stage = rule_stage
    options = {"sets": 3, "reps": 5, **scheme}
    base = Base(load=load, increment=1.25, gear=gear, **options)  # type: ignore[arg-type]
    state = rule.start(base).but(stage=stage)
    # Every work load buildable, as the engine's last step makes it.
    work = [buildable(t.load, gear) for t in rule.prescribe(state, base) if t.load]
    first = first_work(work)
    assert first is not None
    ramp = warm_up_sets(first, gear)
    loads = [warm for _, _, warm in ramp]
    if first <= gear.bar + 1e-9:
        assert ramp == ()  # the empty bar is the first work set: nothing lighter to warm up with
        return
    assert ramp[0] == (2, 5, gear.bar)  # two sets of five with the empty bar first
    assert all(a < b for a, b in itertools.pairwise(loads))  # a ramp, no load twice
    assert all(warm < first for warm in loads)  # lighter than the set they lead to
    if "back_off_pct" not in scheme:
        assert all(warm < min(work) for warm in loads)  # (and here than every work set)
    assert all(buildable(warm, gear) == warm for warm in loads)  # each one can be built


def test_531_warm_ups_stay_below_the_65_percent_set() -> None:
    # Regression: the ramp was built from the top set (85 %): 67.5 kg before a 65 kg first set.
    gear = Gear("barbell", 20.0, (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25))
    base = Base(load=100.0, sets=3, reps=5, gear=gear)
    work = [t.load for t in Wave().prescribe(Wave().start(base), base)]
    assert work == [65.0, 75.0, 85.0]
    assert warm_up_sets(first_work(work) or 0, gear) == (
        (2, 5, 20.0),
        (1, 5, 25.0),
        (1, 3, 40.0),
        (1, 2, 52.5),
    )


def test_a_coarse_plate_set_leaves_out_steps_it_cannot_make_lighter() -> None:
    # 80 % of 30 kg is 24 kg: with only 5 kg plates that rounds to 30 kg, the work set itself;
    # the step below it (20 kg) is the bar, already used: nothing is repeated.
    gear = Gear("barbell", 20.0, (5.0,))
    assert warm_up_sets(30.0, gear) == ((2, 5, 20.0),)
