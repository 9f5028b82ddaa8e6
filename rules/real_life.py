"""The engine's steps for training in real life (docs/ARCHITECTURE.md): strength that carries across
phases, loads a person can build, sessions logged in another unit or done lighter.

They are steps of :mod:`rules.policies` like any other (``(visit, draft) -> None`` to prescribe,
``-> bool`` to settle), kept here so each module stays readable; the order they run in is
:data:`rules.policies.PRESCRIBE` and :data:`rules.policies.SETTLE`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from rules import strength
from rules.cuts import named
from rules.equipment import buildable, buildable_at_least
from rules.rule import scheme_text
from rules.strength import Estimate
from rules.values import SetDone, SetTarget, fmt_number, round_load

if TYPE_CHECKING:
    from rules.policies import Carried, Draft, Visit


def carry_hold(draft: Draft, prior: Carried) -> None:
    """Seconds, reps and sets reached carry into the new phase (capped by its rule), never
    below where the new phase would start; so does the harder variant reached (side bridge from
    the feet), when the new slot has it. The why names where it was reached."""
    state, rule, base = draft.state, draft.slot.rule, draft.slot.base
    cap = getattr(rule, "max_seconds", None)
    seconds = prior.seconds or 0
    seconds = min(seconds, cap) if isinstance(cap, int) else seconds
    seconds = max(seconds, state.seconds or 0)
    reps = max(prior.reps or 1, state.reps or 1) if state.reps is not None else state.reps
    sets = max(prior.sets, state.sets)
    names = [variant.name for variant in base.variants]
    stage = names.index(prior.variant) if prior.variant in names else state.stage
    if (seconds, reps, sets, stage) == (state.seconds, state.reps, state.sets, state.stage):
        return
    moved = state.but(seconds=seconds, reps=reps, sets=sets, stage=stage)
    if base.pyramid:
        shown = f"{scheme_text(moved, base)} × {seconds} s"
    else:
        shown = f"{sets}×{seconds} s" if (reps or 1) == 1 else f"{sets}×{reps}×{seconds} s"
    if base.variants:
        why = f"{base.variants[stage].said}, {shown}: reached in {prior.phase_name}"
    else:
        why = f"{shown}: carried over from {prior.phase_name}"
    draft.state = moved.but(why=why)
    draft.fresh = False


def carry_strength(visit: Visit, draft: Draft) -> None:
    """A loaded lift that starts in a phase under another rule (or with nothing carried) starts
    from its estimated one-rep max: a training max of 90 % of it, or the load that leaves two
    reps in reserve at the low end of the reps (about RPE 8). A 1RM the person gave counts until
    the log says more."""
    slot = draft.slot
    if not draft.fresh or slot.base.load is None:
        return
    estimate = visit.estimates.get(slot.exercise)
    if estimate is not None and estimate.phase >= visit.item.phase:
        return  # reached in this very phase: the phase's own start stands
    if estimate is None and slot.base.one_rm:
        estimate = Estimate(slot.base.one_rm, visit.item.date, "the 1RM you gave")
    if estimate is None or slot.rule.kind in ("fixed", "hold", "volume"):
        return
    base, unit = slot.base, slot.base.unit
    if slot.rule.kind == "wave":
        load = round_load(strength.training_max(estimate), base.increment)
        state = slot.rule.start(attrs.evolve(base, load=load))
        why = (
            f"TM {base.load_text(load)}: {fmt_number(strength.TM_PCT)} % of your estimated 1RM "
            f"{estimate.text(unit)}; {state.why}"
        )
    else:
        reps = slot.rule.start(base).reps or base.reps or 5
        load = round_load(strength.working_load(estimate, reps), base.increment)
        state = slot.rule.start(attrs.evolve(base, load=load))
        why = (
            f"starting load {base.load_text(load)}: {reps} reps with {strength.RESERVE} in "
            f"reserve (about RPE 8) from your estimated 1RM {estimate.text(unit)}"
        )
    draft.state = state.but(why=why)
    draft.fresh = False


def buildable_loads(visit: Visit, draft: Draft) -> None:
    """Every load is one the person can build with their bar and plates (or dumbbells,
    machine, belt); a barbell lift never goes below the empty bar, and the why says so when the
    rules asked for less; nor, while cuts have met, below what they may take (``draft.floors``).
    The person's own edit of a session is left as they wrote it."""
    gear = draft.slot.base.gear
    if gear is None or draft.slot.exercise in visit.edits:
        return
    floored = False
    targets = []
    floors = draft.floors or (0.0,) * len(draft.targets)
    for target, least in zip(draft.targets, floors, strict=False):
        if target.load is None:
            targets.append(target)
            continue
        load = buildable(target.load, gear)
        if load < least - 1e-9:  # rounded below what the cuts that met may take: round up
            load = buildable_at_least(least, gear)
        floored = floored or (gear.barbell and target.load < gear.bar - 1e-9)
        targets.append(target if load == target.load else attrs.evolve(target, load=load))
    draft.targets = tuple(targets)
    if floored:
        bar = draft.slot.base.load_text(gear.bar)
        draft.why = f"{draft.why}; the empty bar ({bar}) is the floor"


def snap_converted(visit: Visit, draft: Draft) -> bool:
    """A session logged in another unit (kg before a change to lb) meets a load that its
    conversion misses by rounding only: 100 kg read as ≈ 220 lb is not a failure at 222.5 lb."""
    logged = [did for did in draft.done if isinstance(did, SetDone)]
    if not visit.converted or len(logged) != len(draft.done):
        return False
    step = draft.slot.base.increment
    done = []
    for index, did in enumerate(logged):
        target = draft.targets[index] if index < len(draft.targets) else None
        if (
            target is not None
            and target.load is not None
            and did.load is not None
            and abs(did.load - target.load) <= step + 1e-6
        ):
            did = attrs.evolve(did, load=target.load)
        done.append(did)
    draft.done = tuple(done)
    return False


def lighter_loads(
    targets: tuple[SetTarget, ...], done: tuple[SetDone, ...] | tuple[SetTarget, ...]
) -> tuple[float, float] | None:
    """(heaviest done, prescribed) when every set was done, each lighter than prescribed (None
    otherwise)."""
    if not done or len(done) < len(targets):
        return None
    lifted: list[float | None] = [did.load for did in done]
    pairs = list(zip((t.load for t in targets), lifted, strict=False))
    if any(t is None or d is None or d >= t - 1e-6 for t, d in pairs):
        return None
    return max(d or 0.0 for _, d in pairs), max(t or 0.0 for t, _ in pairs)


def done_lighter(visit: Visit, draft: Draft) -> bool:
    """Every set done at a lighter load than prescribed is not a failure: the load holds (no
    failure counts toward a reset), and the why says what was done."""
    if visit.status != "done":
        return False
    found = lighter_loads(draft.targets, draft.done)
    if found is None:
        return False
    base = draft.slot.base
    why = (
        f"held: done lighter ({fmt_number(found[0])} {base.unit} of "
        f"{base.load_text(found[1])}) on {visit.item.date}"
    )
    held = draft.slot.rule.hold(draft.state, why)
    draft.outcome = held.but(last=visit.item.date, cuts=named(held, why.removeprefix("held: ")))
    return True
