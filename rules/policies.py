"""The engine's policies: the small steps each slot of each session goes through.

The fold (:mod:`rules.engine`) walks the calendar. For every slot of every session it makes a
:class:`Draft` and runs two ordered tuples of steps over it, in the spirit of structlog's
processor chain:

- :data:`PRESCRIBE`: what the person is asked to do. Each step may change the draft's state,
  targets and why: ``carry_over → carry_strength → roll_week → break_back_off → rule_targets →
  deload_week → phase_note → extended_phase → override → within_the_cap → buildable_loads →
  deload_result``; a
  later step wins (your own edit of a session beats a deload week), and every load ends up one
  the person can build.
- :data:`SETTLE`: what the session does to progression. The first step that returns True
  settles the slot: ``not_done → snap_converted → red_flag → no_advance_in_deload_week →
  pain_gate → done_lighter → advance``. The state
  it leaves in ``draft.outcome`` is kept for the next session of the track (None: nothing kept),
  once :func:`rules.cuts.settle` has bounded and named a cut it makes with the cuts before it.

Every step reads only its arguments: the session (:class:`Visit`, frozen, one per session) and the
slot's draft (:class:`Draft`, one per slot), which is the one thing a step changes. The draft is
mutable on purpose: the fold runs these steps ~100,000 times for a ten-year plan, and a frozen
copy per change would cost more than the steps themselves. No step reads a file, a clock or a
global.

"Deload" means three things in training talk; the engine names them apart:

- the **deload week** of a phase (``Phase.deload_every``/``deload_pct``): :func:`deload_week`,
  :func:`no_advance_in_deload_week`, :func:`cut_for_deload_week`;
- the **break back-off** after a real break, measured against the slot's usual interval
  (``Phase.break_days``/``break_cuts``; :meth:`rules.calendar.Calendar.usual`):
  :func:`break_back_off`;
- the **failure reset** of a rule after ``fail_streak`` failures: inside the rule kinds
  (:mod:`rules.load_kinds`), reached through :func:`advance`.

Where reductions meet (these three, a pain ease-off, every set done lighter), each is named and
together they never cut more than ``Phase.max_combined_cut``: :mod:`rules.cuts`.

How to add a step
-----------------
1. Write a function ``(visit, draft) -> None`` (prescribing) or ``(visit, draft) -> bool``
   (settling: return True when it decided, with ``draft.outcome`` set to the state to keep or
   left None to keep nothing; False to leave the decision to the next step).
   Give it a docstring that says the rule in a person's words, and keep every ``why`` it writes
   a sentence a person can read.
2. Put it in :data:`PRESCRIBE` or :data:`SETTLE` where it belongs in the order.
3. If it needs a fact about the session, add a field to :class:`Visit` (made in
   ``rules.engine._Fold.visit``, which also keeps facts that span sessions, like the pain streak);
   a fact about the slot goes on :class:`Draft`.
4. Table-test it in ``tests/rules/test_policies.py``; the property tests in tests/rules and
   tests/planner then check that resumed folds still equal folds from scratch.

For example, strength carried across phases by e1RM is a step next to :func:`carry_over`; red
flags are the settling step :func:`rules.back_steps.red_flag`. Pain-gated phase switches move
dates, so they belong to the calendar (:func:`rules.calendar.ready_phases`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs

from rules.back_steps import (
    extended_phase,
    pain_gate as pain_gate,  # (tested as a step of this chain)
    red_flag,
)
from rules.calendar import Logged, Scheduled, Status
from rules.cuts import (  # (their former home: steps of this chain, imported from here too)
    break_back_off as break_back_off,
    cut_for_deload_week as cut_for_deload_week,
    deload_result,
    deload_week as deload_week,
    settle as settle_cuts,
    within_the_cap,
)
from rules.pain import Flag, PainReport, Verdict
from rules.phases import Phase, Slot
from rules.real_life import (
    buildable_loads,
    carry_hold,
    carry_strength,
    done_lighter,
    snap_converted,
)
from rules.strength import Estimate
from rules.values import Attempt, Prescription, SetDone, SetTarget, SlotState


@attrs.frozen(slots=False)
class TrackKey:
    """Whose progression a slot's state is: slots of a phase that share a track (squat on day
    A and day B) share progression, unless their rules differ in kind (a wave's stage is not a
    stage of GZCLP)."""

    phase: int
    """Index of the phase."""
    track: str
    """The slot's progression key (:attr:`rules.phases.Slot.key`)."""
    kind: str
    """The rule's kind (``linear``, ``wave``, …)."""


@attrs.frozen(slots=False)
class Carried:
    """A track's latest working load (or hold): a later phase that starts the track with a rule
    of the same kind starts from it; a timed hold carries into any rule that times it."""

    kind: str
    """The kind of rule it was reached under."""
    load: float | None
    phase_name: str
    """The phase it was reached in (named in the why)."""
    seconds: int | None = None
    """The hold it had reached (timed work), with its reps and sets."""
    reps: int | None = None
    sets: int = 1
    variant: str = ""
    """The harder variant it had reached (its name: ``Side bridge from the feet (each
    side)``), when the slot had a ladder of them; a later slot with that variant starts at it."""


@attrs.frozen(slots=False)
class Visit:
    """One session as the steps see it: everything known before any of its slots is settled."""

    item: Scheduled
    phase: Phase
    status: Status
    entry: Logged | None
    """What was logged (None: nothing, so missed or planned)."""
    deload_week: bool
    """The session falls in a scheduled deload week of its phase."""
    painful: bool
    """Done with pain above the phase's threshold, or worse the next morning."""
    pain_streak: int
    """Done sessions in a row that were painful, this one included."""
    edits: Mapping[str, tuple[SetTarget, ...]]
    """The person's own sets for this session, by exercise."""
    carried: Mapping[str, Carried]
    """The latest load of each track by progression key: the fold's own memory, read-only here
    (a slot settled earlier in this very session already shows in it)."""
    deload_of: int = 0
    """The deload week this session's lighter sets belong to (0: none); a deload week that
    reaches every day of a long rotation carries on into the weeks after it."""
    usual: Mapping[str, int] = attrs.field(factory=dict)
    """Each track's usual interval in days (:meth:`rules.calendar.Calendar.usual`); a track
    not in it is measured from its last session alone."""
    estimates: Mapping[str, Estimate] = attrs.field(factory=dict)
    """Each lift's estimated one-rep max so far, by exercise (the fold's memory, read-only)."""
    converted: bool = False
    """The session's loads were logged in another unit and converted (so off by rounding)."""
    report: PainReport = attrs.field(factory=PainReport)
    """What the person said about the session's pain (nothing unless done)."""
    verdict: Verdict = "unrated"
    """What that pain says about progression (:func:`rules.pain.verdict`)."""
    red_flag: str = ""
    """Why this session is a red flag ("" when it is not: :func:`rules.pain.red_flag`)."""
    flag: Flag | None = None
    """The red flag standing before this session: raised by an earlier one, not yet cleared by
    a calm session."""
    released: bool = False
    """This session is the calm one that lifts the standing red flag."""


class Draft:
    """One slot of one session on its way through the steps (mutable; see the module's doc).

    A plain class with slots, not attrs: it is scratch space the fold makes ~10,000 times for a
    ten-year plan and never compares or prints, and every attrs class costs start-up time."""

    __slots__ = (
        "break_why",
        "cut",
        "deload_ref",
        "done",
        "floors",
        "fresh",
        "outcome",
        "slot",
        "state",
        "targets",
        "why",
    )

    def __init__(self, slot: Slot, state: SlotState, *, fresh: bool = False) -> None:
        self.slot = slot
        self.state = state
        """The track's progression state, as the steps so far have left it."""
        self.fresh = fresh
        """The track has no state of its own in this phase yet: ``state`` is the rule's start."""
        self.targets: tuple[SetTarget, ...] = ()
        self.why = ""
        self.done: tuple[SetDone, ...] | tuple[SetTarget, ...] = ()
        """What was done (set by :func:`not_done`; the targets themselves when planned)."""
        self.outcome: SlotState | None = None
        """The state a settling step decided on, kept for the track's next session."""
        self.cut = 0.0
        """The break back-off's cut this session (%), 0 if none."""
        self.break_why = ""
        self.deload_ref: float | None = None
        """The load a deload week cut from this session (None: no plain deload cut)."""
        self.floors: tuple[float, ...] = ()
        """Each set's least load while cuts have met (:func:`rules.cuts.within_the_cap`)."""


PrescribeStep = Callable[[Visit, Draft], None]
"""A step that shapes what the person is asked to do."""
SettleStep = Callable[[Visit, Draft], bool]
"""A step that may decide what the session does to progression (True: decided)."""


def carry_over(visit: Visit, draft: Draft) -> None:
    """A track that starts in a later phase with the same kind of rule starts from the load it
    had reached, and says so; a timed hold starts from the hold it had reached, whatever the
    rule."""
    if not draft.fresh:
        return
    slot = draft.slot
    prior = visit.carried.get(slot.key)
    if prior is None:
        return
    if slot.base.seconds is not None and prior.seconds is not None:
        carry_hold(draft, prior)
        return
    if prior.kind != slot.rule.kind or slot.base.load is None or prior.load is None:
        return
    state = slot.rule.start(attrs.evolve(slot.base, load=prior.load))
    draft.state = state.but(why=f"{state.why} (carried over from {prior.phase_name})")
    draft.fresh = False


def roll_week(visit: Visit, draft: Draft) -> None:
    """A new week of the phase: rules that step once a week step here."""
    draft.state = draft.slot.rule.roll(draft.state, visit.item.week, draft.slot.base)


def rule_targets(visit: Visit, draft: Draft) -> None:
    """The sets the slot's rule prescribes from its state, with the state's why."""
    draft.targets = draft.slot.rule.prescribe(draft.state, draft.slot.base)
    draft.why = draft.state.why


def phase_note(visit: Visit, draft: Draft) -> None:
    """The first session of each exercise in a phase says what the person should know about
    how the phase was laid out (e.g. no layout of the program fits their weekdays)."""
    if draft.fresh and visit.phase.note:
        draft.why = f"{draft.why} ({visit.phase.note})"


def override(visit: Visit, draft: Draft) -> None:
    """The person's own edit of this session replaces what the rules prescribed."""
    edited = visit.edits.get(draft.slot.exercise)
    if edited is not None:
        draft.targets, draft.why = edited, "your edit of this session"


def not_done(visit: Visit, draft: Draft) -> bool:
    """A skipped or missed session, or an exercise left out of a done one, changes nothing.
    Otherwise it notes what was done: the log's sets, or the targets of a planned session
    (assumed done as prescribed)."""
    if visit.status == "planned":
        draft.done = draft.targets
        return False
    if visit.status != "done" or visit.entry is None:
        return True
    results = visit.entry.results.get(draft.slot.exercise)
    if results is None:
        return True
    draft.done = results
    return False


def no_advance_in_deload_week(visit: Visit, draft: Draft) -> bool:
    """A deload week never advances; only the date is kept (a break is measured from it)."""
    if not visit.deload_week:
        return False
    draft.outcome = draft.state.but(last=visit.item.date)
    return True


def advance(visit: Visit, draft: Draft) -> bool:
    """Otherwise the rule advances on what was done (its own success, failure and failure
    reset)."""
    attempt = Attempt(
        date=visit.item.date,
        week=visit.item.week,
        targets=draft.targets,
        done=draft.done,
        projected=visit.status == "planned",
    )
    draft.outcome = draft.slot.rule.advance(draft.state, attempt, draft.slot.base)
    return True


def _note_done_load(draft: Draft) -> None:
    """Remember the heaviest load of the session done (or projected), for a deload week."""
    top = max((did.load for did in draft.done if did.load), default=None)
    outcome = draft.outcome
    if top is not None and outcome is not None and top != outcome.done_load:
        draft.outcome = outcome.but(done_load=top)


PRESCRIBE: tuple[PrescribeStep, ...] = (
    carry_over,
    carry_strength,
    roll_week,
    break_back_off,
    rule_targets,
    deload_week,
    phase_note,
    extended_phase,
    override,
    within_the_cap,
    buildable_loads,
    deload_result,
)
"""The prescribing steps, in order."""

SETTLE: tuple[SettleStep, ...] = (
    not_done,
    snap_converted,
    red_flag,
    no_advance_in_deload_week,
    pain_gate,
    done_lighter,
    advance,
)
"""The settling steps, in order: the first that returns True decides."""


def run(
    visit: Visit,
    draft: Draft,
    prescribe: tuple[PrescribeStep, ...] = PRESCRIBE,
    settle: tuple[SettleStep, ...] = SETTLE,
) -> Prescription:
    """Run the steps over ``draft``: its prescription is returned, and ``draft.outcome`` is the
    state to keep (None: nothing changes)."""
    for step in prescribe:
        step(visit, draft)
    decided: SettleStep | None = None
    for decide in settle:
        if decide(visit, draft):
            decided = decide
            break
    settle_cuts(visit, draft, advanced=decided is advance)
    if draft.outcome is not None and not visit.deload_week:
        _note_done_load(draft)
    base = draft.slot.base
    if base.variants:
        # The variant the session asks for: the state's before this session settled it.
        variant = base.variants[min(draft.state.stage, len(base.variants) - 1)]
        return Prescription(
            draft.slot.exercise,
            draft.targets,
            draft.why,
            rest=base.rest,
            rpe=base.rpe,
            name=variant.name,
            cue=variant.cue,
        )
    return Prescription(draft.slot.exercise, draft.targets, draft.why, rest=base.rest, rpe=base.rpe)
