"""The plan cache is only ever a shortcut: whatever happens to it, commands show what the file
says (real files, real cache directory)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from planner import cache, documents, files
from planner.cli import main
from planner.projection import project_plan
from planner.service import PlanService

START = "2026-11-30"


@pytest.fixture
def plan_path(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    argv = ["--today", START, "new", "--program", "linear-5x5", "--days", "mon,wed,fri"]
    assert main([*argv, "--start", START, "--set", "squat=60"]) == 0
    assert main(["--today", START, "done"]) == 0
    capsys.readouterr()
    (path,) = (data_dir / "plans").glob("*.toml")
    return path


def _today(capsys: pytest.CaptureFixture[str], day: str = "2026-12-02") -> str:
    assert main(["--today", day, "today"]) == 0
    return capsys.readouterr().out


def _entry(path: Path) -> cache.Entry | None:
    """What the cache holds for the version of ``path`` on disk now."""
    return cache.load(path, documents.digest(path.read_bytes()))


def test_a_plan_read_once_is_read_from_the_cache_next_time(plan_path: Path) -> None:
    day = dt.date.fromisoformat(START)
    first = PlanService.open(plan_path, day)
    again = PlanService.open_if_known(plan_path, day)
    assert again is not None
    assert again.plan == first.plan
    entry = _entry(plan_path)
    assert entry is not None
    parsed = files.read_plan(plan_path)
    assert entry.blocks == parsed.blocks
    assert parsed.plan == again.plan


def test_a_hand_edit_is_seen_at_once(plan_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "Linear 5×5 —" in _today(capsys)
    text = plan_path.read_text("utf-8")
    plan_path.write_text(
        text.replace('name = "Linear 5×5"', 'name = "Renamed by hand"', 1), "utf-8"
    )
    assert "Renamed by hand —" in _today(capsys)


def test_a_damaged_cache_is_ignored(
    plan_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = _today(capsys)
    entries = list((cache_dir / "plans").rglob("*.pickle"))
    assert entries
    for entry in entries:
        raw = entry.read_bytes()
        entry.write_bytes(raw[: len(raw) // 2] + b"\x00garbage" + raw[len(raw) // 2 + 8 :])
    assert _today(capsys) == expected
    for entry in (cache_dir / "plans").rglob("*.pickle"):
        entry.write_bytes(b"")
    assert _today(capsys) == expected


def test_an_entry_made_by_other_code_is_not_used(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    day = dt.date.fromisoformat(START)
    PlanService.open(plan_path, day)
    assert _entry(plan_path) is not None
    monkeypatch.setattr(cache, "_stamp", lambda: b"workout-cache 1 3.11 other-code")
    assert _entry(plan_path) is None
    assert PlanService.open_if_known(plan_path, day) is None
    assert PlanService.open(plan_path, day).plan == files.read_plan(plan_path).plan


def test_an_unwritable_cache_directory_changes_nothing(
    plan_path: Path,
    cache_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocker = cache_dir.parent / "not-a-directory"
    blocker.write_text("a file where the cache directory should be", "utf-8")
    monkeypatch.setenv("WORKOUT_CACHE_DIR", str(blocker))
    assert main(["--today", "2026-12-02", "done"]) == 0
    assert "Logged Wed 2026-12-02" in capsys.readouterr().out
    assert files.read_plan(plan_path).plan.entry(dt.date(2026, 12, 2)) is not None


def test_undo_reads_the_version_it_restores_from_the_cache(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    day = dt.date(2026, 12, 2)
    before = PlanService.open(plan_path, day)
    raw = plan_path.read_bytes()
    assert main(["--today", "2026-12-02", "done"]) == 0
    assert main(["undo"]) == 0
    capsys.readouterr()
    assert plan_path.read_bytes() == raw
    restored = PlanService.open_if_known(plan_path, day)
    assert restored is not None
    assert restored.plan == before.plan


def test_validate_reads_the_bytes_not_the_cache(
    plan_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _today(capsys)
    text = plan_path.read_text("utf-8")
    plan_path.write_text(text.replace('status = "done"', 'status = "finished"', 1), "utf-8")
    assert main(["validate", str(plan_path)]) == 2
    assert "status" in capsys.readouterr().err


def test_checkpoints_kept_with_the_plan_let_the_next_command_resume(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _today(capsys)
    entry = _entry(plan_path)
    assert entry is not None
    assert entry.checkpoints
    today = dt.date(2026, 12, 2)
    service = PlanService.open_if_known(plan_path, today)
    assert service is not None
    window = service.window()
    assert window.first > 0  # the history before it was not folded again
    whole = project_plan(service.plan, today)
    assert window.sessions == whole.sessions[window.first : window.first + len(window.sessions)]


def test_after_a_hand_edit_the_checkpoints_before_it_still_serve(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for day in ("2026-12-02", "2026-12-04", "2026-12-07"):
        assert main(["--today", day, "done"]) == 0
    _today(capsys, "2026-12-09")
    before = _entry(plan_path)
    assert before is not None
    assert before.checkpoints
    text = plan_path.read_text("utf-8")
    plan_path.write_text(text + "\n# a comment added by hand\n", "utf-8")
    today = dt.date(2026, 12, 9)
    assert PlanService.open_if_known(plan_path, today) is None  # a version never read
    edited = PlanService.open(plan_path, today)
    assert edited.plan.log == before.plan.log
    entry = _entry(plan_path)
    assert entry is not None
    assert entry.checkpoints == before.checkpoints  # nothing that projects changed
    window = edited.window()
    assert window.first > 0
    assert (
        window.sessions
        == project_plan(edited.plan, today).sessions[window.first :][: len(window.sessions)]
    )


def test_the_sessions_settled_before_the_checkpoints_are_kept_and_carried_over_a_change(
    plan_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for day in ("2026-12-02", "2026-12-04", "2026-12-07"):
        assert main(["--today", day, "done"]) == 0
    export = ["--today", "2026-12-09", "export", "--format", "json", "-o", str(tmp_path / "a")]
    assert main(export) == 0  # a whole projection keeps its settled sessions
    kept = _entry(plan_path)
    assert kept is not None
    assert kept.settled
    assert main(["--today", "2026-12-09", "done"]) == 0
    carried = _entry(plan_path)
    assert carried is not None
    assert carried.settled == kept.settled  # all before the session just logged
    today = dt.date(2026, 12, 9)
    for date in (today, today + dt.timedelta(days=30)):
        service = PlanService.open(plan_path, date)
        assert service.whole().sessions == project_plan(service.plan, date).sessions
    # A damaged run is derived again: the whole plan is still the one the file says.
    entry = _entry(plan_path)
    assert entry is not None
    damaged = attrs.evolve(entry, settled=tuple((a, b, b"\x80junk") for a, b, _ in entry.settled))
    cache.store(plan_path, documents.digest(plan_path.read_bytes()), damaged, None)
    service = PlanService.open(plan_path, today)
    assert service.whole().sessions == project_plan(service.plan, today).sessions
