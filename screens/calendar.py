"""The plan calendar: weeks × training days, every session marked, moved, skipped or edited here.

A ten-year plan has 520 weeks and 2,600 sessions: the grid draws only the rows on screen, their
text worked out once per projection (:mod:`planner.calendar_rows`); a re-projected plan only
redraws the cells whose session changed, and moving the cursor only redraws the detail below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from planner import actions
from planner.calendar_rows import CalendarRows, Cell, Signature, calendar_rows
from planner.errors import WorkoutError
from planner.goto import nearest_notice, nearest_session
from planner.model import Plan
from planner.projection import Projection, WholePlan
from rules.engine import Session
from screens.calendar_grid import CalendarGrid
from screens.confirm import ConfirmScreen
from screens.keybar import KeyBar
from screens.log_session import Logged, LogSessionScreen
from screens.titlebar import TitleBar
from screens.widgets import LEGEND, PLAN_BINDINGS, SessionScreen, SessionView, status_styles


class CalendarScreen(SessionScreen):
    """Every week of the plan as a row, every training day as a column."""

    CSS_PATH = "calendar.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "show", "Show", tooltip="Show the session on the dashboard", show=False),
        Binding("m", "move", "Move", tooltip="Move the session to another date"),
        Binding("left_square_bracket", "nudge(-1)", "Day earlier", key_display="[", show=False),
        Binding("right_square_bracket", "nudge(1)", "Day later", key_display="]", show=False),
        Binding("E", "edit", "Edit", show=False, tooltip="Change a future session's sets"),
        Binding("x", "clear_edits", "Clear edits", show=False, tooltip="Drop your edits"),
        Binding("delete", "unlog", "Unlog", show=False, tooltip="Forget what was logged"),
        Binding("slash", "goto", "Go to", key_display="/", tooltip="Jump to a date or session"),
        Binding("t", "today", "Today", show=False, tooltip="Jump to today's (or the next) session"),
        Binding("escape", "close", "Back", tooltip="Back to the dashboard"),
        # At 80 columns the footer keeps ? and q: these stay bound, listed in help (?).
        Binding("l", "log", "Log sets", show=False, tooltip="Log set by set: reps, load, pain"),
        *(
            Binding(b.key, b.action, b.description, show=False, tooltip=b.tooltip)
            for b in PLAN_BINDINGS
            if isinstance(b, Binding) and b.key != "c"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._projection: Projection | None = None
        self._rows: CalendarRows | None = None
        self._layout: object = None
        self._shown: dict[dt.date, Signature] = {}
        """What each drawn cell shows (a cell not drawn yet is drawn from the latest plan)."""
        self._styles: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        """Legend, the grid, the highlighted session."""
        yield TitleBar()
        yield Static(LEGEND, id="legend")
        yield CalendarGrid(id="grid", fixed=2)
        yield SessionView(id="detail")
        yield KeyBar()

    def on_mount(self) -> None:
        """Fill the grid and put the cursor on the next session."""
        projection = self.workout.projection
        if isinstance(projection, WholePlan):
            self._build(projection)
            self.action_today()
        else:  # the app is projecting the whole plan; it arrives through the signal below
            self.table.loading = True
            self.workout.project_whole()
        # Signals, not watches: they are left on unmount (see WorkoutApp.projection_signal).
        self.workout.projection_signal.subscribe(self, self._changed, immediate=True)
        self.app.theme_changed_signal.subscribe(self, self._rebuild)

    def on_unmount(self) -> None:
        """Stop following the plan and the theme (a closed calendar is let go at once)."""
        self.workout.projection_signal.unsubscribe(self)
        self.app.theme_changed_signal.unsubscribe(self)

    @property
    def table(self) -> CalendarGrid:
        """The calendar grid."""
        return self.query_one("#grid", CalendarGrid)

    # Building and updating -----------------------------------------------------------------

    def _cell(self, cell: Cell) -> Text:
        style = self._styles.get(cell.status, "")
        if cell.status == "planned" and cell.deload:
            style = self._styles.get("deload", "")
        if cell.today:
            style += " bold reverse"
        return Text(cell.text, style=style)

    def _row(self, row: int) -> list[Text]:
        """The cells of a row coming into view."""
        rows = self._rows
        if rows is None:
            return []
        number, label, starts = rows.labels[row]
        cells = [Text(number), Text(label, style="bold" if starts else "")]
        for cell in rows.cells(row):
            self._shown[cell.key] = cell.signature
            cells.append(self._cell(cell))
        return cells

    @staticmethod
    def _shape(projection: Projection) -> object:
        plan = projection.plan
        return (
            plan.start,
            plan.days,
            plan.day_changes,
            tuple((p.program.name, p.weeks) for p in plan.phases),
            projection.today,
        )

    def _rebuild(self, _theme: object = None) -> None:
        if self._projection is not None:
            self._build(self._projection)

    def _build(self, projection: Projection) -> None:
        """The grid's columns and rows (once, or when the plan's shape changes); a row's cells
        are made when it comes into view."""
        self._projection = projection
        self._layout = self._shape(projection)
        self._styles = status_styles(self.app)
        rows = self._rows = calendar_rows(projection)
        self._shown = {}
        # Fixed widths: nothing is measured, whatever the plan's length.
        columns = [("week", "Week", 5), ("phase", "Phase", rows.label_width)]
        columns += [(f"s{n}", title, rows.cell_width) for n, title in enumerate(rows.titles())]
        self.table.set_rows(columns, [str(w.number) for w in rows.weeks], self._row)
        self._show_detail()

    def _changed(self, projection: Projection | None) -> None:
        """A re-projected plan: redraw only the drawn cells that changed (a window of the plan,
        shown first after a change, waits for the whole)."""
        if not isinstance(projection, WholePlan):
            return
        rows = calendar_rows(projection)
        if (
            self._rows is None
            or self._shape(projection) != self._layout
            or rows.where.keys() != self._rows.where.keys()
        ):
            first = self._projection is None
            self._build(projection)
            if first:
                self.table.loading = False
                self.action_today()
            return
        self._projection, self._rows = projection, rows
        table = self.table
        for key, shown in list(self._shown.items()):
            row, col = rows.where[key]
            session = rows.weeks[row].items[col]
            if rows.signature(session) != shown:
                cell = next(c for c in rows.cells(row) if c.key == key)
                self._shown[key] = cell.signature
                table.update_cell(str(rows.weeks[row].number), f"s{col}", self._cell(cell))
        self._show_detail()

    # The highlighted session ----------------------------------------------------------------

    def selected_session(self) -> Session | None:
        """The session under the cursor (the week's first, on the week and phase columns)."""
        rows = self._rows
        if rows is None or not rows.weeks:
            return None
        row, column = self.table.cursor_coordinate
        items = rows.weeks[min(row, len(rows.weeks) - 1)].items
        col = max(column, 2) - 2
        return items[col] if col < len(items) else None

    def on_calendar_grid_highlighted(self) -> None:
        """Show the session under the cursor below the grid."""
        self._show_detail()

    def _show_detail(self) -> None:
        if self._projection is not None:
            view = self.query_one(SessionView)
            view.show(self._projection, self.selected_session(), layout=False)

    def focus_session(self, key: dt.date) -> None:
        """Put the cursor on the session scheduled on ``key``."""
        if self._rows is not None and key in self._rows.where:
            row, col = self._rows.where[key]
            self.table.move_cursor(row=row, column=col + 2)

    def action_today(self) -> None:
        """The cursor on today's session (unless it is logged), or the next planned one."""
        projection = self._projection
        if projection is None:
            return
        session = projection.on(projection.today)
        if session is None or session.status != "planned":
            session = projection.next_planned() or session
        session = session or (projection.sessions[-1] if projection.sessions else None)
        if session is not None:
            self.focus_session(session.scheduled.key)

    def on_calendar_grid_selected(self) -> None:
        """Enter: show the session on the dashboard."""
        self.action_show()

    def action_show(self) -> None:
        """Back to the dashboard, showing the session under the cursor."""
        from screens.today import TodayScreen

        session = self.selected_session()
        self.dismiss()
        for screen in self.app.screen_stack:
            if isinstance(screen, TodayScreen):
                screen.select(session)

    def action_close(self) -> None:
        """Back to the dashboard."""
        self.dismiss()

    def action_goto(self) -> None:
        """Jump to a session by date (the nearest session to a date without one) or number."""
        projection = self._projection
        if projection is None:
            return

        def check(text: str) -> str | None:
            return _error_of(partial(nearest_session, projection, text))

        def go(text: str | None) -> None:
            if text is not None:
                session = nearest_session(projection, text)
                self.focus_session(session.scheduled.key)
                if notice := nearest_notice(text, session):
                    self.notify(notice)

        ask = ConfirmScreen(
            "Go to a session",
            "A date (2027-03-04: the nearest session to it), a session number, 'today', or "
            "nothing for the next planned one.",
            yes="Go",
            field="Session",
            check=check,
        )
        self.app.push_screen(ask, go)

    # Changes --------------------------------------------------------------------------------

    def _would(self, change: Callable[[Plan], Plan]) -> str | None:
        """The problem ``change`` has with the plan in memory, if any (nothing is saved)."""
        plan = self.workout.plan
        return "no plan is open" if plan is None else _error_of(partial(change, plan))

    def action_move(self) -> None:
        """Move the session under the cursor to a date typed in a dialog."""
        session = self.selected_session()
        if session is None:
            return
        date = session.scheduled.date

        def change(text: str) -> Callable[[Plan], Plan]:
            return partial(
                actions.move_session, session=session, to=actions.parse_date(text, "date")
            )

        def check(text: str) -> str | None:
            return _error_of(lambda: self._would(change(text)))

        def move(text: str | None) -> None:
            if text is not None:
                self.workout.change_plan(change(text), f"Moved {date:%a %d %b} to {text}.")

        ask = ConfirmScreen(
            f"Move the session of {date:%a %Y-%m-%d}",
            "It keeps its place in the progression; only its date changes.",
            yes="Move",
            field="New date (YYYY-MM-DD)",
            value=date.isoformat(),
            check=check,
        )
        self.app.push_screen(ask, move)

    def action_nudge(self, days: int) -> None:
        """Move the session under the cursor a day earlier or later."""
        session = self.selected_session()
        if session is None:
            return
        to = session.scheduled.date + dt.timedelta(days=days)
        self.workout.change_plan(
            partial(actions.move_session, session=session, to=to),
            f"Moved {session.scheduled.date:%a %d %b} to {to:%a %d %b}.",
        )

    def action_edit(self) -> None:
        """Change the sets of a future session (kept as your edit of it)."""
        session = self.selected_session()
        if session is None or self._projection is None:
            return
        if session.status != "planned":
            self.notify(
                f"Only planned sessions can be edited; this one is {session.status}.",
                severity="warning",
            )
            return

        def edited(logged: Logged | None) -> None:
            if logged is None:
                return
            changed = actions.edited_exercises(session, logged.exercises)
            if not changed:
                self.notify("Nothing changed.")
                return
            self.workout.change_plan(
                partial(actions.edit_exercises, session=session, edited=changed),
                f"Edited {session.scheduled.date:%a %d %b}.",
            )

        self.app.push_screen(LogSessionScreen(self._projection, session, edit=True), edited)

    def action_clear_edits(self) -> None:
        """Drop your edits of the session (it follows the rules again)."""
        session = self.selected_session()
        if session is None:
            return
        date = f"{session.scheduled.date:%a %d %b}"
        ask = ConfirmScreen(
            f"Drop your edits of {date}?", "Its sets follow the program again.", yes="Drop edits"
        )
        change = partial(actions.clear_edits, session=session)
        note = f"Dropped the edits of {date}."
        self.app.push_screen(ask, lambda answer: self._change(answer, change, note))

    def action_unlog(self) -> None:
        """Forget what was logged for the session (u undoes this too)."""
        session = self.selected_session()
        if session is None or session.status not in ("done", "skipped"):
            return
        date = f"{session.scheduled.date:%a %d %b}"
        ask = ConfirmScreen(
            f"Forget the log of {date}?",
            f"It was logged as {session.status}; the plan is re-projected without it.",
            yes="Forget",
        )
        change = partial(actions.unlog, session=session)
        note = f"Forgot the log of {date}."
        self.app.push_screen(ask, lambda answer: self._change(answer, change, note))


def _error_of(call: Callable[[], object]) -> str | None:
    """What goes wrong when ``call`` runs (its message, or the text it returns), else None."""
    try:
        result = call()
    except (WorkoutError, ValueError) as error:
        return str(error)
    return result if isinstance(result, str) else None
