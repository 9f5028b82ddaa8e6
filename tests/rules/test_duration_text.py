"""A walk's why says minutes as its sets do: ``starting hold 10 min``, ``+2 min hold``."""

from __future__ import annotations

from hypothesis import given, strategies as st

from rules.values import Base, duration_text
from rules.week_kinds import Hold


def test_a_walks_why_reads_in_minutes_like_its_sets() -> None:
    walk = Hold(add_seconds=120, max_seconds=1200)
    base = Base(seconds=600, reps=1, sets=1)
    state = walk.start(base)
    assert state.why == "starting hold 10 min × 1"
    assert walk._next(state, base).why == "+2 min hold: last week's holds all done"


@given(st.integers(1, 10_000))
def test_a_duration_reads_back_as_the_same_seconds(seconds: int) -> None:
    number, unit = duration_text(seconds).split()
    assert int(number) * (60 if unit == "min" else 1) == seconds
