"""Small builders for engine tests: one slot, one phase, a log of outcomes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from rules.engine import Day, Edits, Logged, Phase, Session, Slot, project, schedule
from rules.kinds import Rule
from rules.values import Attempt, Base, SetDone, SetTarget, SlotState

MONDAY = dt.date(2026, 11, 30)


def attempt(
    state_targets: tuple[SetTarget, ...],
    *,
    ok: bool = True,
    week: int = 1,
    date: dt.date = MONDAY,
    reps: Sequence[int] | None = None,
) -> Attempt:
    """An attempt that met every target (ok) or fell one rep short on the last set."""
    done = [SetDone(reps=t.reps, load=t.load, seconds=t.seconds) for t in state_targets]
    if reps is not None:
        done = [SetDone(reps=r, load=state_targets[0].load) for r in reps]
    elif not ok and done:
        last = done[-1]
        done[-1] = SetDone(
            reps=(last.reps or 1) - 1,
            load=last.load,
            seconds=(last.seconds - 1) if last.seconds else None,
        )
    return Attempt(date=date, week=week, targets=state_targets, done=tuple(done))


def run(rule: Rule, base: Base, outcomes: Sequence[bool]) -> list[SlotState]:
    """States after each outcome (success/failure), starting from ``rule.start(base)``."""
    state = rule.start(base)
    states = [state]
    for index, ok in enumerate(outcomes):
        targets = rule.prescribe(state, base)
        state = rule.advance(
            state, attempt(targets, ok=ok, date=MONDAY + dt.timedelta(days=index)), base
        )
        states.append(state)
    return states


def phase(
    rule: Rule, base: Base, *, weeks: int = 8, exercise: str = "squat", **kwargs: Any
) -> Phase:
    """A one-day, one-slot phase (``kwargs``: plan-level rules, checked by Phase's validators)."""
    return Phase(
        program="p",
        name="P",
        weeks=weeks,
        days=(Day("A", (Slot(exercise, base, rule),)),),
        **kwargs,
    )


def plan_sessions(
    phases: Sequence[Phase],
    weekdays: Sequence[int],
    log: dict[dt.date, Logged] | None = None,
    today: dt.date = MONDAY,
    start: dt.date = MONDAY,
    overrides: Edits | None = None,
) -> tuple[Session, ...]:
    """Project a plan of ``phases`` from ``start``."""
    return project(phases, schedule(start, weekdays, phases), log or {}, today, overrides)


def loads(session: Session) -> list[float | None]:
    """The loads of the first prescription's sets."""
    return [s.load for s in session.prescriptions[0].sets]
