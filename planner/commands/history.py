"""Commands that look back: ``history`` (the kept versions and what changed after each) and
``restore N`` (put one back; the version it replaces is kept, so ``undo`` reverts it)."""

from __future__ import annotations

import argparse

from planner.commands import EXIT_OK, open_plan


def cmd_history(args: argparse.Namespace) -> int:
    """``workout history``."""
    from planner.changes import version_columns

    service = open_plan(args)
    versions = service.history()
    if not versions:
        print(f"No earlier version of {service.slug!r} is kept yet.")
        return EXIT_OK
    print(
        f"Versions of {service.slug!r} kept, newest first, each with what changed after it "
        "(`workout restore N` puts one back; `workout undo` then reverts the restore):"
    )
    width = len(str(len(versions)))
    for version in versions:
        shown, kind, changed = version_columns(version)
        print(f"  {version.number:>{width}}  {shown}  {kind + ':':<18} {changed}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """``workout restore N``."""
    from planner.changes import summary
    from planner.errors import UsageError

    text = args.number.strip()
    if not (text.isascii() and text.isdigit()):
        raise UsageError(
            f"N: {args.number!r} is not a version number (`workout history` lists them)"
        )
    number = int(text)
    service = open_plan(args)
    kept = service.backups()
    if not 1 <= number <= len(kept):
        raise UsageError(
            f"N: no version {number} of {service.slug!r} is kept "
            f"({len(kept)} kept; `workout history` lists them)"
        )
    done = service.restore(kept[number - 1])
    print(f"Restored version {number} of {service.slug!r}: {summary(done.changes)}.")
    print("The version it replaced is kept: `workout undo` reverts this restore.")
    return EXIT_OK
