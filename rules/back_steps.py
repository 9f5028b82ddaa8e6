"""The engine's steps for back care (docs/ARCHITECTURE.md): a week the readiness gate added to a phase,
red flags, and the pain gate (pain during a session, the next morning, or in one exercise).

They are steps of :mod:`rules.policies` like any other (``(visit, draft) -> None`` to prescribe,
``-> bool`` to settle), kept here so each module stays readable; the order they run in is
:data:`rules.policies.PRESCRIBE` and :data:`rules.policies.SETTLE`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rules.pain import Flag, exercise_pain, pain_text

if TYPE_CHECKING:
    from rules.policies import Draft, Visit


def extended_phase(visit: Visit, draft: Draft) -> None:
    """A week the readiness gate added to its phase says so (``Back rehab extended: pain 7/10
    on 2027-05-20``), after the rule's own reason."""
    phase = visit.phase
    if phase.extended and visit.item.week > phase.planned_weeks:
        note = f"{phase.name} {phase.changed_why}"
        draft.why = f"{draft.why} · {note}" if draft.why else note


def red_flag(visit: Visit, draft: Draft) -> bool:
    """A red flag (severe pain, pain down a leg, numbness, weakness, bladder or bowel changes)
    stops progression on every exercise: each holds, with a why that names it (one step back
    when it is the second painful session in a row, or worse the next morning), until a session
    at or under the threshold is logged (a projected session is never assumed calm). A painful session while a flag stands is the pain gate's."""
    if visit.red_flag:
        flag = Flag(visit.item.date, visit.red_flag)
    elif visit.flag is None or visit.status not in ("done", "planned") or visit.painful:
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
