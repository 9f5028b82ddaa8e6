"""Start-up of ``workout today`` and ``workout done`` (promise S2: within 1.5× of bare Python
importing attrs, tomllib, tomli_w and platformdirs), guarded without timing anything: what a
command imports, and how many attrs classes it builds, in a fresh interpreter as ``workout``
starts. Each attrs class costs every command ~0.3 ms even with the bytecode cache, and each
of these modules more."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent
TODAY = "2026-12-02"

PROBE = r"""
import contextlib, io, json, sys
import attrs
from planner.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
ours = [
    module for name, module in list(sys.modules.items()) if name.split(".")[0] in ("planner", "rules")
]
built = sorted(
    f"{module.__name__}.{name}"
    for module in ours
    for name, value in vars(module).items()
    if isinstance(value, type) and attrs.has(value) and value.__module__ == module.__name__
)
slotted = sorted(
    f"{module.__name__}.{name}"
    for module in ours
    for name, value in vars(module).items()
    if isinstance(value, type) and "__attrs_attrs__" in vars(value) and "__slots__" in vars(value)
)
print(json.dumps({"code": code, "modules": sorted(sys.modules), "attrs": built, "slotted": slotted}))
"""

NEVER = {
    "textual",
    "rich",
    "icalendar",
    "tomlkit",
    "cattrs",
    "_strptime",  # datetime.strptime's first call (locale set-up)
    "planner.export",
    "planner.ics",
    "planner.history",
}

TODAY_NEVER = NEVER | {
    "planner.actions",  # what a person changes: done, not today
    "planner.convert",  # model ⇄ TOML: only when a file is parsed or written
    "planner.safewrite",
    "planner.backups",
    "planner.tomltext",
    "tomllib",  # a cached plan is not parsed
}

MAX_TODAY_ATTRS = 58
"""attrs classes ``workout today`` builds (58 before the start-up work, 55 after it; then +2,
knowingly: ``model.DayChange``, part of every plan, and ``backcare.Gate``, the readiness gate
``today`` reports; then ``rules.values.Cuts``, the reductions in progress a slot carries). Each costs every command ~0.3 ms: a new one on this path should be lazy, or
this cap raised knowingly."""
MAX_DONE_ATTRS = MAX_TODAY_ATTRS + 2
"""``done`` builds ``today``'s classes and those of planner.actions and the save."""


def _probe(*argv: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, "--today", TODAY, *argv],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture
def plan(capsys: pytest.CaptureFixture[str]) -> None:
    """A plan with some history, opened once (so the cache holds it, as on any day but the
    first)."""
    start = ["--today", TODAY]
    assert main([*start, "new", "--program", "linear-5x5", "--days", "mon,wed,fri"]) == 0
    assert main([*start, "done"]) == 0
    capsys.readouterr()
    _probe("today")


def _loaded(result: dict[str, object], names: set[str]) -> set[str]:
    modules = result["modules"]
    assert isinstance(modules, list)
    return {name for name in modules if name in names or name.split(".")[0] in names}


@pytest.mark.usefixtures("plan")
def test_today_imports_only_what_it_shows() -> None:
    result = _probe("today")
    assert result["code"] == 0
    assert _loaded(result, TODAY_NEVER) == set()


@pytest.mark.usefixtures("plan")
def test_today_builds_few_attrs_classes() -> None:
    built = _probe("today")["attrs"]
    assert isinstance(built, list)
    assert len(built) <= MAX_TODAY_ATTRS, built


@pytest.mark.usefixtures("plan")
def test_records_are_built_once() -> None:
    """Every record on the path is ``attrs.frozen(slots=False)``: attrs builds a slotted class
    twice (the second time with ``__slots__``), and a slotted instance unpickles through a
    Python ``__setstate__`` per object, so the cached log cost start-up in proportion to its
    history (together ~12 M instructions of ``today`` on a 1-year plan, ~23 M on a 5-year one)."""
    for command in ("today", "done"):
        assert _probe(command)["slotted"] == [], command


@pytest.mark.usefixtures("plan")
def test_done_imports_no_app_export_or_parser() -> None:
    result = _probe("done")
    assert result["code"] == 0
    assert _loaded(result, NEVER) == set()
    built = result["attrs"]
    assert isinstance(built, list)
    assert len(built) <= MAX_DONE_ATTRS, built
