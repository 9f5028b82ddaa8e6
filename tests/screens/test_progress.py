"""Progress tells the truth: the lift last logged, charts with a scale and dates, e1RM from the
log, and "not started" for a lift with nothing logged."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import attrs
from textual.widgets import Select, Sparkline

from planner import actions, files
from planner.projection import project_plan
from screens.app import WorkoutApp
from screens.progress import ProgressScreen

from .conftest import TODAY
from .helpers import screen_text, settle


async def _open(pilot: object) -> ProgressScreen:
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("g")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    screen = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ProgressScreen)
    return screen


async def test_nothing_logged_says_not_started_and_draws_no_done_bar(
    plan_file: files.PlanFile,
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        text = screen_text(pilot)
        assert "not started: no" in text
        assert not screen.query_one("#done", Sparkline).display


async def test_opens_on_the_lift_last_logged_with_scale_dates_and_e1rm(
    plan_file: files.PlanFile,
) -> None:
    day_a = project_plan(plan_file.plan, TODAY).sessions[0]
    plan = actions.log_done(plan_file.plan, day_a, reps={"squat": [8, 5, 5, 5, 5]})
    plan = actions.log_done(plan, project_plan(plan, TODAY).sessions[1])
    files.save_plan(plan_file, plan)
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(pilot)
        assert screen.query_one("#exercise", Select).value == "squat"  # first lift of day B
        text = screen_text(pilot)
        assert "Planned · min 40 · max " in text
        assert "30 Nov 2026 → " in text  # the time axis
        legend = "Done · min 40 · max 42.5 kg · last 42.5 kg · 30 Nov 2026 → 02 Dec 2026"
        assert legend in text
        # The Epley estimate comes from the best set of the log (8 @ 40 → 50.7), not the top load.
        assert "50.7 kg" in text


async def test_one_session_is_told_in_words_and_charts_show_scale_and_last_at_80x24(
    plan_file: files.PlanFile,
) -> None:
    day_a = project_plan(plan_file.plan, TODAY).sessions[0]
    plan = actions.log_done(plan_file.plan, day_a, reps={"squat": [5, 5, 5, 5, 4]})
    files.save_plan(plan_file, plan)
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        text = screen_text(pilot)
        assert "Done · one session logged: 5, 5, 5, 5, 4 @ 40 kg on Mon 30 Nov 2026" in text
        assert not screen.query_one("#done", Sparkline).display  # no solid "Done" bar
        (planned,) = [line for line in text.splitlines() if "Planned ·" in line]
        assert re.fullmatch(  # the scale, the last value and the dates, on one line at 80 columns
            r"Planned · min 40 · max [\d.]+ kg · last [\d.]+ kg · 30 Nov 2026 → \d\d \w{3} 2027",
            planned.strip(),
        ), planned
        assert screen.query_one("#planned", Sparkline).display


async def test_a_long_exercise_name_gives_way_so_the_e1rm_stays_in_view_at_80x24(
    plan_file: files.PlanFile,
) -> None:
    from planner.model import Exercise

    # A long name (as the stretches of back rehab have) pushed "Est. 1RM" off an 80-column screen.
    long_name = "Squat with a very long descriptive name (each side, slowly)"
    exercises = tuple(
        Exercise(e.id, long_name) if e.id == "squat" else e
        for e in plan_file.plan.phases[0].program.exercises
    )
    program = attrs.evolve(plan_file.plan.phases[0].program, exercises=exercises)
    plan = attrs.evolve(
        plan_file.plan, phases=(attrs.evolve(plan_file.plan.phases[0], program=program),)
    )
    plan = actions.log_done(plan, project_plan(plan, TODAY).sessions[0])
    files.save_plan(plan_file, plan)
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot)
        text = screen_text(pilot)
        assert "Est. 1RM" in text
        assert "Squat with a very long" in text  # cut with "…", not hidden
        assert "…" in text


async def test_the_same_value_every_session_is_said_in_words_not_drawn_as_an_empty_chart(
    data_dir: Path,
) -> None:
    from planner.cli import main

    # Cat-camel is 6 reps in every back-rehab session: its chart was a row of the lowest bars,
    # which reads as nothing (or as zero) under "min 6 · max 6 reps".
    today = ["--today", TODAY.isoformat()]
    assert main([*today, "new", "--program", "back-rehab", "--days", "mon,thu"]) == 0
    assert main([*today, "done"]) == 0
    assert main(["--today", "2026-12-03", "done"]) == 0
    app = WorkoutApp(today=dt.date(2026, 12, 3))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        assert screen.query_one("#exercise", Select).value == "cat-camel"
        text = screen_text(pilot)
        assert "Planned · 6 reps every session (52 planned) · 30 Nov 2026 → " in text
        assert "Done · 6 reps every session (2 logged) · 30 Nov 2026 → 03 Dec 2026" in text
        assert not screen.query_one("#planned", Sparkline).display
        assert not screen.query_one("#done", Sparkline).display
        assert "goes from 6 reps to 6 reps" not in text  # (said once, in the legend)
