"""Conflict copies from file-sync tools, merged through the real CLI (issue 12, "Sync-safe").

A plan kept in Syncthing, Nextcloud or Dropbox gets a conflict copy when two devices logged
sessions before they synced. ``workout plans`` and ``validate`` report it; ``workout merge``
keeps every session of both sides, asks where one session was logged differently, and moves
the copy to the trash only when the merge is complete.
"""

from __future__ import annotations

import datetime as dt
import shutil
import stat
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from planner.cli import main
from planner.merge import compare, merged
from planner.model import LogEntry, Plan

START = "2026-11-30"  # a Monday; sessions on Mon and Thu
COPIES = (
    "p.sync-conflict-20261203-101010-ABCDEFG.toml",  # Syncthing
    "p (conflicted copy).toml",  # Dropbox, older
    "p (Someone's conflicted copy 2026-12-03).toml",  # Dropbox
    "p (conflicted copy 2026-12-03 101010).toml",  # Nextcloud
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--today", "2026-12-20", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def logged(path: Path) -> dict[str, dict[str, object]]:
    data = tomllib.loads(path.read_text())
    return {str(entry["date"]): entry for entry in data.get("log", [])}


@pytest.fixture
def plan(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A plan with Mon 2026-11-30 logged, as both devices had it before they diverged."""
    code, _, err = run(
        capsys,
        "new",
        "--program",
        "linear-5x5",
        "--start",
        START,
        "--days",
        "mon,thu",
        "--name",
        "p",
    )
    assert code == 0, err
    assert run(capsys, "done", "2026-11-30")[0] == 0
    return data_dir / "plans" / "p.toml"


def diverge(capsys: pytest.CaptureFixture[str], plan: Path, name: str) -> Path:
    """Device B logs Thu 12-03 done with pain 2 and Thu 12-10 done; device A (this plan) logs
    Thu 12-03 skipped and Mon 12-07 done. B's version becomes the conflict copy ``name``."""
    assert run(capsys, "done", "2026-12-03", "--pain", "2", "--note", "from B")[0] == 0
    assert run(capsys, "done", "2026-12-10")[0] == 0
    copy = plan.parent / name
    shutil.copy2(plan, copy)
    assert run(capsys, "undo")[0] == 0
    assert run(capsys, "undo")[0] == 0
    assert run(capsys, "skip", "2026-12-03", "--note", "from A")[0] == 0
    assert run(capsys, "done", "2026-12-07")[0] == 0
    return copy


@pytest.mark.parametrize("name", COPIES)
def test_plans_and_validate_report_the_copy_beside_the_plan(
    capsys: pytest.CaptureFixture[str], plan: Path, name: str
) -> None:
    diverge(capsys, plan, name)
    code, out, _ = run(capsys, "plans")
    assert code == 0
    assert f"p: conflict copy {name}" in out
    assert "workout merge p" in out
    assert out.count("\np ") + out.startswith("p ") <= 1  # the copy is not listed as a plan
    assert run(capsys, "today")[0] == 0  # still the only plan: no --plan needed
    code, out, _ = run(capsys, "validate", str(plan))
    assert code == 0
    assert f"conflict copy {name}" in out


def test_merge_without_a_choice_shows_both_sides_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], plan: Path
) -> None:
    copy = diverge(capsys, plan, COPIES[0])
    before, copied = plan.read_bytes(), copy.read_bytes()
    code, out, err = run(capsys, "merge", "p")
    assert code == 2, err
    assert "1 session(s) logged only in the copy (added)" in out, err
    row = next(line for line in out.splitlines() if "2026-12-03" in line)
    assert "skipped" in row
    assert "note: from A" in row
    assert "pain 2/10" in row
    assert "from B" in row
    assert "--keep" in err
    assert "nothing was merged" in err
    assert plan.read_bytes() == before
    assert copy.read_bytes() == copied


@pytest.mark.parametrize(("keep", "status"), [("theirs", "done"), ("1=mine", "skipped")])
def test_merge_keeps_both_sides_and_the_chosen_one(
    capsys: pytest.CaptureFixture[str], plan: Path, keep: str, status: str
) -> None:
    copy = diverge(capsys, plan, COPIES[0])
    code, out, err = run(capsys, "merge", "--keep", keep)
    assert code == 0, err
    log = logged(plan)
    assert set(log) == {"2026-11-30", "2026-12-03", "2026-12-07", "2026-12-10"}
    assert log["2026-12-03"]["status"] == status
    assert not copy.exists()
    trashed = plan.parent / "trash" / copy.name
    assert stat.S_IMODE(trashed.stat().st_mode) == 0o600
    assert stat.S_IMODE(plan.stat().st_mode) == 0o600
    # The side chosen against is recoverable: the copy's in the trash, the plan's in a backup.
    assert logged(trashed)["2026-12-03"]["status"] == "done"
    newest = max((plan.parent / ".backups" / "p.toml").iterdir())
    assert logged(newest)["2026-12-03"]["status"] == "skipped"  # the plan's side, before the merge
    out = run(capsys, "history")[1]
    assert ("changed the log of Thu 2026-12-03" in out) == (status == "done")
    # Nothing left to merge; undo reverts the merge.
    assert "No conflict copy" in run(capsys, "merge")[1]
    assert run(capsys, "undo")[0] == 0
    assert "2026-12-10" not in logged(plan)


def test_merge_by_date_and_a_copy_with_nothing_new(
    capsys: pytest.CaptureFixture[str], plan: Path
) -> None:
    copy = diverge(capsys, plan, COPIES[3])
    code, _, err = run(capsys, "merge", "--keep", "2026-12-03=theirs")
    assert code == 0, err
    assert logged(plan)["2026-12-03"]["note"] == "from B"
    same = plan.parent / COPIES[1]
    shutil.copy2(plan, same)
    before = plan.read_bytes()
    code, out, _ = run(capsys, "merge")
    assert code == 0
    assert "added 0" in out
    assert plan.read_bytes() == before
    assert not same.exists()
    assert not copy.exists()


@pytest.mark.parametrize(
    ("keep", "message"),
    [
        ("ours", "not mine or theirs"),
        ("2026-12-04=mine", "not logged differently"),
        ("7=mine", "no conflict number 7"),
        ("x=mine", "not a date"),
    ],
)
def test_a_bad_keep_is_one_line_and_nothing_changes(
    capsys: pytest.CaptureFixture[str], plan: Path, keep: str, message: str
) -> None:
    copy = diverge(capsys, plan, COPIES[0])
    before = plan.read_bytes()
    code, _, err = run(capsys, "merge", "--keep", keep)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1
    assert plan.read_bytes() == before
    assert copy.exists()


def test_a_broken_copy_is_reported_with_its_line_and_nothing_changes(
    capsys: pytest.CaptureFixture[str], plan: Path
) -> None:
    copy = plan.parent / COPIES[0]
    copy.write_text(plan.read_text().replace('status = "done"', 'status = "maybe"'))
    before = plan.read_bytes()
    code, _, err = run(capsys, "merge", "--keep", "mine")
    assert code == 2
    assert COPIES[0] in err
    assert plan.read_bytes() == before
    assert copy.exists()


def test_settings_changed_in_the_copy_are_reported_and_the_plan_side_kept(
    capsys: pytest.CaptureFixture[str], plan: Path
) -> None:
    copy = plan.parent / COPIES[0]
    copy.write_text(plan.read_text().replace('name = "p"', 'name = "renamed on B"'))
    code, out, _ = run(capsys, "merge")
    assert code == 0
    assert "differs outside the log" in out
    assert tomllib.loads(plan.read_text())["name"] == "p"


def test_the_prompt_asks_on_a_terminal(
    capsys: pytest.CaptureFixture[str], plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    diverge(capsys, plan, COPIES[0])
    answers = iter(["x", "t"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    code, _, err = run(capsys, "merge")
    assert code == 0, err
    assert logged(plan)["2026-12-03"]["status"] == "done"


# The pure merge: nothing from either side is ever lost --------------------------------------

DAYS = [dt.date(2026, 11, 30) + dt.timedelta(days=3 * n) for n in range(8)]
ENTRIES = st.builds(
    LogEntry,
    date=st.sampled_from(DAYS),
    status=st.sampled_from(["done", "skipped"]),
    pain=st.none() | st.integers(0, 10),
    note=st.sampled_from(["", "a", "b"]),
)


def _log(entries: list[LogEntry]) -> tuple[LogEntry, ...]:
    return tuple(sorted({e.date: e for e in entries}.values(), key=lambda e: e.date))


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    mine=st.lists(ENTRIES, max_size=8),
    theirs=st.lists(ENTRIES, max_size=8),
    sides=st.lists(st.sampled_from(["mine", "theirs"]), min_size=8, max_size=8),
)
def test_a_merge_never_loses_an_entry_from_either_side(
    sample_plan: Plan, mine: list[LogEntry], theirs: list[LogEntry], sides: list[str]
) -> None:
    a = _with_log(sample_plan, _log(mine))
    b = _with_log(sample_plan, _log(theirs))
    comparison = compare(a, b)
    choices = {c.date: sides[i] for i, c in enumerate(comparison.conflicts)}
    result = merged(a, b, choices)  # type: ignore[arg-type]
    kept = set(result.log)
    chosen_against = {
        (c.theirs if choices[c.date] == "mine" else c.mine) for c in comparison.conflicts
    }
    for entry in (*a.log, *b.log):
        assert entry in kept or entry in chosen_against
    assert len({e.date for e in result.log}) == len(result.log)  # one entry per session
    assert {e.date for e in result.log} == {e.date for e in (*a.log, *b.log)}


def _with_log(plan: Plan, log: tuple[LogEntry, ...]) -> Plan:
    import attrs

    return attrs.evolve(plan, log=log)


@pytest.fixture
def sample_plan(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Plan:
    from planner.files import read_plan

    code, _, err = run(
        capsys,
        "new",
        "--program",
        "linear-5x5",
        "--start",
        START,
        "--days",
        "mon,thu",
        "--name",
        "s",
    )
    assert code == 0, err
    return read_plan(data_dir / "plans" / "s.toml").plan
