"""Comments a person wrote in a plan file survive every save the app makes (README: "comments you
added by hand stay where they are"; ARCHITECTURE R12): CRLF files, ``[[log]] `` headers with a
trailing space, a calendar move (which rewrites the head) and a session logged again (which
rewrites its block). Real files, the real CLI and the plan service.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from planner import actions, files
from planner.cli import main
from planner.service import PlanService

START = dt.date(2026, 11, 30)


def _cli(today: dt.date, *words: str) -> int:
    return main(["--today", today.isoformat(), *words])


def _plan(data_dir: Path) -> Path:
    """A 5×5 plan on Mon/Wed/Fri with three sessions logged."""
    assert _cli(START, "new", "--program", "linear-5x5", "--days", "mon,wed,fri",
                "--start", START.isoformat(), "--set", "squat=60") == 0  # fmt: skip
    for day in (0, 2, 4):
        assert _cli(START + dt.timedelta(days=day), "done") == 0
    (path,) = (data_dir / "plans").glob("*.toml")
    return path


def _commented(text: str) -> tuple[str, list[str]]:
    """``text`` with a comment in the head, after a key, inside each [[log]] block and inside a
    [[log.exercises]] table; and the comments."""
    comments = ["# my head note", "# kept after the unit", "# log note 1", "# log note 2",
                "# log note 3", "# inside an exercise"]  # fmt: skip
    text = text.replace("\nunits =", f"\n{comments[0]}\nunits =", 1)
    text = re.sub(r'^(units = "kg")$', rf"\1  {comments[1]}", text, count=1, flags=re.M)
    for number in (1, 2, 3):
        text = text.replace("[[log]]\n", f"[[log]]\x00\n{comments[1 + number]}\n", 1)
    text = text.replace("[[log]]\x00", "[[log]]")
    text = text.replace("[[log.exercises]]\n", f"[[log.exercises]]\n{comments[5]}\n", 1)
    return text, comments


def _kept(path: Path, comments: list[str]) -> None:
    raw = path.read_bytes()
    for comment in comments:
        assert raw.count(comment.encode()) == 1, comment
    files.read_plan(path)  # and it reads


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("spaced", [False, True], ids=["plain", "header-with-trailing-space"])
def test_every_save_keeps_every_comment(data_dir: Path, crlf: bool, spaced: bool) -> None:
    path = _plan(data_dir)
    text, comments = _commented(path.read_text("utf-8"))
    if spaced:
        text = text.replace("[[log]]\n", "[[log]] \n")
    if crlf:
        text = text.replace("\n", "\r\n")
    path.write_bytes(text.encode())
    before = files.read_plan(path).plan

    # A new session logged: a block appended.
    assert _cli(START + dt.timedelta(days=7), "done") == 0
    _kept(path, comments)
    # A session logged again: its block rewritten.
    assert _cli(START + dt.timedelta(days=7), "done", START.isoformat(), "--replace",
                "--pain", "4", "--note", "again") == 0  # fmt: skip
    _kept(path, comments)
    # A calendar move: the head (its overrides) rewritten.
    service = PlanService.open(path, START + dt.timedelta(days=7))
    session = actions.find_session(service.whole(), "2026-12-09")
    service.apply(lambda plan: actions.move_session(plan, session, dt.date(2026, 12, 10)))
    _kept(path, comments)
    # A change of days: the head rewritten again.
    assert _cli(START + dt.timedelta(days=7), "days", "tue,sat", "--from", "2026-12-12") == 0
    _kept(path, comments)

    after = files.read_plan(path).plan
    first = after.entry(START)
    assert first is not None
    assert first.pain == 4
    assert [e.date for e in after.log] == [*(e.date for e in before.log), dt.date(2026, 12, 7)]
    assert after.overrides[0].moved_to == dt.date(2026, 12, 10)
    raw = path.read_bytes()
    if crlf:
        assert raw.count(b"\n") == raw.count(b"\r\n"), "a CRLF file stays CRLF"
    else:
        assert b"\r" not in raw


def test_the_old_save_rewrote_a_crlf_file_whole(data_dir: Path) -> None:
    """The regression: a CRLF file was not laid out block by block, so a save wrote it anew."""
    path = _plan(data_dir)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert files.read_plan(path).blocks is not None


_OPS = st.lists(st.sampled_from(["log", "skip", "relog", "move", "undo"]), max_size=5)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    ops=_OPS,
    spots=st.lists(st.integers(min_value=1, max_value=10_000), min_size=1, max_size=8),
    crlf=st.booleans(),
)
def test_random_changes_keep_every_comment(
    data_dir: Path, ops: list[str], spots: list[int], crlf: bool
) -> None:
    """Comments anywhere between tables and keys, then random logs, skips, re-logs, moves and
    undos (back to the commented version at most): every comment is still there (none of these
    removes an entry), the file reads, and
    it holds the plan the same changes make of the file without comments."""
    runs = []
    for commented in (True, False):
        data_dir.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(dir=data_dir))
        os.environ["WORKOUT_DATA_DIR"] = str(folder)
        path = _plan(folder)
        lines = path.read_text("utf-8").split("\n")
        comments: list[str] = []
        if commented:
            for number, spot in enumerate(sorted(set(spots), reverse=True)):
                at = spot % len(lines)
                if not lines[at].startswith((" ", "]")):  # not inside an array of sets
                    comments.append(f"# comment {number}")
                    lines.insert(at, comments[-1])
        text = "\n".join(lines)
        path.write_bytes((text.replace("\n", "\r\n") if crlf else text).encode())
        today = START + dt.timedelta(days=7)
        saves = 0  # changes saved since the comments were written (undo goes back no further)
        for op in ops:
            if op == "undo" and not saves:
                continue
            raw = path.read_bytes()
            _change(path, op, today)
            if path.read_bytes() != raw:
                saves += -1 if op == "undo" else 1
            today += dt.timedelta(days=2)
            _kept(path, comments)
        runs.append(files.read_plan(path).plan)
    assert attrs.evolve(runs[0], id="") == attrs.evolve(runs[1], id="")  # (each has its own id)


def _change(path: Path, op: str, today: dt.date) -> None:
    if op == "log":
        _cli(today, "done")
    elif op == "skip":
        _cli(today, "skip", "--note", "away")
    elif op == "relog":
        _cli(today, "done", START.isoformat(), "--replace", "--pain", "3")
    elif op == "undo":
        _cli(today, "undo")
    else:
        service = PlanService.open(path, today)
        session = service.window().next_planned()
        if session is not None:
            to = session.scheduled.date + dt.timedelta(days=1)
            service.apply(lambda plan: actions.move_session(plan, session, to))


def test_a_read_only_command_never_imports_tomlkit(data_dir: Path) -> None:
    """tomlkit (tens of ms to import) is for the saves that rewrite a commented part only."""
    _plan(data_dir)
    code = (
        "import sys; from planner.cli import main; main(['--today', '2026-12-07', 'today']); "
        "main(['--today', '2026-12-07', 'done']); print('tomlkit' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True
    )
    assert out.stdout.strip().endswith("False"), out.stdout
