"""Commands that log or unlog a session: ``done``, ``skip``, ``undo``.

A session logged already is replaced only with ``--replace``, and the command says what it
replaced (docs/ARCHITECTURE.md, promise R10): the check runs inside the change, under the file's lock, on the
plan as it is on disk then.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from planner.commands import EXIT_OK, open_plan

if TYPE_CHECKING:
    from planner.amrap import OpenSet
    from planner.model import LogEntry, Plan
    from planner.service import PlanService
    from rules.engine import Session


def _check_replacing(plan: Plan, session: Session, replace: bool, replaced: list[LogEntry]) -> None:
    """Refuse to re-log ``session`` without ``--replace``; remember what is replaced."""
    from planner.changes import logged_already, replacing
    from planner.errors import UsageError

    existing = replacing(plan, session)
    if existing is None:
        return
    if not replace:
        raise UsageError(logged_already(existing))
    replaced.append(existing)


def _say_replaced(replaced: list[LogEntry]) -> None:
    from planner.changes import entry_summary

    if replaced:
        entry = replaced[-1]
        print(f"Replaced what was logged for {entry.date:%a %Y-%m-%d} ({entry_summary(entry)}).")


def _parse_lists(items: Sequence[str], flag: str) -> dict[str, list[int]]:
    from planner.actions import parse_assignment, parse_number

    out: dict[str, list[int]] = {}
    for item in items:
        name, value = parse_assignment(item, flag)
        out[name] = [
            int(parse_number(v, f"{flag} {name}", whole=True))
            for v in value.split(",")
            if v.strip()
        ]
    return out


def cmd_done(args: argparse.Namespace) -> int:
    """``workout done``."""
    from planner.actions import (
        log_done,
        parse_assignment,
        parse_number,
        parse_pain,
    )

    reps = _parse_lists(args.reps, "--reps")
    seconds = _parse_lists(args.seconds, "--seconds")
    loads = {}
    for item in args.load:
        name, value = parse_assignment(item, "--load")
        loads[name] = parse_number(value, f"--load {name}")
    pain = None if args.pain is None else parse_pain(args.pain, "--pain")
    from planner.backcare import with_pain_details
    from planner.effort import parse_effort

    rpe = parse_effort(args.rpe, args.rir)
    hurt = {}
    for item in args.exercise_pain:
        name, value = parse_assignment(item, "--exercise-pain")
        hurt[name] = int(parse_number(value, f"--exercise-pain {name}", whole=True))
    service = open_plan(args)
    unasked: list[OpenSet] = []
    asked = _ask_amrap_reps(args, service, reps)

    def done(plan: Plan, session: Session) -> Plan:
        _confirm_loads(args, session, loads, plan.units)
        if not asked:  # (a script: the reminder says how to log the reps done)
            unasked[:] = _amrap_sets(plan, session, reps)
        logged = log_done(
            plan,
            session,
            reps=reps,
            loads=loads,
            seconds=seconds,
            pain=pain,
            note=args.note,
            rpe=rpe,
        )
        return with_pain_details(logged, session.scheduled.key, args.pain_where, hurt)

    chosen = _log_on_session(args, service, done)
    number = chosen.scheduled.number
    projection = service.window(since=number - 1)
    session = projection.session(number)
    assert session is not None
    print(
        f"Logged {session.scheduled.date:%a %Y-%m-%d} (session {session.scheduled.number}) as done."
    )
    from planner.present import next_text, red_flag_text, session_text

    print(session_text(projection, session, why=False))
    warning = red_flag_text(projection)
    if warning:
        print(f"\n{warning}")
    if unasked and unasked[0].exercise in {p.exercise for p in session.prescriptions}:
        from planner.amrap import reminder

        print(f"\n{reminder(unasked, f'{session.scheduled.date:%Y-%m-%d}')}")
    print()
    print(next_text(projection, projection.next_planned()))
    return EXIT_OK


def _amrap_sets(plan: Plan, session: Session, reps: dict[str, list[int]]) -> list[OpenSet]:
    """The AMRAP sets of ``session`` that ``reps`` says nothing of."""
    if not any(t.amrap for p in session.prescriptions for t in p.sets):
        return []  # (most sessions: nothing more to import)
    from planner.amrap import open_sets

    return open_sets(plan, session, reps)


def _ask_amrap_reps(
    args: argparse.Namespace, service: PlanService, reps: dict[str, list[int]]
) -> bool:
    """In a terminal, ask the reps of each AMRAP set ``--reps`` did not give, into ``reps``
    (before the save: nothing waits on the file's lock while a person types). Whether it
    asked (a script is never asked: stdin is not a terminal)."""
    import sys

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    from planner.actions import find_session
    from planner.amrap import ask_reps

    found = _amrap_sets(service.window().plan, find_session(service, args.session), reps)
    try:
        reps.update(ask_reps(found, input))
    except EOFError:
        from planner.errors import UsageError

        raise UsageError("done: stopped at the AMRAP question (nothing logged)") from None
    return True


def _log_on_session(
    args: argparse.Namespace, service: PlanService, log: Callable[[Plan, Session], Plan]
) -> Session:
    """Apply ``log`` to the session ``args.session`` names, in the plan as it is on disk when
    saved; a session logged already is replaced only with ``--replace`` (and it says what).
    Returns the session logged."""
    from planner.actions import find_session

    chosen: list[Session] = []
    replaced: list[LogEntry] = []

    def change(plan: Plan) -> Plan:
        session = find_session(service, args.session)
        chosen.append(session)
        replaced.clear()
        _check_replacing(plan, session, args.replace, replaced)
        return log(plan, session)

    service.apply(change)
    _say_replaced(replaced)
    return chosen[-1]


def _confirm_loads(
    args: argparse.Namespace, session: Session, loads: dict[str, float], unit: str
) -> None:
    """A load far from its target is refused unless ``--yes`` says it is right."""
    from planner.actions import implausible_loads
    from planner.errors import UsageError
    from planner.text import check_logged

    check_logged(unit, {}, loads, {})  # (past these bounds, no --yes makes a load right)
    problems = [] if args.yes else implausible_loads(session, loads, unit)
    if problems:
        raise UsageError(f"{'; '.join(problems)}; add --yes if that is right (nothing logged)")


def cmd_skip(args: argparse.Namespace) -> int:
    """``workout skip``."""
    from planner.actions import log_skip

    service = open_plan(args)
    chosen = _log_on_session(args, service, lambda plan, s: log_skip(plan, s, args.note))
    projection = service.window()
    print(
        f"Skipped {chosen.scheduled.date:%a %Y-%m-%d} (session {chosen.scheduled.number}); progression waits."
    )
    from planner.present import next_text

    print(next_text(projection, projection.next_planned()))
    return EXIT_OK


def cmd_undo(args: argparse.Namespace) -> int:
    """``workout undo``."""
    from planner.changes import summary

    service = open_plan(args)
    done = service.undo()
    print(f"Undid: {summary(done.changes)}.")
    if done.kept is not None:
        print("The version it replaced is kept: `workout restore 1` brings it back.")
    left = service.undoable()
    print(f"{left} earlier version(s) left to undo (`workout history` lists them).")
    return EXIT_OK
