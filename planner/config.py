"""The person's settings, ``config.toml`` in the data directory: what the app remembers.

``theme`` (the app's colours), ``last_plan`` (the plan last opened: the app reopens it and the
commands use it when several plans exist and no ``--plan`` is given) and ``backups`` (read by
:mod:`planner.safewrite`). A person may edit the file: a save changes only the lines of the
keys it sets, so comments and other keys stay; a file that is not valid TOML is never written
over. Saves are atomic, under the file's lock, and private (0600).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import attrs

from planner.documents import read_bytes
from planner.errors import WorkoutError
from planner.paths import config_path, plan_path, slugify


@attrs.frozen(slots=False)
class Settings:
    """What ``config.toml`` says (a missing or broken file says nothing)."""

    theme: str = ""
    """The app's theme ("" for the default)."""
    last_plan: str = ""
    """The plan last opened in the app, by its name in commands (its file name)."""


def _parse(raw: bytes, path: Path) -> dict[str, object]:
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise WorkoutError(f"{path}: {error}; it was not changed") from None


def load() -> Settings:
    """The settings (defaults where the file is missing, broken or says nothing)."""
    path = config_path()
    raw = read_bytes(path)
    if raw is None:
        return Settings()
    try:
        data = _parse(raw, path)
    except WorkoutError:
        return Settings()
    theme, last = data.get("theme", ""), data.get("last_plan", "")
    return Settings(
        theme=theme if isinstance(theme, str) else "",
        last_plan=last if isinstance(last, str) else "",
    )


def _set_line(text: str, key: str, value: str) -> str:
    """``text`` with the top-level ``key`` set to ``value`` (its line replaced in place, or a
    line added before the first table), everything else as it was."""
    import tomli_w  # (only when writing: reading the settings, at every start, does not)

    line = tomli_w.dumps({key: value}).strip()
    table = re.search(r"^\s*\[", text, flags=re.MULTILINE)
    top, rest = (text[: table.start()], text[table.start() :]) if table else (text, "")
    pattern = re.compile(rf"^[ \t]*{re.escape(key)}[ \t]*=.*$", flags=re.MULTILINE)
    if pattern.search(top):
        top = pattern.sub(lambda _: line, top, count=1)
    else:
        top = (top if not top or top.endswith("\n") else top + "\n") + line + "\n"
    return top + rest


def remember(**values: str) -> None:
    """Set ``theme`` and/or ``last_plan`` in ``config.toml`` (created private when missing).

    A file that is not valid TOML is a WorkoutError and stays as it is."""
    from planner import safewrite  # (only when writing, as tomli_w)

    path = config_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with safewrite.locked(path):
        raw = read_bytes(path) or b""
        if raw:
            _parse(raw, path)
        text = raw.decode("utf-8")
        for key, value in values.items():
            if key not in attrs.fields_dict(Settings):
                raise ValueError(f"config.toml has no setting {key!r}")
            text = _set_line(text, key, value)
        content = text.encode("utf-8")
        checked = _parse(content, path)  # verified before a byte reaches the disk
        if any(checked.get(key) != value for key, value in values.items()):
            raise WorkoutError(f"{path}: could not set {', '.join(values)}; it was not changed")
        safewrite.guarded(path, lambda: _write(path, content))


def _write(path: Path, content: bytes) -> str:
    from planner import safewrite

    safewrite.atomic_write(path, content, 0o600, fault_points=False)
    return ""


def last_plan() -> Path | None:
    """The plan last opened in the app, if it is still there."""
    name = load().last_plan
    if not name or slugify(name) != name:  # a name, never a path elsewhere
        return None
    path = plan_path(name)
    return path if path.is_file() else None
