"""A plan read from the cache unpickles its log run by run, as it is read (promise S2: ``today``
and ``done`` cost the same whatever the history). The log is sacred: whatever is read lazily,
every save through the cache writes every logged session, as logged (real files, real cache)."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import itertools
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from planner import actions, cache, documents, files
from planner.cli import main
from planner.model import Plan
from planner.paths import plans_dir
from planner.projection import project_plan
from planner.service import PlanService
from planner.storedlog import StoredLog
from rules.engine import Session

from .strategies import plans

_SLUGS = itertools.count()
TODAY = "2026-12-02"


@pytest.fixture
def small_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs of two entries: a short log spans several runs, as years of history do."""
    monkeypatch.setattr(cache, "CHUNK", 2)


STEPS: tuple[Callable[[Plan, Session], Plan], ...] = (
    actions.log_done,
    actions.log_skip,
    actions.unlog,
)


def _flipped(step: Callable[[Plan, Session], Plan], session: Session, plan: Plan) -> Plan:
    return step(plan, session)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plans(), st.data())
@pytest.mark.usefixtures("small_runs")
def test_saves_through_a_cached_log_keep_every_logged_session(
    data_dir: Path, plan: Plan, data: st.DataObject
) -> None:
    today = plan.start + dt.timedelta(days=data.draw(st.integers(0, plan.weeks * 7)))
    path = PlanService.create(plan, today, f"p{next(_SLUGS)}").path
    expected = plan
    for _ in range(data.draw(st.integers(1, 4))):
        service = PlanService.open(path, today)  # from the cache: a stored log
        assert service.plan == expected
        if data.draw(st.booleans()):
            service.window()  # (reads a few runs before the change, as `done` does)
        session = data.draw(st.sampled_from(project_plan(expected, today).sessions))
        step = data.draw(st.sampled_from(STEPS))
        expected = step(expected, session)
        service.apply(functools.partial(_flipped, step, session))
        assert files.read_plan(path).plan == expected  # the file, parsed: no cache
        again = PlanService.open(path, today)
        assert again.plan == expected
        assert again.plan.log == expected.log
        assert tuple(again.plan.log) == expected.log


def _logged_plan(days: int, capsys: pytest.CaptureFixture[str]) -> Path:
    """A plan with a session logged on each of its first ``days`` training days."""
    start = dt.date(2026, 11, 2)
    argv = ["--today", start.isoformat(), "new", "--program", "linear-5x5"]
    assert main([*argv, "--days", "mon,wed,fri", "--start", start.isoformat()]) == 0
    (path,) = plans_dir().glob("*.toml")
    day = start
    for _ in range(days):
        assert main(["--today", day.isoformat(), "done"]) == 0
        day += dt.timedelta(days=2 if day.weekday() < 4 else 3)
    capsys.readouterr()
    return path


@pytest.mark.usefixtures("small_runs")
def test_today_unpickles_only_the_log_runs_round_its_window(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _logged_plan(12, capsys)
    day = dt.date.fromisoformat(TODAY)
    PlanService.open(path, day).window()  # (keeps checkpoints in the cache)
    service = PlanService.open(path, day)
    log = service.plan.log
    assert isinstance(log, StoredLog)
    window = service.window()
    assert window.next_planned() is not None
    assert log.unpickled < len(log) // 2
    whole = project_plan(files.read_plan(path).plan, day)
    assert window.sessions == whole.sessions[window.first :][: len(window.sessions)]
    assert log == files.read_plan(path).plan.log


@pytest.mark.usefixtures("small_runs")
def test_sessions_logged_on_a_cached_log_are_all_in_the_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _logged_plan(7, capsys)  # each `done` on the log the one before left in the cache
    log = files.read_plan(path).plan.log
    assert [entry.date.isoformat() for entry in log] == [
        "2026-11-02",
        "2026-11-04",
        "2026-11-06",
        "2026-11-09",
        "2026-11-11",
        "2026-11-13",
        "2026-11-16",
    ]
    assert all(entry.status == "done" and entry.exercises for entry in log)
    service = PlanService.open(path, dt.date(2026, 11, 18))
    assert isinstance(service.plan.log, StoredLog)
    assert service.plan == files.read_plan(path).plan
    assert main(["--today", "2026-11-18", "done", "--note", "eighth"]) == 0
    after = files.read_plan(path).plan.log
    assert after[:7] == log
    assert after[7].note == "eighth"


@pytest.mark.usefixtures("small_runs")
def test_a_damaged_log_run_is_read_from_the_file(
    cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _logged_plan(8, capsys)
    assert main(["--today", TODAY, "today"]) == 0
    expected = capsys.readouterr().out
    entry = cache.load(path, documents.digest(path.read_bytes()))
    assert entry is not None
    assert len(entry.chunks) > 2
    (stored,) = (cache_dir / "plans").rglob(f"{documents.digest(path.read_bytes())}.pickle")
    raw = stored.read_bytes()
    for run in entry.chunks:  # every run damaged, its length kept
        at = raw.index(run)
        raw = raw[:at] + b"\x80\x05garbage" + run[9:] + raw[at + len(run) :]
    stored.write_bytes(raw)
    assert main(["--today", TODAY, "today"]) == 0
    assert capsys.readouterr().out == expected
    before = files.read_plan(path).plan
    stored.write_bytes(raw)
    assert main(["--today", TODAY, "done"]) == 0
    after = files.read_plan(path).plan
    assert after.log[: len(before.log)] == before.log
    assert len(after.log) == len(before.log) + 1


@pytest.mark.usefixtures("small_runs")
def test_a_log_changed_again_and_again_keeps_no_version_before_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Each log made by a change kept the log before it (to read a damaged run from), so the
    # app, logging session after session, held every version of the log since it opened.
    path = _logged_plan(5, capsys)

    def logs() -> int:
        return sum(isinstance(o, StoredLog) for o in gc.get_objects())

    gc.collect()
    before = logs()
    collecting = gc.isenabled()
    gc.disable()  # (each version gone as soon as no longer used, not at a collection)
    try:
        plan = PlanService.open(path, dt.date.fromisoformat(TODAY)).plan
        assert isinstance(plan.log, StoredLog)
        for note in ("one", "two", "three"):
            plan = plan.with_entry(attrs.evolve(plan.log[-1], note=note))
            assert isinstance(plan.log, StoredLog)
        assert logs() == before + 1
    finally:
        if collecting:
            gc.enable()
    assert [entry.note for entry in plan.log][-2:] == ["", "three"]
    assert plan.log == (*files.read_plan(path).plan.log[:4], plan.log[-1])
