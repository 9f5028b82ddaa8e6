"""A change of training days in the calendar: the dates before it stay, the new weekdays apply
from it on, every position is found again by its date, and no lift sees a break from the switch."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings, strategies as st

from rules.engine import Phase, project, schedule

from .helpers import MONDAY
from .test_rhythm import plans


@settings(max_examples=60, deadline=None)
@given(
    plan=plans(),
    new=st.sets(st.integers(0, 6), min_size=1, max_size=7),
    after=st.integers(1, 80),
)
def test_a_change_of_days_keeps_the_dates_before_it(
    plan: tuple[Phase, list[int]], new: set[int], after: int
) -> None:
    phase, weekdays = plan
    since = MONDAY + dt.timedelta(days=after)
    before = list(schedule(MONDAY, weekdays, [phase]))
    changed = schedule(MONDAY, weekdays, [phase], changes=[(since, sorted(new))])
    items = list(changed)
    assert [i.key for i in items if i.key < since] == [i.key for i in before if i.key < since]
    assert [i.number for i in items] == list(range(1, len(items) + 1))
    for index, item in enumerate(items):
        days = weekdays if item.key < since else new
        assert item.key.weekday() in days
        assert changed.position(item.key) == index
        assert item.day == index % len(phase.days)
        assert item.week == (item.key - MONDAY).days // 7 + 1
    assert changed.statuses({}, MONDAY) == ("planned",) * len(items)


@settings(max_examples=40, deadline=None)
@given(
    plan=plans(), new=st.sets(st.integers(0, 6), min_size=1, max_size=7), after=st.integers(1, 70)
)
def test_every_session_done_across_a_change_of_days_is_never_a_break(
    plan: tuple[Phase, list[int]], new: set[int], after: int
) -> None:
    phase, weekdays = plan
    since = MONDAY + dt.timedelta(days=after)
    calendar = schedule(MONDAY, weekdays, [phase], changes=[(since, sorted(new))])
    sessions = project([phase], calendar, {}, MONDAY)  # all planned: done as prescribed
    for session in sessions:
        for prescription in session.prescriptions:
            assert "away" not in prescription.why, (session.scheduled, prescription.why)
