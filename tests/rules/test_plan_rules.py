"""Plan-level rules: phases, rotations, deloads, the pain gate, skips, gaps, overrides, carry-over."""

from __future__ import annotations

import datetime as dt

from rules.engine import Day, Logged, Phase, Slot, phase_starts, project, schedule
from rules.kinds import Hold, Linear
from rules.values import Base, SetDone, SetTarget

from .helpers import MONDAY, loads, phase, plan_sessions

SQUAT = Base(sets=5, reps=5, load=100.0)
MON_WED_FRI = (0, 2, 4)


def done(
    date: dt.date,
    *,
    pain: int | None = None,
    reps: int = 5,
    load: float | None = None,
    exercise: str = "squat",
    sets: int = 5,
) -> Logged:
    return Logged(
        key=date,
        status="done",
        pain=pain,
        results={exercise: tuple(SetDone(reps=reps, load=load) for _ in range(sets))},
    )


def test_a_phase_switch_happens_exactly_after_its_weeks() -> None:
    first, second = phase(Hold(), Base(seconds=10), weeks=26), phase(Linear(), SQUAT, weeks=12)
    calendar = schedule(MONDAY, (0, 3), [first, second])
    switch = next(s for s in calendar if s.phase == 1)
    assert switch.key == MONDAY + dt.timedelta(weeks=26)
    assert switch.week == 1
    assert max(s.week for s in calendar if s.phase == 0) == 26
    assert phase_starts(MONDAY, [first, second])[1] == MONDAY + dt.timedelta(weeks=26)


def test_two_days_rotate_over_three_weekdays() -> None:
    rotation = Phase(
        program="p",
        name="P",
        weeks=2,
        days=(
            Day("A", (Slot("squat", SQUAT, Linear()),)),
            Day("B", (Slot("squat", SQUAT, Linear()),)),
        ),
    )
    calendar = schedule(MONDAY, MON_WED_FRI, [rotation])
    assert [rotation.days[s.day].name for s in calendar] == ["A", "B", "A", "B", "A", "B"]


def test_a_deload_week_cuts_the_load_and_does_not_progress() -> None:
    sessions = plan_sessions([phase(Linear(), SQUAT, deload_every=2, deload_pct=10)], (0,))
    assert loads(sessions[0])[0] == 100.0
    # From the 100 kg lifted, not the 102.5 kg step nobody has lifted yet.
    assert loads(sessions[1])[0] == 90.0
    assert sessions[1].deload
    assert sessions[1].prescriptions[0].why == "deload week 2: −10 %"
    assert loads(sessions[2])[0] == 102.5  # the deload session did not add


def test_pain_above_the_threshold_holds_and_says_why() -> None:
    one = phase(Linear(), SQUAT, pain_threshold=5)
    sessions = plan_sessions(
        [one],
        MON_WED_FRI,
        {MONDAY: done(MONDAY, pain=6, load=100.0)},
        today=MONDAY + dt.timedelta(days=1),
    )
    assert loads(sessions[1])[0] == 100.0
    assert sessions[1].prescriptions[0].why == f"held: pain 6/10 on {MONDAY}"


def test_pain_twice_in_a_row_eases_off_one_step() -> None:
    wed = MONDAY + dt.timedelta(days=2)
    log = {MONDAY: done(MONDAY, pain=7, load=100.0), wed: done(wed, pain=8, load=100.0)}
    sessions = plan_sessions(
        [phase(Linear(), SQUAT, pain_threshold=5)],
        MON_WED_FRI,
        log,
        today=wed + dt.timedelta(days=1),
    )
    assert loads(sessions[2])[0] == 97.5
    assert "eased off" in sessions[2].prescriptions[0].why


def test_pain_at_the_threshold_progresses_normally() -> None:
    log = {MONDAY: done(MONDAY, pain=5, load=100.0)}
    sessions = plan_sessions(
        [phase(Linear(), SQUAT, pain_threshold=5)],
        MON_WED_FRI,
        log,
        today=MONDAY + dt.timedelta(days=1),
    )
    assert loads(sessions[1])[0] == 102.5


def test_skipped_and_missed_sessions_never_advance() -> None:
    wed = MONDAY + dt.timedelta(days=2)
    log = {MONDAY: Logged(key=MONDAY, status="skipped")}
    sessions = plan_sessions(
        [phase(Linear(), SQUAT)], MON_WED_FRI, log, today=wed + dt.timedelta(days=2)
    )
    assert [s.status for s in sessions[:4]] == ["skipped", "missed", "planned", "planned"]
    assert loads(sessions[2])[0] == 100.0
    assert loads(sessions[3])[0] == 102.5


def test_a_long_gap_backs_the_load_off() -> None:
    log = {MONDAY: done(MONDAY, load=100.0)}
    later = MONDAY + dt.timedelta(days=21)
    sessions = plan_sessions([phase(Linear(), SQUAT)], (0,), log, today=later)
    resumed = next(s for s in sessions if s.scheduled.date == later)
    assert loads(resumed)[0] == 92.5  # 102.5 − 10 %
    assert resumed.prescriptions[0].why == (
        "−10 %: back after 2 weeks away (21 days since the last one, usually 7)"
    )


def test_every_prescription_explains_itself_and_projections_say_if() -> None:
    log = {MONDAY: done(MONDAY, load=100.0)}
    sessions = plan_sessions(
        [phase(Linear(), SQUAT)], MON_WED_FRI, log, today=MONDAY + dt.timedelta(days=1)
    )
    assert all(p.why for s in sessions for p in s.prescriptions)
    assert f"done on {MONDAY}" in sessions[1].prescriptions[0].why
    assert "if done on" in sessions[2].prescriptions[0].why


def test_an_override_replaces_the_prescription_and_says_so() -> None:
    wed = MONDAY + dt.timedelta(days=2)
    edit = {wed: {"squat": (SetTarget(reps=3, load=110.0),) * 3}}
    sessions = plan_sessions([phase(Linear(), SQUAT)], MON_WED_FRI, overrides=edit)
    assert loads(sessions[1]) == [110.0] * 3
    assert sessions[1].prescriptions[0].why == "your edit of this session"


def test_a_later_phase_carries_the_load_over() -> None:
    first, second = (
        phase(Linear(), SQUAT, weeks=1),
        phase(Linear(), Base(sets=3, reps=5, load=20.0), weeks=1),
    )
    sessions = plan_sessions([first, second], MON_WED_FRI)
    assert loads(sessions[3])[0] == 107.5  # three sessions at +2.5 from 100
    assert "carried over from P" in sessions[3].prescriptions[0].why


def test_a_moved_session_keeps_its_identity() -> None:
    moved = {MONDAY: MONDAY + dt.timedelta(days=1)}
    calendar = schedule(MONDAY, MON_WED_FRI, [phase(Linear(), SQUAT)], moved)
    assert calendar[0].key == MONDAY
    assert calendar[0].date == MONDAY + dt.timedelta(days=1)


def test_logging_a_session_again_changes_the_future() -> None:
    one = phase(Linear(), SQUAT)
    good = plan_sessions([one], MON_WED_FRI, {MONDAY: done(MONDAY, load=100.0)}, today=MONDAY)
    fixed = plan_sessions(
        [one], MON_WED_FRI, {MONDAY: done(MONDAY, reps=4, load=100.0)}, today=MONDAY
    )
    assert loads(good[1])[0] == 102.5
    assert loads(fixed[1])[0] == 100.0
    assert project([one], schedule(MONDAY, MON_WED_FRI, [one]), {}, MONDAY) == plan_sessions(
        [one], MON_WED_FRI
    )


def test_slots_sharing_an_exercise_with_different_rule_kinds_progress_apart() -> None:
    # A wave's position in its cycle is not a GZCLP stage: sharing one state crashed the
    # engine (IndexError) and would have mixed a training max into working loads.
    from rules.kinds import Stages, Wave

    day = Day(
        "A",
        (
            Slot("deadlift", Base(sets=3, load=100.0), Wave()),
            Slot("deadlift", Base(sets=5, reps=3, load=80.0), Stages()),
        ),
    )
    one = Phase(program="p", name="P", weeks=6, days=(day,))
    sessions = plan_sessions([one], (0,), today=MONDAY)
    week_one, week_five = sessions[0], sessions[4]
    assert [s.load for s in week_one.prescriptions[0].sets] == [65.0, 75.0, 85.0]
    assert [s.load for s in week_one.prescriptions[1].sets] == [80.0] * 5
    assert [s.load for s in week_five.prescriptions[0].sets] == [67.5, 80.0, 90.0]  # TM 105
    assert [s.load for s in week_five.prescriptions[1].sets] == [90.0] * 5  # +2.5 a session


def test_the_status_of_every_session_at_once_is_the_status_of_each() -> None:
    from rules.engine import status_of

    phases = [phase(Linear(), SQUAT, weeks=4)]
    moves = {MONDAY + dt.timedelta(days=7): MONDAY + dt.timedelta(days=30)}
    calendar = schedule(MONDAY, MON_WED_FRI, phases, moves)
    logged = {MONDAY: "done", MONDAY + dt.timedelta(days=2): "skipped"}
    today = MONDAY + dt.timedelta(days=9)
    at_once = calendar.statuses(logged, today)  # type: ignore[arg-type]
    one_by_one = tuple(status_of(item.date, logged.get(item.key), today) for item in calendar)  # type: ignore[arg-type]
    assert at_once == one_by_one
    assert at_once[3] == "planned"  # moved past today: not missed
    assert at_once[:3] == ("done", "skipped", "missed")
