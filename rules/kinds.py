"""The rule kinds of DESIGN.md §3: each a frozen attrs class with validated parameters.

A rule is four pure steps over :class:`SlotState`:

- ``start(base)``: the state before the first session;
- ``prescribe(state, base)``: the sets for the next session;
- ``advance(state, attempt, base)``: the state after a performed session;
- ``regress(state, base)`` / ``back_off(state, pct, why, base)``: one step back (pain) or a cut (long gap);
- ``roll(state, week, base)``: called when a new week of the phase begins (week-cadence rules step here).

Every returned state carries ``why``: the reason the next prescription looks the way it does.
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

import attrs
from attrs import validators as v

from rules.values import Attempt, Base, SetTarget, SlotState, cut_load, fmt_number, round_load

_positive = v.gt(0)
_non_negative = v.ge(0)
_non_negative_load = v.ge(0.0)
_percent = [v.ge(0.0), v.lt(100.0)]


def _step(change: float, base: Base) -> str:
    """The change people see on the bar (after rounding to the plates), e.g. ``+5 kg``."""
    sign = "+" if change >= 0 else "−"
    return f"{sign}{base.load_text(abs(round(change, 3)))}"


def _pct_text(pct: float) -> str:
    return f"{fmt_number(pct)} %"


def _straight(state: SlotState, base: Base, reps_max: int | None = None) -> tuple[SetTarget, ...]:
    """``state.sets`` straight sets, the last one AMRAP when the slot asks for it."""
    # One frozen object repeated: identical sets are the same value, and it keeps a
    # 10-year projection cheap (2,600 sessions × 8 exercises × 5 sets).
    target = SetTarget(reps=state.reps, reps_max=reps_max, load=state.load, seconds=state.seconds)
    if not base.amrap_last or state.sets < 1:
        return (target,) * state.sets
    last = SetTarget(
        reps=state.reps, reps_max=reps_max, load=state.load, seconds=state.seconds, amrap=True
    )
    return (target,) * (state.sets - 1) + (last,)


@attrs.frozen
class Rule:
    """Shared behaviour; subclasses override what differs."""

    kind: ClassVar[str] = ""

    def start(self, base: Base) -> SlotState:
        """The state before the first session of the slot."""
        if base.load:
            why = f"starting load {base.load_text(base.load)}"
        elif base.seconds:
            why = f"starting hold {base.seconds} s"
        else:
            why = f"starting at {base.sets}×{base.reps}" if base.reps else "starting point"
        return SlotState(
            load=base.load, sets=base.sets, reps=base.reps, seconds=base.seconds, why=why
        )

    def prescribe(self, state: SlotState, base: Base) -> tuple[SetTarget, ...]:
        """Straight sets from the state; the last one AMRAP when the slot asks for it."""
        return _straight(state, base)

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
        """Cut the load (or, without a load, the seconds) by ``pct`` after a long gap."""
        if state.load:
            load = cut_load(state.load, pct, base.increment)
            return state.but(load=load, why=why)
        if state.seconds:
            seconds = max(1, math.floor(state.seconds * (1 - pct / 100)))
            return state.but(seconds=seconds, why=why)
        return state.but(why=why)

    def params(self) -> dict[str, Any]:
        """The parameters as plain data (for files and the editor), ``kind`` first."""
        return {"kind": self.kind, **attrs.asdict(self)}


@attrs.frozen
class Fixed(Rule):
    """No progression: warm-ups, stretches kept as they are."""

    kind: ClassVar[str] = "fixed"

    def back_off(self, state: SlotState, pct: float, base: Base, why: str) -> SlotState:
        """Nothing to back off: a fixed slot is always what the program says (a cut would never
        come back, as nothing ever adds to it)."""
        return state

    def regress(self, state: SlotState, base: Base, why: str) -> SlotState:
        """Nothing to step back from either; the reason is still shown."""
        return state.but(why=why)


@attrs.frozen
class Linear(Rule):
    """Add ``add`` after each successful session; repeat on failure; deload after a failure streak.

    StrongLifts 5×5: ``add=2.5`` (5 for deadlift), ``fail_streak=3``, ``deload_pct=10``.
    """

    kind: ClassVar[str] = "linear"
    add: float = attrs.field(default=2.5, validator=_non_negative_load)
    fail_streak: int = attrs.field(default=3, validator=_positive)
    deload_pct: float = attrs.field(default=10.0, validator=_percent)
    every: int = attrs.field(default=1, validator=_positive)
    """Successful sessions needed for one increase."""

    def advance(self, state: SlotState, attempt: Attempt, base: Base) -> SlotState:
        """Success adds, failure repeats, ``fail_streak`` failures deload."""
        load = attempt.top_load if attempt.top_load is not None else state.load
        state = state.but(last=attempt.date)
        scheme = f"{state.sets}×{state.reps or ''}".rstrip("×")
        if attempt.success:
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
                why=f"{_step(new - load, base)}: all {scheme} {attempt.when}",
            )
        fails = state.fails + 1
        current = state.load if state.load is not None else load
        if fails >= self.fail_streak and current is not None:
            new = cut_load(current, self.deload_pct, base.increment)
            return state.but(
                load=new,
                fails=0,
                successes=0,
                why=f"−{_pct_text(self.deload_pct)}: {fails} failed sessions in a row",
            )
        return state.but(
            load=current,
            fails=fails,
            successes=0,
            why=f"repeat: {scheme} missed on {attempt.date} ({fails} of {self.fail_streak} before a deload)",
        )


@attrs.frozen
class Double(Rule):
    """Double progression: add reps within [lo, hi] until every set reaches hi, then add load, back to lo."""

    kind: ClassVar[str] = "double"
    lo: int = attrs.field(default=8, validator=_positive)
    hi: int = attrs.field(default=12, validator=_positive)
    add: float = attrs.field(default=2.5, validator=_non_negative_load)
    fail_streak: int = attrs.field(default=0, validator=_non_negative)
    """Failed sessions in a row before a deload; 0 never deloads."""
    deload_pct: float = attrs.field(default=10.0, validator=_percent)

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
        return _straight(state, base, reps_max=self.hi)

    def advance(self, state: SlotState, attempt: Attempt, base: Base) -> SlotState:
        """The fewest reps of any set decide: at hi add load, else aim one rep higher."""
        state = state.but(last=attempt.date)
        reps = [d.reps or 0 for d in attempt.done[: state.sets]]
        reps += [0] * (state.sets - len(reps))
        worst = min(reps) if reps else 0
        target = state.reps or self.lo
        load = attempt.top_load if attempt.top_load is not None else state.load
        if worst >= self.hi and not self.add:
            # Bodyweight (or minutes): no load to add, so the top of the range is the goal.
            return state.but(
                reps=self.hi,
                fails=0,
                why=f"top of the range: {state.sets}×{self.hi} {attempt.when}; keep it",
            )
        if worst >= self.hi:
            new = round_load((load or 0) + self.add, base.increment)
            return state.but(
                load=new,
                reps=self.lo,
                fails=0,
                why=f"{_step(new - (load or 0), base)}: {state.sets}×{self.hi} reached, back to {self.lo} reps",
            )
        if worst >= target:
            reps_next = min(self.hi, worst + 1)
            return state.but(
                load=load,
                reps=reps_next,
                fails=0,
                why=f"+1 rep: {state.sets}×{worst} {attempt.when}",
            )
        fails = state.fails + 1
        if self.fail_streak and fails >= self.fail_streak and state.load:
            new = cut_load(state.load, self.deload_pct, base.increment)
            return state.but(
                load=new,
                reps=self.lo,
                fails=0,
                why=f"−{_pct_text(self.deload_pct)}: {fails} sessions short of {target} reps",
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


@attrs.frozen
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
    add_per_cycle: float = attrs.field(default=5.0, validator=_non_negative_load)
    reset_pct: float = attrs.field(default=10.0, validator=_percent)

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
            why = f"TM −{_pct_text(self.reset_pct)} to {base.load_text(tm)}: {fails} missed session(s) last cycle"
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


@attrs.frozen
class Stages(Rule):
    """GZCLP-style: add load on success; on failure move to the next set×rep scheme; after the last, reset."""

    kind: ClassVar[str] = "stages"
    schemes: tuple[tuple[int, int], ...] = attrs.field(
        default=((5, 3), (6, 2), (10, 1)), converter=_schemes
    )
    add: float = attrs.field(default=2.5, validator=_non_negative_load)
    reset_pct: float = attrs.field(default=15.0, validator=_percent)

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
                load=new, why=f"{_step(new - load, base)}: {sets}×{reps} {attempt.when}"
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
            why=f"{sets}×{reps} missed: back to {nsets}×{nreps} at −{_pct_text(self.reset_pct)}",
        )


@attrs.frozen
class WeekRule(Rule):
    """Rules that step once a week: a week with at least one success and no failure counts."""

    def advance(self, state: SlotState, attempt: Attempt, base: Base) -> SlotState:
        """Count the session towards its week."""
        state = self.roll(state, attempt.week, base)
        if attempt.success:
            return state.but(successes=state.successes + 1, last=attempt.date)
        return state.but(
            fails=state.fails + 1,
            last=attempt.date,
            why=f"held this week: session on {attempt.date} fell short",
        )

    def hold(self, state: SlotState, why: str) -> SlotState:
        """A held session blocks this week's step."""
        return state.but(fails=state.fails + 1, why=why)

    def roll(self, state: SlotState, week: int, base: Base) -> SlotState:
        """Entering a later week: step if the finished week went well, then start counting afresh."""
        if week <= state.week:
            return state
        if state.successes and not state.fails:
            state = self.step(state, base)
        return state.but(week=week, successes=0, fails=0)

    def step(self, state: SlotState, base: Base) -> SlotState:
        """One step of progression (overridden)."""
        return state


@attrs.frozen
class Hold(WeekRule):
    """Timed holds: +``add_seconds`` a week up to ``max_seconds``, then more reps, then more sets.

    McGill's big three: holds of at most 10 s, progressed by repetitions. Stretches: 10 → 30 s.
    """

    kind: ClassVar[str] = "hold"
    add_seconds: int = attrs.field(default=5, validator=_non_negative)
    max_seconds: int = attrs.field(default=30, validator=_positive)
    add_reps: int = attrs.field(default=1, validator=_non_negative)
    max_reps: int = attrs.field(default=1, validator=_positive)
    max_sets: int = attrs.field(default=1, validator=_positive)
    every_weeks: int = attrs.field(default=1, validator=_positive)
    """Good weeks needed for one step: rehab progresses slowly (a 26-week plan wants 2–3)."""

    def start(self, base: Base) -> SlotState:
        """Begin with the slot's seconds (one rep when none given)."""
        state = super().start(base)
        seconds = min(base.seconds or self.max_seconds, self.max_seconds)
        return state.but(
            seconds=seconds,
            reps=base.reps or 1,
            why=f"starting hold {seconds} s × {base.reps or 1}",
        )

    def step(self, state: SlotState, base: Base) -> SlotState:
        """Every ``every_weeks`` good weeks: seconds first, then reps, then sets."""
        good = state.cycle + 1
        if good < self.every_weeks:
            return state.but(
                cycle=good,
                why=f"{good} of {self.every_weeks} good weeks before the next step",
            )
        state = state.but(cycle=0)
        seconds, reps, sets = state.seconds or 0, state.reps or 1, state.sets
        if seconds < self.max_seconds and self.add_seconds:
            seconds = min(self.max_seconds, seconds + self.add_seconds)
            why = f"+{seconds - (state.seconds or 0)} s hold: last week's holds all done"
        elif reps < self.max_reps and self.add_reps:
            reps = min(self.max_reps, reps + self.add_reps)
            why = f"+{reps - (state.reps or 1)} rep(s) of {seconds} s: holds are at their {self.max_seconds} s cap"
        elif sets < self.max_sets:
            sets += 1
            why = (
                f"+1 set: holds and reps are at their caps ({self.max_seconds} s × {self.max_reps})"
            )
        else:
            return state.but(why="at the top of the progression: keep it up")
        return state.but(seconds=seconds, reps=reps, sets=sets, why=why)

    def regress(self, state: SlotState, base: Base, why: str) -> SlotState:
        """Undo the most recent kind of step."""
        if state.sets > (base.sets or 1):
            return state.but(sets=state.sets - 1, why=why)
        if (state.reps or 1) > (base.reps or 1):
            return state.but(reps=(state.reps or 1) - 1, why=why)
        floor = min(base.seconds or 1, self.max_seconds)
        seconds = max(floor, (state.seconds or floor) - self.add_seconds)
        return state.but(seconds=seconds, why=why)


@attrs.frozen
class Volume(WeekRule):
    """Add ``add_sets`` every ``every_weeks`` good weeks up to ``max_sets``."""

    kind: ClassVar[str] = "volume"
    add_sets: int = attrs.field(default=1, validator=_positive)
    every_weeks: int = attrs.field(default=2, validator=_positive)
    max_sets: int = attrs.field(default=5, validator=_positive)

    def step(self, state: SlotState, base: Base) -> SlotState:
        """Count good weeks; every ``every_weeks`` of them adds sets."""
        if state.sets >= self.max_sets:
            return state.but(cycle=0, why=f"at the cap of {self.max_sets} sets: keep it up")
        good = state.cycle + 1
        if good < self.every_weeks:
            return state.but(
                cycle=good, why=f"{good} of {self.every_weeks} good weeks for another set"
            )
        sets = min(self.max_sets, state.sets + self.add_sets)
        return state.but(
            sets=sets,
            cycle=0,
            why=f"+{sets - state.sets} set(s): {self.every_weeks} good weeks",
        )

    def regress(self, state: SlotState, base: Base, why: str) -> SlotState:
        """One set fewer, never below the slot's own."""
        return state.but(sets=max(base.sets, state.sets - 1), cycle=0, why=why)


RULE_KINDS: dict[str, type[Rule]] = {
    cls.kind: cls for cls in (Linear, Double, Wave, Stages, Hold, Volume, Fixed)
}
"""Every rule kind by its name in program files."""


def make_rule(params: dict[str, Any]) -> Rule:
    """Build a rule from ``{"kind": ..., **parameters}``; ``ValueError``/``TypeError`` name what is wrong."""
    kind = params.get("kind")
    if kind not in RULE_KINDS:
        known = ", ".join(RULE_KINDS)
        raise ValueError(f"unknown rule kind {kind!r} (known: {known})")
    cls = RULE_KINDS[kind]
    rest = {k: val for k, val in params.items() if k != "kind"}
    names = {a.name for a in attrs.fields(cls)}
    unknown = sorted(set(rest) - names)
    if unknown:
        raise ValueError(
            f"unknown parameter {unknown[0]!r} for rule {kind!r} (known: {', '.join(sorted(names)) or 'none'})"
        )
    return cls(**rest)
