"""Where a field lives in TOML text: ``log[3].exercises[0].sets[2].reps`` → (line, column).

Best effort by design: it follows table headers, arrays of tables and keys, and falls back to the
closest enclosing key or header. It never raises, whatever the text.
"""

from __future__ import annotations

import re

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
    arrays: dict[tuple[Token, ...], int] = {}
    current: list[Token] = []
    best: tuple[int, int, int] | None = None  # (score, line, column)
    in_multiline = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
            in_multiline = not in_multiline
            if not in_multiline:
                continue
        elif in_multiline:
            continue
        header = _HEADER.match(line)
        if header and not _KEY.match(line):
            is_array = header.group(1) == "[["
            path: list[Token] = []
            names = _names(header.group(2))
            for position, name in enumerate(names):
                path.append(name)
                last = position == len(names) - 1
                key = tuple(path)
                if last and is_array:
                    arrays[key] = arrays.get(key, 0) + 1
                if key in arrays:
                    path.append(arrays[key] - 1)
            current = path
            candidate = current
            column = line.index(header.group(1)) + 1
        else:
            match = _KEY.match(line)
            if not match:
                continue
            candidate = current + list(_names(match.group(2)))
            column = len(match.group(1)) + 1
        score = _common(candidate, target)
        if score == 0:
            continue
        exact = score == len(target) == len(candidate)
        if (
            best is None
            or score > best[0]
            or (exact and score == best[0] and best[0] < len(target))
        ):
            best = (score, number, column)
            if exact:
                break
    return (best[1], best[2]) if best else None
