"""A plan's log as the cache keeps it: runs of entries, each unpickled only when first read.

``workout today`` needs the date and status of every logged session (the calendar's statuses)
but the entries themselves only round the next session; unpickling ten years of entries to show
one week cost start-up in proportion to the history (promise S2: O(1) in history). A
:class:`StoredLog` holds the runs as pickled (see :mod:`planner.cache`) with a small index of
dates and statuses, and behaves as the tuple of entries it stands for: anything that reads the
whole log (a save, an export, a comparison) unpickles every run then, once. Only the plan
service's cache makes one (speed machinery stays behind the service: callers see a log).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar, cast, overload

from planner.model import LogEntry, Plan
from rules.engine import Status

try:  # (see planner.cache)
    from _pickle import loads
except ImportError:  # pragma: no cover - a Python without it
    from pickle import loads

T = TypeVar("T")


class StoredLog(Sequence[LogEntry]):
    """The log entries in pickled runs of ``size`` (the last may be shorter), in date order,
    with the ordinal date and status of each entry."""

    __slots__ = (
        "_at",
        "_byte_runs",
        "_ordinals",
        "_recover",
        "_runs",
        "_size",
        "_statuses",
        "_whole",
    )

    def __init__(
        self,
        byte_runs: tuple[bytes | None, ...],
        size: int,
        ordinals: tuple[int, ...],
        statuses: tuple[Status, ...],
        recover: Callable[[], Sequence[LogEntry]] | None = None,
    ) -> None:
        """``recover`` reads the entries from the plan file itself: used if a run turns out
        damaged (a cache is only a shortcut); without it, a damaged run is a ValueError."""
        self._byte_runs = byte_runs
        self._size = size
        self._ordinals = ordinals
        self._statuses = statuses
        self._runs: list[tuple[LogEntry, ...] | None] = [None] * len(byte_runs)
        self._whole: tuple[LogEntry, ...] | None = None
        self._at: dict[int, int] | None = None
        self._recover = recover

    @property
    def size(self) -> int:
        """Entries in each run."""
        return self._size

    @property
    def unpickled(self) -> int:
        """How many entries were unpickled so far (the start-up guard tests count them)."""
        return sum(len(run) for run in self._runs if run is not None)

    @property
    def ordinals(self) -> tuple[int, ...]:
        """The date of each entry, as an ordinal."""
        return self._ordinals

    @property
    def status_list(self) -> tuple[Status, ...]:
        """The status of each entry."""
        return self._statuses

    @property
    def byte_runs(self) -> tuple[bytes | None, ...] | None:
        """The runs as pickled (the cache writes them back as they are; None: a run made since,
        not pickled yet); None once a damaged run was read again from the file."""
        return self._byte_runs if len(self._byte_runs) == len(self._runs) else None

    def run(self, number: int) -> tuple[LogEntry, ...]:
        """Run ``number``, unpickled now if it was not yet."""
        found = self._runs[number]
        if found is None:
            try:
                found = self._unpickled(number)
            except Exception:
                if self._recover is None:
                    raise ValueError("a stored log run is damaged") from None
                self._recovered()
                found = self._runs[number]
                assert found is not None
            self._runs[number] = found
        return found

    def _unpickled(self, number: int) -> tuple[LogEntry, ...]:
        pickled = self._byte_runs[number]
        assert pickled is not None  # (a run made since was given unpickled)
        found = loads(pickled)
        first = number * self._size
        named = self._ordinals[first : first + self._size]
        if not isinstance(found, tuple) or len(found) != len(named):
            raise ValueError("a stored log run does not hold the entries its index names")
        for entry, ordinal in zip(found, named, strict=True):
            if not isinstance(entry, LogEntry) or entry.date.toordinal() != ordinal:
                raise ValueError("a stored log run does not hold the entries its index names")
        return found

    def _recovered(self) -> None:
        """Every run as the plan file holds it (a run in the cache was damaged)."""
        assert self._recover is not None
        log = tuple(self._recover())
        ordinals = tuple(entry.date.toordinal() for entry in log)
        if ordinals != self._ordinals:
            raise ValueError("the plan file does not hold the log the cache names")
        size = self._size
        self._recover = None
        self._byte_runs = ()  # (never written back to the cache)
        self._runs = [log[start : start + size] for start in range(0, len(log), size)]

    def whole(self) -> tuple[LogEntry, ...]:
        """Every entry, as a tuple."""
        if self._whole is None:
            self._whole = tuple(e for number in range(len(self._runs)) for e in self.run(number))
        return self._whole

    def statuses(self) -> dict[dt.date, Status]:
        """The status of each logged session, by date (no entry unpickled)."""
        fromordinal = dt.date.fromordinal
        return {fromordinal(o): s for o, s in zip(self._ordinals, self._statuses, strict=True)}

    def entry_on(self, key: dt.date) -> LogEntry | None:
        """The entry of the session scheduled on ``key``, if any (only its run unpickled)."""
        index = self._positions().get(key.toordinal())
        return None if index is None else self[index]

    def _positions(self) -> dict[int, int]:
        """Where the first entry of each date is (a log read from a file need not be sorted)."""
        if self._at is None:
            at: dict[int, int] = {}
            for index, ordinal in enumerate(self._ordinals):
                at.setdefault(ordinal, index)
            self._at = at
        return self._at

    def with_entry(self, entry: LogEntry) -> StoredLog | None:
        """This log with ``entry`` (replacing an entry of its date) when it falls in the last
        run of a log in date order, as :meth:`planner.model.Plan.with_entry` would make it,
        the other runs shared as stored; None otherwise."""
        ordinals, size, key = self._ordinals, self._size, entry.date.toordinal()
        last = (len(ordinals) - 1) // size * size
        if not ordinals or key < ordinals[last] or self.byte_runs is None:
            return None
        if any(a >= b for a, b in itertools.pairwise(ordinals)):
            return None  # (laid out by hand out of order: Plan.with_entry sorts the whole log)
        kept = [e for e in self.run(last // size) if e.date != entry.date]
        tail = tuple(sorted((*kept, entry), key=lambda e: e.date))
        runs = [tail[start : start + size] for start in range(0, len(tail), size)]
        log = StoredLog(
            self._byte_runs[: last // size] + (None,) * len(runs),
            size,
            ordinals[:last] + tuple(e.date.toordinal() for e in tail),
            self._statuses[:last] + tuple(e.status for e in tail),
            _recovered_with(self._recover, last, tail),
        )
        log._runs[: last // size] = self._runs[: last // size]
        log._runs[last // size :] = runs
        return log

    def by_date(self) -> Mapping[dt.date, LogEntry]:
        """The entries by date, each unpickled (with its run) when first looked up."""
        return _ByDate(self)

    # The tuple it stands for ------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._ordinals)

    @overload
    def __getitem__(self, index: int) -> LogEntry: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[LogEntry, ...]: ...

    def __getitem__(self, index: int | slice) -> LogEntry | tuple[LogEntry, ...]:
        if isinstance(index, slice):
            return self.whole()[index]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("log index out of range")
        return self.run(index // self._size)[index % self._size]

    def __iter__(self) -> Iterator[LogEntry]:
        for number in range(len(self._runs)):
            yield from self.run(number)

    def __reversed__(self) -> Iterator[LogEntry]:
        for number in range(len(self._runs) - 1, -1, -1):
            yield from reversed(self.run(number))

    def __contains__(self, value: object) -> bool:
        return value in self.whole()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, StoredLog):
            runs = self.byte_runs
            if runs is not None and other.byte_runs == runs and other._size == self._size:
                return True
            return self.whole() == other.whole()
        if isinstance(other, tuple):
            return len(other) == len(self) and self.whole() == other
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self.whole())

    def __add__(self, other: tuple[Any, ...]) -> tuple[Any, ...]:
        return self.whole() + tuple(other)

    def __radd__(self, other: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(other) + self.whole()

    def __repr__(self) -> str:
        return repr(self.whole())

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (self.whole(),))  # (pickled elsewhere as the plain tuple it stands for)


def _recovered_with(
    recover: Callable[[], Sequence[LogEntry]] | None, last: int, tail: tuple[LogEntry, ...]
) -> Callable[[], Sequence[LogEntry]] | None:
    """How a log made by :meth:`StoredLog.with_entry` reads a damaged run: the entries of the
    log before it (as its own ``recover`` reads them) up to ``last``, then ``tail``. Not that
    log itself: each log would keep the one before, and a day of sessions logged in the app
    every version of the log since it opened."""
    if recover is None:
        return None
    return lambda: tuple(recover())[:last] + tail


class _ByDate(Mapping[dt.date, LogEntry]):
    """A stored log's entries by date."""

    def __init__(self, log: StoredLog) -> None:
        self._log = log
        fromordinal = dt.date.fromordinal
        self._at = {fromordinal(o): i for i, o in enumerate(log._ordinals)}

    def __getitem__(self, key: dt.date) -> LogEntry:
        return self._log[self._at[key]]

    def __iter__(self) -> Iterator[dt.date]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)

    def __contains__(self, key: object) -> bool:
        return key in self._at


def shared_entries(old: Sequence[object], new: Sequence[object]) -> int:
    """How many entries at the start of ``new`` are those of ``old``, found without reading
    them: the leading runs two stored logs share as stored (0 for any other logs)."""
    if not (isinstance(old, StoredLog) and isinstance(new, StoredLog)) or old.size != new.size:
        return 0
    runs = 0
    for a, b in zip(old._byte_runs, new._byte_runs, strict=False):
        if a is None or a is not b:
            break
        runs += 1
    return min(runs * old.size, len(old), len(new))


def entries_from(log: Sequence[T], start: int) -> Iterator[T]:
    """The entries of ``log`` from position ``start`` (of a stored log, only the runs from
    there unpickled)."""
    if not isinstance(log, StoredLog):
        yield from log[start:]
        return
    first = start // log.size
    for number in range(first, len(log._runs)):
        run = log.run(number)
        yield from cast(
            "tuple[T, ...]", run[start - first * log.size :] if number == first else run
        )


def entries_by_date(plan: Plan) -> Mapping[dt.date, LogEntry]:
    """``plan``'s log entries by date (from a stored log, without unpickling them all)."""
    log: Sequence[LogEntry] = plan.log
    if isinstance(log, StoredLog):
        return log.by_date()
    return {entry.date: entry for entry in log}


def statuses_by_date(plan: Plan, entries: Mapping[dt.date, LogEntry]) -> dict[dt.date, Status]:
    """The status of each of ``plan``'s logged sessions, by date (``entries``: its log by
    date)."""
    log: Sequence[LogEntry] = plan.log
    if isinstance(log, StoredLog):
        return log.statuses()
    return {key: entry.status for key, entry in entries.items()}
