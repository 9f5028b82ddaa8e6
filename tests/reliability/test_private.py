"""docs/ARCHITECTURE.md, promise R11: private by default, and nothing read from a cache another user could write.

Directories the app makes are 0700 and every file it writes 0600, whatever the umask. The cache
(pickles) and the bytecode cache (marshal) are read only from a directory that is the user's own
and writable by nobody else; a planted pickle is the attack, so the tests plant one.
"""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner import cache, codecache, documents, files
from planner.cli import main
from planner.errors import ConflictError

from .conftest import make_plan

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534


@pytest.fixture(params=[0o000, 0o022], ids=["umask-000", "umask-022"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def _modes(root: Path) -> dict[str, int]:
    out = {}
    for folder, dirs, names in os.walk(root):
        for name in dirs + names:
            path = Path(folder, name)
            out[str(path.relative_to(root))] = path.lstat().st_mode & 0o777
    return out


def test_every_directory_is_0700_and_every_file_0600_whatever_the_umask(
    umask: int, data_dir: Path, cache_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_path = make_plan(data_dir)
    stale = files.read_plan(plan_path)
    assert main(["--today", "2026-12-07", "done"]) == 0
    with pytest.raises(ConflictError):  # a conflict copy
        files.save_plan(stale, stale.plan.without_entry(stale.plan.log[0].date))
    text = re.sub(
        r"(?m)^schema_version = \d+$", "schema_version = 1", plan_path.read_text("utf-8"), count=1
    )
    plan_path.write_text(text, "utf-8")
    plan_path.chmod(0o600)
    assert main(["--today", "2026-12-09", "done"]) == 0  # migrates: a .v1 archive
    assert main(["undo"]) == 0
    exports = tmp_path / "exports"
    exports.mkdir()
    for fmt in ("ics", "csv", "md", "json"):
        assert main(["--today", "2026-12-09", "export", "--format", fmt, "-o", str(exports)]) == 0
    capsys.readouterr()
    data = _modes(data_dir)
    names = " ".join(data)
    for made in (".conflict-", ".v1", ".lock", "-undo.toml", "-save.toml"):
        assert made in names
    assert len(list(exports.iterdir())) == 4
    for root in (data_dir, cache_dir):
        assert root.stat().st_mode & 0o777 == 0o700
        for name, mode in _modes(root).items():
            is_dir = (root / name).is_dir()
            assert mode == (0o700 if is_dir else 0o600), (name, oct(mode))
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in exports.iterdir())


def test_an_existing_plan_keeps_its_own_mode(plan_path: Path) -> None:
    plan_path.chmod(0o644)  # the person shared it on purpose
    assert main(["--today", "2026-12-07", "done"]) == 0
    assert plan_path.stat().st_mode & 0o777 == 0o644


class _Planted:
    """A pickle that runs code when loaded: it makes the folder ``marker``."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (self.marker,))


def _plant(plan_path: Path, marker: Path) -> None:
    """Replace the cache entry of the plan's current version with a booby-trapped pickle."""
    fingerprint = documents.digest(plan_path.read_bytes())
    name = cache._name(plan_path, fingerprint)
    target = Path(os.environ["WORKOUT_CACHE_DIR"]) / name
    assert target.exists()  # the entry the next command would load
    target.write_bytes(cache._header(fingerprint) + pickle.dumps(_Planted(marker)))


def _today(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--today", "2026-12-07", "today"]) == 0
    assert "Squat" in capsys.readouterr().out  # the command works as without a cache


def test_a_planted_pickle_runs_from_a_private_cache_folder_only_the_user_can_write(
    plan_path: Path, cache_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # (Shows what the guards guard against: in the user's own 0700 folder the cache is used.)
    marker = tmp_path / "ran"
    _plant(plan_path, marker)
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    main(["--today", "2026-12-07", "today"])
    capsys.readouterr()
    assert marker.exists()


def test_a_cache_folder_others_can_write_is_ignored(
    plan_path: Path, cache_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marker = tmp_path / "ran"
    _plant(plan_path, marker)
    for mode in (0o770, 0o707, 0o777):
        cache_dir.chmod(mode)
        _today(capsys)
        assert not marker.exists(), oct(mode)


def _foreign(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``path`` another user's: really (chown) when the tests run as root, else by telling
    the app it runs as someone else."""
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)
    else:
        mine = os.getuid()
        monkeypatch.setattr(os, "getuid", lambda: mine + 1)


def test_a_cache_folder_owned_by_another_user_is_ignored(
    plan_path: Path,
    cache_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    marker = tmp_path / "ran"
    _plant(plan_path, marker)
    _foreign(cache_dir, monkeypatch)
    _today(capsys)
    assert not marker.exists()


def test_a_cache_file_owned_by_another_user_or_linked_is_ignored(
    plan_path: Path, cache_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marker = tmp_path / "ran"
    _plant(plan_path, marker)
    planted = next(p for p in cache_dir.glob("plans/*/*.pickle") if b"mkdir" in p.read_bytes())
    if os.geteuid() == 0:
        os.chown(planted, NOBODY, NOBODY)
        _today(capsys)
        assert not marker.exists()
        os.chown(planted, 0, 0)
    elsewhere = tmp_path / "elsewhere.pickle"
    planted.rename(elsewhere)
    planted.symlink_to(elsewhere)
    _today(capsys)
    assert not marker.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as another user")
def test_another_user_cannot_plant_a_file_in_the_cache_folder(
    plan_path: Path, cache_dir: Path
) -> None:
    folder = next(cache_dir.glob("plans/*"))
    script = (
        "import os, sys\n"
        f"os.setgid({NOBODY}); os.setuid({NOBODY})\n"
        "for target in sys.argv[1:]:\n"
        "    try:\n"
        "        open(target, 'wb').write(b'x')\n"
        "    except PermissionError:\n"
        "        continue\n"
        "    sys.exit(1)\n"
    )
    targets = [str(cache_dir / "x"), str(folder / "x.pickle"), str(cache_dir / "code" / "x")]
    done = subprocess.run([sys.executable, "-c", script, *targets], capture_output=True)
    assert done.returncode == 0, done.stderr


def _bytecode_cache(cache_dir: Path, data_dir: Path) -> Path:
    """Run ``workout programs`` in a fresh interpreter: it leaves attrs' bytecode cached."""
    env = dict(os.environ, WORKOUT_CACHE_DIR=str(cache_dir), PYTHONPATH=str(ROOT))
    env["WORKOUT_DATA_DIR"] = str(data_dir)
    env.pop("WORKOUT_NO_CODECACHE", None)
    subprocess.run(
        [sys.executable, "-m", "planner", "programs"], env=env, check=True, capture_output=True
    )
    (found,) = cache_dir.glob("code/attrs-*.marshal")
    return found


def test_the_bytecode_cache_is_read_only_from_a_private_folder_and_file(
    data_dir: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _bytecode_cache(cache_dir, data_dir)
    assert found.stat().st_mode & 0o777 == 0o600
    assert codecache._load()  # the user's own private cache is used
    cache_dir.chmod(0o777)
    assert codecache._load() == {}
    cache_dir.chmod(0o700)
    found.chmod(0o666)
    assert codecache._load() == {}
    found.chmod(0o600)
    _foreign(cache_dir, monkeypatch)
    assert codecache._load() == {}
