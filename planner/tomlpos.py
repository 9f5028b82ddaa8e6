"""Where a field lives in TOML text: ``log[3].exercises[0].sets[2].reps`` → (line, column).

Best effort by design: it follows table headers, arrays of tables and keys, and falls back to the
closest enclosing key or header. It never raises, whatever the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
_KEY = re.compile(r'^(\s*)("[^"]*"|\'[^\']*\'|[A-Za-z0-9_\-]+(?:\s*\.\s*[A-Za-z0-9_\-]+)*)\s*=')
_TOKENS = re.compile(r"([^.\[\]]+)|\[(\d+)\]")

Token = str | int


def _field_tokens(field: str) -> list[Token]:
    tokens: list[Token] = []
    for name, index in _TOKENS.findall(field):
        tokens.append(int(index) if index else name)
    return tokens


def _names(dotted: str) -> list[str]:
    return [part.strip().strip("\"'") for part in dotted.split(".")]


def _common(a: list[Token], b: list[Token]) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def line_of(text: str, field: str) -> tuple[int, int] | None:
    """1-based (line, column) of ``field`` in ``text``, or of its closest enclosing key; None if
    nothing of it is there."""
    try:
        return _line_of(text, field)
    except Exception:
        return None


def _line_of(text: str, field: str) -> tuple[int, int] | None:
    target = _field_tokens(field)
    if not target:
        return None
    arrays: dict[tuple[Token, ...], int] = {}  # array of tables → how many seen so far
    current: list[Token] = []  # the table the lines belong to
    best: tuple[int, int, int] | None = None  # (score, line, column)
    for number, line in _outside_multiline_strings(text):
        found = _path_on(line, current, arrays)
        if found is None:
            continue
        current, candidate, column = found
        score = _common(candidate, target)
        exact = score == len(target) == len(candidate)
        if score and _improves(best, score, exact, len(target)):
            best = (score, number, column)
            if exact:
                break
    return (best[1], best[2]) if best else None


def _outside_multiline_strings(text: str) -> Iterator[tuple[int, str]]:
    """(1-based number, line) of every line that is not inside a multi-line string: the line
    that opens one is kept (its key is there), the lines inside and the closing line are not."""
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        toggles = line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1
        if toggles:
            inside = not inside
        if toggles == inside:  # an opening line, or a line outside any string
            yield number, line


def _path_on(
    line: str, current: list[Token], arrays: dict[tuple[Token, ...], int]
) -> tuple[list[Token], list[Token], int] | None:
    """What ``line`` names: (the table lines below it belong to, the path of the line itself,
    its 1-based column), or None when it is neither a header nor a key."""
    header = _HEADER.match(line)
    if header and not _KEY.match(line):
        path = _table_path(header.group(2), header.group(1) == "[[", arrays)
        return path, path, line.index(header.group(1)) + 1
    key = _KEY.match(line)
    if not key:
        return None
    return current, current + _names(key.group(2)), len(key.group(1)) + 1


def _table_path(dotted: str, is_array: bool, arrays: dict[tuple[Token, ...], int]) -> list[Token]:
    """The path of a ``[table]`` or ``[[array]]`` header, with the index of every array of
    tables on the way (an ``[[array]]`` header counts one more of its array)."""
    path: list[Token] = []
    names = _names(dotted)
    for position, name in enumerate(names):
        path.append(name)
        key = tuple(path)
        if is_array and position == len(names) - 1:
            arrays[key] = arrays.get(key, 0) + 1
        if key in arrays:
            path.append(arrays[key] - 1)
    return path


def _improves(best: tuple[int, int, int] | None, score: int, exact: bool, wanted: int) -> bool:
    """Whether a line matching ``score`` tokens of the field beats the best so far: a longer
    match wins; at the same length, only the exact field replaces an enclosing one."""
    if best is None or score > best[0]:
        return True
    return exact and score == best[0] and best[0] < wanted
