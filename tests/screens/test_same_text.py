"""The CLI and the app read the same for every state a session can be in (one presenter).

One plan on disk, logged through the CLI (and the app's own logging action for an exercise left
out); then ``workout show --week N`` is compared with the app's session view, session by session.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs
import pytest

from planner import actions, files
from planner.cli import main
from planner.files import PlanFile
from planner.model import LoggedExercise, LoggedSet, Plan
from planner.projection import project_plan
from screens.app import WorkoutApp
from screens.today import TodayScreen

from .conftest import TODAY, linear_5x5
from .helpers import screen_text, settle

NOW = dt.date(2026, 12, 11)
"""Friday of week 2: weeks 1 and 2 have a past, week 3 is ahead."""

WIDE = (180, 50)
"""Wide enough that no column of the session view folds."""

STATES = {
    1: ("done", "as prescribed (with a note)"),
    2: ("done", "with a changed load"),
    3: ("done", "with an exercise left out"),
    4: ("skipped", "in a deload week"),
    5: ("missed", "in a deload week"),
    6: ("planned", "in a deload week"),
    7: ("planned", "an ordinary week"),
}
"""Session number → its status and what makes it a case of its own."""


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(["--today", NOW.isoformat(), *argv])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


@pytest.fixture
def logged(data_dir: object, capsys: pytest.CaptureFixture[str]) -> PlanFile:
    """A deload every second week; sessions 1–4 logged each their own way, 5 missed."""
    program = attrs.evolve(linear_5x5(), deload_every=2)
    plan = actions.new_plan("Same text", [(program, 3)], TODAY, ("mon", "wed", "fri"))
    created = files.create_plan(plan)
    cli(capsys, "done", "2026-11-30", "--note", "felt strong")
    cli(capsys, "done", "2026-12-02", "--load", "squat=50")

    def leave_out_bench(current: PlanFile) -> Plan:
        session = project_plan(current.plan, NOW).sessions[2]
        squat = LoggedExercise("squat", (LoggedSet(5, 45.0),) * 5)
        return actions.log_done(current.plan, session, exercises=[squat])

    files.update_plan(created.path, leave_out_bench)
    cli(capsys, "skip", "2026-12-07")
    return files.read_plan(created.path)


def cli_sessions(capsys: pytest.CaptureFixture[str]) -> dict[str, list[str]]:
    """Every session block of ``workout show --week N``: title line → its row lines."""
    blocks: dict[str, list[str]] = {}
    for week in (1, 2, 3):
        for block in cli(capsys, "show", "--week", str(week)).split("\n\n")[1:]:
            _where, title, *rows = block.strip("\n").splitlines()
            blocks[title] = rows
    return blocks


def row_cells(line: str) -> list[str]:
    """A CLI row split into its columns (two spaces or more apart)."""
    return re.split(r"\s{2,}", line.strip())


async def app_text(number: int) -> str:
    """What the app's dashboard shows with session ``number`` selected."""
    app = WorkoutApp(today=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        assert app.projection is not None
        session = app.projection.session(number)
        assert session is not None
        screen.select(session)
        await pilot.pause()
        return screen_text(pilot)


async def test_the_cli_and_the_app_read_the_same_for_every_session_state(
    logged: PlanFile, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = cli_sessions(capsys)
    titles = list(blocks)
    assert len(titles) == 9  # three weeks of three sessions
    for number, (status, case) in STATES.items():
        title = titles[number - 1]
        assert f"session {number} of 9" in title
        assert f"· {status}" in title, case
        shown = await app_text(number)
        lines = shown.splitlines()
        assert any(line.strip() == title for line in lines), (case, title)
        for row in blocks[title]:
            cells = row_cells(row)
            if len(cells) == 1:  # the remark under the rows: pain and note
                assert any(line.strip() == cells[0] for line in lines), (case, row)
                continue
            name, sets = cells[0], cells[1]
            pattern = re.escape(name) + r"\s{2,}" + re.escape(sets) + r"(\s{2,}|$)"
            assert any(re.search(pattern, line) for line in lines), (case, name, sets)

    # And what each state reads, so "the same" is not the same mistake twice.
    rows = {number: " | ".join(blocks[titles[number - 1]]) for number in STATES}
    assert "5×5 @ 40 kg ✓" in rows[1]
    assert "note: felt strong" in rows[1]
    assert "5×5 @ 50 kg ✓ (planned 5×5 @ 42.5 kg)" in rows[2]
    assert "not done (planned 5×5 @ 32.5 kg)" in rows[3]
    assert all("deload week" in titles[n - 1] for n in (4, 5, 6))
    assert "deload week" not in titles[6]
