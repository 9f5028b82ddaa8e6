"""Text is text: what a person types is checked at input, and escaped in every output.

Names and notes end up in a terminal (where an escape sequence can rewrite the screen), a CSV
(where ``=cmd|...`` is a spreadsheet formula), a calendar (whose clients reject a file with a
control character) and Markdown (where ``<script>`` is HTML). Input refuses control characters
(:func:`check_text`); each output escapes what its format gives meaning to, so text that came in
another way (an old file) is shown as text too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from planner.errors import UsageError
from planner.limits import (
    FIRST_DATE,
    LAST_DATE,
    MAX_LOAD,
    MAX_REPS,
    MAX_SECONDS,
    MAX_SETS,
    text_problem,
)


def check_text(text: str, flag: str, *, note: bool = False) -> str:
    """``text`` as typed for ``flag`` (a name, or with ``note`` a note), or a one-line error
    naming the flag: no control characters (a note may hold line breaks and tabs), a name at
    most 100 characters."""
    problem = text_problem(text, note=note)
    if problem:
        raise UsageError(f"{flag}: {problem}")
    return text


def parse_date(text: str, flag: str) -> dt.date:
    """An ISO date from 1900 to 2200, or a clear error naming ``flag``."""
    try:
        date = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"{flag}: {text!r} is not a date (use YYYY-MM-DD, e.g. 2026-12-01)"
        ) from None
    if not FIRST_DATE <= date <= LAST_DATE:
        raise UsageError(f"{flag}: {date} is outside {FIRST_DATE.year}–{LAST_DATE.year}")
    return date


TINY = 1e-6
"""The smallest non-zero number a flag or file takes (1e-320 would underflow arithmetic)."""


def check_logged(
    unit: str,
    reps: Mapping[str, Sequence[int]],
    loads: Mapping[str, float],
    seconds: Mapping[str, Sequence[int]],
) -> None:
    """The values of ``done --reps/--load/--seconds`` within the model's bounds, or a one-line
    error naming the flag and the exercise."""
    limit = MAX_LOAD[unit]
    for flag, given, most in (("--reps", reps, MAX_REPS), ("--seconds", seconds, MAX_SECONDS)):
        for exercise, values in given.items():
            if len(values) > MAX_SETS:
                raise UsageError(f"{flag} {exercise}: at most {MAX_SETS} sets")
            if any(value > most for value in values):
                raise UsageError(f"{flag} {exercise}: at most {most} a set")
    for exercise, load in loads.items():
        if load > limit:
            raise UsageError(f"--load {exercise}: at most {limit:g} {unit}")


def parse_number(text: str, flag: str, *, whole: bool = False) -> float:
    """A non-negative number (a whole one when ``whole``), or a clear error naming ``flag``."""
    try:
        value = float(text)
    except ValueError:
        raise UsageError(f"{flag}: {text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise UsageError(f"{flag}: {text!r} is not a number")
    if value < 0:
        raise UsageError(f"{flag}: {text} must not be negative")
    if 0 < value < TINY:
        raise UsageError(
            f"{flag}: {text} is too small to mean anything; use 0 or at least {TINY:f}"
        )
    if whole and value != int(value):
        raise UsageError(f"{flag}: {text} must be a whole number")
    return value


# A pattern, compiled on first use (re's cache) rather than on every start-up.
_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"


def visible(text: str) -> str:
    """``text`` safe for a terminal: every control character but line break and tab shown as
    its code (``\\x1b``), so nothing in a note can move the cursor or change colours."""
    if text.isprintable():  # (no control character at all: the common case, found in C)
        return text
    return re.sub(_CONTROL, lambda m: f"\\x{ord(m.group()):02x}", text)


def one_line(text: str) -> str:
    """:func:`visible`, with line breaks and tabs as spaces (a table cell, a calendar summary)."""
    return visible(text).replace("\r\n", " ").replace("\n", " ").replace("\t", " ")


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: one starting like a formula (``=``, ``+``,
    ``-``, ``@``) gets a leading apostrophe (OWASP's advice), control characters their code.
    Numbers are written by the exporter, never through here, so ``-5`` stays a number."""
    text = visible(text)
    return "'" + text if text.startswith(_FORMULA) else text


# A pattern, compiled on first use (re's cache) rather than on every start-up.
_MARKDOWN = r"([\\`*_{}\[\]<>|#!~])"
_MARKDOWN_CHARS = frozenset("\\`*_{}[]<>|#!~&")
"""The characters :func:`markdown` escapes."""


def markdown(text: str) -> str:
    """Text for Markdown (a table cell or a line): every character Markdown or HTML gives a
    meaning escaped with a backslash (``<`` too, so raw HTML never passes), line breaks as
    spaces, control characters as their code."""
    line = one_line(text)
    if _MARKDOWN_CHARS.isdisjoint(line):  # (nothing to escape: most names and numbers)
        return line
    return re.sub(_MARKDOWN, r"\\\1", line).replace("&", "&amp;")
