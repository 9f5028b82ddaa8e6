"""docs/ARCHITECTURE.md, promise R4, R5, R8 and schema versions: concurrent writers, backups, undo, validation, migration."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import multiprocessing
import multiprocessing.synchronize
import os
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings, strategies as st

from planner import files, history
from planner.cli import main
from planner.errors import ConflictError, ReadOnlyError, WorkoutError
from planner.migrations import CURRENT_SCHEMA, migrate
from planner.model import Plan

from ..planner.strategies import plans

WRITERS = 8


def _log_one(data_dir: str, day: str, barrier: multiprocessing.synchronize.Barrier) -> None:
    os.environ["WORKOUT_DATA_DIR"] = data_dir
    barrier.wait()  # all eight start their read-modify-write together
    os._exit(main(["--today", "2026-12-01", "done", day]))


def test_eight_concurrent_done_commands_lose_nothing(plan_path: Path, data_dir: Path) -> None:
    days = [
        (dt.date(2026, 12, 7) + dt.timedelta(days=7 * (i // 3) + 2 * (i % 3))).isoformat()
        for i in range(WRITERS)
    ]
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(WRITERS)
    workers = [context.Process(target=_log_one, args=(str(data_dir), day, barrier)) for day in days]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0] * WRITERS
    logged = {e.date.isoformat() for e in files.read_plan(plan_path).plan.log}
    assert set(days) <= logged
    assert len(logged) == 3 + WRITERS


def test_a_stale_instance_gets_a_conflict_and_both_versions_survive(plan_path: Path) -> None:
    stale = files.read_plan(plan_path)
    assert main(["--today", "2026-12-07", "done"]) == 0
    theirs = plan_path.read_bytes()
    ours = stale.plan.without_entry(stale.plan.log[0].date)
    with pytest.raises(ConflictError) as info:
        files.save_plan(stale, ours)
    assert plan_path.read_bytes() == theirs
    kept = info.value.kept_path
    assert kept.exists()
    assert files.read_plan(kept).plan == ours


def test_backups_rotate_and_undo_walks_back_exactly(plan_path: Path, data_dir: Path) -> None:
    (data_dir / "config.toml").write_text("backups = 3\n", encoding="utf-8")
    versions = [plan_path.read_bytes()]
    for day in ("2026-12-07", "2026-12-09", "2026-12-11", "2026-12-14"):
        assert main(["--today", day, "done", day]) == 0
        versions.append(plan_path.read_bytes())
    assert len(history.backups(plan_path)) == 3
    # Three backups kept: the versions before the last three saves, restored newest first.
    for expected in (versions[3], versions[2], versions[1]):
        history.undo(plan_path)
        assert plan_path.read_bytes() == expected
    with pytest.raises(WorkoutError, match="nothing to undo"):
        history.undo(plan_path)


def test_undo_restores_the_previous_bytes(plan_path: Path) -> None:
    before = plan_path.read_bytes()
    assert main(["--today", "2026-12-07", "done", "--pain", "4"]) == 0
    assert main(["undo"]) == 0
    assert plan_path.read_bytes() == before


@pytest.mark.parametrize(
    "argv",
    [
        ["done", "--pain", "11"],
        ["done", "--pain", "-1"],
        ["done", "--reps", "squat=five"],
        ["done", "--load", "squat=-5"],
        ["done", "--reps", "curl=5"],
        ["done", "2026-02-30"],
        ["skip", "1999-01-01"],
        ["new", "--program", "mobility", "--days", "someday"],
        ["new", "--program", "mobility", "--days", "mon", "--start", "2026-13-01"],
    ],
)
def test_bad_flags_change_no_byte(
    plan_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    before = hashlib.sha256(plan_path.read_bytes()).hexdigest()
    assert main(["--today", "2026-12-07", *argv]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert hashlib.sha256(plan_path.read_bytes()).hexdigest() == before


def test_a_version_one_plan_migrates_keeping_every_set_and_archives_the_original(
    plan_path: Path,
) -> None:
    text = plan_path.read_text(encoding="utf-8").replace(
        f"schema_version = {CURRENT_SCHEMA}", "schema_version = 1"
    )
    # Version 1 wrote a logged exercise as reps = [...] with one load.
    text = text.replace(
        "sets = [\n    { reps = 5, load = 60.0 },\n    { reps = 5, load = 60.0 },\n    { reps = 5, load = 60.0 },\n    { reps = 5, load = 60.0 },\n    { reps = 5, load = 60.0 },\n]",
        "reps = [5, 5, 5, 5, 5]\nload = 60.0",
        1,
    )
    plan_path.write_text(text, encoding="utf-8")
    original = plan_path.read_bytes()
    loaded = files.read_plan(plan_path)
    assert loaded.migrated_from == 1
    squat = next(e for e in loaded.plan.log[0].exercises if e.exercise == "squat")
    assert [(s.reps, s.load) for s in squat.sets] == [(5, 60.0)] * 5
    assert main(["--today", "2026-12-07", "done"]) == 0
    assert plan_path.with_name(plan_path.name + ".v1").read_bytes() == original
    assert f"schema_version = {CURRENT_SCHEMA}" in plan_path.read_text(encoding="utf-8")


def test_a_newer_version_is_read_only(plan_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan_path.write_text(
        plan_path.read_text(encoding="utf-8").replace(
            f"schema_version = {CURRENT_SCHEMA}", "schema_version = 99"
        ),
        encoding="utf-8",
    )
    before = plan_path.read_bytes()
    loaded = files.read_plan(plan_path)
    assert loaded.read_only
    with pytest.raises(ReadOnlyError):
        files.save_plan(loaded, loaded.plan)
    assert main(["--today", "2026-12-07", "done"]) != 0
    assert "newer version" in capsys.readouterr().err
    assert plan_path.read_bytes() == before


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plans())
def test_any_valid_plan_saves_and_loads_back_equal(data_dir: Path, plan: object) -> None:
    path = data_dir / "plans" / "roundtrip.toml"
    if path.exists():
        path.unlink()
    created = files.create_plan(plan, "roundtrip")  # type: ignore[arg-type]
    assert files.read_plan(path).plan == plan
    assert created.plan == plan


V1_EXERCISE = st.fixed_dictionaries(
    {"exercise": st.sampled_from(["squat", "side-bridge", "walk"])},
    optional={
        "reps": st.lists(st.integers(0, 30), max_size=8),
        "seconds": st.lists(st.integers(0, 120), max_size=8),
        "load": st.floats(0, 400, allow_nan=False),
    },
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(V1_EXERCISE, max_size=4), max_size=10))
def test_migration_from_version_one_keeps_every_logged_set(
    log: list[list[dict[str, Any]]],
) -> None:
    old: dict[str, Any] = {
        "schema_version": 1,
        "log": [
            {"date": dt.date(2026, 1, 1) + dt.timedelta(days=i), "status": "done", "exercises": ex}
            for i, ex in enumerate(log)
        ],
    }
    tomli_w.dumps(old)  # a version-1 file could hold it
    snapshot = copy.deepcopy(old)
    migrated, version = migrate(old, "plan")
    assert version == 1
    assert old == snapshot  # pure: the input is untouched
    assert migrated["schema_version"] == CURRENT_SCHEMA
    for entry, original in zip(migrated["log"], snapshot["log"], strict=True):
        for item, before in zip(entry["exercises"], original["exercises"], strict=True):
            reps, seconds = before.get("reps", []), before.get("seconds", [])
            assert len(item["sets"]) == max(len(reps), len(seconds))
            assert [s.get("reps") for s in item["sets"][: len(reps)]] == reps
            assert [s.get("seconds") for s in item["sets"][: len(seconds)]] == seconds
            assert all(s.get("load") == before.get("load") for s in item["sets"])
            assert set(item) == {"exercise", "sets"}


def test_a_backup_is_the_previous_version_itself_private_and_the_plan_keeps_its_mode(
    plan_path: Path,
) -> None:
    plan_path.chmod(0o640)
    before = plan_path.read_bytes()
    assert main(["--today", "2026-12-07", "done"]) == 0
    newest = history.backups(plan_path)[0]
    assert newest.read_bytes() == before
    assert newest.stat().st_mode & 0o777 == 0o600
    assert plan_path.stat().st_mode & 0o777 == 0o640
    assert newest.stat().st_ino != plan_path.stat().st_ino  # the plan is a new file; no sharing


def test_a_backup_is_copied_where_a_second_name_cannot_be_made(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(18, "Invalid cross-device link")  # as across file systems

    monkeypatch.setattr(os, "link", no_links)
    before = plan_path.read_bytes()
    assert main(["--today", "2026-12-07", "done"]) == 0
    newest = history.backups(plan_path)[0]
    assert newest.read_bytes() == before
    assert newest.stat().st_mode & 0o777 == 0o600
    assert main(["undo"]) == 0
    assert plan_path.read_bytes() == before


def test_two_threads_saving_at_once_lose_nothing(plan_path: Path) -> None:
    # The app saves in a worker thread while a command may run: the lock holds between threads.
    import threading

    from planner import actions
    from planner.projection import project_plan

    days = [dt.date(2026, 12, 7) + dt.timedelta(days=7 * (i // 3) + 2 * (i % 3)) for i in range(6)]
    barrier = threading.Barrier(len(days))
    errors: list[BaseException] = []

    def log(day: dt.date) -> None:
        def change(current: files.PlanFile) -> Plan:
            whole = project_plan(current.plan, day)
            session = whole.on(day)
            assert session is not None
            return actions.log_done(current.plan, session)

        barrier.wait()
        try:
            files.update_plan(plan_path, change)
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=log, args=(day,)) for day in days]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    logged = {e.date for e in files.read_plan(plan_path).plan.log}
    assert set(days) <= logged
