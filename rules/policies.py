"""The engine's policies: the small steps each slot of each session goes through.

The fold (:mod:`rules.engine`) walks the calendar. For every slot of every session it makes a
:class:`Draft` and runs two ordered tuples of steps over it, in the spirit of structlog's
processor chain:

- :data:`PRESCRIBE`: what the person is asked to do. Each step may change the draft's state,
  targets and why: ``carry_over → roll_week → break_back_off → rule_targets → deload_week →
  extended_phase → override``; a later step wins (your own edit of a session beats a deload week).
- :data:`SETTLE`: what the session does to progression. The first step that returns True
  settles the slot: ``not_done → red_flag → no_advance_in_deload_week → pain_gate →
  advance``. The state
  it leaves in ``draft.outcome`` is kept for the next session of the track (None: nothing kept).

Every step reads only its arguments: the session (:class:`Visit`, frozen, one per session) and the
slot's draft (:class:`Draft`, one per slot), which is the one thing a step changes. The draft is
mutable on purpose: the fold runs these steps ~100,000 times for a ten-year plan, and a frozen
copy per change would cost more than the steps themselves. No step reads a file, a clock or a
global.

"Deload" means three things in training talk; the engine names them apart:

- the **deload week** of a phase (``Phase.deload_every``/``deload_pct``): :func:`deload_week`,
  :func:`no_advance_in_deload_week`, :func:`cut_for_deload_week`;
- the **break back-off** after a long gap (``Phase.gap_days``/``gap_pct``): :func:`break_back_off`;
- the **failure reset** of a rule after ``fail_streak`` failures: inside the rule kinds
  (:mod:`rules.load_kinds`), reached through :func:`advance`.

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

For example, breaks measured against each exercise's rhythm replace the test in
:func:`break_back_off`; strength carried across phases by e1RM is a step next to
:func:`carry_over`; red flags are the settling step :func:`red_flag`. Pain-gated phase
switches move dates, so they belong to the calendar (:func:`rules.calendar.ready_phases`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs

from rules.calendar import Logged, Scheduled, Status
from rules.pain import Flag, PainReport, Verdict, exercise_pain, pain_text
from rules.phases import Phase, Slot
from rules.values import Attempt, Prescription, SetDone, SetTarget, SlotState, cut_load, fmt_number


@attrs.frozen
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


@attrs.frozen
class Carried:
    """A track's latest working load: a later phase that starts the track with a rule of the
    same kind starts from it."""

    kind: str
    """The kind of rule it was reached under."""
    load: float
    phase_name: str
    """The phase it was reached in (named in the why)."""


@attrs.frozen
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
    report: PainReport = attrs.field(factory=PainReport)
    """What the person said about the session's pain (nothing unless done)."""
    verdict: Verdict = "unrated"
    """What that pain says about progression (:func:`rules.pain.verdict`)."""
    red_flag: str = ""
    """Why this session is a red flag ("" when it is not: :func:`rules.pain.red_flag`)."""
    flag: Flag | None = None
    """The red flag standing before this session: raised by an earlier one, not yet cleared by
    a calm session."""


class Draft:
    """One slot of one session on its way through the steps (mutable; see the module's doc).

    A plain class with slots, not attrs: it is scratch space the fold makes ~10,000 times for a
    ten-year plan and never compares or prints, and every attrs class costs start-up time."""

    __slots__ = ("done", "fresh", "outcome", "slot", "state", "targets", "why")

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


PrescribeStep = Callable[[Visit, Draft], None]
"""A step that shapes what the person is asked to do."""
SettleStep = Callable[[Visit, Draft], bool]
"""A step that may decide what the session does to progression (True: decided)."""


def carry_over(visit: Visit, draft: Draft) -> None:
    """A track that starts in a later phase with the same kind of rule starts from the load it
    had reached, and says so."""
    if not draft.fresh:
        return
    slot = draft.slot
    prior = visit.carried.get(slot.key)
    if prior is None or prior.kind != slot.rule.kind or slot.base.load is None:
        return
    state = slot.rule.start(attrs.evolve(slot.base, load=prior.load))
    draft.state = state.but(why=f"{state.why} (carried over from {prior.phase_name})")


def roll_week(visit: Visit, draft: Draft) -> None:
    """A new week of the phase: rules that step once a week step here."""
    draft.state = draft.slot.rule.roll(draft.state, visit.item.week, draft.slot.base)


def break_back_off(visit: Visit, draft: Draft) -> None:
    """``gap_days`` or more since the slot's last session: the break back-off, its load (or
    seconds) cut by ``gap_pct``."""
    last = draft.state.last
    if last is None:
        return
    gap = (visit.item.date - last).days
    phase = visit.phase
    if gap < phase.gap_days:
        return
    why = f"−{fmt_number(phase.gap_pct)} %: {gap} days since the last session"
    draft.state = draft.slot.rule.back_off(draft.state, phase.gap_pct, draft.slot.base, why)


def rule_targets(visit: Visit, draft: Draft) -> None:
    """The sets the slot's rule prescribes from its state, with the state's why."""
    draft.targets = draft.slot.rule.prescribe(draft.state, draft.slot.base)
    draft.why = draft.state.why


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
    """In a scheduled deload week the sets are lighter by the phase's ``deload_pct``."""
    if not visit.deload_week:
        return
    phase = visit.phase
    draft.targets = cut_for_deload_week(draft.targets, phase.deload_pct, draft.slot.base.increment)
    draft.why = f"deload week {visit.item.week}: −{fmt_number(phase.deload_pct)} %"


def extended_phase(visit: Visit, draft: Draft) -> None:
    """A week the readiness gate added to its phase says so (``Back rehab extended: pain 7/10
    on 2027-05-20``), after the rule's own reason."""
    phase = visit.phase
    if phase.extended and visit.item.week > phase.planned_weeks:
        note = f"{phase.name} {phase.changed_why}"
        draft.why = f"{draft.why} · {note}" if draft.why else note


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


def red_flag(visit: Visit, draft: Draft) -> bool:
    """A red flag (severe pain, pain down a leg, numbness, weakness, bladder or bowel changes)
    stops progression on every exercise: each holds, with a why that names it (one step back
    when it is the second painful session in a row, or worse the next morning), until a session
    at or under the threshold. A painful session while a flag stands is the pain gate's."""
    if visit.red_flag:
        flag = Flag(visit.item.date, visit.red_flag)
    elif visit.flag is None or visit.status != "done" or visit.painful:
        return False
    elif visit.report.rated and visit.verdict == "calm":
        return False  # the calm session that lifts the flag: progression resumes
    else:
        flag = visit.flag
    rule = draft.slot.rule
    if visit.verdict == "worse" or (visit.painful and visit.pain_streak >= 2):
        state = rule.regress(draft.state, draft.slot.base, flag.why(eased=True))
    else:
        state = rule.hold(draft.state, flag.why())
    draft.outcome = state.but(last=visit.item.date)
    return True


def pain_gate(visit: Visit, draft: Draft) -> bool:
    """Pain during above the threshold holds progression; twice in a row, or worse the next
    morning than during, one step back. Pain logged for this exercise alone holds it."""
    rule, state, date = draft.slot.rule, draft.state, visit.item.date
    threshold = visit.phase.pain_threshold
    if threshold is None or visit.status != "done":
        return False
    own = exercise_pain(visit.report).get(draft.slot.exercise)
    during = visit.entry.pain if visit.entry is not None else visit.report.during
    if visit.verdict == "worse":
        why = f"eased off: {pain_text(date, visit.report, threshold)}"
        state = rule.regress(state, draft.slot.base, why)
    elif visit.painful and visit.pain_streak >= 2:
        why = f"eased off: pain above {threshold}/10 twice in a row ({during}/10 on {date})"
        state = rule.regress(state, draft.slot.base, why)
    elif visit.painful:
        state = rule.hold(state, f"held: pain {during}/10 on {date}")
    elif own is not None and own > threshold:
        state = rule.hold(state, f"held: pain {own}/10 in this exercise on {date}")
    else:
        return False
    draft.outcome = state.but(last=date)
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


PRESCRIBE: tuple[PrescribeStep, ...] = (
    carry_over,
    roll_week,
    break_back_off,
    rule_targets,
    deload_week,
    extended_phase,
    override,
)
"""The prescribing steps, in order."""

SETTLE: tuple[SettleStep, ...] = (
    not_done,
    red_flag,
    no_advance_in_deload_week,
    pain_gate,
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
    for decide in settle:
        if decide(visit, draft):
            break
    base = draft.slot.base
    return Prescription(draft.slot.exercise, draft.targets, draft.why, rest=base.rest, rpe=base.rpe)
