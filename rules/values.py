"""Value types shared by every rule: targets, results, slot state, and load arithmetic."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any, Literal

import attrs

if TYPE_CHECKING:
    from rules.equipment import Gear

Unit = Literal["kg", "lb"]
UNITS: tuple[Unit, ...] = ("kg", "lb")
KG_PER_LB = 0.45359237


def round_load(load: float, increment: float) -> float:
    """Round a load to the nearest multiple of ``increment``; never below zero."""
    if increment <= 0:
        return max(0.0, round(load, 3))
    # Half up, not Python's banker's rounding: 78.75 kg on 2.5 kg plates is 80, as a lifter rounds.
    steps = math.floor(load / increment + 0.5 + 1e-9)
    return max(0.0, round(steps * increment, 3))


def cut_load(load: float, pct: float, increment: float) -> float:
    """``load`` less ``pct`` percent, rounded to ``increment`` but never above ``load``: a
    load off the plates' steps (3 kg on 5 kg steps) would otherwise round *up* when cut."""
    return min(load, round_load(load * (1 - pct / 100), increment))


def cut_load_at_most(load: float, pct: float, increment: float) -> float:
    """``load`` less ``pct`` percent at most: rounded *up* to ``increment`` (never above
    ``load``), so a cut that must stay within a bound does."""
    if increment <= 0:
        return round(load * (1 - pct / 100), 3)
    steps = math.ceil(load * (1 - pct / 100) / increment - 1e-9)
    return min(load, round(steps * increment, 3))


def convert_load(load: float, source: Unit, target: Unit, increment: float) -> float:
    """Convert a load between kg and lb, rounded to the target unit's increment."""
    if source == target:
        return round_load(load, increment)
    factor = 1 / KG_PER_LB if target == "lb" else KG_PER_LB
    return round_load(load * factor, increment)


def duration_text(seconds: int) -> str:
    """A hold or a walk as a person says it: ``30 s``, and ``10 min`` from two whole minutes."""
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min" if seconds >= 120 and not rest else f"{seconds} s"


def fmt_number(value: float) -> str:
    """``60.0`` → ``"60"``, ``62.5`` → ``"62.5"``: loads as people write them."""
    if type(value) is int:  # (reps and seconds: as they are)
        return str(value)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


@attrs.frozen(slots=False)
class SetTarget:
    """What one set asks for: reps (a range when ``reps_max`` is set), load, seconds."""

    reps: int | None = None
    reps_max: int | None = None
    amrap: bool = False
    load: float | None = None
    seconds: int | None = None

    def describe(self, unit: str) -> str:
        """A short human form: ``5×60 kg``, ``8–12×40 kg``, ``5+×80 kg``, ``3×10 s``."""
        parts = []
        if self.reps is not None:
            reps = str(self.reps)
            if self.reps_max is not None and self.reps_max != self.reps:
                reps = f"{self.reps}–{self.reps_max}"
            parts.append(reps + ("+" if self.amrap else ""))
        if self.seconds is not None:
            parts.append(f"{self.seconds} s")
        if self.load is not None and self.load > 0:
            parts.append(f"{fmt_number(self.load)} {unit}")
        return "×".join(parts) if parts else "as you feel"


@attrs.frozen(slots=False)
class SetDone:
    """What one set really was."""

    reps: int | None = None
    load: float | None = None
    seconds: int | None = None
    rpe: float | None = None
    """How hard it felt (RPE 1–10; 10: nothing left), when the person logged it."""


def rpe_of(done: SetDone | SetTarget) -> float | None:
    """A done set's RPE (None when not logged, or for a projected set)."""
    return done.rpe if isinstance(done, SetDone) else None


@attrs.frozen(slots=False)
class Variant:
    """One step of an exercise's ladder of harder versions (side bridge from the knees, from
    the feet, with a roll): shown as the exercise's name, with its own cue."""

    name: str
    """The name shown for the exercise while this variant is the current one."""
    cue: str = ""
    step: str = ""
    """A short form for the why (``from the feet``); the name when empty."""

    @property
    def said(self) -> str:
        """How the why names it."""
        return self.step or self.name


@attrs.frozen(slots=False)
class Prescription:
    """One exercise in one session: the sets, and why the engine chose them."""

    exercise: str
    sets: tuple[SetTarget, ...]
    why: str
    rest: int | None = None
    rpe: float | None = None
    name: str = ""
    """The current variant's name, shown instead of the exercise's ("" for none)."""
    cue: str = ""
    """The current variant's cue ("": the exercise's own)."""


def met(target: SetTarget, done: SetDone | SetTarget | None) -> bool:
    """Whether a done set meets its target (reps, seconds and load, within rounding)."""
    if done is None:
        return False
    if target.reps is not None and (done.reps is None or done.reps < target.reps):
        return False
    if target.seconds is not None and (done.seconds is None or done.seconds < target.seconds):
        return False
    return not (
        target.load is not None and done.load is not None and done.load + 1e-6 < target.load
    )


def succeeded(
    targets: tuple[SetTarget, ...], done: tuple[SetDone, ...] | tuple[SetTarget, ...]
) -> bool:
    """Every prescribed set met: the test every rule uses for 'success'."""
    if len(done) < len(targets):
        return False
    return all(met(targets[i], done[i]) for i in range(len(targets)))


@attrs.frozen(slots=False)
class Base:
    """The slot's starting point and the exercise facts a rule needs (already in plan units)."""

    sets: int = 1
    reps: int | None = None
    seconds: int | None = None
    load: float | None = None
    amrap_last: bool = False
    increment: float = 2.5
    unit: Unit = "kg"
    rest: int | None = None
    rpe: float | None = None
    gear: Gear | None = None
    """What the exercise is loaded with (None: any load its increment makes)."""
    one_rm: float | None = None
    """A one-rep max the person gave (``--set squat=1rm:120``): where the lift starts from when
    nothing was logged yet."""
    pyramid: tuple[int, ...] = ()
    """Unequal reps, one per set (a descending pyramid 6-4-2): progression moves the whole
    pyramid through the reps of its first set; empty for straight sets."""
    back_off_pct: float | None = None
    """A top set, then ``sets - 1`` back-off sets this much lighter (None: no top set)."""
    variants: tuple[Variant, ...] = ()
    """Harder versions the exercise steps through (hold rules), easiest first."""

    def load_text(self, load: float) -> str:
        """``60 kg``."""
        return f"{fmt_number(load)} {self.unit}"


@attrs.frozen(slots=False)
class Attempt:
    """One performed session of one slot: what was asked and what was done."""

    date: dt.date
    week: int
    targets: tuple[SetTarget, ...]
    done: tuple[SetDone, ...] | tuple[SetTarget, ...]
    """What was done; a projection passes the targets themselves (done as prescribed)."""
    projected: bool = False
    """True for a future session assumed done as prescribed."""

    @property
    def when(self) -> str:
        """``done on 2026-12-02``, or ``if done on …`` for a projection: the why never claims a future."""
        return f"{'if done' if self.projected else 'done'} on {self.date}"

    @property
    def success(self) -> bool:
        """All prescribed sets met."""
        return succeeded(self.targets, self.done)

    @property
    def top_load(self) -> float | None:
        """The heaviest load used, which is the load progression builds on."""
        loads = [d.load for d in self.done if d.load is not None]
        return max(loads) if loads else None


@attrs.frozen(slots=False)
class Cuts:
    """Reductions that met: every cut of a lift's load (break back-off, failure reset, pain
    ease-off) and every session done lighter since it last went as prescribed. Together they
    never take the load more than the program allows below ``ref`` (:mod:`rules.cuts`)."""

    ref: float
    """The load (working load, or training max) before the first of them."""
    names: tuple[str, ...] = ()
    """Each of them as the why names it, oldest first (``back after 3 weeks away: −10 %``)."""
    largest: float = 0.0
    """The largest single cut among them (%): one cut alone is never bounded below itself."""
    total: float = 0.0
    """What they come to (%), each as the program meant it before rounding, bounded."""


@attrs.frozen(slots=False)
class SlotState:
    """Progression state of one slot, always re-derived by folding the log (never stored)."""

    load: float | None = None
    """Working load; for wave rules the training max."""
    sets: int = 1
    reps: int | None = None
    seconds: int | None = None
    stage: int = 0
    """Stages: index of the set×rep scheme. Wave: position in the cycle."""
    cycle: int = 0
    fails: int = 0
    """Failed sessions in a row (week rules: failures in the current week)."""
    successes: int = 0
    week: int = 0
    """Week rules: the week being counted; volume: the week of the last step."""
    last: dt.date | None = None
    """Date of the last performed session (for the long-gap back-off)."""
    why: str = "starting point"
    cuts: Cuts | None = None
    """The reductions that met since the last session done as prescribed (None: none)."""
    done_load: float | None = None
    """The heaviest load of the track's last session done (outside deload weeks): a deload
    week cuts from it, not from a load the rule has just raised and nobody has lifted yet."""

    def but(self, **changes: Any) -> SlotState:
        """This state with ``changes`` (``attrs.evolve``, at a fraction of its cost: the fold
        makes one or two per exercise per session, 30,000 in a ten-year plan). SlotState has
        no validators, converters or post-init, and keeps its fields in its ``__dict__`` (not
        slotted), so a copy of that with ``changes`` is what ``__init__`` would make."""
        for name in changes:
            if name not in _SLOT_STATE_FIELDS:
                raise TypeError(f"SlotState has no field {name!r}")
        state = object.__new__(SlotState)
        fields = state.__dict__
        fields.update(self.__dict__)
        fields.update(changes)
        return state


_SLOT_STATE_FIELDS: frozenset[str] = frozenset(field.name for field in attrs.fields(SlotState))
"""The fields of a SlotState (what :meth:`SlotState.but` may change)."""
