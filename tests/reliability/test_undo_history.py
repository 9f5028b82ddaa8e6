"""docs/ARCHITECTURE.md, promise R9: undo and restore are saves like any other (real files, the real CLI).

They keep the version they replace (a hand edit is never lost, an undo can be undone), refuse a
file from a newer version, order backups by a sequence number (not the clock), never follow a
symbolic link in the backup folder, and say what they reverted.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from planner import backups, documents, files, safewrite
from planner.cli import main
from planner.migrations import CURRENT_SCHEMA

NEWER = CURRENT_SCHEMA + 1


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_undo_after_a_hand_edit_keeps_the_hand_edit_and_says_what_it_undid(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = plan_path.read_bytes()
    assert _run(capsys, "--today", "2026-12-07", "done", "--pain", "2")[0] == 0
    edited = plan_path.read_text("utf-8") + "# a note I typed by hand after the last save\n"
    plan_path.write_text(edited, "utf-8")
    code, out, _ = _run(capsys, "undo")
    assert code == 0
    assert "Undid: logged Mon 2026-12-07 (done, pain 2)" in out
    assert plan_path.read_bytes() == before
    # The hand-edited version is the newest backup, and `restore 1` brings it back whole.
    assert backups.backups(plan_path)[0].read_text("utf-8") == edited
    code, out, _ = _run(capsys, "restore", "1")
    assert code == 0
    assert plan_path.read_text("utf-8") == edited
    assert "logged Mon 2026-12-07 (done, pain 2)" in out


def test_an_undo_can_be_undone_and_a_restore_too(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "--today", "2026-12-07", "done")[0] == 0
    logged = plan_path.read_bytes()
    assert _run(capsys, "undo")[0] == 0
    undone = plan_path.read_bytes()
    assert undone != logged
    assert _run(capsys, "restore", "1")[0] == 0  # the version the undo replaced
    assert plan_path.read_bytes() == logged
    assert _run(capsys, "undo")[0] == 0  # reverts the restore
    assert plan_path.read_bytes() == undone


def test_repeated_undo_walks_back_past_the_versions_undos_kept(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    versions = [plan_path.read_bytes()]
    for day in ("2026-12-07", "2026-12-09"):
        assert _run(capsys, "--today", day, "done", day)[0] == 0
        versions.append(plan_path.read_bytes())
    for expected in (versions[1], versions[0]):
        assert _run(capsys, "undo")[0] == 0
        assert plan_path.read_bytes() == expected
    # Nothing was lost on the way: both undone versions are kept, newest first.
    kept = [b.read_bytes() for b in backups.backups(plan_path)]
    assert kept[:2] == [versions[1], versions[2]]


def test_history_lists_each_version_newest_first_with_what_changed_after_it(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "--today", "2026-12-07", "done", "--pain", "4")[0] == 0
    assert _run(capsys, "--today", "2026-12-09", "skip", "--note", "sick")[0] == 0
    code, out, _ = _run(capsys, "history")
    assert code == 0
    lines = out.splitlines()
    assert re.match(
        r"^\s+1\s.*before a save:\s+logged Wed 2026-12-09 \(skipped, note 'sick'\)$", lines[1]
    )
    assert re.match(r"^\s+2\s.*before a save:\s+logged Mon 2026-12-07 \(done, pain 4\)$", lines[2])
    code, _, err = _run(capsys, "restore", "99")
    assert code == 2
    assert len(err.strip().splitlines()) == 1


class _YearAhead:
    """The ``datetime`` module as seen with a clock set a year ahead."""

    UTC = dt.UTC
    timedelta = dt.timedelta

    class datetime(dt.datetime):  # (stands in for the class of that name)
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:  # type: ignore[override]
            return dt.datetime.now(tz) + dt.timedelta(days=365)


def test_a_clock_a_year_ahead_for_one_save_does_not_reorder_backups(
    plan_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _run(capsys, "--today", "2026-12-07", "done", "2026-12-07")[0] == 0
    with monkeypatch.context() as ahead:
        # The wall clock of every storage module a year ahead, for this one save.
        for module in (backups, safewrite):
            ahead.setattr(module, "dt", _YearAhead)
        assert _run(capsys, "--today", "2026-12-09", "done", "2026-12-09")[0] == 0
    after_skewed_save = plan_path.read_bytes()
    for day in ("2026-12-11", "2026-12-14", "2026-12-16", "2026-12-18"):
        assert _run(capsys, "--today", day, "done", day)[0] == 0
    for _ in range(4):
        assert _run(capsys, "undo")[0] == 0
    assert plan_path.read_bytes() == after_skewed_save  # four sessions undone, in order
    logged = {e.date.isoformat() for e in files.read_plan(plan_path).plan.log}
    assert {"2026-12-07", "2026-12-09"} <= logged


def test_a_backup_renamed_to_an_impossible_time_is_still_listed_and_undone_in_order(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name edited by hand (or by a sync tool) used to stop every command that read the
    backups ("day is out of range for month"), the app's opening of the plan included."""
    before = plan_path.read_bytes()
    assert _run(capsys, "--today", "2026-12-07", "done", "2026-12-07")[0] == 0
    folder = plan_path.parent / ".backups" / plan_path.name
    backup = max(folder.iterdir())  # (the one this done kept)
    sequence, _stamp, kind = backup.name.split("-", 2)
    backup.rename(folder / f"{sequence}-20261131T090000Z-{kind}")
    code, out, err = _run(capsys, "history")
    assert code == 0, err
    assert "logged Mon 2026-12-07 (done)" in out
    assert _run(capsys, "undo")[0] == 0
    assert plan_path.read_bytes() == before


def test_backups_named_by_an_older_version_are_read_as_older_than_numbered_ones(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = backups.backup_dir(plan_path)
    for old in folder.iterdir():
        old.unlink()
    first, second = plan_path.read_bytes(), b"# hand\n" + plan_path.read_bytes()
    (folder / "20261130T101010123456Z.toml").write_bytes(first)
    (folder / "20261130T101010123456Z-1.toml").write_bytes(second)  # same stamp, made later
    (folder / "notes.txt").write_text("not a backup", "utf-8")
    assert _run(capsys, "--today", "2026-12-07", "done", "2026-12-07")[0] == 0
    current = plan_path.read_bytes()
    names = [p.name for p in backups.backups(plan_path)]
    assert names[1:] == ["20261130T101010123456Z-1.toml", "20261130T101010123456Z.toml"]
    assert re.match(r"^\d{6}-\d{8}T\d{6}Z-save\.toml$", names[0])
    assert _run(capsys, "undo")[0] == 0
    assert _run(capsys, "undo")[0] == 0
    assert plan_path.read_bytes() == second
    assert _run(capsys, "undo")[0] == 0
    assert plan_path.read_bytes() == first
    assert current in [b.read_bytes() for b in backups.backups(plan_path)]
    assert (folder / "notes.txt").exists()


@pytest.mark.parametrize(
    "line",
    [
        f"\ufeffschema_version = {NEWER}",
        f"schema_version = +{NEWER}",
        f"schema_version = {hex(NEWER)}",
        f'"schema_version" = {NEWER}',
        f"schema_version = {NEWER}  # written by a newer workout",
    ],
)
def test_a_file_from_a_newer_version_is_never_rewritten_by_done_or_undo(
    plan_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    assert _run(capsys, "--today", "2026-12-07", "done")[0] == 0  # (a backup to undo to)
    bom = "\ufeff" if line.startswith("\ufeff") else ""  # (a BOM can only open a file)
    plain = line.removeprefix("\ufeff")
    text = bom + re.sub(r"(?m)^schema_version = \d+$", plain, plan_path.read_text("utf-8"), count=1)
    plan_path.write_text(text, "utf-8")
    assert documents.version_on_disk(plan_path.read_bytes()) == NEWER
    before = plan_path.read_bytes()
    for argv in (["--today", "2026-12-09", "done"], ["undo"], ["restore", "1"]):
        code, _, err = _run(capsys, *argv)
        assert code != 0, argv
        assert "newer version" in err
        assert plan_path.read_bytes() == before


def _link_backup_folder(plan_path: Path, tmp_path: Path) -> Path:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "20990101T000000000000Z.toml"
    victim.write_text('schema_version = 2\nname = "not yours"\n', "utf-8")
    folder = backups.backup_dir(plan_path)
    for old in folder.iterdir():
        old.unlink()
    folder.rmdir()
    folder.symlink_to(elsewhere, target_is_directory=True)
    return victim


def test_a_symlinked_backup_folder_is_refused_never_followed(
    plan_path: Path, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "config.toml").write_text("backups = 1\n", "utf-8")  # pruning would run
    victim = _link_backup_folder(plan_path, tmp_path)
    victim_bytes, before = victim.read_bytes(), plan_path.read_bytes()
    for argv in (["--today", "2026-12-07", "done"], ["undo"], ["history"]):
        code, _, err = _run(capsys, *argv)
        assert code == 1, argv
        assert "symbolic link" in err
        assert len(err.strip().splitlines()) == 1
    assert plan_path.read_bytes() == before
    assert victim.read_bytes() == victim_bytes
    assert sorted(p.name for p in victim.parent.iterdir()) == [victim.name]


def test_a_symlinked_backup_file_is_never_restored_listed_or_pruned(
    plan_path: Path, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "config.toml").write_text("backups = 2\n", "utf-8")
    secret = tmp_path / "secret.toml"
    secret.write_text('schema_version = 2\nname = "someone else"\n', "utf-8")
    folder = backups.backup_dir(plan_path)
    planted = folder / "999999-20991231T000000Z-save.toml"
    planted.symlink_to(secret)
    newest_real = backups.backups(plan_path)[0].read_bytes()
    assert planted not in backups.backups(plan_path)
    assert _run(capsys, "undo")[0] == 0
    assert plan_path.read_bytes() == newest_real
    for day in ("2026-12-07", "2026-12-09", "2026-12-11"):  # pruning down to 2, three times
        assert _run(capsys, "--today", day, "done", day)[0] == 0
    assert planted.is_symlink()
    assert secret.read_text("utf-8").endswith('"someone else"\n')
    numbers = [int(p.name[:6]) for p in backups.backups(plan_path)]
    assert all(n < 999999 for n in numbers)
    assert numbers == sorted(numbers, reverse=True)


def test_backups_are_private_and_the_folder_is_0700(plan_path: Path) -> None:
    folder = backups.backup_dir(plan_path)
    assert folder.stat().st_mode & 0o777 == 0o700
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in folder.iterdir())
    assert os.path.realpath(folder) == str(folder)
