"""The pain model (rules/pain.py) as tables, and its place in the fold: a red flag holds every
lift until a calm session (a hypothesis property over random pain logs)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from rules.engine import Logged, Session
from rules.kinds import Linear
from rules.pain import (
    DEFAULT_RED_FLAG_WORDS,
    Flag,
    Judged,
    PainReport,
    active_flag,
    clears,
    flag_words,
    red_flag,
    verdict,
)
from rules.values import Base, SetDone

from .helpers import MONDAY, phase, plan_sessions

WORDS = DEFAULT_RED_FLAG_WORDS
DAY = dt.date(2027, 1, 7)


@pytest.mark.parametrize(
    ("during", "morning", "expected"),
    [
        (None, None, "unrated"),
        (0, None, "calm"),
        (5, None, "calm"),  # at the threshold is fine
        (6, None, "held"),
        (4, 3, "calm"),  # settled by morning
        (4, 5, "calm"),  # worse, but at or under the threshold
        (4, 6, "worse"),  # worse the next morning than during, above the threshold
        (7, 6, "held"),  # above during, better in the morning: held, not eased
        (7, 8, "worse"),
        (None, 6, "worse"),  # only a morning number, above the threshold
        (None, 2, "calm"),
    ],
)
def test_verdict(during: int | None, morning: int | None, expected: str) -> None:
    assert verdict(PainReport(during=during, morning=morning), 5) == expected


@pytest.mark.parametrize(
    ("report", "reason"),
    [
        (PainReport(during=7), ""),
        (PainReport(during=8), "Pain 8/10"),
        (PainReport(during=9, where="leg"), "Pain 9/10 spreading down the leg"),
        (PainReport(during=3, where="leg"), "Pain 3/10 spreading down the leg"),
        (PainReport(during=3, where="buttock"), ""),
        (PainReport(where="leg"), "Pain spreading down the leg"),
        (PainReport(during=2, morning=8), "Pain 8/10 the next morning"),
        (PainReport(during=2, note="Numb toes after the walk"), "You noted “numb”"),
        (
            PainReport(during=2, note="pins and needles, some weakness"),
            "You noted “pins and needles”, “weakness”",
        ),
        (PainReport(during=2, note="a weak moment, nothing more"), "You noted “weak”"),
        (PainReport(during=2, note="great weekend, knee ok"), ""),  # "weekend" is not "weak"
        (PainReport(during=2, note="needed the bathroom"), ""),
        (PainReport(during=2, note="bladder feels different"), "You noted “bladder”"),
        (
            PainReport(during=10, note="sharp pain down the leg"),
            "Pain 10/10, you noted “down the leg”",
        ),
        (PainReport(during=2, by_exercise=(("deadlift", 8),)), "Pain 8/10 during deadlift"),
    ],
)
def test_red_flag(report: PainReport, reason: str) -> None:
    assert red_flag(report, WORDS) == reason


def test_the_words_are_the_programs_own() -> None:
    assert flag_words("some numbness", ("tingling",)) == ()
    assert flag_words("TINGLING in the foot", ("tingling",)) == ("tingling",)
    assert flag_words("anything", ()) == ()


@pytest.mark.parametrize(
    ("report", "expected"),
    [
        (PainReport(during=3), True),
        (PainReport(during=5, morning=4), True),
        (PainReport(), False),  # nothing said: nothing shows the back is calm
        (PainReport(during=6), False),
        (PainReport(during=3, where="leg"), False),
        (PainReport(during=3, morning=7), False),
    ],
)
def test_what_lifts_a_red_flag(report: PainReport, expected: bool) -> None:
    assert clears(report, 5, WORDS) is expected


def test_advice_says_what_to_do_and_why() -> None:
    flag = Flag(DAY, "Pain 9/10 spreading down the leg")
    assert flag.advice() == (
        "Pain 9/10 spreading down the leg on 2027-01-07: stop these exercises and see a "
        "clinician before you train again."
    )


def test_the_standing_flag_is_the_latest_until_a_calm_session() -> None:
    def judged(day: int, report: PainReport) -> Judged:
        return Judged(DAY + dt.timedelta(days=day), report, 5)

    flagged = judged(0, PainReport(during=9))
    unrated = judged(2, PainReport())
    calm = judged(4, PainReport(during=2))
    assert active_flag([flagged, unrated]) == Flag(DAY, "Pain 9/10")
    assert active_flag([flagged, unrated, calm]) is None


# The property: a red-flag session is never followed by a load increase until a calm session.

PAINS = st.one_of(st.none(), st.integers(0, 10))
WHERE = st.sampled_from(["", "", "back", "leg"])


SQUAT = Base(sets=5, reps=5, load=100.0)


def _fold(log: dict[dt.date, Logged], today: dt.date) -> tuple[Session, ...]:
    return plan_sessions(
        [phase(Linear(), SQUAT, weeks=20, pain_threshold=5)], (0,), log, today=today
    )


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(PAINS, WHERE), min_size=1, max_size=12))
def test_a_red_flag_is_never_followed_by_a_rise_until_a_calm_session(
    pains: list[tuple[int | None, str]],
) -> None:
    log: dict[dt.date, Logged] = {}
    flagged = False
    for index, (pain, where) in enumerate(pains):
        date = MONDAY + dt.timedelta(weeks=index)
        load = _fold(log, date)[index].prescriptions[0].sets[0].load
        done = (SetDone(reps=5, load=load),) * 5  # every set done as prescribed
        log[date] = Logged(key=date, status="done", results={"squat": done}, pain=pain, where=where)
        report = PainReport(during=pain, where=where)
        if red_flag(report, WORDS):
            flagged = True
        elif clears(report, 5, WORDS):
            flagged = False
        following = _fold(log, date + dt.timedelta(days=1))[index + 1].prescriptions[0]
        if flagged:
            assert following.sets[0].load is not None
            assert load is not None
            assert following.sets[0].load <= load, (pains[: index + 1], following.why)
            assert following.why.startswith(("held", "eased off")), following.why
