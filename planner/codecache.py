"""Start-up speed: the bytecode attrs generates for each class, kept between runs.

attrs writes the methods of every class it builds (``__init__``, ``__eq__``, ``__hash__``, …) as
Python source and compiles it when the class is defined. Python keeps the bytecode of modules in
``__pycache__`` but not of code compiled at run time, so every ``workout`` command would compile
the same ~40 scripts again: about 8 ms of a start-up whose floor is ~55 ms (attrs knows:
https://github.com/python-attrs/attrs/issues/575). :func:`install` keeps that bytecode in the
cache directory instead, keyed by each script's exact text and the Python version, so a script
is only ever compiled once.

It works by giving ``attr._make`` a ``compile`` of its own (a module global shadows the builtin
for that module only); if a future attrs compiles elsewhere, the cache is simply never used.
attrs puts a per-process random number (the hash of a string) in each ``__hash__``, so that
number is swapped for a fixed one in the key and put back into the loaded code's constants.
A missing, damaged or foreign cache file is ignored; nothing here can change what a class does.

This patches a private function of attrs, which docs/ARCHITECTURE.md, promises S1–S5 rules out; it stays only because
``workout today`` cannot keep within 1.5× of its floor without it (attrs compiles ~45 classes on
that path). So: attrs has an upper bound in pyproject.toml, and ``WORKOUT_NO_CODECACHE=1`` turns
it off (every command then works as well, only slower to start).
"""

from __future__ import annotations

import atexit
import builtins
import marshal
import os
import re
import sys
import types
from typing import Any

# (nothing that builds attrs classes may be imported before install)
from planner import digests, paths

_SEED = re.compile(r"(return hash\(\(\n\s+)(-?\d+)(,)")
_PLACEHOLDER = 6_148_914_691_236_517_205  # 0x5555…: stands in for the seed in keys and code
_MAGIC = b"workout attrs bytecode 2\n"

_table: dict[bytes, bytes] = {}
_new: dict[bytes, bytes] = {}
_installed = False


def _name() -> str:
    # The key holds a script's whole text, so only the bytecode format can make an entry stale.
    return f"code/attrs-{sys.implementation.cache_tag}.marshal"


def _load() -> dict[bytes, bytes]:
    raw = paths.read_private(paths.cache_dir(), _name())  # never from a folder others can write
    if raw is None or not raw.startswith(_MAGIC):
        return {}
    digest, body = raw[len(_MAGIC) : len(_MAGIC) + 32], raw[len(_MAGIC) + 32 :]
    if digests.digest(body) != digest:
        return {}
    try:
        table = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}


def _save() -> None:
    if not _new:
        return
    from planner.cache import write_cache

    body = marshal.dumps({**_load(), **_table, **_new})
    write_cache(_name(), _MAGIC + digests.digest(body) + body)


def _with_seed(code: types.CodeType, seed: int) -> types.CodeType:
    # Only the code objects that hold the placeholder (``__hash__`` and the script round it)
    # are rebuilt: ``replace`` on every method of every class was most of this module's cost.
    consts = list(code.co_consts)
    changed = False
    for i, const in enumerate(consts):
        if type(const) is int and const == _PLACEHOLDER:
            consts[i], changed = seed, True
        elif isinstance(const, types.CodeType):
            seeded = _with_seed(const, seed)
            if seeded is not const:
                consts[i], changed = seeded, True
    return code.replace(co_consts=tuple(consts)) if changed else code


def _compile(source: Any, filename: Any, mode: Any, *args: Any, **kwargs: Any) -> Any:
    """``compile`` for attrs' generated scripts, from the cache when it was done before."""
    if args or kwargs or not isinstance(source, str):
        return builtins.compile(source, filename, mode, *args, **kwargs)
    seed = None
    match = _SEED.search(source)
    if match:
        seed = int(match.group(2))
        source = f"{source[: match.start(2)]}{_PLACEHOLDER}{source[match.end(2) :]}"
    key = digests.digest(f"{filename}\0{mode}\0{source}".encode())
    code = None
    raw = _table.get(key)
    if raw is not None:
        try:
            code = marshal.loads(raw)
        except (EOFError, ValueError, TypeError):
            code = None
    if not isinstance(code, types.CodeType) or code.co_filename != filename:
        code = builtins.compile(source, filename, mode)
        _new[key] = marshal.dumps(code)
    return code if seed is None else _with_seed(code, seed)


def disabled() -> bool:
    """Whether ``WORKOUT_NO_CODECACHE`` is set (to anything but ``0``): the kill switch."""
    return os.environ.get("WORKOUT_NO_CODECACHE", "0") not in ("", "0")


def install() -> None:
    """Compile attrs' generated methods through the cache from now on (once per process; call
    it before the modules that define attrs classes are imported). Nothing happens when the
    kill switch is set (:func:`disabled`)."""
    global _installed
    if _installed or disabled():
        return
    _installed = True
    try:
        import attr._make as make
    except ImportError:
        return
    _table.update(_load())
    make.compile = _compile  # type: ignore[attr-defined]
    atexit.register(_save)
