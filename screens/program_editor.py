"""The program editor: browse programs, copy one, edit its days, slots and rules, save it as your own.

The program being edited is kept as its TOML dict; every change goes into the dict and the whole
program is validated by :func:`planner.convert.program_from_data`, exactly as a file would be.
Each problem is shown beside its field. Built-in programs are read-only: copy one to edit it.
"""

from __future__ import annotations

import copy
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, OptionList, Static, Tree
from textual.widgets.option_list import Option

from planner import actions, catalog
from planner.convert import FieldProblems, program_from_data
from planner.errors import WorkoutError
from planner.files import program_data
from planner.program import Program
from screens.choice import Choice
from screens.keybar import KeyBar
from screens.program_form import SLOT_FIELDS, fill_tree, form, parse, rule_params, show
from screens.slot_tree import SlotTree
from screens.titlebar import TitleBar


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
        self.form_shown: tuple[str | None, tuple[int, int] | None] | None = None
        """(program, slot) the form was built for; None until it is mounted (after the first
        frame: the list and the tree show at once, the fifty widgets of the form follow)."""

    def compose(self) -> ComposeResult:
        """Programs | days and slots | the slot's form, each built with what it shows (the
        first program's first slot) and its state (a built-in is read-only)."""
        self._load_catalog()
        if self.sources:
            self.current = next(iter(self.sources))
            self.slot = self._first_slot()
        yield TitleBar()
        with Horizontal(id="editor"):
            with Vertical(id="programs-box"):
                yield Label("Programs", classes="section")
                yield OptionList(*self._options(), id="programs")
                yield Button("Copy to edit", id="copy", disabled=self.current is None)
            with Vertical(id="tree-box"):
                yield Label("Days and exercises", classes="section")
                tree = SlotTree("program", id="days")
                if self.current is not None:
                    fill_tree(tree, self.data, self.current)
                yield tree
                with Horizontal(classes="row-buttons"):
                    yield Button("+ Slot", id="add-slot", disabled=not self.editable)
                    yield Button("− Slot", id="remove-slot", disabled=not self.editable)
            yield VerticalScroll(id="form")
        yield KeyBar()

    def on_mount(self) -> None:
        """The form once the first frame is drawn."""
        self.call_after_refresh(self._mount_form)

    async def _mount_form(self) -> None:
        shown = (self.current, self.slot)
        if self.current is None:
            widgets = list(form("", None, None, editable=False))
        else:
            day = self.data["days"][self.slot[0]] if self.slot else None
            widgets = list(form(self._heading(), day, self._slot_dict(), self.editable))
        await self.query_one("#form", VerticalScroll).mount_all(widgets)
        self.form_shown = shown
        if (self.current, self.slot) != shown:  # moved on while it was mounted
            await self._fill_form()

    def _load_catalog(self) -> None:
        try:
            entries = catalog.entries()
        except WorkoutError as error:
            self.notify(str(error), title="A program file has a problem", severity="error")
            entries = {}
        for pid, entry in entries.items():
            self.sources[pid] = entry.source
            self.programs[pid] = entry.program

    def _options(self) -> list[Option]:
        # Content, not a str: a str prompt is parsed as markup, and the "  [built-in]" that
        # followed each name was taken for a style tag (so never shown) and looked up as a
        # colour name with difflib suggestions: ~1 ms an option. The names show as they did.
        return [
            Option(
                Content(
                    str(self.drafts[pid].get("name", pid))
                    if pid in self.drafts
                    else self.programs[pid].name
                ),
                id=pid,
            )
            for pid in self.sources
        ]

    async def _refresh_list(self, select: str | None) -> None:
        options = self.query_one("#programs", OptionList)
        options.clear_options()
        options.add_options(self._options())
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

    def _first_slot(self) -> tuple[int, int] | None:
        return (0, 0) if self.data["days"] and self.data["days"][0]["slots"] else None

    async def _open(self, pid: str) -> None:
        self.current = pid
        self._refresh_tree()
        self.slot = self._first_slot()
        await self._fill_form()

    def _refresh_tree(self) -> None:
        fill_tree(self.query_one("#days", SlotTree), self.data, self.current)

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

    def _heading(self) -> str:
        source = self.sources.get(self.current or "", "")
        heading = f"{self.data.get('name')} ({self.current}, {source})"
        if not self.editable:
            heading += " · built-in: copy it to edit"
        return heading

    async def _fill_form(self) -> None:
        if self.form_shown is None:
            return  # not mounted yet: it is built for what is current when it is
        self.form_shown = (self.current, self.slot)
        slot = self._slot_dict()
        self.query_one("#heading", Static).update(self._heading())
        day = self.data["days"][self.slot[0]] if self.slot else None
        with self.prevent(Input.Changed, Choice.Changed):
            self.query_one("#day-name", Input).value = str(day.get("name", "")) if day else ""
            for name, _ in SLOT_FIELDS:
                self.query_one(f"#slot-{name}", Input).value = show(slot.get(name)) if slot else ""
            kind = (slot or {}).get("rule", {}).get("kind", "linear")
            self.query_one("#rule-kind", Choice).value = kind
        await self._build_params(kind, (slot or {}).get("rule", {}))
        for widget in self.query("#form Input, #form Choice, #save, #add-slot, #remove-slot"):
            widget.disabled = not self.editable
        self.query_one("#copy").disabled = self.current is None
        self._clear_errors()

    async def _build_params(self, kind: str, rule: dict[str, Any]) -> None:
        box = self.query_one("#rule-params", Vertical)
        await box.remove_children()
        await box.mount_all(rule_params(kind, rule, self.editable))

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
            value = event.value.strip() if key == "exercise" else parse(event.value)
            if value is None or value == "":
                slot.pop(key, None)
            else:
                slot[key] = value
        elif slot is not None and name.startswith("rule-"):
            key = name.removeprefix("rule-")
            value = parse(event.value)
            if value is None:
                slot.setdefault("rule", {}).pop(key, None)
            else:
                slot.setdefault("rule", {})[key] = value

    @on(Choice.Changed, "#rule-kind")
    async def _kind_changed(self, event: Choice.Changed) -> None:
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
        if self.form_shown is None:  # (the fields beside which problems show come first)
            self.call_after_refresh(self.action_save)
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
