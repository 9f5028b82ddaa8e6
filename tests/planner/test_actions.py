"""What the screens ask of the planner, without Textual: pain, starting loads, edits, exercise ids."""

from __future__ import annotations

import copy
import datetime as dt

import attrs
import pytest
from hypothesis import given, strategies as st

from planner import actions, catalog
from planner.actions import PAIN_RANGE, StartingLoad
from planner.convert import program_from_data, to_data
from planner.errors import UsageError
from planner.model import LogEntry, LoggedExercise, LoggedSet, Plan, PlannedSet, Program
from planner.projection import project_plan
from rules.engine import Session

START = dt.date(2026, 11, 30)  # a Monday
DAYS = ("mon", "wed", "fri")


def first_session(program_ids: list[str], **loads: float) -> tuple[Plan, Session]:
    chain = [(catalog.get(pid), None) for pid in program_ids]
    plan = actions.new_plan("t", chain, START, DAYS, loads=loads)
    return plan, project_plan(plan, START).sessions[0]


# ---- pain ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pain"), [("", None), ("  ", None), ("0", 0), (" 7 ", 7), ("10", 10), ("3.0", 3)]
)
def test_pain_as_typed(text: str, pain: int | None) -> None:
    assert actions.parse_pain(text, "--pain") == pain


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("11", "--pain: 11 must be between 0 and 10"),
        ("-1", "--pain: -1 must not be negative"),
        ("2.5", "--pain: 2.5 must be a whole number"),
        ("bad", "--pain: 'bad' is not a number"),
        ("nan", "--pain: 'nan' is not a number"),
    ],
)
def test_a_bad_pain_is_refused_naming_the_field(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        actions.parse_pain(text, "--pain")
    assert str(caught.value) == message


@given(st.integers(-50, 50))
def test_the_typed_pain_and_the_saved_pain_share_one_range(pain: int) -> None:
    # What a form or a flag accepts is exactly what a plan file may hold.
    try:
        parsed = actions.parse_pain(str(pain), "pain")
    except UsageError:
        parsed = None
    try:
        LogEntry(date=START, status="done", pain=pain)
        saved = True
    except ValueError:
        saved = False
    assert (parsed == pain) is saved is (pain in PAIN_RANGE)


def test_logging_a_pain_off_the_scale_is_refused() -> None:
    plan, session = first_session(["linear-5x5"])
    with pytest.raises(UsageError, match="--pain: 11 must be between 0 and 10"):
        actions.log_done(plan, session, pain=11)
    assert actions.log_done(plan, session, pain=10).log[0].pain == 10


# ---- starting loads and training maxima ----------------------------------------------------


def test_a_linear_program_asks_for_working_loads_in_order_of_use() -> None:
    fields = actions.starting_loads([catalog.get("linear-5x5")])
    assert [(f.exercise, f.default, f.training_max) for f in fields] == [
        ("squat", 20.0, False),
        ("bench-press", 20.0, False),
        ("barbell-row", 30.0, False),
        ("overhead-press", 20.0, False),
        ("deadlift", 40.0, False),
    ]
    assert fields[0].name == "Squat"


def test_wave_lifts_ask_for_a_training_max() -> None:
    fields = {f.exercise: f for f in actions.starting_loads([catalog.get("wendler-531")])}
    assert fields["squat"] == StartingLoad("squat", "Squat", 80.0, training_max=True)
    assert fields["deadlift"].training_max
    program = catalog.get("wendler-531")
    waves = {s.exercise for d in program.days for s in d.slots if s.rule.kind == "wave"}
    assert {e for e, f in fields.items() if f.training_max} == waves


def test_a_chain_asks_once_per_exercise_the_first_phase_deciding() -> None:
    rehab_only = actions.starting_loads([catalog.get("back-rehab"), catalog.get("mobility")])
    assert rehab_only == ()  # holds and stretches start without a load
    chained = actions.starting_loads([catalog.get("linear-5x5"), catalog.get("wendler-531")])
    squats = [f for f in chained if f.exercise == "squat"]
    assert squats == [StartingLoad("squat", "Squat", 20.0, training_max=False)]
    assert len({f.exercise for f in chained}) == len(chained)


@pytest.mark.parametrize("program_id", catalog.BUILTIN_IDS)
def test_the_prefilled_values_make_the_programs_own_plan(program_id: str) -> None:
    # Accepting every field as offered gives the plan the program describes without any --set.
    defaults = {f.exercise: f.default for f in actions.starting_loads([catalog.get(program_id)])}
    plain, _ = first_session([program_id])
    typed, _ = first_session([program_id], **defaults)
    sessions = [project_plan(p, START).sessions[:12] for p in (plain, typed)]
    assert [s.prescriptions for s in sessions[0]] == [s.prescriptions for s in sessions[1]]


# ---- the edit of a future session ----------------------------------------------------------


def as_typed(session: Session) -> tuple[LoggedExercise, ...]:
    """The edit form as it opens: every prescribed set's reps, load and seconds."""
    return actions.logged_as_prescribed(session)


def test_an_unchanged_form_is_no_edit_even_with_amrap_sets() -> None:
    _, session = first_session(["wendler-531"])
    assert any(t.amrap for p in session.prescriptions for t in p.sets)
    assert actions.edited_exercises(session, as_typed(session)) == ()


def test_only_the_changed_exercise_is_an_edit_and_it_is_kept_by_the_plan() -> None:
    plan, session = first_session(["linear-5x5"])
    form = list(as_typed(session))
    bench = form[1]
    heavier = (LoggedSet(reps=5, load=25.0), *bench.sets[1:])
    form[1] = attrs.evolve(bench, sets=heavier)
    [edited] = actions.edited_exercises(session, form)
    assert edited.exercise == "bench-press"
    assert edited.sets[:2] == (PlannedSet(reps=5, load=25.0), PlannedSet(reps=5, load=20.0))
    after = project_plan(actions.edit_exercises(plan, session, [edited]), START).sessions[0]
    assert [t.load for t in after.prescriptions[1].sets] == [25.0, 20.0, 20.0, 20.0, 20.0]
    assert after.prescriptions[0].sets == session.prescriptions[0].sets  # squat as prescribed


def test_fewer_sets_are_an_edit_and_an_exercise_from_elsewhere_is_refused() -> None:
    _, session = first_session(["linear-5x5"])
    squat = as_typed(session)[0]
    [edited] = actions.edited_exercises(session, [attrs.evolve(squat, sets=squat.sets[:3])])
    assert len(edited.sets) == 3
    with pytest.raises(UsageError, match="'deadlift' is not in the session"):
        actions.edited_exercises(session, [LoggedExercise("deadlift", (LoggedSet(reps=5),))])
    with pytest.raises(UsageError, match="at least one set"):
        actions.edited_exercises(session, [attrs.evolve(squat, sets=())])


# ---- the program editor's exercise ids -----------------------------------------------------


def test_a_new_exercise_id_in_a_slot_is_listed_so_the_program_stays_valid() -> None:
    data = to_data(catalog.get("linear-5x5"))
    data["days"][0]["slots"][0]["exercise"] = "goblet-squat"
    data["days"][1]["slots"][0]["exercise"] = "goblet-squat"
    before = copy.deepcopy(data)
    with pytest.raises(ValueError, match="goblet-squat"):
        program_from_data(data)
    completed = actions.list_slot_exercises(data)
    assert data == before  # the draft given is not changed
    added = [e for e in completed["exercises"] if e["id"] == "goblet-squat"]
    assert added == [{"id": "goblet-squat", "name": "Goblet squat"}]
    program: Program = program_from_data(completed)
    assert program.exercise("goblet-squat").name == "Goblet squat"
    assert len(completed["exercises"]) == len(data["exercises"]) + 1


def test_a_program_listing_no_exercises_gets_none_listed() -> None:
    data = to_data(catalog.get("linear-5x5"))
    data["exercises"] = []
    assert actions.list_slot_exercises(data) == data
    assert program_from_data(data).exercise("squat").name == "Squat"
