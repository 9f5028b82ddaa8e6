"""Back care, as things a person does to a plan (pure, like :mod:`planner.actions`): pain the
next morning, moving on to the next phase, acknowledging a red flag, and the bridge program
between back rehab and barbell training; and the red flag standing in a plan.

The rules themselves (what pain means for progression, what a red flag is, when a phase is
ready to end) live in :mod:`rules.pain` and :func:`rules.calendar.ready_phases`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import attrs

from planner.errors import UsageError
from planner.model import PAIN_RANGE, Advance, LogEntry, Plan, Program
from planner.projection import Projection
from rules.calendar import Scheduled
from rules.pain import WHERES, Flag, PainReport, clears, red_flag

BRIDGE = "back-to-strength"
"""The built-in program that bridges back rehab and loaded barbell training."""

REHAB = "back-rehab"

BACK_PROGRAMS = (REHAB, BRIDGE)
"""The built-in back programs: the app asks how the back settled after each of their sessions
(after another program's, only when pain was logged with it)."""

BARBELL_TAGS = ("barbell",)
BARBELL_PROGRAMS = ("linear-5x5", "wendler-531", "double-progression")
"""Built-in programs of loaded barbell lifts (a user's program counts when tagged so)."""


def check_where(text: str, flag: str) -> str:
    """``leg`` (any case) or a clear error naming ``flag``."""
    where = text.strip().lower()
    if where and where not in WHERES:
        raise UsageError(f"{flag}: {text!r} must be one of {', '.join(WHERES)}")
    return where


def check_pain(pain: int, flag: str) -> int:
    """Pain on the 0–10 scale, or a clear error naming ``flag``."""
    if pain not in PAIN_RANGE:
        raise UsageError(f"{flag}: {pain} must be between {PAIN_RANGE[0]} and {PAIN_RANGE[-1]}")
    return pain


def check_exercise_pain(names: Sequence[str], pains: Mapping[str, int], flag: str) -> None:
    """Each exercise of ``pains`` is in the session and its pain on the scale."""
    for exercise, pain in pains.items():
        if exercise not in names:
            raise UsageError(f"{flag}: {exercise!r} is not in the session ({', '.join(names)})")
        check_pain(pain, f"{flag} {exercise}")


def with_pain_details(
    plan: Plan,
    key: dt.date,
    where: str = "",
    exercise_pain: Mapping[str, int] | None = None,
) -> Plan:
    """The done session scheduled on ``key`` with where it hurt (``--pain-where``) and the pain
    of single exercises (``--exercise-pain``), checked."""
    entry = plan.entry(key)
    if entry is None or entry.status != "done":
        raise UsageError(f"SESSION: the session of {key} is not logged as done")
    where = check_where(where, "--pain-where")
    pains = dict(exercise_pain or {})
    check_exercise_pain([e.exercise for e in entry.exercises], pains, "--exercise-pain")
    exercises = tuple(attrs.evolve(e, pain=pains.get(e.exercise, e.pain)) for e in entry.exercises)
    return plan.with_entry(attrs.evolve(entry, pain_where=where, exercises=exercises))


def last_done(plan: Plan, on: dt.date | None = None) -> LogEntry:
    """The done session morning pain is about: the one scheduled on ``on``, else the latest
    done one; a clear error when there is none."""
    done = [entry for entry in plan.log if entry.status == "done"]
    if on is not None:
        for entry in done:
            if entry.date == on:
                return entry
        raise UsageError(f"--session: no session done on {on} in {plan.name!r}")
    if not done:
        raise UsageError(
            "no session is logged as done yet: morning pain is about the last session you did "
            "(log one with: workout done --pain N)"
        )
    return done[-1]


def log_morning(plan: Plan, pain: int, where: str = "", on: dt.date | None = None) -> Plan:
    """Record how the back settled: pain the next morning, attached to the last done session
    (or the one done on ``on``)."""
    check_pain(pain, "PAIN")
    entry = last_done(plan, on)
    where = check_where(where, "--where")
    return plan.with_entry(attrs.evolve(entry, morning_pain=pain, morning_where=where))


def advance(plan: Plan, projection: Projection) -> tuple[Plan, int]:
    """``workout advance``: the phase of the next session ends now (at the first week boundary
    from today that keeps its logged sessions in it) and the next phase starts. Returns the plan
    and the index of the phase moved on from."""
    item = projection.next_planned_item()
    if item is None:
        raise UsageError("advance: no planned session is left in this plan")
    return advance_phase(plan, item.phase, projection.today), item.phase


def advance_phase(plan: Plan, index: int, today: dt.date) -> Plan:
    """Phase ``index`` ends at the first week boundary from ``today`` that keeps its logged
    sessions in it, and the next phase starts (what :func:`advance` does to the phase of the
    next session; the app names the phase it asked about)."""
    if index + 1 >= len(plan.phases):
        name = plan.phases[index].program.name
        raise UsageError(f"advance: {name} is the last phase of the plan; there is none after it")
    kept = tuple(a for a in plan.advanced if a.phase != index)
    moved = (*kept, Advance(phase=index, date=today))
    return attrs.evolve(plan, advanced=tuple(sorted(moved, key=lambda a: a.phase)))


def phase_start(projection: Projection, index: int) -> Scheduled:
    """The first session of phase ``index`` (after the lengths the log and ``advance`` gave the
    phases before it)."""
    weeks = sum(phase.weeks for phase in projection.phases[:index])
    first = projection.plan.start + dt.timedelta(weeks=weeks)
    return projection.calendar[projection.calendar.position(first)]


@attrs.frozen(slots=False)
class Gate:
    """A readiness gate holding a phase: its program stays on because the back was not calm."""

    phase: int
    """Index of the phase held (the next session's)."""
    held: str
    """Its name (``Back rehab``)."""
    following: str
    """The name of the phase that waits (``Linear 5×5``)."""
    reason: str
    """Why, as the calendar says it: ``pain 7/10 on 2027-05-20``."""
    weeks: int
    """How long the phase is now."""
    planned: int
    """How long the plan made it."""


def holding_gate(projection: Projection) -> Gate | None:
    """The readiness gate holding the phase of the next session, if it extended that phase
    (None when the phase runs as planned, or the person already moved on)."""
    item = projection.next_planned_item()
    if item is None or item.phase + 1 >= len(projection.phases):
        return None
    phase = projection.phases[item.phase]
    if not phase.extended or not phase.changed_why.startswith("extended: "):
        return None  # as planned, or the person moved on already (the rest of a week stays)
    return Gate(
        phase=item.phase,
        held=phase.name,
        following=projection.phases[item.phase + 1].name,
        reason=phase.changed_why.removeprefix("extended: "),
        weeks=phase.weeks,
        planned=phase.planned_weeks,
    )


def morning_question(projection: Projection) -> LogEntry | None:
    """The done session whose next-morning pain the app asks for today: the one that took place
    yesterday, in a back program or logged with pain (the pain gate reads the morning after
    it), unless its morning pain is recorded or the person dismissed the question."""
    item = projection.item_on(projection.today - dt.timedelta(days=1))
    if item is None or projection.phases[item.phase].pain_threshold is None:
        return None
    plan = projection.plan
    entry = plan.entry(item.key)
    if entry is None or entry.status != "done" or entry.morning_pain is not None:
        return None
    if entry.date in plan.morning_dismissed:
        return None
    back = projection.phases[item.phase].program in BACK_PROGRAMS
    return entry if back or _said_anything(entry) else None


def dismiss_morning(plan: Plan, key: dt.date) -> Plan:
    """The person does not want to say how the back settled after the session of ``key``: the
    app stops asking for it."""
    if key in plan.morning_dismissed:
        return plan
    return attrs.evolve(plan, morning_dismissed=tuple(sorted((*plan.morning_dismissed, key))))


def acknowledge(plan: Plan, flag: Flag) -> Plan:
    """The person has read the red-flag warning of ``flag`` (the app stops showing it)."""
    if flag.date in plan.acknowledged:
        return plan
    return attrs.evolve(plan, acknowledged=tuple(sorted((*plan.acknowledged, flag.date))))


def _report(entry: LogEntry) -> PainReport:
    return PainReport(
        during=entry.pain,
        where=entry.pain_where,
        morning=entry.morning_pain,
        morning_where=entry.morning_where,
        note=entry.note,
        by_exercise=tuple((e.exercise, e.pain) for e in entry.exercises if e.pain is not None),
    )


def standing_flag(projection: Projection) -> Flag | None:
    """The red flag standing in the plan: the latest done session that raised one, unless a
    calm session (at or under the threshold, settled by morning) came after it."""
    for entry in reversed(projection.plan.log):
        if entry.status != "done":
            continue
        if not _said_anything(entry):
            continue  # nothing said about pain: it neither raises nor clears a flag
        item = projection.item_by_key(entry.date)
        if item is None:
            continue
        phase = projection.phases[item.phase]
        report = _report(entry)
        reason = red_flag(report, phase.red_flag_words)
        if reason:
            return Flag(entry.date, reason)
        threshold = phase.pain_threshold
        if threshold is not None and clears(report, threshold, phase.red_flag_words):
            return None
    return None


def _said_anything(entry: LogEntry) -> bool:
    return (
        entry.pain is not None
        or entry.morning_pain is not None
        or bool(entry.note or entry.pain_where or entry.morning_where)
        or any(e.pain is not None for e in entry.exercises)
    )


def unacknowledged_flag(projection: Projection) -> Flag | None:
    """The standing red flag, unless the person acknowledged it (what the app's banner shows)."""
    flag = standing_flag(projection)
    if flag is None or flag.date in projection.plan.acknowledged:
        return None
    return flag


def is_barbell(program: Program | str) -> bool:
    """Whether a program loads a barbell: a built-in barbell program (by id), or a program
    whose exercises are tagged ``barbell``."""
    if isinstance(program, str):
        return program in BARBELL_PROGRAMS
    if program.id in BARBELL_PROGRAMS:
        return True
    return any(tag in BARBELL_TAGS for e in program.exercises for tag in e.tags)


def needs_bridge(chain: Sequence[Program | str]) -> tuple[int, ...]:
    """Positions in ``chain`` (programs or their ids) where back rehab is followed directly by
    a barbell program: where the bridge belongs."""
    ids = [item if isinstance(item, str) else item.id for item in chain]
    return tuple(
        index
        for index in range(len(chain) - 1)
        if ids[index] == REHAB and is_barbell(chain[index + 1])
    )


def suggest_bridge(chain: Sequence[str]) -> tuple[str, ...]:
    """The chain of program specs (``ID[:WEEKS]``, as ``workout new --program`` takes them)
    with ``back-to-strength`` put between back rehab and a barbell program that follows it
    directly: ``("back-rehab:26", "linear-5x5")`` → ``("back-rehab:26", "back-to-strength",
    "linear-5x5")``. Unchanged when no such pair is in it."""
    ids = [spec.partition(":")[0].strip() for spec in chain]
    gaps = set(needs_bridge(ids))
    out: list[str] = []
    for index, spec in enumerate(chain):
        out.append(spec)
        if index in gaps:
            out.append(BRIDGE)
    return tuple(out)
