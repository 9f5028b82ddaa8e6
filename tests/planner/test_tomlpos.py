"""Where a field lives in TOML text: the line and column a file error points at."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings, strategies as st

from planner.tomlpos import line_of

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "plans" / "back-then-strength.toml"

TEXT = """\
schema_version = 2
name = "p"
notes = \"\"\"
fake = 1
[log]
\"\"\"
days = [
    "mon",
]

[[phases]]
weeks = 26

[phases.program]
id = "a"

[[phases.program.days]]
name = "A"

[[phases.program.days.slots]]
exercise = "squat"

[[phases.program.days.slots]]
  exercise = "bench"

[[phases]]
weeks = 4

[phases.program]
id = "b"

[[phases.program.days]]
name = "B"

[[log]]
date = 2026-01-05
"quoted key" = 1

[[log]]
date = 2026-01-08
pain = 11
"""


@pytest.mark.parametrize(
    ("field", "where"),
    [
        ("name", (2, 1)),
        ("days[0]", (7, 1)),  # an item of an inline array: the array's key
        ("phases[0].weeks", (12, 1)),
        ("phases[0].program.id", (15, 1)),
        ("phases[0].program.days[0].slots[1].exercise", (24, 3)),  # indented key: its column
        ("phases[1].weeks", (27, 1)),
        ("phases[1].program.id", (30, 1)),
        ("phases[1].program.days[0].name", (33, 1)),
        ("log[1].pain", (41, 1)),
        ("log[0].quoted key", (37, 1)),
        ("log[1].exercises[0].sets[2].reps", (39, 1)),  # not written: the closest table
        ("phases[0].program.days[0].slots[1]", (23, 1)),  # a table: its header
        ("phases[1].program.days[0].slots[0].exercise", (32, 1)),
        ("fake", None),  # inside a multi-line string, not a key
        ("nowhere.at.all", None),
        ("", None),
    ],
)
def test_a_field_is_found_at_its_line_and_column(field: str, where: tuple[int, int] | None) -> None:
    assert line_of(TEXT, field) == where


def test_a_field_of_the_sample_plan_points_at_its_line() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    lines = text.splitlines()
    line, column = line_of(text, "phases[0].program.pain_threshold") or (0, 0)
    assert lines[line - 1][column - 1 :].startswith("pain_threshold = 5")
    line, column = line_of(text, "phases[0].program.days[0].slots[1].rule.max_seconds") or (0, 0)
    assert lines[line - 1] == "max_seconds = 10"
    assert "[phases.program.days.slots.rule]" in lines[line - 4 : line - 1]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.text(max_size=40))
def test_any_text_and_any_field_never_raise(text: str, field: str) -> None:
    where = line_of(text, field)
    if where is not None:
        line, column = where
        assert 1 <= line <= len(text.splitlines())
        assert column >= 1


# ---- any document written with headers: every value is found where it was written ----------

keys = st.from_regex(r"[a-z][a-z0-9_-]{0,5}", fullmatch=True)
words = st.text(
    st.characters(whitelist_categories=("Ll", "Nd", "Zs"), whitelist_characters="=[]\n.#")
)
scalars = st.one_of(st.integers(-5, 5), words, st.lists(st.integers(0, 9), max_size=3))


def tables(depth: int) -> st.SearchStrategy[dict[str, Any]]:
    values: st.SearchStrategy[Any] = scalars
    if depth > 0:
        children = tables(depth - 1)
        values = st.one_of(scalars, children, st.lists(children, min_size=1, max_size=3))
    return st.dictionaries(keys, values, max_size=4)


def render(
    table: dict[str, Any], path: str, lines: list[str], at: dict[str, tuple[int, int]]
) -> None:
    """``table`` as TOML with a header for every table and array of tables (as plan files are
    written), noting the line and column of every value."""
    nested = {k: v for k, v in table.items() if isinstance(v, dict) or _array_of_tables(v)}
    for key, value in table.items():
        if key in nested:
            continue
        at[f"{path}{key}"] = (len(lines) + 1, 1)
        if isinstance(value, list):
            for index in range(len(value)):
                at[f"{path}{key}[{index}]"] = (len(lines) + 1, 1)
        lines.extend(tomli_w.dumps({key: value}, multiline_strings=True).splitlines())
    for key, value in nested.items():
        for index, child in enumerate(value if isinstance(value, list) else [value]):
            name = f"{path}{key}" + (f"[{index}]" if isinstance(value, list) else "")
            header = f"[[{path_names(path)}{key}]]" if isinstance(value, list) else None
            lines.append(header or f"[{path_names(path)}{key}]")
            at[name] = (len(lines), 1)
            render(child, f"{name}.", lines, at)


def _array_of_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def path_names(path: str) -> str:
    """``log[2].exercises[0].`` → ``log.exercises.`` (how a header names a nested table)."""
    parts = [part.split("[")[0] for part in path.split(".") if part]
    return "".join(f"{part}." for part in parts)


@settings(max_examples=200, deadline=None)
@given(tables(depth=3))
def test_every_value_of_a_document_is_found_where_it_was_written(data: dict[str, Any]) -> None:
    lines: list[str] = []
    at: dict[str, tuple[int, int]] = {}
    render(data, "", lines, at)
    text = "\n".join(lines) + "\n"
    assert tomllib.loads(text) == data  # the rendering is the document
    for field, where in at.items():
        assert line_of(text, field) == where, field
