"""``plans`` and ``programs`` with a broken file among healthy ones; text shown as text in the
terminal; the plan's UUID and the schema 3 migration (issue 12)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from planner import files
from planner.cli import main
from planner.migrations import CURRENT_SCHEMA, migrate
from tests.reliability.conftest import make_plan


def _new(name: str) -> None:
    argv = ["new", "--program", "linear-5x5", "--days", "mon", "--start", "2026-11-30"]
    assert main(["--today", "2026-11-30", *argv, "--name", name]) == 0


def test_plans_lists_the_healthy_plans_and_reports_the_broken_one(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _new("First")
    _new("Second")
    broken = data_dir / "plans" / "broken.toml"
    broken.write_text("schema_version = 3\nname = \n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--today", "2026-12-01", "plans"]) == 2
    out, err = capsys.readouterr()
    assert "first" in out
    assert "second" in out
    assert err.strip() == f"workout plans: broken: {broken}:2:8: not valid TOML: Invalid value"


def test_programs_lists_the_healthy_programs_and_reports_the_broken_one(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = data_dir / "programs"
    folder.mkdir(parents=True)
    (folder / "x.toml").write_text(
        'schema_version = 3\nid = "x"\nname = "X"\nweeks = "ten"\n', encoding="utf-8"
    )
    assert main(["programs"]) == 2
    out, err = capsys.readouterr()
    assert "linear-5x5" in out
    assert "wendler-531" in out
    assert err.startswith(f"workout programs: broken: {folder / 'x.toml'}")
    assert "days: is required" in err
    assert len(err.strip().splitlines()) == 1


def test_plans_and_programs_say_so_in_their_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("plans", "programs"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        help_text = " ".join(capsys.readouterr().out.split())
        assert "broken file is reported beside them (exit code 2)" in help_text


def test_an_escape_sequence_in_an_old_note_is_shown_not_run(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner import present
    from planner.model import LogEntry

    entry = LogEntry(date=dt.date(2026, 11, 30), status="done", note="ok")
    object.__setattr__(entry, "note", "red \x1b[31m title \x1b]0;x\x07")  # an old file's note
    body = present.SessionBody((), "")
    assert "\x1b" not in present.table([["a\x1b[2Jb", "c\nd"]])
    assert present.table([["a\x1b[2Jb"]]) == "a\\x1b[2Jb"
    assert body.remark == ""
    from planner.text import visible

    assert visible(entry.remark) == "note: red \\x1b[31m title \\x1b]0;x\\x07"


def test_new_gives_every_plan_its_own_uuid(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _new("One")
    _new("Two")
    ids = {tomllib.loads(p.read_text("utf-8"))["id"] for p in (data_dir / "plans").glob("*.toml")}
    assert len(ids) == 2


def test_a_version_two_plan_migrates_to_a_stable_uuid(data_dir: Path) -> None:
    path = make_plan(data_dir)
    text = path.read_text("utf-8")
    data = tomllib.loads(text)
    data_id = data.pop("id")
    data["schema_version"] = 2
    migrated, version = migrate(data, "plan")
    assert (version, migrated["schema_version"]) == (2, CURRENT_SCHEMA)
    again, _ = migrate(data, "plan")
    assert migrated["id"] == again["id"]  # pure: the same file, the same id
    assert "id" not in data
    # A version-2 file on disk reads with that id, and a save writes it down.
    lines = [
        line
        for line in text.splitlines()
        if not line.startswith((f'id = "{data_id}"', "# workout-planner", "# end of plan"))
    ]
    path.write_text(
        "\n".join(lines).replace(f"schema_version = {CURRENT_SCHEMA}", "schema_version = 2") + "\n"
    )
    first = files.read_plan(path).plan.uuid
    assert first == files.read_plan(path).plan.uuid != data_id
    assert main(["--today", "2026-12-07", "done"]) == 0
    assert tomllib.loads(path.read_text("utf-8"))["id"] == first


def test_a_walk_in_progress_reads_in_minutes_as_its_sets_do() -> None:
    from planner.settext import describe_sets, metric_text
    from rules.values import SetTarget

    # A 12-minute walk: its sets say "12 min", so its best and last-done values say it too.
    assert describe_sets([SetTarget(seconds=720)], "kg") == "12 min"
    assert metric_text(720, "seconds", "kg") == "12 min"
    assert metric_text(45, "seconds", "kg") == "45 s"
    assert metric_text(62.5, "load", "kg") == "62.5 kg"
    assert metric_text(12, "reps", "kg") == "12 reps"


_TEXTS = st.text(st.sampled_from([*"a é\n\t\r&<>|#!~*_`\\{}[]", "\x1b", "\x7f", "\x9b", "\xa0"]))


@given(_TEXTS)
def test_text_for_a_terminal_or_markdown_is_what_the_escaping_rules_say(text: str) -> None:
    """(Both take a shortcut when nothing needs escaping: it must give the same text.)"""
    import re

    from planner.text import markdown, visible

    shown = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", lambda m: f"\\x{ord(m.group()):02x}", text)
    assert visible(text) == shown
    line = shown.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    assert markdown(text) == re.sub(r"([\\`*_{}\[\]<>|#!~])", r"\\\1", line).replace("&", "&amp;")


@given(st.integers(-(10**6), 10**6) | st.floats(-1e6, 1e6))
def test_numbers_read_as_people_write_them(value: float) -> None:
    from rules.values import fmt_number

    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    assert fmt_number(value) == (text if text not in ("", "-0") else "0")
