"""The import layers of DESIGN.md §1, checked in a fresh interpreter each."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return set(out.stdout.split())


def _top(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_cli_never_imports_textual() -> None:
    top = _top(_modules_after("import planner.cli; planner.cli.build_parser()"))
    assert "textual" not in top
    assert "screens" not in top


def test_cli_does_not_load_icalendar_until_exporting() -> None:
    assert "icalendar" not in _top(_modules_after("import planner.cli, planner.export"))


@pytest.mark.parametrize("module", ["rules", "rules.engine", "rules.kinds", "rules.values"])
def test_rules_is_pure(module: str) -> None:
    top = _top(_modules_after(f"import {module}"))
    for forbidden in (
        "textual",
        "tomllib",
        "tomli_w",
        "platformdirs",
        "planner",
        "screens",
        "filelock",
    ):
        assert forbidden not in top, f"{module} imports {forbidden}"


def test_planner_imports_no_screens() -> None:
    modules = "planner.model, planner.projection, planner.actions, planner.files, planner.catalog"
    top = _top(_modules_after(f"import {modules}"))
    assert "screens" not in top
    assert "textual" not in top
