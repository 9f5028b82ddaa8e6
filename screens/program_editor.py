"""The program editor: browse programs, copy one, edit its days, slots and rules, save it as your own.

The program being edited is kept as its TOML dict; every change goes into the dict and the whole
program is validated by :func:`planner.convert.program_from_data`, exactly as a file would be.
Each problem is shown beside its field. Built-in programs are read-only: copy one to edit it.
"""

from __future__ import annotations

import copy
import json
from typing import Any, ClassVar

import attrs
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Select, Static, Tree
from textual.widgets.option_list import Option

from planner import actions, catalog
from planner.convert import FieldProblems, program_from_data
from planner.errors import WorkoutError
from planner.files import program_data
from planner.program import Program
from rules.kinds import RULE_KINDS
from screens.keybar import KeyBar
from screens.slot_tree import SlotTree
from screens.titlebar import TitleBar

SLOT_FIELDS: tuple[tuple[str, str], ...] = (
    ("exercise", "Exercise id"),
    ("sets", "Sets"),
    ("reps", "Reps"),
    ("seconds", "Seconds"),
    ("load", "Starting load"),
    ("rest", "Rest (s)"),
)


def _parse(text: str) -> Any:
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


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return json.dumps(value)
    return str(value)


class ProgramEditorScreen(Screen[None]):
    """Built-in and user programs; edit a user program's days, slots and rules."""

    CSS_PATH = "program_editor.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+d", "copy", "Copy"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sources: dict[str, str] = {}
        """Program id → ``built-in`` or ``user``."""
        self.programs: dict[str, Program] = {}
        """Program id → the program as the catalog has it."""
        self.drafts: dict[str, dict[str, Any]] = {}
        """Program id → its TOML dict, as edited (made when the program is first shown)."""
        self.current: str | None = None
        """The program shown."""
        self.slot: tuple[int, int] | None = None
        """(day, slot) being edited."""

    def compose(self) -> ComposeResult:
        """Programs | days and slots | the slot's form (disabled until a program of the user's
        is shown: each widget enabled or disabled restyles, and a built-in is shown first)."""
        yield TitleBar()
        with Horizontal(id="editor"):
            with Vertical(id="programs-box"):
                yield Label("Programs", classes="section")
                yield OptionList(id="programs")
                yield Button("Copy to edit", id="copy")
            with Vertical(id="tree-box"):
                yield Label("Days and exercises", classes="section")
                yield SlotTree("program", id="days")
                with Horizontal(classes="row-buttons"):
                    yield Button("+ Slot", id="add-slot", disabled=True)
                    yield Button("− Slot", id="remove-slot", disabled=True)
            with VerticalScroll(id="form"):
                yield Static("", id="heading")
                yield Label("Day name")
                yield Input(id="day-name", disabled=True)
                yield Static("", classes="error", id="day-name-error")
                for name, label in SLOT_FIELDS:
                    yield Label(label)
                    yield Input(id=f"slot-{name}", disabled=True)
                    yield Static("", classes="error", id=f"slot-{name}-error")
                yield Label("Progression rule")
                yield Select(
                    [(kind, kind) for kind in RULE_KINDS],
                    allow_blank=False,
                    id="rule-kind",
                    disabled=True,
                )
                yield Vertical(id="rule-params")
                yield Static("", classes="error", id="rule-error")
                yield Static("", classes="error", id="general-error")
                yield Button("Save program", variant="primary", id="save", disabled=True)
        yield KeyBar()

    async def on_mount(self) -> None:
        """List the catalog."""
        await self._load_catalog()

    async def _load_catalog(self, select: str | None = None) -> None:
        try:
            entries = catalog.entries()
        except WorkoutError as error:
            self.notify(str(error), title="A program file has a problem", severity="error")
            entries = {}
        for pid, entry in entries.items():
            self.sources[pid] = entry.source
            self.programs[pid] = entry.program
        await self._refresh_list(select or next(iter(self.sources), None))

    async def _refresh_list(self, select: str | None) -> None:
        options = self.query_one("#programs", OptionList)
        options.clear_options()
        for pid, source in self.sources.items():
            name = (
                self.drafts[pid].get("name", pid) if pid in self.drafts else self.programs[pid].name
            )
            options.add_option(Option(f"{name}  [{source}]", id=pid))
        if select is not None:
            options.highlighted = list(self.sources).index(select)
            await self._open(select)

    @on(OptionList.OptionHighlighted, "#programs")
    async def _program_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None and event.option.id != self.current:
            await self._open(event.option.id)

    @property
    def data(self) -> dict[str, Any]:
        """The TOML dict of the program shown."""
        assert self.current is not None
        if self.current not in self.drafts:  # (each program converted when first shown)
            self.drafts[self.current] = program_data(self.programs[self.current])
        return self.drafts[self.current]

    @property
    def editable(self) -> bool:
        """Only the user's own programs are edited; built-ins are copied first."""
        return self.current is not None and self.sources.get(self.current) == "user"

    async def _open(self, pid: str) -> None:
        self.current = pid
        self._refresh_tree()
        self.slot = (0, 0) if self.data["days"] and self.data["days"][0]["slots"] else None
        await self._fill_form()

    def _refresh_tree(self) -> None:
        tree = self.query_one("#days", SlotTree)
        tree.clear()
        tree.root.label = str(self.data.get("name", self.current))
        tree.root.expand()
        for d, day in enumerate(self.data["days"]):
            node = tree.root.add(f"Day {day.get('name', d + 1)}", data=(d, -1), expand=True)
            for s, slot in enumerate(day.get("slots", [])):
                kind = slot.get("rule", {}).get("kind", "?")
                tree.add_slot(node, slot.get("exercise", "?"), kind, (d, s))
        tree.relabel()

    @on(Tree.NodeSelected, "#days")
    async def _node_selected(self, event: Tree.NodeSelected[tuple[int, int]]) -> None:
        if event.node.data is None:
            return
        day, slot = event.node.data
        if slot < 0:
            slot = 0 if self.data["days"][day].get("slots") else -1
        self.slot = (day, slot) if slot >= 0 else None
        await self._fill_form()

    # The form ----------------------------------------------------------------------------

    def _slot_dict(self) -> dict[str, Any] | None:
        if self.slot is None:
            return None
        day, slot = self.slot
        slots: list[dict[str, Any]] = self.data["days"][day]["slots"]
        return slots[slot] if slot < len(slots) else None

    async def _fill_form(self) -> None:
        slot = self._slot_dict()
        source = self.sources.get(self.current or "", "")
        heading = f"{self.data.get('name')} ({self.current}, {source})"
        if not self.editable:
            heading += " · built-in: copy it to edit"
        self.query_one("#heading", Static).update(heading)
        day = self.data["days"][self.slot[0]] if self.slot else None
        with self.prevent(Input.Changed, Select.Changed):
            self.query_one("#day-name", Input).value = str(day.get("name", "")) if day else ""
            for name, _ in SLOT_FIELDS:
                self.query_one(f"#slot-{name}", Input).value = _show(slot.get(name)) if slot else ""
            kind = (slot or {}).get("rule", {}).get("kind", "linear")
            self.query_one("#rule-kind", Select).value = kind
        await self._build_params(kind, (slot or {}).get("rule", {}))
        for widget in self.query("#form Input, #form Select, #save, #add-slot, #remove-slot"):
            widget.disabled = not self.editable
        self.query_one("#copy").disabled = self.current is None
        self._clear_errors()

    async def _build_params(self, kind: str, rule: dict[str, Any]) -> None:
        box = self.query_one("#rule-params", Vertical)
        await box.remove_children()
        cls = RULE_KINDS[kind]
        widgets: list[Widget] = []
        for field in attrs.fields(cls):
            default = field.default if field.default is not attrs.NOTHING else None
            if isinstance(default, tuple):
                default = [list(x) if isinstance(x, tuple) else x for x in default]
            value = rule.get(field.name, default)
            widgets.append(Label(field.name.replace("_", " ")))
            widgets.append(
                Input(
                    _show(value),
                    id=f"rule-{field.name}",
                    classes="rule-param",
                    disabled=not self.editable,
                )
            )
            widgets.append(Static("", classes="error", id=f"rule-{field.name}-error"))
        await box.mount_all(widgets)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        if not self.editable or event.input.id is None:
            return
        slot = self._slot_dict()
        name = event.input.id
        if name == "day-name" and self.slot is not None:
            self.data["days"][self.slot[0]]["name"] = event.value.strip()
        elif slot is not None and name.startswith("slot-"):
            key = name.removeprefix("slot-")
            value = event.value.strip() if key == "exercise" else _parse(event.value)
            if value is None or value == "":
                slot.pop(key, None)
            else:
                slot[key] = value
        elif slot is not None and name.startswith("rule-"):
            key = name.removeprefix("rule-")
            value = _parse(event.value)
            if value is None:
                slot.setdefault("rule", {}).pop(key, None)
            else:
                slot.setdefault("rule", {})[key] = value

    @on(Select.Changed, "#rule-kind")
    async def _kind_changed(self, event: Select.Changed) -> None:
        slot = self._slot_dict()
        if not self.editable or slot is None or not isinstance(event.value, str):
            return
        if slot.get("rule", {}).get("kind") != event.value:
            slot["rule"] = {"kind": event.value}
            await self._build_params(event.value, slot["rule"])
            self._refresh_tree()

    # Actions -----------------------------------------------------------------------------

    @on(Button.Pressed, "#copy")
    async def action_copy(self) -> None:
        """Copy the program shown into a new user program, ready to edit."""
        if self.current is None:
            return
        base = f"{self.current.removesuffix('-copy')}-copy"
        new_id, counter = base, 2
        while new_id in self.sources:
            new_id, counter = f"{base}-{counter}", counter + 1
        data = copy.deepcopy(self.data)
        data["id"] = new_id
        data["name"] = f"{data.get('name', self.current)} (copy)"
        self.drafts[new_id] = data
        self.sources[new_id] = "user"
        await self._refresh_list(new_id)
        self.notify(f"Copied to {new_id!r}: edit it, then save (Ctrl+S).")

    @on(Button.Pressed, "#add-slot")
    async def _add_slot(self) -> None:
        if not self.editable or self.slot is None:
            return
        day, slot = self.slot
        slots = self.data["days"][day]["slots"]
        new = (
            copy.deepcopy(slots[slot])
            if slots
            else {"exercise": "new-exercise", "sets": 1, "rule": {"kind": "fixed"}}
        )
        slots.insert(slot + 1, new)
        self.slot = (day, slot + 1)
        self._refresh_tree()
        await self._fill_form()

    @on(Button.Pressed, "#remove-slot")
    async def _remove_slot(self) -> None:
        if not self.editable or self.slot is None:
            return
        day, slot = self.slot
        slots = self.data["days"][day]["slots"]
        if len(slots) <= 1:
            self._show_error("general", "A day needs at least one exercise.")
            return
        slots.pop(slot)
        self.slot = (day, max(0, slot - 1))
        self._refresh_tree()
        await self._fill_form()

    def _clear_errors(self) -> None:
        for widget in self.query(".error"):
            if isinstance(widget, Static):
                widget.update("")

    def _show_error(self, field: str, message: str) -> None:
        widgets = self.query(f"#{field}-error")
        if widgets:
            widget = widgets.first()
            if isinstance(widget, Static):
                widget.update(message)
                return
        general = self.query_one("#general-error", Static)
        general.update(f"{general.render()}\n{message}".strip())

    def _widget_for(self, path: str) -> str:
        """The form field a problem's path points at (``general`` when it is elsewhere)."""
        if self.slot is not None:
            day, slot = self.slot
            prefix = f"days[{day}].slots[{slot}]"
            if path == f"days[{day}].name":
                return "day-name"
            if path.startswith(prefix + ".rule."):
                return f"rule-{path.removeprefix(prefix + '.rule.')}"
            if path == prefix + ".rule":
                return "rule"
            if path.startswith(prefix + "."):
                return f"slot-{path.removeprefix(prefix + '.')}"
        return "general"

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Validate the whole program; save it to your programs if it is valid."""
        if not self.editable:
            self.notify("Built-in programs are read-only: copy one to edit it.", severity="warning")
            return
        self._clear_errors()
        assert self.current is not None
        data = self.drafts[self.current] = actions.list_slot_exercises(self.data)
        try:
            program = program_from_data(data)
        except FieldProblems as problems:
            for path, message in problems.items:
                target = self._widget_for(path)
                self._show_error(target, message if target != "general" else f"{path}: {message}")
            self.notify("Not saved: see the messages beside the fields.", severity="error")
            return
        self._save(program)

    @work(thread=True, exclusive=True, exit_on_error=False, description="save program")
    def _save(self, program: Any) -> None:
        try:
            path = catalog.save_user_program(program)
        except WorkoutError as error:
            self.app.call_from_thread(self._show_error, "general", str(error))
            return
        self.app.call_from_thread(self.notify, f"Saved {program.id!r} to {path}.")
        self.app.call_from_thread(self._refresh_tree)
