"""The workout planner's Textual app: screens, keys, and the plan loaded and saved in workers.

Screens never touch files: they hand a change (a function ``Plan -> Plan`` from
:mod:`planner.actions`) to :meth:`WorkoutApp.change_plan`, which applies it in memory and saves it
at once in a worker; the re-projected plan comes back as a message and screens watch
:attr:`WorkoutApp.projection`.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from planner import files, storage
from planner.errors import ConflictError, DataFileError, WorkoutError
from planner.present import next_line
from planner.projection import Projection, project_plan
from screens.today import TodayScreen
from screens.widgets import describe_undo

if TYPE_CHECKING:
    from planner.files import PlanFile
    from planner.model import Plan

Change = Callable[["Plan"], "Plan"]
"""A change to a plan: a function of :mod:`planner.actions` with its arguments bound."""

_NEED_A_PLAN = frozenset({"calendar", "undo", "progress", "export", "save"})
READ_ONLY = "This plan was written by a newer version of workout: it is read-only here."


class WorkoutApp(App[None]):
    """Today's session, the log, the calendar and the plan files, in the terminal."""

    TITLE = "workout"
    # The default screen's own CSS_PATH is not read by Textual, so the app reads it.
    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", "today.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "calendar", "Calendar", tooltip="Every week of the plan"),
        Binding("u", "undo", "Undo", tooltip="Restore the plan as it was before the last change"),
        Binding("p", "plans", "Plans", show=False, tooltip="Switch to another plan"),
        Binding("n", "new_plan", "New plan", show=False, tooltip="Create a plan"),
        Binding("g", "progress", "Progress", show=False, tooltip="Loads and sessions over time"),
        Binding(
            "e", "export", "Export", show=False, tooltip="Calendar, spreadsheet, Markdown, JSON"
        ),
        Binding("P", "programs", "Programs", show=False, tooltip="Your own program templates"),
        Binding("ctrl+s", "save", "Save again", show=False, tooltip="Retry a save that failed"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="Every key"),
        Binding("q", "quit", "Quit", tooltip="Everything is saved already"),
    ]

    projection: var[Projection | None] = var(None, always_update=True)
    """The plan with every session derived (None until a plan is loaded); screens watch it."""

    class PlanLoaded(Message):
        """A plan was read (opened, restored) or a change to it saved, and it was projected:
        first as a window round the next session (quick, whatever the plan's length), then
        again whole (``projection.complete``)."""

        def __init__(self, plan_file: PlanFile, projection: Projection, note: str, saved: bool):
            super().__init__()
            self.plan_file = plan_file
            self.projection = projection
            self.note = note
            self.saved = saved

    class PlanProjected(Message):
        """The plan in memory, projected whole."""

        def __init__(self, projection: Projection) -> None:
            super().__init__()
            self.projection = projection

    class LoadFailed(Message):
        """A plan could not be read: a data problem, shown with its backups."""

        def __init__(self, path: Path, error: WorkoutError, backups: Sequence[Path]) -> None:
            super().__init__()
            self.path = path
            self.error = error
            self.backups = tuple(backups)

    class ActionFailed(Message):
        """A save (conflict, disk full, read-only) or an undo failed; a change stays in memory."""

        def __init__(self, error: WorkoutError, projection: Projection | None = None) -> None:
            super().__init__()
            self.error = error
            self.projection = projection
            """The unsaved plan, projected (after a failed save)."""

    class PlanMissing(Message):
        """There is no plan yet."""

    def __init__(self, today: dt.date | None = None, plan: Path | None = None) -> None:
        super().__init__()
        self.today: dt.date = today or files.today()
        """The date the app treats as today."""
        self.plan_file: PlanFile | None = None
        """The plan as last read or saved (its fingerprint guards the next save)."""
        self.plan: Plan | None = None
        """The plan in memory: ahead of :attr:`plan_file` while a save runs or after one failed."""
        self._first_path = plan
        self._lock = threading.Lock()
        self._pending: list[Callable[[], None]] = []
        """Actions waiting for the whole plan to be projected."""

    def get_default_screen(self) -> Screen[None]:
        """The dashboard is the base of the screen stack."""
        return TodayScreen()

    def on_mount(self) -> None:
        """Open the plan (the one asked for, or the last used): one read before (and kept in
        the cache) opens with the first frame; one that must be parsed opens in the background
        while the dashboard says so."""
        path = self._first_path or files.last_used_plan()
        plan_file = None if path is None else files.cached_plan(path)
        if plan_file is None:  # (after the first frame, which says the plan is being opened)
            self.call_after_refresh(self.load_plan, path)
            return
        self.plan_file = plan_file
        window = self._window(plan_file.plan, plan_file)
        self.on_workout_app_plan_loaded(self.PlanLoaded(plan_file, window, "", saved=False))
        self.call_after_refresh(self._settle, plan_file, window)

    @work(thread=True, group="settle", exit_on_error=False, description="keep checkpoints")
    def _settle(self, plan_file: PlanFile, window: Projection) -> None:
        """After the first frame: tidy temp files a killed save left, and keep the window's
        checkpoints with the plan in the cache (the next start resumes there)."""
        storage.clean_stale_temp(plan_file.path.parent)
        remembered = files.remember(plan_file, window)
        with self._lock:
            if self.plan_file is plan_file:
                self.plan_file = remembered

    # Loading and saving (threads; results come back as messages) ---------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, description="load")
    def load_plan(
        self, path: Path | None = None, *, undo: bool = False, restore: Path | None = None
    ) -> None:
        """Read a plan and project it; after ``undo`` the previous version, after ``restore``
        the given backup (the version it replaces is kept as a backup, even a broken one)."""
        note = ""
        try:
            path = path or files.last_used_plan()
            if path is None:
                self.post_message(self.PlanMissing())
                return
            storage.clean_stale_temp(path.parent)  # left by a save that was killed
            if undo:
                storage.undo(path)
            elif restore is not None:
                storage.restore(path, restore)
            plan_file = files.read_plan(path)
            if undo:
                note = f"Undid {describe_undo(self.plan, plan_file.plan)}."
        except WorkoutError as error:
            if path is None or not isinstance(error, DataFileError):
                self.post_message(self.ActionFailed(error))
                return
            self.post_message(self.LoadFailed(path, error, storage.backups(path)))
            return
        window = self._window(plan_file.plan, plan_file)
        plan_file = files.remember(plan_file, window)
        with self._lock:
            self.plan_file = plan_file
        self.post_message(self.PlanLoaded(plan_file, window, note, saved=False))

    @work(
        thread=True,
        exclusive=True,
        group="project",
        exit_on_error=False,
        description="project the whole plan",
    )
    def _project_whole(self, window: Projection) -> None:
        """The whole plan of ``window`` (the calendar, progress and exports need every
        session), from its checkpoints and the sessions of the last whole projection that
        still hold; the plan file keeps the checkpoints for next time."""
        previous = self.projection
        projection = project_plan(
            window.plan,
            self.today,
            checkpoints=window.checkpoints,
            previous=previous if previous is not None and previous.complete else None,
        )
        self.post_message(self.PlanProjected(projection))
        with self._lock:
            if self.plan_file is not None and self.plan_file.plan is window.plan:
                self.plan_file = files.remember(self.plan_file, projection)

    @work(thread=True, group="save", exit_on_error=False, description="save")
    def _save(self, plan: Plan, note: str) -> None:
        with self._lock:  # saves run one after another, each on the fingerprint of the last
            if self.plan_file is None:
                return
            try:
                saved = files.save_plan(self.plan_file, plan)
            except WorkoutError as error:
                self.post_message(self.ActionFailed(error, self._window(plan, self.plan_file)))
                return
            self.plan_file = saved
        self.post_message(self.PlanLoaded(saved, self._window(plan, saved), note, saved=True))

    def _window(self, plan: Plan, plan_file: PlanFile) -> Projection:
        """``plan`` round its next session, resumed from ``plan_file``'s checkpoints."""
        return project_plan(plan, self.today, horizon=True, checkpoints=plan_file.checkpoints)

    def on_workout_app_plan_loaded(self, message: PlanLoaded) -> None:
        """Show the loaded (or saved) plan everywhere, then project it whole."""
        if not message.saved:
            self.plan = message.plan_file.plan
            while getattr(self.screen, "CLOSES_ON_LOAD", False):  # the plan list, a data error
                self.pop_screen()
        if message.plan_file.plan is self.plan:  # an older save's result is already stale
            self._show(message.projection)
        self.sub_title = message.plan_file.plan.name
        if message.note:
            upcoming = message.projection.next_planned()
            extra = f"\n{next_line(message.projection, upcoming)}" if message.saved else ""
            self.notify(message.note + extra)

    def on_workout_app_plan_projected(self, message: PlanProjected) -> None:
        """The whole plan is projected: the calendar, progress and exports can use it."""
        if message.projection.plan is self.plan:
            self._show(message.projection)

    def _show(self, projection: Projection) -> None:
        self.projection = projection
        self.refresh_bindings()  # the keys that need a plan
        if projection.complete:
            # A long plan is ~10⁶ long-lived objects: keep them out of the cyclic GC, whose full
            # passes would otherwise stall a key press now and then (freed by refcount as usual).
            gc.freeze()
            pending, self._pending = self._pending, []
            for action in pending:
                action()
        else:  # once this frame is on screen: the whole plan, in the background
            self.call_after_refresh(self._project_whole, projection)

    def _whole(self, action: Callable[[], None], what: str) -> bool:
        """Whether the whole plan is projected; if not, ``action`` runs once it is."""
        if self.projection is not None and self.projection.complete:
            return True
        if action not in self._pending:
            self._pending.append(action)
        self.notify(f"Projecting the whole plan for the {what}…", timeout=2)
        return False

    def on_workout_app_load_failed(self, message: LoadFailed) -> None:
        """A data problem opens the error screen (never a traceback)."""
        from screens.data_error import DataErrorScreen

        if isinstance(self.screen, DataErrorScreen):
            self.pop_screen()
        self.push_screen(DataErrorScreen(message.path, message.error, message.backups))

    def on_workout_app_action_failed(self, message: ActionFailed) -> None:
        """Say what happened; the change stays in memory. On a conflict, offer to reload."""
        error = message.error
        if message.projection is not None and message.projection.plan is self.plan:
            self.projection = message.projection  # shows the unsaved change, marked as such
        if isinstance(error, ConflictError) and self.plan_file is not None:
            path = self.plan_file.path
            body = f"{error}\n\nYour change is kept here but not saved. Reload the plan from disk?"
            from screens.confirm import ConfirmScreen

            ask = ConfirmScreen("The plan changed on disk", body, yes="Reload", no="Not now")
            self.push_screen(ask, lambda answer: self._open(None if answer is None else path))
            return
        hint = "\nThe change is kept in memory: Ctrl+S tries again." if self.unsaved else ""
        self.notify(f"{error}{hint}", title="Not saved", severity="error", timeout=12)

    def on_workout_app_plan_missing(self) -> None:
        """No plan yet: start with the new-plan wizard, not an empty screen."""
        self.action_new_plan()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """An unexpected error in a worker is shown, not lost."""
        if event.state == WorkerState.ERROR:
            self.notify(str(event.worker.error), title="Unexpected error", severity="error")

    @property
    def unsaved(self) -> bool:
        """Whether the plan in memory has changes the file does not have."""
        return self.plan_file is not None and self.plan is not self.plan_file.plan

    def change_plan(self, change: Change, note: str) -> bool:
        """Apply ``change`` in memory and save it at once; a refused change saves nothing."""
        if self.plan is None or self.plan_file is None:
            return False
        if self.plan_file.read_only:
            self.notify(READ_ONLY, title="Not saved", severity="error")
            return False
        try:
            self.plan = change(self.plan)
        except (WorkoutError, ValueError) as error:
            self.notify(str(error), title="Not saved", severity="error")
            return False
        self._save(self.plan, note)
        return True

    # Keys --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that need an open plan are hidden (and do nothing) without one."""
        return self.projection is not None or action not in _NEED_A_PLAN

    def action_calendar(self) -> None:
        """Every week of the plan."""
        from screens.calendar import CalendarScreen

        if self.projection is not None and not isinstance(self.screen, CalendarScreen):
            self.push_screen(CalendarScreen())

    def action_undo(self) -> None:
        """Restore the plan as it was before the last change."""
        if self.plan_file is not None:
            self.load_plan(self.plan_file.path, undo=True)

    def action_plans(self) -> None:
        """Pick another plan (or create one)."""
        from screens.plans import PlansScreen

        current = self.plan_file.path if self.plan_file else None
        self.push_screen(PlansScreen(self.today, current), self._open)

    def _open(self, path: Path | None) -> None:
        if path is not None:
            self.load_plan(path)

    def _screen(self, module: str, name: str) -> Any:
        """A screen class imported when first used (a missing one is reported, not fatal)."""
        try:
            return getattr(importlib.import_module(f"screens.{module}"), name)
        except (ImportError, AttributeError) as error:
            self.notify(f"Not available: {error}", severity="error")
            return None

    def action_new_plan(self) -> None:
        """The new-plan wizard; the created plan opens."""

        def opened(plan_file: PlanFile | None) -> None:
            if plan_file is not None:
                self.load_plan(plan_file.path)
            elif self.plan_file is None:
                self.projection = None  # the dashboard says how to start

        if wizard := self._screen("wizard", "NewPlanScreen"):
            self.push_screen(wizard(self.today), opened)
        else:
            opened(None)

    def action_progress(self) -> None:
        """Loads and sessions over time."""
        if self.projection is None or not self._whole(self.action_progress, "progress"):
            return
        progress = self._screen("progress", "ProgressScreen")
        if progress is not None and not isinstance(self.screen, progress):
            self.push_screen(progress(self.projection))

    def action_export(self) -> None:
        """Write the plan as a calendar, spreadsheet, printable plan or JSON."""

        if self.plan_file is None or self.projection is None:
            return
        if not self._whole(self.action_export, "export"):
            return
        export = self._screen("export_dialog", "ExportScreen")
        if export is not None and not isinstance(self.screen, export):
            self.push_screen(
                export(self.plan_file, self.projection),
                lambda path: self.notify(f"Wrote {path}") if path else None,
            )

    def action_programs(self) -> None:
        """The program editor: your own program templates."""
        if editor := self._screen("program_editor", "ProgramEditorScreen"):
            self.push_screen(editor())

    def action_save(self) -> None:
        """Save the plan in memory again after a failed save."""
        if self.unsaved and self.plan is not None:
            self._save(self.plan, "Saved.")

    def action_help(self) -> None:
        """Every key."""
        from screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette offers every key of the screen it was opened on."""
        from screens.help import commands_for

        yield from super().get_system_commands(screen)
        yield from commands_for(screen)
