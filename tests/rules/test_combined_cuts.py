"""Two reductions that meet (a deload week and a break back-off): both are named, and together
they never cut more than the program's ``max_combined_cut`` (nor less than either alone)."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given, strategies as st

from rules.kinds import Linear, Wave
from rules.phases import Slot, combined_cut
from rules.policies import Draft, run
from rules.values import Base

from .helpers import MONDAY
from .test_policies import a_visit

loads = st.integers(min_value=8, max_value=160).map(lambda steps: steps * 2.5)
pcts = st.sampled_from([5.0, 10.0, 15.0, 20.0, 25.0, 40.0])
weeks_away = st.integers(min_value=3, max_value=16)
maxima = st.floats(min_value=1.0, max_value=60.0).map(lambda pct: round(pct, 1))
increments = st.sampled_from([1.25, 2.5, 5.0])
rules_ = st.sampled_from([Linear(), Wave()])


@given(loads, pcts, weeks_away, maxima, increments, rules_)
def test_no_combined_cut_exceeds_the_programs_most(
    load: float,
    deload_pct: float,
    weeks: int,
    most: float,
    increment: float,
    rule: Linear | Wave,
) -> None:
    slot = Slot("squat", Base(sets=3, reps=5, load=load, increment=increment), rule)
    before = rule.start(slot.base).but(last=MONDAY - dt.timedelta(days=7 + 7 * weeks))
    planned = rule.prescribe(before, slot.base)  # what the lift stood at before the break
    visit = attrs.evolve(
        a_visit(
            slot=slot,
            week=4,
            deload_week=True,
            deload_every=4,
            deload_pct=deload_pct,
            max_combined_cut=most,
        ),
        usual={"squat": 7},
    )
    draft = Draft(slot, before)
    targets = run(visit, draft).sets
    assert draft.cut, "a break of three weeks or more beyond the rhythm backs off"
    bound = combined_cut(draft.cut, deload_pct, most)
    assert bound <= max(most, draft.cut, deload_pct)
    for target, plan in zip(targets, planned, strict=True):
        assert plan.load is not None
        assert target.load is not None
        # Never more than the bound (the rounding is upwards)…
        assert target.load >= plan.load * (1 - bound / 100) - 1e-6
        # …and never lighter than the larger cut alone would leave it, within a step.
        larger = max(draft.cut, deload_pct)
        assert target.load <= plan.load * (1 - larger / 100) + increment + 1e-6
    assert f"deload week 4: −{deload_pct:g} %" in draft.why
    assert "away" in draft.why


@given(pcts, pcts, maxima)
def test_combined_cut_is_bounded_and_never_below_either_cut(
    first: float, second: float, most: float
) -> None:
    total = combined_cut(first, second, most)
    assert max(first, second) <= total <= max(most, first, second)
    assert total <= 100 - (100 - first) * (100 - second) / 100 + 1e-9
