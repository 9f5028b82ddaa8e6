"""The plan service: one way to open, change, project and undo a plan (real files, real cache,
real processes)."""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import subprocess
import sys
import threading
import weakref
from pathlib import Path

import attrs
import pytest

from planner import actions, catalog, files, history
from planner.errors import UsageError, WorkoutError
from planner.model import Plan
from planner.projection import Projection, WholePlan, Window, project_plan
from planner.service import PlanService

START = dt.date(2026, 11, 30)  # a Monday


@pytest.fixture
def service(data_dir: Path) -> PlanService:
    plan = actions.new_plan(
        "Strength", [(catalog.get("linear-5x5"), 12)], START, ("mon", "wed", "fri")
    )
    return PlanService.create(plan, START)


def _log_next(service: PlanService) -> Plan:
    """Log the next planned session, as found in the plan the service shows inside apply."""

    def change(plan: Plan) -> Plan:
        return actions.log_done(plan, actions.find_session(service, None))

    return service.apply(change)


def test_a_change_saved_by_another_process_meanwhile_is_kept_beside_ours(
    service: PlanService, data_dir: Path
) -> None:
    assert service.window().next_planned() is not None  # opened and looked at
    env = {**os.environ, "WORKOUT_DATA_DIR": str(data_dir)}
    other = [sys.executable, "-m", "planner", "--today", str(START), "skip", "2026-12-02"]
    subprocess.run(other, env=env, check=True, capture_output=True)
    saved = _log_next(service)
    on_disk = files.read_plan(service.path).plan
    assert on_disk == saved
    assert on_disk.entry(dt.date(2026, 12, 2)) is not None  # theirs
    entry = on_disk.entry(START)
    assert entry is not None  # and ours
    assert entry.status == "done"


def test_a_change_that_raises_saves_nothing(service: PlanService) -> None:
    before = service.path.read_bytes()

    def refuse(plan: Plan) -> Plan:
        raise UsageError("no")

    with pytest.raises(UsageError):
        service.apply(refuse)
    assert service.path.read_bytes() == before
    assert history.backups(service.path) == []


def test_a_window_and_the_whole_plan_are_different_types_that_agree(
    service: PlanService,
) -> None:
    for _ in range(3):
        _log_next(service)
    window, whole = service.window(), service.whole()
    assert isinstance(window, Window)
    assert not isinstance(window, WholePlan)
    assert isinstance(whole, WholePlan)
    assert isinstance(window, Projection)
    assert isinstance(whole, Projection)
    assert len(whole.sessions) == whole.total
    assert len(window.sessions) < window.total
    shown = whole.sessions[window.first : window.first + len(window.sessions)]
    assert window.sessions == shown
    assert window.next_planned() == whole.next_planned()
    assert whole.sessions == project_plan(service.plan, START).sessions


def test_a_session_outside_the_window_is_projected_by_the_service(service: PlanService) -> None:
    window = service.window()
    far = window.total - 1
    assert window.session(far) is None
    session = actions.find_session(service, str(far))
    assert session.scheduled.number == far
    assert session.prescriptions
    assert session == project_plan(service.plan, START).session(far)


def test_undo_through_the_service_puts_back_the_version_before(service: PlanService) -> None:
    before_bytes, before_plan = service.path.read_bytes(), service.plan
    _log_next(service)
    assert service.plan != before_plan
    service.undo()
    assert service.path.read_bytes() == before_bytes
    assert service.plan == before_plan
    assert service.window().next_planned() == project_plan(before_plan, START).next_planned()
    again = _log_next(service)  # a change after an undo builds on the version put back
    assert files.read_plan(service.path).plan == again
    assert [entry.date for entry in again.log] == [START]


def test_restore_through_the_service_keeps_the_version_it_replaces(
    service: PlanService,
) -> None:
    first = service.plan
    _log_next(service)
    logged = service.plan
    (backup,) = service.backups()
    service.restore(backup)
    assert service.plan == first
    service.undo()  # a restore is a save like any other: it can be undone
    assert service.plan == logged


def test_after_apply_the_next_open_is_a_cache_hit(service: PlanService) -> None:
    saved = _log_next(service)
    reopened = PlanService.open_if_known(service.path, START)
    assert reopened is not None
    assert reopened.plan == saved
    assert reopened.window().next_planned() == service.window().next_planned()


def test_a_service_opened_from_the_cache_goes_with_its_last_reference(
    service: PlanService,
) -> None:
    # The log of a plan read from the cache kept a reader of the file that held the service
    # itself: a cycle, so a service the app replaced (after an undo) stayed, with its whole
    # projection, until a full collection, and for good once the app had frozen it.
    _log_next(service)
    reopened = PlanService.open_if_known(service.path, START)
    assert reopened is not None
    whole = reopened.whole()
    assert whole.count("done") == 1
    kept, projected = weakref.ref(reopened), weakref.ref(whole)
    collecting = gc.isenabled()
    gc.disable()
    try:
        del reopened, whole
        assert kept() is None
        assert projected() is None
    finally:
        if collecting:
            gc.enable()


def test_a_service_opened_after_an_undo_projects_as_from_scratch_with_the_last_whole_lent(
    service: PlanService,
) -> None:
    _log_next(service)
    _log_next(service)
    lent = service.whole()
    after = PlanService(service.path, START)  # as the app opens the plan an undo put back
    after.undo()
    service.close(after)
    whole, scratch = after.whole(), project_plan(after.plan, START)
    assert (whole.sessions, whole.statuses) == (scratch.sessions, scratch.statuses)
    assert whole.count("done") == 1
    assert lent.count("done") == 2
    again = PlanService(service.path, START)
    again.undo()
    service.close(again)  # (let go already: nothing lent, still the same plan)
    assert again.whole().sessions == project_plan(again.plan, START).sessions


def test_speed_machinery_stays_inside_the_service(service: PlanService) -> None:
    public = {name for name in dir(service) if not name.startswith("_")}
    assert not {name for name in public if "checkpoint" in name or "cache" in name}
    for kind in (Window, WholePlan, files.PlanFile):
        names = {field.name for field in attrs.fields(kind)}
        assert not {name for name in names if "checkpoint" in name or "cache" in name}


def test_changes_from_several_threads_at_once_are_all_kept(service: PlanService) -> None:
    days = [START + dt.timedelta(days=7 * (i // 3) + 2 * (i % 3)) for i in range(6)]
    barrier = threading.Barrier(len(days) + 1)
    errors: list[BaseException] = []

    def log(day: dt.date) -> None:
        def change(plan: Plan) -> Plan:
            return actions.log_done(plan, actions.find_session(service, day.isoformat()))

        barrier.wait()
        try:
            service.apply(change)
        except BaseException as error:  # reported below
            errors.append(error)

    def look() -> None:
        barrier.wait()
        service.whole()
        service.window()

    threads = [threading.Thread(target=log, args=(day,)) for day in days]
    threads.append(threading.Thread(target=look))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    logged = {entry.date for entry in files.read_plan(service.path).plan.log}
    assert logged == set(days)
    assert {entry.date for entry in service.plan.log} == set(days)


def test_a_read_only_plan_is_never_written(service: PlanService) -> None:
    text = re.sub(
        r"(?m)^schema_version = \d+", "schema_version = 99", service.path.read_text("utf-8")
    )
    service.path.write_text(text, "utf-8")
    newer = PlanService.open(service.path, START)
    assert newer.read_only
    with pytest.raises(Exception, match="newer version"):
        _log_next(newer)
    assert service.path.read_text("utf-8") == text


def test_undo_refuses_when_the_file_changed_since_the_service_read_it(
    service: PlanService, data_dir: Path
) -> None:
    _log_next(service)
    env = {**os.environ, "WORKOUT_DATA_DIR": str(data_dir)}
    other = [sys.executable, "-m", "planner", "--today", str(START), "skip", "2026-12-02"]
    subprocess.run(other, env=env, check=True, capture_output=True)
    theirs = service.path.read_bytes()
    with pytest.raises(WorkoutError, match="changed since it was opened"):
        service.undo()
    assert service.path.read_bytes() == theirs
    fresh = PlanService(service.path, START)  # one that has not read the file: takes it as is
    done = fresh.undo()
    assert done.changes == ("logged Wed 2026-12-02 (skipped)",)
    assert fresh.history()[0].backup.path.read_bytes() == theirs  # their change is kept


def test_undo_then_undo_again_from_the_same_service_goes_further_back(
    service: PlanService,
) -> None:
    first = service.path.read_bytes()
    _log_next(service)
    _log_next(service)
    assert service.undo().changes[0].startswith("logged Wed 2026-12-02 (done")
    assert service.undo().changes[0].startswith("logged Mon 2026-11-30 (done")
    assert service.path.read_bytes() == first
    assert service.undoable() == 0
