"""Two back-care lines on the first screen, each with its key:

- the next-morning question (key ``m``): the day after a session of a pain-gated phase, how the
  back settled, saved as ``workout pain N`` saves it; Esc in the dialog stops asking about that
  session (saved in the plan);
- the readiness gate (key ``A``): when pain has extended a phase, the dashboard says so and
  offers to start the next phase anyway, as ``workout advance`` does, after a question that
  names the date and the pain.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from planner import present
from planner.backcare import (
    advance_phase,
    check_where,
    dismiss_morning,
    holding_gate,
    log_morning,
    morning_question,
    phase_start,
)
from planner.errors import WorkoutError

if TYPE_CHECKING:
    from planner.projection import Projection
    from screens.app import WorkoutApp

MORNING_KEY = "m"
"""The key that opens the next-morning question."""
ADVANCE_KEY = "A"
"""The key that starts the phase a readiness gate holds back."""


def parse_morning(text: str) -> tuple[int, str]:
    """``4`` or ``4 leg`` as typed in the dialog: pain this morning and where (a clear error)."""
    from planner.actions import parse_pain

    number, _, where = text.strip().partition(" ")
    pain = parse_pain(number, "Pain")
    if pain is None:
        raise WorkoutError("Pain: type this morning's pain, 0 (none) to 10 (worst)")
    return pain, check_where(where, "Where")


def _problem(text: str) -> str | None:
    try:
        parse_morning(text)
    except WorkoutError as error:
        return str(error)
    return None


class BackCareLine(Static):
    """A line of the first screen, hidden when it has nothing to say."""

    DEFAULT_CSS = """
    BackCareLine {
        display: none;
        background: $warning-muted;
        color: $text;
        padding: 0 1;
        height: auto;
    }
    """

    @property
    def workout(self) -> WorkoutApp:
        """The app, typed."""
        app: WorkoutApp = self.app  # type: ignore[assignment]
        return app

    def say(self, question: str, hint: str) -> None:
        """Show ``question`` with the key that answers it."""
        text = Text(question)
        text.append(f"\n{hint}", style="italic")
        self.update(text)
        self.display = True


class MorningPrompt(BackCareLine):
    """The day after a session of a pain-gated phase: how did the back settle?"""

    def show(self, projection: Projection | None) -> bool:
        """Ask about yesterday's session if it is still unanswered; whether it is asked."""
        entry = None if projection is None else morning_question(projection)
        if projection is None or entry is None:
            self.display = False
            return False
        item = projection.item_by_key(entry.date)
        took_place = entry.date if item is None else item.date
        hint = f"{MORNING_KEY}: say how it is this morning, 0–10 (Esc there: do not ask again)"
        self.say(present.morning_question_text(entry, took_place), hint)
        return True

    def ask(self) -> None:
        """The dialog: pain this morning (Enter saves it), or Esc (not asked again)."""
        projection = self.workout.projection
        entry = None if projection is None else morning_question(projection)
        if projection is None or entry is None:
            return
        from screens.confirm import ConfirmScreen

        key = entry.date
        during = f" (pain {entry.pain}/10 during)" if entry.pain is not None else ""
        body = (
            f"After the session of {key:%a %d %b}{during}. Pain that settles by the next morning "
            "lets the exercises progress; worse than during eases them off a step. "
            "Add where it hurts when it is not the back: 4 leg."
        )
        ask = ConfirmScreen(
            "How did your back settle this morning?",
            body,
            yes="Save",
            no="Don't ask",
            field="Pain this morning: 0 (none) to 10 (worst)",
            check=_problem,
        )
        self.app.push_screen(ask, partial(self._answered, key))

    def _answered(self, key: dt.date, answer: str | None) -> None:
        """Save the pain typed, or that the person does not want to be asked."""
        if answer is None:
            change = partial(dismiss_morning, key=key)
            note = f"Not asked again about {key:%a %d %b}."
        else:
            pain, where = parse_morning(answer)
            change = partial(log_morning, pain=pain, where=where, on=key)
            note = f"Noted for {key:%a %d %b}: next morning {pain}/10."
        if self.workout.change_plan(change, note):
            self.display = False


class GateNotice(BackCareLine):
    """A phase the readiness gate extended: say so, and offer to move on anyway."""

    def show(self, projection: Projection | None) -> bool:
        """Say which phase is held and why; whether it is."""
        gate = None if projection is None else holding_gate(projection)
        if gate is None:
            self.display = False
            return False
        hint = f"{ADVANCE_KEY}: start {gate.following} now anyway (with your clinician's go-ahead)"
        self.say(present.gate_text(gate), hint)
        return True

    def ask(self) -> None:
        """The question naming the date the next phase would start and the pain that holds
        it; confirmed, the phase ends as ``workout advance`` ends it."""
        app = self.workout
        projection, service, plan = app.projection, app.service, app.plan
        gate = None if projection is None else holding_gate(projection)
        if gate is None or projection is None or service is None or plan is None:
            return
        try:
            moved = advance_phase(plan, gate.phase, projection.today)
            first = phase_start(service.preview(moved), gate.phase + 1)
        except WorkoutError as error:
            app.notify(str(error), title="Not possible", severity="error")
            return
        from screens.confirm import ConfirmScreen

        body = (
            f"{gate.held} waits for {gate.following} until two weeks are calm (pain at or under "
            "the threshold, settled by the next morning). Move on now only with your "
            "clinician's go-ahead; u undoes it."
        )
        ask = ConfirmScreen(
            present.advance_question(gate, first),
            body,
            yes=f"Start {gate.following}",
            no="Wait",
            default="no",
        )
        change = partial(advance_phase, index=gate.phase, today=projection.today)
        note = f"{gate.following} starts on {first.date:%a %d %b}."

        def answered(answer: str | None) -> None:
            if answer is not None and app.change_plan(change, note):
                self.display = False

        app.push_screen(ask, answered)
