"""Ctrl+C says what was saved (never "nothing was half-written" after a save), and both fsyncs
of a save happen, in order: the temp file's before the replace, the directory's after it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from planner import codecache, files, present, safewrite
from planner.cli import main


def test_ctrl_c_after_a_save_says_it_was_saved(
    plan_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> str:
        raise KeyboardInterrupt  # while the result is being shown, after the save

    monkeypatch.setattr(present, "next_text", interrupted)
    assert main(["--today", "2026-12-07", "done", "2026-12-07"]) == 130
    err = capsys.readouterr().err
    assert "half-written" not in err
    assert len(err.strip().splitlines()) == 1
    assert f"saved before that: {plan_path}" in err
    assert any(e.date.isoformat() == "2026-12-07" for e in files.read_plan(plan_path).plan.log)


def test_ctrl_c_before_any_save_says_nothing_was_saved(
    plan_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = plan_path.read_bytes()

    def interrupted(name: str) -> None:
        if name == "locked":
            raise KeyboardInterrupt

    monkeypatch.setattr(safewrite, "fault_hook", interrupted)
    assert main(["--today", "2026-12-07", "done"]) == 130
    assert capsys.readouterr().err.strip() == "workout: interrupted; nothing was saved"
    assert plan_path.read_bytes() == before


@pytest.mark.parametrize("where", ["codecache", "parser"])
def test_ctrl_c_during_start_up_is_one_line_and_exit_130(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    if where == "codecache":
        monkeypatch.setattr(codecache, "install", interrupted)
    else:
        import planner.cli

        monkeypatch.setattr(planner.cli, "build_parser", interrupted)
    assert main(["today"]) == 130
    captured = capsys.readouterr()
    assert captured.err.strip() == "workout: interrupted; nothing was saved"
    assert "Traceback" not in captured.err + captured.out


def test_a_save_fsyncs_the_temp_file_before_the_replace_and_the_directory_after(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[tuple[str, int]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        info = os.fstat(fd)
        events.append(("fsync-dir" if stat.S_ISDIR(info.st_mode) else "fsync-file", info.st_ino))
        real_fsync(fd)

    def replace(src: str | Path, dst: str | Path) -> None:
        events.append(("replace-from", os.stat(src).st_ino))
        real_replace(src, dst)
        events.append(("replaced", os.stat(dst).st_ino))

    monkeypatch.setattr("planner.safewrite.os.fsync", fsync)
    monkeypatch.setattr("planner.safewrite.os.replace", replace)
    assert main(["--today", "2026-12-07", "done"]) == 0
    directory = plan_path.parent.stat().st_ino
    new_file = plan_path.stat().st_ino
    replaced_at = events.index(("replaced", new_file))
    assert ("fsync-file", new_file) in events[:replaced_at]  # the temp file, before the rename
    assert events.index(("fsync-file", new_file)) < events.index(("replace-from", new_file))
    assert ("fsync-dir", directory) in events[replaced_at:]  # the rename, made durable
