"""What a valid value is: the validators the model's fields use, for files, flags and forms alike.

A validator raises :class:`InvalidValue` naming the field, so a message can say where the problem
is (``days: unknown weekday 'mnd'``); :mod:`planner.convert` turns it into a file, line and field.
"""

from __future__ import annotations

import re
from typing import Any, Literal

import attrs
from attrs import validators as v

from planner.limits import (
    FIRST_DATE,
    LAST_DATE,
    text_problem,
)
from rules.engine import WEEKDAYS
from rules.pain import DEFAULT_RED_FLAG_WORDS, WHERES

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ExerciseKind = Literal["load", "reps", "hold", "stretch"]
EXERCISE_KINDS: tuple[str, ...] = ("load", "reps", "hold", "stretch")


class InvalidValue(ValueError):
    """A validator's complaint about one field, so messages can name it (``days: unknown …``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _slug(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not SLUG.match(value):
        raise InvalidValue(
            attribute.name,
            f"{value!r} is not a slug (lowercase letters, digits and dashes, e.g. 'bench-press')",
        )


def _weekday(instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for day in value:
        if day not in WEEKDAYS:
            raise InvalidValue(
                attribute.name, f"unknown weekday {day!r} (use {', '.join(WEEKDAYS)})"
            )
    if len(set(value)) != len(value):
        raise InvalidValue(attribute.name, "a weekday is listed twice")
    if not value:
        raise InvalidValue(attribute.name, "at least one training weekday is needed")


def _optional_non_negative(
    instance: object, attribute: attrs.Attribute[Any], value: float | None
) -> None:
    if value is not None and value < 0:
        raise InvalidValue(attribute.name, f"must not be negative, not {value}")


def _one_line(attribute: attrs.Attribute[str], value: str) -> None:
    problem = text_problem(value)
    if problem:
        raise InvalidValue(attribute.name, problem)


def _name(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    _one_line(attribute, value)


def _note(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    problem = text_problem(value, note=True)
    if problem:
        raise InvalidValue(attribute.name, problem)


def _date_in_range(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not FIRST_DATE <= value <= LAST_DATE:
        raise InvalidValue(attribute.name, f"{value} is outside {FIRST_DATE.year}–{LAST_DATE.year}")


def _up_to(limit: float) -> Any:
    return v.optional(v.le(limit))


_non_negative = v.ge(0)
_positive = v.gt(0)
OPTIONAL = "optional"
"""Field metadata: left out of files when it has its default value."""


def _reps(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, int) and value <= 0:
        raise InvalidValue(attribute.name, f"must be more than 0, not {value}")


PAIN_RANGE = range(0, 11)
"""Pain is rated 0 (none) to 10 (the worst): logged with a session, and a program's threshold."""
_pain_scale = v.and_(v.ge(PAIN_RANGE[0]), v.le(PAIN_RANGE[-1]))
_pain = v.optional(_pain_scale)
_where = v.in_(("", *WHERES))
RED_FLAG_WORDS = DEFAULT_RED_FLAG_WORDS
"""The red-flag words of a program that lists none (:mod:`rules.pain`)."""
