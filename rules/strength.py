"""Strength that carries across phases: an estimated one-rep max (e1RM) per lift, from the log.

Pure arithmetic, no state: the fold (:mod:`rules.engine`) remembers each lift's :class:`Estimate`
and the step :func:`rules.policies.carry_strength` starts a lift from it when a phase starts it
under another rule.

- :func:`epley`: the e1RM of one set (Epley: ``load × (1 + reps / 30)``);
- :func:`best_set`: the best qualifying set of a session (1–12 reps with a load; an AMRAP set
  counts with the reps really done);
- :func:`newer_estimate`: which of two estimates a lift keeps (the best of recent weeks);
- :func:`training_max`, :func:`working_load`: a rule's starting point from an estimate (5/3/1's
  TM is 90 % of it; a rep scheme's load is the one that leaves two reps in reserve at the low end
  of its reps, about RPE 8).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from rules.values import SetDone, SetTarget, fmt_number

MAX_REPS = 12
"""Sets of more reps than this say little about a one-rep max: they do not qualify."""

RECENT_DAYS = 56
"""An estimate older than eight weeks gives way to the latest one, even a lower one."""

TM_PCT = 90.0
"""Wendler's training max: 90 % of the one-rep max."""

RESERVE = 2
"""Reps in reserve at the low end of a rep scheme's reps when a lift starts from an estimate
(RPE 8)."""


def epley(load: float, reps: int) -> float:
    """The estimated one-rep max of ``reps`` at ``load`` (one rep: the load itself)."""
    if reps <= 1:
        return load
    return load * (1 + reps / 30)


def epley_load(one_rm: float, reps: int) -> float:
    """The load that ``reps`` reps at most can be done with, given a one-rep max (Epley's
    inverse)."""
    if reps <= 1:
        return one_rm
    return one_rm / (1 + reps / 30)


@attrs.frozen(slots=False)
class Estimate:
    """A lift's estimated one-rep max, and the set it comes from (named in the why)."""

    value: float
    date: dt.date
    source: str
    """``5×5 @ 92.5 kg on 2027-01-20``, or ``the 1RM you gave``: where it came from."""
    phase: int = -1
    """The phase (index) it was reached in; -1: given by the person."""

    def text(self, unit: str) -> str:
        """``108 kg (5×5 @ 92.5 kg on 2027-01-20)``."""
        return f"{fmt_number(round(self.value))} {unit} ({self.source})"


def best_set(
    sets: Iterable[SetDone | SetTarget],
    date: dt.date,
    unit: str,
    *,
    projected: bool = False,
    phase: int = -1,
) -> Estimate | None:
    """The best e1RM of a session's sets (None when no set qualifies: 1–12 reps with a load)."""
    best: tuple[float, int, float, int] | None = None  # e1RM, reps, load, count of such sets
    for done in sets:
        reps, load = done.reps, done.load
        if reps is None or load is None or load <= 0 or not 1 <= reps <= MAX_REPS:
            continue
        value = epley(load, reps)
        if best is None or value > best[0] + 1e-9:
            best = (value, reps, load, 1)
        elif abs(value - best[0]) < 1e-9 and (reps, load) == best[1:3]:
            best = (best[0], reps, load, best[3] + 1)
    if best is None:
        return None
    value, reps, load, count = best
    scheme = f"{count}×{reps}" if count > 1 else f"{reps}"
    when = f"if done on {date}" if projected else f"on {date}"
    return Estimate(value, date, f"{scheme} @ {fmt_number(load)} {unit} {when}", phase)


def newer_estimate(prior: Estimate | None, latest: Estimate | None) -> Estimate | None:
    """What a lift keeps after a session: the better of the two, unless the prior one is more
    than :data:`RECENT_DAYS` older (strength comes and goes: a best of last year is not today's)."""
    if latest is None:
        return prior
    if prior is None or latest.value >= prior.value:
        return latest
    if (latest.date - prior.date).days > RECENT_DAYS:
        return latest
    return prior


def training_max(estimate: Estimate) -> float:
    """5/3/1's training max from an estimate (unrounded)."""
    return estimate.value * TM_PCT / 100


def working_load(estimate: Estimate, reps: int) -> float:
    """The working load for sets of ``reps`` that leaves :data:`RESERVE` reps in reserve
    (unrounded)."""
    return epley_load(estimate.value, reps + RESERVE)
