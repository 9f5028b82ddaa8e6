"""Status marks and set text: how a status and planned and done sets read (``5×5 @ 60 kg``, ``6-4-2 × 10 s``, ``5, 5, 4 @ 60
kg (planned 5×5 @ 60 kg)``), for :mod:`planner.present` and everything that prints a set.

Pure functions of the sets and the unit; ``done_text`` judges "as planned" by the engine's own
success test, so what reads as done is what the engine advanced on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rules.values import SetDone, SetTarget, duration_text, fmt_number, succeeded

if TYPE_CHECKING:
    from planner.model import LoggedSet
    from planner.progress import Best

# Marks ---------------------------------------------------------------------------------------

MARKS: Mapping[str, str] = {"done": "✓", "skipped": "–", "missed": "✗", "planned": "·"}
"""One sign per session status, the same in the CLI, the app and the exports (read without
colour)."""

STATUS_LEGEND = "  ".join(f"{sign} {status}" for status, sign in MARKS.items())
"""``✓ done  – skipped  ✗ missed  · planned``: the key to :data:`MARKS`."""


def mark(status: str) -> str:
    """The sign of a session status (:data:`MARKS`)."""
    return MARKS[status]


# Set text ------------------------------------------------------------------------------------


def fmt_load(value: float | None, unit: str) -> str:
    """``60 kg`` or an empty string."""
    return "" if value is None else f"{fmt_number(value)} {unit}"


def load_text(load: float | None, unit: str, added: bool = False) -> str:
    """`` @ 60 kg`` after the reps; on a bodyweight exercise the load is added to the body:
    `` +10 kg`` (a chin-up with a 10 kg belt). "" without a load."""
    if not load:
        return ""
    return f" {'+' if added else '@ '}{fmt_number(load)} {unit}"


def _one(target: SetTarget, unit: str, added: bool = False) -> str:
    reps = ""
    if target.reps is not None:
        reps = str(target.reps)
        if target.reps_max is not None and target.reps_max != target.reps:
            reps = f"{target.reps}–{target.reps_max}"
        reps += "+" if target.amrap else ""
    if target.seconds is not None:
        # Ten minutes of walking reads better as "10 min" than as "600 s" (so does its why).
        hold = duration_text(target.seconds)
        reps = hold if reps in ("", "1") else f"{reps} × {hold}"
    return (reps or "as you feel") + load_text(target.load, unit, added)


def describe_sets(sets: Sequence[SetTarget], unit: str, *, added: bool = False) -> str:
    """``5×5 @ 60 kg``, ``3×8–12 @ 40 kg``, ``2 sets of 6 × 10 s``; a pyramid ``6-4-2 × 10 s``;
    a top set and back-offs ``5 @ 100 kg, back-off 2×5 @ 90 kg``; a wave lists each set.

    ``added``: a bodyweight exercise, whose load is added to the body (``3×5 +10 kg``)."""
    if not sets:
        return "—"
    first = sets[0]
    if sets.count(first) == len(sets):  # (all alike; a rule repeats one set: found by identity)
        return _alike(sets, unit, added)
    pyramid = _pyramid(sets, unit, added)
    if pyramid is not None:
        return pyramid
    groups: list[list[SetTarget]] = []
    for target in sets:
        if groups and groups[-1][0] == target:
            groups[-1].append(target)
        else:
            groups.append([target])
    parts = [_alike(group, unit, added) for group in groups]
    rest = groups[1:]
    if len(groups) == 2 and len(groups[0]) == 1 and (rest[0][0].load or 0) < (first.load or 0):
        return f"{parts[0]}, back-off {parts[1]}"
    return ", ".join(parts)


def _alike(sets: Sequence[SetTarget], unit: str, added: bool = False) -> str:
    """Equal sets: ``5×5 @ 60 kg``, ``2 sets of 6 × 10 s``."""
    one = _one(sets[0], unit, added)
    if len(sets) == 1:
        return one
    return f"{len(sets)} sets of {one}" if sets[0].seconds is not None else f"{len(sets)}×{one}"


def _pyramid(sets: Sequence[SetTarget], unit: str, added: bool = False) -> str | None:
    """``6-4-2 × 10 s``, ``8-6-4 @ 40 kg``: sets alike but for their reps (None otherwise)."""
    first, last = sets[0], len(sets) - 1
    for index, target in enumerate(sets):
        if target.reps is None or target.reps_max is not None or (target.amrap and index < last):
            return None
        if (target.load, target.seconds) != (first.load, first.seconds):
            return None
    reps = "-".join(str(s.reps) for s in sets) + ("+" if sets[-1].amrap else "")
    rest = _one(SetTarget(seconds=first.seconds, load=first.load), unit, added)
    if first.seconds is not None:
        return f"{reps} × {rest}"
    return reps + load_text(first.load, unit, added)


def lifted_text(done: Sequence[LoggedSet], unit: str, *, added: bool = False) -> str:
    """What was really done: ``5×5 @ 40 kg``, ``5, 5, 4 @ 60 kg``, ``10 s, 8 s``, ``3×5 +10
    kg`` (``added``: a bodyweight exercise)."""
    sets = [SetTarget(reps=s.reps, load=s.load, seconds=s.seconds) for s in done]
    return _reps_only_differ(sets, unit, added) or describe_sets(sets, unit, added=added)


def _reps_only_differ(sets: Sequence[SetTarget], unit: str, added: bool) -> str | None:
    """``5, 5, 4 @ 60 kg`` for sets alike but for their reps (None for other sets)."""
    first = sets[0] if sets else None
    if first is None or sets.count(first) == len(sets):
        return None
    if any(s.reps is None or (s.load, s.seconds) != (first.load, first.seconds) for s in sets):
        return None
    reps = ", ".join(str(s.reps) for s in sets)
    if first.seconds is not None:
        return f"{reps} × {_one(SetTarget(seconds=first.seconds, load=first.load), unit, added)}"
    return reps + load_text(first.load, unit, added)


def _as_written(targets: Sequence[SetTarget], done: Sequence[LoggedSet]) -> bool:
    """Each set done just as the plan writes it: its (least) reps, its seconds, its load."""
    return len(targets) == len(done) and all(
        t.reps == d.reps and t.seconds == d.seconds and abs((t.load or 0) - (d.load or 0)) < 1e-6
        for t, d in zip(targets, done, strict=True)
    )


def not_done_text(targets: Sequence[SetTarget], unit: str, *, added: bool = False) -> str:
    """An exercise left out of a done session: ``not done (planned 5×5 @ 60 kg)``."""
    return f"not done (planned {describe_sets(targets, unit, added=added)})"


def done_text(
    targets: Sequence[SetTarget], done: Sequence[LoggedSet], unit: str, *, added: bool = False
) -> str:
    """An exercise of a done session, always with what was really lifted.

    ``5×5 @ 60 kg ✓`` when done just as written (5 reps on a 5+ or 5–8 set is as written);
    ``5×5 @ 65 kg ✓ (planned 5×5 @ 60 kg)`` when every set was met another way (heavier, more
    reps); ``5, 5, 4 @ 60 kg (planned 5×5 @ 60 kg)`` when short of the plan. The engine's own
    test of success decides the ✓. ``added``: a bodyweight exercise (``3×5 +10 kg``).
    """
    if not done:
        return not_done_text(targets, unit, added=added)
    planned = describe_sets(targets, unit, added=added)
    felt = rpe_text(done)
    if _as_written(targets, done):  # (which meets every set: the common case, decided first)
        return f"{planned} {MARKS['done']}{felt}"
    lifted = lifted_text(done, unit, added=added)
    did = tuple(SetDone(reps=s.reps, load=s.load, seconds=s.seconds) for s in done)
    if not succeeded(tuple(targets), did):
        return f"{lifted}{felt} (planned {planned})"
    return f"{lifted} {MARKS['done']}{felt} (planned {planned})"


def rpe_text(done: Sequence[LoggedSet]) -> str:
    """`` RPE 8, 8, 9`` (one value when every set felt the same), or "" when none was logged."""
    rpes = [s.rpe for s in done]
    if all(r is None for r in rpes):
        return ""
    if len(set(rpes)) == 1:
        return f" RPE {fmt_number(rpes[0] or 0)}"
    return " RPE " + ", ".join("–" if r is None else fmt_number(r) for r in rpes)


METRIC_UNITS: Mapping[str, str] = {"seconds": "s", "reps": "reps"}
"""The unit of a progress metric other than load (a load is in the plan's unit)."""


def metric_text(value: float, metric: str, unit: str) -> str:
    """A progress value: ``62.5 kg``, ``30 s``, ``12 min`` (a walk, as its sets say), ``12 reps``."""
    if metric == "seconds" and value == int(value):
        return duration_text(int(value))
    return f"{fmt_number(value)} {unit if metric == 'load' else METRIC_UNITS[metric]}"


def best_text(best: Best, unit: str, *, added: bool = False) -> str:
    """A personal best set: ``5 @ 100 kg``, ``45 s``, ``12 reps``, ``5 +20 kg`` (``added``)."""
    if best.metric == "load":
        return describe_sets([SetTarget(reps=best.reps, load=best.value)], unit, added=added)
    return metric_text(best.value, best.metric, unit)


# Sessions ------------------------------------------------------------------------------------
