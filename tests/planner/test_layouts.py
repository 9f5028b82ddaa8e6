"""Programs fit the person's week: the layout for the plan's weekday count, or the nearest with a
note that `workout new` prints and the first session's why repeats."""

from __future__ import annotations

import pytest

from planner import catalog
from planner.cli import main


@pytest.mark.parametrize(
    ("program", "days", "first_day", "lifts"),
    [
        ("wendler-531", 4, "Press", ["overhead-press", "chin-up"]),
        ("wendler-531", 2, "Day 1", ["squat", "bench-press", "chin-up"]),
        ("linear-5x5", 1, "A", ["squat", "bench-press", "barbell-row", "deadlift"]),
        ("double-progression", 1, "Full body", None),
    ],
)
def test_the_layout_for_the_weekday_count_is_used(
    program: str, days: int, first_day: str, lifts: list[str] | None
) -> None:
    layout, note = catalog.get(program).layout_for(days)
    assert note == ""
    assert layout[0].name == first_day
    if lifts is not None:
        assert [slot.exercise for slot in layout[0].slots] == lifts


def test_without_a_fitting_layout_new_says_which_one_it_uses(
    capsys: pytest.CaptureFixture[str],
) -> None:
    words = ["--today", "2027-01-04", "new", "--program", "linear-5x5", "--days", "mon,tue,thu,fri"]
    assert main(words) == 0
    out = capsys.readouterr().out
    assert "Linear 5×5 has no 4-day layout: its 3-day one" in out
    # …and the first session's why says it too (printed with it by `new`).
    assert out.count("has no 4-day layout") >= 2
