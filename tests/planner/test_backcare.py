"""Back care through the real command line: red flags in done, today and the exports; the
readiness gate and its override; morning pain; the bridge suggestion (issue 11)."""

from __future__ import annotations

import json
import re

import pytest

from planner import actions
from planner.cli import main

START = "2027-01-04"  # a Monday


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def new(capsys: pytest.CaptureFixture[str], *programs: str, days: str = "mon,wed,fri") -> str:
    words = ["--today", START, "new", "--start", START, "--days", days]
    for program in programs:
        words += ["--program", program]
    code, out = run(capsys, *words)
    assert code == 0, out
    return out


def test_done_after_a_10_10_session_down_the_leg_never_prints_a_rise(
    capsys: pytest.CaptureFixture[str],
) -> None:
    new(capsys, "linear-5x5:12")
    for day in ("2027-01-04", "2027-01-06"):
        assert run(capsys, "--today", day, "done")[0] == 0
    code, out = run(
        capsys, "--today", "2027-01-08", "done", "--pain", "10", "--note", "sharp pain down the leg"
    )
    assert code == 0, out
    assert "stop these exercises and see a clinician before you train again" in out
    nxt = out.split("Next:")[1]
    assert not re.search(r"\+\d", nxt), nxt  # no "+2.5 kg", no "+5 kg", for any lift
    assert nxt.count("held: red flag on 2027-01-08") == 3
    code, out = run(capsys, "--today", "2027-01-11", "today")
    assert "see a clinician" in out
    assert not re.search(r"\+\d", out)


def test_exports_carry_the_warning(capsys: pytest.CaptureFixture[str]) -> None:
    new(capsys, "back-rehab:26", days="mon,thu")
    run(capsys, "--today", START, "done", "--pain", "9", "--pain-where", "leg")
    warning = "Pain 9/10 spreading down the leg on 2027-01-04: stop these exercises"
    _code, out = run(capsys, "--today", "2027-01-05", "export", "--format", "json", "-o", "-")
    assert warning in json.loads(out)["plan"]["red_flag"]
    _code, out = run(capsys, "--today", "2027-01-05", "export", "--format", "md", "-o", "-")
    assert warning in out
    _code, out = run(capsys, "--today", "2027-01-05", "export", "--format", "ics", "-o", "-")
    assert "stop these exercises" in out.replace("\r\n ", "")


def test_bad_pain_details_are_refused_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str],
) -> None:
    new(capsys, "back-rehab:26", days="mon,thu")
    code, out = run(capsys, "--today", START, "done", "--pain-where", "knee")
    assert code == 2
    assert "--pain-where: 'knee' must be one of back, buttock, leg" in out
    code, out = run(capsys, "--today", START, "done", "--exercise-pain", "squat=3")
    assert code == 2
    assert "--exercise-pain: 'squat' is not in the session" in out
    code, out = run(capsys, "--today", START, "pain", "11")
    assert code == 2
    code, out = run(capsys, "--today", START, "today")
    assert "Today:" in out  # nothing was logged


def test_pain_in_one_exercise_holds_that_exercise(capsys: pytest.CaptureFixture[str]) -> None:
    new(capsys, "back-rehab:26", days="mon,thu")
    run(capsys, "--today", START, "done", "--pain", "2", "--exercise-pain", "bird-dog=6")
    _code, out = run(capsys, "--today", "2027-01-07", "today")
    assert "held: pain 6/10 in this exercise on 2027-01-04" in out
    assert out.count("held:") == 1


def test_advance_in_the_last_phase_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    new(capsys, "back-rehab:26", days="mon,thu")
    code, out = run(capsys, "--today", START, "advance")
    assert code == 2
    assert "Back rehab is the last phase of the plan" in out


def test_new_suggests_the_bridge_between_rehab_and_a_barbell_program(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = new(capsys, "back-rehab:26", "linear-5x5", days="mon,thu")
    assert (
        "workout new --program back-rehab:26 --program back-to-strength --program linear-5x5" in out
    )


@pytest.mark.parametrize(
    ("chain", "bridged"),
    [
        (["back-rehab:26", "linear-5x5"], ["back-rehab:26", "back-to-strength", "linear-5x5"]),
        (["back-rehab", "wendler-531:12"], ["back-rehab", "back-to-strength", "wendler-531:12"]),
        (["back-rehab", "back-to-strength", "linear-5x5"], None),
        (["back-rehab", "mobility"], None),
        (["linear-5x5", "back-rehab"], None),
        ([], None),
    ],
)
def test_suggest_bridge(chain: list[str], bridged: list[str] | None) -> None:
    assert actions.suggest_bridge(chain) == tuple(bridged if bridged is not None else chain)


def test_advance_is_written_to_the_file_and_undo_brings_the_wait_back(
    capsys: pytest.CaptureFixture[str], data_dir: object
) -> None:
    from planner.service import resolve_plan

    new(capsys, "back-rehab:2", "linear-5x5:12", days="mon,thu")
    for day in ("2027-01-04", "2027-01-07", "2027-01-11", "2027-01-14"):
        run(capsys, "--today", day, "done", "--pain", "8")
    code, out = run(capsys, "--today", "2027-01-18", "advance")
    assert code == 0
    assert "Linear 5×5 starts on Mon 2027-01-18" in out
    assert "advanced = [" in resolve_plan(None).read_text("utf-8")
    code, out = run(capsys, "--today", "2027-01-18", "today")
    assert "Squat" in out
    run(capsys, "--today", "2027-01-18", "undo")
    code, out = run(capsys, "--today", "2027-01-18", "today")
    assert "McGill curl-up" in out
    assert "extended" in out


def test_the_cli_warning_names_the_pain_flag(capsys: pytest.CaptureFixture[str]) -> None:
    new(capsys, "back-rehab:26", days="mon,thu")
    run(capsys, "--today", START, "done", "--pain", "9", "--pain-where", "leg")
    _code, out = run(capsys, "--today", "2027-01-05", "today")
    held = "\n  Every exercise is held until a session at or under"
    assert held in out  # (under the warning sign)
    assert "(log it with --pain)." in out
    assert "press l" not in out
