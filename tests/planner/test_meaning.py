"""Hand edits validated for meaning (issue 12): a plan file whose values are each fine but wrong
together is an error naming file, line and field, on ``validate`` and on every load; nothing
logged is ever dropped in silence."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from planner import files
from planner.cli import main
from planner.errors import DataFileError
from planner.meaning import check_plan
from planner.model import LogEntry, LoggedExercise, Plan
from tests.reliability.conftest import make_plan

from .strategies import plans

TODAY = "2026-12-07"


@pytest.fixture
def plan_path(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A linear 5×5 plan (mon, wed, fri from Mon 2026-11-30, 12 weeks), three sessions logged."""
    path = make_plan(data_dir)
    capsys.readouterr()
    return path


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), "utf-8")


def _line_of(path: Path, fragment: str) -> int:
    text = path.read_text("utf-8")
    return text[: text.index(fragment)].count("\n") + 1


CASES = [
    # (what a person did, old text, new text, field, words of the message)
    ("a date moved to a rest day", "date = 2026-12-02", "date = 2026-12-01", "log[1].date",
     "is a Tuesday, not a training day"),
    ("an entry before the start", "date = 2026-12-02", "date = 2026-11-02", "log[1].date",
     "before the plan starts"),
    ("an entry in 2099", "date = 2026-12-02", "date = 2099-12-02", "log[1].date",
     "after the plan ends"),
    ("two entries for one date", "date = 2026-12-02", "date = 2026-11-30", "log[1].date",
     "logged twice"),
    ("a typo in a logged exercise", '[[log.exercises]]\nexercise = "squat"',
     '[[log.exercises]]\nexercise = "sqaut"',
     "log[0].exercises[0].exercise", "did you mean 'squat'?"),
    ("a typo under [loads]", "squat = 60.0", "sqaut = 60.0", "loads.sqaut",
     "did you mean 'squat'?"),
    ("the training days changed", '"wed",', '"tue",', "log[1].date",
     "not a training day (mon, tue, fri); did the training days change?"),
    ("weeks = 100000000", "weeks = 12", "weeks = 100000000", "phases[0].weeks",
     "at most 1040"),
    ("sets = 1e8", "sets = 5", "sets = 1e8", "sets", "must be a whole number"),
    ("NaN", "{ reps = 5, load = 60.0 }", "{ reps = 5, load = nan }",
     "log[0].exercises[0].sets[0].load", "finite number"),
    ("inf", "squat = 60.0", "squat = inf", "loads", "finite number"),
    ("1e308", "squat = 60.0", "squat = 1e308", "loads.squat", "from 0 to 1000 kg"),
    ("1e-320", "squat = 60.0", "squat = 1e-320", "loads", "at least 0.000001"),
    ("a date in 9999", "start = 2026-11-30", "start = 9999-11-30", "start",
     "outside 1900–2200"),
    ("500 reps", "{ reps = 5, load = 60.0 }", "{ reps = 500, load = 60.0 }",
     "log[0].exercises[0].sets[0].reps", "at most 100"),
    ("an hour and more", "{ reps = 5, load = 60.0 }", "{ seconds = 4000, load = 60.0 }",
     "log[0].exercises[0].sets[0].seconds", "at most 3600"),
    ("a wrong-typed rule parameter", "every = 1", 'every = "1"',
     "rule", "rule parameter 'every' must be a whole number"),
    ("a control character in a note", 'note = "felt good"', 'note = "felt \\u001b[2J good"',
     "log[0].note", "U+001B"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_a_hand_edit_wrong_in_meaning_is_an_error_with_file_line_and_field(
    plan_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, field: str, words: str
) -> None:
    _edit(plan_path, old, new)
    before = hashlib.sha256(plan_path.read_bytes()).hexdigest()
    with pytest.raises(DataFileError) as info:
        files.read_plan(plan_path)
    found = [p for p in info.value.problems if p.field and field in p.field]
    assert found, [str(p) for p in info.value.problems]
    assert any(words in p.message for p in found), [str(p) for p in found]
    assert all(p.line is not None for p in found)
    # The same from the command line: one line per problem, exit 2, nothing written.
    for argv in (["validate", str(plan_path)], ["--today", TODAY, "today"], ["plans"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert re.search(rf"{re.escape(str(plan_path))}:\d+", err), err
    assert hashlib.sha256(plan_path.read_bytes()).hexdigest() == before


def test_the_line_named_is_the_entry_edited(plan_path: Path) -> None:
    line = _line_of(plan_path, "date = 2026-12-02")
    _edit(plan_path, "date = 2026-12-02", "date = 2026-12-01")
    with pytest.raises(DataFileError) as info:
        files.read_plan(plan_path)
    assert info.value.line == line
    assert "nothing logged is dropped" in info.value.message


def test_two_sessions_moved_to_one_day_is_an_error(plan_path: Path) -> None:
    text = plan_path.read_text("utf-8")
    moves = (
        "[[overrides]]\ndate = 2026-12-07\nmoved_to = 2026-12-08\n\n"
        "[[overrides]]\ndate = 2026-12-09\nmoved_to = 2026-12-08\n\n"
    )
    plan_path.write_text(text.replace("[[log]]", moves + "[[log]]", 1), "utf-8")
    with pytest.raises(DataFileError, match=r"overrides\[1\]\.moved_to: two sessions are moved"):
        files.read_plan(plan_path)


def test_moving_onto_a_day_another_session_is_moved_to_is_refused(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner import actions
    from planner.errors import UsageError
    from planner.projection import project_plan

    plan = files.read_plan(plan_path).plan
    sessions = project_plan(plan, dt.date(2026, 12, 7)).sessions
    moved = actions.move_session(plan, sessions[3], dt.date(2026, 12, 8))
    with pytest.raises(UsageError, match="another session is moved to 2026-12-08"):
        actions.move_session(moved, sessions[4], dt.date(2026, 12, 8))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plan=plans(), data=st.data())
def test_a_valid_plan_round_trips_and_any_one_corrupted_entry_is_reported(
    data_dir: Path, plan: Plan, data: st.DataObject
) -> None:
    assert check_plan(plan) == []
    path = data_dir / "plans" / "p.toml"
    if path.exists():
        path.unlink()
    files.create_plan(plan, "p")
    assert files.read_plan(path).plan == plan
    if not plan.log:
        return
    index = data.draw(st.integers(0, len(plan.log) - 1))
    entry = plan.log[index]
    rest = [entry.date + dt.timedelta(days=n) for n in range(1, 8)]
    kind = data.draw(st.sampled_from(["rest day", "duplicate", "outside", "exercise"]))
    if kind == "rest day":
        wrong = next((d for d in rest if f"{d:%a}".lower() not in plan.days), None)
        if wrong is None:
            return  # trains every day
        bad = attrs.evolve(entry, date=wrong)
    elif kind == "duplicate":
        other = plan.log[(index + 1) % len(plan.log)]
        if other is entry:
            return
        bad = attrs.evolve(entry, date=other.date)
    elif kind == "outside":
        bad = attrs.evolve(entry, date=plan.end + dt.timedelta(days=data.draw(st.integers(0, 60))))
    else:
        bad = LogEntry(date=entry.date, status="done", exercises=(), note="x")
        bad = attrs.evolve(bad, exercises=(_unknown(plan),))
    log = list(plan.log)
    log[index] = bad
    path.unlink()
    files.create_plan(attrs.evolve(plan, log=tuple(log)), "p")  # written as a hand edit would be
    with pytest.raises(DataFileError) as info:
        files.read_plan(path)
    assert any(p.field and p.field.startswith("log[") for p in info.value.problems)


def _unknown(plan: Plan) -> LoggedExercise:
    known = set(plan.exercises())
    name = next(f"x{n}" for n in range(100) if f"x{n}" not in known)
    return LoggedExercise(exercise=name)
