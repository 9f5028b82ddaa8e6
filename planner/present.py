"""Everything a person reads about a plan, in one place: the CLI, the exports and the app all
print a session from these functions, so the two faces cannot drift apart.

What lives here: the status marks, exercise names, set text (planned, and done with what was
really lifted), session titles, the rows of a session (name, sets, why, cue), the "next
session" text, week grouping and the plain-text table the CLI prints. Everything is a pure
function of the model and the projection, returning strings and small records: the CLI prints
them, the exports write them, the screens wrap them in Rich and Textual widgets (this module
never imports Textual or Rich).

Presenters read a projection through its query methods only (``plan``, ``total``,
``day_name``, ``where``, ``status``, ``plan_week``, ``phase_of``, ``deload``, ``session_of``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Generic, Literal, NamedTuple, TypeVar

from planner.gear import implement_of
from planner.settext import (
    MARKS as MARKS,
    METRIC_UNITS as METRIC_UNITS,
    STATUS_LEGEND as STATUS_LEGEND,
    best_text as best_text,
    describe_sets as describe_sets,
    done_text as done_text,
    fmt_load as fmt_load,
    lifted_text as lifted_text,
    load_text as load_text,
    mark as mark,
    metric_text as metric_text,
    not_done_text as not_done_text,
    rpe_text as rpe_text,
)
from planner.text import one_line, visible
from rules.engine import Scheduled, Session

if TYPE_CHECKING:
    from planner.backcare import Gate
    from planner.model import Exercise, LogEntry, Plan
    from planner.newplan import PhaseSpan
    from planner.projection import Projection


# Exercise names ------------------------------------------------------------------------------


def exercise_name(exercise: str, known: Mapping[str, Exercise]) -> str:
    """The display name of an exercise (its id when the plan does not know it).

    ``known`` is ``plan.exercises()``, looked up once by the caller for a whole session or plan.
    """
    found = known.get(exercise)
    return exercise if found is None else found.name


def plan_exercise_name(plan: Plan, exercise: str) -> str:
    """The display name of one exercise of ``plan``."""
    return exercise_name(exercise, plan.exercises())


def added_load(plan: Plan, exercise: str, known: Mapping[str, Exercise] | None = None) -> bool:
    """Whether ``exercise`` is bodyweight work, whose load is added to the body: a chin-up
    with a 10 kg belt reads ``+10 kg``, not ``@ 10 kg`` (the plan's equipment may say so for
    one exercise, else the exercise's implement or tags)."""
    found = (plan.exercises() if known is None else known).get(exercise)
    return found is not None and implement_of(found, plan.equipment) == "bodyweight"


def session_title(projection: Projection, session: Session, *, status: bool = True) -> str:
    """``Mon 2026-11-30 · session 1 of 78 · day A · planned · deload week · moved from …``."""
    item = session.scheduled
    text = (
        f"{item.date:%a %Y-%m-%d} · session {item.number} of {projection.total} · "
        f"day {projection.day_name(session)}"
    )
    if status:
        text += f" · {session.status}"
    if session.deload:
        text += " · deload week"
    if item.date != item.key:
        text += f" · moved from {item.key:%a %d %b}"
    return text


class ExerciseRow(NamedTuple):
    """One exercise of a session as a person reads it.

    The records of this module are NamedTuples, not attrs classes: they are only read, and
    every command that prints a session would build each attrs class at start-up."""

    name: str
    sets: str
    """What to do (planned), or what was done with the plan beside it (done)."""
    why: str
    """Why the engine chose these sets (``+2.5 kg: all 5×5 done on 2026-11-30``)."""
    cue: str = ""
    """The exercise's first cue (``keep a neutral spine``): the one to remember."""


class SessionBody(NamedTuple):
    """Every exercise of a session, and what the person said about it."""

    rows: tuple[ExerciseRow, ...]
    remark: str = ""
    """``pain 3/10 · note: knee ok`` ("" when nothing was said)."""
    extra: tuple[str, ...] = ()
    """Lines after the rows: warm-up sets and plates per side of a planned session's barbell
    work (never logged as work sets)."""


def session_body(
    projection: Projection,
    session: Session,
    entry: LogEntry | None,
    known: Mapping[str, Exercise] | None = None,
) -> SessionBody:
    """The rows of ``session``, given its log ``entry`` (None: not logged).

    ``known`` (``plan.exercises()``) may be passed by a caller that presents many sessions.
    """
    plan = projection.plan
    known = plan.exercises() if known is None else known
    done = entry.done_sets() if entry is not None else {}
    rows = []
    for prescription in session.prescriptions:
        targets = prescription.sets
        added = added_load(plan, prescription.exercise, known)
        if prescription.exercise in done:
            sets = done_text(targets, done[prescription.exercise], plan.units, added=added)
        elif session.status == "done":
            sets = not_done_text(targets, plan.units, added=added)
        else:
            sets = describe_sets(targets, plan.units, added=added)
        exercise = known.get(prescription.exercise)
        cue = exercise.cues[0] if exercise is not None and exercise.cues else ""
        # A variant (side bridge from the feet) is shown by its own name, with its own cue.
        name = prescription.name or exercise_name(prescription.exercise, known)
        rows.append(ExerciseRow(name, sets, prescription.why, prescription.cue or cue))
    extra = warm_up_lines(projection, session, known) if session.status == "planned" else ()
    # (A note may hold line breaks; anything else that could steer a terminal is shown as code.)
    return SessionBody(tuple(rows), visible(entry.remark) if entry is not None else "", extra)


def warm_up_lines(
    projection: Projection, session: Session, known: Mapping[str, Exercise] | None = None
) -> tuple[str, ...]:
    """One line per barbell lift of ``session``: its warm-up sets (two sets of five with the
    empty bar, then about 40/60/80 % of the first work set for 5/3/2) and the plates on each side of the bar for
    each working load, e.g. ``Squat warm-up: 2×5 @ 20 kg, 5 @ 40 kg, 3 @ 60 kg, 2 @ 80 kg ·
    100 kg: 25 + 15 kg a side``."""
    from rules.equipment import first_work, plates_text, warm_up_sets

    item, unit = session.scheduled, projection.plan.units
    known = projection.plan.exercises() if known is None else known
    slots = projection.phases[item.phase].days[item.day].slots
    gears = {slot.exercise: slot.base.gear for slot in slots}
    lines = []
    for prescription in session.prescriptions:
        gear = gears.get(prescription.exercise)
        loads = sorted({s.load for s in prescription.sets if s.load}, reverse=True)
        first = first_work(s.load for s in prescription.sets)
        if gear is None or not gear.barbell or first is None:
            continue
        ramp = ", ".join(
            f"{sets}×{reps} @ {fmt_load(load, unit)}"
            if sets > 1
            else f"{reps} @ {fmt_load(load, unit)}"
            for sets, reps, load in warm_up_sets(first, gear)
        )
        plates = "; ".join(
            f"{fmt_load(load, unit)}: {text}"
            for load in loads
            if (text := plates_text(load, gear, unit))
        )
        name = exercise_name(prescription.exercise, known)
        if ramp:
            lines.append(f"{name} warm-up: {ramp}" + (f" · {plates}" if plates else ""))
        elif plates:
            lines.append(f"{name}: {plates}")
    return tuple(lines)


def logged_body(projection: Projection, session: Session) -> SessionBody:
    """:func:`session_body`, its log entry looked up in the plan."""
    return session_body(projection, session, projection.plan.entry(session.scheduled.key))


def table(rows: Sequence[Sequence[str]], header: Sequence[str] | None = None) -> str:
    """Left-aligned columns, two spaces apart (a rule under the header)."""
    data = [list(header)] if header else []
    data += [[one_line(cell) for cell in row] for row in rows]  # a cell is one line of text
    if not data:
        return ""
    widths = [max(len(row[i]) for row in data if i < len(row)) for i in range(len(data[0]))]
    lines = []
    for index, row in enumerate(data):
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if header and index == 0:
            lines.append("  ".join("─" * w for w in widths))
    return "\n".join(lines)


def body_text(body: SessionBody, *, why: bool = True) -> str:
    """A session's rows as indented plain-text columns (name, sets, why), then the remark."""
    text = table([[f"  {r.name}", r.sets] + ([r.why] if why else []) for r in body.rows])
    text += "".join(f"\n  {line}" for line in body.extra)
    return text + ("\n  " + body.remark if body.remark else "")


def session_text(projection: Projection, session: Session, *, why: bool = True) -> str:
    """A session's body as the CLI prints it under its title."""
    return body_text(logged_body(projection, session), why=why)


def next_text(projection: Projection, upcoming: Session | None) -> str:
    """The next planned session in full: ``Next: <title>`` and its rows with why."""
    if upcoming is None:
        return "No planned session left."
    title = session_title(projection, upcoming)
    return f"Next: {title}\n{session_text(projection, upcoming)}"


def next_line(projection: Projection, upcoming: Session | None) -> str:
    """The next planned session on one line: ``Next: Wed 02 Dec: Squat 5×5 @ 62.5 kg; …``."""
    if upcoming is None:
        return "No planned session left."
    targets = "; ".join(f"{r.name} {r.sets}" for r in session_body(projection, upcoming, None).rows)
    return f"Next: {upcoming.scheduled.date:%a %d %b}: {targets}"


def prescription_lines(projection: Projection, session: Session) -> str:
    """What a session asks for, one exercise a line: ``Squat: 5×5 @ 60 kg``."""
    rows = session_body(projection, session, None).rows
    return "\n".join(f"{r.name}: {r.sets}" for r in rows)


# Weeks ---------------------------------------------------------------------------------------

Item = TypeVar("Item", Session, Scheduled)


def scheduled(item: Session | Scheduled) -> Scheduled:
    """The calendar position of a session (or the position itself)."""
    return item.scheduled if isinstance(item, Session) else item


class Week(NamedTuple, Generic[Item]):
    """The sessions (or calendar positions) of one week of the plan."""

    number: int
    """1-based over the whole phase chain."""
    items: tuple[Item, ...]

    @property
    def head(self) -> Scheduled:
        """The week's first calendar position."""
        return scheduled(self.items[0])


def weeks(projection: Projection, items: Iterable[Item]) -> tuple[Week[Item], ...]:
    """``items`` grouped by plan week, in order (weeks without a session left out)."""
    grouped: dict[int, list[Item]] = {}
    for item in items:
        grouped.setdefault(projection.plan_week(item), []).append(item)
    return tuple(Week(number, tuple(grouped[number])) for number in sorted(grouped))


def week_label(projection: Projection, week: Week[Item]) -> str:
    """``Linear 5×5 3/12``: the phase and the week within it."""
    phase = projection.phase_of(week.head)
    return f"{phase.name} {week.head.week}/{phase.weeks}"


def this_week(plan: Plan, today: dt.date) -> int | None:
    """The plan week ``today`` falls in (None before the plan starts or after it ends)."""
    if not plan.start <= today < plan.end:
        return None
    return (today - plan.start).days // 7 + 1


# Back care -----------------------------------------------------------------------------------


LOG_PAIN: Mapping[str, str] = {
    "cli": "log it with --pain",
    "app": "press l to log it, with its pain in the Pain field",
}
"""How a person logs a session's pain, by the face they read it in (the CLI's flag, the app's
key): advice must name what the person in front of it can do."""


def red_flag_text(projection: Projection, face: Literal["cli", "app"] = "cli") -> str:
    """The warning of a red flag standing in the plan ("" when none): what happened, to stop
    and see a clinician, and that every exercise is held until a calm session. The CLI's
    ``done`` and ``today``, the exports and the app's banner all say it in these words;
    ``face`` (``cli`` or ``app``) names the way to log pain there. The CLI indents the second
    line under the warning sign; the app's banner wraps its lines, so it does not."""
    from planner.backcare import standing_flag

    flag = standing_flag(projection)
    if flag is None:
        return ""
    item = projection.item_by_key(flag.date)
    threshold = projection.phases[item.phase].pain_threshold if item is not None else None
    calm = f"at or under {threshold}/10" if threshold is not None else "without pain"
    indent = "  " if face == "cli" else ""
    held = f"Every exercise is held until a session {calm} ({LOG_PAIN[face]})."
    return f"⚠ {flag.advice()}\n{indent}{held}"


def phase_change_lines(projection: Projection) -> tuple[str, ...]:
    """One line per phase whose length the readiness gate or ``workout advance`` changed:
    ``Back rehab extended: pain 7/10 on 2027-05-20 (3 weeks; planned 2)``."""
    return tuple(
        f"{phase.name} {phase.changed_why} ({phase.weeks} weeks; planned {phase.planned_weeks})"
        for phase in projection.phases
        if phase.changed_why
    )


def plan_dates_text(projection: Projection) -> str:
    """The plan's span for a header, as projected, with the planned end when they differ:
    ``2027-01-04 to 2027-06-07 (planned 2027-05-24: Back rehab extended)``."""
    plan, end = projection.plan, projection.end
    # The change's kind only: its reason has its own line (phase_change_lines).
    kinds = [f"{p.name} {p.changed_why.split(':')[0]}" for p in projection.phases if p.changed_why]
    planned = f" (planned {plan.end}: {'; '.join(kinds)})" if end != plan.end else ""
    return f"{plan.start} to {end}{planned}"


def _day(date: dt.date, year: int) -> str:
    return f"{date:%d %b}" if date.year == year else f"{date:%d %b %Y}"


def timeline_text(spans: Sequence[PhaseSpan], start: dt.date) -> str:
    """``Back rehab 03 Dec – 31 May → Linear 5×5 from 03 Jun`` (years shown past the start's)."""
    parts = []
    for index, span in enumerate(spans):
        if span.first is None or span.last is None:
            parts.append(f"{span.name} (no sessions)")
        elif index == len(spans) - 1 and index > 0:
            parts.append(f"{span.name} from {_day(span.first, start.year)}")
        else:
            parts.append(
                f"{span.name} {_day(span.first, start.year)} – {_day(span.last, start.year)}"
            )
    return " → ".join(parts)


def gate_text(gate: Gate) -> str:
    """The dashboard's line about a readiness gate holding a phase: ``Back rehab extended: pain
    7/10 on 2027-05-20 (3 weeks; planned 2); Linear 5×5 waits for a calm back``."""
    return (
        f"{gate.held} extended: {gate.reason} ({gate.weeks} weeks; planned {gate.planned}); "
        f"{gate.following} waits for a calm back"
    )


def _although(reason: str) -> str:
    """A gate's reason after "although": ``pain 7/10 on …`` → ``pain was 7/10 on …``."""
    if reason.startswith("pain "):
        return f"pain was {reason.removeprefix('pain ')}"
    if reason.startswith("worse"):
        return f"the back was {reason}"
    return reason


def advance_question(gate: Gate, first: Scheduled) -> str:
    """What moving on despite the gate does, as the app asks it: ``Start Linear 5×5 on Mon 07
    Jun although pain was 7/10 on 2027-05-20?``."""
    return f"Start {gate.following} on {first.date:%a %d %b} although {_although(gate.reason)}?"


def morning_question_text(entry: LogEntry, took_place: dt.date) -> str:
    """The dashboard's question about how the back settled after yesterday's session: ``How
    did your back settle after yesterday's session (Mon 07 Jun, pain 4/10 during)?``."""
    during = f", pain {entry.pain}/10 during" if entry.pain is not None else ""
    return f"How did your back settle after yesterday's session ({took_place:%a %d %b}{during})?"


def days_change_text(plan: Plan, days: Sequence[str], since: dt.date, today: dt.date) -> str:
    """What a change of training days does, before it is saved (the app's dialog) and after
    (``workout days``): ``From Tue 15 Dec: Tue, Sat (before: Mon, Wed, Fri). The 6 sessions
    logged stay where they are.`` (the year only when it is not this year's)."""
    when = f"{since:%a %d %b}" + (f" {since.year}" if since.year != today.year else "")
    before = plan.days_on(since)
    named = ", ".join(day.title() for day in days)
    if tuple(days) == before:
        return f"From {when}: {named}, as now; nothing changes."
    logged = len(plan.log)
    kept = {
        0: "Nothing is logged yet.",
        1: "The session logged stays where it is.",
    }.get(logged, f"The {logged} sessions logged stay where they are.")
    return f"From {when}: {named} (before: {', '.join(d.title() for d in before)}). {kept}"
