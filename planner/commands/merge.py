"""``workout merge [PLAN]``: merge the conflict copies a file-sync tool left beside a plan.

Every session logged on one side only is added; the same entry on both sides is no conflict;
a session logged differently on both sides is printed side by side, numbered, for the person
to choose (``--keep mine|theirs|DATE=mine,...``, or a question per session when standard input
is a terminal). Without a choice for each, nothing is merged (exit code 2). A merged copy moves
to the trash, never deleted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.commands import EXIT_OK, today_of

if TYPE_CHECKING:
    from planner.merge import Conflict, Side
    from planner.service import PlanService


def _service(args: argparse.Namespace) -> PlanService:
    from planner.service import PlanService, resolve_plan

    return PlanService.open(resolve_plan(args.name or args.plan), today_of(args))


def _ask(conflicts: Sequence[Conflict]) -> dict[dt.date, Side]:
    """One question per conflict, on the terminal."""
    from planner.errors import UsageError

    out: dict[dt.date, Side] = {}
    for number, conflict in enumerate(conflicts, start=1):
        while True:
            try:
                answer = input(f"{number}. {conflict.date}: keep [m]ine or [t]heirs? ")
            except EOFError:
                raise UsageError("no choice made; nothing was merged") from None
            word = answer.strip().lower()
            if word in ("m", "mine"):
                out[conflict.date] = "mine"
                break
            if word in ("t", "theirs"):
                out[conflict.date] = "theirs"
                break
    return out


def _choices(args: argparse.Namespace, conflicts: Sequence[Conflict]) -> dict[dt.date, Side]:
    from planner.merge import Unresolved, parse_keep

    if not conflicts:
        return {}
    if args.keep:
        return parse_keep(args.keep, conflicts)
    if sys.stdin.isatty():
        return _ask(conflicts)
    raise Unresolved(
        f"--keep: {len(conflicts)} session(s) logged differently on both sides; choose with "
        "--keep mine, --keep theirs or --keep DATE=mine,DATE=theirs (or a number from the "
        "table); nothing was merged"
    )


def cmd_merge(args: argparse.Namespace) -> int:
    """``workout merge [PLAN] [--keep ...]``."""
    from planner.conflicts import conflict_copies, examine, merge_copy
    from planner.merge import conflict_rows, describe
    from planner.present import table

    service = _service(args)
    copies = conflict_copies(service.path)
    if not copies:
        print(f"No conflict copy of {service.slug!r} to merge.")
        return EXIT_OK
    found = [examine(service, copy) for copy in copies]
    conflicts = [c for f in found for c in f.comparison.conflicts]
    for each in found:
        print("\n".join(describe(each.copy.name, each.comparison)))
    if conflicts:
        header = ["#", "SESSION", f"THIS PLAN ({service.slug})", "CONFLICT COPY"]
        print(table(conflict_rows(conflicts), header))
    choices = _choices(args, conflicts)
    for each in found:
        done = merge_copy(service, each.copy, choices)
        chosen = [choices[c.date] for c in done.comparison.conflicts if c.date in choices]
        print(
            f"Merged {each.copy.name}: added {len(done.comparison.added)}, "
            f"kept this plan's log for {chosen.count('mine')}, the copy's for "
            f"{chosen.count('theirs')}. The copy is in the trash "
            f"(`workout restore-plan {done.trashed.stem}` puts it back); "
            "`workout undo` reverts the merge."
        )
    return EXIT_OK
