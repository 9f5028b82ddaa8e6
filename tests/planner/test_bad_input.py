"""Every bad input gets a one-line message naming the flag or file, line and field, exit code 2,
and nothing written (issue 12: these used to end in tracebacks)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from planner.cli import main
from tests.reliability.conftest import make_plan

TODAY = "2026-12-07"


def _digest(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


def _refused(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> str:
    before = _digest(data_dir)
    assert main(["--today", TODAY, *argv]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert _digest(data_dir) == before
    return err


NEW = ("new", "--program", "linear-5x5", "--days", "mon,wed,fri")


def test_a_start_near_9999_is_refused_before_anything_is_written(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _refused(capsys, data_dir, *NEW, "--start", "9999-12-01")
    assert "--start: 9999-12-01 is outside 1900–2200" in err
    assert not (data_dir / "plans").exists() or not list((data_dir / "plans").iterdir())


def test_a_300_character_name_is_refused(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _refused(capsys, data_dir, *NEW, "--name", "x" * 300)
    assert "--name: is 300 characters long; at most 100" in err


@pytest.mark.parametrize(
    ("flag", "value", "words"),
    [
        ("--name", "plan\x1b]0;pwned\x07", "--name: is one line of plain text"),
        ("--name", "a\u0085b", "not U+0085"),
        ("--name", os.fsdecode(b"\xff\xfe"), "--name: is not valid UTF-8 text"),
    ],
)
def test_a_name_with_control_characters_or_bad_bytes_is_refused(
    data_dir: Path, capsys: pytest.CaptureFixture[str], flag: str, value: str, words: str
) -> None:
    assert words in _refused(capsys, data_dir, *NEW, flag, value)


@pytest.fixture
def plan_path(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = make_plan(data_dir)
    capsys.readouterr()
    return path


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["done", "²"], "SESSION: '²' is not a date"),
        (["done", "--note", "ok\x1b[2J"], "--note: plain text only"),
        (["done", "--note", "ok\x9b31m"], "not U+009B"),
        (["skip", "--note", "bell\x07"], "--note: plain text only"),
        (["done", "--note", os.fsdecode(b"caf\xe9")], "--note: is not valid UTF-8 text"),
        (["done", "--load", "squat=1e308"], "--load squat: at most 1000 kg"),
        (["done", "--load", "squat=1e-320"], "--load squat: 1e-320 is too small"),
        (["done", "--load", "squat=nan"], "is not a number"),
        (["done", "--reps", "squat=100000000"], "--reps squat: at most 100 a set"),
        (["done", "--reps", "squat=" + ",".join(["5"] * 21)], "--reps squat: at most 20 sets"),
        (["show", "--week", "²"], "--week: '²' is not a number"),
        (["today", "--plan", os.fsdecode(b"\xff")], "--plan"),
    ],
)
def test_a_bad_flag_is_one_line_and_exit_2(
    plan_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    words: str,
) -> None:
    assert words in _refused(capsys, data_dir, *argv)


def test_a_note_may_break_lines(plan_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--today", TODAY, "done", "--note", "line one\n\tline two"]) == 0
    import tomllib

    log = tomllib.loads(plan_path.read_text("utf-8"))["log"]
    assert [e["note"] for e in log if e["date"].isoformat() == TODAY] == ["line one\n\tline two"]


def test_deep_nesting_is_a_message_not_a_recursion_error(
    plan_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = plan_path.read_text("utf-8")
    plan_path.write_text(
        text.replace("units =", "a = " + "[" * 10_000 + "]" * 10_000 + "\nunits =")
    )
    for argv in (["today"], ["validate", str(plan_path)]):
        err = _refused(capsys, data_dir, *argv)
        assert f"{plan_path}: not valid here: values nested too deeply" in err


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("weeks = 12\n", "weeks = 100000000\n", "phases[0].weeks: must be at most 1040"),
        ("sets = 5\n", "sets = 1e8\n", "sets: must be a whole number, not 100000000.0"),
        ("squat = 60.0", "squat = inf", "loads.squat: must be a finite number, not inf"),
        ("squat = 60.0", "squat = nan", "loads.squat: must be a finite number, not nan"),
        ("squat = 60.0", "squat = 1e308", "loads.squat: must be from 0 to 1000 kg"),
        ("squat = 60.0", "squat = 1e-320", "loads.squat: must be 0 or at least 0.000001"),
        ("increment = 2.5", "increment = 1e-320", "must be 0 or at least 0.000001"),
        ("start = 2026-11-30", "start = 9999-11-30", "start: 9999-11-30 is outside 1900–2200"),
        ("every = 1\n", 'every = "1"\n', "rule parameter 'every' must be a whole number"),
        ("add = 2.5\n", "add = [2.5]\n", "rule parameter 'add' must be a number"),
    ],
)
def test_bad_numbers_in_a_file_name_file_line_and_field(
    plan_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    words: str,
) -> None:
    text = plan_path.read_text("utf-8")
    assert old in text
    plan_path.write_text(text.replace(old, new, 1), "utf-8")
    assert main(["validate", str(plan_path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert words in err
    line = next(line for line in err.splitlines() if words in line)
    assert line.startswith(f"workout: {plan_path}:")
    for argv in (["today"], ["done"], ["export", "--format", "json", "-o", "-"]):
        assert main(["--today", TODAY, *argv]) == 2
        assert "Traceback" not in capsys.readouterr().err


def test_a_wrong_typed_rule_parameter_in_a_program_file_is_reported(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    programs = data_dir / "programs"
    programs.mkdir(parents=True)
    (programs / "mine.toml").write_text(
        'schema_version = 3\nid = "mine"\nname = "Mine"\n[[days]]\nname = "A"\n'
        '[[days.slots]]\nexercise = "squat"\nsets = 3\nreps = 5\n'
        '[days.slots.rule]\nkind = "linear"\nadd = "lots"\n',
        encoding="utf-8",
    )
    assert main(["validate", str(programs / "mine.toml")]) == 2
    err = capsys.readouterr().err
    assert "days[0].slots[0].rule: rule parameter 'add' must be a number, not 'lots'" in err
    assert f"{programs / 'mine.toml'}:10:1: " in err  # the rule's table


def test_validate_on_a_missing_file_or_a_folder_is_bad_input(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The README promises exit 2 for bad input; a path that names nothing was exit 1.
    missing = tmp_path / "nope.toml"
    err = _refused(capsys, data_dir, "validate", str(missing))
    assert str(missing) in err
    assert "no such file" in err
    err = _refused(capsys, data_dir, "validate", str(tmp_path))
    assert str(tmp_path) in err
    assert "folder" in err


def test_export_into_a_missing_folder_is_bad_input(
    plan_path: Path, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "plan.json"
    err = _refused(capsys, data_dir, "export", "--format", "json", "-o", str(target))
    assert str(target.parent) in err
    assert "-o" in err
    assert not target.parent.exists()
