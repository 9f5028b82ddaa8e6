"""Set schemes, variants and RPE through the real command line and the plan file."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from planner import present
from planner.cli import main
from planner.convert import FieldProblems, program_from_data, to_data
from planner.model import LoggedSet
from planner.service import PlanService, resolve_plan
from rules.values import SetTarget


def _run(capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str]:
    code = main(list(words))
    out = capsys.readouterr()
    return code, out.out + out.err


def _new(capsys: pytest.CaptureFixture[str], program: str, days: str) -> None:
    loads = ["--set", "squat=100"] if program == "linear-5x5" else []
    code, out = _run(
        capsys, "--today", "2027-01-04", "new", "--program", program, "--days", days,
        "--start", "2027-01-04", *loads,
    )  # fmt: skip
    assert code == 0, out


def _plan_text(data_dir: Path) -> str:
    [path] = (data_dir / "plans").glob("*.toml")
    return path.read_text("utf-8")


def test_rpe_is_kept_in_the_log_and_shown_by_show(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    _new(capsys, "linear-5x5", "mon,wed,fri")
    code, out = _run(capsys, "--today", "2027-01-04", "done", "--rpe", "squat=8,8,9,9,9.5")
    assert code == 0, out
    assert "5×5 @ 100 kg ✓ RPE 8, 8, 9, 9, 9.5" in out
    data = tomllib.loads(_plan_text(data_dir))
    [squat] = [e for e in data["log"][0]["exercises"] if e["exercise"] == "squat"]
    assert [s["rpe"] for s in squat["sets"]] == [8, 8, 9, 9, 9.5]
    # Exercises logged without an RPE have none in the file (old files read the same).
    assert all("rpe" not in s for e in data["log"][0]["exercises"][1:] for s in e["sets"])


@pytest.mark.parametrize(
    ("flag", "message"),
    [
        (["--rpe", "squat=8,9"], "--rpe squat: 2 values for 5 sets"),
        (["--rpe", "squat=11"], "--rpe squat: 11 is outside 1 to 10"),
        (["--rir", "squat=12"], "--rir squat: 12 is outside 0 to 9 reps in reserve"),
        (["--rpe", "squat=hard"], "--rpe squat: 'hard' is not a number"),
        (["--rpe", "deadlift=8"], "--rpe: 'deadlift' is not in this session"),
        (["--rpe", "squat=8", "--rir", "squat=2"], "--rir squat: its effort is given twice"),
    ],
)
def test_bad_rpe_is_refused_in_one_line_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], data_dir: Path, flag: list[str], message: str
) -> None:
    _new(capsys, "linear-5x5", "mon,wed,fri")
    before = _plan_text(data_dir)
    code, out = _run(capsys, "--today", "2027-01-04", "done", *flag)
    assert code == 2
    assert message in out
    assert len(out.strip().splitlines()) == 1
    assert _plan_text(data_dir) == before


def test_rir_is_kept_as_rpe(capsys: pytest.CaptureFixture[str]) -> None:
    _new(capsys, "linear-5x5", "mon,wed,fri")
    code, out = _run(capsys, "--today", "2027-01-04", "done", "--rir", "squat=3,2,2,1,0")
    assert code == 0, out
    assert "RPE 7, 8, 8, 9, 10" in out


def test_the_current_variant_is_the_exercises_name_with_its_cue(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _new(capsys, "back-rehab", "mon")
    service = PlanService.open(resolve_plan(None), dt.date(2027, 1, 4))
    whole = service.whole()
    week9 = whole.sessions[8]
    rows = {r.name: r for r in present.session_body(whole, week9, None).rows}
    row = rows["Side bridge from the feet (each side)"]
    assert row.sets == "5-3-1 × 10 s"
    assert row.cue.startswith("Legs straight")
    assert "from the feet now" in row.why
    code, out = _run(capsys, "--today", "2027-01-04", "show", "--week", "9")
    assert code == 0
    assert "Side bridge from the feet (each side)" in out


def test_a_pyramid_logged_short_reads_as_done_beside_the_plan() -> None:
    planned = (SetTarget(reps=6, seconds=10), SetTarget(reps=4, seconds=10),
               SetTarget(reps=2, seconds=10))  # fmt: skip
    done = (LoggedSet(6, None, 10), LoggedSet(3, None, 10), LoggedSet(2, None, 10))
    assert present.done_text(planned, done, "kg") == "6, 3, 2 × 10 s (planned 6-4-2 × 10 s)"
    as_written = tuple(LoggedSet(t.reps, None, 10, rpe=7) for t in planned)
    assert present.done_text(planned, as_written, "kg") == "6-4-2 × 10 s ✓ RPE 7"


def _program(**slot: object) -> dict[str, object]:
    base = {"exercise": "squat", "rule": {"kind": "linear"}, "load": 60.0}
    return {"id": "p", "name": "P", "days": [{"name": "A", "slots": [{**base, **slot}]}]}


@pytest.mark.parametrize(
    ("slot", "problem"),
    [
        ({"reps": [6, 0, 2]}, "days[0].slots[0].reps: a list of reps needs one whole number"),
        ({"reps": [6, 4], "sets": 3}, "days[0].slots[0].sets: 3 sets, but reps lists 2"),
        ({"reps": 5, "top_set": True}, "back_off_sets: a top set needs at least one back-off"),
        ({"reps": 5, "top_set": True, "back_off_sets": 2, "sets": 5}, "make 3, not 5"),
        ({"reps": 5, "variants": [{"name": "Front"}]}, "only a hold rule steps through variants"),
        ({"reps": [5, 3], "rule": {"kind": "wave"}}, "a wave rule writes its own sets"),
        ({"reps": 5, "rule": {"kind": "double", "max_rpe": 12}}, "max_rpe"),
    ],
)
def test_a_bad_scheme_names_the_field(slot: dict[str, object], problem: str) -> None:
    with pytest.raises(FieldProblems) as caught:
        program_from_data(_program(**slot))
    assert problem in str(caught.value)


def test_schemes_survive_the_file_and_plain_slots_gain_no_keys() -> None:
    program = program_from_data(_program(reps=5, top_set=True, back_off_pct=12.5, back_off_sets=2))
    data = to_data(program)
    assert program_from_data(data) == program
    plain = to_data(program_from_data(_program(reps=5, sets=3)))
    assert set(plain["days"][0]["slots"][0]) == {"exercise", "rule", "sets", "reps", "load",
                                                 "amrap_last"}  # fmt: skip
