"""Renaming, archiving and deleting plans (storage): a plan file moves, with its backups, and
nothing is ever destroyed.

``plans/<name>.toml`` is a plan in use; ``plans/archive/<name>.toml`` one put away (finished, or
paused); ``plans/trash/<name>.toml`` one deleted. :func:`restore` brings either back
(``workout restore-plan NAME``). Every move happens under the plan's lock, so it never cuts
into a save; the backups (``.backups/<name>.toml/``) move with the file, so ``undo`` still works.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from planner import files, safewrite
from planner.errors import UsageError
from planner.model import SLUG
from planner.paths import PRIVATE_FILE, list_files, make_private_dir, plan_path, plans_dir, slugify

SHELVES = ("archive", "trash")
"""Where plans not in use are kept: put away, or deleted."""


def shelf_dir(shelf: str) -> Path:
    """The folder of ``shelf`` (``archive`` or ``trash``)."""
    return plans_dir() / shelf


def shelved(shelf: str) -> list[Path]:
    """The plans on ``shelf``, by name."""
    return list_files(shelf_dir(shelf))


def _free(folder: Path, slug: str) -> Path:
    """``folder/slug.toml``, or ``slug-2.toml``… when that name is taken (in the trash)."""
    candidate, number = folder / f"{slug}.toml", 2
    while candidate.exists():
        candidate, number = folder / f"{slug}-{number}.toml", number + 1
    return candidate


def _move(source: Path, target: Path) -> Path:
    """Move a plan file and its backups, under the plan's lock; never over another file."""
    if not source.is_file():
        raise UsageError(f"no plan file {source}")
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)

    def action() -> str:
        with safewrite.locked(source):
            if target.exists():
                raise UsageError(f"{target.name} exists already in {target.parent}")
            os.rename(source, target)
            backups = safewrite.backup_dir(source)
            if backups.is_dir():
                moved = safewrite.backup_dir(target)
                moved.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                if not moved.exists():
                    os.rename(backups, moved)
            Path(f"{source}.lock").unlink(missing_ok=True)
        return ""

    safewrite.guarded(source, action)
    return target


def rename(path: Path, name: str) -> Path:
    """Give the plan at ``path`` a new name: the name shown (saved in the file, a backup kept)
    and the name in commands (its file, ``slugify(name)``). Returns the new path."""
    name = name.strip()
    if not name:
        raise UsageError("NEW: give the plan a name")
    slug = slugify(name)
    if not SLUG.match(slug):
        raise UsageError(f"NEW: {name!r} cannot be a file name; use letters, digits and dashes")
    target = plan_path(slug)
    if target != path and target.exists():
        raise UsageError(f"NEW: a plan named {slug!r} exists already; choose another name")
    files.update_plan(path, lambda current: attrs.evolve(current.plan, name=name))
    return path if target == path else _move(path, target)


def shelve(path: Path, shelf: str) -> Path:
    """Put the plan at ``path`` on ``shelf`` (archive it, or move it to the trash)."""
    if shelf not in SHELVES:
        raise ValueError(shelf)
    return _move(path, _free(shelf_dir(shelf), path.stem))


def restore(name: str) -> Path:
    """Bring the plan ``name`` back from the archive or the trash. Returns its path."""
    for shelf in SHELVES:
        source = shelf_dir(shelf) / f"{name.removesuffix('.toml')}.toml"
        if source.is_file():
            stem = source.stem
            target = plan_path(stem)
            if target.exists():
                raise UsageError(
                    f"NAME: a plan named {stem!r} is in use; rename it first (workout rename)"
                )
            return _move(source, target)
    known = ", ".join(p.stem for shelf in SHELVES for p in shelved(shelf)) or "none"
    raise UsageError(f"NAME: no archived or deleted plan named {name!r} (there are: {known})")


def trash_copy(copy: Path, plan: Path) -> Path:
    """Move ``copy``, a sync tool's conflict copy of the plan file ``plan`` whose log is now
    merged, to the trash under its own name (never deleted: ``workout plans --trash`` lists
    it, ``workout restore-plan`` puts it back beside its plan), private. Returns where it is."""
    folder = shelf_dir("trash")
    make_private_dir(folder)
    target = _free(folder, copy.stem)

    def action() -> str:
        with safewrite.locked(plan):  # (never while a save of the plan runs)
            os.rename(copy, target)
            os.chmod(target, PRIVATE_FILE)
        return ""

    safewrite.guarded(copy, action)
    return target
