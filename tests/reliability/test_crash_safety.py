"""docs/ARCHITECTURE.md, promise R1, R2: a kill or a failed write at any point of a save never costs the plan."""

from __future__ import annotations

import errno
import hashlib
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from planner import files, history, safewrite
from planner.errors import SaveError

ROOT = Path(__file__).resolve().parents[2]
SAVE_ONCE = Path(__file__).with_name("save_once.py")


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, WORKOUT_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    env.update(extra)
    return env


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("point", safewrite.FAULT_POINTS)
def test_a_kill_at_any_point_of_a_save_leaves_the_old_or_the_new_file(
    plan_path: Path, data_dir: Path, point: str
) -> None:
    old = plan_path.read_bytes()
    killed = subprocess.run(
        [sys.executable, str(SAVE_ONCE)],
        env=_env(data_dir, WORKOUT_FAULT_POINT=point),
        capture_output=True,
    )
    assert killed.returncode == -signal.SIGKILL
    now = plan_path.read_bytes()
    loaded = files.read_plan(plan_path)  # loads, whichever version it is
    before_replace = safewrite.FAULT_POINTS.index(point) < safewrite.FAULT_POINTS.index("replaced")
    assert (now == old) is before_replace
    assert len(loaded.plan.log) == 3 + (0 if before_replace else 1)
    leftovers = list(plan_path.parent.glob(".*.tmp"))
    assert safewrite.clean_stale_temp(plan_path.parent) == len(leftovers)
    assert not list(plan_path.parent.glob(".*.tmp"))


def _count_calls(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    calls = [0]
    real = getattr(os, name)

    def counting(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(f"planner.safewrite.os.{name}", counting)
    return calls


@pytest.mark.parametrize("name", ["write", "fsync", "replace"])
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO, errno.EACCES])
def test_a_failed_write_at_every_call_keeps_the_old_file(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, code: int
) -> None:
    current = files.read_plan(plan_path)
    changed = current.plan.without_entry(current.plan.log[-1].date)
    # Count the calls a clean save makes, then fail each one in turn.
    with monkeypatch.context() as counting:
        calls = _count_calls(counting, name)
        saved = files.save_plan(current, changed)
        total = calls[0]
    assert total >= 1
    history.undo(plan_path)
    for failing in range(1, total + 1):
        current = files.read_plan(plan_path)
        before = plan_path.read_bytes()
        backups_before = len(history.backups(plan_path))
        real = getattr(os, name)
        seen = [0]

        def flaky(
            *args: object,
            _real: Callable[..., object] = real,
            _seen: list[int] = seen,
            _at: int = failing,
            **kwargs: object,
        ) -> object:
            _seen[0] += 1
            if _seen[0] == _at:
                raise OSError(code, os.strerror(code))
            return _real(*args, **kwargs)

        with monkeypatch.context() as patch:
            patch.setattr(f"planner.safewrite.os.{name}", flaky)
            failure: SaveError | None = None
            try:
                files.save_plan(current, changed)
            except SaveError as error:
                failure = error
        if failure is not None:
            # An error means nothing changed, and says why in one line.
            assert "\n" not in str(failure)
            assert os.strerror(code) in str(failure)
            assert plan_path.read_bytes() == before, f"{name} #{failing} changed the plan"
            assert len(history.backups(plan_path)) == backups_before
        else:
            # Past the replace (the directory fsync): the save is whole and loads.
            assert files.read_plan(plan_path).plan == saved.plan
            history.undo(plan_path)
        assert not list(plan_path.parent.glob(".*.tmp"))
    # The change was kept in memory: once the disk is fine, the same save succeeds.
    retried = files.save_plan(files.read_plan(plan_path), changed)
    assert retried.plan == saved.plan


def test_a_real_efbig_keeps_the_old_file(plan_path: Path, data_dir: Path) -> None:
    old = plan_path.read_bytes()
    limit = len(old) // 2

    def limit_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run(
        [sys.executable, str(SAVE_ONCE)],
        env=_env(data_dir),
        capture_output=True,
        text=True,
        preexec_fn=limit_size,
    )
    assert result.returncode == 1
    assert "could not save" in result.stderr
    assert "Traceback" not in result.stderr
    assert plan_path.read_bytes() == old
    assert not list(plan_path.parent.glob(".*.tmp"))


def test_every_confirmed_change_is_on_disk_when_the_command_returns(
    plan_path: Path, data_dir: Path
) -> None:
    result = subprocess.run(
        [sys.executable, str(SAVE_ONCE)], env=_env(data_dir), capture_output=True
    )
    assert result.returncode == 0
    fresh = subprocess.run(
        [
            sys.executable,
            "-c",
            "from planner.files import read_plan; import sys; "
            f"print(len(read_plan(__import__('pathlib').Path({str(plan_path)!r})).plan.log))",
        ],
        env=_env(data_dir),
        capture_output=True,
        text=True,
        check=True,
    )
    assert fresh.stdout.strip() == "4"


def test_file_mode_and_symlinks_survive_a_save(
    plan_path: Path, data_dir: Path, tmp_path: Path
) -> None:
    real = tmp_path / "synced" / "plan.toml"
    real.parent.mkdir()
    plan_path.rename(real)
    plan_path.symlink_to(real)
    os.chmod(real, 0o600)
    result = subprocess.run(
        [sys.executable, str(SAVE_ONCE)], env=_env(data_dir), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert plan_path.is_symlink()
    assert os.stat(real).st_mode & 0o777 == 0o600
    assert len(files.read_plan(real).plan.log) == 4
