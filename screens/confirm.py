"""A small modal question: confirm a change, optionally with one line of input (a date, a note)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

Check = Callable[[str], str | None]
"""Returns a one-line problem with the typed text, or None when it is fine."""


class ConfirmScreen(ModalScreen[str | None]):
    """Ask before a change is saved.

    Dismisses with the typed text ("" when there is no input field) when confirmed, and with
    None when cancelled. A ``check`` keeps the dialog open and shows its message beside the field.
    """

    CSS_PATH = "confirm.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("y", "confirm", "Yes", show=False),
        Binding("n", "cancel", "No", show=False),
    ]

    def __init__(
        self,
        title: str,
        body: str = "",
        *,
        yes: str = "Yes",
        no: str = "Cancel",
        field: str | None = None,
        value: str = "",
        check: Check | None = None,
    ) -> None:
        super().__init__()
        self.question = title
        """The question, in one line."""
        self.body = body
        """What will happen, in a few words."""
        self.yes = yes
        """The label of the confirming button."""
        self.no = no
        """The label of the cancelling button."""
        self.field = field
        """The label of the input field, if the question needs an answer."""
        self.value = value
        """The answer it starts with."""
        self.check = check
        """Validates the answer before the dialog closes."""

    def compose(self) -> ComposeResult:
        """The question, the optional field, two buttons."""
        with Vertical(id="dialog"):
            yield Static(self.question, id="question")
            if self.body:
                yield Static(self.body, id="body")
            if self.field is not None:
                yield Static(self.field, id="field-label")
                yield Input(self.value, id="answer")
                yield Static("", id="error")
            with Horizontal(id="buttons"):
                keys = ("Enter", "Esc") if self.field is not None else ("y", "n")
                yield Button(f"{self.yes} ({keys[0]})", variant="primary", id="yes")
                yield Button(f"{self.no} ({keys[1]})", id="no")

    def on_mount(self) -> None:
        """Focus the field, or the confirming button."""
        if self.field is not None:
            self.query_one("#answer", Input).focus()
        else:
            self.query_one("#yes", Button).focus()

    @on(Button.Pressed, "#yes")
    @on(Input.Submitted, "#answer")
    def action_confirm(self) -> None:
        """Close with the answer, unless the check finds a problem with it."""
        answer = ""
        if self.field is not None:
            answer = self.query_one("#answer", Input).value.strip()
            problem = self.check(answer) if self.check else None
            if problem:
                self.query_one("#error", Static).update(problem)
                self.query_one("#answer", Input).add_class("-invalid")
                return
        self.dismiss(answer)

    @on(Button.Pressed, "#no")
    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)
