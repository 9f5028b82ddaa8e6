"""Issue 13 in the real app: nothing typed is lost, keys belong to screens, the app lives with
the shell (a session logged with ``workout done`` shows up), one dialog style."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Input, Static

from planner import files, safewrite
from planner.cli import main
from planner.files import PlanFile
from screens.app import WorkoutApp
from screens.confirm import ChoiceScreen, ConfirmScreen
from screens.file_watch import PlanFileWatch
from screens.help import HelpScreen
from screens.today import TodayScreen

from .conftest import TODAY
from .helpers import screen_text, settle

SIZE = (100, 30)


def cli(*words: str) -> int:
    """The real ``workout`` command, run in this process."""
    return main(["--today", TODAY.isoformat(), *words])


async def wait_for(pilot: Any, ready: Any, seconds: float = 3.0) -> None:
    """Let the app run until ``ready()`` (the watch polls every 0.5 s)."""
    for _ in range(int(seconds / 0.1)):
        if ready():
            return
        await pilot.pause(0.1)
    raise AssertionError(f"timed out; the screen was:\n{screen_text(pilot)}")


class Form(Screen[None]):
    """A screen holding typed input, as the set-by-set log does."""

    UNSAVED_WHAT = "the sets you typed"

    def compose(self) -> Any:
        yield Input("5, 5, 5", id="reps")
        yield Static("form")

    def has_unsaved_input(self) -> bool:
        return True


# Keys belong to screens ----------------------------------------------------------------------


async def test_single_letter_keys_do_nothing_in_the_wizard_or_help(plan_file: PlanFile) -> None:
    assert cli("skip") == 0  # something u would undo
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        for key in ("u", "c", "g", "e", "p", "n", "d", "s", "P", "b"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen), key
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")  # the wizard
        await settle(pilot)
        wizard = app.screen
        assert not isinstance(wizard, TodayScreen)
        app.set_focus(None)  # even with no field focused, a letter is not a global key
        await pilot.press("u", "c", "g")
        await settle(pilot)
        assert app.screen is wizard
    entry = files.read_plan(plan_file.path).plan.entry(TODAY)
    assert entry is not None
    assert entry.status == "skipped"


# Nothing typed is lost -------------------------------------------------------------------------


async def test_quit_asks_before_typed_input_is_lost(plan_file: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.push_screen(Form())
        await pilot.pause()
        app.set_focus(None)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Quit and lose the sets you typed?" in screen_text(pilot)
        await pilot.press("enter")  # the highlighted default keeps editing
        await pilot.pause()
        assert isinstance(app.screen, Form)
        app.set_focus(None)  # (in the field, q is typed)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_a_failed_save_blocks_quitting_until_written_elsewhere(
    plan_file: PlanFile, tmp_path: Path
) -> None:
    before = plan_file.path.read_bytes()

    def full(point: str) -> None:
        if point == "temp_written":
            raise OSError(28, "No space left on device")

    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        safewrite.fault_hook = full
        try:
            await pilot.press("d", "y")
            await settle(pilot)
        finally:
            safewrite.fault_hook = None
        assert app.failed_changes
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "A change is not saved" in screen_text(pilot)
        await pilot.press("escape")  # keep working
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        field = app.screen.query_one("#answer", Input)
        field.value = str(tmp_path / "kept.toml")
        await pilot.press("enter")
        await settle(pilot)
    assert not app.is_running
    kept = files.read_plan(tmp_path / "kept.toml").plan.entry(TODAY)
    assert kept is not None
    assert kept.status == "done"
    assert (tmp_path / "kept.toml").stat().st_mode & 0o777 == 0o600
    assert plan_file.path.read_bytes() == before  # the plan file keeps its last saved version


async def test_a_failed_save_saved_again_then_quits(plan_file: PlanFile) -> None:
    calls: list[str] = []

    def once(point: str) -> None:
        if point == "temp_written" and not calls:
            calls.append(point)
            raise OSError(28, "No space left on device")

    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        safewrite.fault_hook = once
        try:
            await pilot.press("d", "y")
            await settle(pilot)
            await pilot.press("q")
            await pilot.pause()
            await pilot.press("s")  # save again: it works now, and the app closes
            await settle(pilot)
        finally:
            safewrite.fault_hook = None
    assert not app.is_running
    entry = files.read_plan(plan_file.path).plan.entry(TODAY)
    assert entry is not None
    assert entry.status == "done"


# Live with the shell ---------------------------------------------------------------------------


async def test_a_session_logged_from_the_shell_shows_up_and_says_so(
    plan_file: PlanFile, data_dir: Path
) -> None:
    app = WorkoutApp(today=TODAY)
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        original = app.notify
        app.notify = lambda message, **kw: notes.append(message) or original(message, **kw)  # type: ignore[method-assign,func-returns-value]
        assert "Today · Mon 2026-11-30" in screen_text(pilot)
        assert cli("done") == 0  # the shell, while the app is open
        await wait_for(pilot, lambda: "Today's session is done" in screen_text(pilot), 1.5)
        assert any("From elsewhere: logged Mon 2026-11-30 (done)" in note for note in notes)
        # The app's next change builds on that file: no conflict, no conflict file.
        await pilot.press("s", "y")  # the next session, Wed
        await settle(pilot)
    plan = files.read_plan(plan_file.path).plan
    assert [(e.date.isoformat(), e.status) for e in plan.log] == [
        ("2026-11-30", "done"),
        ("2026-12-02", "skipped"),
    ]
    assert not list((data_dir / "plans").glob("*conflict*"))


def record_notes(app: WorkoutApp) -> list[tuple[str, str]]:
    """Every notification of ``app`` from now on, as (message, title); each is shown too."""
    notes: list[tuple[str, str]] = []
    original = app.notify

    def notify(message: str, **kw: Any) -> None:
        notes.append((message, kw.get("title", "")))
        original(message, **kw)

    app.notify = notify  # type: ignore[method-assign]
    return notes


async def _undo(pilot: Any) -> None:
    await pilot.press("u")


async def _restore_from_history(pilot: Any) -> None:
    await pilot.press("h")
    await wait_for(pilot, lambda: "before a save" in screen_text(pilot))
    await pilot.press("enter")  # the version before the log
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
    await pilot.press("y")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, TodayScreen))


@pytest.mark.parametrize(
    ("put_back", "said", "expected"),
    [
        (_undo, "Undid", ["Undid the log of Mon 30 Nov (done)."] * 3),
        (_restore_from_history, "Restored version", None),
    ],
)
async def test_an_undo_or_a_restore_is_not_taken_for_a_change_made_elsewhere(
    plan_file: PlanFile,
    monkeypatch: pytest.MonkeyPatch,
    put_back: Callable[[Any], Awaitable[None]],
    said: str,
    expected: list[str] | None,
) -> None:
    # An undo (or a restore) writes the file before the plan it put back is shown: the watch,
    # checking meanwhile, read the file again as changed by another process (said so, and
    # projected the whole plan a second time, with the one shown still alive).
    monkeypatch.setattr(PlanFileWatch, "SECONDS", 0.001)  # the watch checks all the time
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = record_notes(app)
        for _ in range(3):
            await pilot.press("d", "y")
            await settle(pilot)
            await put_back(pilot)
            await settle(pilot)
            await pilot.pause(0.05)
            await settle(pilot)
            assert "Today · Mon 2026-11-30" in screen_text(pilot)
    put_back_notes = [m for m, _ in notes if m.startswith(said)]
    assert len(put_back_notes) == 3
    if expected is not None:
        assert put_back_notes == expected
    assert [m for m, title in notes if title == "Changed elsewhere"] == []


async def test_the_same_bytes_written_again_are_no_change(plan_file: PlanFile) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        service = app.service
        assert service is not None
        raw = plan_file.path.read_bytes()
        plan_file.path.write_bytes(raw)  # a new mtime, the same bytes
        os.utime(plan_file.path, ns=(1, 1))
        shown = app.projection
        await pilot.pause(0.7)
        await settle(pilot)
        assert app.projection is shown  # nothing reloaded, nothing said
        assert not service.changed_on_disk()


async def test_a_session_changed_from_the_shell_under_an_open_dialog_is_not_overwritten(
    plan_file: PlanFile, data_dir: Path
) -> None:
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert cli("skip", "--note", "flu") == 0  # meanwhile, in the shell
        await pilot.pause(0.7)
        await pilot.press("y")
        await settle(pilot)
        await wait_for(pilot, lambda: "Today's session is skipped" in screen_text(pilot))
        assert not app.unsaved  # nothing to retry with Ctrl+S
    entry = files.read_plan(plan_file.path).plan.entry(TODAY)
    assert entry is not None
    assert (entry.status, entry.note) == ("skipped", "flu")
    assert not list((data_dir / "plans").glob("*conflict*"))


# One dialog style ------------------------------------------------------------------------------


async def test_skip_keeps_n_out_of_the_note_and_names_the_log_it_replaces(
    plan_file: PlanFile,
) -> None:
    assert cli("done", "--pain", "3") == 0
    app = WorkoutApp(today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("left")  # Mon, logged (the dashboard shows the next session)
        await pilot.press("s")
        await pilot.pause()
        text = " ".join(screen_text(pilot).replace("█", " ").split())
        assert "It is logged as done: Squat 5×5 @ 40 kg ✓" in text
        assert "pain 3/10. This replaces that." in text
        await pilot.press("n")  # no: never typed into the note
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("d")
        await pilot.pause()
        assert "Log Mon 30 Nov again as done" in screen_text(pilot)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("l")  # set by set: asks first, too
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Log Mon 30 Nov again, set by set?" in screen_text(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "LogSessionScreen"
    entry = files.read_plan(plan_file.path).plan.entry(TODAY)
    assert entry is not None
    assert (entry.status, entry.pain) == ("done", 3)
