"""docs/ARCHITECTURE.md, promise R10 and exports: a logged session is never replaced silently, and an export never
clobbers a plan, a backup, the data directory or anything but a regular file (the real CLI)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from pathlib import Path

import pytest

from planner import backups, catalog, changes, files
from planner.actions import log_done, new_plan
from planner.cli import main
from planner.projection import project_plan

START = dt.date(2026, 11, 30)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_done_on_a_logged_session_is_refused_naming_what_is_logged(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _sha(plan_path)
    assert main(["--today", "2026-12-07", "done", "2026-11-30", "--reps", "squat=1"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        "workout done: session of 2026-11-30 is logged already (done, pain 3, note 'felt good'); "
        "add --replace to replace it"
    )
    assert _sha(plan_path) == before


def test_skip_on_a_logged_session_is_refused(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _sha(plan_path)
    assert main(["--today", "2026-12-07", "skip", "2026-12-02"]) == 2
    err = capsys.readouterr().err
    assert "session of 2026-12-02 is logged already (done)" in err
    assert len(err.strip().splitlines()) == 1
    assert _sha(plan_path) == before


def test_replace_replaces_and_says_what_it_replaced(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--today", "2026-12-07", "skip", "2026-11-30", "--replace", "--note", "ill"]) == 0
    out = capsys.readouterr().out
    assert "Replaced what was logged for Mon 2026-11-30 (done, pain 3, note 'felt good')." in out
    entry = files.read_plan(plan_path).plan.entry(START)
    assert entry is not None
    assert (entry.status, entry.note) == ("skipped", "ill")
    assert main(["undo"]) == 0  # and the replaced entry comes back whole
    entry = files.read_plan(plan_path).plan.entry(START)
    assert entry is not None
    assert (entry.status, entry.pain, entry.note) == ("done", 3, "felt good")


def test_replacing_is_the_one_pure_check_the_cli_and_the_app_share() -> None:
    plan = new_plan("P", [(catalog.get("linear-5x5"), 4)], START, ("mon", "wed", "fri"))
    session = project_plan(plan, START).session(1)
    assert session is not None
    assert changes.replacing(plan, session) is None
    logged = log_done(plan, session, pain=3)
    existing = changes.replacing(logged, session)
    assert existing is not None
    assert changes.entry_summary(existing) == "done, pain 3"
    assert changes.log_changes(plan, logged) == ("logged Mon 2026-11-30 (done, pain 3)",)
    assert changes.log_changes(logged, plan) == ("unlogged Mon 2026-11-30 (done, pain 3)",)


def _refused(capsys: pytest.CaptureFixture[str], target: str, fmt: str = "ics") -> str:
    assert main(["--today", "2026-12-07", "export", "--format", fmt, "-o", target]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "-o" in err
    return err


def test_export_onto_the_plan_itself_is_refused(
    plan_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    before = _sha(plan_path)
    assert "the plan itself" in _refused(capsys, str(plan_path))
    link = tmp_path / "plan-link.toml"
    link.symlink_to(plan_path)
    assert "the plan itself" in _refused(capsys, str(link), "csv")
    assert _sha(plan_path) == before
    assert link.is_symlink()


def test_export_onto_a_backup_or_any_file_of_the_data_directory_is_refused(
    plan_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = data_dir / "config.toml"
    config.write_text("backups = 5\n", "utf-8")
    newest = backups.backups(plan_path)[0]
    for target in (newest, config, plan_path.with_name(plan_path.name + ".lock")):
        before = target.read_bytes()
        _refused(capsys, str(target), "md")
        assert target.read_bytes() == before


def test_export_onto_another_workout_data_file_is_refused(
    plan_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "my-plan-copy.toml"
    copy.write_bytes(plan_path.read_bytes())
    assert "workout data file" in _refused(capsys, str(copy), "json")
    assert copy.read_bytes() == plan_path.read_bytes()


def test_export_onto_a_fifo_or_a_device_is_refused_and_the_node_stays(
    plan_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "FIFO" in _refused(capsys, str(fifo))
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert "device" in _refused(capsys, "/dev/null", "csv")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
def test_export_to_standard_output(
    plan_path: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    assert main(["--today", "2026-12-07", "export", "--format", "ics", "-o", target]) == 0
    out = capsys.readouterr().out
    assert out.startswith("BEGIN:VCALENDAR")
    assert out.rstrip().endswith("END:VCALENDAR")


def test_export_into_a_missing_folder_is_bad_input(
    plan_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _refused(capsys, str(tmp_path / "no-such-folder" / "plan.ics"))
    assert "does not exist" in err
    assert not (tmp_path / "no-such-folder").exists()


def test_an_export_over_an_earlier_export_is_written_and_keeps_its_mode(
    plan_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "plan.csv"
    assert main(["--today", "2026-12-07", "export", "--format", "csv", "-o", str(target)]) == 0
    assert target.stat().st_mode & 0o777 == 0o600
    target.chmod(0o644)
    assert main(["--today", "2026-12-09", "export", "--format", "csv", "-o", str(target)]) == 0
    assert target.stat().st_mode & 0o777 == 0o644
    assert target.read_text("utf-8").startswith("date,")
