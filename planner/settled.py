"""Settled sessions kept beside the checkpoints, so a whole projection derives only the rest.

Every session before a checkpoint (:class:`rules.engine.Checkpoint`) is settled: logged, or
missed, and derived from nothing later than the checkpoint's date. So the sessions between two
checkpoints hold for as long as the later checkpoint does, and are kept with it, pickled as
one run each (:data:`Run`: about a quarter of a year of sessions). A whole projection takes the
leading runs that the checkpoints it has still vouch for, as of its ``today``, and folds only
from the last of them: for a 10-year plan half logged, it derives the 1,300 future sessions,
not the 1,300 past ones as well. A change to the plan keeps the runs before its first change,
as it keeps the checkpoints there (:func:`carry`).

A run that does not unpickle into the sessions it names is dropped with the runs after it
(a cache is only a shortcut). Only the plan service uses this (speed machinery stays there).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rules.engine import Checkpoint, Session

try:  # (see planner.cache)
    from _pickle import dumps, loads
except ImportError:  # pragma: no cover - a Python without it
    from pickle import dumps, loads

Run = tuple[int, int, bytes]
"""Calendar positions ``start`` and ``end`` and the sessions between them (from ``start``, up
to but not including ``end``) pickled; runs follow each other from position 0."""

Runs = tuple[Run, ...]

PROTOCOL = 5


def _ends(checkpoints: Sequence[Checkpoint], today: dt.date | None = None) -> set[int]:
    return {cp.index for cp in checkpoints if today is None or cp.holds(today)}


def carry(runs: Sequence[Run], checkpoints: Sequence[Checkpoint]) -> Runs:
    """The leading ``runs`` that still hold with ``checkpoints`` (those of a changed plan,
    :func:`planner.resume.carry_checkpoints`): each ends where one of them stands."""
    ends = _ends(checkpoints)
    kept: list[Run] = []
    for run in runs:
        if run[1] not in ends:
            break
        kept.append(run)
    return tuple(kept)


def sessions(
    runs: Sequence[Run], checkpoints: Sequence[Checkpoint], today: dt.date
) -> tuple[Session, ...]:
    """The sessions of the leading runs that checkpoints holding on ``today`` vouch for, from
    position 0 (empty when none do, or the first run is damaged)."""
    ends = _ends(checkpoints, today)
    found: list[Session] = []
    for start, end, pickled in runs:
        if end not in ends or start != len(found):
            break
        try:
            run = loads(pickled)
        except Exception:  # a damaged run: only a missed shortcut
            break
        if not _fits(run, start, end):
            break
        found += run
    return tuple(found)


def _fits(run: object, start: int, end: int) -> bool:
    """Whether ``run`` is the sessions at positions ``start`` to ``end``."""
    if not isinstance(run, tuple) or len(run) != end - start or not run:
        return False
    first, last = run[0], run[-1]
    return (
        isinstance(first, Session)
        and isinstance(last, Session)
        and first.scheduled.number == start + 1
        and last.scheduled.number == end
    )


def extend(
    runs: Sequence[Run], whole: Sequence[Session], checkpoints: Sequence[Checkpoint]
) -> Runs:
    """The runs of ``whole`` (every session of a plan) between its ``checkpoints``, from
    position 0: those of ``runs`` as they are, the others pickled now."""
    have = {(run[0], run[1]): run for run in runs}
    out: list[Run] = []
    start = 0
    for end in sorted(_ends(checkpoints)):
        if end <= start or end > len(whole):
            continue
        run = have.get((start, end))
        if run is None:
            run = (start, end, dumps(tuple(whole[start:end]), protocol=PROTOCOL))
        out.append(run)
        start = end
    return tuple(out)
