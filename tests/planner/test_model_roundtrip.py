"""Any valid plan or program survives TOML text and back unchanged; bad values name their field."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings

from planner.convert import FieldProblems, plan_from_data, program_from_data, to_data
from planner.model import Plan, Program

from .strategies import plans, programs


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_any_plan_round_trips_through_toml(plan: Plan) -> None:
    text = tomli_w.dumps(to_data(plan))
    assert plan_from_data(tomllib.loads(text)) == plan


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_any_program_round_trips_through_toml(program: Program) -> None:
    text = tomli_w.dumps(to_data(program))
    assert program_from_data(tomllib.loads(text)) == program


def _plan_data() -> dict[str, Any]:
    return {
        "name": "p",
        "start": dt.date(2026, 11, 30),
        "days": ["mon"],
        "phases": [
            {
                "weeks": 4,
                "program": {
                    "id": "p",
                    "name": "P",
                    "days": [
                        {
                            "name": "A",
                            "slots": [
                                {
                                    "exercise": "squat",
                                    "sets": 5,
                                    "reps": 5,
                                    "rule": {"kind": "linear"},
                                }
                            ],
                        }
                    ],
                },
            }
        ],
        "log": [
            {
                "date": dt.date(2026, 11, 30),
                "status": "done",
                "pain": 3,
                "exercises": [{"exercise": "squat", "sets": [{"reps": 5, "load": 60.0}]}],
            }
        ],
    }


@pytest.mark.parametrize(
    ("path", "value", "field", "fragment"),
    [
        (("log", 0, "pain"), 11, "log[0].pain", "at most 10"),
        (("log", 0, "pain"), "3", "log[0].pain", "whole number"),
        (("log", 0, "status"), "finished", "log[0].status", "'done', 'skipped'"),
        (
            ("log", 0, "exercises", 0, "sets", 0, "reps"),
            -1,
            "log[0].exercises[0].sets[0].reps",
            "at least 0",
        ),
        (
            ("log", 0, "exercises", 0, "sets", 0, "load"),
            True,
            "log[0].exercises[0].sets[0].load",
            "a number",
        ),
        (("days",), ["mon", "someday"], "days", "someday"),
        (("start",), "next week", "start", "date"),
        (("phases", 0, "weeks"), 0, "phases[0].weeks", "more than 0"),
        (
            ("phases", 0, "program", "days", 0, "slots", 0, "rule", "kind"),
            "magic",
            "phases[0].program.days[0].slots[0].rule",
            "unknown rule kind",
        ),
        (("log", 0, "bogus"), 1, "log[0].bogus", "unknown key"),
    ],
)
def test_a_bad_value_names_its_field(
    path: tuple[str | int, ...], value: object, field: str, fragment: str
) -> None:
    data = _plan_data()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(FieldProblems) as info:
        plan_from_data(data)
    fields = [f for f, _ in info.value.items]
    messages = " ".join(m for _, m in info.value.items)
    assert field in fields, info.value.items
    assert fragment in messages, info.value.items


def test_missing_field_is_required() -> None:
    data = _plan_data()
    del data["start"]
    with pytest.raises(FieldProblems) as info:
        plan_from_data(data)
    assert ("start", "is required") in info.value.items
