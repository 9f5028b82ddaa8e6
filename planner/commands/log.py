"""Commands that log or unlog a session: ``done``, ``skip``, ``undo``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.commands import EXIT_OK, open_plan

if TYPE_CHECKING:
    from planner.model import Plan
    from rules.engine import Session


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
        find_session,
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

    hurt = {}
    for item in args.exercise_pain:
        name, value = parse_assignment(item, "--exercise-pain")
        hurt[name] = int(parse_number(value, f"--exercise-pain {name}", whole=True))
    chosen: list[Session] = []
    service = open_plan(args)

    def change(plan: Plan) -> Plan:
        session = find_session(service, args.session)  # in the plan as it is on disk now
        chosen.append(session)
        done = log_done(
            plan,
            session,
            reps=reps,
            loads=loads,
            seconds=seconds,
            pain=pain,
            note=args.note,
        )
        return with_pain_details(done, session.scheduled.key, args.pain_where, hurt)

    service.apply(change)
    number = chosen[-1].scheduled.number
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
    print()
    print(next_text(projection, projection.next_planned()))
    return EXIT_OK


def cmd_skip(args: argparse.Namespace) -> int:
    """``workout skip``."""
    from planner.actions import find_session, log_skip

    chosen: list[Session] = []
    service = open_plan(args)

    def change(plan: Plan) -> Plan:
        session = find_session(service, args.session)  # in the plan as it is on disk now
        chosen.append(session)
        return log_skip(plan, session, args.note)

    service.apply(change)
    projection = service.window()
    print(
        f"Skipped {chosen[-1].scheduled.date:%a %Y-%m-%d} (session {chosen[-1].scheduled.number}); progression waits."
    )
    from planner.present import next_text

    print(next_text(projection, projection.next_planned()))
    return EXIT_OK


def cmd_undo(args: argparse.Namespace) -> int:
    """``workout undo``."""
    service = open_plan(args)
    backup = service.undo()
    print(
        f"Undid the last change to {service.slug!r}: restored the version saved before it ({backup.name})."
    )
    print(f"{len(service.backups())} earlier version(s) left to undo.")
    return EXIT_OK
