"""The plan service: one open plan file, the one way the CLI and the app read, change and project it.

Open a plan (:meth:`PlanService.open`), look at it (:meth:`~PlanService.window` round the next
session, :meth:`~PlanService.whole` for every session), change it (:meth:`~PlanService.apply`: a
pure function ``Plan -> Plan``, run under the file's lock on the file as it is on disk at that
moment, so a change made meanwhile by another process is kept too), and go back
(:meth:`~PlanService.undo`, :meth:`~PlanService.restore`).

Speed machinery stays in here (docs/ARCHITECTURE.md, promises S1–S5): the cache of parsed plans
(:mod:`planner.cache`), the checkpoints projections resume from and the sessions settled before
them (:mod:`planner.resume`, :mod:`planner.settled`), and when to keep them: no caller sees any.
The app calls a service from worker threads: every method is thread-safe.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from planner import cache, documents, files, settled  # (safewrite where it writes: not `today`)
from planner.errors import ReadOnlyError, WorkoutError
from planner.model import Plan
from planner.paths import file_identity, last_used_plan, list_plans, resolve_plan
from planner.projection import WholePlan, Window
from planner.resume import Checkpoints, carry_checkpoints, project_whole, project_window, reach

if TYPE_CHECKING:
    from planner.history import Reverted, Version

__all__ = [
    "PlanService",
    "backups",
    "last_used_plan",
    "list_plans",
    "resolve_plan",
    "restore_backup",
    "today",
    "write_export",
]

Change = Callable[[Plan], Plan]
"""A change to a plan: a pure function (see :mod:`planner.actions`)."""


def today() -> dt.date:
    """The local date: the one place the planner reads the clock (tests pass dates instead)."""
    return dt.date.today()


def backups(path: Path) -> list[Path]:
    """Earlier versions of the plan file at ``path``, newest first (also of a file that cannot
    be opened)."""
    from planner import safewrite

    return safewrite.backups(path)


def restore_backup(path: Path, backup: Path) -> Reverted:
    """Put ``backup`` back in place of the plan file at ``path``, which need not open (the
    version it replaces is kept as a backup, even a broken one)."""
    from planner import history

    return history.restore(path, backup)


def write_export(path: Path, content: str | bytes, plan: Path | None = None) -> None:
    """Write an export of a plan atomically (no lock or backups: it is derived, not data);
    refused onto the plan file ``plan``, anything in the data directory, a backup, another
    workout data file, or anything but a regular file."""
    from planner import exportfile

    exportfile.write_export(path, content, plan)


class _Version(NamedTuple):
    """A version of the file as the service knows it."""

    file: files.PlanFile
    checkpoints: Checkpoints = ()
    """Where a projection of this version may resume."""
    stored: bool = False
    """Whether the cache holds this version with these checkpoints."""
    settled: settled.Runs = ()
    """The sessions before the checkpoints, kept with them (:mod:`planner.settled`)."""


class PlanService:
    """One open plan file.

    ``PlanService(path, today)`` reads the file when it is first needed; :meth:`open` reads it
    at once (so a bad file is reported there), :meth:`open_if_known` only from the cache, and
    :meth:`create` saves a new plan.
    """

    def __init__(self, path: Path, today: dt.date) -> None:
        self.path = path
        """The plan file."""
        self.today = today
        """The date projections are made for."""
        self._lock = threading.RLock()
        self._version: _Version | None = None
        self._packed: cache.Entry | None = None  # the cache entry last read or kept (reused runs)
        self._whole: WholePlan | None = None  # the last whole projection (lends its sessions)
        self._tidied = False
        self._stale = False  # undone or restored: the file holds another version now
        self._put_back: str | None = None  # the fingerprint an undo or restore left on disk
        self._seen: tuple[int, int, int] | None = None  # the file's identity at the last check

    # Opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, today: dt.date) -> PlanService:
        """Open the plan file at ``path`` (from the cache when this exact version was read
        before). A file that cannot be read is a WorkoutError; bad content a DataFileError."""
        service = cls(path, today)
        with service._lock:
            service._read(documents.read_raw(path))
        return service

    @classmethod
    def open_if_known(cls, path: Path, today: dt.date) -> PlanService | None:
        """Open the plan file at ``path`` only if this exact version was read before (quick
        enough for an app's first frame); None otherwise, also when the file cannot be read
        (:meth:`open` says why)."""
        try:
            raw = documents.read_raw(path)
        except WorkoutError:
            return None
        service = cls(path, today)
        with service._lock:
            if not service._from_cache(raw, documents.digest(raw)):
                return None
        return service

    @classmethod
    def create(cls, plan: Plan, today: dt.date, slug: str | None = None) -> PlanService:
        """Save ``plan`` as a new plan file (named ``slug``, else after the plan's name) and
        open it; refuses to replace an existing plan."""
        from planner import safewrite
        from planner.paths import plans_dir

        safewrite.clean_stale_temp(plans_dir())
        created = files.create_plan(plan, slug)
        service = cls(created.path, today)
        with service._lock:
            service._tidied = True
            service._version = _Version(created)
            service._store()
        return service

    # What the file holds --------------------------------------------------------------------

    @property
    def plan(self) -> Plan:
        """The plan as last read or saved."""
        return self._current().file.plan

    @property
    def slug(self) -> str:
        """The plan's name in commands (``--plan``): the file name without ``.toml``."""
        return self.path.stem

    @property
    def read_only(self) -> bool:
        """Written by a newer version of the app: shown, never written."""
        return self._current().file.read_only

    def backups(self) -> list[Path]:
        """Earlier versions of the file, newest first."""
        from planner import safewrite

        return safewrite.backups(self.path)

    def history(self) -> list[Version]:
        """The kept versions of the file, newest first, each with what changed after it (the
        file need not open)."""
        from planner import history

        return history.versions(self.path)

    def restoring(self, backup: Path) -> tuple[str, ...]:
        """What :meth:`restore` of ``backup`` would change in the file as it is now, in words."""
        from planner import history

        return history.restoring(self.path, backup)

    def undoable(self) -> int:
        """How many times :meth:`undo` can go back from the file as it is."""
        from planner.backups import kept

        return sum(1 for backup in kept(self.path) if backup.kind != "undo")

    # Projections ----------------------------------------------------------------------------

    def window(self, since: int | None = None) -> Window:
        """The sessions round the next planned one (from calendar position ``since``, 0-based,
        when that is earlier): quick whatever the length of the plan's history."""
        version = self._current()
        plan, known = version.file.plan, version.checkpoints
        window, found = project_window(plan, self.today, known, since=since)
        self._learn(version, found)
        return window

    def whole(self) -> WholePlan:
        """Every session of the plan (after a change, the sessions before it are reused)."""
        with self._lock:
            version, previous = self._current(), self._whole
        plan, known = version.file.plan, version.checkpoints
        whole, found = project_whole(plan, self.today, known, previous, version.settled)
        with self._lock:
            if self._version is not None and self._version.file is version.file:
                self._whole = whole
        self._learn(version, found, settled.extend(version.settled, whole.sessions, found))
        return whole

    def close(self, successor: PlanService | None = None) -> None:
        """Done with the file: the last whole projection goes, lent to ``successor`` if given."""
        if successor is not None:
            successor._whole = successor._whole or self._whole  # (lends its sessions)
        self._whole = None

    def preview(self, plan: Plan) -> Window:
        """The window of ``plan``, a changed version of this plan not (yet) saved."""
        version = self._current()
        kept = carry_checkpoints(version.file.plan, plan, version.checkpoints)
        return project_window(plan, self.today, kept)[0]

    # Changes ------------------------------------------------------------------------------

    def apply(self, change: Change) -> Plan:
        """Change the plan and save it at once, under the file's lock, on the plan as it is on
        disk now (a change another process saved meanwhile is kept; inside ``change`` the
        service already shows that version). Anything ``change`` raises saves nothing. Returns
        the plan saved."""
        with self._lock:
            if self._version is not None and self._version.file.read_only:
                raise ReadOnlyError(
                    f"{self.path} was written by a newer version of workout-planner; "
                    "it is read-only here"
                )
            self._tidy()

            def read(path: Path, raw: bytes) -> files.PlanFile:
                version = self._read(raw)  # the latest file, under the lock
                self._stale = False
                return version.file

            def changed(current: files.PlanFile) -> Plan:
                return change(current.plan)

            before, after = files.update_plan(self.path, changed, read)
            assert self._version is not None  # (read has run)
            kept = carry_checkpoints(before.plan, after.plan, self._version.checkpoints)
            runs = settled.carry(self._version.settled, kept)  # (the sessions before them too)
            self._version = _Version(after, kept, settled=runs)
            self._store()
            return after.plan

    def undo(self) -> Reverted:
        """Put back the version saved before the last change (repeat to go further back); the
        version it replaces is kept as a backup first. Refused (nothing changed) when the file
        is no longer the version this service last read or saved. Returns what was undone."""
        with self._lock:
            self._tidy()
            from planner import history  # (only when going back: keeps start-up light)

            done = history.undo(self.path, self._expected())
            self._stale, self._put_back = True, done.fingerprint  # read again when next needed
            return done

    def restore(self, backup: Path) -> Reverted:
        """Put ``backup`` back in place of the file (the current version is kept as a backup
        first, so a restore can be undone). Returns what it changed."""
        with self._lock:
            self._tidy()
            from planner import history

            done = history.restore(self.path, backup, self._expected())
            self._stale, self._put_back = True, done.fingerprint  # read again when next needed
            return done

    def _expected(self) -> str | None:
        """The fingerprint the file must still have for an undo or restore (None: not read)."""
        if self._version is not None and not self._stale:
            return self._version.file.fingerprint
        return self._put_back if self._stale else None

    # Another process -------------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        """Whether the file now holds other bytes than the version last read or saved (by
        another process: the CLI, an editor, a sync tool). Cheap enough to ask twice a second:
        a stat (mtime, size, inode) first; the bytes are read and fingerprinted only when that
        changed, so a save of the same bytes (this service's own, or a touch) is no change."""
        identity = file_identity(self.path)
        if not self._lock.acquire(blocking=False):
            return False  # a save or a read is running: ask again next time
        try:
            if identity is None or identity == self._seen or self._version is None:
                return False
            self._seen = identity  # (taken before the bytes: a write after it shows next time)
            known = self._version.file.fingerprint
        finally:
            self._lock.release()
        raw = documents.read_bytes(self.path)
        return raw is not None and documents.digest(raw) != known

    def reload(self) -> Plan:
        """Read the file again (after :meth:`changed_on_disk`); returns the plan it holds."""
        with self._lock:
            self._stale = True
            return self._current().file.plan

    def save_copy(self, plan: Plan, path: Path) -> Path:
        """Write ``plan`` to a new file at ``path`` (private, never over an existing file):
        where a change the plan file could not take is kept. Returns the path written."""
        return files.save_copy(plan, path)

    # Machinery ----------------------------------------------------------------------------

    def _current(self) -> _Version:
        """The version last read or saved (the file is read now if it was not yet, or was put
        back to another version since)."""
        with self._lock:
            if self._version is None or self._stale:
                version = self._read(documents.read_raw(self.path))
                self._stale = False
                return version
            return self._version

    def _tidy(self) -> None:
        """Before the first write: remove temp files a killed save left beside the plan."""
        if not self._tidied:
            from planner import safewrite

            safewrite.clean_stale_temp(self.path.parent)
            self._tidied = True

    def _read(self, raw: bytes) -> _Version:
        """Take the file's bytes as the current version (the caller holds the lock): the same
        version as before, one the cache holds, or one parsed now and kept in the cache with
        the checkpoints that still hold for it."""
        fingerprint = documents.digest(raw)
        version = self._version
        if version is not None and version.file.fingerprint == fingerprint:
            return version
        if self._from_cache(raw, fingerprint):
            return self._current()
        parsed = files.parse_plan(self.path, raw)
        self._version = _Version(parsed)
        if parsed.read_only or parsed.migrated_from is not None:
            return self._version
        # Edited by hand (or by another process): the checkpoints kept for the version before
        # still hold up to the first session the edit touched.
        known = None if version is None else (version.file.plan, version.checkpoints)
        earlier = known or cache.newest_checkpoints(self.path)
        if earlier is not None:
            self._version = _Version(parsed, carry_checkpoints(earlier[0], parsed.plan, earlier[1]))
        self._store()
        return self._current()

    def _from_cache(self, raw: bytes, fingerprint: str) -> bool:
        # (a damaged run is read from the file; the reader holds the path: the service, a cycle)
        path = self.path
        entry = cache.load(path, fingerprint, lambda: files.parse_plan(path, raw).plan.log)
        if entry is None:
            return False
        plan_file = files.PlanFile(entry.plan, path, fingerprint, raw, entry.blocks)
        self._version = _Version(plan_file, entry.checkpoints, True, entry.settled)
        self._packed = entry
        return True

    def _learn(self, version: _Version, found: Checkpoints, runs: settled.Runs = ()) -> None:
        """Keep the checkpoints a projection of ``version`` found, and the ``runs`` of settled
        sessions before them (if any); the cache keeps them when they reach further or are new."""
        with self._lock:
            current = self._version
            if current is None or current.file is not version.file:
                return  # the file changed meanwhile: these are of an older version
            runs = runs or current.settled
            further = reach(found) > reach(current.checkpoints) or runs != current.settled
            self._version = current._replace(checkpoints=found, settled=runs)
            if further or not current.stored:
                self._store()

    def _store(self) -> None:
        """Keep the current version in the cache (the caller holds the lock)."""
        version = self._current()
        plan_file = version.file
        if plan_file.read_only or plan_file.migrated_from is not None:
            return
        entry = cache.Entry(
            plan_file.plan, plan_file.blocks, version.checkpoints, settled=version.settled
        )
        self._packed = cache.store(self.path, plan_file.fingerprint, entry, self._packed)
        self._version = version._replace(stored=True)
