"""TOML text: serialized and verified, and documents written block by block.

A plan file is a head (its definition and overrides) followed by one ``[[log]]`` block per
session logged. Ten years of history is ~750 KiB, which tomllib needs ~190 ms to read, so a save
that re-serialized and re-parsed the whole text (as docs/ARCHITECTURE.md first said) would cost far more
than the one session it adds. Instead every part that is new is serialized and re-parsed on its
own before any byte reaches the disk, and the parts that did not change are reused as the exact
text that was read (and parsed) before. :func:`split` finds those parts, and only when the text is
laid out so that each block parses on its own to its own entry.

A file the app writes opens with :data:`HEAD_MARK` and ends with :func:`end_line`, a comment
counting the ``[[log]]`` blocks. A file cut short (a sync tool, a full disk on another machine, a
careless editor) between two blocks is still valid TOML with sessions missing; the missing end
line, or a count that does not match, tells (:func:`end_problem`). Both are comments, so a file
written by hand without them stays valid.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from planner.errors import SaveError


def _written(data: dict[str, Any]) -> str:
    import tomli_w

    try:
        return tomli_w.dumps(data)
    except (TypeError, ValueError) as exc:
        raise SaveError(
            f"could not save: the data cannot be written as TOML ({exc}); nothing was changed"
        ) from None


def dumps(data: dict[str, Any]) -> str:
    """``data`` as TOML text, re-parsed and compared before it is returned (SaveError if it
    cannot be written or does not read back the same)."""
    text = _written(data)
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


def block(key: str, table: dict[str, Any]) -> bytes:
    """One ``[[key]]`` block holding ``table``, verified to parse on its own to exactly that, and
    laid out as :func:`split` requires (so it can be placed anywhere among its siblings)."""
    data = {key: [table]}
    text = _written(data)
    if not text.startswith(f"[[{key}]]\n"):
        # tomli_w writes a short table inline (``key = [{...}]``), which would not start a
        # block of its own; its values are all inline then, so they fit under a header.
        text = f"[[{key}]]\n" + _written(table)
    _verify(text, data)
    encoded = text.encode("utf-8")
    # tomli_w writes no multi-line strings (a quote in a value is escaped, a newline is \n), so
    # the layout alone tells that this block stands on its own.
    if _starts(encoded, key, 1) != (0,):
        raise SaveError(f"could not save: a [[{key}]] table would not stand on its own")
    return encoded


_LONE_CR = re.compile(rb"\r(?!\n)")
"""A carriage return that ends no line: the layout alone no longer tells where lines are."""


def eol_of(content: bytes) -> bytes:
    """The line ending a file uses: CRLF when it has any, else LF (new text follows it)."""
    return b"\r\n" if b"\r\n" in content else b"\n"


def with_eol(text: bytes, eol: bytes) -> bytes:
    """``text`` (written with LF) with every line ending ``eol``."""
    return re.sub(rb"(?<!\r)\n", b"\r\n", text) if eol == b"\r\n" else text


def stands_alone(text: bytes, key: str) -> bool:
    """Whether ``text``, which parses to one ``[[key]]`` table, is laid out as :func:`split`
    requires of a block (so it can be placed anywhere among its siblings)."""
    return _starts(text, key, 1) == (0,)


@functools.cache
def _header(key: str) -> re.Pattern[bytes]:
    # Searched in the content after a "\n": a literal start lets re skip ahead quickly.
    # A header line as people write it too: spaces around the name or after it, a comment
    # after it, a CRLF line ending (each used to make the whole file be written anew).
    name = re.escape(key.encode())
    return re.compile(
        rb"\n[ \t]*\[\[[ \t]*" + name + rb"[ \t]*\]\][ \t]*(?:#[^\r\n]*)?(?=\r?\n|\Z)"
    )


@functools.cache
def _foreign(key: str) -> re.Pattern[bytes]:
    """A line opening a table that is not ``key``'s own (``[[key]]``, ``[[key.…``, ``[key.…``)."""
    name = re.escape(key.encode())
    sp = rb"[ \t]*"
    own = rb"\[" + sp + name + sp + rb"\]\]|\[" + sp + name + sp + rb"\.|" + sp + name + sp + rb"\."
    return re.compile(rb"\n[ \t]*\[(?!" + own + rb")")


def _starts(content: bytes, key: str, count: int) -> tuple[int, ...] | None:
    """Where the ``[[key]]`` header lines are, if there are ``count`` and nothing but ``key``'s
    own tables follows the first (the layout; what the lines mean is for the callers)."""
    if count == 0 or _LONE_CR.search(content):
        return None
    lines = b"\n" + content  # every line now follows a "\n"; offsets shift by one
    starts = tuple(match.start() for match in _header(key).finditer(lines))
    if len(starts) != count or _foreign(key).search(lines, starts[0]):
        return None
    return starts


def split(
    content: bytes, key: str, count: int, tables: Sequence[dict[str, Any]] | None = None
) -> tuple[int, ...] | None:
    """Where each of the ``count`` ``[[key]]`` blocks that end ``content`` starts, or None.

    ``content`` (a file's bytes) must already have parsed to a document whose ``key`` array is
    ``tables`` (``count`` of them). The offsets are only given when every block is sure to
    parse on its own to its own table: exactly ``count`` header lines, nothing but ``key``'s own
    tables from the first block to the end, no carriage return but in a CRLF line end; and where a multi-line string
    could be hiding a line that looks like a header (the file has ``'''`` or ``\"\"\"``),
    each block parsed on its own must be its table (that costs a second parse, so only then).
    """
    starts = _starts(content, key, count)
    if starts is None:
        return None
    if b'"""' in content or b"'''" in content:
        if tables is None or len(tables) != count:
            return None
        import tomllib

        ends = (*starts[1:], len(content))
        for start, end, table in zip(starts, ends, tables, strict=True):
            try:
                alone = tomllib.loads(content[start:end].decode("utf-8"))
            except (UnicodeDecodeError, tomllib.TOMLDecodeError):
                return None
            if alone != {key: [table]}:
                return None
    return starts


Run = tuple[bytes, Sequence[int]]
"""Consecutive ``[[key]]`` blocks as one piece, and where each starts in it (``(block, (0,))``
for a single block): runs reused from a file are copied whole."""


HEAD_MARK = b"# workout-planner plan; its last line counts the sessions logged below\n"
"""The first line of a plan file the app writes: the file must end with its end line."""

_END = re.compile(rb"^# end of plan: (\d+) sessions? logged[ \t]*$", re.MULTILINE)
_END_LIKE = re.compile(rb"^# end of plan\b", re.MULTILINE)


def end_line(count: int) -> bytes:
    """The last line of a plan file with ``count`` sessions logged."""
    return f"# end of plan: {count} session{'' if count == 1 else 's'} logged\n".encode()


def _last_end_like(content: bytes) -> int | None:
    """Where the last line that :data:`_END_LIKE` matches starts: searched for from the end, as
    bytes (a regular expression scanning ten years of blocks cost every save ~30 M instructions)."""
    words = b"# end of plan"
    before = len(content)
    while (at := content.rfind(words, 0, before)) >= 0:
        if _END_LIKE.match(content, at):  # (at a line's start, and a whole word)
            return at
        before = at + len(words) - 1
    return None


def _end_at(content: bytes) -> tuple[int, int] | None:
    """Where the end line is (start, end offsets of the line), when only blank lines and
    comments follow it (a comment added below it by hand is no lost data)."""
    start = _last_end_like(content)
    if start is None:
        return None
    stop = content.find(b"\n", start)
    stop = len(content) if stop < 0 else stop + 1
    after = content[stop:].splitlines()
    if any(line.strip() and not line.lstrip().startswith(b"#") for line in after):
        return None
    return start, stop


def body(content: bytes) -> bytes:
    """``content`` without its end line (the part whose blocks a save reuses; comments written
    below it stay, above the end line the save writes)."""
    at = _end_at(content)
    return content if at is None else content[: at[0]] + content[at[1] :]


def end_problem(content: bytes, count: int) -> tuple[str, int] | None:
    """(what is wrong, 1-based line) when ``content``, a plan file holding ``count`` ``[[log]]``
    entries, was cut short or its end line does not fit; None when it is whole (or has neither
    mark: written by hand)."""
    ends = list(_END_LIKE.finditer(content))
    if not ends:
        if content.startswith(HEAD_MARK) or content.startswith(b"\xef\xbb\xbf" + HEAD_MARK):
            return (
                "the file ends early: its last line '# end of plan: N sessions logged' is "
                "missing, so sessions may be lost; restore a backup (workout undo), or delete "
                "the first line if you removed the end line on purpose",
                content.count(b"\n") + 1,
            )
        return None
    at = _end_at(content)
    if len(ends) > 1 or at is None:
        first = content.count(b"\n", 0, ends[0].start()) + 1
        return ("'# end of plan' comes once, after the last entry; move it to the end", first)
    line = content.count(b"\n", 0, at[0]) + 1
    written = _END.match(content[at[0] : at[1]].rstrip(b"\r\n"))
    if written is None:
        return ("the end line is damaged; it reads '# end of plan: N sessions logged'", line)
    if int(written.group(1)) != count:
        return (
            f"the end line counts {int(written.group(1))} sessions logged but the file holds "
            f"{count} [[log]] entries: sessions may be lost; restore a backup (workout undo), or "
            "if you added or removed entries by hand, correct the count",
            line,
        )
    return None


def compose(head: bytes, runs: Sequence[Run], eol: bytes = b"\n") -> tuple[bytes, tuple[int, ...]]:
    """The document ``head`` followed by ``runs`` of whole ``[[key]]`` blocks, a blank line
    between runs, and the end line counting them, every line ending ``eol`` that the parts do
    not end otherwise; returns the bytes and where each block starts in them."""
    head = body(head)
    parts = [head.rstrip(b"\r\n") + eol] if head.strip() else []
    starts: list[int] = []
    offset = len(parts[0]) if parts else 0
    for piece, inner in runs:
        if parts:
            parts.append(eol)
            offset += len(eol)
        starts.extend(offset + at for at in inner)
        text = body(piece).rstrip(b"\r\n")
        parts += (text, eol)
        offset += len(text) + len(eol)
    parts += (eol, end_line(len(starts)).replace(b"\n", eol))
    return b"".join(parts), tuple(starts)
