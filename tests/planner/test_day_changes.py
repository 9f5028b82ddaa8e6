"""Changing the training days keeps past sessions where they were logged and applies the new
days from a date on (``workout days DAYS [--from DATE]``): through the real CLI and real files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from planner import files
from planner.cli import main
from planner.service import PlanService
from rules.calendar import WEEKDAYS

START = dt.date(2026, 11, 30)
LOGGED = [START + dt.timedelta(days=d) for d in (0, 2, 4, 7, 9, 11)]  # Mon/Wed/Fri × 2


def _cli(today: dt.date, *words: str) -> int:
    return main(["--today", today.isoformat(), *words])


@pytest.fixture
def plan_path(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert _cli(START, "new", "--program", "linear-5x5", "--days", "mon,wed,fri",
                "--start", START.isoformat(), "--set", "squat=60") == 0  # fmt: skip
    for day in LOGGED:
        assert _cli(day, "done") == 0
    capsys.readouterr()
    (path,) = (data_dir / "plans").glob("*.toml")
    return path


def test_new_days_from_a_date_keep_every_logged_session(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    today = dt.date(2026, 12, 11)
    assert _cli(today, "days", "tue,sat", "--from", "2026-12-12") == 0
    assert "From Sat 12 Dec: Tue, Sat (before: Mon, Wed, Fri)" in capsys.readouterr().out

    assert _cli(today, "validate", str(plan_path)) == 0
    assert "6 logged" in capsys.readouterr().out
    assert _cli(today, "show") == 0
    shown = capsys.readouterr().out
    assert shown.count("✓") == 6 + 1  # six sessions, and the legend
    assert "tue, sat (from" not in shown  # not yet in effect today

    assert _cli(today, "export", "--format", "json", "-o", "-") == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["plan"]["day_changes"] == [{"from": "2026-12-12", "days": ["tue", "sat"]}]
    sessions = exported["sessions"]
    done = [s["date"] for s in sessions if s["status"] == "done"]
    assert done == [d.isoformat() for d in LOGGED]
    later = [dt.date.fromisoformat(s["date"]) for s in sessions if s["date"] >= "2026-12-12"]
    assert later
    assert {WEEKDAYS[d.weekday()] for d in later} == {"tue", "sat"}
    for fmt in ("csv", "ics", "md"):
        assert _cli(today, "export", "--format", fmt, "-o", "-") == 0
        text = capsys.readouterr().out
        if fmt == "md":
            assert "mon, wed, fri; tue, sat from 2026-12-12" in text
        assert all(d.isoformat() in text or d.strftime("%Y%m%d") in text for d in LOGGED)

    # The switch itself is no break: the next session progresses as usual.
    window = PlanService.open(plan_path, dt.date(2026, 12, 12)).window()
    session = window.next_planned()
    assert session is not None
    assert session.scheduled.date == dt.date(2026, 12, 12)
    whys = " ".join(p.why for p in session.prescriptions)
    assert "away" not in whys
    assert "+2.5 kg" in whys


def test_the_default_date_is_today_or_after_the_latest_session_logged(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _cli(dt.date(2026, 12, 10), "days", "tue,thu") == 0  # 12-11 is logged already
    assert "From Sat 12 Dec: Tue, Thu" in capsys.readouterr().out
    plan = files.read_plan(plan_path).plan
    assert [(c.date, c.days) for c in plan.day_changes] == [(dt.date(2026, 12, 12), ("tue", "thu"))]


def test_a_change_that_would_hide_a_logged_session_is_refused(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = plan_path.read_bytes()
    assert _cli(dt.date(2026, 12, 11), "days", "tue,sat", "--from", "2026-12-08") == 2
    assert "Wed 2026-12-09 is logged" in capsys.readouterr().err
    assert plan_path.read_bytes() == before


def test_a_file_changed_by_hand_with_day_changes_validates(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan file with ``days`` changed by hand still orphans the sessions (an error naming the
    entry); the recorded change keeps them."""
    text = plan_path.read_text("utf-8")
    plan_path.write_text(text.replace('"mon",\n    "wed",\n    "fri",', '"tue",\n    "sat",'))
    assert _cli(dt.date(2026, 12, 11), "validate", str(plan_path)) == 2
    assert "workout days" in capsys.readouterr().err


def test_with_nothing_logged_the_default_date_is_today(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """(It was tomorrow: the day after a latest session that defaulted to today.)"""
    today = dt.date(2026, 12, 2)
    assert _cli(START, "new", "--program", "linear-5x5", "--days", "mon,wed,fri",
                "--start", START.isoformat()) == 0  # fmt: skip
    capsys.readouterr()
    assert _cli(today, "days", "wed,sat") == 0
    assert "From Wed 02 Dec: Wed, Sat (before: Mon, Wed, Fri). Nothing is logged yet." in (
        capsys.readouterr().out
    )
    (path,) = (data_dir / "plans").glob("*.toml")
    plan = files.read_plan(path).plan
    assert [(c.date, c.days) for c in plan.day_changes] == [(today, ("wed", "sat"))]
