"""Rule kinds that step once a week: ``hold`` (timed holds) and ``volume`` (sets)."""

from __future__ import annotations

from typing import ClassVar

import attrs

from rules.rule import NON_NEGATIVE, POSITIVE, Rule, offsets, scheme_text
from rules.values import Attempt, Base, SlotState, duration_text


def steady(state: SlotState, top: str) -> str:
    """The why of a week at the top, after the week that reached it said so: ``as before: done
    on 2027-06-07`` (``top``, ``at the top of the progression``, only when nothing was done)."""
    return f"as before: done on {state.last}" if state.last is not None else f"{top}: keep it up"


@attrs.frozen(slots=False)
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


@attrs.frozen(slots=False)
class Hold(WeekRule):
    """Timed holds: +``add_seconds`` a week up to ``max_seconds``, then more reps, then the
    slot's next variant (reps back to the start), then more sets; at the top it says so once.

    McGill's big three: ~10 s holds in a descending pyramid (6-4-2), progressed by reps (the
    whole pyramid: 7-5-3, 8-6-4), then by harder variants. Stretches: 10 → 30 s.
    """

    kind: ClassVar[str] = "hold"
    add_seconds: int = attrs.field(default=5, validator=NON_NEGATIVE)
    max_seconds: int = attrs.field(default=30, validator=POSITIVE)
    add_reps: int = attrs.field(default=1, validator=NON_NEGATIVE)
    max_reps: int = attrs.field(default=1, validator=POSITIVE)
    """The most reps a set (a pyramid's first set) grows to."""
    max_sets: int = attrs.field(default=1, validator=POSITIVE)
    every_weeks: int = attrs.field(default=1, validator=POSITIVE)
    """Good weeks needed for one step: rehab progresses slowly (a 26-week plan wants 2–3)."""
    at_top: str | None = None
    """What to do once the top is reached (``consider back-to-strength``), said once."""

    def start(self, base: Base) -> SlotState:
        """Begin with the slot's seconds (one rep when none given)."""
        state = super().start(base)
        seconds = min(base.seconds or self.max_seconds, self.max_seconds)
        reps = base.reps or 1
        scheme = scheme_text(state.but(reps=reps, seconds=seconds), base)
        held = duration_text(seconds)
        what = f"{scheme} × {held}" if base.pyramid else f"{held} × {reps}"
        name = f" ({base.variants[0].said})" if base.variants else ""
        return state.but(seconds=seconds, reps=reps, why=f"starting hold {what}{name}")

    def at_the_top(self, state: SlotState, base: Base) -> bool:
        """Nothing left to add: seconds, reps, variant and sets all at their caps."""
        return not (
            ((state.seconds or 0) < self.max_seconds and self.add_seconds)
            or ((state.reps or 1) < self.max_reps and self.add_reps)
            or state.stage + 1 < len(base.variants)
            or state.sets < self.max_sets
        )

    def step(self, state: SlotState, base: Base) -> SlotState:
        """Every ``every_weeks`` good weeks: seconds first, then reps, then the next variant,
        then sets. The top is said once (with what to do next, ``at_top``); after it, a why
        that stays the same week after week (``as before: done on 2027-06-07``)."""
        if self.at_the_top(state, base):
            # Said once, the week the top was reached; after it the why stays steady.
            return state.but(cycle=0, why=steady(state, f"at the top of the {self._what(base)}"))
        good = state.cycle + 1
        if good < self.every_weeks:
            return state.but(
                cycle=good,
                why=f"{good} of {self.every_weeks} good weeks before the next step",
            )
        state = self._next(state.but(cycle=0), base)
        if self.at_the_top(state, base):
            top = f"at the top of the {self._what(base)}: {self.at_top or 'keep it up'}"
            state = state.but(why=f"{state.why}; {top}")
        return state

    def _what(self, base: Base) -> str:
        return "program" if base.variants else "progression"

    def _next(self, state: SlotState, base: Base) -> SlotState:
        seconds, reps, sets = state.seconds or 0, state.reps or 1, state.sets
        weeks = f"{self.every_weeks} good week{'s' if self.every_weeks > 1 else ''}"
        if seconds < self.max_seconds and self.add_seconds:
            seconds = min(self.max_seconds, seconds + self.add_seconds)
            added = duration_text(seconds - (state.seconds or 0))
            why = f"+{added} hold: last week's holds all done"
        elif reps < self.max_reps and self.add_reps:
            reps = min(self.max_reps, reps + self.add_reps)
            if base.pyramid:
                now, was = scheme_text(state.but(reps=reps), base), scheme_text(state, base)
                return state.but(reps=reps, why=f"+1 rep a set, {now} now: {weeks} at {was}")
            why = f"+{reps - (state.reps or 1)} rep(s) of {seconds} s: holds are at their {self.max_seconds} s cap"
        elif state.stage + 1 < len(base.variants):
            return self._harder(state, base, weeks)
        else:
            sets += 1
            why = (
                f"+1 set: holds and reps are at their caps ({self.max_seconds} s × {self.max_reps})"
            )
        return state.but(seconds=seconds, reps=reps, sets=sets, why=why)

    def _harder(self, state: SlotState, base: Base, weeks: str) -> SlotState:
        """The next variant, from the start of the reps again; the why names both."""
        before, after = base.variants[state.stage], base.variants[state.stage + 1]
        seconds = state.seconds or 0
        if base.pyramid:
            done = f"{scheme_text(state, base)} × {seconds} s"
        else:
            done = f"{state.reps or 1} × {seconds} s"
        return state.but(
            stage=state.stage + 1,
            reps=base.reps or 1,
            seconds=min(base.seconds or seconds, self.max_seconds),
            why=f"{after.said} now: {weeks} at {done} {before.said}",
        )

    def regress(self, state: SlotState, base: Base, why: str) -> SlotState:
        """Undo the most recent kind of step; a pyramid at its start eases to one rep less a
        set (6-4-2 → 5-3-1), as far as its last set keeps one rep."""
        if state.sets > (base.sets or 1):
            return state.but(sets=state.sets - 1, why=why)
        if (state.reps or 1) > (base.reps or 1):
            return state.but(reps=(state.reps or 1) - 1, why=why)
        if state.stage > 0:
            return state.but(stage=state.stage - 1, reps=self.max_reps, why=why)
        if base.pyramid:
            floor = 1 - min(offsets(base))
            return state.but(reps=max(floor, (state.reps or 1) - 1), why=why)
        floor = min(base.seconds or 1, self.max_seconds)
        seconds = max(floor, (state.seconds or floor) - self.add_seconds)
        return state.but(seconds=seconds, why=why)

    def back_off(self, state: SlotState, pct: float, base: Base, why: str) -> SlotState:
        """After a long break: a pyramid keeps its ~10 s holds and loses reps (``pct`` of its
        first set's, at least one); other holds are cut in seconds."""
        if not base.pyramid:
            return super().back_off(state, pct, base, why)
        reps = state.reps or 1
        fewer = max(1, round(reps * pct / 100))
        floor = 1 - min(offsets(base))
        return state.but(reps=max(floor, reps - fewer), why=why)


@attrs.frozen(slots=False)
class Volume(WeekRule):
    """Add ``add_sets`` every ``every_weeks`` good weeks up to ``max_sets``."""

    kind: ClassVar[str] = "volume"
    add_sets: int = attrs.field(default=1, validator=POSITIVE)
    every_weeks: int = attrs.field(default=2, validator=POSITIVE)
    max_sets: int = attrs.field(default=5, validator=POSITIVE)

    def step(self, state: SlotState, base: Base) -> SlotState:
        """Count good weeks; every ``every_weeks`` of them adds sets."""
        if state.sets >= self.max_sets:
            return state.but(cycle=0, why=steady(state, f"at the cap of {self.max_sets} sets"))
        good = state.cycle + 1
        if good < self.every_weeks:
            return state.but(
                cycle=good, why=f"{good} of {self.every_weeks} good weeks for another set"
            )
        sets = min(self.max_sets, state.sets + self.add_sets)
        cap = f"; at the cap of {self.max_sets} sets: keep it up" if sets >= self.max_sets else ""
        return state.but(
            sets=sets,
            cycle=0,
            why=f"+{sets - state.sets} set(s): {self.every_weeks} good weeks{cap}",
        )

    def regress(self, state: SlotState, base: Base, why: str) -> SlotState:
        """One set fewer, never below the slot's own."""
        return state.but(sets=max(base.sets, state.sets - 1), cycle=0, why=why)
