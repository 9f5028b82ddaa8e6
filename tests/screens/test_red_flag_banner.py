"""The red-flag banner on the dashboard: it says to stop and see a clinician until the person
acknowledges it with ``a``; the acknowledgement is saved, so it stays gone on the next start."""

from __future__ import annotations

import datetime as dt

import attrs

from planner import files
from planner.files import PlanFile
from planner.model import LogEntry
from screens.app import WorkoutApp
from screens.red_flag import RedFlagBanner

from .conftest import TODAY
from .helpers import screen_text, settle

SIZE = (110, 34)


def _log_red_flag(plan_file: PlanFile) -> None:
    current = files.read_plan(plan_file.path)
    entry = LogEntry(date=TODAY, status="done", pain=9, pain_where="leg")
    plan = current.plan.with_entry(entry)
    files.save_plan(current, plan)


async def test_the_banner_stays_until_acknowledged(plan_file: PlanFile) -> None:
    _log_red_flag(plan_file)
    tomorrow = TODAY + dt.timedelta(days=1)
    app = WorkoutApp(today=tomorrow)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        banner = app.screen.query_one(RedFlagBanner)
        assert banner.display
        text = screen_text(pilot)
        assert "Pain 9/10 spreading down the leg on 2026-11-30" in text
        assert "see a clinician" in text
        await pilot.press("a")
        await settle(pilot)
        assert not banner.display
    assert files.read_plan(plan_file.path).plan.acknowledged == (TODAY,)
    app = WorkoutApp(today=tomorrow)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.screen.query_one(RedFlagBanner).display


async def test_no_banner_without_a_red_flag(plan_file: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.screen.query_one(RedFlagBanner).display


def test_an_acknowledged_plan_round_trips(plan_file: PlanFile) -> None:
    current = files.read_plan(plan_file.path)
    plan = attrs.evolve(current.plan, acknowledged=(TODAY,))
    files.save_plan(current, plan)
    assert files.read_plan(plan_file.path).plan.acknowledged == (TODAY,)


async def test_the_banner_names_the_apps_key_not_a_flag(plan_file: PlanFile) -> None:
    _log_red_flag(plan_file)
    app = WorkoutApp(today=TODAY + dt.timedelta(days=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        banner = str(app.screen.query_one(RedFlagBanner).render())
        text = " ".join(screen_text(pilot).split())
    assert "--pain" not in banner
    assert "\nEvery exercise is held until a session" in banner  # no odd indent in a wrapped banner
    assert "press l to log it, with its pain in the Pain field" in text
