"""Limits of what a person may write: text that is text, and numbers and dates in bounds.

The model's validators (:mod:`planner.model`), the flags (:mod:`planner.text`) and the checks of
meaning (:mod:`planner.meaning`) all read them from here, so a file and a flag agree.
"""

from __future__ import annotations

import datetime as dt

# Bounds of every number and date a file or a flag may hold (docs/ARCHITECTURE.md, promise R8): wide enough for
# any real training, narrow enough that no arithmetic on them overflows or loses its meaning.
MAX_WEEKS = 1040
"""Twenty years: a phase or a program."""
MAX_SETS = 20
MAX_REPS = 100
MAX_SECONDS = 3600
MAX_LOAD: dict[str, float] = {"kg": 1000.0, "lb": 2200.0}
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2200, 12, 31)


def control_char(text: str, allowed: str = "") -> str | None:
    """The first control character in ``text`` (C0, DEL, C1; ``allowed`` excepted), or None.

    A control character in a note or a name would reach a terminal (an escape sequence can
    rewrite the screen), a CSV or a calendar (clients reject the whole file) raw."""
    for char in text:
        code = ord(char)
        if (code < 32 or 127 <= code < 160) and char not in allowed:
            return char
    return None


def is_one_line(text: str) -> bool:
    """Whether ``text`` can be a title: it heads calendars, exports and tables, where a line
    break or a tab (any control character) would break them."""
    return control_char(text) is None


NOTE_ALLOWED = "\n\t"
"""Control characters a note may hold: line breaks and tabs (a name holds none)."""

MAX_NAME = 100
"""Characters in a name (a plan's, a program's, an exercise's): it heads every view."""


def text_problem(text: str, *, note: bool = False) -> str | None:
    """Why ``text`` cannot be a name (or, with ``note``, a note); None when it can."""
    if any("\ud800" <= char <= "\udfff" for char in text):
        return "is not valid UTF-8 text (check the terminal's encoding)"
    found = control_char(text, NOTE_ALLOWED if note else "")
    if found is not None:
        if note:
            return f"plain text only (line breaks and tabs allowed), not U+{ord(found):04X}"
        return (
            "is one line of plain text (no line breaks, tabs or other control characters), "
            f"not U+{ord(found):04X}"
        )
    if not note and len(text) > MAX_NAME:
        return f"is {len(text)} characters long; at most {MAX_NAME}"
    return None
