"""Commands that read a plan: ``programs``, ``plans``, ``show``, ``today``, ``guide``."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from planner.cliparser import EXIT_BAD_INPUT
from planner.commands import EXIT_OK, open_plan, today_of
from planner.errors import DataFileError, UsageError, WorkoutError

if TYPE_CHECKING:
    from pathlib import Path


def cmd_programs(args: argparse.Namespace) -> int:
    """``workout programs``: every program that reads, then each broken file (exit 2 if any)."""
    from planner.catalog import listing
    from planner.present import table

    found, broken = listing()
    rows = [
        [pid, e.program.name, str(e.program.weeks), str(e.program.sessions_per_week), e.source]
        for pid, e in found.items()
    ]
    print(table(rows, ["ID", "NAME", "WEEKS", "PER WEEK", "SOURCE"]))
    return _report_broken("programs", broken)


def _report_broken(command: str, broken: list[WorkoutError]) -> int:
    """Say what is wrong with each broken file (one line each, on stderr); exit 2 if any."""
    import sys

    for error in broken:
        problem = error.problems[0] if isinstance(error, DataFileError) else error
        print(f"workout {command}: broken: {problem}", file=sys.stderr)
    return EXIT_BAD_INPUT if broken else EXIT_OK


def cmd_plans(args: argparse.Namespace) -> int:
    """``workout plans``."""
    if getattr(args, "archived", False) or getattr(args, "trash", False):
        from planner.commands.manage import cmd_shelved

        return cmd_shelved(args)
    from planner.overview import overview
    from planner.present import table
    from planner.service import list_plans

    paths = list_plans()
    if not paths:
        print("No plans yet. Create one: workout new --program linear-5x5 --days mon,wed,fri")
        return EXIT_OK
    today = today_of(args)
    rows, broken = [], []
    for path in paths:
        try:
            rows.append(list(overview(path, today).row()))
        except WorkoutError as error:  # one broken file never hides the others
            broken.append(error)
    if rows:
        print(table(rows, ["PLAN", "NAME", "PHASES", "DONE", "NEXT"]))
    for line in conflict_lines(paths):
        print(line)
    return _report_broken("plans", broken)


def conflict_lines(paths: list[Path]) -> list[str]:
    """A line per conflict copy a file-sync tool left beside one of ``paths``, saying how to
    merge it (``workout plans`` and ``workout validate`` print them beside the plan)."""
    from planner.paths import conflict_copies

    return [
        f"{path.stem}: conflict copy {copy.name} (from a sync tool): "
        f"`workout merge {path.stem}` merges its log"
        for path in paths
        for copy in conflict_copies(path)
    ]


def cmd_show(args: argparse.Namespace) -> int:
    """``workout show [--week N]``."""
    from planner import present
    from planner.actions import parse_number

    # The overview needs only statuses; a week's details need its prescriptions.
    service = open_plan(args)
    projection = service.window() if args.week is None else service.whole()
    plan = projection.plan
    if args.week is not None:
        week = int(parse_number(args.week, "--week", whole=True))
        if not 1 <= week <= plan.weeks:
            raise UsageError(f"--week: {week} is outside the plan (1–{plan.weeks})")
        sessions = projection.week(week)
        first = plan.start + dt.timedelta(weeks=week - 1)
        print(f"{plan.name} — week {week} of {plan.weeks} (from {first:%a %Y-%m-%d})")
        for session in sessions:
            print(f"\n{projection.where(session)}")
            print(present.session_title(projection, session))
            print(present.session_text(projection, session))
        return EXIT_OK
    days = ", ".join(plan.days_on(projection.today))
    for change in plan.day_changes:  # (a change of days: when, and what it replaced)
        days += f" (from {change.date})" if change.date <= projection.today else ""
    print(f"{plan.name} — {present.plan_dates_text(projection)} · {days} · {plan.units}")
    print("  " + " → ".join(f"{p.name} ({p.weeks} wk)" for p in projection.phases))
    for line in present.phase_change_lines(projection):
        print(f"  {line}")
    print(f"  {present.STATUS_LEGEND}   (workout show --week N for details)\n")
    current_week = present.this_week(plan, projection.today)
    rows = []
    for group in present.weeks(projection, projection.calendar):
        marks = " ".join(
            present.mark(projection.status(i)) + projection.day_name(i) for i in group.items
        )
        flags = "deload" if projection.deload(group.head) else ""
        if group.number == current_week:
            flags = (flags + " ◀ this week").strip()
        label = present.week_label(projection, group)
        rows.append([str(group.number), f"{group.head.key:%Y-%m-%d}", label, marks, flags])
    print(present.table(rows, ["WEEK", "FROM", "PHASE", "SESSIONS", ""]))
    return EXIT_OK


def cmd_today(args: argparse.Namespace) -> int:
    """``workout today``."""
    projection = open_plan(args).window()
    item = projection.item_on(projection.today)
    session = None if item is None else projection.session_of(item)
    label = "Today"
    if item is None or projection.status(item) != "planned":
        if item is not None:
            print(f"Today's session is {projection.status(item)}.")
        session = projection.next_planned()
        label = "Next"
    if session is None:
        print(f"{projection.plan.name}: no planned session left. Well done.")
        return EXIT_OK
    from planner.present import red_flag_text, session_text, session_title

    warning = red_flag_text(projection)
    if warning:
        print(f"{warning}\n")
    done, total = projection.done_in_week_of(projection.today)
    print(f"{projection.plan.name} — {projection.where(session)}")
    print(f"{label}: {session_title(projection, session)}")
    print(session_text(projection, session))
    print(f"\nStreak: {projection.streak()} · this week: {done} of {total} done")
    return EXIT_OK


def cmd_guide(args: argparse.Namespace) -> int:
    """``workout guide [SECTION]``: the back-care guide, wrapped to the terminal."""
    from planner.cliparser import terminal_columns
    from planner.guide import MIN_WIDTH, guide_text

    width = args.width if args.width is not None else min(terminal_columns(), 100)
    if width < MIN_WIDTH:
        raise UsageError(f"--width: {width} is too narrow (at least {MIN_WIDTH})")
    try:
        print(guide_text(width, args.section), end="")
    except ValueError as exc:
        raise UsageError(f"SECTION: {exc}") from None
    return EXIT_OK
