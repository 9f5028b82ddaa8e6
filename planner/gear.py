"""A plan's equipment as the engine sees it, and loads read across units.

The plan says what it trains with (``[equipment]``, :class:`planner.model.Equipment`); each
exercise gets its :class:`rules.equipment.Gear` here, in the plan's unit. Logged loads keep the
unit they were logged in (:attr:`planner.model.LogEntry.unit`) and are converted when read.
"""

from __future__ import annotations

import attrs

from planner.model import Equipment, Exercise
from rules.equipment import IMPLEMENTS, Gear, Implement, default_gear
from rules.values import KG_PER_LB, Unit

_TAGGED: tuple[tuple[str, Implement], ...] = (
    ("barbell", "barbell"),
    ("dumbbell", "dumbbell"),
    ("machine", "machine"),
    ("cable", "machine"),
    ("bodyweight", "bodyweight"),
)
"""Which tag of an exercise tells its implement, when it names none."""


def implement_of(exercise: Exercise, equipment: Equipment) -> Implement:
    """What an exercise is loaded with: the plan's word for it, the exercise's, else its tags."""
    own = equipment.exercises.get(exercise.id)
    named = (own.implement if own is not None else "") or exercise.implement
    for implement in IMPLEMENTS:
        if named == implement:
            return implement
    for tag, implement in _TAGGED:
        if tag in exercise.tags:
            return implement
    return "other"


def gear_of(exercise: Exercise, equipment: Equipment, unit: Unit) -> Gear | None:
    """An exercise's gear in the plan's unit (None: any load its increment makes)."""
    implement = implement_of(exercise, equipment)
    if implement == "other":
        return None
    gear = default_gear(implement, unit)
    own = equipment.exercises.get(exercise.id)
    steps = {"dumbbell": equipment.dumbbell_step, "machine": equipment.machine_step}
    step = (own.step if own is not None else None) or steps.get(implement) or 0.0
    bar = own.bar if own is not None and own.bar is not None else equipment.bar
    return attrs.evolve(
        gear,
        bar=gear.bar if bar is None else bar,
        plates=equipment.plates or gear.plates,
        step=step,
    )


def in_unit(load: float | None, source: Unit, target: Unit) -> float | None:
    """A logged load in another unit, converted exactly (100 kg → 220.462 lb)."""
    if load is None or source == target:
        return load
    return round(load / KG_PER_LB if target == "lb" else load * KG_PER_LB, 3)
