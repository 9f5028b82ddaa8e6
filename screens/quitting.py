"""Quitting without losing anything: the app asks before typed input or an unsaved change is
left behind (issue 13: nothing typed is lost).

- A save still running: the app quits as soon as it is done.
- A save that failed: quitting is blocked until the change is saved again, written to another
  file, or discarded on purpose.
- A screen holding typed input (``has_unsaved_input()``): quitting asks first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planner.errors import WorkoutError
from screens.confirm import ChoiceScreen, ConfirmScreen
from screens.widgets import shown_path, unsaved_input

if TYPE_CHECKING:
    from screens.app import WorkoutApp

FAILED_CHOICES = (
    ("s", "Save again", "save"),
    ("w", "Write elsewhere", "elsewhere"),
    ("d", "Discard and quit", "discard"),
)


def quit_or_ask(app: WorkoutApp) -> None:
    """Quit, unless something would be lost: then ask (or wait for a running save)."""
    if app.failed_changes:
        ask_about_failed_save(app)
        return
    holder = unsaved_input(reversed(app.screen_stack))
    if holder is not None:
        what = getattr(holder, "UNSAVED_WHAT", "what you typed")
        ask = ConfirmScreen(
            f"Quit and lose {what}?",
            "It is not saved yet. Go back to save it, or quit without it.",
            yes="Quit",
            no="Keep editing",
            default="no",
        )
        app.push_screen(ask, lambda answer: None if answer is None else _quit_when_saved(app))
        return
    _quit_when_saved(app)


def _quit_when_saved(app: WorkoutApp) -> None:
    if app.saving_changes:
        app.quit_after_save = True
        app.notify("Saving… the app closes once it is saved.", timeout=3)
        return
    app.exit()


def ask_about_failed_save(app: WorkoutApp) -> None:
    """A change could not be saved: save it again, write it to another file, or discard it."""
    service = app.service
    where = shown_path(service.path) if service is not None else "the plan file"
    ask = ChoiceScreen(
        "A change is not saved",
        f"It could not be written to {where}. Save again (after freeing space or fixing the "
        "permissions), write the plan to another file, or quit without the change.",
        FAILED_CHOICES,
        cancel="keep working",
    )

    def answered(choice: str | None) -> None:
        if choice == "save":
            app.quit_after_save = True
            app.action_save()
        elif choice == "elsewhere":
            _write_elsewhere(app)
        elif choice == "discard":
            app.exit()

    app.push_screen(ask, answered)


def _write_elsewhere(app: WorkoutApp) -> None:
    service, plan = app.service, app.plan
    if service is None or plan is None:
        app.exit()
        return
    suggestion = Path.home() / f"{service.slug}-unsaved-{app.today:%Y%m%d}.toml"
    written: list[Path] = []

    def check(text: str) -> str | None:
        if not text:
            return "type a file name"
        try:
            written.append(service.save_copy(plan, Path(text)))
        except WorkoutError as error:
            return str(error)
        return None

    def done(answer: str | None) -> None:
        if answer is not None and written:
            app.notify(f"Wrote {written[-1]}")
            app.exit(message=f"The unsaved plan was written to {written[-1]}")

    ask = ConfirmScreen(
        "Write the plan to another file",
        "The plan with the unsaved change is written there (a new file); then the app quits. "
        "The plan file keeps its last saved version.",
        yes="Write and quit",
        field="File",
        value=str(suggestion),
        check=check,
    )
    app.push_screen(ask, done)
