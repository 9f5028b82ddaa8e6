"""The workout planner's Textual app: screens, keys, and the plan loaded and saved in workers.

Screens never touch files: they hand a change (a function ``Plan -> Plan`` from
:mod:`planner.actions`) to :meth:`WorkoutApp.change_plan`, which applies it in memory and has the
plan service (:class:`planner.service.PlanService`) save it at once in a worker, on the file as
it is on disk then; the re-projected plan comes back as a message and screens watch
:attr:`WorkoutApp.projection`.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import Screen
from textual.signal import Signal
from textual.worker import Worker, WorkerState

from planner import config, service as plans
from planner.changes import ChangedElsewhere
from planner.errors import DataFileError, WorkoutError
from planner.present import next_line
from planner.projection import Projection, WholePlan
from planner.service import Change, PlanService
from screens import messages, navigation
from screens.file_watch import PlanFileWatch
from screens.idle_gc import IdleCollector
from screens.lookback import LookBack
from screens.quitting import quit_or_ask
from screens.today import TodayScreen
from screens.widgets import describe_undo

if TYPE_CHECKING:
    from planner.model import Plan


_NEED_A_PLAN = frozenset({"calendar", "undo", "progress", "export", "save", "history"})
READ_ONLY = "This plan was written by a newer version of workout: it is read-only here."


class WorkoutApp(LookBack, navigation.Navigation, App[None]):
    """Today's session, the log, the calendar and the plan files, in the terminal."""

    TITLE = "workout"
    # The default screen's own CSS_PATH is not read by Textual, so the app reads it.
    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", "today.tcss"]
    # Only what holds everywhere: the single-letter keys that open screens or undo belong to the
    # dashboard and the calendar (screens.widgets.PLAN_BINDINGS), never to a form or a dialog.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save again", show=False, tooltip="Retry a save that failed"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="Every key"),
        Binding("q", "quit", "Quit", tooltip="Asks first if anything typed is not saved"),
    ]
    projection: var[Projection | None] = var(None, always_update=True)
    """The plan with its sessions derived (None until a plan is loaded): first a ``Window``
    round the next session, then the ``WholePlan``; screens watch it."""

    def __init__(self, today: dt.date | None = None, plan: Path | None = None) -> None:
        super().__init__()
        self.today: dt.date = today or plans.today()
        """The date the app treats as today."""
        self.service: PlanService | None = None
        """The open plan file: it reads, saves and projects the plan."""
        self.plan: Plan | None = None
        """The plan in memory: ahead of the file while a save runs or after one failed."""
        self._first_path = plan
        self.saving_changes: list[Change] = []
        """Changes being saved, in the order they were made."""
        self.failed_changes: list[Change] = []
        """Changes whose save failed (Ctrl+S tries them again; quitting asks about them)."""
        self._pending: list[Callable[[], None]] = []
        """Actions waiting for the whole plan to be projected."""
        self._projecting: Plan | None = None
        """The plan whose whole projection was last asked for (asked once per plan)."""
        self.idle_gc = IdleCollector(self)
        """Runs the cyclic garbage collector when the app is idle, never in a key press."""
        self.quit_after_save = False
        """Quit once every change is saved (asked to quit while a save ran)."""
        self._settings = config.Settings()
        self.remembers = False
        """Whether settings changed now are saved (once those of the last run are applied)."""
        self.projection_signal: Signal[Projection | None] = Signal(self, "projection")
        """Published with each new :attr:`projection`. Screens subscribe here rather than
        watch the reactive: a signal is left on unmount, a watch stays in the app until the
        value next changes (holding every closed calendar, with its 10-year table, until then)."""
        self.file_watch = PlanFileWatch(self)
        """The watch on the plan file for changes made elsewhere (the CLI, an editor)."""

    def get_default_screen(self) -> Screen[None]:
        """The dashboard is the base of the screen stack."""
        return TodayScreen()

    def on_mount(self) -> None:
        """Open the plan (the one asked for, or the one in use): one read before (and kept in
        the cache) opens with the first frame; one that must be parsed opens in the background
        while the dashboard says so. The theme is the one chosen last time; the plan file is
        watched for changes made elsewhere."""
        self._settings = config.load()
        if self._settings.theme in self.available_themes:
            self.theme = self._settings.theme
        self.remembers = True
        self.idle_gc.start()
        self.call_after_refresh(self.idle_gc.first_frame)
        self.file_watch.start()
        path = self._first_path or plans.last_used_plan()
        service = None if path is None else PlanService.open_if_known(path, self.today)
        if service is None:  # (after the first frame, which says the plan is being opened)
            self.call_after_refresh(self.load_plan, path)
            return
        self.on_workout_app_plan_loaded(messages.PlanLoaded(service, service.window(), ""))

    def watch_projection(self, projection: Projection | None) -> None:
        """Tell the screens that follow the plan; offer to merge a just-opened plan's
        conflict copies."""
        self.projection_signal.publish(projection)
        self.merge_on_open()

    def watch_theme(self, theme: str) -> None:
        """Remember the theme for the next start."""
        if self.remembers and theme != self._settings.theme:
            self._settings = config.Settings(theme=theme, last_plan=self._settings.last_plan)
            self._remember(theme=theme)

    @work(thread=True, group="config", exit_on_error=False, description="remember")
    def _remember(self, **values: str) -> None:
        """Save settings in ``config.toml`` (a broken one is reported, never overwritten)."""
        try:
            config.remember(**values)
        except WorkoutError as error:
            self.post_message(messages.ActionFailed(error))

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
                self.post_message(messages.PlanMissing())
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
                self.post_message(messages.ActionFailed(error))
                return
            self.post_message(messages.LoadFailed(path, error, plans.backups(path)))
            return
        self.post_message(messages.PlanLoaded(service, window, note))

    @work(thread=True, exclusive=True, group="project", exit_on_error=False, description="whole")
    def _project_whole(self, service_ref: weakref.ref[PlanService]) -> None:
        """The whole plan (the calendar, progress and exports need every session).

        The service is passed by weak reference: a finished worker keeps its arguments, and
        Textual's ``active_worker`` context variable keeps the worker in every task started
        from its messages; a service replaced since (after an undo) kept its whole projection
        alive with it (a 10-year plan's: ~13 MiB).
        """
        service = service_ref()
        if service is not None:
            self.post_message(messages.PlanProjected(service, service.whole()))

    @work(thread=True, group="save", exit_on_error=False, description="save")
    def _save(self, service: PlanService, change: Change, note: str) -> None:
        try:
            service.apply(change)  # one after another (the service locks), each on the latest file
        except WorkoutError as error:
            unsaved = self.plan
            preview = None if unsaved is None else service.preview(unsaved)
            self.post_message(messages.ActionFailed(error, preview, change))
            return
        self.post_message(messages.PlanLoaded(service, service.window(), note, change))

    def pause_watching(self) -> None:
        """Stop checking the plan file for changes made elsewhere (a screenshot or a test that
        must not see the file change under it)."""
        self.file_watch.pause()

    def on_workout_app_plan_loaded(self, message: messages.PlanLoaded) -> None:
        """Show the opened plan everywhere, then project it whole."""
        if message.change is not None:
            self._saved(message)
            return
        if message.reloaded:
            self._reloaded(message)
            return
        if self.service is not None and self.service is not message.service:
            self.service.close(message.service)  # (a finished worker may still hold it)
        self.service = message.service
        self.plan = message.window.plan
        self.saving_changes, self.failed_changes = [], []
        while getattr(self.screen, "CLOSES_ON_LOAD", False):  # the plan list, a data error
            self.pop_screen()
        self._show(message.window)
        self.sub_title = self.plan.name
        if message.note:
            self.notify(message.note)
        if message.service.slug != self._settings.last_plan:  # reopened next time
            self._settings = config.Settings(self._settings.theme, message.service.slug)
            self._remember(last_plan=message.service.slug)

    def _reloaded(self, message: messages.PlanLoaded) -> None:
        """The file changed elsewhere and was read again: show it (the screens stay)."""
        if message.service is not self.service or self.unsaved:
            return  # another plan since, or a change of ours is saving (it brings the latest)
        from screens.data_error import DataErrorScreen

        while isinstance(self.screen, DataErrorScreen):  # fixed by hand meanwhile
            self.pop_screen()
        self.plan = message.window.plan
        self._show(message.window)
        self.sub_title = self.plan.name
        if message.note:
            self.notify(message.note, title="Changed elsewhere", timeout=8)

    def _saved(self, message: messages.PlanLoaded) -> None:
        """A change is saved: once every change is, show the plan as saved (with whatever
        another process saved meanwhile)."""
        if message.service is not self.service:
            return  # a plan since closed
        if message.change in self.saving_changes:
            self.saving_changes.remove(message.change)
        if not self.saving_changes and not self.failed_changes:
            self.plan = message.window.plan
            self._show(message.window)
            self.sub_title = self.plan.name
            if self.quit_after_save:
                self.exit()
        if message.note:
            upcoming = message.window.next_planned()
            self.notify(f"{message.note}\n{next_line(message.window, upcoming)}")

    def on_workout_app_plan_projected(self, message: messages.PlanProjected) -> None:
        """The whole plan is projected: the calendar, progress and exports can use it."""
        if message.service is self.service and message.projection.plan is self.plan:
            self._show(message.projection)

    def _show(self, projection: Projection) -> None:
        self.projection = projection
        self.refresh_bindings()  # the keys that need a plan
        if isinstance(projection, WholePlan):
            self.idle_gc.plan_shown()  # its ~10⁵ objects kept out of the GC's full passes
            pending, self._pending = self._pending, []
            for action in pending:
                action()
        else:  # once this frame is on screen: the whole plan
            self.call_after_refresh(self.project_whole)

    def project_whole(self) -> None:
        """Project the whole plan in the background, unless it is or is being projected.
        Asked after the first frame, and again by whatever needs it: a screen pushed before
        that frame was drawn would otherwise hold the asking back until it is closed."""
        if (
            self.service is None
            or isinstance(self.projection, WholePlan)
            or self._projecting is self.plan
        ):
            return
        self._projecting = self.plan
        self._project_whole(weakref.ref(self.service))

    def whole(self, action: Callable[[], None], what: str) -> bool:
        """Whether the whole plan is projected; if not, ``action`` runs once it is."""
        if isinstance(self.projection, WholePlan):
            return True
        if action not in self._pending:
            self._pending.append(action)
        self.project_whole()
        self.notify(f"Projecting the whole plan for the {what}…", timeout=2)
        return False

    def on_workout_app_load_failed(self, message: messages.LoadFailed) -> None:
        """A data problem opens the error screen (never a traceback)."""
        from screens.data_error import DataErrorScreen

        if isinstance(self.screen, DataErrorScreen):
            self.pop_screen()
        self.push_screen(DataErrorScreen(message.path, message.error, message.backups))

    def on_workout_app_action_failed(self, message: messages.ActionFailed) -> None:
        """Say what happened; the change stays in memory (Ctrl+S tries it again)."""
        self.quit_after_save = False  # (a save failed: quitting asks again)
        if message.change is not None and message.change in self.saving_changes:
            self.saving_changes.remove(message.change)
            if isinstance(message.error, ChangedElsewhere):  # nothing to retry: show the file
                self.notify(str(message.error), title="Not saved", severity="warning", timeout=12)
                if not self.saving_changes and self.service is not None:
                    self.file_watch.read_again(self.service)
                return
            self.failed_changes.append(message.change)
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
        return bool(self.saving_changes or self.failed_changes)

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
        self.saving_changes.append(change)
        self._save(service, change, note)
        return True

    # Keys --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that need an open plan are hidden (and do nothing) without one."""
        return self.projection is not None or action not in _NEED_A_PLAN

    def plan_moved(self, path: Path | None) -> None:
        """The open plan was renamed (open it at ``path``) or archived or deleted (None)."""
        if self.service is not None:
            self.service.close()
        if path is not None:  # read in the background; the plans list stays open
            self.service = PlanService(path, self.today)
            self.file_watch.read_again(self.service)
            self._settings = config.Settings(self._settings.theme, path.stem)
            self._remember(last_plan=path.stem)
            return
        self.service, self.plan, self.sub_title = None, None, ""
        self.projection = None  # the dashboard says how to open or create one
        self.refresh_bindings()

    def _screen(self, module: str, name: str) -> Any:
        """A screen class imported when first used (None, and said, when it is missing)."""
        return navigation.screen_class(self, module, name)

    def action_undo(self) -> None:
        """Restore the plan as it was before the last change."""
        if self.service is not None:
            self.load_plan(self.service.path, undo=True)

    async def action_quit(self) -> None:
        """Quit; first ask about typed input or a change not saved (nothing is lost silently)."""
        quit_or_ask(self)

    def action_save(self) -> None:
        """Save the plan in memory again after a failed save."""
        failed, self.failed_changes = self.failed_changes, []
        if failed and self.service is not None:

            def again(plan: Plan) -> Plan:
                for change in failed:
                    plan = change(plan)
                return plan

            self.saving_changes.append(again)
            self._save(self.service, again, "Saved.")

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette offers every key of the screen it was opened on."""
        from screens.help import commands_for

        yield from super().get_system_commands(screen)
        yield from commands_for(screen)
