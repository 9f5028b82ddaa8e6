"""Rewriting a part of a TOML file that a person may have commented, keeping their comments.

A save reuses the parts of a plan file that did not change as they are (:mod:`planner.tomltext`).
A part that did change (the head after a calendar move, a session logged again) is not written
anew from data, which would drop every comment in it: its text is parsed with tomlkit, the
style-preserving TOML library, changed value by value to the new data, and written back. Keys,
tables and entries that did not change keep their text and their comments; an entry of an array
of tables (an override, a logged session) is matched by its ``date`` so that adding one in the
middle moves none of the others' comments. The result is parsed back with tomllib and must be
exactly the new data; if tomlkit ever wrote something else, the part is written anew (its data
is what matters).

tomlkit costs tens of milliseconds to import (86 ms measured on a busy machine), so only the saves that rewrite such a part import it: reading a
plan, ``workout today`` and a save that only adds a ``[[log]]`` block never do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tomlkit.container import Container
    from tomlkit.items import AoT, Table


def rewrite(old: bytes, data: Mapping[str, Any]) -> bytes | None:
    """``old`` (the text of a TOML document or part of one) changed to hold exactly ``data``,
    every comment of what did not change kept where it was; None when ``old`` cannot be
    rewritten so (tomlkit does not read it, or what it writes does not read back as ``data``):
    the caller then writes the part anew."""
    import tomllib

    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    from planner.tomltext import eol_of, with_eol

    eol = eol_of(old)
    try:
        document = tomlkit.parse(old.decode("utf-8").removeprefix("\ufeff"))
        _merge(document, data)
        text = with_eol(document.as_string().encode("utf-8"), eol)
        if old.startswith(b"\xef\xbb\xbf"):
            text = b"\xef\xbb\xbf" + text.removeprefix(b"\xef\xbb\xbf")
        same = tomllib.loads(text.decode("utf-8").removeprefix("\ufeff")) == data
    except (TOMLKitError, tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError, TypeError):
        return None
    return text if same else None


def _plain(item: object) -> Any:
    unwrap = getattr(item, "unwrap", None)
    return unwrap() if callable(unwrap) else item


def _merge(container: Container | Table, data: Mapping[str, Any]) -> None:
    """Change ``container`` in place to hold ``data``: keys it no longer has go, keys whose
    value is the same are not touched, tables and arrays of tables are changed inside."""
    from tomlkit.items import AoT, Table

    for key in [key for key in container if key not in data]:
        del container[key]
    for key, value in data.items():
        if key in container:
            old = container[key]
            if _plain(old) == value:
                continue
            if isinstance(old, Table) and isinstance(value, Mapping):
                _merge(old, value)
                continue
            if isinstance(old, AoT) and _tables(value):
                _merge_array(old, value)
                continue
        container[key] = _fresh(key, value)


def _tables(value: object) -> bool:
    return (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and bool(value)
        and all(isinstance(item, Mapping) for item in value)
    )


def _identity(table: Mapping[str, Any]) -> object:
    """What names an entry of an array of tables across versions: its date (a logged session,
    an override, a change of days), else its id, else nothing."""
    for key in ("date", "id"):
        if key in table:
            return (key, _plain(table[key]))
    return None


def _merge_array(old: AoT, new: Sequence[Mapping[str, Any]]) -> None:
    """``old`` changed to the entries ``new``, in its order: an entry that is the same keeps its
    table (and comments); one whose date (or id) is the same is changed inside; others are new."""
    import tomlkit

    tables: list[Table] = list(old.body)
    used: set[int] = set()
    kept: list[Table] = []
    for entry in new:
        index = _find(tables, used, entry)
        if index is None:
            kept.append(tomlkit.item(dict(entry)))
            continue
        used.add(index)
        table = tables[index]
        if _plain(table) != entry:
            _merge(table, entry)
        kept.append(table)
    if [id(table) for table in kept] == [id(table) for table in tables]:
        return
    while len(old.body):
        old.body.pop()
    for table in kept:
        old.append(table)


def _find(tables: Sequence[Table], used: set[int], entry: Mapping[str, Any]) -> int | None:
    """The table of ``tables`` (not yet used) that is ``entry``, or else names the same entry."""
    free = [index for index in range(len(tables)) if index not in used]
    for index in free:
        if _plain(tables[index]) == entry:
            return index
    identity = _identity(entry)
    if identity is None:
        return None
    for index in free:
        if _identity(tables[index]) == identity:
            return index
    return None


def _fresh(key: str, value: Any) -> Any:
    """A new value laid out as tomli-w lays out a new file (so a value reads the same whether
    the file was new or rewritten): its text parsed by tomlkit."""
    import tomli_w
    import tomlkit

    return tomlkit.parse(tomli_w.dumps({key: value}))[key]
