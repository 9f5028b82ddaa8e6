"""The shipped program catalog: every file valid, and the numbers those programs are known for.

``planner/programs/*.toml`` is the built-in catalog (package data of ``planner``, so a wheel
installs it), ``examples/custom-program.toml`` the commented sample of a user's own program.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from planner import catalog
from planner.cli import main
from planner.convert import program_from_data, to_data
from planner.files import read_program
from planner.model import SLUG, LogEntry, LoggedExercise, LoggedSet, PhaseDef, Plan, Program
from planner.projection import Projection, project_plan
from rules.engine import Session
from rules.values import SetTarget

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = ROOT / "planner" / "programs"
CUSTOM = ROOT / "examples" / "custom-program.toml"
BUILTIN_FILES = sorted(PROGRAMS.glob("*.toml"))
ALL_FILES = [*BUILTIN_FILES, CUSTOM]
START = dt.date(2026, 11, 30)  # a Monday
WEEKDAYS_FOR = {
    2: ("mon", "thu"),
    3: ("mon", "wed", "fri"),
    4: ("mon", "tue", "thu", "fri"),
    7: ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
}


def raw(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def load(name: str) -> Program:
    path = CUSTOM if name == "custom-program" else PROGRAMS / f"{name}.toml"
    return program_from_data(raw(path))


def project(
    program: Program,
    days: tuple[str, ...] | None = None,
    *,
    loads: dict[str, float] | None = None,
    log: tuple[LogEntry, ...] = (),
    today: dt.date = START,
) -> Projection:
    plan = Plan(
        name="catalog",
        start=START,
        days=days or WEEKDAYS_FOR[program.sessions_per_week],
        phases=(PhaseDef(program, program.weeks),),
        loads=loads or {},
        log=log,
    )
    return project_plan(plan, today)


def sets_of(session: Session, exercise: str) -> tuple[SetTarget, ...]:
    for prescription in session.prescriptions:
        if prescription.exercise == exercise:
            return prescription.sets
    raise AssertionError(f"{exercise} is not in the session of {session.scheduled.date}")


def why_of(session: Session, exercise: str) -> str:
    return next(p.why for p in session.prescriptions if p.exercise == exercise)


def with_exercise(projection: Projection, exercise: str) -> list[Session]:
    return [s for s in projection.sessions if any(p.exercise == exercise for p in s.prescriptions)]


def _subset(written: Any, canonical: Any, where: str = "") -> None:
    """Every value written in the file survives, as written, in the program's canonical form."""
    if isinstance(written, dict):
        assert isinstance(canonical, dict), where
        for key, value in written.items():
            assert key in canonical, f"{where}.{key} is dropped or defaulted away"
            _subset(value, canonical[key], f"{where}.{key}")
    elif isinstance(written, list):
        assert isinstance(canonical, list | tuple), where
        assert len(written) == len(canonical), where
        for index, (a, b) in enumerate(zip(written, canonical, strict=True)):
            _subset(a, b, f"{where}[{index}]")
    else:
        assert written == canonical, f"{where}: {written!r} became {canonical!r}"


# ---- every file ------------------------------------------------------------------------------


def test_the_catalog_is_the_six_fixed_ids() -> None:
    assert {p.stem for p in BUILTIN_FILES} == set(catalog.BUILTIN_IDS)
    assert len(catalog.BUILTIN_IDS) == 6
    assert catalog.builtin_dir().resolve() == PROGRAMS.resolve()
    assert {pid for pid, e in catalog.entries().items() if e.source == "built-in"} == set(
        catalog.BUILTIN_IDS
    )


@pytest.mark.slow
def test_an_installed_wheel_lists_the_six_built_ins(tmp_path: Path) -> None:
    # Build the wheel as pip would for `pip install .`, install it apart from the checkout and
    # run `workout programs` from it: the built-ins are package data, not files of a checkout.
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp_path / "dist", ROOT],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    [wheel] = (tmp_path / "dist").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {f"planner/programs/{pid}.toml" for pid in catalog.BUILTIN_IDS} <= set(names)
    assert not [n for n in names if n.startswith("planner/catalog/")]
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)  # what pip does with a pure-Python wheel
    env = {**os.environ, "PYTHONPATH": str(site), "WORKOUT_DATA_DIR": str(tmp_path / "data")}
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import planner, planner.cli; print(planner.__file__); "
            "raise SystemExit(planner.cli.main(['programs']))",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    where, *table = run.stdout.splitlines()
    assert Path(where).is_relative_to(site)
    listed = {line.split()[0] for line in table if line.endswith("built-in")}
    assert listed == set(catalog.BUILTIN_IDS)


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.stem)
def test_every_file_parses_and_validates(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("schema_version = 2\n"), "files start with their schema_version"
    data = tomllib.loads(text)
    assert data["schema_version"] == 2
    program = program_from_data(data)
    if path.parent == PROGRAMS:
        assert program.id == path.stem
    assert SLUG.match(program.id)
    # What the file says is what the program is: nothing dropped, nothing coerced.
    _subset({k: v for k, v in data.items() if k != "schema_version"}, to_data(program))
    # And the program survives the writer and the reader unchanged.
    assert program_from_data(tomllib.loads(tomli_w.dumps(to_data(program)))) == program


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.stem)
def test_every_slot_uses_a_listed_exercise_and_every_exercise_is_used(path: Path) -> None:
    data = raw(path)
    listed = [e["id"] for e in data["exercises"]]
    assert len(listed) == len(set(listed)), "an exercise is listed twice"
    used = {slot["exercise"] for day in data["days"] for slot in day["slots"]}
    assert used <= set(listed), f"not in [[exercises]]: {sorted(used - set(listed))}"
    assert set(listed) <= used, f"listed but never used: {sorted(set(listed) - used)}"


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.stem)
def test_every_exercise_has_a_name_a_kind_and_cues(path: Path) -> None:
    program = program_from_data(raw(path))
    assert program.name
    assert program.description
    for exercise in program.exercises:
        assert exercise.name, exercise.id
        assert exercise.cues, f"{exercise.id} has no cues"
    for day in program.days:
        for slot in day.slots:
            kind = program.exercise(slot.exercise).kind
            if kind in ("hold", "stretch"):
                assert slot.seconds, f"{slot.exercise}: a timed exercise needs seconds"
                assert slot.load is None
            elif kind == "load":
                assert slot.load, f"{slot.exercise}: a loaded exercise needs a default load"
            else:
                assert slot.load is None, slot.exercise
                assert slot.seconds is None, slot.exercise


def test_an_exercise_id_means_the_same_exercise_in_every_program() -> None:
    # A plan chaining two programs shows the first phase's definition of a shared id
    # (Plan.exercises), so the catalog keeps shared ids identical: name, kind, step, cues.
    seen: dict[str, tuple[str, Any]] = {}
    for path in BUILTIN_FILES:
        for exercise in load(path.stem).exercises:
            facts = (exercise.name, exercise.kind, exercise.increment, exercise.cues)
            first = seen.setdefault(exercise.id, (path.stem, facts))
            assert first[1] == facts, f"{exercise.id}: {first[0]} and {path.stem} differ"


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda p: p.stem)
def test_the_catalog_reader_and_validate_accept_every_file(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert read_program(path) == load(path.stem)
    entry = catalog.entries()[path.stem]
    assert entry.source == "built-in"
    assert main(["validate", str(path)]) == 0, capsys.readouterr().err


def test_the_sample_user_program_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(CUSTOM)]) == 0, capsys.readouterr().err
    program = read_program(CUSTOM)
    assert program.id == "my-home-dumbbells"
    assert program.id not in catalog.BUILTIN_IDS
    assert len(program.days) == 2
    kinds = {slot.rule.kind for day in program.days for slot in day.slots}
    assert {"double", "stages", "volume"} <= kinds


@pytest.mark.parametrize("name", [*catalog.BUILTIN_IDS, "custom-program"])
def test_every_program_projects_its_full_length_with_sensible_sets(name: str) -> None:
    program = load(name)
    projection = project(program)
    assert len(projection.sessions) == program.weeks * program.sessions_per_week
    for session in projection.sessions:
        for prescription in session.prescriptions:
            assert prescription.sets, prescription.exercise
            assert prescription.why, prescription.exercise
            kind = program.exercise(prescription.exercise).kind
            for target in prescription.sets:
                if kind in ("hold", "stretch"):
                    assert (target.seconds or 0) > 0
                if kind == "load":
                    assert (target.load or 0) > 0
                    assert (target.reps or 0) > 0


# ---- back-rehab -----------------------------------------------------------------------------

BIG_THREE = ("curl-up", "side-bridge", "bird-dog")
BACK_STRETCHES = ("hip-flexor-stretch", "glute-stretch", "hamstring-stretch")


def test_back_rehab_is_pain_gated_and_sends_red_flags_to_a_clinician() -> None:
    data = raw(PROGRAMS / "back-rehab.toml")
    assert "pain_threshold" in data, "the rehab program states its pain gate"
    program = load("back-rehab")
    assert program.pain_threshold == 5
    note = program.note.lower()
    assert "clinician" in note
    assert "not replace" in note
    for red_flag in ("numbness", "weakness", "bladder", "bowel", "down a leg"):
        assert red_flag in note, red_flag
    assert (program.weeks, program.sessions_per_week) == (26, 2)
    assert program.deload_every == 0
    assert program.break_after == 7


def test_back_rehab_big_three_are_pyramids_of_10_s_holds_that_progress_by_reps_then_variants() -> (
    None
):
    program = load("back-rehab")
    assert [program.exercise(e).kind for e in BIG_THREE] == ["hold"] * 3
    assert program.exercise("cat-camel").kind == "reps"
    assert {program.exercise(e).kind for e in BACK_STRETCHES} == {"stretch"}
    projection = project(program)
    first, last = projection.sessions[0], projection.sessions[-1]
    for exercise in BIG_THREE:
        holds = [t for s in projection.sessions for t in sets_of(s, exercise)]
        assert {t.seconds for t in holds} == {10}
        # McGill's descending pyramid, the whole of it growing a rep a set.
        assert [t.reps for t in sets_of(first, exercise)] == [5, 3, 1]
        assert [t.reps for t in sets_of(last, exercise)] == [8, 6, 4]
        names = [
            p.name for s in projection.sessions for p in s.prescriptions if p.exercise == exercise
        ]
        assert len(dict.fromkeys(names)) == 3, "three variants, easiest first"
    week = {s.scheduled.week: s for s in reversed(projection.sessions)}
    assert [t.reps for t in sets_of(week[3], "curl-up")] == [6, 4, 2]
    assert "+1 rep a set, 6-4-2 now" in why_of(week[3], "curl-up")
    assert "from the feet now" in why_of(week[9], "side-bridge")
    assert "consider back-to-strength" in why_of(week[23], "curl-up")
    assert why_of(week[24], "curl-up").startswith("as before: done on ")  # said once
    assert why_of(week[26], "curl-up").startswith("as before: done on ")
    for exercise in BACK_STRETCHES:
        assert sets_of(first, exercise)[0].seconds == 20
        assert [(t.reps, t.seconds) for t in sets_of(last, exercise)] == [(2, 30)]
    assert [(t.reps, t.seconds) for t in sets_of(first, "cat-camel")] == [(6, None)]


def _done(session: Session, pain: int | None = None) -> LogEntry:
    return LogEntry(
        date=session.scheduled.key,
        status="done",
        pain=pain,
        exercises=tuple(
            LoggedExercise(
                p.exercise,
                tuple(LoggedSet(reps=t.reps, load=t.load, seconds=t.seconds) for t in p.sets),
            )
            for p in session.prescriptions
        ),
    )


def test_back_rehab_pain_above_5_holds_the_weekly_step() -> None:
    program = load("back-rehab")
    weeks = project(program).sessions[:4]  # two weeks: the first step is due
    calm = tuple(_done(s, pain=2) for s in weeks)
    sore = (*calm[:3], _done(weeks[3], pain=7))
    after = dt.date(2026, 12, 14)
    stepped = project(program, log=calm, today=after).sessions[4]
    assert [t.reps for t in sets_of(stepped, "curl-up")] == [6, 4, 2]
    held = project(program, log=sore, today=after).sessions[4]
    assert [t.reps for t in sets_of(held, "curl-up")] == [5, 3, 1]
    assert "pain 7/10" in why_of(held, "curl-up")


# ---- linear-5x5 -----------------------------------------------------------------------------


def test_linear_5x5_is_stronglifts() -> None:
    program = load("linear-5x5")
    assert [d.name for d in program.days] == ["A", "B"]
    assert [s.exercise for s in program.days[0].slots] == ["squat", "bench-press", "barbell-row"]
    assert [s.exercise for s in program.days[1].slots] == ["squat", "overhead-press", "deadlift"]
    schemes = {(s.exercise, s.sets, s.reps) for d in program.days for s in d.slots}
    assert ("deadlift", 1, 5) in schemes
    assert all((sets, reps) == (5, 5) for ex, sets, reps in schemes if ex != "deadlift")
    for day in program.days:
        for slot in day.slots:
            assert slot.rule.params() == {
                "kind": "linear",
                "add": 5.0 if slot.exercise == "deadlift" else 2.5,
                "fail_streak": 3,
                "deload_pct": 10.0,
                "every": 1,
            }
            assert slot.rest == 180
    projection = project(program)
    assert len(projection.sessions) == 36
    a1, b1, a2, b2 = projection.sessions[:4]
    assert [sets_of(a1, e)[0].load for e in ("squat", "bench-press", "barbell-row")] == [
        20.0,
        20.0,
        30.0,
    ]
    assert [sets_of(b1, e)[0].load for e in ("squat", "overhead-press", "deadlift")] == [
        22.5,  # squat every session: +2.5 kg each time
        20.0,
        40.0,
    ]
    assert sets_of(a2, "squat")[0].load == 25.0
    assert sets_of(a2, "bench-press")[0].load == 22.5
    assert sets_of(b2, "deadlift")[0].load == 45.0
    assert "+5 kg" in why_of(b2, "deadlift")


# ---- wendler-531 ----------------------------------------------------------------------------

WENDLER_WEEKS = [
    ((65, 75, 85), (5, 5, 5), True),
    ((70, 80, 90), (3, 3, 3), True),
    ((75, 85, 95), (5, 3, 1), True),
    ((40, 50, 60), (5, 5, 5), False),
]


def test_wendler_two_days_cover_the_four_lifts_on_waves() -> None:
    program = load("wendler-531")
    assert (program.weeks, program.sessions_per_week, program.deload_every) == (16, 2, 0)
    main_lifts = {
        slot.exercise: slot
        for day in program.days
        for slot in day.slots
        if slot.rule.kind == "wave"
    }
    assert [[s.exercise for s in d.slots if s.rule.kind == "wave"] for d in program.days] == [
        ["squat", "bench-press"],
        ["deadlift", "overhead-press"],
    ]
    tms = {name: slot.load for name, slot in main_lifts.items()}
    assert tms == {"squat": 80.0, "bench-press": 60.0, "deadlift": 100.0, "overhead-press": 40.0}
    steps = {name: slot.rule.params()["add_per_cycle"] for name, slot in main_lifts.items()}
    assert steps == {"squat": 5.0, "deadlift": 5.0, "bench-press": 2.5, "overhead-press": 2.5}
    assert all(slot.sets == 3 for slot in main_lifts.values())


def test_wendler_16_week_projection_matches_the_book() -> None:
    program = load("wendler-531")
    projection = project(program, loads={"squat": 100.0, "bench-press": 100.0})
    squat = with_exercise(projection, "squat")
    bench = with_exercise(projection, "bench-press")
    assert len(squat) == 16  # once a week for 16 weeks: four cycles
    for week, (percents, reps, amrap) in enumerate(WENDLER_WEEKS):
        sets = sets_of(squat[week], "squat")
        assert [t.load for t in sets] == [float(p) for p in percents]
        assert [t.reps for t in sets] == list(reps)
        assert [t.amrap for t in sets] == [False, False, amrap]
    # Cycle 2: TM 105 kg (+5 kg lower body): 68.25 → 67.5, 78.75 → 80, 89.25 → 90.
    assert [t.load for t in sets_of(squat[4], "squat")] == [67.5, 80.0, 90.0]
    assert "TM +5 kg to 105 kg" in why_of(squat[4], "squat")
    # Upper body +2.5 kg: TM 102.5 kg, 65 % = 66.6 → 67.5.
    assert "TM +2.5 kg to 102.5 kg" in why_of(bench[4], "bench-press")
    # Cycle 4 starts from TM 115 kg on the squat.
    assert "week 1 of cycle 4" in why_of(squat[12], "squat")
    assert "TM 115 kg" in why_of(squat[12], "squat")


def test_wendler_default_training_max_loads() -> None:
    projection = project(load("wendler-531"))
    first = projection.sessions[0]
    assert [t.load for t in sets_of(first, "squat")] == [52.5, 60.0, 67.5]  # of TM 80 kg
    assert projection.sessions[1].prescriptions[0].exercise == "deadlift"
    assert [t.load for t in sets_of(projection.sessions[1], "deadlift")] == [65.0, 75.0, 85.0]


# ---- double-progression ---------------------------------------------------------------------

COMPOUNDS = {
    "bench-press",
    "barbell-row",
    "overhead-press",
    "lat-pulldown",
    "incline-dumbbell-press",
    "squat",
    "romanian-deadlift",
    "leg-press",
}


def test_double_progression_ranges_and_rotation() -> None:
    program = load("double-progression")
    assert [d.name for d in program.days] == ["Upper A", "Lower A", "Upper B", "Lower B"]
    assert (program.weeks, program.sessions_per_week, program.deload_every) == (12, 4, 6)
    assert 10 <= program.deload_pct <= 20
    for day in program.days:
        for slot in day.slots:
            params = slot.rule.params()
            assert params["kind"] == "double"
            assert slot.sets == 3
            expected = (8, 12) if slot.exercise in COMPOUNDS else (10, 15)
            assert (params["lo"], params["hi"]) == expected, slot.exercise
            # A step the exercise's rounding can express.
            increment = program.exercise(slot.exercise).increment
            assert params["add"] / increment == int(params["add"] / increment)
    assert program.exercise("lateral-raise").increment == 1.0


def test_double_progression_adds_reps_then_load_and_deloads_every_6th_week() -> None:
    program = load("double-progression")
    projection = project(program)
    bench = with_exercise(projection, "bench-press")
    first_five = [
        (sets_of(s, "bench-press")[0].reps, sets_of(s, "bench-press")[0].load) for s in bench[:5]
    ]
    assert first_five == [(8, 40.0), (9, 40.0), (10, 40.0), (11, 40.0), (12, 40.0)]
    assert sets_of(bench[0], "bench-press")[0].reps_max == 12
    deload = [s for s in projection.sessions if s.deload]
    assert {s.scheduled.week for s in deload} == {6, 12}
    week6 = next(s for s in bench if s.scheduled.week == 6)
    week7 = next(s for s in bench if s.scheduled.week == 7)
    assert sets_of(week7, "bench-press")[0].load == 42.5
    assert sets_of(week6, "bench-press")[0].load == 35.0  # 42.5 kg − 15 %, to 2.5 kg plates
    assert "deload week 6" in why_of(week6, "bench-press")


# ---- mobility -------------------------------------------------------------------------------


def test_mobility_is_daily_stretching_from_20_s_growing_to_45() -> None:
    program = load("mobility")
    assert (program.weeks, program.sessions_per_week) == (8, 7)
    assert {e.kind for e in program.exercises} == {"stretch"}
    ids = set(program.exercise_ids())
    assert {"hip-flexor-stretch", "hamstring-stretch", "pigeon-stretch", "child-pose"} <= ids
    projection = project(program)
    assert len(projection.sessions) == 56
    first, last = projection.sessions[0], projection.sessions[-1]
    assert sets_of(first, "hamstring-stretch")[0].seconds == 20
    assert [(t.reps, t.seconds) for t in sets_of(last, "hamstring-stretch")] == [(2, 45)]
    assert [(t.reps, t.seconds) for t in sets_of(last, "calf-stretch")] == [(1, 45)]
    every_hold = [
        t.seconds or 0 for s in projection.sessions for p in s.prescriptions for t in p.sets
    ]
    assert max(every_hold) <= 60
