"""Conversion between the model and TOML-ready dicts (cattrs), with errors a person can act on.

Every problem is reported as ``field path: message`` (``log[3].pain: must be at most 10, not 11``);
the storage layer turns the path into a line and column of the file.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from planner.model import (
    OPTIONAL,
    InvalidValue,
    LoggedExercise,
    LoggedSet,
    Plan,
    Program,
    rule_from_params,
)
from rules.kinds import Rule

if TYPE_CHECKING:
    import cattrs

T = TypeVar("T")


@cache
def converter() -> cattrs.Converter:
    """The one converter: forbids unknown keys, keeps TOML dates (imported on first use: a
    plan read from the cache, or a session logged, never needs it)."""
    from cattrs.preconf.tomllib import make_converter

    conv = make_converter(forbid_extra_keys=True)
    conv.register_structure_hook(Rule, lambda value, _: _rule(value))
    conv.register_structure_hook(dt.date, lambda value, _: _date(value))
    # TOML has real types: "5" is not a number and 1 is not true, so nothing is coerced.
    conv.register_structure_hook(int, lambda value, _: _strict(value, int, "a whole number"))
    conv.register_structure_hook(
        float, lambda value, _: float(_strict(value, (int, float), "a number"))
    )
    conv.register_structure_hook(str, lambda value, _: _strict(value, str, "text"))
    conv.register_structure_hook(bool, lambda value, _: _strict(value, bool, "true or false"))
    conv.register_structure_hook_func(lambda kind: kind == REPS, lambda value, _: _reps(value))
    # Years of history repeat the same sets (5×5 @ 100 kg) endlessly: equal logged sets and
    # exercises become one object each, which keeps memory and the plan cache small.
    for cls in (LoggedSet, LoggedExercise):
        built = conv.get_structure_hook(cls)
        conv.register_structure_hook(
            cls, lambda value, kind, built=built: _SHARED.setdefault(x := built(value, kind), x)
        )
    return conv


_SHARED: dict[object, Any] = {}
"""Equal values structured while a plan is read, one object each (emptied after each plan)."""


def _strict(value: Any, types: type | tuple[type, ...], name: str) -> Any:
    if isinstance(value, bool) and types is not bool:
        raise ValueError(f"must be {name}, not {str(value).lower()}")
    if not isinstance(value, types):
        raise ValueError(f"must be {name}, not {value!r}")
    return value


REPS = int | tuple[int, ...] | None
"""A slot's reps: the same for every set, or one per set (a pyramid)."""


def _reps(value: Any) -> int | tuple[int, ...]:
    if isinstance(value, list):
        return tuple(_strict(item, int, "a whole number") for item in value)
    return int(_strict(value, int, "a whole number, or one per set like [6, 4, 2]"))


def _rule(value: Any) -> Rule:
    if not isinstance(value, dict):
        raise ValueError(
            "must be a table with a 'kind' (linear, double, wave, stages, hold, volume, fixed)"
        )
    try:
        return rule_from_params(value)
    except TypeError as exc:
        raise ValueError(_type_message(str(exc))) from exc


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"must be a date like 2026-12-01, not {value!r}")


def _type_message(text: str) -> str:
    return re.sub(r"^.*__init__\(\) ", "", text)


def _plain(value: Any) -> Any:
    """Model values as TOML-ready data: attrs classes as tables (rules as their parameters),
    tuples as arrays, absent values (TOML has no null) and empty optional collections left out."""
    if isinstance(value, Rule):
        return _plain(value.params())
    if attrs.has(type(value)):
        out = {}
        for field in attrs.fields(type(value)):
            item = _plain(getattr(value, field.name))
            if item is None or item == "" or item == [] or item == {}:
                continue
            if field.metadata.get(OPTIONAL) and item == field.default:
                continue  # (a field added later: files without it stay as they were)
            out[field.name] = item
        return out
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def to_data(obj: Any) -> dict[str, Any]:
    """A TOML-ready dict of a plan, program or log entry (without ``schema_version``, which
    storage adds)."""
    data: dict[str, Any] = _plain(obj)
    return data


@cache
def _builtin() -> tuple[list[tuple[re.Pattern[str], str]], re.Pattern[str]]:
    """attrs' and cattrs' own messages, and how to say them (compiled when first needed)."""
    builtin = [
        (re.compile(r"^'(\w+)' must be <= (\S+): (.*)$"), "must be at most {1}, not {2}"),
        (re.compile(r"^'(\w+)' must be >= (\S+): (.*)$"), "must be at least {1}, not {2}"),
        (re.compile(r"^'(\w+)' must be > (\S+): (.*)$"), "must be more than {1}, not {2}"),
        (re.compile(r"^'(\w+)' must be < (\S+): (.*)$"), "must be less than {1}, not {2}"),
        (re.compile(r"^'(\w+)' must be in (.*): (.*)$"), "must be one of {1}, not {2}"),
        (re.compile(r"^Length of '(\w+)' must be >= (\d+): .*$"), "needs at least {1} item(s)"),
    ]
    return builtin, re.compile(r"^(\S+) not in literal typing.Literal\[(.*)\]$")


def _leaf(exc: BaseException) -> tuple[str | None, str]:
    """(field name if the message names one, a readable message) for one failure."""
    from cattrs.errors import ForbiddenExtraKeysError

    if isinstance(exc, InvalidValue):
        return exc.field, exc.message
    text = str(exc)
    builtin, literal_pattern = _builtin()
    literal = literal_pattern.match(text)
    if literal:
        return None, f"must be one of {literal.group(2)}, not {literal.group(1)!r}"
    for pattern, template in builtin:
        match = pattern.match(text)
        if match:
            return match.group(1), template.format(*match.groups())
    if isinstance(exc, KeyError):
        return str(exc.args[0]) if exc.args else None, "is required"
    if isinstance(exc, ForbiddenExtraKeysError):
        return None, f"unknown key(s): {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, TypeError):
        missing = re.search(r"missing \d+ required (?:keyword-only )?argument[s]?: (.*)$", text)
        if missing:
            names = re.findall(r"'(\w+)'", missing.group(1))
            return (names[0] if names else None), "is required"
        return None, _type_message(text)
    return None, text


def _join(path: str, name: str | int) -> str:
    if isinstance(name, int):
        return f"{path}[{name}]"
    return f"{path}.{name}" if path else name


def problems(exc: BaseException, path: str = "") -> list[tuple[str, str]]:
    """Every (field path, message) in a cattrs error tree."""
    from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

    out: list[tuple[str, str]] = []
    if isinstance(exc, ClassValidationError | IterableValidationError):
        for sub in exc.exceptions:
            where = path
            for note in getattr(sub, "__notes__", []):
                if hasattr(note, "name"):
                    where = _join(path, note.name)
                elif hasattr(note, "index"):
                    where = _join(path, note.index)
            if where == path and isinstance(sub, KeyError):
                where = _join(path, str(sub.args[0]))
                out.append((where, "is required"))
                continue
            if isinstance(sub, ClassValidationError | IterableValidationError):
                out.extend(problems(sub, where))
                continue
            if isinstance(sub, ForbiddenExtraKeysError):
                for key in sorted(sub.extra_fields):
                    out.append((_join(where, key), "unknown key"))
                continue
            name, message = _leaf(sub)
            if name and not where.endswith(name):
                where = _join(where, name)
            out.append((where, message if message else "invalid value"))
        return out
    if isinstance(exc, ForbiddenExtraKeysError):
        return [(_join(path, key), "unknown key") for key in sorted(exc.extra_fields)]
    name, message = _leaf(exc)
    return [(_join(path, name) if name else path, message)]


def from_data(data: dict[str, Any], cls: type[T]) -> T:
    """Structure ``data`` into ``cls``; raises :class:`FieldProblems` listing every problem found."""
    from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

    try:
        return converter().structure(data, cls)
    except (
        ClassValidationError,
        IterableValidationError,
        ForbiddenExtraKeysError,
        ValueError,
        TypeError,
        KeyError,
    ) as exc:
        found = problems(exc)
    # A nested failure stops cattrs before the outer validators run; check each field on its
    # own as well, so `workout validate` reports every problem in one go.
    found += _field_checks(data, cls, "")
    unique = tuple(dict.fromkeys(found))
    raise FieldProblems(unique) from None


def _field_checks(data: Any, cls: type, path: str) -> list[tuple[str, str]]:
    if not isinstance(data, dict) or not attrs.has(cls):
        return []
    attrs.resolve_types(cls)
    conv = converter()
    out: list[tuple[str, str]] = []
    for field in attrs.fields(cls):
        if field.name not in data:
            continue
        value, where = data[field.name], _join(path, field.name)
        inner = _attrs_items(field.type)
        if inner is not None:
            if isinstance(value, list):
                for index, item in enumerate(value):
                    out += _field_checks(item, inner, _join(where, index))
            else:
                out += _field_checks(value, inner, where)
            continue
        if field.validator is None:
            continue
        try:
            structured = conv.structure(value, field.type)
            field.validator(None, field, structured)
        except Exception as exc:
            for sub_path, message in problems(exc, path):
                out.append((where if sub_path == path else sub_path, message))
    return out


def _attrs_items(annotation: Any) -> type | None:
    """The attrs class of a field typed ``SomeClass`` or ``tuple[SomeClass, ...]``."""
    if isinstance(annotation, type) and attrs.has(annotation):
        return annotation
    args = getattr(annotation, "__args__", ())
    if getattr(annotation, "__origin__", None) is tuple and args and attrs.has(args[0]):
        found: type = args[0]
        return found
    return None


class FieldProblems(ValueError):
    """Validation problems as ``(field path, message)`` pairs; storage adds file, line and column."""

    def __init__(self, items: tuple[tuple[str, str], ...]) -> None:
        super().__init__(
            "; ".join(f"{field}: {message}" if field else message for field, message in items)
        )
        self.items = items


def plan_from_data(data: dict[str, Any]) -> Plan:
    """A plan from its TOML dict (``schema_version`` ignored here)."""
    try:
        return from_data({k: v for k, v in data.items() if k != "schema_version"}, Plan)
    finally:
        _SHARED.clear()


def program_from_data(data: dict[str, Any]) -> Program:
    """A program from its TOML dict (``schema_version`` ignored here)."""
    return from_data({k: v for k, v in data.items() if k != "schema_version"}, Program)
