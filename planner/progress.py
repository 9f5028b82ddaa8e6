"""Progress over time: planned against done per exercise, and personal bests (pure; each worked
out once per projection, :mod:`planner.memo`)."""

from __future__ import annotations

import datetime as dt

import attrs

from planner.memo import per_projection
from planner.model import LoggedSet
from planner.present import exercise_name
from planner.projection import Projection
from rules.values import SetTarget


def metric_of(kind: str) -> str:
    """What progress means for an exercise kind: ``load``, ``seconds`` or ``reps``."""
    return {"hold": "seconds", "stretch": "seconds", "reps": "reps"}.get(kind, "load")


def _value(sets: tuple[SetTarget, ...] | tuple[LoggedSet, ...], metric: str) -> float | None:
    values = [getattr(s, metric) for s in sets if getattr(s, metric) is not None]
    return float(max(values)) if values else None


@attrs.frozen(slots=False)
class Point:
    """One session of an exercise: what was planned and (if logged) what was done."""

    date: dt.date
    planned: float | None
    done: float | None
    status: str
    sets: tuple[LoggedSet, ...] = ()
    """The sets done (their RPE, when logged, shows in progress)."""


@attrs.frozen(slots=False)
class Series:
    """An exercise over the whole plan."""

    exercise: str
    name: str
    metric: str
    """``load`` (in the plan's units), ``seconds`` or ``reps``."""
    points: tuple[Point, ...]


@per_projection
def series(projection: Projection, exercise: str) -> Series:
    """Planned against done for ``exercise``, session by session."""
    plan = projection.plan
    known = plan.exercises()
    kind = known[exercise].kind if exercise in known else "load"
    metric = metric_of(kind)
    log = {entry.date: entry for entry in plan.log}
    points = []
    for session in projection.sessions:
        for prescription in session.prescriptions:
            if prescription.exercise != exercise:
                continue
            entry = log.get(session.scheduled.key)
            done: float | None = None
            sets: tuple[LoggedSet, ...] = ()
            if entry is not None and entry.status == "done":
                for item in entry.exercises:
                    if item.exercise == exercise:
                        done, sets = _value(item.sets, metric), item.sets
            planned = _value(prescription.sets, metric)
            points.append(Point(session.scheduled.date, planned, done, session.status, sets))
    return Series(exercise, exercise_name(exercise, known), metric, tuple(points))


def epley(load: float, reps: int) -> float:
    """Estimated one-rep max (Epley): load × (1 + reps / 30); a single is itself."""
    return load if reps <= 1 else load * (1 + reps / 30)


@attrs.frozen(slots=False)
class Best:
    """An exercise's personal bests from the log."""

    exercise: str
    name: str
    metric: str
    value: float
    """Heaviest load, longest hold or most reps in one set."""
    reps: int | None
    date: dt.date
    estimated_max: float | None = None
    """The best Epley estimate of the one-rep max over every logged set (load exercises)."""
    rpe: float | None = None
    """How hard the best set felt (RPE), when logged."""


@per_projection
def personal_bests(projection: Projection) -> tuple[Best, ...]:
    """Per exercise that was done at least once: the best set, by what matters for its kind."""
    plan = projection.plan
    known = plan.exercises()
    bests: dict[str, Best] = {}
    maxima: dict[str, float] = {}  # the best Epley estimate over every set, not the top set's
    for entry in plan.log:
        if entry.status != "done":
            continue
        for item in entry.exercises:
            kind = known[item.exercise].kind if item.exercise in known else "load"
            metric = metric_of(kind)
            name = exercise_name(item.exercise, known)
            for done in item.sets:
                value = getattr(done, metric)
                if value is None or (metric == "load" and not done.reps):
                    continue
                e1rm = epley(float(value), done.reps or 1) if metric == "load" else None
                if e1rm is not None:
                    maxima[item.exercise] = max(e1rm, maxima.get(item.exercise, 0.0))
                old = bests.get(item.exercise)
                if old is None or (value, done.reps or 0) > (old.value, old.reps or 0):
                    bests[item.exercise] = Best(
                        item.exercise,
                        name,
                        metric,
                        float(value),
                        done.reps,
                        entry.date,
                        round(e1rm, 1) if e1rm is not None else None,
                        done.rpe,
                    )
    return tuple(
        sorted(
            (
                attrs.evolve(b, estimated_max=round(maxima[b.exercise], 1))
                if b.exercise in maxima
                else b
                for b in bests.values()
            ),
            key=lambda b: b.name,
        )
    )


@per_projection
def last_logged(projection: Projection) -> str | None:
    """The exercise logged most recently (a loaded one first), or None before any log."""
    plan = projection.plan
    known = plan.exercises()
    for entry in sorted(plan.log, key=lambda e: e.date, reverse=True):
        if entry.status != "done" or not entry.exercises:
            continue
        loaded = [
            item.exercise
            for item in entry.exercises
            if metric_of(known[item.exercise].kind if item.exercise in known else "load") == "load"
        ]
        return loaded[0] if loaded else entry.exercises[0].exercise
    return None


@per_projection
def most_changing(projection: Projection) -> str | None:
    """The exercise whose plan changes most (the one worth charting first), or None."""
    best: str | None = None
    spread = -1.0
    for exercise in projection.plan.exercises():
        planned = [p.planned for p in series(projection, exercise).points if p.planned is not None]
        top = max(planned, default=0.0)
        change = (top - min(planned)) / top if top else 0.0
        if change > spread:
            best, spread = exercise, change
    return best
