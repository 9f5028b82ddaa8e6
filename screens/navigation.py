"""The app's ways to the other screens (the keys of :data:`screens.widgets.PLAN_BINDINGS` run
them through :class:`screens.app.WorkoutApp`'s actions): each screen is imported when first
used, so the dashboard draws without them. A screen that closes lets go of the lines it drew
(:func:`forget_drawn_lines`)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, cast

from planner.projection import WholePlan

if TYPE_CHECKING:
    from textual.screen import Screen

    from planner.service import PlanService
    from screens.app import WorkoutApp


def screen_class(app: WorkoutApp, module: str, name: str) -> Any:
    """A screen class imported when first used (a missing one is reported, not fatal)."""
    try:
        return getattr(importlib.import_module(f"screens.{module}"), name)
    except (ImportError, AttributeError) as error:
        app.notify(f"Not available: {error}", severity="error")
        return None


def calendar(app: WorkoutApp) -> None:
    """Every week of the plan."""
    from screens.calendar import CalendarScreen

    if app.projection is not None and not isinstance(app.screen, CalendarScreen):
        app.push_screen(CalendarScreen())


def plans(app: WorkoutApp) -> None:
    """Pick another plan (or create, rename, archive or delete one)."""
    from screens.plans import PlansScreen

    current = app.service.path if app.service else None

    def opened(path: object) -> None:
        if path is not None:
            app.load_plan(path)

    app.push_screen(PlansScreen(app.today, current), opened)


def new_plan(app: WorkoutApp) -> None:
    """The new-plan wizard; the created plan opens."""

    def opened(created: PlanService | None) -> None:
        if created is not None:
            app.load_plan(created.path)
        elif app.service is None:
            app.projection = None  # the dashboard says how to start

    if wizard := app._screen("wizard", "NewPlanScreen"):
        app.push_screen(wizard(app.today), opened)
    else:
        opened(None)


def progress(app: WorkoutApp) -> None:
    """Loads and sessions over time (once the whole plan is projected)."""
    if app.projection is None or not app.whole(app.action_progress, "progress"):
        return
    screen = app._screen("progress", "ProgressScreen")
    if screen is not None and not isinstance(app.screen, screen):
        app.push_screen(screen(app.projection))


def export(app: WorkoutApp) -> None:
    """Write the plan as a calendar, spreadsheet, printable plan or JSON."""
    if app.service is None or app.projection is None:
        return
    if not app.whole(app.action_export, "export"):
        return
    screen = app._screen("export_dialog", "ExportScreen")
    if screen is not None and not isinstance(app.screen, screen) and app.service is not None:
        assert isinstance(app.projection, WholePlan)
        app.push_screen(
            screen(app.service, app.projection),
            lambda path: app.notify(f"Wrote {path}") if path else None,
        )


def programs(app: WorkoutApp) -> None:
    """The program editor: your own program templates."""
    if editor := app._screen("program_editor", "ProgramEditorScreen"):
        app.push_screen(editor())


def back_care(app: WorkoutApp) -> None:
    """The back-care guide (it needs no plan)."""
    guide = app._screen("back_care", "BackCareScreen")
    if guide and not isinstance(app.screen, guide):
        app.push_screen(guide())


def help_screen(app: WorkoutApp) -> None:
    """Every key."""
    from screens.help import HelpScreen

    if not isinstance(app.screen, HelpScreen):
        app.push_screen(HelpScreen())


def forget_drawn_lines(screen: Screen[Any]) -> None:
    """Empty the line caches of a closed screen's widgets (and of their scroll bars).

    Textual keeps the style caches of the last 1,024 widgets alive after the widgets are gone
    (an ``lru_cache`` on a method of each widget's style cache, Textualize/textual#6665), each
    with every line its widget drew and the pieces cut from them: after an hour of opening
    screens that was ~38 MiB of Python's ~39 MiB growth (tracemalloc). A repaint request is the
    public way to say a widget's drawn lines are stale, and it empties that cache: what a closed
    screen leaves behind is then 1,024 empty caches, well under 1 MiB.
    """
    for widget in (screen, *screen.query("*")):
        widget.refresh()
        # Scroll bars are widgets of their own outside the DOM (a line drawn for every row).
        if widget.show_vertical_scrollbar:
            widget.vertical_scrollbar.refresh()
        if widget.show_horizontal_scrollbar:
            widget.horizontal_scrollbar.refresh()


class Navigation:
    """The app's actions that open another screen (a base class of the app, which keeps its
    own module to the app's state and saves)."""

    _stacked: list[Screen[Any]]
    """The screen stack when it last changed: a screen gone from it has closed."""

    def on_mount(self) -> None:
        """Follow the screen stack (Textual calls every base class's ``on_mount``, this one
        after the app's)."""
        app = self.workout_app
        self._stacked = list(app.screen_stack)
        app.screen_change_signal.subscribe(app, self._screen_changed, immediate=True)

    def _screen_changed(self, _screen: object) -> None:
        """The screens that closed since the stack last changed let go of their lines (called
        as they are popped, before Textual removes them; an installed screen is kept whole)."""
        app = self.workout_app
        now = app.screen_stack
        for screen in self._stacked:
            if screen not in now and not app.is_screen_installed(screen):
                forget_drawn_lines(screen)
        self._stacked = list(now)

    @property
    def workout_app(self) -> WorkoutApp:
        """The app itself, typed."""
        return cast("WorkoutApp", self)

    def action_calendar(self) -> None:
        """Every week of the plan."""
        calendar(self.workout_app)

    def action_plans(self) -> None:
        """Pick another plan (or create, rename, archive or delete one)."""
        plans(self.workout_app)

    def action_new_plan(self) -> None:
        """The new-plan wizard; the created plan opens."""
        new_plan(self.workout_app)

    def action_progress(self) -> None:
        """Loads and sessions over time."""
        progress(self.workout_app)

    def action_export(self) -> None:
        """Write the plan as a calendar, spreadsheet, printable plan or JSON."""
        export(self.workout_app)

    def action_programs(self) -> None:
        """The program editor: your own program templates."""
        programs(self.workout_app)

    def action_back_care(self) -> None:
        """The back-care guide (it needs no plan)."""
        back_care(self.workout_app)

    def action_help(self) -> None:
        """Every key."""
        help_screen(self.workout_app)
