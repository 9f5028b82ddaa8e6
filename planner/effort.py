"""Effort as the person logs it: RPE per set (``--rpe squat=8,8,9``), or reps in reserve
(``--rir squat=2,2,1``), kept as RPE (RPE 10 − RIR: two reps left is RPE 8).

Pure: parsing flags and attaching the values to logged sets; :func:`planner.actions.log_done`
calls :func:`with_rpe`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from planner.errors import UsageError
from planner.model import LoggedExercise

RPE_SCALE = (1.0, 10.0)
"""RPE runs from 1 (very easy) to 10 (no rep left); halves (8.5) are common."""


def parse_effort(rpe: Sequence[str], rir: Sequence[str]) -> dict[str, list[float]]:
    """``--rpe`` and ``--rir`` flags as RPE values per exercise; one-line errors naming the flag."""
    from planner.actions import parse_assignment

    out: dict[str, list[float]] = {}
    for flag, items in (("--rpe", rpe), ("--rir", rir)):
        for item in items:
            name, text = parse_assignment(item, flag)
            if name in out:
                raise UsageError(f"{flag} {name}: its effort is given twice (--rpe or --rir, once)")
            out[name] = parse_rpe_values(text, f"{flag} {name}", rir=flag == "--rir")
    return out


def parse_rpe_values(text: str, where: str, *, rir: bool = False) -> list[float]:
    """``8,8,9`` (or ``8, 8, 9``; reps in reserve when ``rir``) as RPE values; errors name
    ``where``. The one parser of typed effort: the CLI's ``--rpe``/``--rir`` and the app's field."""
    from planner.actions import parse_number

    values = [parse_number(v.strip(), where) for v in text.split(",") if v.strip()]
    return [_as_rpe(value, where, rir=rir) for value in values]


def _as_rpe(value: float, where: str, *, rir: bool) -> float:
    rpe = 10.0 - value if rir else value
    if not RPE_SCALE[0] <= rpe <= RPE_SCALE[1]:
        scale = "0 to 9 reps in reserve" if rir else "1 to 10"
        raise UsageError(f"{where}: {value:g} is outside {scale}")
    return rpe


def with_rpe(
    done: Sequence[LoggedExercise],
    rpe: Mapping[str, Sequence[float]],
    names: Sequence[str],
    *,
    flag: str = "--rpe",
) -> tuple[LoggedExercise, ...]:
    """``done`` with each exercise's RPE on its sets: one value for every set, or one per set.
    ``names``: the session's exercises (an RPE for another is refused); ``flag``: how errors
    name the field (the app's form says ``RPE``)."""
    for name in rpe:
        if name not in names:
            raise UsageError(f"{flag}: {name!r} is not in this session ({', '.join(names)})")
    out = []
    seen = set()
    for item in done:
        values = rpe.get(item.exercise)
        if values is None:
            out.append(item)
            continue
        seen.add(item.exercise)
        count = len(item.sets)
        if len(values) not in (1, count):
            raise UsageError(
                f"{flag} {item.exercise}: {len(values)} values for {count} sets "
                "(give one for every set, or one per set)"
            )
        each = list(values) * count if len(values) == 1 else list(values)
        sets = tuple(attrs.evolve(s, rpe=r) for s, r in zip(item.sets, each, strict=True))
        out.append(attrs.evolve(item, sets=sets))
    missing = sorted(set(rpe) - seen)
    if missing:
        raise UsageError(f"{flag} {missing[0]}: no sets of it were logged in this session")
    return tuple(out)
