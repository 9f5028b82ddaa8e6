"""How equipment reads, through the real command line and the exports: added load on bodyweight
work (``+10 kg``), and warm-up sets with plates per side in the printable plan."""

from __future__ import annotations

import datetime as dt

import pytest

from planner import present
from planner.cli import main
from planner.export import to_markdown
from planner.service import PlanService, resolve_plan

START = "2027-01-04"  # a Monday


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def new(capsys: pytest.CaptureFixture[str], *extra: str) -> None:
    code, _, err = run(capsys, "--today", START, "new", "--start", START, *extra)
    assert code == 0, err


def export_md(capsys: pytest.CaptureFixture[str], today: str = START) -> str:
    code, out, err = run(capsys, "--today", today, "export", "--format", "md", "-o", "-")
    assert code == 0, err
    return out


def test_added_load_on_a_chin_up_reads_plus_everywhere(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Regression: a chin-up with a 10 kg belt read "3×5–10 @ 10 kg", as if 10 kg were lifted.
    new(capsys, "--program", "wendler-531", "--days", "mon,thu", "--set", "chin-up=10")
    code, out, _ = run(capsys, "--today", START, "today")
    assert code == 0
    chin = next(line for line in out.splitlines() if "Chin-up" in line)
    assert "3×5–10 +10 kg" in chin
    assert "@" not in chin
    code, out, err = run(capsys, "--today", START, "done", "--load", "chin-up=12", "--yes")
    assert code == 0, err
    assert "Chin-up      3×5 +12 kg ✓ (planned 3×5–10 +10 kg)" in out
    code, out, _ = run(capsys, "--today", START, "show", "--week", "1")
    assert "3×5 +12 kg ✓ (planned 3×5–10 +10 kg)" in out
    md = export_md(capsys)
    assert "| Chin-up | 3×5–10 +10 kg | 3×5 +12 kg |" in md
    assert "@ 10 kg" not in md
    assert "@ 12 kg" not in md
    # A barbell lift keeps its "@": only bodyweight work carries added load.
    assert "5+ @ 67.5 kg" in md
    code, ics, _ = run(capsys, "--today", START, "export", "--format", "ics", "-o", "-")
    assert code == 0
    assert "+12 kg" in ics.replace("\r\n ", "")


def test_the_printable_plan_shows_warm_ups_for_planned_barbell_sessions_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Regression: `today` showed warm-ups and plates per side, the printable plan did not.
    new(capsys, "--program", "linear-5x5", "--days", "mon,wed,fri", "--set", "squat=100")
    md = export_md(capsys)
    first = md.split("#### Mon 2027-01-04")[1].split("####")[0]
    assert (
        "- _Squat warm-up: 2×5 @ 20 kg, 5 @ 40 kg, 3 @ 60 kg, 2 @ 80 kg · "
        "100 kg: 25 + 15 kg a side_"
    ) in first
    # The warm-ups are the presenter's own lines (the ones `today` prints), never work sets.
    service = PlanService.open(resolve_plan(None), dt.date.fromisoformat(START))
    projection = service.whole()
    session = projection.sessions[0]
    for line in present.warm_up_lines(projection, session):
        assert f"- _{line}_" in first
    assert "| Squat | 5×5 @ 100 kg |" in first
    run(capsys, "--today", START, "done")
    after = to_markdown(PlanService.open(resolve_plan(None), dt.date(2027, 1, 4)).whole())
    done = after.split("#### Mon 2027-01-04")[1].split("####")[0]
    assert "warm-up" not in done  # a done session shows what was lifted
    nxt = after.split("#### Wed 2027-01-06")[1].split("####")[0]
    assert "- _Squat warm-up: 2×5 @ 20 kg" in nxt
