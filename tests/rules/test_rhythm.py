"""Training in real life (docs/ARCHITECTURE.md): a rotation on any weekdays, every session done as
prescribed, or one session skipped, never loses load outside a scheduled deload week; a deload
period reaches every lift of the rotation."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings, strategies as st

from rules.engine import Day, Logged, Phase, Session, Slot, project, schedule
from rules.kinds import Double, Linear, Rule
from rules.values import Base

from .helpers import MONDAY

TRACKS = ("squat", "bench", "row", "press", "deadlift")
RULES: dict[str, Rule] = {
    "squat": Linear(add=2.5),
    "bench": Double(lo=8, hi=12, add=2.5),
    "row": Linear(add=2.5),
    "press": Double(lo=6, hi=10, add=1.0),
    "deadlift": Linear(add=5.0),
}


@st.composite
def plans(draw: st.DrawFn) -> tuple[Phase, list[int]]:
    """A phase of one to four days (each a few of the lifts) on one to seven weekdays."""
    count = draw(st.integers(1, 4))
    days = []
    for number in range(count):
        chosen = draw(st.lists(st.sampled_from(TRACKS), min_size=1, max_size=4, unique=True))
        slots = tuple(Slot(t, Base(sets=3, reps=5, load=40.0), RULES[t]) for t in chosen)
        days.append(Day(f"D{number}", slots))
    weekdays = sorted(draw(st.sets(st.integers(0, 6), min_size=1, max_size=7)))
    every = draw(st.sampled_from([0, 2, 3, 4, 6]))
    phase = Phase(program="p", name="P", weeks=12, days=tuple(days), deload_every=every)
    return phase, weekdays


def _top(session: Session) -> dict[str, float]:
    return {p.exercise: max(s.load or 0.0 for s in p.sets) for p in session.prescriptions}


def _never_lower(sessions: tuple[Session, ...]) -> None:
    best: dict[str, float] = {}
    for session in sessions:
        if session.deload or session.status == "skipped":
            continue
        for exercise, load in _top(session).items():
            assert load >= best.get(exercise, 0.0), (
                f"{exercise} fell to {load} on {session.scheduled.date}: "
                f"{next(p.why for p in session.prescriptions if p.exercise == exercise)}"
            )
            best[exercise] = load


@settings(max_examples=60, deadline=None)
@given(plans())
def test_every_session_done_as_prescribed_never_lowers_a_lift(
    plan: tuple[Phase, list[int]],
) -> None:
    phase, weekdays = plan
    calendar = schedule(MONDAY, weekdays, [phase])
    _never_lower(project([phase], calendar, {}, MONDAY))


@settings(max_examples=60, deadline=None)
@given(plans(), st.integers(0, 200))
def test_a_single_skip_never_lowers_a_lift(plan: tuple[Phase, list[int]], which: int) -> None:
    phase, weekdays = plan
    calendar = schedule(MONDAY, weekdays, [phase])
    skipped = calendar[which % len(calendar)].key
    log = {skipped: Logged(key=skipped, status="skipped")}
    _never_lower(project([phase], calendar, log, MONDAY))


@settings(max_examples=60, deadline=None)
@given(plans())
def test_a_deload_period_reaches_every_lift_of_the_rotation(
    plan: tuple[Phase, list[int]],
) -> None:
    phase, weekdays = plan
    if not phase.deload_every:
        phase = Phase(program="p", name="P", weeks=12, days=phase.days, deload_every=2)
    sessions = project([phase], schedule(MONDAY, weekdays, [phase]), {}, MONDAY)
    first = phase.deload_every
    deloaded = {
        p.exercise
        for s in sessions
        if s.deload and first <= s.scheduled.week < 2 * first
        for p in s.prescriptions
    }
    if len(weekdays) * phase.deload_every >= len(phase.days):  # the period fits before the next
        assert deloaded == {slot.exercise for day in phase.days for slot in day.slots}


def test_a_b_once_a_week_one_skipped_a_session_costs_nothing() -> None:
    """The issue's case: A/B on Mondays, one A skipped: 28 days since the last A, no cut."""
    a = Day("A", (Slot("bench", Base(sets=5, reps=5, load=40.0), Linear()),))
    b = Day("B", (Slot("press", Base(sets=5, reps=5, load=30.0), Linear()),))
    phase = Phase(program="p", name="P", weeks=8, days=(a, b))
    calendar = schedule(MONDAY, [0], [phase])
    skipped = MONDAY + dt.timedelta(weeks=2)
    sessions = project([phase], calendar, {skipped: Logged(skipped, "skipped")}, MONDAY)
    bench = [_top(s)["bench"] for s in sessions if "bench" in _top(s)]
    assert bench == [40.0, 42.5, 42.5, 45.0]  # skipped at 42.5, then on from where it was
