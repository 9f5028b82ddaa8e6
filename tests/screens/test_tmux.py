"""The real ``workout`` command in a real terminal (tmux): start, log a session, quit.

Skipped only when tmux is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from planner import files
from planner.files import PlanFile

from .conftest import TODAY

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

ROOT = Path(__file__).resolve().parents[2]


class Tmux:
    """One tmux server of our own (its own socket), holding one window 100×30."""

    def __init__(self, name: str) -> None:
        self.socket = f"workout-test-{os.getpid()}-{name}"
        self.target = "main"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """A tmux command on our server."""
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check
        )

    def start(self, command: str) -> None:
        """Start ``command`` in a detached 100×30 window."""
        self.run("new-session", "-d", "-s", self.target, "-x", "100", "-y", "30", command)

    def screen(self) -> str:
        """The window's text."""
        return self.run("capture-pane", "-p", "-t", self.target, check=False).stdout

    def keys(self, *keys: str) -> None:
        """Type ``keys`` (tmux key names)."""
        self.run("send-keys", "-t", self.target, *keys)

    def alive(self) -> bool:
        """Whether the window (the app) is still running."""
        return self.run("has-session", "-t", self.target, check=False).returncode == 0

    def wait(self, ready: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
        """Poll until ``ready()``; fail with the screen after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if ready():
                return
            time.sleep(0.1)
        pytest.fail(f"timed out waiting for {what}; the screen was:\n{self.screen()}")

    def kill(self) -> None:
        """Stop our server (and the app in it, if still running)."""
        self.run("kill-server", check=False)


@pytest.fixture
def tmux(request: pytest.FixtureRequest) -> Iterator[Tmux]:
    """A tmux server for this test, killed afterwards."""
    server = Tmux(request.node.name[:20].replace("[", "-").replace("]", ""))
    yield server
    server.kill()


def test_log_a_session_in_the_real_app(plan_file: PlanFile, data_dir: Path, tmux: Tmux) -> None:
    pythonpath = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    command = (
        f"cd {ROOT} && WORKOUT_DATA_DIR={data_dir} PYTHONPATH={pythonpath} "
        f"{sys.executable} -m planner --today {TODAY.isoformat()}"
    )
    tmux.start(command)
    tmux.wait(lambda: "Today · Mon 2026-11-30" in tmux.screen(), "the dashboard")
    tmux.wait(lambda: "5×5 @ 40 kg" in tmux.screen(), "the session")  # (drawn a frame later)
    tmux.keys("d")
    tmux.wait(lambda: "Log Mon 30 Nov as done" in tmux.screen(), "the confirmation")
    tmux.keys("y")
    tmux.wait(lambda: "Today's session is done" in tmux.screen(), "the saved session")
    tmux.keys("q")
    tmux.wait(lambda: not tmux.alive(), "the app to quit")
    entry = files.read_plan(plan_file.path).plan.entry(TODAY)
    assert entry is not None
    assert entry.status == "done"


def test_a_session_logged_from_the_shell_shows_up_in_the_open_app(
    plan_file: PlanFile, data_dir: Path, tmux: Tmux
) -> None:
    pythonpath = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env = f"WORKOUT_DATA_DIR={data_dir} PYTHONPATH={pythonpath}"
    tmux.start(f"cd {ROOT} && {env} {sys.executable} -m planner --today {TODAY.isoformat()}")
    tmux.wait(lambda: "Today · Mon 2026-11-30" in tmux.screen(), "the dashboard")
    shell = subprocess.run(
        [sys.executable, "-m", "planner", "--today", TODAY.isoformat(), "done", "--pain", "2"],
        cwd=ROOT,
        env={**os.environ, "WORKOUT_DATA_DIR": str(data_dir), "PYTHONPATH": pythonpath},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Logged Mon 2026-11-30" in shell.stdout
    started = time.monotonic()
    tmux.wait(lambda: "Today's session is done" in tmux.screen(), "the session logged elsewhere")
    assert time.monotonic() - started < 2.0  # polled every 0.5 s

    def said() -> str:  # the notice slides in a moment later, and may wrap
        return " ".join(tmux.screen().replace("▌", " ").split())

    tmux.wait(lambda: "From elsewhere: logged Mon 2026-11-30 (done" in said(), "what changed, said")
    tmux.keys("q")
    tmux.wait(lambda: not tmux.alive(), "the app to quit")
    assert not list((data_dir / "plans").glob("*conflict*"))
