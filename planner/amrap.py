"""Sets done for as many reps as possible (``5+``): what ``workout done`` asks, or reminds.

Logged "as prescribed", an AMRAP set records its minimum (5 on a ``5+``), so the estimated 1RM
stops rising with the lifter and a phase after 5/3/1 starts from too little. In a terminal,
``done`` asks for the reps of each AMRAP set ``--reps`` did not give (Enter keeps the minimum);
in a script it logs the minimum and says how to log the reps done.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from planner.settext import load_text

if TYPE_CHECKING:
    from planner.model import Plan
    from rules.engine import Session

MAX_REPS = 100
"""More reps than this in one set is a typing slip, not a set."""


class OpenSet(NamedTuple):
    """An AMRAP set whose reps the command was not given."""

    exercise: str
    """The exercise's id (as ``--reps`` names it)."""
    name: str
    """The exercise as a person reads it."""
    position: int
    """The set's place among the exercise's sets (0-based)."""
    prescribed: tuple[int, ...]
    """Every set's prescribed reps (the minimum for the AMRAP one)."""
    question: str
    """``Squat, last set 5+ @ 100 kg``."""


def open_sets(plan: Plan, session: Session, given: Mapping[str, Sequence[int]]) -> list[OpenSet]:
    """The AMRAP sets of ``session`` (of ``plan``) whose exercise has no reps in ``given``."""
    if not any(t.amrap for p in session.prescriptions for t in p.sets):
        return []  # (most sessions: the names are not looked up)
    from planner.present import plan_exercise_name

    unit = plan.units
    found = []
    for prescription in session.prescriptions:
        if prescription.exercise in given:
            continue
        sets = prescription.sets
        if any(s.reps is None for s in sets):
            continue
        for index, target in enumerate(sets):
            if not target.amrap or target.reps is None:
                continue
            title = plan_exercise_name(plan, prescription.exercise)
            which = "last set" if index == len(sets) - 1 else f"set {index + 1}"
            found.append(
                OpenSet(
                    exercise=prescription.exercise,
                    name=title,
                    position=index,
                    prescribed=tuple(s.reps or 0 for s in sets),
                    question=f"{title}, {which} {target.reps}+{load_text(target.load, unit)}",
                )
            )
    return found


def parse_answer(answer: str, minimum: int) -> int | None:
    """The reps typed for an AMRAP set: blank keeps ``minimum``; None when it is no count."""
    text = answer.strip()
    if not text:
        return minimum
    if not text.isdecimal() or not text.isascii():
        return None
    reps = int(text)
    return reps if 0 <= reps <= MAX_REPS else None


def ask_reps(sets: Sequence[OpenSet], ask: Callable[[str], str]) -> dict[str, list[int]]:
    """Ask, for each open set, how many reps were done (``ask`` prints a prompt and returns
    the line typed, as :func:`input`); a reply that is no count is asked again. Returns
    ``--reps`` lists for the exercises asked about."""
    reps: dict[str, list[int]] = {}
    for open_set in sets:
        current = reps.setdefault(open_set.exercise, list(open_set.prescribed))
        minimum = open_set.prescribed[open_set.position]
        prompt = f"{open_set.question}: reps done [{minimum}]? "
        while (done := parse_answer(ask(prompt), minimum)) is None:
            prompt = f"  a whole number of reps, 0–{MAX_REPS} (Enter for {minimum}): "
        current[open_set.position] = done
    return reps


def _at_minimum(sets: Sequence[OpenSet]) -> str:
    """``the AMRAP set at the minimum (Squat, last set 5+ @ 100 kg)``."""
    named = ", ".join(s.question for s in sets)
    return f"the AMRAP set{'s' if len(sets) > 1 else ''} at the minimum ({named})"


def reminder(sets: Sequence[OpenSet], session_date: str) -> str:
    """What a script's ``done`` says after logging AMRAP sets at their minimum."""
    if not sets:
        return ""
    first = sets[0]
    reps = list(first.prescribed)
    reps[first.position] = first.prescribed[first.position] + 3
    example = ",".join(str(r) for r in reps)
    return (
        f"Logged {_at_minimum(sets)}. "
        f"Did more? workout done {session_date} --replace --reps {first.exercise}={example}"
    )


def as_prescribed_text(plan: Plan, session: Session) -> str:
    """What logging ``session`` as prescribed does to its AMRAP sets ("" when it has none)."""
    found = open_sets(plan, session, {})
    return f"As prescribed logs {_at_minimum(found)}." if found else ""
