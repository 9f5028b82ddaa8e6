"""The one presenter: set text planned and done, and the marks everything shows."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from planner.model import LoggedSet
from planner.present import MARKS, STATUS_LEGEND, describe_sets, done_text, lifted_text
from rules.values import SetTarget

FIVE_BY_FIVE = (SetTarget(reps=5, load=60.0),) * 5


@pytest.mark.parametrize(
    ("targets", "done", "text"),
    [
        (FIVE_BY_FIVE, (LoggedSet(5, 60.0),) * 5, "5×5 @ 60 kg ✓"),
        (FIVE_BY_FIVE, (LoggedSet(5, 65.0),) * 5, "5×5 @ 65 kg ✓ (planned 5×5 @ 60 kg)"),
        (FIVE_BY_FIVE, (LoggedSet(6, 60.0),) * 5, "5×6 @ 60 kg ✓ (planned 5×5 @ 60 kg)"),
        (
            FIVE_BY_FIVE,
            (LoggedSet(5, 60.0),) * 3 + (LoggedSet(4, 60.0), LoggedSet(3, 60.0)),
            "5, 5, 5, 4, 3 @ 60 kg (planned 5×5 @ 60 kg)",
        ),
        (FIVE_BY_FIVE, (LoggedSet(5, 50.0),) * 5, "5×5 @ 50 kg (planned 5×5 @ 60 kg)"),
        (FIVE_BY_FIVE, (), "not done (planned 5×5 @ 60 kg)"),
        # The least of a range, or the minimum of an AMRAP set, is the plan as written.
        (
            (SetTarget(reps=8, reps_max=12, load=40.0),) * 3,
            (LoggedSet(8, 40.0),) * 3,
            "3×8–12 @ 40 kg ✓",
        ),
        (
            (SetTarget(reps=8, reps_max=12, load=40.0),) * 3,
            (LoggedSet(10, 40.0),) * 3,
            "3×10 @ 40 kg ✓ (planned 3×8–12 @ 40 kg)",
        ),
        ((SetTarget(reps=5, load=85.0, amrap=True),), (LoggedSet(5, 85.0),), "5+ @ 85 kg ✓"),
        (
            (SetTarget(reps=1, seconds=10),) * 2,
            (LoggedSet(1, None, 10), LoggedSet(1, None, 8)),
            "10 s, 8 s (planned 2 sets of 10 s)",
        ),
        (
            (SetTarget(reps=6, seconds=10), SetTarget(reps=4, seconds=10)),
            (LoggedSet(6, None, 10), LoggedSet(4, None, 10)),
            "6-4 × 10 s ✓",
        ),
    ],
)
def test_done_text_shows_what_was_done_beside_the_plan(
    targets: tuple[SetTarget, ...], done: tuple[LoggedSet, ...], text: str
) -> None:
    assert done_text(targets, done, "kg") == text


loads = st.sampled_from([None, 20.0, 42.5, 100.0])
targets = st.lists(
    st.builds(
        SetTarget,
        reps=st.integers(1, 12),
        load=loads,
        seconds=st.none() | st.integers(5, 60),
    ),
    min_size=1,
    max_size=6,
)


@given(targets=targets)
def test_done_as_written_reads_as_the_plan_with_the_done_mark(targets: list[SetTarget]) -> None:
    done = [LoggedSet(reps=t.reps, load=t.load, seconds=t.seconds) for t in targets]
    assert done_text(targets, done, "kg") == f"{describe_sets(targets, 'kg')} {MARKS['done']}"


@given(targets=targets, extra=st.sampled_from([2.5, 10.0]))
def test_a_heavier_load_is_always_shown(targets: list[SetTarget], extra: float) -> None:
    done = [LoggedSet(reps=t.reps, load=(t.load or 0) + extra, seconds=t.seconds) for t in targets]
    text = done_text(targets, done, "kg")
    assert text.startswith(lifted_text(done, "kg"))
    assert f"(planned {describe_sets(targets, 'kg')})" in text


def test_the_legend_names_every_mark_once() -> None:
    assert STATUS_LEGEND == "✓ done  – skipped  ✗ missed  · planned"
    assert len(set(MARKS.values())) == len(MARKS)
