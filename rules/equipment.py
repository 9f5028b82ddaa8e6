"""Loads a person can build: bars and plates, dumbbell racks, machine stacks, added load on
bodyweight work; plates per side and warm-up sets (pure arithmetic, in the plan's unit).

A barbell load is the bar plus pairs of plates; every available plate size may be used as often
as needed (a gym's usual rack), so the buildable loads are the bar plus twice any sum of plates
(with the smallest plate as a common step, any multiple of it; otherwise worked out). The empty
bar is the floor. A dumbbell or a machine moves in its
step; added load on a bodyweight exercise (a belt for chin-ups) in single plates.
"""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Iterable
from typing import Literal

import attrs

from rules.values import Unit, fmt_number

Implement = Literal["barbell", "dumbbell", "machine", "bodyweight", "other"]
IMPLEMENTS: tuple[Implement, ...] = ("barbell", "dumbbell", "machine", "bodyweight", "other")

BARS: dict[str, float] = {"kg": 20.0, "lb": 45.0}
"""The standard bar of each unit."""
PLATES: dict[str, tuple[float, ...]] = {
    "kg": (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25),
    "lb": (45.0, 35.0, 25.0, 10.0, 5.0, 2.5),
}
"""The standard plate pairs of each unit."""
DUMBBELL_STEPS: dict[str, float] = {"kg": 2.0, "lb": 5.0}
MACHINE_STEPS: dict[str, float] = {"kg": 5.0, "lb": 10.0}

_SCALE = 1000
"""Loads as whole thousandths, so the plates' common step is an integer gcd."""


@attrs.frozen(slots=False)
class Gear:
    """What one exercise is loaded with, in the plan's unit."""

    implement: Implement = "other"
    bar: float = 20.0
    plates: tuple[float, ...] = PLATES["kg"]
    """Plate sizes available in pairs (barbell), or to hang from a belt (bodyweight)."""
    step: float = 0.0
    """A dumbbell rack's or a machine stack's step (0: the exercise's increment decides)."""

    @property
    def plate_step(self) -> float:
        """The smallest amount plates can make (the gcd of their sizes; 0 without plates)."""
        sizes = [round(p * _SCALE) for p in self.plates if p > 0]
        return math.gcd(*sizes) / _SCALE if sizes else 0.0

    @property
    def barbell(self) -> bool:
        """Whether the bar is the floor and plates go on in pairs."""
        return self.implement == "barbell"


def default_gear(implement: Implement, unit: Unit) -> Gear:
    """The standard gear of ``implement`` in ``unit``."""
    step = {"dumbbell": DUMBBELL_STEPS[unit], "machine": MACHINE_STEPS[unit]}.get(implement, 0.0)
    return Gear(implement=implement, bar=BARS[unit], plates=PLATES[unit], step=step)


def _nearest(load: float, step: float, origin: float = 0.0) -> float:
    # Half up, as a lifter rounds (and as rules.values.round_load does).
    count = math.floor((load - origin) / step + 0.5 + 1e-9)
    return round(origin + count * step, 3)


MAX_SIDE = 500.0
"""The most a side of a bar is ever loaded with (in either unit), for the sums worked out."""


@functools.cache
def _sides(plates: tuple[float, ...]) -> tuple[tuple[int, ...], dict[int, tuple[float, ...]]]:
    """Every amount one side of a bar can hold (in thousandths, ascending), and for each the
    fewest plates that make it, heaviest first."""
    sizes = sorted({round(p * _SCALE) for p in plates if p > 0}, reverse=True)
    if not sizes:
        return (0,), {0: ()}
    step = math.gcd(*sizes)
    limit = round(MAX_SIDE * _SCALE)
    best: dict[int, tuple[float, ...]] = {0: ()}
    for amount in range(step, limit + 1, step):
        found: tuple[float, ...] | None = None
        for size in sizes:
            rest = best.get(amount - size)
            if rest is not None and (found is None or len(rest) + 1 < len(found)):
                found = tuple(sorted((*rest, size / _SCALE), reverse=True))
        if found is not None:
            best[amount] = found
    return tuple(sorted(best)), best


def _nearest_side(side: float, plates: tuple[float, ...]) -> float:
    amounts, _ = _sides(plates)
    wanted = side * _SCALE
    index = bisect.bisect_left(amounts, wanted)
    near = [amounts[i] for i in (index - 1, index) if 0 <= i < len(amounts)]
    # Half up, as a lifter rounds: a tie goes to the heavier side.
    return max(near, key=lambda a: -abs(a - wanted) + (1e-6 if a >= wanted else 0)) / _SCALE


def buildable(load: float, gear: Gear) -> float:
    """The buildable load nearest ``load`` (never below the empty bar, never below zero)."""
    if gear.barbell:
        if load <= gear.bar or not gear.plates:
            return gear.bar
        return round(gear.bar + 2 * _nearest_side((load - gear.bar) / 2, gear.plates), 3)
    step = gear.step if gear.implement in ("dumbbell", "machine") else 0.0
    if gear.implement == "bodyweight":
        step = gear.plate_step
    if step <= 0:
        return max(0.0, load)
    return max(0.0, _nearest(load, step))


def buildable_at_least(load: float, gear: Gear) -> float:
    """The lightest buildable load at or above ``load`` (never below the empty bar)."""
    if gear.barbell:
        if load <= gear.bar or not gear.plates:
            return gear.bar
        amounts, _ = _sides(gear.plates)
        side = (load - gear.bar) / 2 * _SCALE
        index = min(bisect.bisect_left(amounts, side - 1e-6), len(amounts) - 1)
        return round(gear.bar + 2 * amounts[index] / _SCALE, 3)
    step = gear.step if gear.implement in ("dumbbell", "machine") else 0.0
    if gear.implement == "bodyweight":
        step = gear.plate_step
    if step <= 0:
        return max(0.0, load)
    return max(0.0, round(math.ceil(load / step - 1e-9) * step, 3))


def plates_per_side(load: float, gear: Gear) -> tuple[float, ...] | None:
    """The plates on each side of the bar for ``load``, heaviest first (empty: the bar alone;
    None when ``load`` cannot be built exactly)."""
    side = (load - gear.bar) / 2
    if side < -1e-9:
        return None
    amount = round(side * _SCALE)
    if abs(amount - side * _SCALE) > 1e-3 * _SCALE:
        return None
    return _sides(gear.plates)[1].get(amount)


def plates_text(load: float, gear: Gear, unit: str) -> str:
    """``20 + 10 + 2.5 kg a side``, ``the empty bar``, or "" when it cannot be built."""
    plates = plates_per_side(load, gear)
    if plates is None:
        return ""
    if not plates:
        return "the empty bar"
    return f"{' + '.join(fmt_number(p) for p in plates)} {unit} a side"


WARM_UP: tuple[tuple[float, int], ...] = ((40.0, 5), (60.0, 3), (80.0, 2))
"""StrongLifts-style ramp after two sets of five with the empty bar: % of the work load × reps."""


def warm_up_sets(work: float, gear: Gear) -> tuple[tuple[int, int, float], ...]:
    """Warm-up sets before a barbell lift whose first work set is ``work``: ``(sets, reps,
    load)``, from two sets of five with the empty bar up the ramp of :data:`WARM_UP` (of
    ``work``). Every warm-up is buildable, strictly heavier than the one before it and strictly
    lighter than ``work``: a step that rounds onto a load already used, or onto the work load,
    is left out. Nothing when the work load is the bar.

    Callers pass the *first* work set (:func:`first_work`): on a 5/3/1 week a ramp built from
    the top set of 65/75/85 % would warm up heavier than the first work set."""
    if not gear.barbell or work <= gear.bar + 1e-9:
        return ()
    out = [(2, 5, gear.bar)]
    for pct, reps in WARM_UP:
        load = buildable(work * pct / 100, gear)
        if load >= work - 1e-9:
            # Rounded up onto the work load (a coarse plate set): the step below it, if any.
            load = _lighter(load, gear)
        if out[-1][2] + 1e-9 < load < work - 1e-9:
            out.append((1, reps, load))
    return tuple(out)


def _lighter(load: float, gear: Gear) -> float:
    """The heaviest buildable barbell load below ``load`` (the bar when there is none)."""
    amounts, _ = _sides(gear.plates)
    side = round((load - gear.bar) / 2 * _SCALE)
    index = bisect.bisect_left(amounts, side)
    return round(gear.bar + 2 * amounts[index - 1] / _SCALE, 3) if index > 0 else gear.bar


def first_work(loads: Iterable[float | None]) -> float | None:
    """The load warm-ups ramp to: the first loaded work set, in the order the sets are done
    (None: no loaded set). On a 5/3/1 week that is the lightest (65 %); with a top set and
    back-off sets it is the top set, which comes first (ramping only to a back-off set would
    leave a jump of a fifth or more to the top set)."""
    return next((load for load in loads if load), None)
