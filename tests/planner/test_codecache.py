"""attrs' generated methods compiled once and kept: classes behave exactly as without the cache
(checked in fresh interpreters, the way ``workout`` starts)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

SCRIPT = r"""
import json, sys
from planner import codecache
if sys.argv[1] == "on":
    codecache.install()
import attrs
from planner.model import LoggedSet, LogEntry, SlotDef
from rules.kinds import Linear
import datetime as dt

@attrs.frozen
class Point:
    x: int = attrs.field(validator=attrs.validators.ge(0))
    y: int = 0

errors = []
try:
    Point(-1)
except ValueError as exc:
    errors.append(str(exc))
try:
    LoggedSet(reps=-1)
except ValueError as exc:
    errors.append(str(exc))
a, b = Point(1, 2), Point(1, 2)
print(json.dumps({
    "equal": a == b and LoggedSet(5, 60.0) == LoggedSet(5, 60.0),
    "hash": hash(a) == hash(b) and hash(Point(1, 2)) != hash((1, 2)),
    "repr": repr(a) + repr(Linear()),
    "errors": errors,
    "entry": repr(LogEntry(date=dt.date(2026, 1, 1), status="done")),
    "slot": repr(SlotDef(exercise="squat", rule=Linear())),
    "new": len(codecache._new),
    "table": len(codecache._table),
}))
"""


def _run(mode: str, cache_dir: Path) -> dict[str, object]:
    env = {**os.environ, "WORKOUT_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode], env=env, capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


def test_classes_built_from_cached_bytecode_behave_the_same(cache_dir: Path) -> None:
    plain = _run("off", cache_dir)
    first = _run("on", cache_dir)
    second = _run("on", cache_dir)
    assert first["new"]
    assert not first["table"]
    assert second["new"] == 0
    assert second["table"]
    for key in ("equal", "hash", "repr", "errors", "entry", "slot"):
        assert plain[key] == first[key] == second[key], key
    assert plain["equal"] is True
    assert plain["hash"] is True


def test_a_damaged_bytecode_cache_is_ignored(cache_dir: Path) -> None:
    _run("on", cache_dir)
    (kept,) = (cache_dir / "code").glob("*.marshal")
    raw = kept.read_bytes()
    kept.write_bytes(raw[:-100] + b"\xff" * 100)
    result = _run("on", cache_dir)
    assert result["table"] == 0
    assert result["new"]
    assert _run("on", cache_dir)["new"] == 0


KILL_SWITCH = r"""
import json, os
from planner import codecache
codecache.install()
import attr._make
import planner.model
print(json.dumps({"patched": "compile" in vars(attr._make), "new": len(codecache._new)}))
"""


def test_the_kill_switch_leaves_attrs_untouched(cache_dir: Path, data_dir: Path) -> None:
    env = {**os.environ, "WORKOUT_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(ROOT)}
    run = [sys.executable, "-c", KILL_SWITCH]
    on = json.loads(subprocess.run(run, env=env, capture_output=True, check=True).stdout)
    assert on == {"patched": True, "new": on["new"]}
    assert on["new"]
    off_env = {**env, "WORKOUT_NO_CODECACHE": "1"}
    off = json.loads(subprocess.run(run, env=off_env, capture_output=True, check=True).stdout)
    assert off == {"patched": False, "new": 0}
    # and every command works without it
    start = ["--today", "2026-11-30"]
    new = ["new", "--program", "linear-5x5", "--days", "mon,wed,fri", "--start", "2026-11-30"]
    for argv in (new, ["done"], ["today"]):
        command = [sys.executable, "-m", "planner", *start, *argv]
        result = subprocess.run(command, env=off_env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    assert "session 2 of" in result.stdout


def test_the_seed_goes_back_into_hash_only() -> None:
    """Cached ``__hash__`` code gets this process's seed back; code without the placeholder is
    reused as it is (rebuilding every method was most of the cache's cost)."""
    import types

    from planner import codecache

    script = f"def __hash__(self):\n    return hash((\n        {codecache._PLACEHOLDER},\n        self.x,\n    ))\n"
    script += "def __eq__(self, other):\n    return self is other\n"
    module = compile(script, "<attrs>", "exec")
    seeded = codecache._with_seed(module, 12345)
    functions = {c.co_name: c for c in seeded.co_consts if isinstance(c, types.CodeType)}
    before = {c.co_name: c for c in module.co_consts if isinstance(c, types.CodeType)}
    assert 12345 in functions["__hash__"].co_consts
    assert codecache._PLACEHOLDER not in functions["__hash__"].co_consts
    assert functions["__eq__"] is before["__eq__"]
    plain = compile("x = 1\n", "<attrs>", "exec")
    assert codecache._with_seed(plain, 12345) is plain
