"""Reductions that meet: the break back-off, the deload week, and every cut that settles a session
(failure reset, pain ease-off), together never more than the program allows.

A lift's load comes down for many reasons: back after a real break (:func:`break_back_off`), a
scheduled deload week (:func:`deload_week`), a pain ease-off (:func:`rules.back_steps.pain_gate`),
a failure reset inside the rule kinds, or the person doing every set lighter
(:func:`rules.real_life.done_lighter`). Each alone is the program's rule. When they meet, one
after another with no session done as prescribed in between, the slot's state carries them
(:class:`rules.values.Cuts`): the load they started from, and each one's name. Then

- every why that cuts again names every one of them, newest first, and what they come to
  (``−10 %: back after 3 weeks away (…); eased off: pain …, −2.5 kg (−12.2 % in all)``);
- together they never cut more than the phase's ``max_combined_cut`` below the load they
  started from (nor less than the largest single cut alone): the state's load is held there
  (:func:`reduced`), and so is every set prescribed, rounded up to loads the person can build
  (:func:`within_the_cap`, then :func:`rules.real_life.buildable_loads`).

A session done as prescribed ends them (:func:`settle`). A red flag's hold never cuts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from rules.phases import break_cut
from rules.rule import step_text
from rules.values import (
    Base,
    Cuts,
    SetTarget,
    SlotState,
    cut_load,
    cut_load_at_most,
    fmt_number,
    succeeded,
)

if TYPE_CHECKING:
    from rules.policies import Draft, Visit


def compound(first: float, second: float) -> float:
    """Two cuts (%) one after the other: −10 % then −20 % is −28 %."""
    return 100 - (100 - first) * (100 - second) / 100


def _pct_below(ref: float, load: float) -> float:
    return (ref - load) / ref * 100 if ref > 0 else 0.0


def _in_all(total: float, bounded: bool) -> str:
    most = ", the program's most" if bounded else ""
    return f"−{fmt_number(round(total, 1))} % in all{most}"


def _earlier(names: tuple[str, ...]) -> str:
    return "; ".join(reversed(names))


def name_of(why: str, change: float, base: Base) -> str:
    """How a later why names a cut: its reason's first clause, with the change on the bar when
    the reason does not say how much (``eased off: pain … (6/10 on 2027-01-13), −2.5 kg``)."""
    first = why.split("; ")[0]
    return first if "%" in first else f"{first}, {step_text(change, base)}"


def reduced(
    before: SlotState,
    after: SlotState,
    base: Base,
    most: float,
    name: str,
    pct: float | None = None,
) -> SlotState:
    """``after``: ``before`` with its load cut by one reduction, named ``name`` (``pct``: the
    cut as the program meant it, before rounding). With the cuts already met, it is bounded:
    never more than ``most`` (the phase's ``max_combined_cut``, or the largest single cut when
    that is larger) below where they started; its why names them all. A cut the rounding ate
    (−10 % of the empty bar) still counts as met, when ``pct`` says what it was."""
    if before.load is None or after.load is None:
        return after
    if after.load >= before.load - 1e-9 and pct is None:
        return after
    run = before.cuts or Cuts(before.load)
    single = _pct_below(before.load, after.load) if pct is None else pct
    largest = max(run.largest, single)
    top = max(most, largest)
    wanted = compound(run.total, single)
    total = min(wanted, top)
    load = max(after.load, cut_load_at_most(run.ref, top, base.increment))
    cuts = Cuts(run.ref, (*run.names, name), largest, total)
    if not run.names:
        return after.but(load=load, cuts=cuts)
    text = _in_all(total, wanted > top + 1e-9)
    return after.but(load=load, cuts=cuts, why=f"{after.why}; {_earlier(run.names)} ({text})")


def named(state: SlotState, name: str) -> Cuts | None:
    """The cuts met so far, with one more that did not cut the load (every set done lighter):
    a later cut names it too."""
    if state.load is None:
        return state.cuts
    run = state.cuts or Cuts(state.load)
    return attrs.evolve(run, names=(*run.names, name))


def settle(visit: Visit, draft: Draft, *, advanced: bool) -> None:
    """After the settling steps: a state that comes out lighter (failure reset, pain ease-off)
    is a reduction, bounded and named with the others (:func:`reduced`); a session that
    advanced as prescribed ends them."""
    outcome, before = draft.outcome, draft.state
    if outcome is None:
        return
    if outcome.load is not None and before.load is not None and outcome.load < before.load - 1e-9:
        name = name_of(outcome.why, outcome.load - before.load, draft.slot.base)
        most = visit.phase.max_combined_cut
        draft.outcome = reduced(before, outcome, draft.slot.base, most, name)
    elif advanced and outcome.cuts is not None and succeeded(draft.targets, draft.done):
        draft.outcome = outcome.but(cuts=None)


def break_back_off(visit: Visit, draft: Draft) -> None:
    """Back after a real break: the time since the slot's last *done* session exceeds its usual
    interval by ``break_days`` or more, and is more than one missed session (a single skip
    never costs load). The cut scales with the weeks away (the phase's ``break_cuts``); met
    with earlier cuts, it is bounded and names them (:func:`reduced`)."""
    last = draft.state.last
    if last is None:
        return
    since = (visit.item.date - last).days
    usual = visit.usual.get(draft.slot.key, 0)
    away = since - usual
    if away <= usual:
        return
    pct = break_cut(visit.phase, away)
    if not pct:
        return
    weeks = away // 7
    away_text = f"back after {weeks} week{'s' if weeks != 1 else ''} away"
    draft.cut = pct
    draft.break_why = f"{away_text}: −{fmt_number(pct)} %"
    detail = f"{since} days since the last one" + (f", usually {usual}" if usual else "")
    why = f"−{fmt_number(pct)} %: {away_text} ({detail})"
    state, base = draft.state, draft.slot.base
    backed = draft.slot.rule.back_off(state, pct, base, why)
    most = visit.phase.max_combined_cut
    draft.state = reduced(state, backed, base, most, draft.break_why, pct)


def cut_for_deload_week(
    targets: tuple[SetTarget, ...], pct: float, increment: float
) -> tuple[SetTarget, ...]:
    """A deload week's sets: loads cut by ``pct``; without loads, ``pct`` of the sets left out
    (at least one set stays)."""
    if any(t.load for t in targets):
        return tuple(
            attrs.evolve(t, load=cut_load(t.load, pct, increment)) if t.load else t for t in targets
        )
    keep = max(1, round(len(targets) * (1 - pct / 100)))
    return targets[:keep]


def deload_week(visit: Visit, draft: Draft) -> None:
    """In a scheduled deload week the sets are lighter by the phase's ``deload_pct``. Met with
    other cuts (back from a break, eased off for pain, a failure reset), all apply one after
    the other, but together never more than the phase's ``max_combined_cut``; the why names
    each and what they come to."""
    if not visit.deload_week:
        return
    phase, state = visit.phase, draft.state
    pct, increment = phase.deload_pct, draft.slot.base.increment
    week = visit.deload_of or visit.item.week
    why = f"deload week {week}: −{fmt_number(pct)} %"
    run = state.cuts
    if run is not None and run.names and state.load and any(t.load for t in draft.targets):
        top = max(phase.max_combined_cut, run.largest, pct)
        wanted = compound(run.total, pct)
        total = min(wanted, top)
        # Every cut from where the lift stood before the first, rounded up so that together
        # they never cut more than the program allows.
        before = draft.slot.rule.prescribe(state.but(load=run.ref), draft.slot.base)
        draft.targets = tuple(
            attrs.evolve(t, load=cut_load_at_most(t.load, total, increment)) if t.load else t
            for t in before
        )
        draft.why = f"{why}; {_earlier(run.names)} ({_in_all(total, wanted > top + 1e-9)})"
        return
    if draft.cut:  # holds and sets: the break shortened them; the deload week takes the rest
        total = min(compound(draft.cut, pct), max(phase.max_combined_cut, draft.cut, pct))
        rest = 100 - (100 - total) * 100 / (100 - draft.cut)
        draft.targets = cut_for_deload_week(draft.targets, max(0.0, rest), increment)
        bounded = total < compound(draft.cut, pct) - 1e-9
        draft.why = f"{why}; {draft.break_why} ({_in_all(total, bounded)})"
        return
    ref = state.done_load
    if state.load and ref is not None and ref < state.load - 1e-9:
        # The rule has just raised the load (double progression's top of the range): the
        # week is lighter than what was last lifted, not than the step nobody has done yet.
        draft.targets = draft.slot.rule.prescribe(state.but(load=ref), draft.slot.base)
    else:
        ref = state.load
    draft.targets = cut_for_deload_week(draft.targets, pct, increment)
    draft.why, draft.deload_ref = why, ref


def deload_result(visit: Visit, draft: Draft) -> None:
    """A deload week's why says what it really cut, once the loads are ones the person can
    build (``−14.3 %: 12 kg after 14 kg``); where rounding ate the whole cut (dumbbells in
    2 kg steps), it leaves a set out instead, and says so."""
    ref, loads = draft.deload_ref, [t.load for t in draft.targets if t.load]
    if ref is None or not loads or draft.slot.exercise in visit.edits:
        return
    base, top = draft.slot.base, max(loads)
    real = round(_pct_below(ref, top), 1)
    if real > 0 and abs(real - visit.phase.deload_pct) < 0.05:
        return
    if real > 0:
        built = f"{base.load_text(top)} after {base.load_text(ref)}, −{fmt_number(real)} %"
        draft.why += f" (as built: {built})"
        return
    kept = f"−{fmt_number(visit.phase.deload_pct)} % of {base.load_text(ref)} rounds back to it"
    if len(draft.targets) > 1:
        draft.targets = draft.targets[:-1]
        draft.why = f"{draft.why.split(':')[0]}: one set fewer ({kept})"
    else:
        draft.why = f"{draft.why.split(':')[0]}: the load stays ({kept}); take it easier"


def within_the_cap(visit: Visit, draft: Draft) -> None:
    """While cuts have met, no set is lighter than the program allows below where the lift
    stood before them (its rounding included): each set's least load, kept in ``draft.floors``
    for :func:`rules.real_life.buildable_loads`, which builds a load at or above it. The
    person's own edit of a session is left as they wrote it."""
    state, run = draft.state, draft.state.cuts
    draft.floors = ()
    if run is None or not state.load or draft.slot.exercise in visit.edits:
        return
    deload = visit.phase.deload_pct if visit.deload_week else 0.0
    top = max(visit.phase.max_combined_cut, run.largest, deload)
    before = draft.slot.rule.prescribe(state.but(load=run.ref), draft.slot.base)
    if len(before) != len(draft.targets):
        return
    floors = tuple(t.load * (1 - top / 100) if t.load else 0.0 for t in before)
    increment = draft.slot.base.increment
    draft.targets = tuple(
        attrs.evolve(t, load=cut_load_at_most(b.load, top, increment))
        if t.load and b.load and t.load < floor - 1e-9
        else t
        for t, b, floor in zip(draft.targets, before, floors, strict=True)
    )
    draft.floors = floors
