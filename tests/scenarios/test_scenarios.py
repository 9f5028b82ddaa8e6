"""Every scenario in this folder (see README.md), run through the real command line."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from planner import actions, paths, present
from planner.cli import main
from planner.service import PlanService, resolve_plan

HERE = Path(__file__).parent
SCENARIOS = sorted(HERE.glob("*.toml"))


def _run(words: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(words)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _new_words(plan: dict[str, Any]) -> list[str]:
    words = ["--today", str(plan["start"]), "new", "--start", str(plan["start"])]
    for program in plan["programs"]:
        words += ["--program", program]
    words += ["--days", plan["days"]]
    for assignment in plan.get("set", []):
        words += ["--set", assignment]
    if "units" in plan:
        words += ["--units", plan["units"]]
    if "bar" in plan:
        words += ["--bar", str(plan["bar"])]
    if "plates" in plan:
        words += ["--plates", ",".join(str(p) for p in plan["plates"])]
    return words


def _steps(scenario: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    for number, step in enumerate(scenario.get("steps", []), start=1):
        for today in _dates(step):
            code, output = _run(["--today", str(today), *step["run"]], capsys)
            where = f"step {number} ({' '.join(step['run'])} on {today})"
            assert code == step.get("exit", 0), f"{where} exited {code}:\n{output}"
            for text in step.get("output", []):
                assert text in output, f"{where} did not print {text!r}:\n{output}"


def _dates(step: dict[str, Any]) -> list[dt.date]:
    """The days a step runs on: ``dates``, or ``today`` then every ``every`` days, ``repeat``
    times."""
    if "dates" in step:
        return list(step["dates"])
    every = dt.timedelta(days=step.get("every", 7))
    return [step["today"] + every * count for count in range(step.get("repeat", 1))]


def _check(expect: dict[str, Any]) -> None:
    service = PlanService.open(resolve_plan(None), expect["today"])
    session = actions.find_session(service, str(expect.get("session", "next")))
    window = service.window(since=session.scheduled.number - 1)
    unit = service.plan.units
    where = f"session {session.scheduled.date} as of {expect['today']}"
    by_exercise = {p.exercise: p for p in session.prescriptions}
    if "status" in expect:
        assert window.status(session) == expect["status"], where
    for exercise, text in expect.get("sets", {}).items():
        assert exercise in by_exercise, f"{where}: no {exercise} in {sorted(by_exercise)}"
        shown = present.describe_sets(by_exercise[exercise].sets, unit)
        assert shown == text, f"{where}: {exercise} is {shown!r} ({by_exercise[exercise].why})"
    for exercise, text in expect.get("why", {}).items():
        why = by_exercise[exercise].why
        assert text in why, f"{where}: {exercise}'s why {why!r} lacks {text!r}"
    for exercise, text in expect.get("absent", {}).items():
        why = by_exercise[exercise].why
        assert text not in why, f"{where}: {exercise}'s why {why!r} has {text!r}"


def _user_programs(scenario: dict[str, Any]) -> None:
    """A scenario's own programs (``[[programs]]``, each as a program file would have it), saved
    where the person's own programs live, before the plan is made."""
    for data in scenario.get("programs", []):
        folder = paths.programs_dir()
        folder.mkdir(parents=True, exist_ok=True)
        text = tomli_w.dumps({"schema_version": 2, **data})
        (folder / f"{data['id']}.toml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = tomllib.loads(path.read_text("utf-8"))
    assert scenario.get("description"), f"{path.name}: say what the scenario is about"
    _user_programs(scenario)
    code, output = _run(_new_words(scenario["plan"]), capsys)
    assert code == 0, output
    _steps(scenario, capsys)
    assert scenario.get("expect"), f"{path.name}: a scenario expects something"
    for expect in scenario["expect"]:
        _check(expect)
