"""Small pieces the screens share: how a session reads on screen, and the session actions.

Every word shown comes from :mod:`planner.present` (the one presenter the CLI and the exports
use too); here it only becomes Rich text. Every change goes through :meth:`WorkoutApp.change_plan`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from planner import actions, present
from planner.amrap import as_prescribed_text
from planner.changes import expecting
from planner.projection import Projection

if TYPE_CHECKING:
    from planner.model import Plan
    from rules.engine import Session
    from screens.app import WorkoutApp

LEGEND = f"{present.STATUS_LEGEND}  ↓ deload  → moved  ✎ edited  ◆ today"
"""The key to the calendar's symbols: the status marks, then the calendar's own flags."""

STATUS_VARIABLES: dict[str, str] = {
    "done": "text-success",
    "skipped": "text-warning",
    "missed": "text-error",
    "planned": "foreground",
}
"""The theme variable that colours each status (themes pick readable values for light and dark)."""


def status_styles(app: App[object]) -> dict[str, str]:
    """Rich styles per status, taken from the current theme (no hard-coded colours)."""
    variables = app.get_css_variables()
    styles = {status: variables.get(name, "") for status, name in STATUS_VARIABLES.items()}
    styles["deload"] = variables.get("text-primary", "")
    return styles


def session_body(
    projection: Projection, session: Session, *, why: bool = True, cues: bool = False
) -> RenderableType:
    """Every exercise of a session with its sets (what was done, for a done session) and why.

    ``cues`` adds each exercise's first cue ("keep a neutral spine") under its reason.
    """
    body = present.logged_body(projection, session)
    table = Table(box=None, show_header=True, header_style="bold", expand=True, pad_edge=False)
    table.add_column("Exercise", ratio=2, overflow="fold")
    table.add_column("Sets", ratio=3, overflow="fold")
    if why:
        table.add_column("Why", ratio=4, overflow="fold", style="italic")
    for row in body.rows:
        reason = Text(row.why)
        if cues and row.cue:
            # The first cue only, under the reason where the column is wide: the one to remember.
            reason.append("\n› " + row.cue, style="dim")
        cells: list[Text | str] = [Text(row.name), row.sets]
        if why:
            cells.append(reason)
        table.add_row(*cells)
    parts: list[RenderableType] = [table]
    # Warm-ups and plates are help for the bar, not work: secondary text, after the work sets.
    parts += [Text(line, style="dim") for line in body.extra]
    if body.remark:
        parts.append(Text(body.remark, style="italic"))
    return Group(*parts)


def shown_path(path: Path) -> str:
    """``path`` as a person reads it: under the home directory as ``~/…`` (shorter at 80
    columns, and what they would type; every path typed in the app goes through expanduser)."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def describe_undo(before: Plan | None, after: Plan) -> str:
    """What an undo took back, in words: ``the log of Fri 04 Dec (done)``."""
    if before is None:
        return "the last change"
    parts = []
    old, new = {e.date: e for e in before.log}, {e.date: e for e in after.log}
    for date in sorted(old.keys() | new.keys()):
        if old.get(date) == new.get(date):
            continue
        if date not in new:
            parts.append(f"the log of {date:%a %d %b} ({old[date].status})")
        else:
            parts.append(f"the change to the log of {date:%a %d %b}")
    old_edits = {o.date: o for o in before.overrides}
    new_edits = {o.date: o for o in after.overrides}
    for date in sorted(old_edits.keys() | new_edits.keys()):
        if old_edits.get(date) != new_edits.get(date):
            parts.append(f"the move or edit of {date:%a %d %b}")
    if not parts:
        return "the last change"
    return ", ".join(parts[:3]) + (", …" if len(parts) > 3 else "")


def replaced_text(projection: Projection, session: Session) -> str:
    """What logging ``session`` again would replace, named ("" when it is not logged):
    ``It is logged as done: Squat 5×5 @ 40 kg, …; pain 3/10. This replaces that.``"""
    entry = projection.plan.entry(session.scheduled.key)
    if entry is None:
        return ""
    what = f"It is logged as {entry.status}"
    if entry.status == "done":
        rows = present.logged_body(projection, session).rows
        sets = ", ".join(f"{row.name} {row.sets}" for row in rows[:3])
        what += f": {sets}{', …' if len(rows) > 3 else ''}"
    if entry.remark:
        what += f"; {entry.remark}"
    return f"{what}. This replaces that."


class SessionView(Static):
    """One session: title, phase and week, and every exercise with its prescription and why."""

    def show(
        self,
        projection: Projection,
        session: Session | None,
        *,
        label: str = "",
        where: bool = True,
        cues: bool = False,
        layout: bool = True,
    ) -> None:
        """Display ``session`` (or say there is none); ``where`` adds its phase and week.

        ``cues`` adds each exercise's cues. ``layout=False`` skips the layout pass, for a view
        of a fixed size (the calendar's).
        """
        if session is None:
            self.update(Text("No session here.", style="italic"), layout=layout)
            return
        title = Text(f"{label}{present.session_title(projection, session)}", style="bold")
        lines = [title, Text(projection.where(session))] if where else [title]
        self.update(
            Group(*lines, Text(""), session_body(projection, session, cues=cues)), layout=layout
        )


PLAN_BINDINGS: list[BindingType] = [
    Binding("c", "app.calendar", "Calendar", tooltip="Every week of the plan"),
    Binding("u", "app.undo", "Undo", tooltip="Restore the plan as it was before the last change"),
    # Not in the footer: at 80 columns it would push out "? Help" and "q Quit" (help lists it).
    Binding(
        "h",
        "app.history",
        "History",
        show=False,
        tooltip="Earlier versions: what changed, restore one",
    ),
    Binding("p", "app.plans", "Plans", show=False, tooltip="Switch to another plan"),
    Binding("n", "app.new_plan", "New plan", show=False, tooltip="Create a plan"),
    Binding("g", "app.progress", "Progress", show=False, tooltip="Loads and sessions over time"),
    Binding(
        "e", "app.export", "Export", show=False, tooltip="Calendar, spreadsheet, Markdown, JSON"
    ),
    Binding("P", "app.programs", "Programs", show=False, tooltip="Your own program templates"),
    Binding(
        "b",
        "app.back_care",
        "Back care",
        show=False,
        tooltip="Sitting, lifting, walking, pacing, when to see a clinician",
    ),
]
"""The single-letter keys that open the app's other screens or undo: bound on the screens that
own them (the dashboard, the calendar), so they never fire inside a form, a wizard, a dialog or
help, where a letter is typed or means something else."""


def unsaved_input(screens: Iterable[Screen[Any]]) -> Screen[Any] | None:
    """The first of ``screens`` holding typed input that is not saved (a form being filled).

    A screen says so with a method ``has_unsaved_input() -> bool``; the app asks before quitting
    over it, and the screen itself asks before Esc leaves it.
    """
    for screen in screens:
        check = getattr(screen, "has_unsaved_input", None)
        if callable(check) and check():
            return screen
    return None


SESSION_BINDINGS: list[BindingType] = [
    Binding("d", "done", "Done", tooltip="Log the session as done, as prescribed"),
    Binding("l", "log", "Log sets", tooltip="Log set by set: reps, load, pain, note"),
    Binding("s", "skip", "Skip", tooltip="Mark the session skipped (progression waits)"),
]
"""Keys of every screen that has a selected session."""


class SessionScreen(Screen[None]):
    """A screen with a selected session that ``d``, ``l`` and ``s`` act on."""

    BINDINGS: ClassVar[list[BindingType]] = SESSION_BINDINGS

    @property
    def workout(self) -> WorkoutApp:
        """The app, typed."""
        return cast("WorkoutApp", self.app)

    def selected_session(self) -> Session | None:
        """The session the keys act on; screens override this."""
        return None

    def action_done(self) -> None:
        """Confirm, then log the selected session as done exactly as prescribed."""
        session, projection = self.selected_session(), self.workout.projection
        if session is None or projection is None:
            return
        date = f"{session.scheduled.date:%a %d %b}"
        body = present.prescription_lines(projection, session)
        replaced = replaced_text(projection, session)
        if replaced:
            body += f"\n\n{replaced}"
        ahead = (session.scheduled.date - projection.today).days
        if ahead > 0:
            body += f"\n\nThis session is {ahead} day{'s' if ahead > 1 else ''} in the future."
        if at_minimum := as_prescribed_text(projection.plan, session):
            body += f"\n\n{at_minimum} To log the reps you did, press l (set by set) instead."
        from screens.confirm import ConfirmScreen  # on demand: not needed to draw a screen

        verb = "again " if replaced else ""
        ask = ConfirmScreen(f"Log {date} {verb}as done, as prescribed?", body, yes="Done")
        change = self._guarded(session, partial(actions.log_done, session=session))
        self.app.push_screen(ask, lambda answer: self._change(answer, change, f"Logged {date}."))

    def action_skip(self) -> None:
        """Confirm (with an optional note, reached with Tab), then mark the session skipped."""
        session, projection = self.selected_session(), self.workout.projection
        if session is None or projection is None:
            return
        date = f"{session.scheduled.date:%a %d %b}"
        body = "Progression waits: a skipped session never advances the loads."
        replaced = replaced_text(projection, session)
        if replaced:
            body += f"\n\n{replaced}"
        from screens.confirm import ConfirmScreen

        ask = ConfirmScreen(
            f"Skip {date}?", body, yes="Skip", field="Note (optional)", optional=True
        )

        def skip(note: str | None) -> None:
            change = partial(actions.log_skip, session=session, note=note or "")
            self._change(note, self._guarded(session, change), f"Skipped {date}.")

        self.app.push_screen(ask, skip)

    def action_log(self) -> None:
        """The set-by-set logging screen for the selected session; saving logs it. A session
        logged already is asked about first (saving replaces its log)."""
        session, projection = self.selected_session(), self.workout.projection
        if session is None or projection is None:
            return
        replaced = replaced_text(projection, session)
        if not replaced:
            self._open_log(projection, session)
            return
        from screens.confirm import ConfirmScreen

        ask = ConfirmScreen(
            f"Log {session.scheduled.date:%a %d %b} again, set by set?",
            replaced,
            yes="Log again",
        )
        self.app.push_screen(
            ask, lambda answer: None if answer is None else self._open_log(projection, session)
        )

    def _open_log(self, projection: Projection, session: Session) -> None:
        from screens.log_session import Logged, LogSessionScreen

        # the session's log as it is now, when the form opens: what the person saw
        guard = partial(
            expecting, key=session.scheduled.key, seen=projection.plan.entry(session.scheduled.key)
        )

        def save(logged: Logged | None) -> None:
            if logged is not None:
                change = partial(
                    actions.log_done,
                    session=session,
                    exercises=logged.exercises,
                    pain=logged.pain,
                    note=logged.note,
                )
                self.workout.change_plan(
                    guard(change), f"Logged {session.scheduled.date:%a %d %b}."
                )

        self.app.push_screen(LogSessionScreen(projection, session), save)

    def _change(self, answer: str | None, change: Callable[[Plan], Plan], note: str) -> None:
        """Apply ``change`` when the question was answered (not cancelled)."""
        if answer is not None:
            self.workout.change_plan(change, note)

    def _guarded(self, session: Session, change: Callable[[Plan], Plan]) -> Callable[[Plan], Plan]:
        """``change`` to ``session``, refused at save time if another process changed the
        session's log since it was shown (unless both sides did the same)."""
        plan = self.workout.plan
        seen = None if plan is None else plan.entry(session.scheduled.key)
        return expecting(change, session.scheduled.key, seen)
