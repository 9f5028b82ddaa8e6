"""The projection of every session: the log folded over the calendar.

``project`` folds the log over the calendar in order. Logged sessions are history and are never
rewritten; everything after them is re-derived from the rules, assuming each future session is done
as prescribed. Progression state is never stored: it is the fold.

What happens to each slot of each session is decided by the steps of :mod:`rules.policies` (break
back-off, deload week, override, pain gate, advance, …): to change how the engine trains someone,
change or add a step there. This module only walks the calendar, remembers each track's state
between sessions, and takes checkpoints (resume points of the fold; see :class:`Checkpoint`).

The plan's shape lives in :mod:`rules.phases` and its dates in :mod:`rules.calendar`; their names
are re-exported here, where the planner has always imported them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

import attrs

from rules import policies
from rules.calendar import (
    WEEKDAYS,
    Calendar,
    Logged,
    Scheduled,
    Status,
    phase_starts,
    schedule,
    status_of,
)
from rules.pain import Flag, PainReport, clears, lifted, red_flag, verdict
from rules.phases import Day, Phase, Slot, is_deload, is_deload_week
from rules.policies import Carried, Draft, TrackKey, Visit
from rules.strength import Estimate, best_set, newer_estimate
from rules.values import Prescription, SetTarget, SlotState

__all__ = [
    "WEEKDAYS",
    "Calendar",
    "Carried",
    "Checkpoint",
    "Day",
    "Folded",
    "Logged",
    "Phase",
    "Scheduled",
    "Session",
    "Slot",
    "Status",
    "TrackKey",
    "fold",
    "is_deload",
    "is_deload_week",
    "phase_starts",
    "project",
    "schedule",
    "status_of",
]

Edits = Mapping[dt.date, Mapping[str, tuple[SetTarget, ...]]]
"""The person's edits of sessions: by scheduled date, the sets per exercise."""

_NO_EDITS: Mapping[str, tuple[SetTarget, ...]] = {}
_NO_PAIN = PainReport()
_NO_RHYTHM: Mapping[str, int] = {}


@attrs.frozen(slots=False)
class Session:
    """One session of the projected plan."""

    scheduled: Scheduled
    status: Status
    deload: bool
    """The session falls in a scheduled deload week of its phase."""
    prescriptions: tuple[Prescription, ...]


@attrs.frozen(slots=False)
class Checkpoint:
    """The fold's state just before calendar position ``index``, where every earlier session is
    settled (logged, or missed): a projection resumes here instead of re-deriving the history.

    Progression state is still never stored as the truth: a checkpoint is a memo of the fold,
    valid for the plan and log it was folded from (callers keep it with the plan's fingerprint,
    and drop it when anything before ``index`` changes)."""

    index: int
    key: dt.date
    """The scheduled date of the session at ``index``: a change to the plan's log or overrides
    on this date or later leaves the checkpoint valid."""
    states: tuple[tuple[TrackKey, SlotState], ...]
    """Each track's progression state."""
    carried: tuple[tuple[str, Carried], ...]
    """Each track's latest load, by progression key."""
    pain_streak: int
    settled: dt.date | None = None
    """The latest date of a missed session before ``index``: the checkpoint holds for any today
    after it (on an earlier today that session would be planned again)."""
    flag: Flag | None = None
    """The red flag standing at ``index`` (see :attr:`rules.policies.Visit.flag`)."""
    before: tuple[tuple[TrackKey, tuple[Slot, SlotState]], ...] = ()
    """Each track's slot and the state its latest session started from."""
    estimates: tuple[tuple[str, Estimate], ...] = ()
    """Each lift's estimated one-rep max, by exercise."""

    def holds(self, today: dt.date) -> bool:
        """Whether a projection as of ``today`` may resume here."""
        return self.settled is None or self.settled < today


class _Fold:
    """The mutable memory of one projection run (local to :func:`fold`). A plain class, like
    :class:`rules.policies.Draft`: private scratch space, never compared or printed, and an
    attrs class would cost every command start-up time."""

    __slots__ = (
        "before",
        "calendar",
        "carried",
        "checkpoints",
        "days",
        "estimates",
        "flag",
        "frontier",
        "keys",
        "pain_streak",
        "phases",
        "settled",
        "states",
    )

    def __init__(
        self,
        phases: Sequence[Phase],
        resume: Checkpoint | None = None,
        calendar: Sequence[Scheduled] = (),
    ) -> None:
        self.phases = phases
        self.calendar = calendar if isinstance(calendar, Calendar) else None
        """The plan's calendar, for the rhythm of each slot and the reach of deload weeks."""
        self.states: dict[TrackKey, SlotState] = dict(resume.states) if resume else {}
        """Each track's progression state so far."""
        self.carried: dict[str, Carried] = dict(resume.carried) if resume else {}
        """Each track's latest load, by progression key."""
        self.estimates: dict[str, Estimate] = dict(resume.estimates) if resume else {}
        """Each lift's estimated one-rep max so far, by exercise."""
        self.pain_streak = resume.pain_streak if resume else 0
        self.before: dict[TrackKey, tuple[Slot, SlotState]] = dict(resume.before) if resume else {}
        """Each track's slot and the state its latest settled session started from (what a
        red flag holds it at)."""
        self.flag: Flag | None = resume.flag if resume else None
        """The red flag standing: raised by a session, not yet cleared by a calm one."""
        self.settled: dt.date | None = resume.settled if resume else None
        """The latest missed session so far (see :attr:`Checkpoint.settled`)."""
        self.frontier = False
        """A planned session has been reached: no checkpoint is taken after it."""
        self.checkpoints: list[Checkpoint] = []
        self.days: dict[tuple[int, int], tuple[tuple[Slot, TrackKey], ...]] = {}
        """Per phase and day: its slots and their tracks, worked out once."""
        self.keys: dict[TrackKey, TrackKey] = {key: key for key in self.states}
        """One key object per track, so the states' lookups find them by identity."""

    def before_session(
        self, index: int, first: int, every: int, item: Scheduled, status: Status
    ) -> None:
        """Take a checkpoint before ``index`` if one is due (every ``every`` positions while
        the sessions are settled, and just before the first planned one); then note how far
        the settled sessions reach."""
        due = every and not self.frontier and index > first
        if due and (status == "planned" or index % every == 0):
            self.checkpoints.append(
                Checkpoint(
                    index=index,
                    key=item.key,
                    states=tuple(self.states.items()),
                    carried=tuple(self.carried.items()),
                    pain_streak=self.pain_streak,
                    settled=self.settled,
                    flag=self.flag,
                    before=tuple(self.before.items()),
                    estimates=tuple(self.estimates.items()),
                )
            )
        if status == "planned":
            self.frontier = True
        elif status == "missed" and (self.settled is None or item.date > self.settled):
            self.settled = item.date

    def visit(
        self,
        item: Scheduled,
        entry: Logged | None,
        status: Status,
        edits: Mapping[str, tuple[SetTarget, ...]],
    ) -> Visit:
        """The session as the steps see it; keeps the pain streak and the standing red flag
        (done sessions only)."""
        phase = self.phases[item.phase]
        threshold = phase.pain_threshold
        report = entry.report() if entry is not None and status == "done" else _NO_PAIN
        judged = verdict(report, threshold) if threshold is not None else "unrated"
        flag_text = red_flag(report, phase.red_flag_words) if status == "done" else ""
        painful = judged in ("held", "worse")
        standing = self.flag
        released = False
        if status == "done":
            self.pain_streak = self.pain_streak + 1 if painful else 0
            if flag_text:
                self.flag = Flag(item.date, flag_text)
            elif threshold is not None and clears(report, threshold, phase.red_flag_words):
                released, self.flag = standing is not None, None
        # (A planned session is never assumed calm: a red flag stands until a calm one is logged.)
        if self.calendar is not None:
            deload_of = self.calendar.deload_of(item)
            usual = self.calendar.usual(item.phase)
        else:  # a bare list of dates: deload weeks are calendar weeks, no rhythm known
            deload_of = item.week if is_deload_week(phase, item.week) else 0
            usual = _NO_RHYTHM
        return Visit(
            item=item,
            phase=phase,
            status=status,
            entry=entry,
            deload_week=bool(deload_of),
            deload_of=deload_of,
            usual=usual,
            painful=painful,
            pain_streak=self.pain_streak,
            edits=edits,
            carried=self.carried,
            report=report,
            verdict=judged,
            red_flag=flag_text,
            flag=standing,
            released=released,
            estimates=self.estimates,
            converted=entry is not None and entry.converted,
        )

    def slots(self, item: Scheduled) -> tuple[tuple[Slot, TrackKey], ...]:
        """The slots of the session's day, each with its track."""
        found = self.days.get((item.phase, item.day))
        if found is None:
            slots = self.phases[item.phase].days[item.day].slots
            found = tuple((slot, self._key(item.phase, slot)) for slot in slots)
            self.days[(item.phase, item.day)] = found
        return found

    def _key(self, phase: int, slot: Slot) -> TrackKey:
        key = TrackKey(phase, slot.key, slot.rule.kind)
        return self.keys.setdefault(key, key)

    def session(self, visit: Visit) -> Session:
        """Run the policies over every slot of the session, and remember what they settled."""
        prescriptions = []
        for slot, key in self.slots(visit.item):
            state = self.states.get(key)
            if state is None:
                draft = Draft(slot, slot.rule.start(slot.base), fresh=True)
            else:
                draft = Draft(slot, state)
            prescriptions.append(policies.run(visit, draft))
            if draft.outcome is not None:
                self.before[key] = (slot, draft.state)
                self._keep(key, draft.outcome, visit.phase.name, slot)
                self._estimate(slot, draft, visit)
        if visit.red_flag:
            self._hold_all(visit)
        elif visit.released and visit.flag is not None:
            self._release_all(visit.flag, visit)
        return Session(visit.item, visit.status, visit.deload_week, tuple(prescriptions))

    def _hold_all(self, visit: Visit) -> None:
        """A red flag holds every lift of the phase, not only those of the session that raised
        it: a track that advanced at its last session goes back to what was done there."""
        flag = Flag(visit.item.date, visit.red_flag)
        for key, (slot, prior) in list(self.before.items()):
            state = self.states[key]
            if key.phase != visit.item.phase or state.last == visit.item.date:
                continue
            held = slot.rule.hold(prior, flag.why()).but(last=state.last)
            self._keep(key, held, visit.phase.name, slot)

    def _release_all(self, flag: Flag, visit: Visit) -> None:
        """A calm session lifts the red flag for every lift of the phase: a track the flag
        held, not trained in this session, keeps its load and stops naming the flag."""
        held = (flag.why(), flag.why(eased=True))
        for key, state in list(self.states.items()):
            if key.phase == visit.item.phase and state.why in held:
                self.states[key] = state.but(why=lifted(flag, visit.item.date, state.last))

    def _estimate(self, slot: Slot, draft: Draft, visit: Visit) -> None:
        """A performed (or projected) session of a loaded lift may change its e1RM."""
        if slot.base.load is None or not draft.done:
            return
        date, unit = visit.item.date, slot.base.unit
        projected = visit.status == "planned"
        latest = best_set(draft.done, date, unit, projected=projected, phase=visit.item.phase)
        prior = self.estimates.get(slot.exercise)
        kept = newer_estimate(prior, latest)
        if kept is not None and kept is not prior:
            self.estimates[slot.exercise] = kept

    def _keep(self, key: TrackKey, state: SlotState, phase_name: str, slot: Slot) -> None:
        self.states[key] = state
        load, seconds = state.load, state.seconds
        if load is None and seconds is None:
            return
        variants = slot.base.variants
        variant = variants[min(state.stage, len(variants) - 1)].name if variants else ""
        prior = self.carried.get(key.track)
        # A new Carried only when it changed: most sessions leave the load where it was.
        if (
            prior is None
            or prior.load != load
            or prior.kind != key.kind
            or prior.phase_name != phase_name
            or (prior.seconds, prior.reps, prior.sets) != (seconds, state.reps, state.sets)
            or prior.variant != variant
        ):
            self.carried[key.track] = Carried(
                key.kind,
                load,
                phase_name,
                seconds=seconds,
                reps=state.reps,
                sets=state.sets,
                variant=variant,
            )


@attrs.frozen(slots=False)
class Folded:
    """What one run of the fold produced."""

    sessions: tuple[Session, ...]
    """The sessions from the resume point on (up to where ``stop`` ended it)."""
    first: int
    """Calendar position of ``sessions[0]``."""
    checkpoints: tuple[Checkpoint, ...]
    """Checkpoints taken on the way (every ``every`` sessions, and at the first planned one)."""


def project(
    phases: Sequence[Phase],
    calendar: Sequence[Scheduled],
    log: Mapping[dt.date, Logged],
    today: dt.date,
    overrides: Edits | None = None,
    stop: Callable[[Session], bool] | None = None,
) -> tuple[Session, ...]:
    """Every session of the plan with its prescriptions, derived from the rules and the log
    (see :func:`fold`, of which this is the whole run)."""
    return fold(phases, calendar, log, today, overrides, stop=stop).sessions


def fold(
    phases: Sequence[Phase],
    calendar: Sequence[Scheduled],
    log: Mapping[dt.date, Logged],
    today: dt.date,
    overrides: Edits | None = None,
    *,
    resume: Checkpoint | None = None,
    stop: Callable[[Session], bool] | None = None,
    every: int = 0,
) -> Folded:
    """Fold the log over the calendar, from the start or from ``resume``.

    - done: the logged sets advance progression (unless pain holds it, or it is a deload week);
    - skipped / missed (past and not logged): nothing advances;
    - planned (today and later): prescribed, then assumed done as prescribed.
    (Each slot's details: the steps of :mod:`rules.policies`.) Linear in the number of
    sessions × exercises. ``stop``, when given, ends the fold before the first session it
    returns True for (commands that only need the next session). With ``every``, a
    :class:`Checkpoint` is taken every ``every`` calendar positions while the sessions are
    settled, and one just before the first planned session.
    """
    if resume is not None and not resume.holds(today):
        raise ValueError(f"checkpoint at {resume.index} does not hold on {today}")
    overrides = overrides or {}
    run = _Fold(phases, resume, calendar)
    first = resume.index if resume is not None else 0
    out: list[Session] = []
    for index in range(first, len(calendar)):
        item = calendar[index]
        entry = log.get(item.key)
        status = status_of(item.date, None if entry is None else entry.status, today)
        run.before_session(index, first, every, item, status)
        visit = run.visit(item, entry, status, overrides.get(item.key, _NO_EDITS))
        session = run.session(visit)
        if stop is not None and stop(session):
            break
        out.append(session)
    return Folded(sessions=tuple(out), first=first, checkpoints=tuple(run.checkpoints))
