"""`workout today` on a 5/3/1 plan: warm-ups ramp to the first (65 %) work set, not the top set."""

from __future__ import annotations

import re

import pytest

from planner.cli import main

START = "2027-01-04"  # a Monday


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def _kg(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"@ ([\d.]+) kg", text)]


def test_531_warm_ups_are_lighter_than_the_first_work_set(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Regression: the deadlift's ramp ended at 67.5 kg (80 % of the 85 % top set) before a 65 kg
    # first work set, and the overhead press warmed up at 27.5 kg before 25 kg.
    new = ("new", "--start", START, "--program", "wendler-531", "--days", "mon,wed,fri,sat")
    _run(capsys, "--today", START, *new)
    seen, shown = 0, ""
    for day in ("2027-01-04", "2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08"):
        out = _run(capsys, "--today", day, "today")
        shown += out
        lines = out.splitlines()
        for index, line in enumerate(lines):
            if " warm-up: " not in line:
                continue
            seen += 1
            name, ramp = line.strip().split(" warm-up: ")
            warm = _kg(ramp.split(" · ")[0])
            work_line = next(w for w in reversed(lines[:index]) if w.strip().startswith(name + " "))
            work = _kg(work_line)
            assert warm[0] == 20.0  # the empty bar first
            assert warm == sorted(set(warm))  # a ramp: each heavier, none repeated
            assert max(warm) < min(work), line
    assert seen >= 4  # every barbell lift of the rotation
    assert "Deadlift  5 @ 65 kg, 5 @ 75 kg, 5+ @ 85 kg" in shown
    assert "Deadlift warm-up: 2×5 @ 20 kg, 5 @ 25 kg, 3 @ 40 kg, 2 @ 52.5 kg · " in shown
