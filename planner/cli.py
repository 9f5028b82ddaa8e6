"""The ``workout`` command line (DESIGN.md §6).

Kept import-light: no Textual here (the TUI is imported inside ``main`` only when launched),
icalendar only inside the ics export. Exit codes: 0 done, 2 bad input (a flag or a data file),
1 anything else that stopped the command (a conflict, a failed save); never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from planner.cliparser import EXIT_BAD_INPUT, build_parser, command_in
from planner.errors import ConflictError, DataFileError, UsageError, WorkoutError

if TYPE_CHECKING:
    from planner.model import Plan
    from planner.service import PlanService
    from rules.engine import Session

EXIT_OK, EXIT_FAILED = 0, 1
EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE, as a shell reports a tool stopped by a closed pipe."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``workout`` script."""
    from planner import codecache

    codecache.install()  # before the model's classes are built (see planner.codecache)
    words = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(command_in(words)).parse_args(words)
    if args.command is None:
        return _launch_tui(args)
    try:
        handler = _COMMANDS[args.command]
        return handler(args)
    except DataFileError as exc:
        for problem in exc.problems:
            print(f"workout: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UsageError as exc:
        print(f"workout {args.command}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ConflictError as exc:
        print(f"workout {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except WorkoutError as exc:
        print(f"workout {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("workout: interrupted; nothing was half-written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``workout show | head``): stop quietly, as a tool killed by
        # SIGPIPE does; whatever was saved stays saved. Python flushes stdout at exit, so point
        # it at /dev/null first or that flush would raise again.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _launch_tui(args: argparse.Namespace) -> int:
    today = _today(args)
    from screens.app import WorkoutApp  # the one allowed planner → screens import (DESIGN §1)

    WorkoutApp(today=today).run()
    return EXIT_OK


def _today(args: argparse.Namespace) -> dt.date:
    from planner.actions import parse_date
    from planner.service import today

    return parse_date(args.today, "--today") if args.today else today()


def _open(args: argparse.Namespace) -> PlanService:
    """The plan a command means (read when first needed)."""
    from planner.service import PlanService, resolve_plan

    return PlanService(resolve_plan(args.plan), _today(args))


def cmd_programs(args: argparse.Namespace) -> int:
    """``workout programs``."""
    from planner.catalog import entries
    from planner.present import table

    rows = [
        [pid, e.program.name, str(e.program.weeks), str(e.program.sessions_per_week), e.source]
        for pid, e in entries().items()
    ]
    print(table(rows, ["ID", "NAME", "WEEKS", "PER WEEK", "SOURCE"]))
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    """``workout new``."""
    from planner import catalog
    from planner.actions import (
        new_plan,
        parse_assignment,
        parse_date,
        parse_days,
        parse_number,
        parse_program_spec,
    )
    from planner.service import PlanService

    chain = []
    for spec in args.program:
        program_id, weeks = parse_program_spec(spec)
        chain.append((catalog.get(program_id), weeks))
    start = parse_date(args.start, "--start") if args.start else _today(args)
    days = parse_days(args.days)
    loads = {}
    for item in args.loads:
        name, value = parse_assignment(item, "--set")
        loads[name] = parse_number(value, f"--set {name}")
    name = args.name or " then ".join(program.name for program, _ in chain)
    plan = new_plan(name, chain, start, days, args.units, loads)
    created = PlanService.create(plan, _today(args))
    projection = created.window()
    phases = ", then ".join(f"{p.weeks} weeks of {p.program.name}" for p in plan.phases)
    print(f"Created plan {created.slug!r} ({created.path})")
    print(
        f"  {phases}; {len(plan.days)} sessions a week on {', '.join(plan.days)}; {projection.total} sessions."
    )
    for phase in plan.phases:
        if phase.program.note:
            print(f"  Note ({phase.program.name}): {phase.program.note}")
    first = projection.next_planned()
    if first is not None:
        from planner.present import session_text, session_title

        print(f"\nFirst session: {session_title(projection, first)}")
        print(session_text(projection, first))
    return EXIT_OK


def cmd_plans(args: argparse.Namespace) -> int:
    """``workout plans``."""
    from planner.overview import overview
    from planner.present import table
    from planner.service import list_plans

    paths = list_plans()
    if not paths:
        print("No plans yet. Create one: workout new --program linear-5x5 --days mon,wed,fri")
        return EXIT_OK
    today = _today(args)
    rows = [list(overview(path, today).row()) for path in paths]
    print(table(rows, ["PLAN", "NAME", "PHASES", "DONE", "NEXT"]))
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    """``workout show [--week N]``."""
    from planner import present
    from planner.actions import parse_number

    # The overview needs only statuses; a week's details need its prescriptions.
    service = _open(args)
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
    print(f"{plan.name} — {plan.start} to {plan.end} · {', '.join(plan.days)} · {plan.units}")
    print("  " + " → ".join(f"{p.program.name} ({p.weeks} wk)" for p in plan.phases))
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
    projection = _open(args).window()
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
    from planner.present import session_text, session_title

    done, total = projection.done_in_week_of(projection.today)
    print(f"{projection.plan.name} — {projection.where(session)}")
    print(f"{label}: {session_title(projection, session)}")
    print(session_text(projection, session))
    print(f"\nStreak: {projection.streak()} · this week: {done} of {total} done")
    return EXIT_OK


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
    chosen: list[Session] = []
    service = _open(args)

    def change(plan: Plan) -> Plan:
        session = find_session(service, args.session)  # in the plan as it is on disk now
        chosen.append(session)
        return log_done(
            plan,
            session,
            reps=reps,
            loads=loads,
            seconds=seconds,
            pain=pain,
            note=args.note,
        )

    service.apply(change)
    number = chosen[-1].scheduled.number
    projection = service.window(since=number - 1)
    session = projection.session(number)
    assert session is not None
    print(
        f"Logged {session.scheduled.date:%a %Y-%m-%d} (session {session.scheduled.number}) as done."
    )
    from planner.present import next_text, session_text

    print(session_text(projection, session, why=False))
    print()
    print(next_text(projection, projection.next_planned()))
    return EXIT_OK


def cmd_skip(args: argparse.Namespace) -> int:
    """``workout skip``."""
    from planner.actions import find_session, log_skip

    chosen: list[Session] = []
    service = _open(args)

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
    service = _open(args)
    backup = service.undo()
    print(
        f"Undid the last change to {service.slug!r}: restored the version saved before it ({backup.name})."
    )
    print(f"{len(service.backups())} earlier version(s) left to undo.")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """``workout export``."""
    from planner.export import default_filename, export
    from planner.service import write_export

    service = _open(args)
    projection = service.whole()
    content = export(projection, args.format, slug=service.slug)
    if args.output == "-":
        text = content.decode("utf-8") if isinstance(content, bytes) else content
        sys.stdout.write(text)
        return EXIT_OK
    target = Path(args.output or default_filename(service.slug, args.format))
    if target.is_dir():
        target = target / default_filename(service.slug, args.format)
    write_export(target, content)
    print(f"Wrote {target} ({args.format}, {projection.total} sessions)")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """``workout validate FILE``: every problem at once."""
    from planner.documents import read_document
    from planner.files import read_plan, read_program

    path = Path(args.file)
    document = read_document(path, "plan")
    if "phases" in document.data or "log" in document.data:
        current = read_plan(path)  # the bytes themselves, never the cache
        from planner.projection import project_plan

        projection = project_plan(current.plan, _today(args))
        logged = len(current.plan.log)
        print(
            f"{path}: OK — plan {current.plan.name!r}, {current.plan.weeks} weeks, "
            f"{projection.total} sessions, {logged} logged"
            + (" (written by a newer version: read-only)" if current.read_only else "")
        )
    else:
        program = read_program(path)
        print(f"{path}: OK — program {program.id!r} ({program.name}), {len(program.days)} day(s)")
    return EXIT_OK


_COMMANDS = {
    "programs": cmd_programs,
    "new": cmd_new,
    "plans": cmd_plans,
    "show": cmd_show,
    "today": cmd_today,
    "done": cmd_done,
    "skip": cmd_skip,
    "undo": cmd_undo,
    "export": cmd_export,
    "validate": cmd_validate,
}
