"""The schema_version chain: pure functions from version N to N+1, never mutating their input."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

CURRENT_SCHEMA = 4
"""The version this app writes."""


def _plan_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 stored a logged exercise compactly (``reps = [5, 5, 5]``, one ``load``,
    ``seconds = [...]``); version 2 stores a list of sets, each with its own values."""
    out = copy.deepcopy(data)
    for entry in out.get("log", []):
        if not isinstance(entry, dict):
            continue
        for item in entry.get("exercises", []):
            if not isinstance(item, dict) or "sets" in item:
                continue
            reps = item.pop("reps", None)
            seconds = item.pop("seconds", None)
            load = item.pop("load", None)
            count = max(
                len(reps) if isinstance(reps, list) else 0,
                len(seconds) if isinstance(seconds, list) else 0,
            )
            sets = []
            for index in range(count):
                one: dict[str, Any] = {}
                if isinstance(reps, list) and index < len(reps):
                    one["reps"] = reps[index]
                if isinstance(seconds, list) and index < len(seconds):
                    one["seconds"] = seconds[index]
                if load is not None:
                    one["load"] = load
                sets.append(one)
            item["sets"] = sets
    return out


def _plan_v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 gives every plan its own UUID (``id``): calendar exports name their events
    after it, where version 2 used the file name, so two people's default-named plans imported
    into one calendar overwrote each other.

    Pure, so the UUID is derived from the file's content (a name-based UUID of its canonical
    JSON, log included): the same file migrates to the same id every time it is read, until the
    first save writes it down for good; two different plans never share one."""
    import json
    import uuid

    out = copy.deepcopy(data)
    if "id" not in out:
        seed = json.dumps(out, sort_keys=True, default=str, ensure_ascii=False)
        out["id"] = str(uuid.uuid5(uuid.NAMESPACE_URL, "workout-planner:v2:" + seed))
    return out


def _plan_v3_to_v4(data: dict[str, Any]) -> dict[str, Any]:
    """Version 4 can record changes of the training days (``[[day_changes]]``: from a date on,
    other weekdays; the sessions before stay where they were logged). A version-3 file has
    none; a version-3 app must not read one that has (it would drop them and hide sessions), so
    it opens a version-4 file read-only."""
    return copy.deepcopy(data)


def _same(data: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(data)


MIGRATIONS: dict[str, dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {
    "plan": {1: _plan_v1_to_v2, 2: _plan_v2_to_v3, 3: _plan_v3_to_v4},
    "program": {1: _same},
    "config": {1: _same},
}
"""Per kind of file: version N → the function that makes it version N+1."""


def migrate(data: dict[str, Any], kind: str) -> tuple[dict[str, Any], int | None]:
    """``data`` brought to :data:`CURRENT_SCHEMA`, and the version it had (None if already current)."""
    version = data.get("schema_version")
    if not isinstance(version, int) or version >= CURRENT_SCHEMA:
        return data, None
    steps = MIGRATIONS.get(kind, {})
    out = data
    for step in range(version, CURRENT_SCHEMA):
        out = steps.get(step, _same)(out)
        out["schema_version"] = step + 1
    return out, version
