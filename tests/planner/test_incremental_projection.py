"""Windows and re-projections that resume from checkpoints show exactly what a projection of the
whole plan from scratch shows: same sessions, same loads, same whys (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings, strategies as st

from planner import actions, settled
from planner.errors import UsageError
from planner.model import Plan
from planner.projection import Projection, WholePlan, Window, project_plan
from planner.resume import carry_checkpoints, project_whole, project_window

from .strategies import plans

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _today(plan: Plan, data: st.DataObject) -> dt.date:
    return plan.start + dt.timedelta(days=data.draw(st.integers(-7, plan.weeks * 7 + 7)))


def _same_window(window: Projection, whole: Projection) -> None:
    assert window.statuses == whole.statuses
    assert window.sessions == whole.sessions[window.first : window.first + len(window.sessions)]
    assert window.next_planned() == whole.next_planned()
    assert window.streak() == whole.streak()
    assert window.done_in_week_of(window.today) == whole.done_in_week_of(whole.today)
    assert window.last_logged() == whole.last_logged()


@SETTINGS
@given(plans(), st.data())
def test_a_window_from_checkpoints_is_a_slice_of_the_whole_plan(
    plan: Plan, data: st.DataObject
) -> None:
    today = _today(plan, data)
    whole, found = project_whole(plan, today)
    assert isinstance(whole, WholePlan)
    assert project_plan(plan, today).sessions == whole.sessions
    assert whole.first == 0
    assert len(whole.sessions) == whole.total
    for checkpoints in ((), found):
        window, _ = project_window(plan, today, checkpoints)
        assert isinstance(window, Window)
        _same_window(window, whole)
    since = data.draw(st.integers(0, whole.total - 1))
    reached, _ = project_window(plan, today, found, since=since)
    assert reached.session(since + 1) == whole.sessions[since]
    _same_window(reached, whole)


def _change(plan: Plan, whole: Projection, data: st.DataObject) -> Plan:
    session = data.draw(st.sampled_from(whole.sessions))
    kind = data.draw(st.sampled_from(["done", "skip", "unlog", "move", "edit"]))
    if kind == "done":
        return actions.log_done(plan, session, pain=data.draw(st.none() | st.integers(0, 10)))
    if kind == "skip":
        return actions.log_skip(plan, session)
    if kind == "unlog":
        return actions.unlog(plan, session)
    if kind == "move" and plan.entry(session.scheduled.key) is None:
        to = session.scheduled.key + dt.timedelta(days=data.draw(st.integers(-3, 3)))
        if plan.start <= to < plan.end:
            try:
                return actions.move_session(plan, session, to)
            except UsageError:  # (two sessions on one day): refused, the plan stays as it was
                return plan
    if kind == "edit" and session.prescriptions:
        from planner.model import PlannedSet

        exercise = session.prescriptions[0].exercise
        sets = (PlannedSet(reps=data.draw(st.integers(1, 9)), load=50.0),)
        return actions.edit_session(plan, session, exercise, sets)
    return plan


@SETTINGS
@given(plans(), st.data())
def test_re_projecting_after_changes_matches_projecting_from_scratch(
    plan: Plan, data: st.DataObject
) -> None:
    today = _today(plan, data)
    whole, checkpoints = project_whole(plan, today)
    for _ in range(data.draw(st.integers(1, 4))):
        changed = _change(plan, whole, data)
        kept = carry_checkpoints(plan, changed, checkpoints)
        again, found = project_whole(changed, today, kept, whole)
        fresh = project_plan(changed, today)
        assert again.sessions == fresh.sessions
        assert again.statuses == fresh.statuses
        window, _ = project_window(changed, today, kept)
        _same_window(window, fresh)
        plan, whole, checkpoints = changed, again, found


@SETTINGS
@given(plans(), st.data())
def test_a_whole_plan_from_kept_settled_sessions_matches_projecting_from_scratch(
    plan: Plan, data: st.DataObject
) -> None:
    """What the cache keeps between commands: the settled sessions before the checkpoints,
    carried over changes to the plan, used by a later command on another day."""
    today = _today(plan, data)
    whole, checkpoints = project_whole(plan, today)
    runs = settled.extend((), whole.sessions, checkpoints)
    for _ in range(data.draw(st.integers(1, 4))):
        changed = _change(plan, whole, data)
        later = today + dt.timedelta(days=data.draw(st.integers(-7, 21)))
        kept = carry_checkpoints(plan, changed, checkpoints)
        kept_runs = settled.carry(runs, kept)
        again, found = project_whole(changed, later, kept, None, kept_runs)
        fresh = project_plan(changed, later)
        assert again.sessions == fresh.sessions
        assert again.statuses == fresh.statuses
        runs = settled.extend(kept_runs, again.sessions, found)
        assert settled.sessions(runs, found, later) == fresh.sessions[: runs[-1][1] if runs else 0]
        plan, whole, checkpoints, today = changed, again, found, later


def test_a_damaged_run_of_settled_sessions_is_derived_again() -> None:
    from planner import catalog

    start = dt.date(2026, 11, 30)
    plan = actions.new_plan("p", [(catalog.get("linear-5x5"), 52)], start, ("mon", "wed", "fri"))
    today = start + dt.timedelta(weeks=50)
    for session in project_plan(plan, today).sessions[:140]:
        plan = actions.log_done(plan, session)
    whole, checkpoints = project_whole(plan, today)
    runs = settled.extend((), whole.sessions, checkpoints)
    assert len(runs) >= 2
    damaged = (runs[0], (runs[1][0], runs[1][1], b"not a pickle"), *runs[2:])
    assert settled.sessions(damaged, checkpoints, today) == whole.sessions[: runs[0][1]]
    again, _ = project_whole(plan, today, checkpoints, None, damaged)
    assert again.sessions == whole.sessions


def test_a_checkpoint_does_not_hold_before_a_session_it_counted_as_missed() -> None:
    from rules.engine import Checkpoint

    checkpoint = Checkpoint(
        index=3,
        key=dt.date(2026, 12, 7),
        states=(),
        carried=(),
        pain_streak=0,
        settled=dt.date(2026, 12, 4),
    )
    assert checkpoint.holds(dt.date(2026, 12, 5))
    assert not checkpoint.holds(dt.date(2026, 12, 4))  # that session would be planned again
