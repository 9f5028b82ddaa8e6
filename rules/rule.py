"""What every rule kind is: :class:`Rule`, its shared behaviour, and ``fixed`` (no progression).

A rule is a frozen attrs class with validated parameters (docs/ARCHITECTURE.md) and pure steps over
:class:`~rules.values.SlotState`:

- ``start(base)``: the state before the first session;
- ``roll(state, week, base)``: a new week of the phase begins (week-cadence rules step here);
- ``prescribe(state, base)``: the sets for the next session;
- ``advance(state, attempt, base)``: the state after a performed session;
- ``hold(state, why)``: progression held by the pain gate;
- ``regress(state, base, why)``: one step back (pain above the threshold twice in a row);
- ``back_off(state, pct, base, why)``: the break back-off, a cut after a long gap.

Every returned state carries ``why``: the reason the next prescription looks the way it does.
The kinds themselves live in :mod:`rules.load_kinds` (per performed session) and
:mod:`rules.week_kinds` (once a week); :mod:`rules.kinds` names them all.
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

import attrs
from attrs import validators as v

from rules.values import (
    Attempt,
    Base,
    SetTarget,
    SlotState,
    cut_load,
    duration_text,
    fmt_number,
    round_load,
)

POSITIVE = v.gt(0)
NON_NEGATIVE = v.ge(0)
NON_NEGATIVE_LOAD = v.ge(0.0)
PERCENT = [v.ge(0.0), v.lt(100.0)]
"""Validators the kinds share."""


def step_text(change: float, base: Base) -> str:
    """The change people see on the bar (after rounding to the plates), e.g. ``+5 kg``."""
    sign = "+" if change >= 0 else "−"
    return f"{sign}{base.load_text(abs(round(change, 3)))}"


def pct_text(pct: float) -> str:
    """``10 %``."""
    return f"{fmt_number(pct)} %"


def straight(state: SlotState, base: Base, reps_max: int | None = None) -> tuple[SetTarget, ...]:
    """``state.sets`` straight sets, the last one AMRAP when the slot asks for it (a slot with a
    set scheme: :func:`scheme`)."""
    if base.pyramid or base.back_off_pct is not None:
        return scheme(state, base, reps_max)
    # One frozen object repeated: identical sets are the same value, and it keeps a
    # 10-year projection cheap (2,600 sessions × 8 exercises × 5 sets).
    target = SetTarget(reps=state.reps, reps_max=reps_max, load=state.load, seconds=state.seconds)
    if not base.amrap_last or state.sets < 1:
        return (target,) * state.sets
    last = SetTarget(
        reps=state.reps, reps_max=reps_max, load=state.load, seconds=state.seconds, amrap=True
    )
    return (target,) * (state.sets - 1) + (last,)


def offsets(base: Base) -> tuple[int, ...]:
    """Each set's reps relative to the first set's: ``(0, -2, -4)`` for a 6-4-2 pyramid
    (empty for straight sets)."""
    return tuple(reps - base.pyramid[0] for reps in base.pyramid)


def scheme(state: SlotState, base: Base, reps_max: int | None = None) -> tuple[SetTarget, ...]:
    """Unequal sets moved as one by the state: a pyramid's reps follow its first set's
    (``state.reps``: 6-4-2 → 7-5-3), and a top set is followed by back-off sets
    ``base.back_off_pct`` lighter than it (``state.load``), so a heavier top set moves them all."""
    top, shifts = state.reps, offsets(base)
    back_off = state.load
    if base.back_off_pct is not None and state.load:
        back_off = cut_load(state.load, base.back_off_pct, base.increment)
    out = []
    for index in range(state.sets):
        reps = top
        if top is not None and shifts:
            reps = max(1, top + shifts[min(index, len(shifts) - 1)])
        spread = None if reps_max is None or top is None or reps is None else reps_max + reps - top
        out.append(
            SetTarget(
                reps=reps,
                reps_max=spread,
                load=state.load if index == 0 else back_off,
                seconds=state.seconds,
                amrap=base.amrap_last and index == state.sets - 1,
            )
        )
    return tuple(out)


def scheme_text(state: SlotState, base: Base) -> str:
    """The sets in a why: ``5×5``, ``6-4-2``, ``sets (top and back-offs)``."""
    if base.back_off_pct is not None:
        return "sets (top and back-offs)"
    if base.pyramid:
        return "-".join(str(t.reps) for t in scheme(state, base))
    return f"{state.sets}×{state.reps or ''}".rstrip("×")


@attrs.frozen(slots=False)
class Rule:
    """Shared behaviour; subclasses override what differs."""

    kind: ClassVar[str] = ""

    def start(self, base: Base) -> SlotState:
        """The state before the first session of the slot."""
        if base.load:
            why = f"starting load {base.load_text(base.load)}"
        elif base.seconds:
            why = f"starting hold {duration_text(base.seconds)}"
        else:
            why = f"starting at {base.sets}×{base.reps}" if base.reps else "starting point"
        return SlotState(
            load=base.load, sets=base.sets, reps=base.reps, seconds=base.seconds, why=why
        )

    def prescribe(self, state: SlotState, base: Base) -> tuple[SetTarget, ...]:
        """Straight sets from the state; the last one AMRAP when the slot asks for it."""
        return straight(state, base)

    def advance(self, state: SlotState, attempt: Attempt, base: Base) -> SlotState:
        """No progression (the ``fixed`` behaviour); remembers the date."""
        return state.but(last=attempt.date, why=f"as before: {attempt.when}")

    def roll(self, state: SlotState, week: int, base: Base) -> SlotState:
        """A new week of the phase begins: nothing to do for session-cadence rules."""
        return state

    def hold(self, state: SlotState, why: str) -> SlotState:
        """Progression held (pain gate): nothing changes but the reason."""
        return state.but(why=why)

    def regress(self, state: SlotState, base: Base, why: str) -> SlotState:
        """One step back: by default, the load cut by one increment."""
        if state.load:
            return state.but(load=round_load(state.load - base.increment, base.increment), why=why)
        return state.but(why=why)

    def back_off(self, state: SlotState, pct: float, base: Base, why: str) -> SlotState:
        """The break back-off: after a long gap, the load (or, without a load, the seconds)
        cut by ``pct``."""
        if state.load:
            load = cut_load(state.load, pct, base.increment)
            return state.but(load=load, why=why)
        if state.seconds:
            seconds = max(1, math.floor(state.seconds * (1 - pct / 100)))
            return state.but(seconds=seconds, why=why)
        return state.but(why=why)

    def params(self) -> dict[str, Any]:
        """The parameters as plain data (for files and the editor), ``kind`` first; a
        parameter that is off (None) is left out, as files have no null."""
        values = attrs.asdict(self)
        return {"kind": self.kind, **{k: x for k, x in values.items() if x is not None}}


@attrs.frozen(slots=False)
class Fixed(Rule):
    """No progression: warm-ups, stretches kept as they are."""

    kind: ClassVar[str] = "fixed"

    def back_off(self, state: SlotState, pct: float, base: Base, why: str) -> SlotState:
        """No break back-off: a fixed slot is always what the program says (a cut would never
        come back, as nothing ever adds to it)."""
        return state

    def regress(self, state: SlotState, base: Base, why: str) -> SlotState:
        """Nothing to step back from either; the reason is still shown."""
        return state.but(why=why)
