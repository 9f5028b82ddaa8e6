"""Where things live: the data, plans, programs and cache directories, and which plan a name means.

Directories are resolved on every call (never at import time), so ``$WORKOUT_DATA_DIR`` and
``$WORKOUT_CACHE_DIR`` set by a test or a script always count (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import os
from pathlib import Path

from planner.errors import UsageError

PRIVATE_DIR = 0o700
"""The mode of every directory the app makes: a training and pain log is health data (promise R11 in docs/ARCHITECTURE.md)."""
PRIVATE_FILE = 0o600
"""The mode of every new file the app writes (an existing plan keeps its own, R7)."""


def data_dir() -> Path:
    """``$WORKOUT_DATA_DIR``, else the platform's user data directory; resolved on every call."""
    configured = os.environ.get("WORKOUT_DATA_DIR")
    if configured:
        return Path(configured).expanduser()
    import platformdirs  # only when no directory is configured: keeps start-up light

    return platformdirs.user_data_path("workout-planner")


def plans_dir() -> Path:
    """Where plans live."""
    return data_dir() / "plans"


def programs_dir() -> Path:
    """Where the user's own programs live."""
    return data_dir() / "programs"


def config_path() -> Path:
    """The user's settings (``backups = N``, ``theme``, ``last_plan``)."""
    return data_dir() / "config.toml"


def cache_dir() -> Path:
    """``$WORKOUT_CACHE_DIR``, else the platform's user cache directory; resolved on every call."""
    configured = os.environ.get("WORKOUT_CACHE_DIR")
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return platformdirs.user_cache_path("workout-planner")


def make_private_dir(path: Path) -> None:
    """Make ``path`` and any missing parents, each new one 0700 whatever the umask (an existing
    directory is left as the person set it)."""
    missing = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            continue  # made meanwhile by another process: theirs to set
        os.chmod(folder, PRIVATE_DIR)  # mkdir's mode is cut by the umask; this is not


def _mine(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    owner = os.getuid() if hasattr(os, "getuid") else info.st_uid
    return info.st_uid == owner and not info.st_mode & 0o022


def private_dir(folder: Path) -> bool:
    """Whether ``folder`` is a directory of this user's own that nobody else can write to: the
    only kind a cache is read from or written to (another user could plant a file in anything
    else, and a cache holds a plan)."""
    import stat

    try:
        info = os.stat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and _mine(info)


def read_private(folder: Path, name: str) -> bytes | None:
    """The bytes of the file ``name`` in ``folder`` when both are this user's own and writable
    by nobody else (and the file is not a symbolic link); None otherwise, or when it cannot be
    read. What the cache and the bytecode cache load (both may hold code: pickle, marshal)."""
    import stat

    if not private_dir(folder):
        return None
    try:
        fd = os.open(folder / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _mine(info):
            return None
        try:
            return handle.read()
        except OSError:
            return None


def slugify(name: str) -> str:
    """``Back then strength!`` → ``back-then-strength``."""
    out = []
    for char in name.lower():
        out.append(char if char.isascii() and char.isalnum() else "-")
    slug = "-".join(part for part in "".join(out).split("-") if part)
    return slug or "plan"


def plan_path(slug: str) -> Path:
    """Where the plan named ``slug`` lives."""
    return plans_dir() / f"{slug}.toml"


def list_files(directory: Path) -> list[Path]:
    """The ``*.toml`` documents of a directory: no backups, conflict copies, archives or temp files."""
    if not directory.is_dir():
        return []
    return sorted(
        p
        for p in directory.iterdir()  # (not glob: it imports fnmatch and compiles a pattern)
        if p.name.endswith(".toml")
        and p.is_file()
        and not p.name.startswith(".")
        and p.name.count(".toml") == 1
    )


def list_plans() -> list[Path]:
    """Every plan file, sorted by name (a sync tool's conflict copy of a plan is not a plan of
    its own: :func:`conflict_copies` lists it beside its plan)."""
    found = list_files(plans_dir())
    return [p for p in found if conflict_of(p) not in found]


# How file-sync tools name the version they could not put in place, for a file ``plan.toml``:
# Syncthing ``plan.sync-conflict-20261201-101010-ABCDEFG.toml``; Nextcloud and ownCloud
# ``plan (conflicted copy 2026-12-01 101010).toml`` (older ownCloud: ``plan_conflict-20261201-
# 101010.toml``); Dropbox ``plan (conflicted copy).toml`` and ``plan (Someone's conflicted copy
# 2026-12-01).toml``; and this app's own ``plan.toml.conflict-<stamp>.toml`` (a save refused
# because the file changed meanwhile).
_CONFLICT_NAMES = (
    r"^(?P<stem>.+?)\.sync-conflict-\d{8}-\d{6}(?:-[A-Za-z0-9]+)?$",
    r"^(?P<stem>.+?) \([^()]*\bconflict(?:ed)?\b[^()]*\)$",
    r"^(?P<stem>.+?)_conflict-\d{8}-\d{6}$",
    r"^(?P<stem>.+?)\.toml\.conflict-[0-9TZ]+(?:-\d+)?$",
)


def conflict_of(path: Path) -> Path | None:
    """The plan ``path`` is a sync tool's conflict copy of, by its name (None when it is not
    named like one); whether that plan exists is the caller's to check."""
    import re

    if not path.name.endswith(".toml"):
        return None
    name = path.name.removesuffix(".toml")
    for pattern in _CONFLICT_NAMES:
        match = re.match(pattern, name, re.IGNORECASE)
        if match:
            return path.parent / f"{match.group('stem')}.toml"
    return None


def conflict_copies(plan: Path) -> list[Path]:
    """The conflict copies file-sync tools (or a refused save) left beside the plan file
    ``plan``, oldest first (by modification time, then name)."""
    try:
        entries = list(os.scandir(plan.parent))
    except OSError:
        return []
    found = [
        Path(entry.path)
        for entry in entries
        if entry.is_file(follow_symlinks=False)
        and entry.name != plan.name
        and conflict_of(Path(entry.path)) == plan
    ]

    def age(path: Path) -> tuple[int, str]:
        try:
            return (path.stat().st_mtime_ns, path.name)
        except OSError:
            return (0, path.name)

    return sorted(found, key=age)


def last_used_plan() -> Path | None:
    """The plan in use: the one last opened in the app (``config.toml``), else the plan saved
    most recently."""
    from planner import config  # (config saves through safewrite, which needs this module)

    remembered = config.last_plan()
    if remembered is not None:
        return remembered
    return max(list_plans(), key=lambda p: p.stat().st_mtime, default=None)


def file_identity(path: Path) -> tuple[int, int, int] | None:
    """(mtime in ns, size, inode) of ``path``: what a cheap check for a change compares
    (None when the file is not there)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


def resolve_plan(name: str | None) -> Path:
    """The plan a command means: ``--plan NAME``, or the only plan there is."""
    if name:
        path = plan_path(slugify(name)) if not name.endswith(".toml") else Path(name)
        if not path.exists():
            known = ", ".join(p.stem for p in list_plans()) or "none yet"
            raise UsageError(f"--plan: no plan named {name!r} (plans: {known})")
        return path
    plans = list_plans()
    if not plans:
        raise UsageError(
            "no plan yet: create one with `workout new --program ID --start DATE --days mon,thu`"
        )
    if len(plans) > 1:
        from planner import config

        remembered = config.last_plan()  # the plan in use in the app
        if remembered is not None:
            return remembered
        names = ", ".join(p.stem for p in plans)
        raise UsageError(f"several plans ({names}): say which with --plan NAME")
    return plans[0]
