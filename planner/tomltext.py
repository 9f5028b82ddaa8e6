"""TOML text: serialized and verified, and documents written block by block.

A plan file is a head (its definition and overrides) followed by one ``[[log]]`` block per
session logged. Ten years of history is ~750 KiB, which tomllib needs ~190 ms to read, so a save
that re-serialized and re-parsed the whole text (as DESIGN.md §4 first said) would cost far more
than the one session it adds. Instead every part that is new is serialized and re-parsed on its
own before any byte reaches the disk, and the parts that did not change are reused as the exact
text that was read (and parsed) before. :func:`split` finds those parts, and only when the text is
laid out so that each block parses on its own to its own entry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from planner.errors import SaveError


def dumps(data: dict[str, Any]) -> str:
    """``data`` as TOML text, re-parsed and compared before it is returned (SaveError if it
    cannot be written or does not read back the same)."""
    import tomli_w

    try:
        text = tomli_w.dumps(data)
    except (TypeError, ValueError) as exc:
        raise SaveError(
            f"could not save: the data cannot be written as TOML ({exc}); nothing was changed"
        ) from None
    _verify(text, data)
    return text


def _verify(text: str, data: dict[str, Any]) -> None:
    import tomllib

    try:
        same = tomllib.loads(text) == data
    except tomllib.TOMLDecodeError:
        same = False
    if not same:
        raise SaveError("could not save: the data does not read back the same; nothing was changed")


def block(key: str, table: dict[str, Any]) -> str:
    """One ``[[key]]`` block holding ``table``, verified to parse on its own to exactly that, and
    laid out as :func:`split` requires (so it can be placed anywhere among its siblings)."""
    import tomli_w

    data = {key: [table]}
    try:
        text = tomli_w.dumps(data)
        if not text.startswith(f"[[{key}]]\n"):
            # tomli_w writes a short table inline (``key = [{...}]``), which would not start
            # a block of its own; its values are all inline then, so they fit under a header.
            text = f"[[{key}]]\n" + tomli_w.dumps(table)
    except (TypeError, ValueError) as exc:
        raise SaveError(
            f"could not save: the data cannot be written as TOML ({exc}); nothing was changed"
        ) from None
    _verify(text, data)
    if split(text, key, 1) != (0,):
        raise SaveError(f"could not save: a [[{key}]] table would not stand on its own")
    return text


def _header(key: str) -> re.Pattern[str]:
    return re.compile(rf"^\[\[{re.escape(key)}\]\]$", re.MULTILINE)


def split(text: str, key: str, count: int) -> tuple[int, ...] | None:
    """Where each of the ``count`` ``[[key]]`` blocks that end ``text`` starts, or None.

    ``text`` must already have parsed to a document whose ``key`` array has ``count`` tables.
    The offsets are only given when every block is sure to parse on its own to its own table:
    no multi-line strings anywhere (the only place a line reading ``[[key]]`` could hide), no
    carriage returns, exactly ``count`` header lines, and nothing but ``key``'s own tables from
    the first block to the end.
    """
    if count == 0 or '"""' in text or "'''" in text or "\r" in text:
        return None
    starts = tuple(match.start() for match in _header(key).finditer(text))
    if len(starts) != count:
        return None
    own = (f"[[{key}]]", f"[[{key}.", f"[{key}.")
    for line in text[starts[0] :].splitlines():
        stripped = line.lstrip()
        if stripped.startswith("[") and not stripped.startswith(own):
            return None
    return starts


def compose(head: str, blocks: Sequence[str]) -> tuple[str, tuple[int, ...]]:
    """The document ``head`` followed by ``blocks`` (each a whole ``[[key]]`` table), a blank
    line between them; returns the text and where each block starts in it."""
    parts = [head.rstrip("\n") + "\n"] if head.strip() else []
    starts = []
    offset = len(parts[0]) if parts else 0
    for block in blocks:
        if parts:
            parts.append("\n")
            offset += 1
        starts.append(offset)
        body = block.rstrip("\n") + "\n"
        parts.append(body)
        offset += len(body)
    return "".join(parts), tuple(starts)


def cut(text: str, starts: Sequence[int]) -> tuple[str, list[str]]:
    """The head of ``text`` and its blocks, at ``starts`` (from :func:`split` or :func:`compose`)."""
    if not starts:
        return text, []
    ends = (*starts[1:], len(text))
    return text[: starts[0]], [text[a:b] for a, b in zip(starts, ends, strict=True)]
