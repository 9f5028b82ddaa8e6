"""A cache of parsed plans, so opening ten years of history does not mean parsing 750 KiB of TOML.

The plan file stays the only truth. An entry holds what was derived from one exact version of
the file: the plan as parsed, where its ``[[log]]`` blocks start (for block-wise saves, see
:mod:`planner.tomltext`), checkpoints of its projection (:class:`rules.engine.Checkpoint`) and
the settled sessions before them (:mod:`planner.settled`).
It is used only while the file's bytes still have the fingerprint (:mod:`planner.digests`) it was made from, and
only by the same code that made it; a missing, stale, corrupt or foreign entry is never an
error, just not used. The last few versions of each plan are kept, so an undo finds the version
it restores.

Entries are pickles, and unpickling can run code, so where they are read from is guarded: only
from a cache directory that is the user's own and writable by nobody else, only files that are
the user's own regular files, never through a link (:func:`planner.paths.read_private`);
otherwise the cache is ignored, without a word (it is only a shortcut), and nothing is written
there either. New cache directories are made 0700 and files 0600 whatever the umask. Whoever can
write into such a directory is the user (or root), who can already run code as the user (a
shell profile, the virtualenv): pickle opens no new way in, and a data-only format would need a
converter for every model and engine class the checkpoints hold.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

import attrs

import rules
from planner import digests
from planner.model import LogEntry, Plan
from planner.paths import cache_dir, make_private_dir, private_dir, read_private
from planner.storedlog import StoredLog
from rules.engine import Checkpoint, Status

if TYPE_CHECKING:
    from planner.settled import Run

try:  # the C pickler that pickle wraps: `import pickle` costs ~5 M instructions more at start-up
    from _pickle import dumps, loads
except ImportError:  # pragma: no cover - a Python without it
    from pickle import dumps, loads

FORMAT = 6
"""Bumped when the layout of an entry changes."""

PROTOCOL = 5
"""The pickle protocol of entries (Python 3.8's newest)."""

KEEP = 4
"""Versions of one plan kept (the current one and what undo goes back to)."""


CHUNK = 64
"""Log entries pickled together (about a year of sessions): a session logged re-pickles the
last run, not ten years."""


@attrs.frozen(slots=False)
class Entry:
    """What is kept of one version of a plan file."""

    plan: Plan
    blocks: tuple[int, ...] | None
    """Where each ``[[log]]`` block starts in the file's text (None: not laid out block-wise)."""
    checkpoints: tuple[Checkpoint, ...] = ()
    chunks: tuple[bytes, ...] = attrs.field(default=(), eq=False, repr=False)
    """``plan.log`` pickled in runs of :data:`CHUNK` entries, as stored (empty until stored)."""
    pickled: bytes = attrs.field(default=b"", eq=False, repr=False)
    """``checkpoints`` pickled, as stored (empty until stored)."""
    settled: tuple[Run, ...] = attrs.field(default=(), eq=False, repr=False)
    """The sessions before the checkpoints, pickled run by run (:mod:`planner.settled`)."""


def _pack(log: Sequence[LogEntry], previous: Entry | None) -> tuple[bytes, ...]:
    """``log`` pickled run by run, reusing ``previous``'s runs that hold the very same entries
    (and the runs of a log read from the cache and not changed since, as they are)."""
    stored = log.byte_runs if isinstance(log, StoredLog) and log.size == CHUNK else None
    if isinstance(log, StoredLog) and stored is not None:
        return tuple(
            dumps(log.run(n), protocol=PROTOCOL) if run is None else run
            for n, run in enumerate(stored)
        )
    old_log: Sequence[LogEntry] = previous.plan.log if previous is not None else ()
    old = previous.chunks if previous is not None else ()
    out = []
    for number, start in enumerate(range(0, len(log), CHUNK)):
        part = tuple(log[start : start + CHUNK])
        before = _run(old_log, number) if number < len(old) else ()
        if len(before) == len(part) and all(a is b for a, b in zip(part, before, strict=True)):
            out.append(old[number])
        else:
            out.append(dumps(part, protocol=PROTOCOL))
    return tuple(out)


def _run(log: Sequence[LogEntry], number: int) -> Sequence[LogEntry]:
    """Run ``number`` of ``log`` (of a stored log, only that run unpickled)."""
    if isinstance(log, StoredLog) and log.size == CHUNK:
        return log.run(number)
    return log[number * CHUNK : (number + 1) * CHUNK]


@functools.cache
def _stamp() -> bytes:
    """Which code wrote an entry: the format, Python, and the planner and engine sources."""
    planner_dir = Path(__file__).resolve().parent
    rules_dir = Path(rules.__file__).resolve().parent
    source = source_stamp([planner_dir, rules_dir])
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    return f"workout-cache {FORMAT} {version} {source[:32]}".encode()


def _folder(path: Path) -> str:
    where = os.path.realpath(path).encode("utf-8", "surrogateescape")
    return f"plans/{digests.hexdigest(where)[:32]}"


def _name(path: Path, fingerprint: str) -> str:
    return f"{_folder(path)}/{fingerprint}.pickle"


def _header(fingerprint: str) -> bytes:
    return _stamp() + b" " + fingerprint.encode() + b"\n"


def load(
    path: Path,
    fingerprint: str | None,
    recover: Callable[[], Sequence[LogEntry]] | None = None,
) -> Entry | None:
    """The entry for the version of ``path`` with ``fingerprint``, if one was kept. Its log's
    entries are unpickled as they are read; ``recover`` reads them from the file instead if
    one turns out damaged (without it, they are all unpickled now)."""
    if fingerprint is None:
        return None
    raw = read_cache(_name(path, fingerprint))
    header = _header(fingerprint)
    if raw is None or not raw.startswith(header):
        return None
    try:
        head, blocks, pickled, chunks, ordinals, statuses, settled = loads(raw[len(header) :])
        if not isinstance(head, Plan) or not _indexed(chunks, ordinals, statuses):
            return None
        if not _runs(settled):
            settled = ()
        checkpoints = loads(pickled)
        # The entries are unpickled run by run when read (a window reads few of them).
        stored = StoredLog(chunks, CHUNK, ordinals, statuses, recover)
        if recover is None:
            stored.whole()  # (a damaged run shows now, and the entry is not used)
        plan = attrs.evolve(head, log=cast("tuple[LogEntry, ...]", stored))
    except Exception:  # a damaged entry is only a missed shortcut
        return None
    return Entry(plan, blocks, checkpoints, chunks=chunks, pickled=pickled, settled=settled)


def _runs(settled: object) -> bool:
    """Whether an entry's settled sessions are runs as :mod:`planner.settled` keeps them."""
    return isinstance(settled, tuple) and all(
        isinstance(run, tuple)
        and len(run) == 3
        and isinstance(run[0], int)
        and isinstance(run[1], int)
        and isinstance(run[2], bytes)
        for run in settled
    )


def _index(log: Sequence[LogEntry]) -> tuple[tuple[int, ...], tuple[Status, ...]]:
    """The date (as an ordinal) and status of each entry of ``log``."""
    if isinstance(log, StoredLog):
        return log.ordinals, log.status_list
    return tuple(e.date.toordinal() for e in log), tuple(e.status for e in log)


def _indexed(chunks: object, ordinals: object, statuses: object) -> bool:
    """Whether an entry's log runs and their index fit each other."""
    if not (isinstance(chunks, tuple) and isinstance(ordinals, tuple)):
        return False
    if not isinstance(statuses, tuple) or len(statuses) != len(ordinals):
        return False
    return all(isinstance(c, bytes) for c in chunks) and len(chunks) == -(-len(ordinals) // CHUNK)


def newest(path: Path) -> Entry | None:
    """The entry kept last for ``path``, whatever version of the file it was made from: after a
    hand edit, the checkpoints before the edit still hold."""
    for name in cache_names(_folder(path)):
        entry = load(path, Path(name).stem)
        if entry is not None:
            return entry
    return None


def newest_checkpoints(path: Path) -> tuple[Plan, tuple[Checkpoint, ...]] | None:
    """The plan and checkpoints of the entry kept last for ``path`` (see :func:`newest`)."""
    entry = newest(path)
    return None if entry is None else (entry.plan, entry.checkpoints)


def store(path: Path, fingerprint: str | None, entry: Entry, previous: Entry | None) -> Entry:
    """Keep ``entry`` for the version of ``path`` with ``fingerprint`` (best effort); the log
    runs that ``previous`` (the entry of an earlier version) already pickled are reused.
    Returns the entry with its pickled runs."""
    chunks = _pack(entry.plan.log, previous)
    pickled = _pickled(entry.checkpoints, previous)
    if fingerprint is not None:
        head = attrs.evolve(entry.plan, log=())
        ordinals, statuses = _index(entry.plan.log)
        parts = (head, entry.blocks, pickled, chunks, ordinals, statuses, entry.settled)
        packed = dumps(parts, protocol=PROTOCOL)
        write_cache(_name(path, fingerprint), _header(fingerprint) + packed, keep=KEEP)
    return attrs.evolve(entry, chunks=chunks, pickled=pickled)


def _pickled(checkpoints: tuple[Checkpoint, ...], previous: Entry | None) -> bytes:
    """``checkpoints`` pickled; as ``previous`` pickled them when they are the very same (a
    change kept them: ``workout done`` stores twice, the second time with the same ones)."""
    if previous is not None and previous.pickled:
        before = previous.checkpoints
        if len(before) == len(checkpoints) and all(
            a is b for a, b in zip(before, checkpoints, strict=True)
        ):
            return previous.pickled
    return dumps(checkpoints, protocol=PROTOCOL)


# Cache files: bytes in the user's cache directory, always optional -------------------------


def read_cache(name: str) -> bytes | None:
    """A cache file's bytes, or None when there is none or it cannot be read (a cache is only
    ever a shortcut: every caller can do without it)."""
    return read_private(cache_dir(), name)


def write_cache(name: str, content: bytes, *, keep: int = 0) -> None:
    """Replace a cache file, atomically but without fsync or backups (it can always be rebuilt);
    with ``keep``, only the ``keep`` newest files of its folder stay. A failure is ignored."""
    from planner.safewrite import temp_beside  # (a read-only command writes no cache)

    root = cache_dir()
    target = root / name
    try:
        make_private_dir(target.parent)
        if not private_dir(root):
            return  # another user could read or plant files there: no cache at all
        fd, temp = temp_beside(target)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
        return
    if keep:
        folder = name.rpartition("/")[0]
        for old in cache_names(folder)[keep:]:
            if old != name:
                with contextlib.suppress(OSError):
                    (cache_dir() / old).unlink()


def cache_names(folder: str) -> list[str]:
    """The cache files in ``folder`` (relative to the cache directory), newest first."""
    try:
        found = [p for p in (cache_dir() / folder).iterdir() if not p.name.startswith(".")]
        found.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
    except OSError:
        return []
    return [f"{folder}/{p.name}" for p in found]


def source_stamp(folders: Iterable[Path]) -> str:
    """A digest of the size and modification time of every ``*.py`` file in ``folders``: it
    changes whenever the code that wrote a cache may have changed."""
    hashed = digests.blake2b(digest_size=digests.SIZE)
    for folder in folders:
        try:
            found = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in found:
            if entry.name.endswith(".py"):
                info = entry.stat()
                hashed.update(
                    f"{folder.name}/{entry.name}:{info.st_size}:{info.st_mtime_ns};".encode()
                )
    return hashed.hexdigest()
