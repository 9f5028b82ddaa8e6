"""Commands that make, write out or check whole files: ``new``, ``export``, ``validate``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planner.commands import EXIT_OK, open_plan, today_of


def cmd_new(args: argparse.Namespace) -> int:
    """``workout new``."""
    from planner import catalog
    from planner.checks import chain_warnings
    from planner.newplan import Choices, build
    from planner.service import PlanService

    choices = Choices(
        programs=tuple(args.program),
        days=args.days,
        start=args.start or "",
        name=args.name or "",
        units=args.units,
        sets=tuple(args.loads),
        bar=args.bar,
        plates=args.plates or "",
    )
    plan = build(choices, catalog.get, today_of(args))
    created = PlanService.create(plan, today_of(args))
    projection = created.window()
    for warning in chain_warnings(plan, created.whole().sessions):
        print(f"Warning: {warning}.", file=sys.stderr)
    phases = ", then ".join(f"{p.weeks} weeks of {p.program.name}" for p in plan.phases)
    print(f"Created plan {created.slug!r} ({created.path})")
    print(
        f"  {phases}; {len(plan.days)} sessions a week on {', '.join(plan.days)}; {projection.total} sessions."
    )
    for phase in plan.phases:
        if phase.program.note:
            print(f"  Note ({phase.program.name}): {phase.program.note}")
        layout_note = phase.program.layout_for(len(plan.days))[1]
        if layout_note:
            print(f"  Note: {layout_note}.")
    from planner.actions import suggest_bridge

    bridged = suggest_bridge(args.program)
    if tuple(bridged) != tuple(args.program):
        words = " ".join(f"--program {spec}" for spec in bridged)
        print(
            "  Suggestion: a bridge between back rehab and barbell training eases the switch "
            f"(hip hinge, goblet squat, kettlebell deadlift, carries): workout new {words} "
            f"--days {','.join(plan.days)}"
        )
    first = projection.next_planned()
    if first is not None:
        from planner.present import session_text, session_title

        print(f"\nFirst session: {session_title(projection, first)}")
        print(session_text(projection, first))
    return EXIT_OK


STDOUT = ("-", "/dev/stdout")
"""``-o`` values that mean standard output."""


def cmd_units(args: argparse.Namespace) -> int:
    """``workout units kg|lb``: the plan's unit from now on; history keeps its own."""
    from planner.checks import change_units

    service = open_plan(args)
    before = service.plan.units
    service.apply(lambda plan: change_units(plan, args.unit))
    if before == args.unit:
        print(f"{service.slug!r} is in {args.unit} already.")
        return EXIT_OK
    print(
        f"{service.slug!r} is in {args.unit} from now on; what you logged in {before} stays in {before}."
    )
    from planner.present import next_text

    projection = service.window()
    print(next_text(projection, projection.next_planned()))
    return EXIT_OK


def cmd_days(args: argparse.Namespace) -> int:
    """``workout days mon,thu [--from DATE]``: new training weekdays from a date on."""
    from planner.actions import parse_days
    from planner.checks import change_days, days_from
    from planner.text import parse_date

    days = parse_days(args.days)
    service = open_plan(args)
    since = (
        parse_date(args.since, "--from") if args.since else days_from(service.plan, service.today)
    )
    from planner.present import days_change_text, next_text

    said = days_change_text(service.plan, days, since, service.today)
    service.apply(lambda plan: change_days(plan, days, since))
    print(f"{service.slug!r}: {said}")
    projection = service.window()
    print(next_text(projection, projection.next_planned()))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """``workout export``."""
    import datetime as dt

    from planner.errors import UsageError
    from planner.export import default_filename, export
    from planner.service import write_export

    service = open_plan(args)
    projection = service.whole()
    now = dt.datetime.now(dt.UTC)  # the export's time: DTSTAMP and LAST-MODIFIED of every event
    content = export(projection, args.format, slug=service.slug, now=now)
    if args.output in STDOUT:
        raw = content.encode("utf-8") if isinstance(content, str) else content
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
        return EXIT_OK
    target = Path(args.output or default_filename(service.slug, args.format))
    if target.is_dir():
        target = target / default_filename(service.slug, args.format)
    try:
        write_export(target, content, service.path)
    except UsageError as exc:
        raise UsageError(f"-o: {exc}") from None
    print(f"Wrote {target} ({args.format}, {projection.total} sessions)")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """``workout validate FILE``: every problem at once."""
    from planner.documents import read_document
    from planner.errors import UsageError
    from planner.files import read_plan, read_program

    path = Path(args.file)
    # A path that names nothing readable is bad input (exit 2), as a malformed file is.
    if path.is_dir():
        raise UsageError(f"{path} is a folder, not a plan or program file")
    if not path.exists():
        raise UsageError(f"no such file: {path}")
    document = read_document(path, "plan")
    if "phases" in document.data or "log" in document.data:
        current = read_plan(path)  # the bytes themselves, never the cache
        from planner.projection import project_plan

        projection = project_plan(current.plan, today_of(args))
        logged = len(current.plan.log)
        print(
            f"{path}: OK — plan {current.plan.name!r}, {current.plan.weeks} weeks, "
            f"{projection.total} sessions, {logged} logged"
            + (" (written by a newer version: read-only)" if current.read_only else "")
        )
        from planner.commands.view import conflict_lines

        for line in conflict_lines([path]):
            print(line)
    else:
        program = read_program(path)
        print(f"{path}: OK — program {program.id!r} ({program.name}), {len(program.days)} day(s)")
    return EXIT_OK
