"""Snapshots of every screen, at 80×24 (the size every screen is designed for) and 120×36.

Each case is a state a person reaches with the keyboard from the start of the app (its footer
keeping ``?`` and ``q`` however narrow), on a fixed
plan and a fixed today (:data:`tests.screens.conftest.TODAY`), in a fixed theme, with every
path shown under a fixed home directory (``~``). :func:`test_every_screen_has_snapshots`
fails when a screen class is added under ``screens/`` without a case here.

Regenerate after an intended change: ``pytest tests/screens/test_snapshots.py
--snapshot-update``, then look at the report (``snapshot_report.html``) before committing.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from textual.pilot import Pilot
from textual.screen import Screen

import screens
from planner import config, files, safewrite
from planner.files import PlanFile
from planner.model import LogEntry
from screens.app import WorkoutApp
from screens.back_care import BackCareScreen
from screens.calendar import CalendarScreen
from screens.confirm import ChoiceScreen, ConfirmScreen
from screens.data_error import DataErrorScreen
from screens.days_dialog import DaysDialog
from screens.export_dialog import ExportScreen
from screens.help import HelpScreen
from screens.history import HistoryScreen
from screens.log_session import LogSessionScreen
from screens.merge import MergeScreen
from screens.plans import PlansScreen
from screens.program_editor import ProgramEditorScreen
from screens.progress import ProgressScreen
from screens.today import TodayScreen
from screens.widgets import SessionScreen
from screens.wizard import NewPlanScreen

from .conftest import TODAY, make_plan
from .helpers import screen_text, settle

SIZES = ((80, 24), (120, 36))
"""The size every screen is designed for, and a roomy one."""

NOT_SHOWN: dict[type[Screen[Any]], str] = {
    SessionScreen: "the base of the dashboard and the calendar, never shown itself",
}
"""Screen classes under ``screens/`` that are never on screen themselves, and why."""

Steps = Callable[[Pilot[None]], Awaitable[None]]


@attrs.frozen
class Case:
    """A state of the app: the screen on top, the data behind it and the keys that lead to it."""

    shows: type[Screen[Any]]
    """The screen on top once ``steps`` ran (checked before the snapshot is taken)."""
    steps: Steps
    today: dt.date = TODAY
    prepare: Callable[[PlanFile], None] = lambda plan_file: None
    """Changes the plan files before the app starts."""


def press(*keys: str) -> Steps:
    """Press ``keys``, each followed by the loads and saves it causes."""

    async def steps(pilot: Pilot[None]) -> None:
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return steps


def log_red_flag(plan_file: PlanFile) -> None:
    """Today's session logged with pain spreading down the leg (a red flag)."""
    current = files.read_plan(plan_file.path)
    entry = LogEntry(date=TODAY, status="done", pain=9, pain_where="leg")
    files.save_plan(current, current.plan.with_entry(entry))


def break_file(plan_file: PlanFile) -> None:
    """Line 3 of the plan is no longer TOML, and there is a second plan to switch to."""
    lines = plan_file.path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = "days = [mon, thu\n"
    plan_file.path.write_text("".join(lines), encoding="utf-8")


def two_plans(plan_file: PlanFile) -> None:
    """A second plan, created later (the one in use stays the first)."""
    make_plan("Hypertrophy block with a long name", weeks=8)
    config.remember(last_plan=plan_file.path.stem)


async def failed_save(pilot: Pilot[None]) -> None:
    """Done on today's session while the disk is full, then ``q``: the app asks what to do."""

    def full(point: str) -> None:
        if point == "temp_written":
            raise OSError(28, "No space left on device")

    safewrite.fault_hook = full
    try:
        await press("d", "y")(pilot)
    finally:
        safewrite.fault_hook = None
    pilot.app.clear_notifications()
    await press("q")(pilot)


async def typed_then_quit(pilot: Pilot[None]) -> None:
    """Sets typed on the log, focus off the fields, then ``q``: the app asks first."""
    await press("l", "4")(pilot)  # the first set's reps: 4
    pilot.app.set_focus(None)
    await press("q")(pilot)


def _logged(plan_file: PlanFile, *entries: LogEntry) -> None:
    """Save each of ``entries`` in turn, as separate changes (each keeps a backup)."""
    for entry in entries:
        current = files.read_plan(plan_file.path)
        files.save_plan(current, current.plan.with_entry(entry))


def two_versions(plan_file: PlanFile) -> None:
    """Two sessions logged, one save each; the backups' times fixed (they name the clock)."""
    _logged(
        plan_file,
        LogEntry(date=TODAY, status="done", pain=2),
        LogEntry(date=TODAY + dt.timedelta(days=2), status="skipped", note="away"),
    )
    folder = plan_file.path.parent / ".backups" / plan_file.path.name
    for number, backup in enumerate(sorted(folder.iterdir()), start=1):
        sequence, _stamp, kind = backup.name.split("-", 2)
        backup.rename(folder / f"{sequence}-202611{number:02d}T090000Z-{kind}")


def sync_conflict(plan_file: PlanFile) -> None:
    """A Syncthing conflict copy: one session logged differently on another device, and one
    logged only there."""
    path = plan_file.path
    later = TODAY + dt.timedelta(days=2)
    _logged(
        plan_file,
        LogEntry(date=TODAY, status="skipped", note="from the phone"),
        LogEntry(date=later, status="done"),
    )
    copy = path.with_name(f"{path.stem}.sync-conflict-20261201-101010-ABCDEFG.toml")
    copy.write_bytes(path.read_bytes())
    copy.chmod(0o600)
    current = files.read_plan(path)
    mine = LogEntry(date=TODAY, status="done", pain=3, note="from the laptop")
    files.save_plan(current, current.plan.without_entry(later).with_entry(mine))


async def history_read(pilot: Pilot[None]) -> None:
    """The history screen, once its list of versions is read (in the background)."""
    from textual.widgets import DataTable

    await press("h")(pilot)
    for _ in range(50):
        tables = pilot.app.screen.query(DataTable)
        if tables and tables.first().row_count:
            break
        await pilot.pause(0.1)
    await press()(pilot)


async def wizard_settled(pilot: Pilot[None]) -> None:
    """The wizard opened, and its timeline and preview drawn once typing paused."""
    from screens.wizard import SETTLE

    await press("n")(pilot)
    await pilot.pause(SETTLE + 0.1)
    await press()(pilot)


async def program_form(pilot: Pilot[None]) -> None:
    """The program editor with a program copied to edit: its days, and the form of a slot."""
    await press("P", "ctrl+d")(pilot)


CASES: dict[str, Case] = {
    "dashboard": Case(TodayScreen, press()),
    "dashboard_missed": Case(TodayScreen, press(), today=TODAY + dt.timedelta(days=3)),
    "dashboard_red_flag": Case(
        TodayScreen, press(), today=TODAY + dt.timedelta(days=1), prepare=log_red_flag
    ),
    "dashboard_after_done": Case(TodayScreen, press("d", "y")),
    "confirm_done": Case(ConfirmScreen, press("d")),
    "confirm_skip": Case(ConfirmScreen, press("s")),
    "quit_with_typed_sets": Case(ConfirmScreen, typed_then_quit),
    "quit_after_failed_save": Case(ChoiceScreen, failed_save),
    "log_session": Case(LogSessionScreen, press("l")),
    "calendar": Case(CalendarScreen, press("d", "y", "c", "down")),
    "wizard": Case(NewPlanScreen, wizard_settled),
    "plans": Case(PlansScreen, press("p"), prepare=two_plans),
    "programs": Case(ProgramEditorScreen, press("P")),
    "program_editor": Case(ProgramEditorScreen, program_form),
    "progress": Case(ProgressScreen, press("d", "y", "g")),
    "export": Case(ExportScreen, press("e")),
    "help": Case(HelpScreen, press("question_mark")),
    "history": Case(HistoryScreen, history_read, prepare=two_versions),
    "merge": Case(MergeScreen, press(), prepare=sync_conflict),
    "back_care": Case(BackCareScreen, press("b")),
    "data_error": Case(DataErrorScreen, press(), prepare=break_file),
    "days_dialog": Case(DaysDialog, press("D", "2")),  # Tuesday ticked: what it will do
}
"""Each state snapshotted, by name."""

PARAMS = [
    pytest.param(name, size, id=f"{name}-{size[0]}x{size[1]}") for name in CASES for size in SIZES
]


@pytest.fixture
def fixed_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Home and the working directory are ``tmp_path``: paths show as ``~/…`` on every machine."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(("name", "size"), PARAMS)
def test_screen(
    snap_compare: Callable[..., bool],
    plan_file: PlanFile,
    fixed_home: Path,
    name: str,
    size: tuple[int, int],
) -> None:
    case = CASES[name]
    config.remember(theme="textual-dark")  # whatever Textual's default becomes
    case.prepare(plan_file)
    app = WorkoutApp(today=case.today)

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        app.pause_watching()  # the plan file is not changed behind the snapshot
        await case.steps(pilot)
        await settle(pilot)
        app.clear_notifications()  # toasts come and go with time
        await pilot.pause()
        assert type(app.screen) is case.shows, f"{name} shows {type(app.screen).__name__}"
        keys = screen_text(pilot).splitlines()[-1]
        if case.shows is not HelpScreen:  # (there ? and q close help)
            assert "? Help" in keys, f"the keys at {size} read: {keys}"
            assert "q Quit" in keys, f"the keys at {size} read: {keys}"

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_calendar_in_a_light_theme(
    snap_compare: Callable[..., bool], plan_file: PlanFile, fixed_home: Path
) -> None:
    app = WorkoutApp(today=TODAY)

    async def light(pilot: Pilot[None]) -> None:
        await settle(pilot)
        pilot.app.theme = "textual-light"
        await press("c")(pilot)

    assert snap_compare(app, terminal_size=SIZES[0], run_before=light)


def screen_classes() -> set[type[Screen[Any]]]:
    """Every Screen subclass defined in a module of the ``screens`` package."""
    found: set[type[Screen[Any]]] = set()
    for module_info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"screens.{module_info.name}")
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Screen) and value.__module__ == module.__name__:
                found.add(value)
    return found


def test_every_screen_has_snapshots() -> None:
    covered = {(CASES[p.values[0]].shows, p.values[1]) for p in PARAMS}  # type: ignore[index]
    missing = [
        f"{cls.__module__}.{cls.__name__} at {width}×{height}"
        for cls in screen_classes() - NOT_SHOWN.keys()
        for width, height in SIZES
        if (cls, (width, height)) not in covered
    ]
    assert not missing, f"screens without a snapshot case in CASES: {sorted(missing)}"
    assert NOT_SHOWN.keys() <= screen_classes(), "NOT_SHOWN names a class that is gone"
