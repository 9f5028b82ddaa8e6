"""The import layers of docs/ARCHITECTURE.md, checked in a fresh interpreter each."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


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


SERVICE_INTERNALS = frozenset(
    {
        "planner.safewrite",
        "planner.documents",
        "planner.history",
        "planner.cache",
        "planner.tomltext",
        "planner.paths",
        "planner.resume",
    }
)
"""What only the plan service (and the planner below it) may use: files, TOML text, caches."""


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize(
    "path", sorted((ROOT / "screens").glob("*.py")), ids=lambda path: path.name
)
def test_screens_reach_files_only_through_the_plan_service(path: Path) -> None:
    assert not _imports(path) & SERVICE_INTERNALS
