"""An AMRAP set (``5+``) logged with ``workout done``: asked in a terminal, reminded in a script,
and what was typed is what the estimated 1RM grows from."""

from __future__ import annotations

import datetime as dt
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from planner.amrap import MAX_REPS, parse_answer
from planner.cli import main
from planner.files import read_plan
from planner.service import resolve_plan

START = "2027-01-04"  # a Monday: the 5/3/1 press day comes first on mon/wed/fri
PLAN = ("--program", "wendler-531", "--days", "mon,wed,fri", "--set", "overhead-press=40")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--today", START, *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def logged_reps(exercise: str) -> list[int | None]:
    plan = read_plan(resolve_plan(None)).plan
    (entry,) = plan.log
    (done,) = [e for e in entry.exercises if e.exercise == exercise]
    return [s.reps for s in done.sets]


def test_a_script_logs_the_minimum_and_is_told_how_to_log_the_reps_done(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, "new", "--start", START, *PLAN)[0] == 0
    code, out, _ = run(capsys, "done")  # stdin is not a terminal under pytest
    assert code == 0
    assert logged_reps("overhead-press") == [5, 5, 5]
    assert "Logged the AMRAP set at the minimum (Overhead press, last set 5+ @ 35 kg)" in out
    hint = out.split("Did more? ", 1)[1].splitlines()[0]
    assert hint == "workout done 2027-01-04 --replace --reps overhead-press=5,5,8"
    # The hint, run as printed, logs the reps done.
    code, out, err = run(capsys, *hint.split()[1:])
    assert code == 0, err
    assert logged_reps("overhead-press") == [5, 5, 8]
    assert "Did more?" not in out


def test_reps_given_on_the_command_line_are_not_asked_about(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, "new", "--start", START, *PLAN)[0] == 0
    code, out, _ = run(capsys, "done", "--reps", "overhead-press=5,5,11")
    assert code == 0
    assert logged_reps("overhead-press") == [5, 5, 11]
    assert "AMRAP" not in out


def _terminal_done(data_dir: Path, answers: list[bytes]) -> tuple[int, str]:
    """``workout done`` on a real pseudo-terminal, typing ``answers`` at its prompts."""
    leader, follower = pty.openpty()
    env = {**os.environ, "WORKOUT_DATA_DIR": str(data_dir), "NO_COLOR": "1"}
    env["WORKOUT_CACHE_DIR"] = str(data_dir.parent / "cache")
    process = subprocess.Popen(
        [sys.executable, "-m", "planner", "--today", START, "done"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        close_fds=True,
    )
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 60
    pending = list(answers)
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the command closed the terminal: it ended
                break
            if not chunk:
                break
            seen += chunk
            if pending and seen.endswith((b"? ", b": ")):  # a prompt waits for a line
                os.write(leader, pending.pop(0) + b"\n")
        elif process.poll() is not None:
            break
    code = process.wait(timeout=30)
    os.close(leader)
    return code, seen.decode("utf-8", "replace")


def test_in_a_terminal_done_asks_for_the_amrap_reps_and_logs_them(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assert run(capsys, "new", "--start", START, *PLAN)[0] == 0
    code, screen = _terminal_done(data_dir, [b"many", b"9"])  # a slip, asked again, then 9
    assert code == 0, screen
    assert "Overhead press, last set 5+ @ 35 kg: reps done [5]? " in screen
    assert "a whole number of reps, 0–100 (Enter for 5)" in screen
    assert logged_reps("overhead-press") == [5, 5, 9]
    assert "Did more?" not in screen


def test_in_a_terminal_enter_keeps_the_minimum(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assert run(capsys, "new", "--start", START, *PLAN)[0] == 0
    code, screen = _terminal_done(data_dir, [b""])
    assert code == 0, screen
    assert logged_reps("overhead-press") == [5, 5, 5]


def test_the_reps_typed_raise_the_estimated_1rm(capsys: pytest.CaptureFixture[str]) -> None:
    # F9: a 5+ logged as 5 kept the e1RM on the training max's line; 12 reps is stronger.
    from planner.progress import personal_bests
    from planner.service import PlanService

    def press_estimate(reps: str) -> float | None:
        assert run(capsys, "done", START, "--replace", "--reps", f"overhead-press={reps}")[0] == 0
        service = PlanService.open(resolve_plan(None), dt.date.fromisoformat(START))
        (best,) = [b for b in personal_bests(service.whole()) if b.exercise == "overhead-press"]
        return best.estimated_max

    assert run(capsys, "new", "--start", START, *PLAN)[0] == 0
    as_minimum, as_done = press_estimate("5,5,5"), press_estimate("5,5,12")
    assert as_minimum == pytest.approx(35 * (1 + 5 / 30), abs=0.1)
    assert as_done == pytest.approx(35 * (1 + 12 / 30), abs=0.1)


@given(st.integers(min_value=0, max_value=MAX_REPS), st.integers(min_value=1, max_value=20))
def test_any_count_typed_is_taken_and_blank_keeps_the_minimum(reps: int, minimum: int) -> None:
    assert parse_answer(f" {reps} ", minimum) == reps
    assert parse_answer("", minimum) == minimum
    assert parse_answer(str(MAX_REPS + 1 + reps), minimum) is None


@given(st.text(min_size=1).filter(lambda t: not t.strip().isdecimal() and t.strip() != ""))
def test_anything_but_a_count_is_asked_again(text: str) -> None:
    assert parse_answer(text, 5) is None
