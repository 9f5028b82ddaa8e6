"""Commands that make, write out or check whole files: ``new``, ``export``, ``validate``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from planner.commands import EXIT_OK, open_plan, today_of

if TYPE_CHECKING:
    pass


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
    start = parse_date(args.start, "--start") if args.start else today_of(args)
    days = parse_days(args.days)
    loads = {}
    for item in args.loads:
        name, value = parse_assignment(item, "--set")
        loads[name] = parse_number(value, f"--set {name}")
    name = args.name or " then ".join(program.name for program, _ in chain)
    plan = new_plan(name, chain, start, days, args.units, loads)
    created = PlanService.create(plan, today_of(args))
    projection = created.window()
    phases = ", then ".join(f"{p.weeks} weeks of {p.program.name}" for p in plan.phases)
    print(f"Created plan {created.slug!r} ({created.path})")
    print(
        f"  {phases}; {len(plan.days)} sessions a week on {', '.join(plan.days)}; {projection.total} sessions."
    )
    for phase in plan.phases:
        if phase.program.note:
            print(f"  Note ({phase.program.name}): {phase.program.note}")
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


def cmd_export(args: argparse.Namespace) -> int:
    """``workout export``."""
    from planner.export import default_filename, export
    from planner.service import write_export

    service = open_plan(args)
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

        projection = project_plan(current.plan, today_of(args))
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
