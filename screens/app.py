"""The workout planner's Textual app: screens, keys, and the plan loaded and saved in workers.

Screens never touch files: they hand a change (a function ``Plan -> Plan`` from
:mod:`planner.actions`) to :meth:`WorkoutApp.change_plan`, which applies it in memory and has the
plan service (:class:`planner.service.PlanService`) save it at once in a worker, on the file as
it is on disk then; the re-projected plan comes back as a message and screens watch
:attr:`WorkoutApp.projection`.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib
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

from planner import service as plans
from planner.errors import DataFileError, WorkoutError
from planner.present import next_line
from planner.projection import Projection, WholePlan, Window
from planner.service import Change, PlanService
from screens.today import TodayScreen
from screens.widgets import describe_undo

if TYPE_CHECKING:
    from planner.model import Plan


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
        Binding(
            "b",
            "back_care",
            "Back care",
            show=False,
            tooltip="Sitting, lifting, walking, pacing, when to see a clinician",
        ),
        Binding("ctrl+s", "save", "Save again", show=False, tooltip="Retry a save that failed"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="Every key"),
        Binding("q", "quit", "Quit", tooltip="Everything is saved already"),
    ]

    projection: var[Projection | None] = var(None, always_update=True)
    """The plan with its sessions derived (None until a plan is loaded): first a ``Window``
    round the next session, then the ``WholePlan``; screens watch it."""

    class PlanLoaded(Message):
        """A plan was opened (or undone, restored), or ``change`` to it saved: its window round
        the next session (quick, whatever the plan's length); the whole plan follows."""

        def __init__(
            self, service: PlanService, window: Window, note: str, change: Change | None = None
        ) -> None:
            super().__init__()
            self.service, self.window, self.note, self.change = service, window, note, change

    class PlanProjected(Message):
        """The saved plan, projected whole."""

        def __init__(self, service: PlanService, projection: WholePlan) -> None:
            super().__init__()
            self.service = service
            self.projection = projection

    class LoadFailed(Message):
        """A plan could not be read: a data problem, shown with its backups."""

        def __init__(self, path: Path, error: WorkoutError, backups: Sequence[Path]) -> None:
            super().__init__()
            self.path = path
            self.error = error
            self.backups = tuple(backups)

    class ActionFailed(Message):
        """A save (disk full, read-only) or an undo failed; a change stays in memory."""

        def __init__(
            self,
            error: WorkoutError,
            projection: Window | None = None,
            change: Change | None = None,
        ) -> None:
            super().__init__()
            self.error = error
            self.projection = projection
            """The unsaved plan, projected (after a failed save)."""
            self.change = change
            """The change that was not saved."""

    class PlanMissing(Message):
        """There is no plan yet."""

    def __init__(self, today: dt.date | None = None, plan: Path | None = None) -> None:
        super().__init__()
        self.today: dt.date = today or plans.today()
        """The date the app treats as today."""
        self.service: PlanService | None = None
        """The open plan file: it reads, saves and projects the plan."""
        self.plan: Plan | None = None
        """The plan in memory: ahead of the file while a save runs or after one failed."""
        self._first_path = plan
        self._saving: list[Change] = []
        """Changes being saved, in the order they were made."""
        self._failed: list[Change] = []
        """Changes whose save failed (Ctrl+S tries them again)."""
        self._pending: list[Callable[[], None]] = []
        """Actions waiting for the whole plan to be projected."""

    def get_default_screen(self) -> Screen[None]:
        """The dashboard is the base of the screen stack."""
        return TodayScreen()

    def on_mount(self) -> None:
        """Open the plan (the one asked for, or the last used): one read before (and kept in
        the cache) opens with the first frame; one that must be parsed opens in the background
        while the dashboard says so."""
        path = self._first_path or plans.last_used_plan()
        service = None if path is None else PlanService.open_if_known(path, self.today)
        if service is None:  # (after the first frame, which says the plan is being opened)
            self.call_after_refresh(self.load_plan, path)
            return
        self.on_workout_app_plan_loaded(self.PlanLoaded(service, service.window(), ""))

    # Loading and saving (threads; results come back as messages) ---------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, description="load")
    def load_plan(
        self, path: Path | None = None, *, undo: bool = False, restore: Path | None = None
    ) -> None:
        """Read a plan and project it; after ``undo`` the previous version, after ``restore``
        the given backup (the version it replaces is kept as a backup, even a broken one)."""
        note = ""
        try:
            path = path or plans.last_used_plan()
            if path is None:
                self.post_message(self.PlanMissing())
                return
            service = PlanService(path, self.today)
            before = self.plan
            if undo:
                service.undo()
            elif restore is not None:
                service.restore(restore)
            window = service.window()
            if undo:
                note = f"Undid {describe_undo(before, window.plan)}."
        except WorkoutError as error:
            if path is None or not isinstance(error, DataFileError):
                self.post_message(self.ActionFailed(error))
                return
            self.post_message(self.LoadFailed(path, error, plans.backups(path)))
            return
        self.post_message(self.PlanLoaded(service, window, note))

    @work(thread=True, exclusive=True, group="project", exit_on_error=False, description="whole")
    def _project_whole(self, service: PlanService) -> None:
        """The whole plan (the calendar, progress and exports need every session)."""
        self.post_message(self.PlanProjected(service, service.whole()))

    @work(thread=True, group="save", exit_on_error=False, description="save")
    def _save(self, service: PlanService, change: Change, note: str) -> None:
        try:
            service.apply(change)  # one after another (the service locks), each on the latest file
        except WorkoutError as error:
            unsaved = self.plan
            preview = None if unsaved is None else service.preview(unsaved)
            self.post_message(self.ActionFailed(error, preview, change))
            return
        self.post_message(self.PlanLoaded(service, service.window(), note, change))

    def on_workout_app_plan_loaded(self, message: PlanLoaded) -> None:
        """Show the opened plan everywhere, then project it whole."""
        if message.change is not None:
            self._saved(message)
            return
        self.service = message.service
        self.plan = message.window.plan
        self._saving, self._failed = [], []
        while getattr(self.screen, "CLOSES_ON_LOAD", False):  # the plan list, a data error
            self.pop_screen()
        self._show(message.window)
        self.sub_title = self.plan.name
        if message.note:
            self.notify(message.note)

    def _saved(self, message: PlanLoaded) -> None:
        """A change is saved: once every change is, show the plan as saved (with whatever
        another process saved meanwhile)."""
        if message.service is not self.service:
            return  # a plan since closed
        if message.change in self._saving:
            self._saving.remove(message.change)
        if not self._saving and not self._failed:
            self.plan = message.window.plan
            self._show(message.window)
            self.sub_title = self.plan.name
        if message.note:
            upcoming = message.window.next_planned()
            self.notify(f"{message.note}\n{next_line(message.window, upcoming)}")

    def on_workout_app_plan_projected(self, message: PlanProjected) -> None:
        """The whole plan is projected: the calendar, progress and exports can use it."""
        if message.service is self.service and message.projection.plan is self.plan:
            self._show(message.projection)

    def _show(self, projection: Projection) -> None:
        self.projection = projection
        self.refresh_bindings()  # the keys that need a plan
        if isinstance(projection, WholePlan):
            # A long plan is ~10⁶ long-lived objects: keep them out of the cyclic GC, whose full
            # passes would otherwise stall a key press now and then (freed by refcount as usual).
            gc.freeze()
            pending, self._pending = self._pending, []
            for action in pending:
                action()
        elif self.service is not None:  # once this frame is on screen: the whole plan
            self.call_after_refresh(self._project_whole, self.service)

    def _whole(self, action: Callable[[], None], what: str) -> bool:
        """Whether the whole plan is projected; if not, ``action`` runs once it is."""
        if isinstance(self.projection, WholePlan):
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
        """Say what happened; the change stays in memory (Ctrl+S tries it again)."""
        if message.change is not None and message.change in self._saving:
            self._saving.remove(message.change)
            self._failed.append(message.change)
        if message.projection is not None and message.projection.plan is self.plan:
            self.projection = message.projection  # shows the unsaved change, marked as such
        hint = "\nThe change is kept in memory: Ctrl+S tries again." if self.unsaved else ""
        self.notify(f"{message.error}{hint}", title="Not saved", severity="error", timeout=12)

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
        return bool(self._saving or self._failed)

    def change_plan(self, change: Change, note: str) -> bool:
        """Apply ``change`` in memory and save it at once; a refused change saves nothing."""
        service = self.service
        if self.plan is None or service is None:
            return False
        if service.read_only:
            self.notify(READ_ONLY, title="Not saved", severity="error")
            return False
        try:
            self.plan = change(self.plan)
        except (WorkoutError, ValueError) as error:
            self.notify(str(error), title="Not saved", severity="error")
            return False
        self._saving.append(change)
        self._save(service, change, note)
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
        if self.service is not None:
            self.load_plan(self.service.path, undo=True)

    def action_plans(self) -> None:
        """Pick another plan (or create one)."""
        from screens.plans import PlansScreen

        current = self.service.path if self.service else None
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

        def opened(created: PlanService | None) -> None:
            if created is not None:
                self.load_plan(created.path)
            elif self.service is None:
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

        if self.service is None or self.projection is None:
            return
        if not self._whole(self.action_export, "export"):
            return
        export = self._screen("export_dialog", "ExportScreen")
        if export is not None and not isinstance(self.screen, export):
            self.push_screen(
                export(self.service, self.projection),
                lambda path: self.notify(f"Wrote {path}") if path else None,
            )

    def action_programs(self) -> None:
        """The program editor: your own program templates."""
        if editor := self._screen("program_editor", "ProgramEditorScreen"):
            self.push_screen(editor())

    def action_back_care(self) -> None:
        """The back-care guide (it needs no plan)."""
        guide = self._screen("back_care", "BackCareScreen")
        if guide and not isinstance(self.screen, guide):
            self.push_screen(guide())

    def action_save(self) -> None:
        """Save the plan in memory again after a failed save."""
        failed, self._failed = self._failed, []
        if failed and self.service is not None:

            def again(plan: Plan) -> Plan:
                for change in failed:
                    plan = change(plan)
                return plan

            self._saving.append(again)
            self._save(self.service, again, "Saved.")

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
