"""docs/ARCHITECTURE.md, promise R3: a corrupt or hand-broken file is reported with path, line and column, never overwritten."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from planner import files
from planner.cli import main
from planner.errors import DataFileError


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _check(path: Path, data: bytes) -> str:
    """Write ``data`` as the plan; loading gives a plan or a DataFileError, never anything else."""
    path.write_bytes(data)
    failure: DataFileError | None = None
    try:
        files.read_plan(path)
    except DataFileError as error:
        failure = error
    if failure is None:
        return "loaded"
    assert str(path) in str(failure)
    return "error"


def test_truncation_at_every_byte_offset_loses_nothing_in_silence(plan_path: Path) -> None:
    """A file cut anywhere is an error, or loads as the whole plan (a cut that took only the
    final line break): never a plan with sessions, overrides or values missing."""
    original = plan_path.read_bytes()
    whole = files.read_plan(plan_path).plan
    silent = []
    for cut in range(len(original)):
        if (
            _check(plan_path, original[:cut]) == "loaded"
            and files.read_plan(plan_path).plan != whole
        ):
            silent.append(cut)
    assert silent == []


def test_a_cut_at_a_log_block_boundary_says_the_file_ends_early(plan_path: Path) -> None:
    original = plan_path.read_bytes()
    last = original.rindex(b"\n[[log]]")
    plan_path.write_bytes(original[: last + 1])
    with pytest.raises(DataFileError, match="the file ends early") as info:
        files.read_plan(plan_path)
    assert info.value.line == original[: last + 1].count(b"\n") + 1


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (lambda t: t.replace(b"3 sessions logged", b"4 sessions logged"), "counts 4 sessions"),
        (
            lambda t: t.replace(b"# end of plan: 3 sessions logged\n", b"# end of plan: 3 ses"),
            "damaged",
        ),
        (
            lambda t: t.replace(b"\n[[log]]", b"\n# end of plan: 3 sessions logged\n[[log]]", 1),
            "comes once, after the last entry",
        ),
    ],
)
def test_an_end_line_that_does_not_fit_is_an_error(
    plan_path: Path, edit: Callable[[bytes], bytes], words: str
) -> None:
    plan_path.write_bytes(edit(plan_path.read_bytes()))
    with pytest.raises(DataFileError, match=words):
        files.read_plan(plan_path)


def test_a_hand_written_file_needs_no_marks(plan_path: Path) -> None:
    lines = plan_path.read_bytes().splitlines(keepends=True)
    plan_path.write_bytes(b"".join(line for line in lines if not line.startswith(b"# ")))
    cut = plan_path.read_bytes()
    plan_path.write_bytes(cut[: cut.rindex(b"\n[[log]]") + 1])
    assert len(files.read_plan(plan_path).plan.log) == 2  # no mark: accepted as written


def test_every_save_keeps_the_end_line_last(plan_path: Path) -> None:
    with plan_path.open("a", encoding="utf-8") as out:
        out.write("# a comment below the end line, # added by hand\n")
    assert main(["--today", "2026-12-07", "done"]) == 0
    assert main(["--today", "2026-12-09", "skip"]) == 0
    text = plan_path.read_bytes()
    assert text.startswith(b"# workout-planner plan;")
    assert text.endswith(b"\n\n# end of plan: 5 sessions logged\n")
    assert b"# a comment below the end line, # added by hand\n" in text  # kept with its block
    assert text.count(b"# end of plan") == 1


def test_nul_blocks_and_byte_flips_are_reported_with_a_line(plan_path: Path) -> None:
    original = plan_path.read_bytes()
    rng = random.Random(20261124)
    for _ in range(200):
        at = rng.randrange(1, len(original))
        data = original[:at] + b"\x00" * rng.randint(1, 64) + original[at:]
        plan_path.write_bytes(data)
        with pytest.raises(DataFileError) as info:
            files.read_plan(plan_path)
        assert info.value.line == original[:at].count(b"\n") + 1
    for _ in range(300):
        mutated = bytearray(original)
        for _ in range(rng.randint(1, 4)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        _check(plan_path, bytes(mutated))


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        (b"pain = 3", b'pain = "high"', "log[0].pain: must be a whole number"),
        (b"reps = 5", b"reps = -1", "slots[0].reps: must be more than 0"),
        (b'status = "done"', b'status = "finished"', "must be one of"),
        (b'units = "kg"', b'units = "stone"', "units"),
        (b"start = 2026-11-30", b"start = 2026-11-31", "not valid TOML"),
        (b"name = ", b"nickname = ", "unknown key"),
        (b"start = 2026-11-30\n", b"", "start: is required"),
        (b"schema_version = 4", b'schema_version = "two"', "schema_version"),
        (b"schema_version = 4\n", b"", "schema_version: missing"),
    ],
)
def test_hand_broken_values_name_file_line_and_field_and_change_nothing(
    plan_path: Path, capsys: pytest.CaptureFixture[str], old: bytes, new: bytes, fragment: str
) -> None:
    data = plan_path.read_bytes()
    assert old in data
    plan_path.write_bytes(data.replace(old, new, 1))
    before = _sha(plan_path)
    with pytest.raises(DataFileError) as info:
        files.read_plan(plan_path)
    assert fragment in " ".join(str(p) for p in info.value.problems)
    for command in (["today"], ["done"], ["skip"], ["export", "--format", "json", "-o", "-"]):
        assert main(["--today", "2026-12-07", *command]) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert str(plan_path) in err
    assert _sha(plan_path) == before


def test_invalid_utf8_is_reported_with_its_line(plan_path: Path) -> None:
    data = plan_path.read_bytes().replace(b"felt good", b"felt \xff good")
    plan_path.write_bytes(data)
    with pytest.raises(DataFileError, match="not valid UTF-8") as info:
        files.read_plan(plan_path)
    assert info.value.line == data[: data.index(b"\xff")].count(b"\n") + 1


def test_validate_lists_every_problem_at_once(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = plan_path.read_bytes()
    data = data.replace(b"pain = 3", b"pain = 12").replace(b'    "wed",', b'    "someday",')
    plan_path.write_bytes(data)
    assert main(["validate", str(plan_path)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) >= 2
    assert any("pain" in line for line in lines)
    assert any("someday" in line for line in lines)
