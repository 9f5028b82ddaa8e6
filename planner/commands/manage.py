"""Commands that put plans away or bring them back: ``rename``, ``archive``, ``delete``,
``restore-plan``, and ``plans --archived`` / ``plans --trash``.

Nothing is destroyed: ``delete`` moves a plan to the trash, ``archive`` to the archive, and
``restore-plan`` brings either back (see :mod:`planner.shelf`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.commands import EXIT_OK


def _plan(name: str) -> Path:
    from planner.service import resolve_plan

    return resolve_plan(name)


def _forget(old: Path, new: Path | None) -> None:
    """Keep ``config.toml``'s plan in use pointing at the plan (renamed), or at none."""
    from planner import config

    if config.load().last_plan == old.stem:
        config.remember(last_plan="" if new is None else new.stem)


def cmd_rename(args: argparse.Namespace) -> int:
    """``workout rename OLD NEW``."""
    from planner import shelf

    old = _plan(args.old)
    new = shelf.rename(old, args.new)
    _forget(old, new)
    print(f"Renamed {old.stem} to {args.new.strip()!r} (workout --plan {new.stem}).")
    return EXIT_OK


def cmd_archive(args: argparse.Namespace) -> int:
    """``workout archive NAME``."""
    return _put_away(args.name, "archive", "Archived {name}.")


def cmd_delete(args: argparse.Namespace) -> int:
    """``workout delete NAME``: to the trash, never gone."""
    return _put_away(args.name, "trash", "Moved {name} to the trash.")


def _put_away(name: str, where: str, said: str) -> int:
    """Move the plan ``name`` to the archive or the trash, and say how to bring it back."""
    from planner import shelf

    path = _plan(name)
    moved = shelf.shelve(path, where)
    _forget(path, None)
    print(f"{said.format(name=path.stem)} `workout restore-plan {moved.stem}` brings it back.")
    return EXIT_OK


def cmd_restore_plan(args: argparse.Namespace) -> int:
    """``workout restore-plan NAME``."""
    from planner import shelf

    path = shelf.restore(args.name)
    print(f"Restored {path.stem}: it is listed in `workout plans` again.")
    return EXIT_OK


def cmd_shelved(args: argparse.Namespace) -> int:
    """``workout plans --archived`` or ``--trash``: the plans put away or deleted."""
    from planner import shelf

    kind = "trash" if args.trash else "archive"
    paths = shelf.shelved(kind)
    where = "in the trash" if kind == "trash" else "archived"
    if not paths:
        print(f"No plans {where}.")
        return EXIT_OK
    print(f"Plans {where} (workout restore-plan NAME brings one back):")
    for path in paths:
        print(f"  {path.stem}")
    return EXIT_OK
