"""The dashboard: today's (or the next) session with every prescription and its why."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from planner.present import mark
from planner.projection import Projection
from rules.engine import Session
from screens.back_prompts import ADVANCE_KEY, MORNING_KEY, GateNotice, MorningPrompt
from screens.keybar import KeyBar
from screens.red_flag import ACK_KEY, RedFlagBanner
from screens.titlebar import TitleBar
from screens.widgets import PLAN_BINDINGS, SessionScreen, SessionView

DAYS_KEY = "D"
"""The key that opens the dialog changing the training days (``workout days``)."""


class TodayScreen(SessionScreen):
    """The first screen: the plan, where it stands, and the session to do next."""

    CSS_PATH = "today.tcss"
    _MOVE = Binding.Group("Prev/next", compact=True)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "left",
            "step(-1)",
            "Previous",
            key_display="←",
            tooltip="The session before",
            group=_MOVE,
        ),
        Binding(
            "right", "step(1)", "Next", key_display="→", tooltip="The session after", group=_MOVE
        ),
        Binding("escape", "back_to_today", "Today", show=False, tooltip="Back to today's session"),
        Binding(
            "i",
            "toggle_note",
            "Note",
            show=False,
            tooltip="The program's note in full, or in one line",
        ),
        Binding(
            ACK_KEY,
            "acknowledge_red_flag",
            "Read it",
            show=False,
            tooltip="Acknowledge a red-flag warning (see a clinician first)",
        ),
        Binding(
            MORNING_KEY,
            "morning_pain",
            "Morning pain",
            show=False,
            tooltip="How your back settled after yesterday's session (0–10)",
        ),
        Binding(
            ADVANCE_KEY,
            "advance",
            "Move on",
            show=False,
            tooltip="Start the next phase although the readiness gate holds it",
        ),
        Binding(
            "U",
            "units",
            "Units",
            show=False,
            tooltip="Change the plan's unit (kg or lb) from now on; what you logged keeps its own",
        ),
        *PLAN_BINDINGS,
        # Last of the dashboard's keys: in the footer where it fits (at 120 columns), in help always.
        Binding(
            DAYS_KEY,
            "days",
            "Days",
            tooltip="Change the training days from a date on; what you logged stays where it is",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.selected: Session | None = None
        """The session chosen in the calendar or with ←/→ (None: today's or the next)."""
        self._path: object = None
        self.note_open = False
        """Whether the program's note (a rehab disclaimer, say) is shown in full."""

    def compose(self) -> ComposeResult:
        """Plan name, where it stands, the session, the streak."""
        yield TitleBar()
        yield Static("", id="banner")
        yield RedFlagBanner()
        yield MorningPrompt()
        yield GateNotice()
        yield Static("Opening your plan…", id="plan-name")
        yield Static("", id="where")
        yield Static("", id="note")
        with VerticalScroll(id="session-scroll"):
            yield SessionView(id="session")
        yield Static("", id="stats")
        yield KeyBar()

    def on_mount(self) -> None:
        """Follow the app's projection."""
        self.workout.projection_signal.subscribe(self, self.show_projection, immediate=True)
        if self.workout.projection is not None:
            self.show_projection(self.workout.projection)

    def selected_session(self) -> Session | None:
        """The session shown."""
        projection = self.workout.projection
        return None if projection is None else self._pick(projection)[0]

    def select(self, session: Session | None) -> None:
        """Show ``session`` (None: today's or the next)."""
        self.selected = session
        if self.workout.projection is not None:
            self.show_projection(self.workout.projection)

    def action_step(self, offset: int) -> None:
        """Show the session before or after the one shown."""
        projection = self.workout.projection
        current = self.selected_session()
        if projection is None or current is None:
            return
        session = projection.session(current.scheduled.number + offset)
        if session is not None:  # (a window, before the whole plan is projected, may not hold it)
            self.select(session)

    def action_toggle_note(self) -> None:
        """The program's note in full, or back to one line."""
        self.note_open = not self.note_open
        if self.workout.projection is not None:
            self.show_projection(self.workout.projection)

    def _note(self, note: str) -> Text:
        """The program's note: one line (i shows it all) unless opened."""
        self.query_one("#note", Static).set_class(self.note_open, "-open")
        if self.note_open:
            return Text(f"{note} (i: less)", style="italic")
        return Text(f"i ▸ {note}", style="italic")

    def action_acknowledge_red_flag(self) -> None:
        """The person has read the red-flag warning: it goes, and stays gone."""
        self.query_one(RedFlagBanner).acknowledge()

    def action_morning_pain(self) -> None:
        """Say how the back settled after yesterday's session (or stop being asked)."""
        self.query_one(MorningPrompt).ask()

    def action_advance(self) -> None:
        """Start the next phase although the readiness gate holds it (asked first)."""
        self.query_one(GateNotice).ask()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The back-care keys work only while their line is shown."""
        lines = {"morning_pain": MorningPrompt, "advance": GateNotice}
        if action in lines:
            shown = self.query(lines[action])
            return bool(shown) and shown.first().display
        if action == "days":  # no plan, no days to change
            return self.workout.projection is not None
        return True

    def action_units(self) -> None:
        """Confirm, then prescribe in the other unit (kg ⇄ lb) from now on; every session
        logged so far keeps the unit it was lifted in (as ``workout units`` does)."""
        plan = self.workout.plan
        if plan is None:
            return
        from functools import partial

        from planner.checks import change_units  # on demand: not needed to draw the dashboard
        from rules.values import Unit
        from screens.confirm import ConfirmScreen

        source = plan.units
        target: Unit = "lb" if source == "kg" else "kg"
        body = (
            f"Loads, starting points and equipment are converted to {target} and prescribed "
            f"in {target} from now on. What you logged stays as you logged it, in {source}."
        )
        ask = ConfirmScreen(f"Use {target} for {plan.name}?", body, yes=f"Use {target}")
        change = partial(change_units, unit=target)
        note = f"Loads in {target} from now on; what you logged stays in {source}."
        self.app.push_screen(ask, lambda answer: self._change(answer, change, note))

    def action_days(self) -> None:
        """The training days from a date on (as ``workout days``), in a dialog that says what
        it will do; every session logged stays where it was logged."""
        plan, projection = self.workout.plan, self.workout.projection
        if plan is None or projection is None:
            return
        from screens.days_dialog import Choice, DaysDialog  # on demand, as the dialogs are

        today = projection.today

        def chosen(choice: Choice | None) -> None:
            current = self.workout.plan
            if choice is None or current is None:
                return
            from functools import partial

            from planner.checks import change_days
            from planner.present import days_change_text

            days, since = choice
            note = days_change_text(current, days, since, today)
            self.workout.change_plan(partial(change_days, days=days, since=since), note)

        self.app.push_screen(DaysDialog(plan, today), chosen)

    def action_back_to_today(self) -> None:
        """Show today's (or the next) session again."""
        self.select(None)

    def _pick(self, projection: Projection) -> tuple[Session | None, str, str]:
        """The session to show, its label and a remark about today."""
        if self.selected is not None:
            session = projection.by_key(self.selected.scheduled.key)
            if session is not None:
                return session, "", "Esc: back to today's session."
        today = projection.item_on(projection.today)
        status = None if today is None else projection.status(today)
        if today is not None and status == "planned":
            return projection.session_of(today), "Today · ", self._missed(projection)
        remark = f"Today's session is {status}. " if today is not None else ""
        return projection.next_planned(), "Next · ", remark + self._missed(projection)

    @staticmethod
    def _missed(projection: Projection) -> str:
        """A hint about a session missed in the last week (it may have been done, unlogged)."""
        week_ago = projection.today - dt.timedelta(days=7)
        missed = [
            item
            for item in projection.items_between(week_ago, projection.today - dt.timedelta(days=1))
            if projection.status(item) == "missed"
        ]
        if not missed:
            return ""
        return f"Missed {missed[-1].date:%a %d %b}: ← shows it, d logs it, s skips it."

    def show_projection(self, projection: Projection | None) -> None:
        """Redraw from a (re-)projected plan."""
        banner = self.query_one("#banner", Static)
        self.query_one(RedFlagBanner).show(projection)
        self.query_one(MorningPrompt).show(projection)
        self.query_one(GateNotice).show(projection)
        if projection is None:
            self.query_one("#plan-name", Static).update(
                "No plan open. Press n to create one, or p to open one."
            )
            for name in ("#where", "#note", "#stats"):
                self.query_one(name, Static).update("")
            self.query_one(SessionView).update("")
            return
        plan = projection.plan
        service = self.workout.service
        if service is not None and service.path != self._path:  # another plan: start at today
            self._path, self.selected = service.path, None
        warnings = []
        if service is not None and service.read_only:
            warnings.append("Read-only: written by a newer version of workout; nothing is saved.")
        if self.workout.unsaved:
            warnings.append("Not saved: a change failed to save (Ctrl+S tries again, u undoes).")
        banner.update("\n".join(warnings))
        banner.display = bool(warnings)
        self.query_one("#plan-name", Static).update(Text(plan.name, style="bold"))
        session, label, remark = self._pick(projection)
        view = self.query_one(SessionView)
        if session is None:
            self.query_one("#where", Static).update(f"{remark}No planned session left. Well done!")
            view.update("")
        else:
            program = plan.phases[session.scheduled.phase].program
            where = projection.where(session)
            lines = [Text(where, style="bold")]
            if remark:
                lines.append(Text(remark))
            self.query_one("#where", Static).update(Text("\n").join(lines))
            note = self.query_one("#note", Static)
            note.update(self._note(program.note) if program.note else "")
            note.display = bool(program.note)
            view.show(projection, session, label=label, where=False, cues=True)
        self.query_one("#stats", Static).update(self._stats(projection))

    def _stats(self, projection: Projection) -> str:
        today = projection.today
        monday = today - dt.timedelta(days=today.weekday())
        week = [
            f"{mark(projection.status(item))} {item.date:%a} {projection.day_name(item)}"
            for item in projection.items_between(monday, monday + dt.timedelta(days=6))
        ]
        done, total = projection.done_in_week_of(today)
        parts = [f"Streak {projection.streak()}", f"this week {done} of {total} done"]
        last = projection.last_logged()
        if last is not None:
            entry = projection.plan.entry(last.key)
            text = f"last: {last.date:%a %d %b} {projection.status(last)}"
            if entry is not None and entry.pain is not None:
                text += f", pain {entry.pain}/10"
            parts.append(text)
        strip = f"This week  {'   '.join(week)}\n" if week else ""
        return strip + " · ".join(parts)
