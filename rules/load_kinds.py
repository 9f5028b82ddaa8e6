"""Rule kinds that step with every performed session: ``linear``, ``double``, ``wave``, ``stages``.

``linear`` and ``double`` have a **failure reset**: ``fail_streak`` failed sessions in a row cut
the load by ``deload_pct`` (the parameter names are the program files'; in the engine's words this
is a reset after failures, not the scheduled deload week of a phase nor the break back-off).
"""

from __future__ import annotations

from typing import Any, ClassVar

import attrs
from attrs import validators as v

from rules.rule import (
    NON_NEGATIVE,
    NON_NEGATIVE_LOAD,
    PERCENT,
    POSITIVE,
    Rule,
    offsets,
    pct_text,
    scheme_text,
    step_text,
    straight,
)
from rules.values import (
    Attempt,
    Base,
    SetDone,
    SetTarget,
    SlotState,
    cut_load,
    fmt_number,
    round_load,
    rpe_of,
)


@attrs.frozen(slots=False)
class Linear(Rule):
    """Add ``add`` after each successful session; repeat on failure; after ``fail_streak``
    failures in a row, the failure reset: the load cut by ``deload_pct``.

    StrongLifts 5×5: ``add=2.5`` (5 for deadlift), ``fail_streak=3``, ``deload_pct=10``.
    """

    kind: ClassVar[str] = "linear"
    add: float = attrs.field(default=2.5, validator=NON_NEGATIVE_LOAD)
    fail_streak: int = attrs.field(default=3, validator=POSITIVE)
    """Failed sessions in a row before the failure reset."""
    deload_pct: float = attrs.field(default=10.0, validator=PERCENT)
    """The failure reset's cut (named as in program files)."""
    every: int = attrs.field(default=1, validator=POSITIVE)
    """Successful sessions needed for one increase."""

    def advance(self, state: SlotState, attempt: Attempt, base: Base) -> SlotState:
        """Success adds, failure repeats, ``fail_streak`` failures reset the load."""
        load = attempt.top_load if attempt.top_load is not None else state.load
        state = state.but(last=attempt.date)
        scheme = scheme_text(state, base)
        if attempt.success:
            return self._succeeded(state, attempt, base, load, scheme)
        return self._failed(state, attempt, base, load, scheme)

    def _succeeded(
        self, state: SlotState, attempt: Attempt, base: Base, load: float | None, scheme: str
    ) -> SlotState:
        successes = state.successes + 1
        if successes < self.every or load is None:
            return state.but(
                load=load,
                successes=successes,
                fails=0,
                why=f"repeat: {successes}/{self.every} successful sessions at this load",
            )
        new = round_load(load + self.add, base.increment)
        return state.but(
            load=new,
            successes=0,
            fails=0,
            why=f"{step_text(new - load, base)}: all {scheme} {attempt.when}",
        )

    def _failed(
        self, state: SlotState, attempt: Attempt, base: Base, load: float | None, scheme: str
    ) -> SlotState:
        fails = state.fails + 1
        current = state.load if state.load is not None else load
        if fails >= self.fail_streak and current is not None:
            return state.but(
                load=cut_load(current, self.deload_pct, base.increment),
                fails=0,
                successes=0,
                why=f"−{pct_text(self.deload_pct)}: {fails} failed sessions in a row",
            )
        # "before a deload" is how people name the failure reset: the text stays theirs.
        return state.but(
            load=current,
            fails=fails,
            successes=0,
            why=f"repeat: {scheme} missed on {attempt.date} ({fails} of {self.fail_streak} before a deload)",
        )


@attrs.frozen(slots=False)
class Double(Rule):
    """Double progression: add reps within [lo, hi] until every set reaches hi, then add load,
    back to lo; optionally a failure reset after ``fail_streak`` sessions short of the target."""

    kind: ClassVar[str] = "double"
    lo: int = attrs.field(default=8, validator=POSITIVE)
    hi: int = attrs.field(default=12, validator=POSITIVE)
    add: float = attrs.field(default=2.5, validator=NON_NEGATIVE_LOAD)
    fail_streak: int = attrs.field(default=0, validator=NON_NEGATIVE)
    """Failed sessions in a row before the failure reset; 0: never reset."""
    deload_pct: float = attrs.field(default=10.0, validator=PERCENT)
    """The failure reset's cut (named as in program files)."""
    max_rpe: float | None = attrs.field(default=None, validator=v.optional([v.ge(1.0), v.le(10.0)]))
    """Add load only when the top of the range was reached at this RPE or easier (sets logged
    without an RPE do not hold it back); None: off."""

    @hi.validator
    def _check_range(self, attribute: attrs.Attribute[int], value: int) -> None:
        if value < self.lo:
            raise ValueError(f"hi ({value}) must be at least lo ({self.lo})")

    def start(self, base: Base) -> SlotState:
        """Start at the bottom of the range (or the slot's reps, if inside it)."""
        reps = base.reps if base.reps is not None and self.lo <= base.reps <= self.hi else self.lo
        return super().start(base).but(reps=reps)

    def prescribe(self, state: SlotState, base: Base) -> tuple[SetTarget, ...]:
        """Every set: the current rep target, with the top of the range shown."""
        return straight(state, base, reps_max=self.hi)

    def advance(self, state: SlotState, attempt: Attempt, base: Base) -> SlotState:
        """The fewest reps of any set decide (a pyramid's sets each against their own share
        of the range): at hi add load, else aim one rep higher."""
        state = state.but(last=attempt.date)
        shifts = offsets(base) or (0,)
        done: tuple[SetDone | SetTarget, ...] = attempt.done[: state.sets]
        reps = [(d.reps or 0) - shifts[min(i, len(shifts) - 1)] for i, d in enumerate(done)]
        reps += [0] * (state.sets - len(reps))
        worst = min(reps) if reps else 0
        target = state.reps or self.lo
        load = attempt.top_load if attempt.top_load is not None else state.load
        if worst >= self.hi:
            return self._top_reached(state, attempt, base, load)
        if worst >= target:
            reps_next = min(self.hi, worst + 1)
            return state.but(
                load=load,
                reps=reps_next,
                fails=0,
                why=f"+1 rep: {state.sets}×{worst} {attempt.when}",
            )
        return self._failed(state, attempt, base, target)

    def _top_reached(
        self, state: SlotState, attempt: Attempt, base: Base, load: float | None
    ) -> SlotState:
        """Every set at the top of the range: more load, unless there is none to add or the
        sets were harder than ``max_rpe``."""
        if not self.add:
            # Bodyweight (or minutes): no load to add, so the top of the range is the goal.
            return state.but(
                reps=self.hi,
                fails=0,
                why=f"top of the range: {state.sets}×{self.hi} {attempt.when}; keep it",
            )
        rpes = [r for r in map(rpe_of, attempt.done) if r is not None]
        hardest = max(rpes) if rpes else None
        if self.max_rpe is not None and hardest is not None and hardest > self.max_rpe:
            return state.but(
                load=load,
                reps=self.hi,
                fails=0,
                why=(
                    f"stay at {base.load_text(load or 0)}: {state.sets}×{self.hi} reached at "
                    f"RPE {fmt_number(hardest)} {attempt.when}; more load once it is RPE "
                    f"{fmt_number(self.max_rpe)} or easier"
                ),
            )
        new = round_load((load or 0) + self.add, base.increment)
        return state.but(
            load=new,
            reps=self.lo,
            fails=0,
            why=f"{step_text(new - (load or 0), base)}: {state.sets}×{self.hi} reached, back to {self.lo} reps",
        )

    def _failed(self, state: SlotState, attempt: Attempt, base: Base, target: int) -> SlotState:
        """Short of the rep target: repeat; after ``fail_streak`` such sessions, the failure
        reset (the load cut by ``deload_pct``, back to ``lo`` reps)."""
        fails = state.fails + 1
        if self.fail_streak and fails >= self.fail_streak and state.load:
            return state.but(
                load=cut_load(state.load, self.deload_pct, base.increment),
                reps=self.lo,
                fails=0,
                why=f"−{pct_text(self.deload_pct)}: {fails} sessions short of {target} reps",
            )
        return state.but(
            fails=fails,
            why=f"repeat: aim for {state.sets}×{target} (best set short on {attempt.date})",
        )

    def regress(self, state: SlotState, base: Base, why: str) -> SlotState:
        """One rep fewer; at the bottom of the range, one increment lighter."""
        if state.reps is not None and state.reps > self.lo:
            return state.but(reps=state.reps - 1, why=why)
        return super().regress(state, base, why)


def _wave_weeks(value: tuple[tuple[float, ...], ...]) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(float(p) for p in week) for week in value)


def _wave_reps(value: tuple[tuple[int, ...], ...]) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(int(r) for r in week) for week in value)


def _week_numbers(value: tuple[int, ...]) -> tuple[int, ...]:
    # A function of our own, not ``tuple``: attrs inspects a converter's signature, and for a
    # builtin that means parsing its text signature at import time (a few ms on every command).
    return tuple(value)


@attrs.frozen(slots=False)
class Wave(Rule):
    """Percentage weeks of a training max (5/3/1): the TM rises each cycle; AMRAP on the last set.

    The cycle position moves with each *performed* session of the slot, so a skipped week is not lost.
    A cycle with a failed session (last set short of its reps) resets the TM by ``reset_pct`` instead.
    """

    kind: ClassVar[str] = "wave"
    percents: tuple[tuple[float, ...], ...] = attrs.field(
        default=((65, 75, 85), (70, 80, 90), (75, 85, 95), (40, 50, 60)), converter=_wave_weeks
    )
    reps: tuple[tuple[int, ...], ...] = attrs.field(
        default=((5, 5, 5), (3, 3, 3), (5, 3, 1), (5, 5, 5)), converter=_wave_reps
    )
    amrap_weeks: tuple[int, ...] = attrs.field(default=(1, 2, 3), converter=_week_numbers)
    """1-based weeks whose last set is AMRAP."""
    add_per_cycle: float = attrs.field(default=5.0, validator=NON_NEGATIVE_LOAD)
    reset_pct: float = attrs.field(default=10.0, validator=PERCENT)

    @reps.validator
    def _check_shape(
        self, attribute: attrs.Attribute[Any], value: tuple[tuple[int, ...], ...]
    ) -> None:
        if len(value) != len(self.percents) or any(
            len(r) != len(p) for r, p in zip(value, self.percents, strict=True)
        ):
            raise ValueError("reps must have the same shape as percents (weeks × sets)")
        if not value:
            raise ValueError("a wave needs at least one week")

    def start(self, base: Base) -> SlotState:
        """The slot's load is the training max."""
        state = super().start(base)
        return state.but(why=self.describe_week(state, base))

    def prescribe(self, state: SlotState, base: Base) -> tuple[SetTarget, ...]:
        """This week's percentages of the training max."""
        week = state.stage % len(self.percents)
        tm = state.load or 0
        amrap = (week + 1) in self.amrap_weeks
        percents, reps = self.percents[week], self.reps[week]
        return tuple(
            SetTarget(
                reps=r,
                load=round_load(tm * p / 100, base.increment),
                amrap=amrap and i == len(reps) - 1,
            )
            for i, (p, r) in enumerate(zip(percents, reps, strict=True))
        )

    def describe_week(self, state: SlotState, base: Base) -> str:
        """``week 2 of cycle 1: 70/80/90 % of TM 100 kg``."""
        week = state.stage % len(self.percents)
        pcts = "/".join(fmt_number(p) for p in self.percents[week])
        return (
            f"week {week + 1} of cycle {state.cycle + 1}: {pcts} % of TM "
            f"{base.load_text(state.load or 0)}"
        )

    def advance(self, state: SlotState, attempt: Attempt, base: Base) -> SlotState:
        """Move one week along the wave; at the end of a cycle raise (or reset) the TM."""
        fails = state.fails + (0 if attempt.success else 1)
        stage = state.stage + 1
        tm = state.load or 0
        if stage < len(self.percents):
            state = state.but(stage=stage, fails=fails, last=attempt.date)
            return state.but(why=self.describe_week(state, base))
        if fails:
            tm = cut_load(tm, self.reset_pct, base.increment)
            why = f"TM −{pct_text(self.reset_pct)} to {base.load_text(tm)}: {fails} missed session(s) last cycle"
        else:
            tm = round_load(tm + self.add_per_cycle, base.increment)
            why = f"TM +{base.load_text(self.add_per_cycle)} to {base.load_text(tm)}: cycle {state.cycle + 1} complete"
        state = state.but(stage=0, cycle=state.cycle + 1, load=tm, fails=0, last=attempt.date)
        return state.but(why=f"{why}; {self.describe_week(state, base)}")

    def regress(self, state: SlotState, base: Base, why: str) -> SlotState:
        """Training max back by one cycle's increase."""
        tm = round_load((state.load or 0) - self.add_per_cycle, base.increment)
        return state.but(load=tm, why=why)


def _schemes(value: Any) -> tuple[tuple[int, int], ...]:
    out = []
    for item in value:
        if isinstance(item, str):
            sets, _, reps = item.lower().partition("x")
            out.append((int(sets), int(reps)))
        else:
            sets, reps = item
            out.append((int(sets), int(reps)))
    return tuple(out)


@attrs.frozen(slots=False)
class Stages(Rule):
    """GZCLP-style: add load on success; on failure move to the next set×rep scheme; after the last, reset."""

    kind: ClassVar[str] = "stages"
    schemes: tuple[tuple[int, int], ...] = attrs.field(
        default=((5, 3), (6, 2), (10, 1)), converter=_schemes
    )
    add: float = attrs.field(default=2.5, validator=NON_NEGATIVE_LOAD)
    reset_pct: float = attrs.field(default=15.0, validator=PERCENT)

    @schemes.validator
    def _check_schemes(
        self, attribute: attrs.Attribute[Any], value: tuple[tuple[int, int], ...]
    ) -> None:
        if not value or any(s <= 0 or r <= 0 for s, r in value):
            raise ValueError("schemes must be a non-empty list like ['5x3', '6x2', '10x1']")

    def params(self) -> dict[str, Any]:
        """Schemes written as ``5x3`` strings."""
        return {**super().params(), "schemes": [f"{s}x{r}" for s, r in self.schemes]}

    def start(self, base: Base) -> SlotState:
        """Begin with the first scheme."""
        sets, reps = self.schemes[0]
        return super().start(base).but(sets=sets, reps=reps)

    def advance(self, state: SlotState, attempt: Attempt, base: Base) -> SlotState:
        """Success adds load in the same scheme; failure changes the scheme, then resets."""
        state = state.but(last=attempt.date)
        load = state.load or 0
        sets, reps = self.schemes[state.stage]
        if attempt.success:
            new = round_load(load + self.add, base.increment)
            return state.but(
                load=new, why=f"{step_text(new - load, base)}: {sets}×{reps} {attempt.when}"
            )
        if state.stage + 1 < len(self.schemes):
            stage = state.stage + 1
            nsets, nreps = self.schemes[stage]
            return state.but(
                stage=stage,
                sets=nsets,
                reps=nreps,
                why=f"{sets}×{reps} missed on {attempt.date}: now {nsets}×{nreps} at the same load",
            )
        nsets, nreps = self.schemes[0]
        new = cut_load(load, self.reset_pct, base.increment)
        return state.but(
            stage=0,
            sets=nsets,
            reps=nreps,
            load=new,
            why=f"{sets}×{reps} missed: back to {nsets}×{nreps} at −{pct_text(self.reset_pct)}",
        )
