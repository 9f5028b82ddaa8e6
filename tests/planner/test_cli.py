"""The ``workout`` command line, driven as a person would drive it (the README's command-line contract and issue "Done means")."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from planner.cli import main

START = "2026-11-30"  # a Monday


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def new(capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    code, out, err = run(capsys, "--today", START, "new", "--start", START, *extra)
    assert code == 0, err
    return out


def plan_json(capsys: pytest.CaptureFixture[str], today: str = START) -> dict[str, Any]:
    code, out, err = run(capsys, "--today", today, "export", "--format", "json", "-o", "-")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def loads_of(session: dict[str, Any], exercise: str) -> list[float]:
    for item in session["exercises"]:
        if item["exercise"] == exercise:
            return [s.get("load") for s in item["sets"]]
    raise AssertionError(f"{exercise} not in session {session['date']}")


def why_of(session: dict[str, Any], exercise: str) -> str:
    why: str = next(e["why"] for e in session["exercises"] if e["exercise"] == exercise)
    return why


def test_programs_lists_the_five_builtins(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "programs")
    assert code == 0
    for pid in ("back-rehab", "linear-5x5", "wendler-531", "double-progression", "mobility"):
        assert pid in out


def test_wendler_percentages_week_by_week_and_higher_tm_in_cycle_two(
    capsys: pytest.CaptureFixture[str],
) -> None:
    new(capsys, "--program", "wendler-531", "--days", "mon,thu", "--set", "squat=100")
    data = plan_json(capsys)
    squat = [s for s in data["sessions"] if any(e["exercise"] == "squat" for e in s["exercises"])]
    expected = [[65, 75, 85], [70, 80, 90], [75, 85, 95], [40, 50, 60]]
    for week, percents in enumerate(expected):
        assert loads_of(squat[week], "squat") == [float(p) for p in percents]
    # Cycle two: training max 105 kg (+5 kg lower body), so 65 % is 68.25 → 67.5 kg.
    assert loads_of(squat[4], "squat") == [67.5, 80.0, 90.0]
    assert "TM +5 kg" in why_of(squat[4], "squat")


def test_linear_rises_after_done_and_backs_off_after_three_failures(
    capsys: pytest.CaptureFixture[str],
) -> None:
    new(capsys, "--program", "linear-5x5", "--days", "mon,wed,fri", "--set", "squat=100")
    code, out, err = run(capsys, "--today", START, "done")
    assert code == 0, err
    assert "102.5" in out  # the next squat target, shown right away
    data = plan_json(capsys)
    second = data["sessions"][1]
    assert loads_of(second, "squat") == [102.5] * 5
    assert "+2.5 kg" in why_of(second, "squat")
    # Three failed sessions at 102.5 kg: the 4th squat session drops 10 % (92.5 kg).
    for day in ("2026-12-02", "2026-12-04", "2026-12-07"):
        code, _, err = run(capsys, "--today", day, "done", day, "--reps", "squat=5,5,4,3,3")
        assert code == 0, err
    data = plan_json(capsys, today="2026-12-08")
    after = data["sessions"][4]
    assert loads_of(after, "squat") == [92.5] * 5
    assert "3 failed sessions" in why_of(after, "squat")


def test_back_rehab_then_linear_switches_after_26_weeks(capsys: pytest.CaptureFixture[str]) -> None:
    new(capsys, "--program", "back-rehab:26", "--program", "linear-5x5", "--days", "mon,thu")
    data = plan_json(capsys)
    programs = [s["program"] for s in data["sessions"]]
    switch = programs.index("linear-5x5")
    assert set(programs[:switch]) == {"back-rehab"}
    assert data["sessions"][switch]["date"] == "2027-05-31"  # start + 26 weeks, a Monday
    assert data["sessions"][switch - 1]["date"] < "2027-05-31"
    code, out, _ = run(capsys, "--today", "2027-05-31", "show", "--week", "27")
    assert code == 0
    assert "Linear 5×5 · week 1" in out


def test_pain_holds_progression_and_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    # (7/10: from 8/10 on pain is a red flag, which holds too but sends the person to a
    # clinician; see tests/planner/test_backcare.py)
    new(capsys, "--program", "linear-5x5", "--days", "mon,wed,fri", "--set", "squat=60")
    code, out, err = run(capsys, "--today", START, "done", "--pain", "7")
    assert code == 0, err
    code, out, _ = run(capsys, "--today", "2026-12-01", "today")
    assert code == 0
    data = plan_json(capsys, today="2026-12-01")
    following = data["sessions"][1]  # day B squats too
    assert loads_of(following, "squat") == [60.0] * 5
    assert "held: pain 7/10" in why_of(following, "squat")
    assert "held: pain 7/10" in out


def test_ics_and_csv_open_in_their_programs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import icalendar

    new(capsys, "--program", "linear-5x5", "--days", "mon,wed,fri")
    ics, table = tmp_path / "plan.ics", tmp_path / "plan.csv"
    assert run(capsys, "--today", START, "export", "--format", "ics", "-o", str(ics))[0] == 0
    assert run(capsys, "--today", START, "export", "--format", "csv", "-o", str(table))[0] == 0
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 36  # 12 weeks × 3 days
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert rows
    assert rows[0]["exercise"] == "squat"


def test_skip_then_undo_restores_the_plan(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    new(capsys, "--program", "linear-5x5", "--days", "mon,wed,fri")
    plan_file = next((data_dir / "plans").glob("*.toml"))
    before = plan_file.read_bytes()
    assert run(capsys, "--today", START, "skip")[0] == 0
    assert plan_file.read_bytes() != before
    code, _out, err = run(capsys, "undo")
    assert code == 0, err
    assert plan_file.read_bytes() == before


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["new", "--program", "nope", "--days", "mon"], "unknown program 'nope'"),
        (["new", "--program", "linear-5x5", "--days", "mon,funday"], "--days: unknown weekday"),
        (["new", "--program", "linear-5x5", "--days", "mon", "--start", "2026-02-30"], "--start"),
        (
            ["new", "--program", "linear-5x5", "--days", "mon", "--set", "squat=-5"],
            "must not be negative",
        ),
        (["new", "--program", "linear-5x5", "--days", "mon", "--set", "sqat=5"], "--set: 'sqat'"),
        (["new", "--program", "linear-5x5:0", "--days", "mon"], "--program"),
    ],
)
def test_bad_flags_give_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], data_dir: Path, argv: list[str], fragment: str
) -> None:
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert fragment in err
    assert len(err.strip().splitlines()) == 1
    assert not list((data_dir / "plans").glob("*.toml")) if (data_dir / "plans").exists() else True


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["done", "--pain", "11"], "--pain"),
        (["done", "--pain", "x"], "--pain"),
        (["done", "--reps", "squat=5,five"], "--reps"),
        (["done", "--reps", "curl=5"], "'curl' is not in the session"),
        (["done", "--load", "squat=-1"], "must not be negative"),
        (["done", "1999-01-01"], "SESSION"),
        (["show", "--week", "999"], "--week"),
    ],
)
def test_bad_logging_input_changes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, argv: list[str], fragment: str
) -> None:
    new(capsys, "--program", "linear-5x5", "--days", "mon,wed,fri")
    plan_file = next((data_dir / "plans").glob("*.toml"))
    before = plan_file.read_bytes()
    code, _, err = run(capsys, "--today", START, *argv)
    assert code == 2
    assert fragment in err
    assert len(err.strip().splitlines()) == 1
    assert plan_file.read_bytes() == before


def test_validate_reports_every_problem_with_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'schema_version = 2\nname = "x"\nstart = 2026-11-30\ndays = ["mon", "funday"]\n'
        '[[phases]]\nweeks = 0\n[phases.program]\nid = "p"\nname = "P"\n'
        '[[phases.program.days]]\nname = "A"\n[[phases.program.days.slots]]\nexercise = "squat"\n'
        '[phases.program.days.slots.rule]\nkind = "linear"\nadd = -1\n',
        encoding="utf-8",
    )
    code, _out, err = run(capsys, "validate", str(bad))
    assert code == 2
    lines = err.strip().splitlines()
    assert any("funday" in line and ":4:" in line for line in lines), lines
    assert any("weeks" in line for line in lines), lines


def test_the_installed_script_runs_without_textual_and_reports_exit_codes(data_dir: Path) -> None:
    env = {"WORKOUT_DATA_DIR": str(data_dir), "WORKOUT_CACHE_DIR": str(data_dir / "c"), "PATH": ""}
    cmd = [sys.executable, "-m", "planner", "--today", START]
    ok = subprocess.run(
        [*cmd, "new", "--program", "mobility", "--days", "mon"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run([*cmd, "done", "--pain", "12"], capture_output=True, text=True, env=env)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr


def test_a_closed_pipe_stops_quietly(data_dir: Path) -> None:
    env = {
        **os.environ,
        "WORKOUT_DATA_DIR": str(data_dir),
        "WORKOUT_CACHE_DIR": str(data_dir / "c"),
    }
    cmd = [sys.executable, "-m", "planner", "--today", START]
    subprocess.run(
        [*cmd, "new", "--program", "linear-5x5", "--days", "mon,wed,fri"],
        env=env,
        check=True,
        capture_output=True,
    )
    shown = subprocess.run(
        f"{' '.join(cmd)} show | head -1", shell=True, env=env, capture_output=True, text=True
    )
    assert shown.stdout.startswith("Linear 5×5 —")
    assert "Traceback" not in shown.stderr
    assert "BrokenPipe" not in shown.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["today"],
        ["--today", START, "today", "--plan", "x"],
        ["--today=2026-12-01", "done", "2026-12-02", "--reps", "squat=5,5", "--pain", "3"],
        ["done", "--bogus"],
        ["export"],
        ["export", "--format", "pdf"],
        ["skip", "1", "2"],
        ["validate"],
        ["show", "--week", "3"],
        ["new", "--program", "linear-5x5"],
    ],
)
def test_a_command_parses_with_its_own_flags_alone_exactly_as_with_all(argv: list[str]) -> None:
    from planner.cliparser import build_parser, command_in

    def outcome(parser: object) -> tuple[str, object]:
        try:
            return "ok", vars(parser.parse_args(argv))  # type: ignore[attr-defined]
        except SystemExit as exit:
            return "exit", exit.code

    with contextlib.redirect_stderr(io.StringIO()) as whole_err:
        whole = outcome(build_parser())
    with contextlib.redirect_stderr(io.StringIO()) as alone_err:
        alone = outcome(build_parser(command_in(argv)))
    assert alone == whole
    assert alone_err.getvalue() == whole_err.getvalue()


def test_a_plan_name_is_one_line_and_exports_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(
        capsys,
        "--today",
        START,
        "new",
        "--program",
        "mobility",
        "--days",
        "mon",
        "--name",
        "Two\nlines",
    )
    assert code == 2
    assert (
        err.strip()
        == "workout new: --name: is one line of plain text (no line breaks, tabs or other control characters), not U+000A"
    )
    new(capsys, "--program", "mobility", "--days", "mon", "--name", "a;b,c\\d")
    code, out, err = run(capsys, "--today", START, "export", "--format", "ics", "-o", "-")
    assert code == 0, err
    assert "X-WR-CALNAME:a\\;b\\,c\\\\d" in out


def test_done_with_another_load_shows_the_load_lifted(capsys: pytest.CaptureFixture[str]) -> None:
    new(capsys, "--program", "linear-5x5", "--days", "mon,wed,fri", "--set", "squat=20")
    code, out, err = run(
        capsys, "--today", START, "done", "--load", "squat=40", "--yes"
    )  # twice the target: confirmed
    assert code == 0, err
    logged = out.split("\n\n")[0]  # the session logged (the next session follows)
    squat = next(line for line in logged.splitlines() if line.strip().startswith("Squat"))
    assert squat.split("  ", 2)[-1].strip() == "5×5 @ 40 kg ✓ (planned 5×5 @ 20 kg)"
    code, shown, _ = run(capsys, "--today", START, "show", "--week", "1")
    assert "5×5 @ 40 kg ✓ (planned 5×5 @ 20 kg)" in shown


def test_done_short_of_the_plan_shows_each_set_and_the_plan(
    capsys: pytest.CaptureFixture[str],
) -> None:
    new(capsys, "--program", "linear-5x5", "--days", "mon,wed,fri", "--set", "squat=60")
    code, out, err = run(capsys, "--today", START, "done", "--reps", "squat=5,5,4,3,3")
    assert code == 0, err
    assert "5, 5, 4, 3, 3 @ 60 kg (planned 5×5 @ 60 kg)" in out


def test_show_marks_every_status_with_the_one_legend(capsys: pytest.CaptureFixture[str]) -> None:
    from planner.present import MARKS, STATUS_LEGEND

    new(capsys, "--program", "linear-5x5", "--days", "mon,wed,fri")
    assert run(capsys, "--today", START, "done")[0] == 0
    assert run(capsys, "--today", START, "skip", "2026-12-02")[0] == 0
    code, out, _ = run(capsys, "--today", "2026-12-07", "show")
    assert code == 0
    assert STATUS_LEGEND in out
    first = next(line for line in out.splitlines() if line.startswith("1 "))
    assert f"{MARKS['done']}A {MARKS['skipped']}B {MARKS['missed']}A" in first
    second = next(line for line in out.splitlines() if line.startswith("2 "))
    assert f"{MARKS['planned']}B" in second
    assert "◀ this week" in second
