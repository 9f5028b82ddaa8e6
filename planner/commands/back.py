"""Back-care commands: ``pain`` (how the back settled the next morning) and ``advance`` (start
the next phase now)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from planner.commands import EXIT_OK, open_plan

if TYPE_CHECKING:
    from planner.model import Plan


def cmd_pain(args: argparse.Namespace) -> int:
    """``workout pain N [--where leg] [--session DATE]``."""
    from planner.actions import parse_date, parse_pain
    from planner.backcare import last_done, log_morning

    pain = parse_pain(args.pain, "PAIN")
    if pain is None:
        from planner.errors import UsageError

        raise UsageError("PAIN: give this morning's pain, 0 (none) to 10 (worst)")
    on = parse_date(args.session, "--session") if args.session else None
    service = open_plan(args)
    about = []

    def change(plan: Plan) -> Plan:
        about.append(last_done(plan, on).date)
        return log_morning(plan, pain, args.where, on)

    service.apply(change)
    projection = service.window()
    entry = projection.plan.entry(about[-1])
    assert entry is not None
    print(f"Noted for the session of {about[-1]:%a %Y-%m-%d}: {entry.remark}.")
    from planner.present import next_text, red_flag_text

    warning = red_flag_text(projection)
    if warning:
        print(f"\n{warning}")
    print()
    print(next_text(projection, projection.next_planned()))
    return EXIT_OK


def cmd_advance(args: argparse.Namespace) -> int:
    """``workout advance``: the next phase starts now, whatever the readiness gate says."""
    from planner.backcare import advance, phase_start

    service = open_plan(args)
    moved: list[int] = []

    def change(plan: Plan) -> Plan:
        new, index = advance(plan, service.window())
        moved.append(index)
        return new

    service.apply(change)
    projection = service.window()
    index = moved[-1]
    ended, following = projection.phases[index], projection.phases[index + 1]
    first = phase_start(projection, index + 1)
    print(
        f"{ended.name} ends after {ended.weeks} week(s) (planned {ended.planned_weeks or ended.weeks}); "
        f"{following.name} starts on {first.date:%a %Y-%m-%d} (session {first.number}). "
        "Undo with: workout undo"
    )
    from planner.present import next_text

    print()
    print(next_text(projection, projection.next_planned()))
    return EXIT_OK
