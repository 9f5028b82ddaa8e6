"""A cache of parsed plans, so opening ten years of history does not mean parsing 750 KiB of TOML.

The plan file stays the only truth. An entry holds what was derived from one exact version of
the file: the plan as parsed, where its ``[[log]]`` blocks start (for block-wise saves, see
:mod:`planner.tomltext`), and checkpoints of its projection (:class:`rules.engine.Checkpoint`).
It is used only while the file's bytes still have the sha256 fingerprint it was made from, and
only by the same code that made it; a missing, stale, corrupt or foreign entry is never an
error, just not used. Entries are pickles in the user's own cache directory (created private);
the last few versions of each plan are kept, so an undo finds the version it restores.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from pathlib import Path

import attrs

import rules
from planner import storage
from planner.model import Plan
from rules.engine import Checkpoint

FORMAT = 1
"""Bumped when the layout of an entry changes."""

KEEP = 4
"""Versions of one plan kept (the current one and what undo goes back to)."""


@attrs.frozen
class Entry:
    """What is kept of one version of a plan file."""

    plan: Plan
    blocks: tuple[int, ...] | None
    """Where each ``[[log]]`` block starts in the file's text (None: not laid out block-wise)."""
    checkpoints: tuple[Checkpoint, ...] = ()


@functools.cache
def _stamp() -> bytes:
    """Which code wrote an entry: the format, Python, and the planner and engine sources."""
    planner_dir = Path(__file__).resolve().parent
    rules_dir = Path(rules.__file__).resolve().parent
    source = storage.source_stamp([planner_dir, rules_dir])
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    return f"workout-cache {FORMAT} {version} {source[:32]}".encode()


def _folder(path: Path) -> str:
    where = os.path.realpath(path).encode("utf-8", "surrogateescape")
    return f"plans/{hashlib.sha256(where).hexdigest()[:32]}"


def _name(path: Path, fingerprint: str) -> str:
    return f"{_folder(path)}/{fingerprint}.pickle"


def _header(fingerprint: str) -> bytes:
    return _stamp() + b" " + fingerprint.encode() + b"\n"


def load(path: Path, fingerprint: str | None) -> Entry | None:
    """The entry for the version of ``path`` with ``fingerprint``, if one was kept."""
    if fingerprint is None:
        return None
    raw = storage.read_cache(_name(path, fingerprint))
    header = _header(fingerprint)
    if raw is None or not raw.startswith(header):
        return None
    try:
        entry = pickle.loads(raw[len(header) :])
    except Exception:  # a damaged entry is only a missed shortcut
        return None
    return entry if isinstance(entry, Entry) else None


def store(path: Path, fingerprint: str | None, entry: Entry) -> None:
    """Keep ``entry`` for the version of ``path`` with ``fingerprint`` (best effort)."""
    if fingerprint is None:
        return
    content = _header(fingerprint) + pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
    storage.write_cache(_name(path, fingerprint), content, keep=KEEP)
