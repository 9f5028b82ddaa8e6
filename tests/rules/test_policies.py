"""Each step of the engine's chain (rules.policies) on its own: a table per rule a person would
state ("a break of two weeks backs the load off", "pain twice in a row eases off")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs
import pytest

from rules.calendar import Logged, Scheduled, Status
from rules.kinds import Double, Fixed, Hold, Linear, Rule, Wave
from rules.phases import Day, Phase, Slot
from rules.policies import (
    Carried,
    Draft,
    Visit,
    advance,
    break_back_off,
    carry_over,
    cut_for_deload_week,
    deload_week,
    no_advance_in_deload_week,
    not_done,
    override,
    pain_gate,
    roll_week,
    rule_targets,
    run,
)
from rules.values import Base, SetDone, SetTarget, SlotState, Variant

from .helpers import MONDAY

SQUAT = Slot("squat", Base(sets=5, reps=5, load=100.0), Linear())
PLANK = Slot("plank", Base(sets=4, reps=1, seconds=10), Hold(max_seconds=30))


def a_phase(slot: Slot = SQUAT, **rules: object) -> Phase:
    return Phase(program="p", name="Strength", weeks=12, days=(Day("A", (slot,)),), **rules)  # type: ignore[arg-type]


def a_visit(
    *,
    slot: Slot = SQUAT,
    date: dt.date = MONDAY,
    week: int = 1,
    status: Status = "planned",
    entry: Logged | None = None,
    deload_week: bool = False,
    painful: bool = False,
    pain_streak: int = 0,
    edits: Mapping[str, tuple[SetTarget, ...]] | None = None,
    carried: Mapping[str, Carried] | None = None,
    **phase_rules: object,
) -> Visit:
    item = Scheduled(key=date, date=date, phase=0, week=week, day=0, number=1)
    return Visit(
        item=item,
        phase=a_phase(slot, **phase_rules),
        status=status,
        entry=entry,
        deload_week=deload_week,
        painful=painful,
        pain_streak=pain_streak,
        edits=edits or {},
        carried=carried or {},
    )


def a_draft(slot: Slot = SQUAT, state: SlotState | None = None, *, fresh: bool = False) -> Draft:
    draft = Draft(slot, state or slot.rule.start(slot.base), fresh=fresh)
    rule_targets(a_visit(slot=slot), draft)
    return draft


def done_entry(date: dt.date = MONDAY, *, pain: int | None = None, squat: bool = True) -> Logged:
    results = {"squat": tuple(SetDone(reps=5, load=100.0) for _ in range(5))} if squat else {}
    return Logged(key=date, status="done", results=results, pain=pain)


# --- prescribing steps ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_since", "usual", "load", "why"),
    [
        # Once a week (usual 7): a skip (14) costs nothing; two weeks beyond the rhythm do.
        (14, 7, 100.0, "starting load 100 kg"),
        (20, 7, 100.0, "starting load 100 kg"),
        (21, 7, 90.0, "−10 %: back after 2 weeks away (21 days since the last one, usually 7)"),
        (42, 7, 80.0, "−20 %: back after 5 weeks away (42 days since the last one, usually 7)"),
        (70, 7, 70.0, "−30 %: back after 9 weeks away (70 days since the last one, usually 7)"),
        # Every 14 days (day A of A/B once a week): one skipped A is 28 days, no cut.
        (28, 14, 100.0, "starting load 100 kg"),
        (35, 14, 90.0, "−10 %: back after 3 weeks away (35 days since the last one, usually 14)"),
        # Every 28 days (four workouts on one day): one skip is 56 days, still no cut.
        (56, 28, 100.0, "starting load 100 kg"),
        (63, 28, 80.0, "−20 %: back after 5 weeks away (63 days since the last one, usually 28)"),
    ],
)
def test_a_break_is_measured_against_the_slots_own_rhythm(
    days_since: int, usual: int, load: float, why: str
) -> None:
    last = MONDAY - dt.timedelta(days=days_since)
    draft = a_draft(state=Linear().start(SQUAT.base).but(last=last))
    visit = attrs.evolve(a_visit(), usual={"squat": usual})
    break_back_off(visit, draft)
    assert (draft.state.load, draft.state.why) == (load, why)


def test_a_break_table_of_the_program_scales_the_cut() -> None:
    last = MONDAY - dt.timedelta(days=40)
    draft = a_draft(state=Linear().start(SQUAT.base).but(last=last))
    visit = attrs.evolve(
        a_visit(break_days=21, break_cuts=((3, 5.0), (5, 15.0))), usual={"squat": 7}
    )
    break_back_off(visit, draft)  # 33 days beyond the rhythm: 4 weeks, the first row
    assert draft.state.load == 95.0


@pytest.mark.parametrize(
    ("deload_pct", "days_since", "most", "top", "why"),
    [
        (
            10.0,
            42,
            30.0,
            72.5,  # −28 %: 72 kg, rounded up so as not to cut more
            "deload week 4: −10 %; back after 5 weeks away: −20 % (−28 % in all)",
        ),
        (
            25.0,
            21,
            30.0,
            70.0,  # −32.5 % would be more than the program allows
            "deload week 4: −25 %; back after 2 weeks away: −10 % (−30 % in all, the program's most)",
        ),
        (
            10.0,
            42,
            20.0,
            80.0,
            "deload week 4: −10 %; back after 5 weeks away: −20 % (−20 % in all, the program's most)",
        ),
        (10.0, 7, 30.0, 90.0, "deload week 4: −10 %"),
    ],
)
def test_a_deload_week_and_a_break_compound_up_to_the_programs_most(
    deload_pct: float, days_since: int, most: float, top: float, why: str
) -> None:
    last = MONDAY - dt.timedelta(days=days_since)
    draft = Draft(SQUAT, Linear().start(SQUAT.base).but(last=last))
    phase = a_visit(
        week=4, deload_week=True, deload_every=4, deload_pct=deload_pct, max_combined_cut=most
    )
    visit = attrs.evolve(phase, usual={"squat": 7})
    run(visit, draft)
    assert (max(t.load or 0 for t in draft.targets), draft.why) == (top, why)


def test_no_break_back_off_before_the_first_session() -> None:
    draft = a_draft()
    break_back_off(a_visit(date=MONDAY + dt.timedelta(days=400)), draft)
    assert draft.state == Linear().start(SQUAT.base)


@pytest.mark.parametrize(
    ("slot", "is_deload_week", "sets", "why"),
    [
        (SQUAT, False, [(5, 100.0)] * 5, "starting load 100 kg"),
        (SQUAT, True, [(5, 80.0)] * 5, "deload week 4: −20 %"),
        (PLANK, False, [(1, None)] * 4, "starting hold 10 s × 1"),
        (PLANK, True, [(1, None)] * 3, "deload week 4: −20 %"),  # no load: a set fewer
    ],
)
def test_a_deload_week_cuts_the_load_or_without_one_the_sets(
    slot: Slot, is_deload_week: bool, sets: list[tuple[int, float | None]], why: str
) -> None:
    draft = a_draft(slot)
    visit = a_visit(slot=slot, week=4, deload_week=is_deload_week, deload_pct=20.0)
    deload_week(visit, draft)
    assert [(t.reps, t.load) for t in draft.targets] == sets
    assert draft.why == why


@pytest.mark.parametrize(
    ("targets", "pct", "expected"),
    [
        ((SetTarget(reps=5, load=100.0),) * 3, 10.0, (SetTarget(reps=5, load=90.0),) * 3),
        ((SetTarget(reps=5, load=3.0),), 10.0, (SetTarget(reps=5, load=2.5),)),
        ((SetTarget(reps=5),) * 5, 40.0, (SetTarget(reps=5),) * 3),
        ((SetTarget(seconds=10),), 90.0, (SetTarget(seconds=10),)),  # one set always stays
    ],
)
def test_cut_for_deload_week(
    targets: tuple[SetTarget, ...], pct: float, expected: tuple[SetTarget, ...]
) -> None:
    assert cut_for_deload_week(targets, pct, 2.5) == expected


@pytest.mark.parametrize(
    ("edits", "sets", "why"),
    [
        ({}, [(5, 100.0)] * 5, "starting load 100 kg"),
        (
            {"bench-press": (SetTarget(reps=3, load=50.0),)},
            [(5, 100.0)] * 5,
            "starting load 100 kg",
        ),
        (
            {"squat": (SetTarget(reps=3, load=70.0),) * 2},
            [(3, 70.0)] * 2,
            "your edit of this session",
        ),
    ],
)
def test_an_override_replaces_the_targets_and_the_why(
    edits: Mapping[str, tuple[SetTarget, ...]], sets: list[tuple[int, float]], why: str
) -> None:
    draft = a_draft()
    override(a_visit(edits=edits), draft)
    assert [(t.reps, t.load) for t in draft.targets] == sets
    assert draft.why == why


@pytest.mark.parametrize(
    ("carried", "fresh", "load", "why"),
    [
        (None, True, 100.0, "starting load 100 kg"),
        (
            Carried("linear", 140.0, "Base"),
            True,
            140.0,
            "starting load 140 kg (carried over from Base)",
        ),
        (Carried("wave", 140.0, "Base"), True, 100.0, "starting load 100 kg"),  # another kind
        (Carried("linear", 140.0, "Base"), False, 100.0, "starting load 100 kg"),  # not new
    ],
)
def test_a_track_carries_its_load_into_a_later_phase_with_the_same_kind_of_rule(
    carried: Carried | None, fresh: bool, load: float, why: str
) -> None:
    draft = a_draft(fresh=fresh)
    carry_over(a_visit(carried={"squat": carried} if carried else {}), draft)
    assert (draft.state.load, draft.state.why) == (load, why)


def test_a_new_week_lets_a_weekly_rule_step() -> None:
    rule = Hold(max_seconds=30, add_seconds=5)
    slot = Slot("plank", Base(seconds=10), rule)
    good_week = rule.start(slot.base).but(week=1, successes=2)
    draft = a_draft(slot, good_week)
    roll_week(a_visit(slot=slot, week=2), draft)
    assert draft.state.seconds == 15


# --- settling steps ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "entry", "settled"),
    [
        ("skipped", Logged(key=MONDAY, status="skipped"), True),
        ("missed", None, True),
        ("done", done_entry(squat=False), True),  # the exercise was left out
        ("done", done_entry(), False),
        ("planned", None, False),
    ],
)
def test_skipped_missed_or_left_out_settles_with_nothing_kept(
    status: Status, entry: Logged | None, settled: bool
) -> None:
    draft = a_draft()
    assert not_done(a_visit(status=status, entry=entry), draft) is settled
    assert draft.outcome is None


@pytest.mark.parametrize(
    ("status", "entry", "chain_load"),
    [
        ("skipped", Logged(key=MONDAY, status="skipped"), None),
        ("missed", None, None),
        ("done", done_entry(), 102.5),
        ("planned", None, 102.5),
    ],
)
def test_skipped_and_missed_sessions_never_advance(
    status: Status, entry: Logged | None, chain_load: float | None
) -> None:
    draft = Draft(SQUAT, Linear().start(SQUAT.base))
    run(a_visit(status=status, entry=entry), draft)
    assert (draft.outcome.load if draft.outcome else None) == chain_load


@pytest.mark.parametrize("status", ["done", "planned"])
def test_a_deload_week_never_advances_and_only_keeps_the_date(status: Status) -> None:
    start = Linear().start(SQUAT.base)
    draft = Draft(SQUAT, start)
    entry = done_entry() if status == "done" else None
    run(a_visit(status=status, entry=entry, week=4, deload_week=True, deload_every=4), draft)
    assert draft.outcome == start.but(last=MONDAY)
    assert no_advance_in_deload_week(a_visit(deload_week=False), a_draft()) is False


@pytest.mark.parametrize(
    ("rule", "base", "pain_streak", "changed", "why"),
    [
        (Linear(), SQUAT.base, 1, {}, f"held: pain 7/10 on {MONDAY}"),
        (
            Linear(),
            SQUAT.base,
            2,
            {"load": 97.5},
            f"eased off: pain above 5/10 twice in a row (7/10 on {MONDAY})",
        ),
        (
            Double(lo=8, hi=12),
            Base(sets=3, reps=10, load=50.0),
            2,
            {"reps": 9},  # a double progression eases off by a rep
            f"eased off: pain above 5/10 twice in a row (7/10 on {MONDAY})",
        ),
    ],
)
def test_pain_above_the_threshold_holds_and_twice_in_a_row_eases_off(
    rule: Rule, base: Base, pain_streak: int, changed: dict[str, object], why: str
) -> None:
    slot = Slot("squat", base, rule)
    start = rule.start(base)
    draft = a_draft(slot, start)
    visit = a_visit(
        slot=slot,
        status="done",
        entry=done_entry(pain=7),
        painful=True,
        pain_streak=pain_streak,
        pain_threshold=5,
    )
    assert pain_gate(visit, draft) is True
    assert draft.outcome == start.but(last=MONDAY, why=why, **changed)


def test_pain_at_or_under_the_threshold_leaves_the_decision_to_the_rule() -> None:
    draft = a_draft()
    assert pain_gate(a_visit(status="done", entry=done_entry(pain=5)), draft) is False
    assert draft.outcome is None


@pytest.mark.parametrize(
    ("status", "reps", "load", "why"),
    [
        ("planned", 5, 102.5, f"+2.5 kg: all 5×5 if done on {MONDAY}"),
        ("done", 5, 102.5, f"+2.5 kg: all 5×5 done on {MONDAY}"),
        ("done", 4, 100.0, f"repeat: 5×5 missed on {MONDAY} (1 of 3 before a deload)"),
    ],
)
def test_advance_hands_what_was_done_to_the_rule(
    status: Status, reps: int, load: float, why: str
) -> None:
    draft = a_draft()
    draft.done = tuple(SetDone(reps=reps, load=100.0) for _ in range(5))
    if status == "planned":
        draft.done = draft.targets
    assert advance(a_visit(status=status), draft) is True
    assert draft.outcome is not None
    assert (draft.outcome.load, draft.outcome.why) == (load, why)


# --- the chain --------------------------------------------------------------------------------


def test_your_edit_beats_a_deload_week_and_a_break() -> None:
    edit = (SetTarget(reps=1, load=120.0),)
    last = MONDAY - dt.timedelta(days=30)
    draft = Draft(SQUAT, Linear().start(SQUAT.base).but(last=last))
    visit = a_visit(week=4, deload_week=True, deload_every=4, edits={"squat": edit})
    prescription = run(visit, draft)
    assert (prescription.sets, prescription.why) == (edit, "your edit of this session")


def test_a_wave_in_a_deload_week_keeps_its_place_in_the_cycle() -> None:
    slot = Slot("deadlift", Base(sets=3, load=150.0), Wave())
    draft = Draft(slot, slot.rule.start(slot.base))
    run(a_visit(slot=slot, week=2, deload_week=True, deload_every=2), draft)
    assert draft.outcome is not None
    assert draft.outcome.stage == 0


KNEES, FEET, ROLL = (
    Variant("Side bridge from the knees", step="from the knees"),
    Variant("Side bridge from the feet", step="from the feet"),
    Variant("Side bridge with a roll", step="with a roll"),
)
WARM_UP = Slot(
    "side-bridge",
    Base(sets=3, reps=5, seconds=10, pyramid=(5, 3, 1), variants=(KNEES, FEET, ROLL)),
    Fixed(),
)


@pytest.mark.parametrize(
    ("variant", "stage", "why"),
    [
        ("Side bridge from the feet", 1, "from the feet, 6-4-2 × 10 s: reached in Back rehab"),
        ("Side bridge with a roll", 2, "with a roll, 6-4-2 × 10 s: reached in Back rehab"),
        # A variant the new slot does not have: the reps carry, the variant starts easiest.
        ("Side plank on a ball", 0, "from the knees, 6-4-2 × 10 s: reached in Back rehab"),
    ],
)
def test_a_hold_carries_the_variant_reached_into_a_later_phase(
    variant: str, stage: int, why: str
) -> None:
    carried = Carried("hold", None, "Back rehab", seconds=10, reps=6, sets=3, variant=variant)
    visit = a_visit(slot=WARM_UP, carried={"side-bridge": carried})
    draft = Draft(WARM_UP, WARM_UP.rule.start(WARM_UP.base), fresh=True)
    prescription = run(visit, draft)
    assert (draft.state.stage, draft.state.reps, prescription.why) == (stage, 6, why)
    assert prescription.name == WARM_UP.base.variants[stage].name
    assert [t.reps for t in prescription.sets] == [6, 4, 2]


INCLINE = Slot("incline", Base(sets=3, reps=8, load=14.0, increment=2.0), Double(add=2.0))


def test_a_deload_week_cuts_from_the_load_last_lifted_and_says_what_it_really_cut() -> None:
    # 3×12 @ 14 kg done: double progression steps to 16 kg × 8, which nobody has lifted yet.
    state = SlotState(load=16.0, sets=3, reps=8, done_load=14.0, why="+2 kg: 3×12 reached")
    visit = a_visit(slot=INCLINE, week=6, deload_week=True, deload_pct=15.0)
    prescription = run(visit, Draft(INCLINE, state))
    assert [t.load for t in prescription.sets] == [12.0] * 3
    assert prescription.why == "deload week 6: −15 % (as built: 12 kg after 14 kg, −14.3 %)"


def test_a_deload_week_the_rounding_eats_leaves_a_set_out_and_says_so() -> None:
    slot = Slot("raise", Base(sets=3, reps=12, load=6.0, increment=2.0), Double(add=2.0))
    visit = a_visit(slot=slot, week=6, deload_week=True, deload_pct=10.0)
    prescription = run(visit, Draft(slot, slot.rule.start(slot.base)))
    assert [t.load for t in prescription.sets] == [6.0, 6.0]
    assert prescription.why == "deload week 6: one set fewer (−10 % of 6 kg rounds back to it)"
