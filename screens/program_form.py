"""The program editor's form and tree, built with their values in place.

The editor used to compose an empty form, then on mount set every field, enable or disable
each (a restyle each), remove and mount the rule's parameters, and fill the tree: a second
layout of about fifty widgets before the first frame. Here the form's widgets are made with
their value and state, once, in ``compose``; fields are one line each (compact Inputs) and the
rule's kind is a :class:`~screens.choice.Choice` (one widget, not Select's six).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import attrs
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from rules.kinds import RULE_KINDS
from screens.choice import Choice
from screens.slot_tree import SlotTree

SLOT_FIELDS: tuple[tuple[str, str], ...] = (
    ("exercise", "Exercise id"),
    ("sets", "Sets"),
    ("reps", "Reps"),
    ("seconds", "Seconds"),
    ("load", "Starting load"),
    ("rest", "Rest (s)"),
)
"""The slot's own fields: (key in the TOML, label)."""


def parse(text: str) -> Any:
    """A field's text as TOML would have it: a number, a list (JSON), or the text itself."""
    text = text.strip()
    if text == "":
        return None
    for convert in (int, float, json.loads):
        try:
            return convert(text)
        except (ValueError, TypeError):
            continue
    return text


def show(value: Any) -> str:
    """A value as its field shows it (lists as JSON, nothing as an empty field)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return json.dumps(value)
    return str(value)


def fill_tree(tree: SlotTree, data: dict[str, Any], pid: str | None) -> None:
    """The program's days, each with its slots (``exercise · rule kind``, fitted to the
    tree's width), all open."""
    tree.clear()
    tree.root.label = str(data.get("name", pid))
    tree.root.expand()
    for d, day in enumerate(data["days"]):
        node = tree.root.add(f"Day {day.get('name', d + 1)}", data=(d, -1), expand=True)
        for s, slot in enumerate(day.get("slots", [])):
            kind = slot.get("rule", {}).get("kind", "?")
            tree.add_slot(node, slot.get("exercise", "?"), kind, (d, s))
    tree.relabel()


def field(
    label: str, widget_id: str, value: str, editable: bool, classes: str = ""
) -> Iterator[Widget]:
    """A label, its one-line field, and the line its problem is shown on.

    The field is one line by the editor's CSS (``.field``), not ``Input(compact=True)``: that
    reactive restyles the Input before it is mounted (a whole stylesheet pass per field, ~2 ms
    each), and a class given to the constructor costs nothing until it is mounted.
    """
    yield Label(label)
    yield Input(value, id=widget_id, classes=f"field {classes}".strip(), disabled=not editable)
    yield Static("", classes="error", id=f"{widget_id}-error")


def rule_params(kind: str, rule: dict[str, Any], editable: bool) -> list[Widget]:
    """A field per parameter of the rule kind, with the rule's value or the kind's default."""
    widgets: list[Widget] = []
    for param in attrs.fields(RULE_KINDS[kind]):
        default = param.default if param.default is not attrs.NOTHING else None
        if isinstance(default, tuple):
            default = [list(x) if isinstance(x, tuple) else x for x in default]
        value = show(rule.get(param.name, default))
        label = param.name.replace("_", " ")
        widgets.extend(field(label, f"rule-{param.name}", value, editable, "rule-param"))
    return widgets


def kind_choice(kind: str, editable: bool) -> Choice:
    """The rule's kind, one of the engine's."""
    choice = Choice([(k, k) for k in RULE_KINDS], value=kind, id="rule-kind")
    choice.disabled = not editable
    return choice


def form(
    heading: str, day: dict[str, Any] | None, slot: dict[str, Any] | None, editable: bool
) -> Iterator[Widget]:
    """The form of one slot (empty fields when there is none), ready to show."""
    yield Static(heading, id="heading")
    yield from field("Day name", "day-name", str(day.get("name", "")) if day else "", editable)
    for name, label in SLOT_FIELDS:
        yield from field(label, f"slot-{name}", show(slot.get(name)) if slot else "", editable)
    rule = (slot or {}).get("rule", {})
    kind = rule.get("kind", "linear")
    yield Label("Progression rule")
    yield kind_choice(kind, editable)
    yield Vertical(*rule_params(kind, rule, editable), id="rule-params")
    yield Static("", classes="error", id="rule-error")
    yield Static("", classes="error", id="general-error")
    yield Button("Save program", variant="primary", id="save", disabled=not editable)
