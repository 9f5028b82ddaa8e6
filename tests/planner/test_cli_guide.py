"""``workout guide``: the back-care guide on the command line."""

from __future__ import annotations

import pytest

from planner.cli import main


def test_guide_prints_every_section_within_the_width(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guide", "--width", "60"]) == 0
    out = capsys.readouterr().out
    assert "When to see a clinician" in out
    assert "hip hinge" in out.lower()
    assert max(len(line) for line in out.splitlines()) <= 60


def test_one_section(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guide", "walking"]) == 0
    out = capsys.readouterr().out
    assert "walk" in out.lower()
    assert "When to see a clinician" not in out


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["guide", "nope"], "SECTION: no guide section 'nope'"),
        (["guide", "--width", "5"], "--width"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    words: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(words) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1
